"""The year plan page's state: the plan in the session and the form's values for it."""

import streamlit as st

from planner.planning import yearplan as Y
from planner.ui.support import content

ss = st.session_state


def form_values(plan: Y.YearPlan) -> dict:
    """The form's widget values for a plan's own choices."""
    r = plan.request
    return {"yp_year": f"{r.school_year}|{r.kommune or ''}", "yp_schools": Y.schools_text(r.schools),
            "yp_sessions": r.sessions_per_year or content().progression.sessions_per_year, "yp_winter": plan.winter_break_week,
            "yp_parents": r.parent_meetings, "yp_weekdays": list(r.weekdays), "yp_max": r.max_per_day,
            "yp_day_start": r.day_start, "yp_day_end": r.day_end, "yp_same_half": r.same_half_day,
            "yp_from": r.start_from or plan.year.first_school_day}


def set_plan(plan: Y.YearPlan, messages=(), sync_form: bool = False) -> None:
    ss["year_plan"] = plan
    if sync_form:  # an opened file: the form shows that plan's choices on the next run (see the top of the page)
        ss["yp_sync"] = form_values(plan)
    ss["yp_messages"] = list(messages)
    ss.pop("yp_error", None)
    ss.pop("yp_pending", None)
    ss.pop("yp_zip", None)
    # A new key gives fresh tables showing the plan as it is now, not the edits it was made from.
    ss["yp_editor_n"] = ss.get("yp_editor_n", 0) + 1

