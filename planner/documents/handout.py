"""The pupil's sheet (elevark): the lesson's key messages with pictures and where to get help, on one page; an
easy-read version for special classes."""

from __future__ import annotations


from docx.shared import Pt

from ..planning.lesson import LessonPlan
from ..planning.lesson import pupil_help as H
from ..planning.lesson.details import KitInfo
from . import contacts as C
from . import docx_base as D
from . import pictures
from . import qr as QR

MAX_HANDOUT_HELPLINES = 5
"""Rows with a code to scan are tall: with the key messages and their pictures, three to five keep the sheet one page."""
MAX_EASY_HELPLINES = 3
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
    info = info or KitInfo()
    easy = plan.band == "special" if easy_read is None else easy_read
    young = plan.age_band == "indskoling"
    simple = easy or young
    body = "Letlæst" if simple else "Elevtekst"  # 16 pt for those who read slowly or are learning to read
    header = info.header() or "Navn: ______________________________"
    doc = D.new_document("Elevark – Her kan du få hjælp", header=header, page_numbers=False)  # always one page
    if simple:
        D.add_p(doc, "Min krop og mine grænser" if young and not easy else "Pas på dig selv", "Letlæst overskrift")
    else:
        D.heading(doc, "Pas på dig selv og hinanden", 1)
    if young and not easy:
        D.para(doc, "Læs det sammen med en voksen.", style="Elevtekst")
    sub = "Letlæst underoverskrift" if simple else "Heading 2"
    D.add_p(doc, "Det vigtigste", sub)
    messages = plan.easy_read_messages if easy else plan.key_messages
    icons = _icons_for(plan, messages)
    _messages(doc, messages, icons, body, 2.0 if young else 1.6 if easy else 1.0)
    if simple:
        D.para(doc, "Sig det til en voksen, du stoler på: en voksen derhjemme, din lærer, en pædagog eller en "
                    "anden voksen. Hvis den første voksne ikke hjælper, så sig det til en anden voksen.", style=body)
    law = H.pupil_facts(plan) if plan.age_band == "udskoling" and not easy else []
    if law:
        D.box(doc, "Det siger loven", [f.pupil_text for f in law], text_style=body)
    # Pictures and a law box take room: fewer contacts keep the handout on one sheet.
    room = MAX_EASY_HELPLINES if easy else max(3, MAX_HANDOUT_HELPLINES - (2 if law else 0) - (2 if icons else 0)
                                                - (1 if len(messages) > 5 else 0))
    D.add_p(doc, "Her kan du få hjælp", sub)
    hs = [H.as_child(h, plan.age_band, simple) for h in H.helplines_for_pupils(plan, room, simple)]
    if simple:  # the plain sheet gives the numbers in large type; codes to scan are on the poster and the board
        hs = [h.model_copy(update={"url": None}) for h in hs]
    if not simple:
        C.emergency_line(doc, plan, body, hs)
    instruction = ("Scan QR-koden med en telefon, eller skriv adressen ind. " if any(
        h.url and h.url_kind != "info" for h in hs) else "") + "Du kan også bede en voksen om hjælp til at ringe."
    D.para(doc, instruction, style=body)
    if simple:
        _numbers_side_by_side(doc, hs)
    else:
        C.helpline_table(doc, hs, text_style=body, qr_cm=HANDOUT_QR_CM, compact=True)
    if icons:  # in the footer: the credit never pushes the last contact onto a second sheet
        foot = doc.sections[0].footer.paragraphs[0]
        D.add_text(foot, pictures.CREDIT, size=7, color="595959")
    return D.to_bytes(doc)


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


def _icons_for(plan: LessonPlan, messages: list[str]) -> list[str]:
    """The pictograms of the band's key messages, matched by text so the easy-read subset keeps its pictures."""
    icons = dict(zip(plan.key_messages, plan.key_message_pictograms, strict=False))
    picked = [icons.get(msg) for msg in messages]
    return picked if picked and all(picked) else []
