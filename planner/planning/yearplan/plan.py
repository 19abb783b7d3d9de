"""The year plan (årshjul) as data: the request (schools and their classes, the coordinator's capacity), the
sessions and the plan that holds them.

A YearPlan carries its school calendar, the themes and the lesson templates it uses, so exports need nothing else.
It validates itself: every session belongs to a class of a school in the request, lies on a school day of that
school and has a theme that suits its grade. A saved file is opened as a request against the content library
(files.py), never trusted as it stands.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, cast

from pydantic import AfterValidator, Field, model_validator

from ...content import models as m
from ...content.bands import BAND_INFO, BAND_LABELS, EVERY_AGE, AgeBand, Band
from ...content.progression import GRADES, MAX_SESSIONS, Grade, band_of, grade_label
from ...content.text import printable
from .. import school_calendar as sc
from .classes import class_grade, slug
from .errors import YearPlanError
from .labels import KIND_LABELS
from .school import MAX_CLOSED_DAYS, Contact, School, StrictModel

MAX_NOTE = 300
MAX_PLAN_BYTES = 4_000_000
MAX_SCHOOLS = 6
MAX_DISTRICT_CLASSES = 150
MAX_PER_DAY = 6
MAX_YEAR_SESSIONS = 1200
"""150 classes with six lessons and a parent meeting each is 1,050; room for additions, no more."""
LESSON_START = (dt.time(8, 0), dt.time(10, 0), dt.time(12, 0))
"""Where a new row without a time is put, if the coordinator's hours do not say otherwise."""
MEETING_START = dt.time(19, 0)
MEETING_MINUTES = 90
DAY_START = dt.time(8, 0)
DAY_END = dt.time(14, 0)
DEFAULT_MAX_PER_DAY = 2
DEFAULT_WEEKDAYS = (0, 1, 2, 3, 4)
WEEKDAY_KEYS = ("man", "tir", "ons", "tor", "fre")
DEFAULT_SCHOOL = "Skolen"
"""The school of a plan made without naming one (and of plans saved before schools existed)."""
EXAM_GRADES = (9, 10)
"""No lesson from 1 May: the written exams of 9. and 10. klasse come in May."""


def clean_note(text: str) -> str:
    """One line of text every export can hold: no control characters, which Excel and Word files cannot store."""
    return re.sub(r"\s+", " ", printable(text)).strip()[:MAX_NOTE]


Note = Annotated[str, Field(max_length=MAX_NOTE * 4), AfterValidator(clean_note)]
SessionKind = Literal["lektion", "foraeldremoede"]
SessionStatus = Literal["planlagt", "gennemfoert", "aflyst"]


# --- The plan ------------------------------------------------------------------------------------


