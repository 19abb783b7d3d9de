"""A year plan as files: the set the CLI writes and the app offers (Excel, calendar, Word, the plan itself).

Each output has its own module: yearplan_xlsx, yearplan_ics, yearplan_wheel (the picture), yearplan_docx and
yearplan_kits (every classroom kit of the year). Their builders are re-exported here for the callers that take the
year plan's files as one family (the page, the CLI, the benchmarks).
"""

from __future__ import annotations

import datetime as dt

from ..planning.yearplan import YearPlan, file_stem, kit_folder, kit_label, kit_lessons, to_json
from .yearplan_docx import DOCX_MIME, to_docx
from .yearplan_ics import ICS_MIME, TZ, class_ics, to_ics
from .yearplan_kits import Progress, kits_write, kits_zip, kits_zip_from_file
from .yearplan_wheel import wheel_alt_text, wheel_png
from .yearplan_xlsx import XLSX_MIME, fit_rows, print_setup, school_days_text, sheet_name, to_xlsx

__all__ = ["DOCX_MIME", "ICS_MIME", "TZ", "XLSX_MIME", "Progress", "all_files", "class_ics", "fit_rows", "kit_folder",
           "kit_label", "kit_lessons", "kits_write", "kits_zip", "kits_zip_from_file", "print_setup",
           "school_days_text", "sheet_name", "to_docx", "to_ics", "to_xlsx", "wheel_alt_text", "wheel_png"]


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
