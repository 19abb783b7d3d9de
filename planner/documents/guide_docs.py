"""Word documents for the handling guide: a printable checklist, a blank logbook for parents, and a
response-plan template (beredskabsplan) with the local fields left blank to write in."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Cm, Pt

from ..content.loader import Content
from ..content.models import Guide
from ..planning.guide import ACT_NOW_TITLE, act_now, all_contacts
from . import contacts as C
from . import docx_base as D

LOGBOOK_ROWS = 14


SHORT_ROLES = {"ledelse": "Ledelse", "ressourceperson": "Ressourceperson", "klasseteam": "Klasseteam/klub"}


def _guide(content: Content) -> Guide:
    if content.guide is None:  # the loader refuses content without it; this only tells the type checker
        raise ValueError("materials/handleguide.yaml mangler")
    return content.guide


def _phases(content: Content):
    phases: dict[str, list] = {}
    for step in _guide(content).steps:
        phases.setdefault(step.phase, []).append(step)
    return phases


def act_now_card(doc, content: Content, kommune: str | None = None):
    """The "Gør dette nu" card: a shaded, framed box across the page with the numbered lines of guide.act_now."""
    t = doc.add_table(rows=1, cols=1, style="Table Grid")
    cell = t.rows[0].cells[0]
    D.shade(cell, "FDECEA")
    title = cell.paragraphs[0]
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(2), Pt(2)
    run = title.add_run(ACT_NOW_TITLE)
    run.bold, run.font.size = True, Pt(13)
    for i, line in enumerate(act_now(content, kommune), 1):
        p = cell.add_paragraph()
        p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Cm(0.5), Cm(-0.5)
        p.paragraph_format.space_after = Pt(2)
        p.add_run(f"{i}.\t")
        p.add_run(D.clean(line))
    D.keep_row_together(t.rows[0])
    D.set_widths(t, [18.0])
    return t


def _end_section_at(doc, paragraph) -> None:
    """End a one-column section at `paragraph` and continue in two columns on the same page. python-docx puts the
    section break in an empty paragraph of its own, which would print as a blank line: move it into `paragraph`."""
    D.columns(doc.add_section(WD_SECTION.CONTINUOUS), 2)
    carrier = doc.paragraphs[-1]._p
    paragraph._p.get_or_add_pPr().append(carrier.pPr.sectPr)
    carrier.getparent().remove(carrier)


def checklist(content: Content, kommune: str | None = None) -> bytes:
    """The guide on one or two A4 pages: the "Gør dette nu" card first, then each step with who is responsible and
    boxes to tick by hand."""
    guide, roles = _guide(content), SHORT_ROLES
    doc = D.new_document(f"Tjekliste – {guide.title}", header="Klassekit · Handleguide")
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(1.5)
    sec.top_margin = sec.bottom_margin = Cm(1.2)
    normal = doc.styles["Normal"]
    for style in ("Normal", "Afkrydsning", "Kilde"):  # 10 pt: the card and all steps on two pages, still easy to read
        doc.styles[style].font.size = Pt(10)
    act_now_card(doc, content, kommune)  # first, across the whole page
    title = D.heading(doc, "Tjekliste: digital seksuel krænkelse", 1)
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(6), Pt(2)
    # Short checklist lines: two newspaper columns from here on keep the guide on two pages.
    _end_section_at(doc, title)
    D.para(doc, "Sæt kryds, efterhånden som I når punkterne. Rækkefølgen afhænger af sagen.")
    D.para(doc, "Dato: __________  Ansvarlig: ______________")
    for phase, steps in _phases(content).items():
        D.heading(doc, phase, 2).paragraph_format.space_before = Pt(6)
        for step in steps:
            who = ", ".join(roles[r] for r in step.responsible)
            p = doc.add_paragraph(style=normal)
            p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(4), Pt(0)
            p.paragraph_format.keep_with_next = True
            p.add_run(D.clean(step.title)).bold = True
            p.add_run(D.clean(f"  ·  Ansvar: {who}"))
            for item in step.checklist:
                q = doc.add_paragraph(f"☐  {D.clean(item)}", style="Afkrydsning")
                q.paragraph_format.space_after = Pt(0)
                q.paragraph_format.left_indent = Cm(0.4)
    phones = [h.name if h.phone in h.name else f"{h.name} {h.phone}" for h in all_contacts(content, kommune) if h.status == "confirmed" and h.phone]
    D.heading(doc, "Kontakter", 2).paragraph_format.space_before = Pt(6)
    D.para(doc, " · ".join(phones) + ". Hjemmesider og lokale kontakter: se beredskabsplanen.")
    D.para(doc, "Kilde: Aarhus Kommunes pjece om digitale seksuelle krænkelser og Klassekits kontrollerede faktaliste.",
           style="Kilde")
    return D.to_bytes(doc)


def logbook() -> bytes:
    """A blank logbook for parents: who, what, where, when and which evidence was kept."""
    doc = D.new_document("Logbog ved digital krænkelse", header="Klassekit · Logbog")
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    D.heading(doc, "Logbog", 1)
    D.para(doc, "Skriv ned, hvad der sker, så I har overblik, hvis mange er involveret, eller der sker mange ting. "
                "Gem skærmbilleder af beskeder og profiler – men gem, vis eller send aldrig selve billedet, hvis "
                "personen på det er under 18 år. Skriv kun det, I selv ved.")
    header = ["Dato", "Tid", "Hvem", "Hvad skete der?", "Hvor (app, side, gruppe)", "Beviser gemt (skærmbilleder)",
              "Hvad har vi gjort – og svaret"]
    t = D.table(doc, header, [[""] * len(header) for _ in range(LOGBOOK_ROWS)],
                widths=[2.2, 1.5, 3.2, 6.0, 3.8, 4.2, 4.8])
    for row in t.rows[1:]:
        row.height = Cm(1.0)
    return D.to_bytes(doc)


def response_plan(content: Content, kommune: str | None = None) -> bytes:
    """A beredskabsplan template: roles and local contacts to fill in, the steps, and the known contacts."""
    guide = _guide(content)
    doc = D.new_document("Beredskabsplan for digitale seksuelle krænkelser", header="Klassekit · Beredskabsplan")
    D.heading(doc, "Beredskabsplan for digitale seksuelle krænkelser", 1)
    D.para(doc, "Skole/klub: ________________________________   Vedtaget den: ____________   Revideres senest: ____________")
    D.para(doc, "Planen beskriver, hvem der gør hvad på vores skole eller klub, når et barn eller en ung bliver udsat for "
                "– eller selv står bag – en digital seksuel krænkelse. Udfyld de tomme felter sammen med "
                "medarbejderne, og gennemgå planen mindst én gang om året. Skolelederen har det overordnede ansvar. "
                "Rækkefølgen af trinnene afhænger af den konkrete sag.")

    D.heading(doc, "Hvem gør hvad hos os", 2)
    D.table(doc, ["Rolle", "Navn", "Telefon", "Opgaver"],
            [[SHORT_ROLES[r.id], "", "", "\n".join(f"• {t}" for t in r.tasks)] for r in guide.roles]
            + [["Kontaktperson til SSP", "", "", "• Sparring og samarbejde på tværs af skole, socialforvaltning og politi"],
               ["Kommunikations\u00adansvarlig", "", "", "• Henvendelser fra presse og andre forældre"]],
            widths=[3.6, 3.2, 2.6, 7.6])

    D.heading(doc, "Lokale kontakter (udfyldes)", 2)
    D.table(doc, ["Kontakt", "Telefon / e-mail", "Bemærkning"],
            [["Kommunens underretningsenhed", "", ""], ["Kommunens rådgivning om seksuelt krænkende adfærd", "", ""],
             ["Lokalpoliti / SSP-betjent", "", ""], ["PPR / skolepsykolog", "", ""], ["Andet", "", ""]],
            widths=[6.5, 5.0, 5.5])

    D.heading(doc, "Trin for trin", 2)
    for phase, steps in _phases(content).items():
        D.heading(doc, phase, 3)
        for step in steps:
            D.para(doc, step.text, bold_prefix=f"{step.title} – ansvar: {', '.join(SHORT_ROLES[r] for r in step.responsible)}. ")
            D.checklist(doc, step.checklist)

    D.heading(doc, "Kendte kontakter", 2)
    contacts = all_contacts(content, kommune)
    D.para(doc, "Kontakter markeret 'ikke bekræftet' kommer fra en kommunes pjece og er ikke efterprøvet. "
                "Tjek dem, før planen vedtages.")
    D.table(doc, ["Kontakt", "Kontaktoplysninger", "Til", "Status"],
            [[h.name, "; ".join(C.contact_lines(h, compact=True) + ([h.email] if h.email else [])),
              ", ".join(h.audience), "bekræftet" if h.status == "confirmed" else "fra pjecen, ikke bekræftet"]
             for h in contacts],
            widths=[4.5, 6.0, 3.5, 3.0])
    D.heading(doc, "Vores egne aftaler", 2)
    for _ in range(6):
        D.para(doc, "_" * 90)
    D.para(doc, f"Kilde: {guide.source}", style="Kilde")
    return D.to_bytes(doc)


def guide_documents(content: Content, kommune: str | None = None) -> dict[str, bytes]:
    return {
        "handleguide-tjekliste.docx": checklist(content, kommune),
        "logbog.docx": logbook(),
        "beredskabsplan.docx": response_plan(content, kommune),
    }