class YearPlanRequest(StrictModel):
    school_year: str = Field(pattern=r"^\d{4}/\d{2}$")
    kommune: str | None = Field(default=None, max_length=80)
    grades: list[Grade] = Field(default_factory=lambda: cast(list[Grade], list(range(10))), min_length=1,
                                max_length=len(GRADES))
    sessions_per_year: int | None = Field(default=None, ge=1, le=MAX_SESSIONS)
    """None: the progression file's number (2)."""
    winter_break_week: Literal[7, 8] | None = None
    """None: the school-year file's week."""
    parent_meetings: bool = False
    start_from: dt.date | None = None
    """Place sessions from this day on – for a school year that is already running. None: the first school day."""
    schools: list[School] = Field(default_factory=list, max_length=MAX_SCHOOLS)
    """Empty: one school (DEFAULT_SCHOOL) with one class per grade in `grades` – how plans were made before."""
    weekdays: list[Annotated[int, Field(ge=0, le=4)]] = Field(default_factory=lambda: list(DEFAULT_WEEKDAYS),
                                                               min_length=1, max_length=5)
    day_start: dt.time = DAY_START
    day_end: dt.time = DAY_END
    max_per_day: int = Field(default=DEFAULT_MAX_PER_DAY, ge=1, le=MAX_PER_DAY)
    same_half_day: bool = False
    """Allow two schools on the same half-day (the schools are close together)."""
    calendar: sc.SchoolYear | None = None
    """The coordinator's own school year (edited holidays, or a kommune's uploaded file); None: the content file."""

    @model_validator(mode="after")
    def _schools(self):
        if not self.schools:
            self.schools = [School(name=DEFAULT_SCHOOL, classes=[grade_label(g) for g in self.grades])]
        names = [slug(s.name, 40) for s in self.schools]
        if len(set(names)) != len(names):
            raise ValueError("to skoler har (næsten) samme navn – giv dem hver sit navn")
        if sum(len(s.classes) for s in self.schools) > MAX_DISTRICT_CLASSES:
            raise ValueError(f"årshjulet kan højst have {MAX_DISTRICT_CLASSES} klasser i alt")
        present = {class_grade(c) for s in self.schools for c in s.classes}
        self.grades = [g for g in GRADES if g in present]
        self.weekdays = sorted(set(self.weekdays))
        if self.day_end <= self.day_start:
            raise ValueError("koordinatorens dag skal slutte efter den begynder")
        if self.calendar is not None:
            if self.calendar.school_year != self.school_year:
                raise ValueError(f"skoleårsfilen er for {self.calendar.school_year}, ikke {self.school_year}")
            if len(self.calendar.breaks) > MAX_CLOSED_DAYS:
                raise ValueError(f"skoleåret kan højst have {MAX_CLOSED_DAYS} ferier")
            bad = sc.year_problems(self.calendar)
            if bad:
                raise ValueError(f"skoleårsfilen: {bad[0][1]} {bad[0][2]}")
        return self

    def school(self, name: str) -> School | None:
        return next((s for s in self.schools if s.name == name), None)


class Session(StrictModel):
    uid: str = Field(min_length=3, max_length=160)
    """Stable across edits, so a calendar that imports the plan again moves the event instead of doubling it."""
    kind: SessionKind = "lektion"
    school: str = Field(default=DEFAULT_SCHOOL, max_length=80)
    class_name: str = Field(default="", max_length=30)
    """'' only in files saved before classes existed: opened as the grade's label (files.py)."""
    grade: Grade
    date: dt.date
    start: dt.time
    minutes: int = Field(ge=10, le=400)
    theme: str = Field(max_length=80)
    template: str | None = Field(default=None, max_length=80)
    note: Note = ""
    sequence: int = Field(default=0, ge=0, le=10_000)
    """Counts the edits of this session: the SEQUENCE of the calendar event."""
    status: SessionStatus = "planlagt"

    @property
    def end(self) -> dt.time:
        t = dt.datetime.combine(self.date, self.start) + dt.timedelta(minutes=self.minutes)
        return t.time() if t.date() == self.date else dt.time(23, 59)

    @property
    def active(self) -> bool:
        return self.status != "aflyst"

    @property
    def who(self) -> str:
        """'7.c på Skovvangskolen': how a message names the class of a session."""
        return f"{self.class_name} på {self.school}"

    @property
    def week(self) -> tuple[int, int]:
        return sc.iso_week(self.date)

    @property
    def band(self) -> Band:
        return band_of(self.grade)


