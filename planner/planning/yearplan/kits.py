"""The lessons behind a year plan's sessions: the request each classroom kit is assembled from, and the year's kits
assembled, in the order they are made.

One place for it, so every kit of the year follows the age rule lessons follow: a class without a grade is planned
for its pupils' own age band, and without one for every age (the youngest pupils' floor).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from .classes import slug
from .. import school_calendar as sc
from ..lesson import LessonPlan, LessonRequest, PlanError, assemble
from ..lesson.details import KitInfo
from .errors import YearPlanError
from .plan import Session, YearPlan

if TYPE_CHECKING:  # planning/parents is imported when a meeting is made (it imports the lesson machinery too)
    from ..parents import ParentMeetingPlan


def lesson_request(plan: YearPlan, s: Session) -> LessonRequest:
    """The lesson request of a session: its band, theme and template, and for a class without a grade its pupils'
    age band, so no theme or exercise above their age reaches them."""
    age = plan.pupils_age(s.school, s.class_name)
    return LessonRequest(band=s.band, age_band=age if s.band == "special" else None, template=s.template,
                         themes=[s.theme])


def kit_folder(grade) -> str:
    return "specialklasse" if grade == "special" else f"{grade}-klasse"


def kit_lessons(plan: YearPlan) -> list[Session]:
    """The lessons that get a kit, in the order they are made: school by school, class by class, by date."""
    order = {c: i for i, c in enumerate(plan.classes())}
    schools = {name: i for i, name in enumerate(plan.school_names)}
    return sorted((s for s in plan.lessons() if s.active),
                  key=lambda s: (schools[s.school], order[(s.school, s.class_name)], s.date, s.start))


def kit_label(plan: YearPlan, s: Session) -> str:
    """What the progress bar says while a lesson's kit is made."""
    return f"{s.who}, uge {s.week[1]}: {plan.theme_title(s.theme)}"


class YearKit(NamedTuple):
    """One session's kit: where its documents go in the year's zip, the lesson and the class's details."""

    session: Session
    folder: str
    lesson: LessonPlan
    info: KitInfo


def year_kits(content, plan: YearPlan) -> Iterator[YearKit]:
    """Every kit of the year in kit_lessons' order, assembled as it is asked for (one at a time, so a district's
    year never sits in memory). Lessons with the same band, age, template and theme are assembled once. Raises
    YearPlanError naming the session whose lesson cannot be assembled."""
    plans: dict[tuple, LessonPlan] = {}
    many = len(plan.school_names) > 1
    numbers: dict[tuple[str, str], int] = {}
    languages = {(sch.name, c): v for sch in plan.request.schools for c, v in sch.letter_languages.items()}
    for s in kit_lessons(plan):
        request = lesson_request(plan, s)  # a class without a grade: its pupils' own age band
        key = (request.band, request.age_band, request.template, s.theme)
        if key not in plans:
            try:
                plans[key] = assemble(content, request)
            except PlanError as exc:
                raise YearPlanError(f"Lektionen for {s.who} {sc.short_date(s.date)}: {exc}") from None
        ck = (s.school, s.class_name)
        numbers[ck] = numbers.get(ck, 0) + 1
        info = KitInfo(school=s.school, class_name=s.class_name, date=sc.short_date(s.date),
                       start=f"{s.start:%H:%M}", letter_languages=languages.get(ck, []))
        folder = (f"{slug(s.school, 40)}/" if many else "") + \
            f"{slug(s.class_name)}/{numbers[ck]:02d}-uge-{s.week[1]:02d}-{s.theme}/"
        yield YearKit(s, folder, plans[key], info)


def parent_meeting(content, plan: YearPlan, s: Session):
    """The parent meeting of a class's parent-meeting session: its band and pupils' age, the themes its lessons
    this year teach, 45 or 60 minutes as booked, from the session's start."""
    from ..parents import meeting

    age = meeting_age(plan, s)
    return meeting(content, s.band, age, meeting_minutes(s), f"{s.start:%H:%M}", meeting_themes(content, plan, s))


def meeting_age(plan: YearPlan, s: Session):
    """A special class's pupils' age band (None: every age); other classes have their band's own age."""
    return plan.pupils_age(s.school, s.class_name) if s.band == "special" else None


def meeting_minutes(s: Session) -> int:
    """The meeting's length as the kit has it: 60 minutes when an hour or more is booked, else 45."""
    return 60 if s.minutes >= 60 else 45


def meeting_themes(content, plan: YearPlan, s: Session) -> list[str] | None:
    """The themes the class's lessons teach this year that suit its pupils, in the order taught; None when none do
    (the meeting then covers all of the band's themes)."""
    age = meeting_age(plan, s)
    lessons = [x for x in plan.lessons() if (x.school, x.class_name) == (s.school, s.class_name) and x.active]
    themes = content.by_id("themes")
    fit = [t for t in dict.fromkeys(x.theme for x in lessons)
           if t in themes and themes[t].suits(s.band, age or (s.band if s.band != "special" else "indskoling"))]
    return fit or None


class YearMeeting(NamedTuple):
    """One class's parent meeting in the year's zip: its folder (beside the class's lesson kits) and the meeting."""

    session: Session
    folder: str
    meeting: ParentMeetingPlan
    date: str


def year_meetings(content, plan: YearPlan) -> Iterator[YearMeeting]:
    """Every active parent-meeting session's meeting, with the folder it goes in: the class's own, first."""
    many = len(plan.school_names) > 1
    for s in (x for x in plan.sessions if x.kind == "foraeldremoede" and x.active):
        folder = (f"{slug(s.school, 40)}/" if many else "") + f"{slug(s.class_name)}/00-foraeldremoede/"
        yield YearMeeting(s, folder, parent_meeting(content, plan, s), sc.short_date(s.date))
