"""Year plans (årshjul): one import for the year plan's parts.

- plan: the plan and its sessions (plain data)
- files: saved plans, opened as requests against the content library
- building: from a request and the school calendar to a plan
- editing: table edits, each checked, refusals in Danish
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
    find_school_year,
)
from .editing import (  # noqa: F401
    COLUMNS,
    apply_table,
    move_session,
    table_rows,
)
from .files import SavedYearPlan, file_stem, from_json, to_json  # noqa: F401
from .plan import (  # noqa: F401
    BAND_COLOURS,
    KIND_LABELS,
    LESSON_START,
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