class YearPlan(StrictModel):
    schema_version: Literal[2] = 2
    request: YearPlanRequest
    year: sc.SchoolYear
    winter_break_week: int = Field(ge=7, le=10)
    themes: list[m.Theme]
    templates: list[m.LessonTemplate]
    sessions: list[Session] = Field(max_length=MAX_YEAR_SESSIONS)
    removed: list[Session] = Field(default_factory=list, max_length=MAX_YEAR_SESSIONS)
    """Sessions deleted from the plan: still in the calendar file, as cancelled events, so they do not stand."""

    @model_validator(mode="after")
    def _consistent(self):
        cals = {s.name: self.calendar(s.name) for s in self.request.schools}
        schools = {s.name: s for s in self.request.schools}
        classes = {(s.name, c) for s in self.request.schools for c in s.classes}
        themes = self.theme_by_id
        templates = self.template_by_id
        uids = [s.uid for s in self.sessions] + [s.uid for s in self.removed]
        if len(set(uids)) != len(uids):
            raise ValueError("to sessioner har samme id")
        for s in self.sessions:
            what = f"{KIND_LABELS[s.kind].lower()} for {s.class_name or grade_label(s.grade)} {sc.short_date(s.date)}"
            if (s.school, s.class_name) not in classes:
                raise ValueError(f"{what}: klassen {s.class_name} på {s.school} er ikke med i årshjulet")
            if class_grade(s.class_name) != s.grade:
                raise ValueError(f"{what}: klassen {s.class_name} går ikke i {grade_label(s.grade)}")
            why = cals[s.school].why_not(s.date)
            if why:
                raise ValueError(f"{what} kan ikke ligge på den dag: {why}")
            if s.theme not in themes:
                raise ValueError(f"{what}: temaet '{s.theme}' findes ikke")
            age = schools[s.school].pupils_age(s.class_name)
            if not themes[s.theme].suits(s.band, age):
                raise ValueError(f"{what}: temaet '{themes[s.theme].title}' passer ikke til "
                                 f"{pupils_text(s.class_name, s.band, age, schools[s.school])}")
            if s.kind == "lektion" and s.template not in templates:
                raise ValueError(f"{what}: lektionsskabelonen '{s.template}' findes ikke")
        return self

    def calendar(self, school: str | None = None) -> sc.SchoolCalendar:
        """The district's calendar, or one school's with its own closed days."""
        found = self.request.school(school) if school else None
        closed = [c.day_off() for c in found.closed_days] if found else ()
        return sc.calendar(self.year, self.winter_break_week, closed)

    @property
    def schools(self) -> list[School]:
        return self.request.schools

    @property
    def school_names(self) -> list[str]:
        return [s.name for s in self.request.schools]

    def classes(self, school: str | None = None) -> list[tuple[str, str]]:
        """(school, class) in the request's order, the classes of each school in grade order."""
        out = []
        for s in self.request.schools:
            if school is None or s.name == school:
                out += [(s.name, c) for c in sorted(s.classes, key=lambda c: (GRADES.index(class_grade(c)), c))]
        return out

    def pupils_age(self, school: str, class_name: str) -> AgeBand:
        """The age band that decides a class's themes and kits; for an unknown class the youngest (safest)."""
        found = self.request.school(school)
        return found.pupils_age(class_name) if found and class_name in found.classes else EVERY_AGE

    def without_age(self) -> list[tuple[str, str]]:
        """(school, class) of every class without a grade whose pupils' age band is not given."""
        return [(s.name, c) for s in self.request.schools for c in s.without_age()]

    def sessions_of_class(self, school: str, class_name: str) -> list[Session]:
        return [s for s in self.sessions if s.school == school and s.class_name == class_name]

    def for_school(self, school: str) -> YearPlan:
        """The plan of one school: its classes and sessions only (for that school's files)."""
        found = self.request.school(school)
        if found is None:
            raise YearPlanError(f"Skolen '{school}' er ikke med i årshjulet.")
        req = self.request.model_copy(update={"schools": [found], "grades": sorted(
            {class_grade(c) for c in found.classes}, key=GRADES.index)})
        return self.model_copy(update={"request": req,
                                       "sessions": [s for s in self.sessions if s.school == school],
                                       "removed": [s for s in self.removed if s.school == school]})

    def for_class(self, school: str, class_name: str) -> YearPlan:
        """The plan of one class (for its teachers' calendar file)."""
        one = self.for_school(school)
        return one.model_copy(update={
            "sessions": [s for s in one.sessions if s.class_name == class_name],
            "removed": [s for s in one.removed if s.class_name == class_name]})

    @property
    def theme_by_id(self) -> dict[str, m.Theme]:
        return {t.id: t for t in self.themes}

    @property
    def template_by_id(self) -> dict[str, m.LessonTemplate]:
        return {t.id: t for t in self.templates}

    @property
    def grades(self) -> list:
        """Requested grades and any grade a session was added for, in school order."""
        present = set(self.request.grades) | {s.grade for s in self.sessions}
        return [g for g in GRADES if g in present]

    @property
    def title(self) -> str:
        return f"Årshjul {self.year.label}"

    @property
    def school_label(self) -> str:
        """The school's name, or the district's schools, for headers and titles."""
        names = self.school_names
        return names[0] if len(names) == 1 else f"{len(names)} skoler"

    @property
    def full_title(self) -> str:
        return f"{self.title} · {self.school_label}"

    def lessons(self, grade=None) -> list[Session]:
        return [s for s in self.sessions if s.kind == "lektion" and (grade is None or s.grade == grade)]

    def sessions_of(self, grade) -> list[Session]:
        return [s for s in self.sessions if s.grade == grade]

    def theme_title(self, theme_id: str) -> str:
        t = self.theme_by_id.get(theme_id)
        return t.title if t else theme_id


