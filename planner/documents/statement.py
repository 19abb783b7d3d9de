"""The accessibility statement (tilgængelighedserklæring), written from the last recorded accessibility run.

The browser test (tests/e2e/test_accessibility.py) records what it checked and found in docs/tilgaengelighed-resultat.json
when asked to (KLASSEKIT_A11Y_RESULT=1), and checks on every run that the app still gives that result. The app's
page and docs/tilgaengelighed.md are both made here from that file, so the statement's figures are the last run's,
never written from memory (a test compares docs/tilgaengelighed.md with this function's text).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULT_FILE = ROOT / "docs" / "tilgaengelighed-resultat.json"
STATEMENT_FILE = ROOT / "docs" / "tilgaengelighed.md"

# What Streamlit itself does and the project cannot change; also in README.md ("Tilgængelighed").
KNOWN_EXCEPTIONS = [
    ("Engelske tekster fra Streamlit",
     "Filvælgerens »Drag and drop file here«, »Browse files« og »Limit … per file«, valgfelternes »No results« og "
     "datovælgerens måneds- og ugedagsnavne kommer fra Streamlit og kan ikke oversættes eller markeres som engelsk. "
     "En skærmlæser læser dem med dansk udtale (WCAG 3.1.2 Sprog i dele af indholdet)."),
    ("Tabellen i Årshjul",
     "Tabellen, man retter årshjulet i, er Streamlits regneark (tegnet på et lærred). Den kan bruges med tastaturet "
     "(piletaster, Enter, Escape), men en skærmlæser får kun en forenklet udgave, og axe kan ikke se ind i lærredet. "
     "Det samme årshjul kan hentes som Excel og Word, med tabeller med overskriftsrækker."),
    ("Værktøjstips i diagrammerne",
     "Diagrammerne (tidslinjen og årshjulet) viser detaljer, når musen holdes over et punkt. Diagrammerne har en "
     "tekstbeskrivelse, og alle detaljerne står også i tabellen ved siden af."),
]


def load_result(path: Path = RESULT_FILE) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _date(iso: str) -> str:
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
              "november", "december"]
    d = dt.date.fromisoformat(iso)
    return f"{d.day}. {months[d.month - 1]} {d.year}"


def statement_markdown(result: dict | None) -> str:
    """The statement in Danish markdown, with the figures of the recorded run."""
    lines = [
        "# Tilgængelighedserklæring for Klassekit",
        "",
        "Klassekit skal kunne bruges af alle lærere, elever og forældre – også med skærmlæser, forstørrelse, "
        "tastatur alene eller på en telefon. Erklæringen dækker appen og de dokumenter, den laver "
        "(Word, PowerPoint og PDF). "
        "Målet er WCAG 2.1 niveau AA, som loven om tilgængelighed af offentlige organers websteder og "
        "mobilapplikationer kræver.",
        "",
        "## Overholdelse",
        "",
    ]
    if result is None:
        lines += ["Der er endnu ikke registreret en måling. Kør tilgængelighedstesten (se README).", ""]
    else:
        states = result["states"]
        total = sum(s["violations"] for s in states)
        lines += [
            f"Klassekit overholder **delvist** WCAG 2.1 AA. Den automatiske måling finder "
            f"**{total} fejl** i de {len(states)} sider og tilstande, den tjekker; de kendte "
            "undtagelser nedenfor kommer fra Streamlit, som appen er bygget med.",
            "",
            "## Sådan er det testet",
            "",
            f"Senest målt **{_date(result['date'])}** med axe-core {result['axe_core']} i Chromium "
            f"{result['browser']} (Streamlit {result['streamlit']}). Reglerne er WCAG 2.0 og 2.1, niveau A og AA "
            f"({', '.join(result['tags'])}). Målingen kører automatisk i projektets test (CI) ved hver ændring og "
            "fejler, hvis resultatet ikke længere er det, der står her.",
            "",
            "| Side og tilstand | Skærm | Regler bestået | Fejl |",
            "|---|---|---|---|",
            *[f"| {s['name']} | {s['viewport']} | {s['passes']} | {s['violations']} |" for s in states],
            "",
        ]
        if result.get("exceptions"):
            lines += ["Regler, der er undtaget fra målingen:", ""]
            lines += [f"- `{rule}`: {why}" for rule, why in result["exceptions"].items()]
            lines += [""]
    lines += [
        "Desuden testes automatisk:",
        "",
        "- **Tastatur:** alle knapper, felter og links kan nås med Tab, fokus er synligt, og efter »Lav "
        "lektionsplan« flytter fokus til den nye plans overskrift. Intet kræver en mus (øvelser flyttes med "
        "knapperne »Flyt op« og »Flyt ned«, filer vælges med en knap).",
        "- **Farver:** al tekst har mindst kontrast 4,5:1 (stor tekst 3:1).",
        "- **Diagrammer:** tidslinjen og årshjulet har en tekstbeskrivelse, og det samme indhold står i en tabel.",
        "- **Word-dokumenter** (lærerplan, kort og skilte, elevark – også letlæst –, forældrebrev, plakat, "
        "handleguidens tjekliste, logbog og beredskabsplan, årshjulet): dansk sprog og en titel, rigtige overskrifter "
        "uden sprunget niveau, alternativ tekst på alle billeder og QR-koder, overskriftsrækker i tabeller, kontrast "
        "på al tekst, og farver bærer aldrig en besked alene.",
        "- **Præsentationen til tavlen** (PowerPoint): dansk sprog og en titel, alternativ tekst på alle billeder og "
        "QR-koder, tekst på mindst 24 punkt (brødtekst 28, overskrifter 40) i mørk skrift på hvid baggrund. "
        "»Vis på tavlen« i appen styres med piletaster, Page Up/Page Down og knapper.",
        "- **PDF-filer:** mærkede (tagged PDF, PDF/UA) med dansk sprog og dokumentets titel, tjekket med pdfinfo for "
        "hver slags dokument.",
        "",
        "Appen er ikke testet manuelt med en skærmlæser (fx NVDA, JAWS eller VoiceOver) af personer med handicap. "
        "Automatiske test finder ikke alle problemer.",
        "",
        "## Kendte undtagelser",
        "",
        *[f"- **{title}:** {text}" for title, text in KNOWN_EXCEPTIONS],
        "",
        "## Kontakt",
        "",
        "Oplever du noget i Klassekit, du ikke kan bruge, så skriv til den kommune eller skole, der har givet dig "
        "adgang. Kommunen udfylder her sin kontakt, før erklæringen offentliggøres:",
        "",
        "- Kontakt: *[kommunens tilgængelighedsansvarlige, mail og telefon]*",
        "- Svartid: *[fx inden for 10 arbejdsdage]*",
        "",
        "Får du ikke et tilfredsstillende svar, kan du klage til Digitaliseringsstyrelsen, som fører tilsyn med "
        "offentlige organers tilgængelighed.",
        "",
        "## Om erklæringen",
        "",
        "Tallene ovenfor er skrevet ud fra den seneste registrerede måling "
        "(`docs/tilgaengelighed-resultat.json`), ikke fra hukommelsen. Den samme tekst står på siden "
        "»Tilgængelighed« i appen og i `docs/tilgaengelighed.md`.",
        "",
    ]
    return "\n".join(lines)
