"""The parent meeting on the board: the same Slide and Deck data as a lesson's deck, so the same renderer makes the
.pptx. Slides hold what parents read; what the coordinator says – and how to meet a parent who tells of a case
during the meeting – is in the speaker notes. No slide shows a pupil exercise or blames a child."""

from __future__ import annotations

from ..lesson import slides as SL
from ..lesson.slides import Deck, HelpBoard, HelpCard, Slide
from .meeting import ParentMeetingPlan

DISCLOSURE = "Hvis en forælder fortæller om en sag"


def _notes(p: ParentMeetingPlan, item_id: str, *extra: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    item = next((r.item for r in p.agenda if r.item.id == item_id), None)
    said = (("Det siger du", item.note),) if item else ()
    return said + extra + ((DISCLOSURE, p.texts.disclosure_note),)


def _paged(title: str, items: list[str], index: int | None, minutes: int | None, notes, label: str = "",
           numbered: bool = False, kind: SL.SlideKind = "facts") -> list[Slide]:
    return [Slide(kind, SL._continued(title, i), lines=tuple(part), label=label, numbered=numbered,
                  activity=index, minutes=minutes if i == 0 else None, notes=notes)
            for i, part in enumerate(SL._pages(items))]


def _help_board(p: ParentMeetingPlan) -> HelpBoard:
    """Codes to the services for parents across the slide, under one line with the parents' phone line and 112 for
    danger right now (a number of four pairs is too wide for the lesson deck's very large number)."""
    phone = next((h for h in p.contacts if h.phone and not h.url), None)
    names = p.texts.board_names
    codes = tuple(HelpCard(names.get(h.id, h.name), h.phone or "", h.purpose, str(h.url), h.pictogram or "")
                  for h in p.contacts if h.url and h.url_kind != "info")[:3]
    line = " · ".join(x for x in (phone and f"{phone.name} {phone.phone}",
                                  p.emergency and f"Akut fare: {p.emergency.phone}") if x)
    return HelpBoard(None, codes, line)


def deck(p: ParentMeetingPlan, school: str = "", date: str = "") -> Deck:
    """Every slide of the evening in agenda order; a help slide is always there."""
    idx = {r.item.id: (i, r.minutes) for i, r in enumerate(p.agenda)}
    subtitle = " · ".join(x for x in ("Forældremøde", school, date, f"kl. {p.start}") if x)
    agenda = [f"{r.start} {r.item.title}" for r in p.agenda]
    slides = [Slide("title", p.texts.title, lines=(subtitle, p.band_label), notes=_notes(p, "welcome")),
              Slide("starter", "Aftenens program", lines=tuple(agenda), activity=idx["welcome"][0],
                    minutes=idx["welcome"][1], notes=_notes(p, "welcome"))]
    slides += _paged("Det lærer jeres børn i år", p.learns, *idx["learn"], _notes(p, "learn", ("Hvorfor", p.texts.why)))
    slides += _paged("Det møder børn på nettet", list(p.age.online), *idx["online"], _notes(p, "online"),
                     label=p.band_label)
    slides += _paged("Sådan kan I tale med jeres barn", list(p.age.talk), *idx["talk"], _notes(p, "talk"),
                     label="Sætninger I kan bruge")
    slides += _paged("Tegn, I kan holde øje med", list(p.age.signs), idx["talk"][0], None, _notes(p, "talk"))
    i, minutes = idx["dilemmas"]
    for n, d in enumerate(p.age.dilemmas, 1):
        label = f"Dilemma {n} af {len(p.age.dilemmas)} · tal sammen i små grupper"
        note = ("Det skal I samle op", d.note)
        slides += _paged(d.title, [d.text], i, minutes if n == 1 else None, _notes(p, "dilemmas", note),
                         label=label, kind="case")
        slides.append(Slide("questions", "Tal sammen om", lines=tuple(d.questions), label=d.title, activity=i,
                            notes=_notes(p, "dilemmas", note)))
    i, minutes = idx["act"]
    slides += _paged("Hvis der sker noget", p.steps, i, minutes, _notes(p, "act"),
                     numbered=True, kind="starter")
    for f in p.facts:
        slides += _paged(f.title, [f.pupil_text], i, None, _notes(p, "act", ("Til dig", f.teacher_note)),
                         label=f"Det siger loven · {f.law_ref}")
    i, minutes = idx["help"]
    slides.append(Slide("help", "Her kan I få hjælp", activity=i, minutes=minutes, notes=_notes(p, "help"),
                        help=_help_board(p)))
    slides.append(Slide("closing", "Tak for i aften", lines=(p.texts.closing,), activity=i, notes=_notes(p, "help")))
    return Deck(p.texts.title, subtitle, p.band, False, tuple(slides))
