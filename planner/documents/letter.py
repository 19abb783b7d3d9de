"""The parent letter: what the class learns, how to talk about it at home, what to do if something happens, and
confirmed contacts, on one calm page."""

from __future__ import annotations


from docx.shared import Cm, Pt

from ..planning.lesson import LessonPlan
from ..planning.lesson import overview as O
from ..planning.lesson import pupil_help as H
from ..planning.lesson.details import KitInfo
from . import contacts as C
from . import docx_base as D
from . import qr as QR

MAX_PARENT_HELPLINES = 3
MAX_LETTER_TOPICS = 4
"""A theme day touches more; the letter names its four main themes so it stays one page."""


def parent_letter(plan: LessonPlan, info: KitInfo | None = None) -> bytes:
    info = info or KitInfo()
    letter = plan.parent_letter
    doc = D.new_document("Brev til forældre", header=info.header() or "Klassekit · Brev til forældre",
                         page_numbers=False)  # always one page
    D.style(doc, "Heading 2").paragraph_format.space_before = Pt(6)
    D.heading(doc, "Vi taler om krop, grænser og livet på nettet", 1)
    D.para(doc, f"{letter.greeting}{' i ' + info.class_name if info.class_name else ''}")
    D.para(doc, letter.intro)
    D.para(doc, info.date or "_______________", bold_prefix="Hvornår: ")
    D.heading(doc, "Det lærer jeres barn", 2)
    topics = [t.parent_text or t.title for t in O.taught_themes(plan)][:MAX_LETTER_TOPICS]
    if len(topics) <= 3:
        D.bullets(doc, topics)
    else:  # a theme day: two columns keep the letter on one page
        D.list_in_columns(doc, topics, 2, style_name="List Bullet")
    D.para(doc, letter.why)

    pair = doc.add_table(rows=1, cols=2)
    for cell, (title, items) in zip(pair.rows[0].cells, (("Tal med jeres barn", letter.talk_tips[:3]),
                                                          ("Hvis der sker noget", letter.if_something_happens[:3])), strict=False):
        D.set_style(cell.paragraphs[0], doc, "Heading 3")
        D.add_text(cell.paragraphs[0], title)
        for n, item in enumerate(items, 1):
            p = D.add_p(cell, "", "Normal")
            p.paragraph_format.left_indent = Cm(0.5)
            p.paragraph_format.first_line_indent = Cm(-0.5)
            D.add_text(p, f"{n}.\t{D.clean(item)}")
    D.set_widths(pair, [8.5, 8.5])

    D.heading(doc, "Her kan I få hjælp", 2)
    C.emergency_line(doc, plan, "Normal")
    C.contact_row(doc, _for_parents(plan), qr_cm=QR.QR_SYMBOL_CM)
    D.para(doc, f"{letter.closing} Skriv på Aula til {info.teacher or 'klassens lærere'}."
           ).paragraph_format.keep_with_next = True  # the signature never stands alone on a new page
    sign = D.para(doc, "Med venlig hilsen")
    for line in [x for x in (info.teacher, info.school) if x] or ["_______________"]:
        sign.runs[-1].add_break()
        sign.add_run(D.clean(line))
    sign.paragraph_format.keep_together = True
    return D.to_bytes(doc)


def _for_parents(plan: LessonPlan) -> list:
    """The letter's contacts: confirmed ones only, and at most three, so the letter is one page."""
    return H.parent_contacts(plan, MAX_PARENT_HELPLINES)
