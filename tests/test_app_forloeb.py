"""The Planlæg forløb page with AppTest: a forløb is planned, edited per lesson, kept across pages, saved and opened."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from support import ROOT

from planner.content.loader import load_content
from planner.planning.lesson import series as S
from planner.planning.lesson import series_sharing as SS

APP = str(ROOT / "planner" / "app.py")
PAGE = "ui/pages/forloeb.py"
C = load_content()


def forloeb_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def make(at: AppTest, band: str = "udskoling", lessons: int = 3) -> S.Series:
    at.selectbox(key="fl_band").select(band).run()
    at.number_input(key="fl_lessons").set_value(lessons).run()
    at.button(key="fl_make").click().run()
    assert not at.exception, at.exception
    return at.session_state["series"]


def test_the_page_plans_a_forloeb_lesson_by_lesson():
    at = forloeb_page()
    assert at.title[0].value == "Planlæg forløb"
    series = make(at, "mellemtrin", 4)
    assert len(series.lessons) == 4
    assert len(at.table[0].value) == 4
    assert not S.series_problems(series)


def test_an_edit_on_a_lesson_keeps_the_forloeb_valid_and_offers_no_exercise_twice():
    at = forloeb_page()
    before = make(at)
    used = {a.exercise_id for p in before.lessons for a in p.exercise_activities}
    by_title = {e.title: e.id for e in C.exercises}
    pick = at.selectbox(key="fl_pick_0_0")
    offered = [by_title[t] for t in pick.options]
    assert offered and not used & set(offered)  # another lesson's exercise is never offered
    pick.select(offered[-1]).run()
    at.button(key="fl_swap_0_0").click().run()
    after = at.session_state["series"]
    assert after != before
    assert after.lessons[0].exercise_activities[0].exercise_id not in used
    assert after.lessons[1:] == before.lessons[1:]
    assert not S.series_problems(after)
    assert SS.from_json(SS.to_json(after), C) == after


def test_the_forloeb_survives_a_visit_to_another_page():
    at = forloeb_page()
    series = make(at, "udskoling", 2)
    at.switch_page("ui/pages/materialer.py").run()
    at.switch_page(PAGE).run()
    assert at.session_state["series"] == series
    assert at.selectbox(key="fl_band").value == "udskoling"


def test_a_bad_choice_is_said_in_danish_and_nothing_is_lost():
    at = forloeb_page()
    make(at, "udskoling", 2)
    at.text_input(key="fl_start").input("25:99").run()
    at.button(key="fl_make").click().run()
    assert not at.exception
    assert any("klokkeslæt" in e.value for e in at.error)
    assert at.session_state["series"] is not None


def test_a_share_link_opens_the_forloeb_on_the_page():
    series = S.build_series(C, {"band": "udskoling", "lessons": 2, "lengths": [{"template": "lektion"}]})
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in SS.series_to_query(series).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    opened = at.session_state["series"]
    assert [p.activities for p in opened.lessons] == [p.activities for p in series.lessons]


def test_the_board_link_opens_a_lesson_of_the_forloeb():
    at = forloeb_page()
    make(at, "udskoling", 2)
    links = [x.proto for x in at.get("page_link")]
    assert any(x.label == "Vis lektion 1 på tavlen" and x.page == "tavle" for x in links)
