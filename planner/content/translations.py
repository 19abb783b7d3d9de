"""The parent letter in the family's own language: which languages there are, what each translation file holds,
and which Danish texts it must translate.

A translation is content with provenance, like a helpline: one file per language under materials/translations/,
each text keyed to its Danish source and stamped with a hash of that source, so `python -m planner check` can name a
text the translator never saw (missing) and one whose Danish changed after it was translated (stale). Names, phone
numbers, addresses and paragraph numbers are never translated: the check demands every one of them unchanged.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from .models import Strict, Text

TRANSLATION_DIR = Path(__file__).resolve().parents[2] / "materials" / "translations"


@dataclass(frozen=True)
class Language:
    code: str
    name_da: str
    """The language's name in Danish, as the teacher chooses it ('arabisk')."""
    rtl: bool = False
    lang_tag: str = ""
    """The language as Word names it (w:lang), so spelling and hyphenation follow the language."""
    font: str = ""
    """A font with the script (Debian's fonts-noto-core), named in the document so LibreOffice and Word use it."""


LANGUAGES: dict[str, Language] = {x.code: x for x in (
    Language("en", "engelsk", lang_tag="en-GB"),
    Language("ar", "arabisk", rtl=True, lang_tag="ar-SA", font="Noto Naskh Arabic"),
    Language("uk", "ukrainsk", lang_tag="uk-UA"),
    Language("pl", "polsk", lang_tag="pl-PL"),
    Language("so", "somali", lang_tag="so-SO"),
    Language("tr", "tyrkisk", lang_tag="tr-TR"),
)}
MAX_LETTER_LANGUAGES = len(LANGUAGES)

NOTICE_DA = "Oversat uden gennemlæsning af en translatør – det danske brev gælder."
"""Printed, beside its translation, on every letter whose translation a translator has not reviewed."""

LETTER_LABELS: dict[str, str] = {
    "title": "Brev til forældre",
    "heading": "Vi taler om krop, grænser og livet på nettet",
    "greeting_class": "{greeting} i {class_name}",
    "when": "Hvornår:",
    "learns": "Det lærer jeres barn",
    "talk": "Tal med jeres barn",
    "happens": "Hvis der sker noget",
    "help": "Her kan I få hjælp",
    "write": "Skriv på Aula til {teacher}.",
    "teachers": "klassens lærere",
    "regards": "Med venlig hilsen",
    "call": "Ring {phone}",
    "call_sms": "Ring eller sms {phone}",
    "chat": "Chat: {url}",
    "emergency": "Ring {phone}, hvis nogen er i fare lige nu.",
    "emergency_police": "Ring {phone}, hvis nogen er i fare lige nu. Vil du tale med politiet, så ring {police}.",
    "notice": NOTICE_DA,
}
"""The letter's own words around the content texts; {name} marks what the letter fills in (never translated)."""

_PROTECTED = re.compile(r"https?://\S+|[a-z0-9.-]+\.(?:dk|org|com)\b\S*|§\s*\d+\s?[a-z]?|\d[\d ]*\d|\d")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def source_hash(danish: str) -> str:
    """The stamp a translation carries of the Danish it was made from."""
    return hashlib.sha256(" ".join(danish.split()).encode("utf-8")).hexdigest()[:10]


def protected(text: str) -> list[str]:
    """What a translation must keep exactly as in Danish: numbers, addresses, paragraph numbers, placeholders."""
    return sorted(m.strip() for m in _PROTECTED.findall(text)) + sorted(_PLACEHOLDER.findall(text))


class Translated(Strict):
    source: str = Field(pattern=r"^[0-9a-f]{10}$")
    """source_hash of the Danish text this translates."""
    text: Text


class TranslationFile(Strict):
    language: str
    name: Text
    """The language's name in the language itself ('العربية')."""
    status: Literal["unreviewed", "reviewed"]
    reviewed_by: str = ""
    """The translator who read the file against the Danish (with kommune), when status is reviewed."""
    checked: date
    texts: dict[str, Translated]

    @model_validator(mode="after")
    def _reviewer_named(self):
        if self.status == "reviewed" and not self.reviewed_by.strip():
            raise ValueError("status: reviewed kræver reviewed_by: translatørens navn")
        if self.language not in LANGUAGES:
            raise ValueError(f"sproget '{self.language}' er ikke et af de kendte: {', '.join(LANGUAGES)}")
        return self

    @property
    def reviewed(self) -> bool:
        return self.status == "reviewed"


