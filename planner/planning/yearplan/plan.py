"""The year plan (årshjul) as data: the request, the sessions and the plan that holds them.

A YearPlan carries its school calendar, the themes and the lesson templates it uses, so exports need nothing else.
It validates itself: every session lies on a school day and has a theme that suits its grade. A saved file is
opened as a request against the content library (files.py), never trusted as it stands.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ...content import models as m
from ...content.bands import BAND_LABELS, Band, age_band_of
from ...content.progression import GRADES, MAX_SESSIONS, Grade, band_of, grade_label
from ...content.text import printable
from .. import school_calendar as sc

MAX_NOTE = 300
MAX_PLAN_BYTES = 2_000_000
MAX_YEAR_SESSIONS = 400
"""Eleven grades with six lessons and a parent meeting each is 77; room for a coordinator's additions, no more."""
LESSON_START = (dt.time(8, 0), dt.time(10, 0), dt.time(12, 0))
"""Two grades share a weekday in a week with all grades (Uge Sex): the second comes at ten."""
MEETING_START = dt.time(19, 0)
MEETING_MINUTES = 90



def clean_note(text: str) -> str:
    """One line of text every export can hold: no control characters, which Excel and Word files cannot store."""
    return re.sub(r"\s+", " ", printable(text)).strip()[:MAX_NOTE]


Note = Annotated[str, Field(max_length=MAX_NOTE * 4), AfterValidator(clean_note)]
SessionKind = Literal["lektion", "foraeldremoede"]
KIND_LABELS = {"lektion": "Lektion", "foraeldremoede": "Forældremøde"}
THE_KIND = {"lektion": "Lektionen", "foraeldremoede": "Forældremødet"}
NEW_KIND = {"lektion": "Ny lektion", "foraeldremoede": "Nyt forældremøde"}
BAND_COLOURS = {"indskoling": "#009E73", "mellemtrin": "#0072B2", "udskoling": "#D55E00", "special": "#CC79A7"}
"""Okabe–Ito colours: told apart also with red–green colour blindness."""


class YearPlanError(ValueError):
    """The request cannot be met; the message says why and what would work."""


class YearPlanFileError(ValueError):
    """A plan file is malformed or has been tampered with; the message says what is wrong."""


