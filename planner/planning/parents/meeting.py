"""One parent meeting, fitted to the class: the themes it will be taught (or every theme its band and age suit), the
agenda with clock times, what children of this age meet online, the law in plain words and confirmed help for
parents. Everything a parent sees comes from the content files with their sources; nothing here is written anew."""

from __future__ import annotations

from dataclasses import dataclass

from ...content import models as m
from ...content.bands import BAND_INFO, BAND_LABELS, AgeBand, Band, age_band_of, band_rank
from ...content.loader import Content
from ...content.parent_meeting import MEETING_MINUTES, AgendaItem, ParentAgeTexts
from ...content.parent_meeting import ParentMeeting as MeetingTexts
from ..lesson.details import StartTimeError, clock, parse_start

MAX_THEMES = 12
MAX_FACTS = 3
"""Law slides parents can take in in one sitting."""


class MeetingError(ValueError):
    """A request the meeting cannot be made from, in Danish for the person who asked."""


@dataclass(frozen=True)
class AgendaRow:
    start: str
    end: str
    item: AgendaItem
    minutes: int


@dataclass(frozen=True)
class ParentMeetingPlan:
    band: Band
    age_band: AgeBand
    minutes: int
    start: str
    themes: tuple[m.Theme, ...]
    agenda: tuple[AgendaRow, ...]
    texts: MeetingTexts
    age: ParentAgeTexts
    facts: tuple[m.LegalFact, ...]
    contacts: tuple[m.Helpline, ...]
    """Confirmed services for parents, in the content file's order."""
    emergency: m.Helpline | None

    @property
    def band_label(self) -> str:
        label = BAND_LABELS[self.band]
        if self.band == "special":
            ages = BAND_INFO[self.age_band].ages
            label += f" · elever på {ages[0]}–{ages[1]} år"
        return label

    @property
    def steps(self) -> list[str]:
        """What parents do if something happens: the age band's own words when it has them."""
        return list(self.age.if_something_happens or self.texts.if_something_happens)

    @property
    def learns(self) -> list[str]:
        return [t.parent_text or t.title for t in self.themes]


def _themes(content: Content, band: Band, age: AgeBand, wanted: list[str] | None) -> tuple[m.Theme, ...]:
    by_id = content.by_id("themes")
    if not wanted:
        return tuple(t for t in content.themes if t.suits(band, age))
    unknown = [t for t in wanted if t not in by_id]
    if unknown:
        raise MeetingError(f"Temaet '{unknown[0][:60]}' findes ikke. Kendte temaer: {', '.join(by_id)}.")
    unfit = [t for t in wanted if not by_id[t].suits(band, age)]
    if unfit:
        raise MeetingError(f"Temaet '{unfit[0]}' passer ikke til {BAND_LABELS[band].lower()} og elevernes alder.")
    return tuple(by_id[t] for t in dict.fromkeys(wanted[:MAX_THEMES]))


def _facts(content: Content, age: AgeBand, themes: tuple[m.Theme, ...]) -> tuple[m.LegalFact, ...]:
    """Checked law for the children's age, in the plain words written for pupils (never penalties): none for the
    youngest, whose lessons have no law either."""
    if age == "indskoling":
        return ()
    taught = {t.id for t in themes}
    fit = [f for f in content.facts if band_rank(f.min_band) <= band_rank(age) and f.confidence != "low"
           and not f.teacher_only and taught & set(f.themes)]
    return tuple(fit[:MAX_FACTS])


def _agenda(items: list[AgendaItem], minutes: int, start: str) -> tuple[AgendaRow, ...]:
    at = parse_start(start)
    rows = []
    for item in items:
        n = item.minutes.get(minutes, 0)
        if n:
            rows.append(AgendaRow(clock(at), clock(at + n), item, n))
            at += n
    return tuple(rows)


def meeting(content: Content, band: Band, age_band: AgeBand | None = None, minutes: int = 60,
            start: str = "19:00", themes: list[str] | None = None) -> ParentMeetingPlan:
    """The meeting for a class of this band (and, for a special class, its pupils' age)."""
    texts = content.parent_meeting
    if texts is None:
        raise MeetingError("Indholdet mangler materials/parent_meeting.yaml.")
    if band not in BAND_LABELS:
        raise MeetingError(f"Trinnet '{str(band)[:40]}' findes ikke.")
    if minutes not in MEETING_MINUTES:
        raise MeetingError(f"Mødet kan vare 45 eller 60 minutter, ikke {minutes}.")
    try:
        start = clock(parse_start(start))
    except StartTimeError as exc:
        raise MeetingError(str(exc)) from None
    age = age_band_of(band, age_band)
    chosen = _themes(content, band, age, themes)
    helplines = {h.id: h for h in content.helplines if h.region == "national"}
    own = texts.ages[age].contact_texts
    contacts = tuple(h.model_copy(update={"purpose": own[h.id]}) if h.id in own else h
                     for x in texts.contacts if (h := helplines.get(x)) and h.status == "confirmed"
                     and "forældre" in h.audience)
    sos = helplines.get("alarm-112")
    return ParentMeetingPlan(band, age, minutes, start, chosen, _agenda(texts.agenda, minutes, start), texts,
                             texts.ages[age], _facts(content, age, chosen), contacts,
                             sos if sos and sos.status == "confirmed" else None)
