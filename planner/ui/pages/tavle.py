"""Vis på tavlen: the lesson's slides full width in the browser, for the smartboard.

The plan comes from the lesson page (this browser session) or from a share link's address, rebuilt from the content
library like any link; the page stores nothing.
"""

import streamlit as st

from planner.documents import kit as K
from planner.planning import lesson as L
from planner.planning.lesson import overview as O
from planner.planning.lesson import slides as SL
from planner.ui.board import board_html
from planner.ui.support import content, kit_output, md

ss = st.session_state
c = content()
LESSON_PAGE = "ui/pages/lektion.py"
FULL_WIDTH = """<style>[data-testid="stMainBlockContainer"]{padding:3.2rem 1rem 1rem;max-width:100%;}</style>
<script>(() => {
  if (window.__kkSidebarFolded) return;
  window.__kkSidebarFolded = true;
  const fold = (tries) => {
    const bar = document.querySelector("[data-testid='stSidebar']");
    const button = document.querySelector("[data-testid='stSidebarCollapseButton'] button");
    if (bar && bar.dataset.collapsed === "false" && button) button.click();
    else if (tries > 0) setTimeout(() => fold(tries - 1), 100);
  };
  fold(150);  // up to 15 s: a busy server may draw the menu late
})();</script>"""

plan = ss.get("lesson_plan")
# The page's own address is the plan's link; the session's plan (with the teacher's name, which no link carries) is
# preferred when the address is that same plan.
if plan is not None and st.query_params.get("band") and dict(st.query_params) != L.plan_to_query(
        plan, edited=bool(ss.get("lesson_edited"))):
    plan = None
if plan is None and st.query_params.get("band"):
    try:
        plan = L.plan_from_query(c, {k: st.query_params[k] for k in st.query_params})
    except (L.PlanError, L.PlanFileError, ValueError) as exc:
        st.error(md(f"Linket kan ikke vises på tavlen: {exc}"))
elif plan is not None:  # the address shows the plan, so a reload or the board's own browser opens the same
    st.query_params.from_dict(L.plan_to_query(plan, edited=bool(ss.get("lesson_edited"))))

if plan is None:
    st.title("Vis på tavlen")
    st.info("Lav først en lektionsplan. Tryk så på **Vis på tavlen** under planen.")
    st.page_link(LESSON_PAGE, label="Planlæg lektion", icon=":material/event_note:")
    st.stop()

shown: L.LessonPlan = plan  # for the download's callback, which runs when plan is no longer narrowed
class_name, date = plan.kit.class_name, plan.kit.date
deck = SL.deck(plan, class_name, date)
when = {i: f"{r.start}–{r.end}" for i, r in enumerate(O.schedule(plan, plan.kit.start))}
# The board takes the screen: the side menu folds away once (its arrow brings it back) and the page's margins shrink.
st.html(FULL_WIDTH, unsafe_allow_javascript=True, width="content")
st.html(board_html(deck, when), unsafe_allow_javascript=True)
st.caption("Skift dias med piletasterne, Page Up/Page Down (en præsenter-klikker) eller knapperne. H viser "
           "hjælp-diaset og tilbage igen. Nedtællingen starter ved hver ny aktivitet; du kan holde pause eller give "
           "ét minut mere. Siden gemmer intet.")
left, right = st.columns(2)
left.page_link(LESSON_PAGE, label="Tilbage til lektionsplanen", icon=":material/arrow_back:",
               query_params=L.plan_to_query(plan, edited=bool(ss.get("lesson_edited"))))
# Built in the kit worker, as the lesson page's own button builds it: the same file, and the same cache.
deck_file = next(k.file_name for k in K.KIT if k.name == "deck")
right.download_button("Hent præsentationen (.pptx)", data=lambda: kit_output(L.to_json(shown), deck_file),
                      file_name=deck_file, on_click="ignore", icon=":material/slideshow:", mime=K.mime_of(deck_file))