def blank(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    try:
        return bool(v != v)  # NaN and NaT differ from themselves
    except TypeError:  # pandas' NA has no truth value
        return True


# --- Grades ------------------------------------------------------------------------------------


def parse_grade(value) -> int | str | None:
    """A grade from a table cell or the command line: 5, '5', '5.', '5. klasse' or 'special'."""
    if blank(value):
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 0 <= value <= 9:
        return int(value)
    text = str(value).strip().lower()
    if text.startswith("special"):
        return "special"
    found = re.fullmatch(r"(\d)\.?( klasse)?", text)
    return int(found.group(1)) if found else None


def parse_grades(text: str) -> list:
    """'0-9', '4-6,special' or '0,2,4' → grades in school order. Raises YearPlanError with what is wrong."""
    out: set = set()
    for part in (p.strip() for p in text.split(",") if p.strip()):
        lo, sep, hi = part.partition("-")
        if sep:
            a, b = parse_grade(lo), parse_grade(hi)
            if not isinstance(a, int) or not isinstance(b, int) or a > b:
                raise YearPlanError(f"'{part}' er ikke et interval af klassetrin – skriv fx 0-9.")
            out.update(range(a, b + 1))
        else:
            g = parse_grade(part)
            if g is None:
                raise YearPlanError(f"'{part}' er ikke et klassetrin – brug 0–9 eller special.")
            out.add(g)
    if not out:
        raise YearPlanError("Vælg mindst ét klassetrin, fx 0-9.")
    return [g for g in GRADES if g in out]


# --- The plan ------------------------------------------------------------------------------------


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class YearPlanRequest(_Data):
    school_year: str = Field(pattern=r"^\d{4}/\d{2}$")
    kommune: str | None = Field(default=None, max_length=80)
    grades: list[Grade] = Field(default_factory=lambda: list(range(10)), min_length=1, max_length=len(GRADES))
    sessions_per_year: int | None = Field(default=None, ge=1, le=MAX_SESSIONS)
    """None: the progression file's number (2)."""
    winter_break_week: Literal[7, 8] | None = None
    """None: the school-year file's week."""
    parent_meetings: bool = False
    start_from: dt.date | None = None
    """Place sessions from this day on – for a school year that is already running. None: the first school day."""


class Session(_Data):
    uid: str = Field(min_length=3, max_length=120)
    """Stable across edits, so a calendar that imports the plan again moves the event instead of doubling it."""
    kind: SessionKind = "lektion"
    grade: Grade
    date: dt.date
    start: dt.time
    minutes: int = Field(ge=10, le=400)
    theme: str = Field(max_length=80)
    template: str | None = Field(default=None, max_length=80)
    note: Note = ""
    sequence: int = Field(default=0, ge=0, le=10_000)
    """Counts the edits of this session: the SEQUENCE of the calendar event."""

    @property
    def week(self) -> tuple[int, int]:
        return sc.iso_week(self.date)

    @property
    def band(self) -> Band:
        return band_of(self.grade)


class YearPlan(_Data):
    schema_version: Literal[1] = 1
    request: YearPlanRequest
    year: sc.SchoolYear
    winter_break_week: int = Field(ge=7, le=10)
    themes: list[m.Theme]
    templates: list[m.LessonTemplate]
    sessions: list[Session] = Field(max_length=MAX_YEAR_SESSIONS)

    @model_validator(mode="after")
    def _consistent(self):
        cal = self.calendar()
        themes = self.theme_by_id
        templates = self.template_by_id
        uids = [s.uid for s in self.sessions]
        if len(set(uids)) != len(uids):
            raise ValueError("to sessioner har samme id")
        for s in self.sessions:
            what = f"{KIND_LABELS[s.kind].lower()} for {grade_label(s.grade)} {sc.short_date(s.date)}"
            why = cal.why_not(s.date)
            if why:
                raise ValueError(f"{what} kan ikke ligge på den dag: {why}")
            if s.theme not in themes:
                raise ValueError(f"{what}: temaet '{s.theme}' findes ikke")
            if not themes[s.theme].suits(s.band, age_band_of(s.band)):
                raise ValueError(f"{what}: temaet '{themes[s.theme].title}' passer ikke til {BAND_LABELS[s.band]}")
            if s.kind == "lektion" and s.template not in templates:
                raise ValueError(f"{what}: lektionsskabelonen '{s.template}' findes ikke")
        return self

    def calendar(self) -> sc.SchoolCalendar:
        return sc.calendar(self.year, self.winter_break_week)

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

    def lessons(self, grade=None) -> list[Session]:
        return [s for s in self.sessions if s.kind == "lektion" and (grade is None or s.grade == grade)]

    def sessions_of(self, grade) -> list[Session]:
        return [s for s in self.sessions if s.grade == grade]

    def theme_title(self, theme_id: str) -> str:
        t = self.theme_by_id.get(theme_id)
        return t.title if t else theme_id


def session_order(s: Session) -> tuple:
    return s.date, s.start, GRADES.index(s.grade), s.kind, s.uid


def uid_prefix(year: sc.SchoolYear) -> str:
    slug = sc.school_year_slug(year.school_year)
    if year.kommune:
        slug += "-" + (re.sub(r"[^a-z0-9]+", "-", year.kommune.lower()).strip("-") or "kommune")
    return slug


def make_plan(request: YearPlanRequest, year: sc.SchoolYear, winter: int, themes, templates, sessions) -> YearPlan:
    return YearPlan(request=request, year=year, winter_break_week=winter, themes=list(themes),
                    templates=list(templates), sessions=sorted(sessions, key=session_order))
