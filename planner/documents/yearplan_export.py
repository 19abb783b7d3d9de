"""A year plan's set of files: what the CLI writes and the app offers (Excel, calendar, Word, the plan itself), for
the district, each school and each class.

Each output has its own module: yearplan_xlsx, yearplan_ics, yearplan_wheel (the picture), yearplan_docx and
yearplan_kits (every classroom kit of the year).
"""

from __future__ import annotations

import datetime as dt

from ..planning.yearplan import YearPlan, file_stem, to_json
from .yearplan_docx import to_docx
from .yearplan_ics import class_ics, to_ics
from .yearplan_xlsx import to_xlsx


def all_files(plan: YearPlan, stamp: dt.datetime | None = None, per_school: bool | None = None,
              per_class: bool = False) -> dict[str, bytes]:
    """The files the CLI writes (and the app offers): Excel, calendar, Word and the plan itself for the district;
    with several schools (or `per_school`) also Excel, calendar and Word for each school; with `per_class` a
    calendar for each class, for its teachers."""
    stem = file_stem(plan)
    files = {
        f"{stem}.xlsx": to_xlsx(plan),
        f"{stem}.ics": to_ics(plan, stamp),
        f"{stem}.docx": to_docx(plan),
        f"{stem}.json": to_json(plan).encode("utf-8"),
    }
    if per_school is None:
        per_school = len(plan.school_names) > 1
    for school in plan.school_names if per_school else []:
        one = plan.for_school(school)
        sstem = file_stem(plan, school)
        files[f"{sstem}.xlsx"] = to_xlsx(one)
        files[f"{sstem}.ics"] = to_ics(one, stamp)
        files[f"{sstem}.docx"] = to_docx(one)
    for school, name in plan.classes() if per_class else []:
        files[f"klasser/{file_stem(plan, school, name)}.ics"] = class_ics(plan, school, name, stamp)
    return files
