"""Klassekit – the Streamlit app. Start with: streamlit run planner/app.py"""

import sys
from pathlib import Path

# `streamlit run planner/app.py` puts planner/ on the path, not the project root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from planner.ui.support import content_or_error_page, swept_at_start, track_session  # noqa: E402

# A local icon: a Material icon as favicon would be fetched from Google's servers.
st.set_page_config(page_title="Klassekit", page_icon=str(Path(__file__).parent / "assets" / "klassekit.png"), layout="wide")

LESSON = "ui/pages/lektion.py"
pages = [
    # The default page is served at the app's root, not at its own address: a hidden twin answers /lektion, so a
    # bookmark or a shared address of the lesson page opens it instead of "Page not found".
    st.Page(LESSON, title="Planlæg lektion", icon=":material/event_note:", url_path="start", default=True),
    st.Page(LESSON, title="Planlæg lektion", icon=":material/event_note:", url_path="lektion", visibility="hidden"),
    st.Page("ui/pages/forloeb.py", title="Planlæg forløb", icon=":material/view_timeline:", url_path="forloeb"),
    st.Page("ui/pages/materialer.py", title="Materialer", icon=":material/menu_book:", url_path="materialer"),
    st.Page("ui/pages/kontakter.py", title="Hjælp og kontakter", icon=":material/support_agent:", url_path="kontakter"),
    st.Page("ui/pages/handleguide.py", title="Handleguide", icon=":material/checklist:", url_path="handleguide"),
    st.Page("ui/pages/aarshjul.py", title="Årshjul", icon=":material/calendar_month:", url_path="aarshjul"),
    st.Page("ui/pages/foraeldremoede.py", title="Forældremøde", icon=":material/groups:", url_path="foraeldremoede"),
    st.Page("ui/pages/tavle.py", title="Vis på tavlen", icon=":material/co_present:", url_path="tavle"),
    st.Page("ui/pages/tilgaengelighed.py", title="Tilgængelighed", icon=":material/accessibility_new:",
            url_path="tilgaengelighed"),
]

swept_at_start()  # once per server: what a killed server left in the temp folder goes before anyone is served
track_session()  # so a session's handles are closed when it has gone (support.close_disconnected_sessions)
content_or_error_page()
# Before the page runs: a page may stop early, and the promise belongs on every page.
st.sidebar.caption("Klassekit gemmer ingen oplysninger om elever eller sager og sender ingen data videre.")
# What a user typed lives only in this browser session, but it must survive a visit to another page: re-assigning
# keeps Streamlit from dropping the state of widgets that are not on screen. The handling guide's ticks and answers
# (g_…), the lesson form (ls_…) and the kit fields (kit_…); never buttons or uploaders, which cannot be set.
KEPT_WIDGETS = {"ls_band", "ls_age", "ls_length", "ls_minutes", "ls_kommune", "ls_themes", "ls_start",
                "ls_theme_search", "kit_school", "kit_class", "kit_date", "kit_teacher", "kit_pupils", "kit_a3",
                # the year plan's form, typed but not yet made into a plan
                "yp_year", "yp_sessions", "yp_winter", "yp_schools", "yp_weekdays", "yp_day_start", "yp_day_end",
                "yp_max", "yp_parents", "yp_same_half", "yp_from",
                # the forløb's form
                "fl_band", "fl_age", "fl_lessons", "fl_same", "fl_length", "fl_minutes", "fl_themes", "fl_use_date",
                "fl_date", "fl_class", "fl_start", *(f"fl_{k}_{i}" for k in ("length", "minutes") for i in range(6))}
for key in [k for k in st.session_state if str(k).startswith("g_") or k in KEPT_WIDGETS]:
    st.session_state[key] = st.session_state[key]
st.navigation(pages).run()
