"""Year plans (årshjul): one import for the year plan's parts.

- plan: the plan and its sessions (plain data)
- files: saved plans, opened as requests against the content library
- days_off: holidays and the schools' closed days edited on the page
- capacity: the coordinator's weekdays, hours, lessons a day and travel between schools
- building: from a request and the school calendar to a plan
- report: what was planned and done, per school and class
- next_year: "Næste skoleår": next year's plan from this one (classes up a grade, the progression continued)
- new_time: "Find en ny tid" for a cancelled session
- week: the coordinator's week, day by day
- rebuild: "Lav årshjul" again, carrying over the coordinator's work (or saying first what cannot come along)
- editing: table edits, each checked, refusals in Danish
- kits: the lesson request behind each session (the age rule of lessons)
- wheel: the year wheel's geometry for the app and Word

The grades and the theme progression are content (content/progression.py) and are re-exported here.
"""

from __future__ import annotations

from ...content.progression import (  # noqa: F401
    GRADES,
    MAX_SESSIONS,
    PROGRESSION_FILE,
    Grade,
    GradeThemes,
    Progression,
    band_of,
    grade_key,
    grade_label,
)
from .building import (  # noqa: F401
    build_plan,
    carry_sequences,
    default_school_year,
    default_start,
    exam_start,
    find_school_year,
    offered_years,
    YEARS_AHEAD,
    normalise_school_year,
    plan_year,
)
from .days_off import (  # noqa: F401
    ALL_SCHOOLS,
    DAY_COLUMNS,
    apply_days,
    day_rows,
    parse_schools,
    schools_text,
    unfinished_day_rows,
    with_school_year,
)
from .capacity import Bookings, Rules, conflicts, parse_hours, parse_weekdays, weekday_list  # noqa: F401
from .editing import (  # noqa: F401
    COLUMNS,
    apply_table,
    merge_rows,
    move_session,
    set_status,
    table_rows,
    themes_for_band,
    themes_for_class,
)
from .kits import lesson_request  # noqa: F401
from .next_year import moved_name, next_school_year, next_year, next_year_request, themes_had  # noqa: F401
from .new_time import MAX_OFFERS, free_slots, move_to_new_time, why_no_slot  # noqa: F401
from .week import OVERDUE, WEEK_COLUMNS, parse_week, school_weeks, this_week, week_days, week_lines, week_rows  # noqa: F401
from .rebuild import Rebuilt, choices, rebuild, same_choices  # noqa: F401
from .files import SavedYearPlan, file_stem, from_json, open_file, to_json  # noqa: F401
from .plan import (  # noqa: F401
    BAND_COLOURS,
    DAY_END,
    DAY_START,
    DEFAULT_MAX_PER_DAY,
    DEFAULT_SCHOOL,
    DEFAULT_WEEKDAYS,
    KIND_LABELS,
    LESSON_START,
    MAX_CLASSES,
    MAX_CLOSED_DAYS,
    MAX_DISTRICT_CLASSES,
    MAX_PER_DAY,
    MAX_SCHOOLS,
    STATUS_LABELS,
    WEEKDAY_KEYS,
    EXAM_GRADES,
    ClosedDay,
    Contact,
    make_contact,
    parse_contact,
    with_contacts,
    with_letter_languages,
    School,
    class_grade,
    class_text,
    pupils_text,
    split_age_band,
    clean_name,
    parse_school,
    session_uid,
    slug,
    MAX_NOTE,
    MAX_PLAN_BYTES,
    MAX_YEAR_SESSIONS,
    MEETING_MINUTES,
    MEETING_START,
    NEW_KIND,
    THE_KIND,
    Note,
    Session,
    SessionKind,
    YearPlan,
    YearPlanError,
    YearPlanFileError,
    YearPlanRequest,
    blank,
    clean_note,
    make_plan,
    parse_grade,
    parse_grades,
    session_order,
    uid_prefix,
)
from .wheel import (  # noqa: F401
    overview,
    polar,
    ring_radius,
    session_line,
    timeline_rows,
    wheel_breaks,
    wheel_layers,
    wheel_months,
    wheel_points,
    year_fraction,
)
