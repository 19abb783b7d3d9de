"""Year plans (årshjul): one import for the year plan's parts.

- plan: the plan and its sessions (plain data)
- school: a school's classes, closed days and contact, and the typed text they are read from
- classes: grades and class names as typed, read and cleaned
- labels: the Danish words for a session's kind and status, the bands' colours
- errors: the year plan's errors (Danish messages)
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
- kits: the lesson request behind each session (the age rule of lessons) and the year's kits assembled
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
from .kits import (YearKit, kit_folder, kit_label, kit_lessons, lesson_request, meeting_age,  # noqa: F401
                   meeting_minutes, meeting_themes, year_kits)
from .next_year import moved_name, next_school_year, next_year, next_year_request, themes_had  # noqa: F401
from .new_time import MAX_OFFERS, free_slots, move_to_new_time, why_no_slot  # noqa: F401
from .week import OVERDUE, WEEK_COLUMNS, parse_week, school_weeks, this_week, week_days, week_lines, week_rows  # noqa: F401
from .rebuild import Rebuilt, choices, rebuild, same_choices  # noqa: F401
from .files import SavedYearPlan, file_stem, from_json, open_file, to_json  # noqa: F401
from .classes import (  # noqa: F401
    blank,
    class_grade,
    class_text,
    clean_name,
    parse_grade,
    parse_grades,
    slug,
    split_age_band,
)
from .errors import YearPlanError, YearPlanFileError  # noqa: F401
from .labels import BAND_COLOURS, KIND_LABELS, NEW_KIND, STATUS_LABELS, THE_KIND  # noqa: F401
from .plan import (  # noqa: F401
    DAY_END,
    DAY_START,
    DEFAULT_MAX_PER_DAY,
    DEFAULT_SCHOOL,
    DEFAULT_WEEKDAYS,
    EXAM_GRADES,
    LESSON_START,
    MAX_DISTRICT_CLASSES,
    MAX_NOTE,
    MAX_PER_DAY,
    MAX_PLAN_BYTES,
    MAX_SCHOOLS,
    MAX_YEAR_SESSIONS,
    MEETING_MINUTES,
    MEETING_START,
    WEEKDAY_KEYS,
    Note,
    Session,
    SessionKind,
    YearPlan,
    YearPlanRequest,
    clean_note,
    make_plan,
    pupils_text,
    session_order,
    session_uid,
    uid_prefix,
    with_contacts,
    with_letter_languages,
)
from .school import (  # noqa: F401
    MAX_CLASSES,
    MAX_CLOSED_DAYS,
    ClosedDay,
    Contact,
    School,
    make_contact,
    parse_contact,
    parse_school,
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