def letter_sources(texts, themes, helplines) -> dict[str, str]:
    """Every Danish text a parent reads in the letter, by key: the letter's texts, each theme's parent text, the
    contacts' descriptions and labels (names, numbers and addresses stay as they are), and the letter's own words."""
    letter = texts.parent_letter
    out = {f"letter.{f}": getattr(letter, f) for f in ("greeting", "intro", "why", "closing")}
    for f in ("talk_tips", "if_something_happens"):
        out |= {f"letter.{f}.{i}": x for i, x in enumerate(getattr(letter, f))}
    out |= {f"theme.{t.id}": t.parent_text or t.title for t in themes}
    wanted = set(letter.contacts) - {"alarm-112"}  # the emergency number is said in its own line (label.emergency)
    for h in helplines:
        if h.id in wanted:
            out[f"contact.{h.id}.purpose"] = h.purpose
            if h.phone_label:
                out[f"contact.{h.id}.phone_label"] = h.phone_label
    out |= {f"label.{k}": v for k, v in LETTER_LABELS.items()}
    return {k: " ".join(v.split()) for k, v in out.items()}


@dataclass(frozen=True)
class Finding:
    language: str
    key: str
    message: str


def findings(sources: dict[str, str], files: dict[str, TranslationFile]) -> list[Finding]:
    """Every missing, stale or damaged translation, in Danish, for `check`."""
    out = []
    for code in LANGUAGES:
        f = files.get(code)
        if f is None:
            out.append(Finding(code, "", "oversættelsesfilen mangler"))
            continue
        for key, danish in sources.items():
            tr = f.texts.get(key)
            if tr is None:
                out.append(Finding(code, key, f"oversættelsen mangler (dansk: »{danish[:60]}«)"))
            elif tr.source != source_hash(danish):
                out.append(Finding(code, key, f"den danske tekst er ændret, efter den blev oversat (dansk nu: "
                                              f"»{danish[:60]}«); oversæt igen og sæt source: {source_hash(danish)}"))
            elif protected(tr.text) != protected(danish):
                out.append(Finding(code, key, f"tal, adresser og {{felter}} skal stå uændret: "
                                              f"{', '.join(protected(danish)) or 'ingen'}"))
        for key in sorted(set(f.texts) - set(sources)):
            out.append(Finding(code, key, "nøglen findes ikke længere i den danske tekst; slet den"))
    return out


@lru_cache(maxsize=4)
def load_files(directory: Path = TRANSLATION_DIR) -> dict[str, TranslationFile]:
    """The translation files as they are on disk (validated; the loader reports a broken one with its line)."""
    from ruamel.yaml import YAML

    out = {}
    for code in LANGUAGES:
        path = directory / f"{code}.yaml"
        if path.is_file():
            out[code] = TranslationFile.model_validate(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    return out


@dataclass(frozen=True)
class Wording:
    """How the letter says things in one language: the translation of a key, or the Danish itself."""

    language: Language | None = None
    file: TranslationFile | None = None
    unchecked: set[str] = field(default_factory=set, compare=False)
    """Keys worded so far whose translation is missing (the Danish is printed) or older than the Danish."""

    def __call__(self, key: str, danish: str | None = None, **fill: str) -> str:
        text = LETTER_LABELS[key[6:]] if danish is None else danish
        if self.file is not None:
            tr = self.file.texts.get(key)
            if tr is None or tr.source != source_hash(text):
                self.unchecked.add(key)
            text = tr.text if tr is not None else text
            # A longer sentence around a number: its groups held together, so '116 111' is never split in two.
            fill = {k: re.sub(r"(?<=\d) (?=\d)", "\u00a0", v) for k, v in fill.items()}
        return text.format(**fill) if fill else text

    @property
    def reviewed(self) -> bool:
        """Read by a translator: the file says so, and every text worded so far translates the Danish as it is."""
        return self.file is None or self.file.reviewed and not self.unchecked


DANISH = Wording()


def wording(code: str) -> Wording:
    return Wording(LANGUAGES[code], load_files().get(code))


def language_label(code: str) -> str:
    """'arabisk (ikke gennemlæst)': the teacher sees which translations a translator has read before choosing."""
    f = load_files().get(code)
    return LANGUAGES[code].name_da + ("" if f is not None and f.reviewed else " (ikke gennemlæst)")
