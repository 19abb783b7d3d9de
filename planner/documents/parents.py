"""The parent meeting's kit: the coordinator's agenda with notes, the dilemma cards for parents' groups, the one-page
sheet parents take home and the deck for the evening (rendered by the lessons' deck renderer).

PARENT_MEETING is the registry the page, the CLI and the zip iterate, as KIT is for a lesson's kit. Each builder is
a pure function from the meeting and the evening's details to bytes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from docx.shared import Pt

from ..planning.parents import ParentMeetingPlan
from ..planning.parents import deck as parents_deck
from . import contacts as C
from . import docx_base as D
from .kit import DOCX, PPTX
from .slides import render_deck

MAX_FIELD = 120
HANDOUT_ITEMS = 3
"""Points per list on the parents' sheet: three keep it to one page for every age."""


@dataclass(frozen=True)
class MeetingDetails:
    """What the coordinator types about the evening; cleaned and cut so any text makes a valid document."""

    school: str = ""
    class_name: str = ""
    date: str = ""

    def cleaned(self) -> "MeetingDetails":
        return MeetingDetails(*(D.clean(x, MAX_FIELD) for x in (self.school, self.class_name, self.date)))

    def header(self) -> str:
        return " · ".join(x for x in (self.school, self.class_name, self.date) if x)


def agenda_document(p: ParentMeetingPlan, details: MeetingDetails) -> bytes:
    """For the coordinator and the class teacher: the agenda with clock times, what to say, how to meet a parent who
    tells of a case, and what each dilemma should bring out."""
    d = details.cleaned()
    doc = D.new_document("Forældremøde – dagsorden", header=d.header() or "Klassekit · Forældremøde")
    D.heading(doc, f"Forældremøde: {p.texts.title}", 1)
    D.para(doc, " · ".join(x for x in (d.class_name, p.band_label, d.date, f"{p.minutes} minutter",
                                      f"start kl. {p.start}") if x))
    D.table(doc, ["Tid", "Punkt", "Min."], [[f"{r.start}–{r.end}", r.item.title, str(r.minutes)] for r in p.agenda],
            widths=[3.0, 12.0, 2.0])
    D.box(doc, "Hvis en forælder fortæller om en sag under mødet", [p.texts.disclosure_note])
    D.heading(doc, "Det siger du", 2)
    for r in p.agenda:
        D.para(doc, r.item.note, bold_prefix=f"{r.start} {r.item.title}: ")
    D.heading(doc, "Dilemmaerne – det skal I samle op", 2)
    for n, x in enumerate(p.age.dilemmas, 1):
        D.para(doc, x.note, bold_prefix=f"{n}. {x.title}: ")
    if p.facts:
        D.heading(doc, "Loven – baggrund til dig", 2)
        for f in p.facts:
            D.para(doc, f"{f.pupil_text} Kilde: {f.source} (tjekket {f.checked:%d.%m.%Y}).",
                   bold_prefix=f"{f.title} ({f.law_ref}): ")
    return D.to_bytes(doc)


def dilemma_cards(p: ParentMeetingPlan, details: MeetingDetails) -> bytes:
    """One card for each group of parents: the situation and the questions, nothing for the coordinator."""
    d = details.cleaned()
    doc = D.new_document("Dilemmakort til forældre", header=d.header() or "Klassekit · Forældremøde")
    D.heading(doc, "Dilemmakort", 1)
    D.para(doc, "Læs kortet højt i gruppen, og tal sammen om spørgsmålene. Der er ikke ét rigtigt svar. Fortæl ikke "
                "om jeres egne eller andres børn.")
    for n, x in enumerate(p.age.dilemmas, 1):
        D.box(doc, f"Dilemma {n}: {x.title}", [x.text, *[f"• {q}" for q in x.questions]], fill="EAF2FB")
        D.para(doc, "")
    return D.to_bytes(doc)


def parent_sheet(p: ParentMeetingPlan, details: MeetingDetails) -> bytes:
    """The page parents take home: what the children learn, how to talk, signs, what to do, and help for parents
    with codes to scan."""
    d = details.cleaned()
    doc = D.new_document("Til forældre", header=d.header() or "Klassekit · Forældremøde", page_numbers=False)
    D.style(doc, "Heading 2").paragraph_format.space_before = Pt(4)
    D.heading(doc, p.texts.title, 1)
    D.heading(doc, "Det lærer jeres barn", 2)
    D.bullets(doc, p.learns[:HANDOUT_ITEMS + 1])
    pair = doc.add_table(rows=1, cols=2)
    for cell, (title, items) in zip(pair.rows[0].cells, (("Sig det til jeres barn", p.age.talk[:HANDOUT_ITEMS]),
                                                          ("Hold øje med", p.age.signs[:HANDOUT_ITEMS])), strict=True):
        D.set_style(cell.paragraphs[0], doc, "Heading 3")
        D.add_text(cell.paragraphs[0], title)
        for item in items:
            D.add_p(cell, f"• {D.clean(item)}", "Normal")
    D.set_widths(pair, [8.5, 8.5])
    D.heading(doc, "Hvis der sker noget", 2)
    D.numbered(doc, p.steps)
    D.heading(doc, "Her kan I få hjælp", 2)
    if p.emergency:
        D.para(doc, f"Er nogen i fare lige nu? Ring {p.emergency.phone}.").runs[0].bold = True
    C.contact_row(doc, list(p.contacts), size=10)
    return D.to_bytes(doc)


def meeting_deck(p: ParentMeetingPlan, details: MeetingDetails) -> bytes:
    d = details.cleaned()
    deck = parents_deck(p, d.school, d.date)
    return render_deck(deck, f"Forældremøde – {p.band_label}")


@dataclass(frozen=True)
class MeetingDocument:
    name: str
    file_name: str
    label: str
    build: Callable[[ParentMeetingPlan, MeetingDetails], bytes]
    mime: str = DOCX
    printed: bool = True
    pdf: bool = True


PARENT_MEETING: tuple[MeetingDocument, ...] = (
    MeetingDocument("agenda", "forældremøde-dagsorden.docx", "Dagsorden og noter", agenda_document),
    MeetingDocument("dilemmas", "forældremøde-dilemmakort.docx", "Dilemmakort", dilemma_cards),
    MeetingDocument("sheet", "forældremøde-forældreark.docx", "Forældreark", parent_sheet),
    MeetingDocument("deck", "forældremøde-præsentation.pptx", "Præsentation", meeting_deck, mime=PPTX,
                    printed=False),
)
BY_FILE = {k.file_name: k for k in PARENT_MEETING}


def build_meeting(p: ParentMeetingPlan, details: MeetingDetails | None = None,
                  file_names: list[str] | None = None) -> dict[str, bytes]:
    """The meeting's files ({file name: bytes}), or just the named ones."""
    details = details or MeetingDetails()
    return {k.file_name: k.build(p, details) for k in PARENT_MEETING if file_names is None or k.file_name in file_names}
