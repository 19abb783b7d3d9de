"""Year plans that leave the app and come back: a saved file is a request, rebuilt against the content library.

The coordinator's own decisions in the file (the request with its schools, classes, closed days and capacity, and
each session's date, time, theme, status and note) are kept and checked; the themes and the lesson templates always
come from the content files, so a file can never bring its own texts. The school calendar comes from the content
files too, unless the coordinator edited the holidays or uploaded a kommune's school-year file: that calendar is in
the request and is checked like a content file.

Files saved before schools and classes existed (schema_version 1, one row per grade) open as one school, "Skolen",
with a class per grade ("5. klasse").
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ...content.messages import danish
from ..plan_files import read_plan_file
from ...content.progression import GRADES, grade_label
from .building import plan_year
from .classes import slug
from .errors import YearPlanError, YearPlanFileError
from .plan import (
    DEFAULT_SCHOOL,
    MAX_PLAN_BYTES,
    MAX_YEAR_SESSIONS,
    Session,
    YearPlan,
    YearPlanRequest,
    make_plan,
    uid_prefix,
)
from .school import School


def to_json(plan: YearPlan) -> str:
    return plan.model_dump_json(indent=2)


class SavedYearPlan(BaseModel):
    """What a saved year plan may decide; everything else in the file is ignored."""

    model_config = ConfigDict(extra="ignore")
    schema_version: Literal[1, 2]
    request: YearPlanRequest
    winter_break_week: Literal[7, 8, 9, 10]
    sessions: list[Session] = Field(max_length=MAX_YEAR_SESSIONS)
    removed: list[Session] = Field(default_factory=list, max_length=MAX_YEAR_SESSIONS)


def _migrate(saved: SavedYearPlan) -> SavedYearPlan:
    """A plan from before schools and classes: one school with a class per grade, each session in its grade's."""
    grades = set(saved.request.grades) | {s.grade for s in saved.sessions} | {s.grade for s in saved.removed}
    school = School(name=DEFAULT_SCHOOL, classes=[grade_label(g) for g in GRADES if g in grades])
    req = saved.request.model_copy(update={"schools": [school], "grades": [g for g in GRADES if g in grades]})

    def move(s: Session) -> Session:
        return s.model_copy(update={"school": DEFAULT_SCHOOL, "class_name": grade_label(s.grade)})

    return saved.model_copy(update={"schema_version": 2, "request": req, "sessions": [move(s) for s in saved.sessions],
                                    "removed": [move(s) for s in saved.removed]})


def _fit_ages(saved: SavedYearPlan, content) -> tuple[SavedYearPlan, list[str]]:
    """Plans saved before classes without a grade had an age band were made for 10–12-year-olds. Opened now, such a
    class has no age band, so it gets only themes for every age: a theme above that floor is replaced by the
    class's theme for every age, and the coordinator is told which, and how to give the age band."""
    themes = content.by_id("themes")
    schools = {s.name: s for s in saved.request.schools}
    every = content.progression.themes_for("special") if content.progression else []
    notes: list[str] = []
    out: list = []
    for s in saved.sessions:
        school = schools.get(s.school)
        t = themes.get(s.theme)
        if school and s.grade == "special" and t and s.class_name in school.classes and \
                not t.suits("special", school.pupils_age(s.class_name)) and every:
            n = sum(1 for x in out if (x.school, x.class_name) == (s.school, s.class_name))
            new = every[n % len(every)]
            notes.append(f"{s.class_name} på {s.school} {s.date:%d.%m.%Y}: temaet »{t.title}« passer kun til ældre "
                         f"elever, og klassen har intet alderstrin – den har fået »{themes[new].title}«. Skriv "
                         f"elevernes alderstrin efter klassen under Skoler og klasser, fx »{s.class_name} "
                         "(mellemtrin)«, tryk Lav årshjul, og vælg temaet i tabellen igen.")
            s = s.model_copy(update={"theme": new, "sequence": s.sequence + 1})
        out.append(s)
    return saved.model_copy(update={"sessions": out}), notes


def from_json(data: bytes | str, content) -> YearPlan:
    """Open a saved year plan against the content library (see open_file)."""
    return open_file(data, content)[0]


def open_file(data: bytes | str, content) -> tuple[YearPlan, list[str]]:
    """Open a saved year plan against the content library, with Danish notes on what had to change to keep the
    age rule. Anything malformed, or a session on a day that is no school day in the school-year file, raises
    YearPlanFileError with a Danish explanation."""
    saved = read_plan_file(data, SavedYearPlan, error=YearPlanFileError, limit=MAX_PLAN_BYTES,
                           required=("sessions", "request"), noun="årshjulet",
                           not_this_kind="Filen er ikke et årshjul fra Klassekit. (En lektionsplan åbnes under "
                                         "Planlæg lektion.)", versions=(1, 2))
    if saved.schema_version == 1:
        saved = _migrate(saved)
    req = saved.request
    try:
        year = plan_year(content, req)
    except YearPlanError as exc:
        raise YearPlanFileError(str(exc)) from None
    known_themes, known_templates = set(content.by_id("themes")), set(content.by_id("templates"))
    for s in saved.sessions + saved.removed:
        if s.theme not in known_themes:
            raise YearPlanFileError(f"Årshjulet bruger temaet '{s.theme}', som ikke findes længere.")
        if s.template and s.template not in known_templates:
            raise YearPlanFileError(f"Årshjulet bruger lektionsskabelonen '{s.template}', som ikke findes længere.")
    saved, notes = _fit_ages(saved, content)
    try:
        return make_plan(req, year, saved.winter_break_week, content.themes, content.templates, saved.sessions,
                         saved.removed), notes
    except ValidationError as exc:
        raise YearPlanFileError(f"Årshjulet passer ikke til skoleåret {year.label}: {danish(exc.errors()[0])}.") \
            from None


def file_stem(plan: YearPlan, school: str | None = None, class_name: str | None = None) -> str:
    """'aarshjul-2026-27', for one school 'aarshjul-2026-27-skovvangskolen', for a class '…-7-c'."""
    stem = "aarshjul-" + uid_prefix(plan.year)
    if school:
        stem += "-" + slug(school, 40)
    if class_name:
        stem += "-" + slug(class_name, 30)
    return stem