def pupils_text(class_name: str, band: Band, age: AgeBand, school: School | None = None) -> str:
    """How a message names a class's pupils: 'Indskoling (0.–3. klasse)', 'Specialklasse A med elever i
    indskolingsalderen' or, without an age band, '… uden angivet alderstrin (kun temaer for alle aldre)'."""
    if band != "special":
        return BAND_LABELS[band]
    if school is not None and class_name not in school.age_bands:
        return f"{class_name}, som ikke har et alderstrin (kun temaer for alle aldre)"
    return f"{class_name} med elever i {BAND_INFO[age].label.split(' (')[0].lower()}salderen"


def session_order(s: Session) -> tuple:
    return s.date, s.start, s.school, GRADES.index(s.grade), s.class_name, s.kind, s.uid


def uid_prefix(year: sc.SchoolYear) -> str:
    out = sc.school_year_slug(year.school_year)
    if year.kommune:
        out += "-" + slug(year.kommune, 30, empty="kommune")
    return out


def session_uid(prefix: str, school: str, class_name: str, kind: str, n: int) -> str:
    """'2026-27-skovvangskolen-7-c-1@klassekit': the school is in every UID, so two schools' calendar files never
    overwrite each other's events in one calendar."""
    middle = f"{slug(school, 40)}-{slug(class_name, 30)}" + ("-foraeldremoede" if kind == "foraeldremoede" else "")
    return f"{prefix}-{middle}-{n}@klassekit"


def make_plan(request: YearPlanRequest, year: sc.SchoolYear, winter: int, themes, templates, sessions,
              removed=()) -> YearPlan:
    return YearPlan(request=request, year=year, winter_break_week=winter, themes=list(themes),
                    templates=list(templates), sessions=sorted(sessions, key=session_order),
                    removed=sorted(removed, key=session_order))


def with_letter_languages(plan: YearPlan, languages: dict[tuple[str, str], list[str]]) -> YearPlan:
    """The plan with the parent letter's extra languages set for the named (school, class); an empty list: Danish
    only."""
    have = {(s.name, c) for s in plan.request.schools for c in s.classes}
    unknown = [k for k in languages if k not in have]
    if unknown:
        raise YearPlanError(f"Klassen '{unknown[0][1][:40]}' på {unknown[0][0][:40]} er ikke med i årshjulet.")
    schools = [School.model_validate(s.model_dump() | {"letter_languages": {  # checked like a saved file's
        c: v for c, v in (s.letter_languages | {c: languages[(s.name, c)] for c in s.classes
                                                if (s.name, c) in languages}).items() if v}})
        for s in plan.request.schools]
    return plan.model_copy(update={"request": plan.request.model_copy(update={"schools": schools})})


def with_contacts(plan: YearPlan, contacts: dict[str, Contact | None]) -> YearPlan:
    """The plan with the coordinator's contact set for the named schools (None or an empty contact removes it)."""
    names = plan.school_names
    unknown = [s for s in contacts if s not in names]
    if unknown:
        raise YearPlanError(f"Skolen '{unknown[0][:80]}' er ikke med i årshjulet. Vælg en af: {', '.join(names)}.")
    def kept(c: Contact | None) -> Contact | None:
        return None if c is None or c.empty else c

    schools = [s.model_copy(update={"contact": kept(contacts[s.name])}) if s.name in contacts else s
               for s in plan.request.schools]
    return plan.model_copy(update={"request": plan.request.model_copy(update={"schools": schools})})
