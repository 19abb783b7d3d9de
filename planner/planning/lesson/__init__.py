"""Lessons: one import for the lesson plan's parts.

- plan: the request and the LessonPlan, plain data that flows unchanged into documents, app, CLI and files
- details: the class's details for the kit (school, class, date, start time …), kept in the plan
- assembly: from band, length and themes to a plan (age floors, law that follows the themes, helplines)
- exercises: the themes and exercises that suit the pupils, and the set that fills the lesson
- resources: key messages, facts, helplines and materials beside the activities
- timing: start times and minutes that add up
- editing: swap, remove, add, move and shorten exercises
- sharing: JSON files and share links, opened as requests against the content library
"""

from __future__ import annotations

from .assembly import assemble  # noqa: F401
from .exercises import check_exercise, exercises_for, pupils_label, themes_for  # noqa: F401
from .resources import BACKGROUND_FACTS, MINUTES_PER_FACT, helplines_for  # noqa: F401
from .details import KitInfo, StartTimeError, parse_start  # noqa: F401
from .editing import (  # noqa: F401
    add_exercise,
    apply_sequence,
    exercise_sequence,
    move_exercise,
    remove_exercise,
    minute_changes,
    set_minutes,
    swap_exercise,
)
from .plan import (  # noqa: F401
    BROKEN_LINK,
    MAX_ACTIVITIES,
    MAX_LIST,
    MAX_MINUTES,
    MAX_PLAN_BYTES,
    MIN_MINUTES,
    Activity,
    CurriculumLink,
    LessonPlan,
    LessonRequest,
    PlanError,
    PlanFileError,
    SectionKind,
)
from .sharing import (  # noqa: F401
    SavedLesson,
    from_json,
    plan_from_query,
    plan_to_query,
    rebuild,
    to_json,
)
from .timing import (  # noqa: F401
    FRAME_FLOOR,
    absorb,
    minutes_text,
    retime,
)
