"""The pupil's sheet (elevark): the lesson's key messages with pictures and where to get help, on one page; an
easy-read version for special classes."""

from __future__ import annotations


from docx.shared import Pt

from ..planning.lesson import LessonPlan
from ..planning.lesson.details import KitInfo
from ..planning.lesson.kit_view import KitView, PupilSheet, kit_view
from . import contacts as C
from . import docx_base as D
from . import pictures
from . import qr as QR

HANDOUT_QR_CM = QR.QR_SYMBOL_CM


def _messages(doc, messages: list[str], icons: list[str], style: str, icon_cm: float) -> None:
    """Each message beside its pictogram, or as a plain list when there are no pictures."""
    if not icons:
        for msg in messages:
            D.add_p(doc, D.clean(msg), "List Bullet").runs[0].font.size = Pt(12)
        return
    t = doc.add_table(rows=0, cols=2)
    for msg, icon in zip(messages, icons, strict=False):
        row = t.add_row()
        D.keep_row_together(row)
        pictures.add(row.cells[0].paragraphs[0], icon, icon_cm)
        p = row.cells[1].paragraphs[0]
        D.set_style(p, doc, style)
        p.paragraph_format.space_after = Pt(2)
        D.add_text(p, D.clean(msg))
        row.cells[0].paragraphs[0].paragraph_format.space_after = Pt(2)
        D.middle(row.cells[1])
    D.set_widths(t, [icon_cm + 0.5, 17.0 - icon_cm - 0.5])


def student_handout(plan: LessonPlan, easy_read: bool | None = None, info: KitInfo | None = None) -> bytes:
    return handout_of(kit_view(plan, info or KitInfo()), easy_read)


def handout_of(view: KitView, easy_read: bool | None = None) -> bytes:
    """The sheet of a kit: easy-read for a special class unless `easy_read` says otherwise."""
    plan = view.plan
    sheet = view.sheet(plan.band == "special" if easy_read is None else easy_read)
    body = "Letlæst" if sheet.simple else "Elevtekst"  # 16 pt for those who read slowly or are learning to read
    header = view.info.header() or "Navn: ______________________________"
    doc = D.new_document("Elevark – Her kan du få hjælp", header=header, page_numbers=False)  # always one page
    sub = _title(doc, sheet)
    D.add_p(doc, "Det vigtigste", sub)
    _messages(doc, sheet.messages, sheet.icons, body, 2.0 if sheet.young else 1.6 if sheet.easy else 1.0)
    if sheet.simple:
        D.para(doc, "Sig det til en voksen, du stoler på: en voksen derhjemme, din lærer, en pædagog eller en "
                    "anden voksen. Hvis den første voksne ikke hjælper, så sig det til en anden voksen.", style=body)
    if sheet.facts:
        D.box(doc, "Det siger loven", [f.pupil_text for f in sheet.facts], text_style=body)
    D.add_p(doc, "Her kan du få hjælp", sub)
    _help(doc, sheet, body)
    if sheet.icons:  # in the footer: the credit never pushes the last contact onto a second sheet
        foot = doc.sections[0].footer.paragraphs[0]
        D.add_text(foot, pictures.CREDIT, size=7, color="595959")
    return D.to_bytes(doc)


def _title(doc, sheet: PupilSheet) -> str:
    """The sheet's title (and a word to the youngest's adult); returns the style of its subheadings."""
    if sheet.simple:
        D.add_p(doc, "Min krop og mine grænser" if sheet.young and not sheet.easy else "Pas på dig selv",
                "Letlæst overskrift")
    else:
        D.heading(doc, "Pas på dig selv og hinanden", 1)
    if sheet.young and not sheet.easy:
        D.para(doc, "Læs det sammen med en voksen.", style="Elevtekst")
    return "Letlæst underoverskrift" if sheet.simple else "Heading 2"


def _help(doc, sheet: PupilSheet, body: str) -> None:
    """The contacts: the emergency line for older pupils, how to use a code, then the helplines."""
    hs = sheet.helplines
    C.emergency_line(doc, sheet.emergency, body)
    instruction = ("Scan QR-koden med en telefon, eller skriv adressen ind. " if any(
        h.url and h.url_kind != "info" for h in hs) else "") + "Du kan også bede en voksen om hjælp til at ringe."
    D.para(doc, instruction, style=body)
    if sheet.simple:
        _numbers_side_by_side(doc, hs)
    else:
        C.helpline_table(doc, hs, text_style=body, qr_cm=HANDOUT_QR_CM, compact=True)


def _numbers_side_by_side(doc, helplines) -> None:
    """The plain sheet's contacts in columns across the page: each name, its number in large type, then what it
    is for. Beside each other they take a third of the height a list takes, so the sheet stays one page."""
    if not helplines:
        return
    t = doc.add_table(rows=1, cols=len(helplines))
    D.keep_row_together(t.rows[0])
    for cell, h in zip(t.rows[0].cells, helplines, strict=False):
        D.add_text(cell.paragraphs[0], D.clean(h.name), bold=True, size=16)
        if h.phone and h.phone not in h.purpose:
            verb = "Ring eller sms" if h.sms == h.phone else "Ring"
            D.add_text(cell.add_paragraph(), verb, size=16)
            # No-break spaces: a number is never split over two lines.
            D.add_text(cell.add_paragraph(), h.phone.replace(" ", "\u00a0"), bold=True, size=24)
        D.add_text(cell.add_paragraph(), D.clean(h.purpose), size=16)
        for p in cell.paragraphs:
            p.paragraph_format.space_after = Pt(2)
            p.paragraph_format.line_spacing = 1.0
    D.set_widths(t, [17.0 / len(helplines)] * len(helplines))
