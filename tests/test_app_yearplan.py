"""The Årshjul page with AppTest: a plan on arrival, edits in the table checked, files and kits offered."""

import datetime as dt
import json

from streamlit.testing.v1 import AppTest

from support import ROOT
from planner.planning import yearplan as Y
from planner.content.loader import load_content
from planner.ui.support import md

APP = str(ROOT / "planner" / "app.py")
PAGE = "ui/pages/aarshjul.py"


def page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def edit(at: AppTest, edited_rows=None, added_rows=(), deleted_rows=()) -> AppTest:
    """What st.data_editor sends after the user edits cells, adds rows or deletes them."""
    key = f"yp_editor_{at.session_state['yp_editor_n']}"
    at.session_state[key] = {"edited_rows": edited_rows or {}, "added_rows": list(added_rows),
                             "deleted_rows": list(deleted_rows)}
    at.run()
    assert not at.exception, at.exception
    return at


def warnings(at) -> list[str]:
    """The warnings as a coordinator reads them (the page escapes markdown characters in messages)."""
    return [w.value.replace("\\", "") for w in at.warning]


def test_the_page_opens_with_a_plan_for_this_school_year():
    at = page()
    assert at.title[0].value == "Årshjul"
    plan = at.session_state["year_plan"]
    expected = Y.default_school_year(load_content(ROOT))
    assert plan.year.school_year == expected and plan.grades == list(range(10))
    assert at.header[0].value == md(f"Årshjul {expected}")
    assert any("Datoerne er ikke bekræftet" in w and "ret datoerne til jeres kommunes ferieplan" in w
               for w in warnings(at))
    [editor] = at.data_editor
    assert editor.editing_mode == "dynamic"
    assert list(editor.value["uid"]) == [s.uid for s in plan.sessions]
    labels = [b.label for b in at.download_button]
    assert labels == ["Excel (.xlsx)", "Kalender (.ics)", "Word (.docx)", "Gem årshjul (.json)"]


def test_a_session_moved_into_the_christmas_holiday_is_refused_and_the_plan_kept():
    at = page()
    plan = at.session_state["year_plan"]
    edit(at, {0: {"dato": "2026-12-28"}})
    assert at.session_state["year_plan"] == plan
    assert any("mandag 28. december 2026" in w and "Juleferie" in w for w in warnings(at))
    # The table shows the plan again, not the refused edit.
    assert at.data_editor[0].value["dato"].iloc[0] == plan.sessions[0].date


def test_move_add_and_delete_in_the_table():
    at = page()
    plan = at.session_state["year_plan"]
    last = plan.sessions[-1]
    edit(at, {0: {"dato": "2026-09-01", "note": "Med SSP-konsulent"}}, added_rows=[{"klasse": "special"}],
         deleted_rows=[len(plan.sessions) - 1])
    new = at.session_state["year_plan"]
    moved = next(s for s in new.sessions if s.uid == plan.sessions[0].uid)
    assert moved.date == dt.date(2026, 9, 1) and moved.note == "Med SSP-konsulent" and moved.sequence == 1
    assert last.uid not in {s.uid for s in new.sessions}
    [added] = [s for s in new.sessions if s.grade == "special"]
    assert added.kind == "lektion" and added.template == "lektion"
    assert any(w.startswith("Ny lektion for Specialklasse er lagt") for w in warnings(at))


def test_a_theme_that_does_not_suit_the_grade_is_refused_with_a_message():
    at = page()
    plan = at.session_state["year_plan"]
    row = next(i for i, s in enumerate(plan.sessions) if s.grade == 1)
    edit(at, {row: {"tema": "sextortion"}})
    assert at.session_state["year_plan"] == plan
    assert any("passer ikke til 1. klasse" in w for w in warnings(at))


def test_winter_break_in_week_8_with_parent_meetings():
    at = page()
    at.radio(key="yp_winter").set_value(8)
    at.checkbox(key="yp_parents").check()
    at.button(key="yp_make").click().run()
    plan = at.session_state["year_plan"]
    assert plan.winter_break_week == 8
    assert not any(s.week[1] == 8 for s in plan.sessions)
    assert {s.grade for s in plan.sessions if s.kind == "foraeldremoede"} == set(range(10))


def test_a_tampered_plan_file_keeps_the_current_plan_and_a_saved_one_opens():
    at = page()
    plan = at.session_state["year_plan"]
    data = json.loads(Y.to_json(plan))
    data["sessions"][0]["date"] = "2026-10-14"  # efterårsferie
    at.file_uploader[0].upload("aarshjul.json", json.dumps(data).encode(), "application/json").run()
    assert any("passer ikke til skoleåret" in e.value for e in at.error)
    assert at.session_state["year_plan"] == plan
    saved, _ = Y.move_session(plan, plan.sessions[1].uid, dt.date(2026, 11, 3))
    at = page()
    at.file_uploader[0].upload("aarshjul.json", Y.to_json(saved).encode(), "application/json").run()
    assert at.session_state["year_plan"] == saved


def test_all_kits_of_the_year_as_one_zip():
    at = page()
    at.multiselect(key="yp_grades").set_value(["3"])
    at.number_input(key="yp_sessions").set_value(1)
    at.button(key="yp_make").click().run()
    assert len(at.session_state["year_plan"].lessons()) == 1
    at.button(key="yp_kits").click().run()
    assert not at.exception, at.exception
    assert "Hent alle klassesæt (.zip)" in [b.label for b in at.download_button]


def test_changed_choices_are_flagged_until_the_plan_is_rebuilt():
    at = page()
    assert not any("Valgene ovenfor" in i.value for i in at.info)
    at.radio(key="yp_winter").set_value(8).run()
    assert any("Valgene ovenfor" in i.value for i in at.info)
    at.button(key="yp_make").click().run()
    assert at.session_state["year_plan"].winter_break_week == 8
    assert not any("Valgene ovenfor" in i.value for i in at.info)
