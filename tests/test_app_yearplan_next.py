"""The Årshjul page year after year, with AppTest and a clock the test sets (session key yp_today): the running and
next school years offered, "Næste skoleår", the coordinator's week, "Find en ny tid" and the contact per school."""

import datetime as dt

from streamlit.testing.v1 import AppTest
from support import ROOT

from planner.planning import yearplan as Y

APP = str(ROOT / "planner" / "app.py")
PAGE = "ui/pages/aarshjul.py"
D = dt.date


def page(today: dt.date) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.session_state["yp_today"] = today
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> list[str]:
    return [e.value.replace("\\", "") for e in elements]


def test_the_running_year_and_the_next_two_are_offered_and_a_derived_one_is_beregnet():
    at = page(D(2027, 3, 1))
    box = at.selectbox(key="yp_year")
    assert box.value == "2026/27|"
    assert box.options == ["2025/26", "2026/27 (beregnet)", "2027/28 (beregnet)", "2028/29 (beregnet)"]
    box.set_value("2027/28|").run()
    at.button(key="yp_make").click().run()
    assert not at.exception, at.exception
    plan = at.session_state["year_plan"]
    assert plan.year.school_year == "2027/28" and plan.year.status == "derived"
    assert min(s.date for s in plan.sessions) >= D(2027, 8, 9)  # a year not begun is planned from its first day
    assert any("Datoerne er ikke bekræftet" in w for w in texts(at.warning))


def test_after_the_last_school_day_the_next_year_is_planned():
    at = page(D(2027, 6, 28))
    assert at.session_state["year_plan"].year.school_year == "2027/28"
    assert not at.error


def test_next_school_year_moves_the_classes_up_and_keeps_the_old_plan_to_save():
    at = page(D(2026, 12, 7))
    old = at.session_state["year_plan"]
    at.button(key="yp_next_year").click().run()
    assert not at.exception, at.exception
    new = at.session_state["year_plan"]
    assert new.year.school_year == "2027/28"
    assert [c for _, c in new.classes()] == ["0.a", *(f"{g}.a" for g in range(1, 10))]
    assert at.session_state["yp_previous"] == old  # untouched, and offered for saving
    assert "Gem det forrige årshjul (2026/27) (.json)" in [b.label for b in at.download_button]
    assert any("rykket et klassetrin op" in w for w in texts(at.warning))
    assert at.selectbox(key="yp_year").value == "2027/28|"  # the form shows the new plan's choices
    assert not any("gælder først" in i for i in texts(at.info))  # … and they are the plan's: nothing to rebuild
    at.button(key="yp_make").click().run()  # "Lav årshjul" keeps the plan, history and all
    assert at.session_state["year_plan"] == new
    for _, c in old.classes():
        if Y.class_grade(c) < 9:
            had = {s.theme for s in old.sessions_of_class(old.school_names[0], c) if s.active}
            assert not had & {s.theme for s in new.sessions_of_class(new.school_names[0], Y.moved_name(c))}


def test_the_week_shows_this_week_and_marks_what_is_overdue():
    at = page(D(2026, 12, 7))
    plan = at.session_state["year_plan"]
    assert at.selectbox(key="yp_week").value == (2026, 50)
    first = min(plan.lessons(), key=lambda s: s.date)
    at.session_state["yp_today"] = first.date + dt.timedelta(days=1)  # the clock moves on; nothing is marked yet
    at.selectbox(key="yp_week").set_value(first.week).run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "dag" in d.value.columns)  # the week's table
    assert list(table["klasse"]) == [s.class_name for s in sorted(plan.sessions, key=Y.session_order)
                                     if s.week == first.week]
    assert Y.OVERDUE in list(table["status"])
    assert any("overskredet dato" in w for w in texts(at.warning))


def test_find_a_new_time_for_a_cancelled_lesson():
    at = page(D(2026, 12, 7))
    plan = at.session_state["year_plan"]
    lesson = min(plan.lessons(), key=lambda s: s.date)
    row = [s.uid for s in plan.sessions if s.band == lesson.band].index(lesson.uid)
    key = f"yp_editor_{lesson.band}_{at.session_state['yp_editor_n']}"
    at.session_state[key] = {"edited_rows": {row: {"status": "aflyst"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert at.selectbox(key="yp_new_time_for").value == lesson.uid
    slot = at.radio(key=f"yp_new_time_slot_{lesson.uid}").value
    assert slot[0] > D(2026, 12, 7)
    at.button(key="yp_new_time_go").click().run()
    assert not at.exception, at.exception
    moved = at.session_state["year_plan"]
    assert next(s for s in moved.sessions if s.uid == lesson.uid).status == "aflyst"
    [new] = [s for s in moved.sessions if (s.date, s.start) == slot]
    assert new.class_name == lesson.class_name and new.theme == lesson.theme and new.status == "planlagt"
    assert any("har fået en ny tid" in w for w in texts(at.warning))


def test_the_contact_is_saved_in_the_plan_and_a_bad_mail_is_refused():
    at = page(D(2026, 12, 7))
    at.text_input(key="yp_c_name_0").set_value("Mette Hansen")
    at.text_input(key="yp_c_mail_0").set_value("mette@")
    next(b for b in at.button if b.label == "Gem kontakt").click().run()
    assert any("ikke en mailadresse" in e for e in texts(at.error))
    assert at.session_state["year_plan"].schools[0].contact is None
    at.text_input(key="yp_c_mail_0").set_value("mette@kommune.dk")
    at.text_input(key="yp_c_phone_0").set_value("12 34 56 78")
    next(b for b in at.button if b.label == "Gem kontakt").click().run()
    assert not at.exception, at.exception
    assert at.session_state["year_plan"].schools[0].contact == Y.Contact(name="Mette Hansen", phone="12 34 56 78",
                                                                        mail="mette@kommune.dk")
    assert not any("gælder først" in i for i in texts(at.info))
    at.number_input(key="yp_sessions").set_value(3).run()
    at.button(key="yp_make").click().run()  # a rebuilt plan keeps the contact
    assert at.session_state["year_plan"].schools[0].contact.name == "Mette Hansen"
