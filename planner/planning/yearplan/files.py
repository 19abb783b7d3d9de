"""Year plans that leave the app and come back: a saved file is a request, rebuilt against the content library.

The coordinator's own decisions in the file (the request, and each session's date, time, theme and note) are kept
and checked; the school calendar, the themes and the lesson templates always come from the content files, so a file
can never bring its own holidays or texts.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ...content.messages import danish
from ..plan_files import read_plan_file
from .building import find_school_year
from .plan import (
    MAX_PLAN_BYTES,
    MAX_YEAR_SESSIONS,
    Session,
    YearPlan,
    YearPlanError,
    YearPlanFileError,
    YearPlanRequest,
    make_plan,
    uid_prefix,
)


def to_json(plan: YearPlan) -> str:
    return plan.model_dump_json(indent=2)


class SavedYearPlan(BaseModel):
    """What a saved year plan may decide; everything else in the file is ignored."""

    model_config = ConfigDict(extra="ignore")
    schema_version: Literal[1]
    request: YearPlanRequest
    winter_break_week: Literal[7, 8, 9, 10]
    sessions: list[Session] = Field(max_length=MAX_YEAR_SESSIONS)


def from_json(data: bytes | str, content) -> YearPlan:
    """Open a saved year plan against the content library. Anything malformed, or a session on a day that is no
    school day in the school-year file, raises YearPlanFileError with a Danish explanation."""
    saved = read_plan_file(data, SavedYearPlan, error=YearPlanFileError, limit=MAX_PLAN_BYTES,
                           required=("sessions", "request"), noun="årshjulet",
                           not_this_kind="Filen er ikke et årshjul fra Klassekit. (En lektionsplan åbnes under "
                                         "Planlæg lektion.)")
    req = saved.request
    try:
        year = find_school_year(content, req.school_year, req.kommune)
    except YearPlanError as exc:
        raise YearPlanFileError(str(exc)) from None
    known_themes, known_templates = set(content.by_id("themes")), set(content.by_id("templates"))
    for s in saved.sessions:
        if s.theme not in known_themes:
            raise YearPlanFileError(f"Årshjulet bruger temaet '{s.theme}', som ikke findes længere.")
        if s.template and s.template not in known_templates:
            raise YearPlanFileError(f"Årshjulet bruger lektionsskabelonen '{s.template}', som ikke findes længere.")
    try:
        return make_plan(req, year, saved.winter_break_week, content.themes, content.templates, saved.sessions)
    except ValidationError as exc:
        raise YearPlanFileError(f"Årshjulet passer ikke til skoleåret {year.label}: {danish(exc.errors()[0])}.") \
            from None


def file_stem(plan: YearPlan) -> str:
    return "aarshjul-" + uid_prefix(plan.year)
