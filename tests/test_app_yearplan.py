"""The Årshjul page with AppTest: a plan on arrival, edits in the table checked, files and kits offered."""

import datetime as dt
import json

from streamlit.testing.v1 import AppTest

from support import ROOT
from planner.planning import school_calendar as SC
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


def edit(at: AppTest, edited_rows=None, added_rows=(), deleted_rows=(), band="indskoling") -> AppTest:
    """What st.data_editor sends after the user edits cells, adds rows or deletes them (in one band's tab)."""
    key = f"yp_editor_{band}_{at.session_state['yp_editor_n']}"
    at.session_state[key] = {"edited_rows": edited_rows or {}, "added_rows": list(added_rows),
                             "deleted_rows": list(deleted_rows)}
    at.run()
    assert not at.exception, at.exception
    return at


def warnings(at) -> list[str]:
    """The warnings as a coordinator reads them (the page escapes markdown characters in messages)."""
    return [w.value.replace("\\", "") for w in at.warning]


def band_sessions(plan, band="indskoling"):
    return [x for x in plan.sessions if x.band == band]


def test_the_page_opens_with_a_plan_for_this_school_year():
    at = page()
    assert at.title[0].value == "Årshjul"
    plan = at.session_state["year_plan"]
    expected = Y.default_school_year(load_content(ROOT))
    assert plan.year.school_year == expected and plan.grades == list(range(10))
    assert plan.school_names == [Y.DEFAULT_SCHOOL] and [c for _, c in plan.classes()][:2] == ["0.a", "1.a"]
    assert at.header[0].value == md(f"Årshjul {expected} · Skolen")
    assert any("Datoerne er ikke bekræftet" in w and "ret datoerne til jeres kommunes ferieplan" in w
               for w in warnings(at))
    days, *editors = at.data_editor
    assert len(editors) == 3  # indskoling, mellemtrin, udskoling: each tab's Tema column offers its own themes
    assert all(e.editing_mode == "dynamic" for e in editors)
    assert [u for e in editors for u in e.value["uid"]] == [s.uid for b in ("indskoling", "mellemtrin", "udskoling")
                                                           for s in band_sessions(plan, b)]
    labels = [b.label for b in at.download_button]
    assert labels[:5] == ["Hent skoleårsfilen (.yaml)", "Excel (.xlsx)", "Kalender (.ics)", "Word (.docx)",
                          "Gem årshjul (.json)"]
    assert "Årsrapport (Word)" in labels and "Klassens kalender (.ics)" in labels
    assert any("det sædvanlige er 200" in m.value for m in at.markdown)


def chart_rows(at: AppTest) -> dict[str, list[dict]]:
    """The rows each chart draws (its alt text's first word: the wheel, the timeline), as the browser receives them."""
    import pyarrow as pa

    return {chart.proto.alt.split()[0]: [row for d in chart.proto.datasets
                                         for row in pa.ipc.open_stream(d.data.data).read_pandas().to_dict("records")]
            for chart in at.get("vega_lite_chart")}


def test_the_wheel_and_the_timeline_draw_every_session_and_follow_an_edit():
    at = page()
    plan = at.session_state["year_plan"]
    def dates(rows):  # the wheel's tooltip writes 14.12.2026, the timeline's axis has the date
        return sorted(r["dato"].strftime("%Y-%m-%d") if hasattr(r["dato"], "strftime")
                      else dt.datetime.strptime(r["dato"], "%d.%m.%Y").date().isoformat() for r in rows if "dato" in r)

    charts = chart_rows(at)
    assert set(charts) == {"Årshjul", "Tidslinje"}
    assert dates(charts["Årshjul"]) == dates(charts["Tidslinje"]) == sorted(s.date.isoformat() for s in plan.sessions)
    at.run()  # a rerun with the same plan draws the same
    assert chart_rows(at) == charts
    first = band_sessions(plan)[0]
    day = next(d for d in (first.date + dt.timedelta(days=i) for i in range(1, 60))
               if plan.calendar().is_school_day(d) and not plan.calendar().is_holiday_week(d)
               and d not in {s.date for s in plan.sessions})
    edit(at, {0: {"dato": day.isoformat()}})
    expected = sorted(s.date.isoformat() for s in plan.sessions if s.uid != first.uid) + [day.isoformat()]
    for name, rows in chart_rows(at).items():
        assert dates(rows) == sorted(expected), name


def test_a_session_moved_into_the_christmas_holiday_is_refused_and_the_plan_kept():
    at = page()
    plan = at.session_state["year_plan"]
    edit(at, {0: {"dato": "2026-12-28"}})
    assert at.session_state["year_plan"] == plan
    assert any("mandag 28. december 2026" in w and "Juleferie" in w for w in warnings(at))
    # The table shows the plan again, not the refused edit.
    assert at.data_editor[1].value["dato"].iloc[0] == band_sessions(plan)[0].date


def test_move_add_delete_and_cancel_in_the_table():
    at = page()
    plan = at.session_state["year_plan"]
    mine = band_sessions(plan)
    day = next(d for d in (dt.date(2026, 9, 1) + dt.timedelta(days=i) for i in range(60))
               if plan.calendar().is_school_day(d) and not plan.calendar().is_holiday_week(d)
               and d not in {s.date for s in plan.sessions})
    edit(at, {0: {"dato": day.isoformat(), "note": "Med SSP-konsulent"}, 1: {"status": "aflyst"}},
         added_rows=[{"klasse": "2.a"}], deleted_rows=[len(mine) - 1])
    new = at.session_state["year_plan"]
    moved = next(s for s in new.sessions if s.uid == mine[0].uid)
    assert moved.date == day and moved.note == "Med SSP-konsulent" and moved.sequence == 1
    assert next(s for s in new.sessions if s.uid == mine[1].uid).status == "aflyst"
    assert mine[-1].uid not in {s.uid for s in new.sessions} and mine[-1].uid in {s.uid for s in new.removed}
    [added] = [s for s in new.sessions if s.uid not in {x.uid for x in plan.sessions}]
    assert added.class_name == "2.a" and added.kind == "lektion" and added.template == "lektion"
    assert any(w.startswith("Ny lektion for 2.a på Skolen er lagt") for w in warnings(at))


def test_a_theme_that_does_not_suit_the_grade_is_refused_with_a_message():
    at = page()
    plan = at.session_state["year_plan"]
    row = next(i for i, s in enumerate(band_sessions(plan)) if s.grade == 1)
    edit(at, {row: {"tema": "sextortion"}})
    assert at.session_state["year_plan"] == plan
    assert any("passer ikke til 1. klasse" in w for w in warnings(at))


def test_two_schools_with_their_classes_and_the_coordinators_time():
    at = page()
    at.text_area(key="yp_schools").set_value("Skovvangskolen: 0.a, 0.b, 7.c, Specialklasse A\nBakkeskolen: 3.a, 9.b")
    at.multiselect(key="yp_weekdays").set_value([0, 2])
    at.number_input(key="yp_max").set_value(1)
    at.button(key="yp_make").click().run()
    assert not at.exception, at.exception
    plan = at.session_state["year_plan"]
    assert plan.school_names == ["Skovvangskolen", "Bakkeskolen"] and len(plan.classes()) == 6
    assert all(s.date.weekday() in (0, 2) for s in plan.lessons())
    assert len({s.date for s in plan.lessons()}) == len(plan.lessons())  # one a day
    assert at.header[0].value == md(f"Årshjul {plan.year.school_year} · 2 skoler")
    at.text_area(key="yp_schools").set_value("Skovvangskolen 0.a").run()
    at.button(key="yp_make").click().run()
    assert any("navn=klasser" in e.value.replace("\\", "") for e in at.error)
    assert at.session_state["year_plan"] == plan


def test_closed_days_are_added_and_checked_like_table_edits():
    at = page()
    plan = at.session_state["year_plan"]
    busy = plan.lessons()[0].date
    key = f"yp_days_{at.session_state['yp_editor_n']}"
    at.session_state[key] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"skole": "Skolen", "hvad": "Planlægningsdag", "fra": "2026-11-13", "til": "2026-11-13"},
        {"skole": "Skolen", "hvad": "Lejrskole", "fra": busy.isoformat(), "til": busy.isoformat()}]}
    at.run()
    assert not at.exception, at.exception
    new = at.session_state["year_plan"]
    assert [c.title for c in new.schools[0].closed_days] == ["Planlægningsdag"]
    assert "Planlægningsdag" in new.calendar("Skolen").why_not(dt.date(2026, 11, 13))
    assert any("Lejrskole" in w and "Flyt eller aflys" in w for w in warnings(at))
    assert Y.from_json(Y.to_json(new), load_content(ROOT)) == new


def test_winter_break_in_week_8_with_parent_meetings():
    at = page()
    at.radio(key="yp_winter").set_value(8)
    at.checkbox(key="yp_parents").check()
    at.button(key="yp_make").click().run()
    plan = at.session_state["year_plan"]
    assert plan.winter_break_week == 8
    assert not any(s.week[1] == 8 for s in plan.sessions)
    assert {s.grade for s in plan.sessions if s.kind == "foraeldremoede"} == set(range(10))
    assert all(m.date < plan.sessions_of_class(m.school, m.class_name)[-1].date
               for m in plan.sessions if m.kind == "foraeldremoede")


def test_a_tampered_plan_file_keeps_the_current_plan_and_a_saved_one_opens():
    at = page()
    plan = at.session_state["year_plan"]
    data = json.loads(Y.to_json(plan))
    data["sessions"][0]["date"] = "2026-10-14"  # efterårsferie
    at.file_uploader[0].upload("aarshjul.json", json.dumps(data).encode(), "application/json").run()
    assert any("passer ikke til skoleåret" in e.value for e in at.error)
    assert at.session_state["year_plan"] == plan
    saved, _ = Y.set_status(plan, plan.sessions[1].uid, "gennemfoert", "Godt forløb")
    at = page()
    at.file_uploader[0].upload("aarshjul.json", Y.to_json(saved).encode(), "application/json").run()
    assert at.session_state["year_plan"] == saved


def test_all_kits_of_the_year_as_one_zip():
    at = page()
    at.text_area(key="yp_schools").set_value("Skolen: 3.a")
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


def test_an_opened_plan_fills_the_form_with_its_own_choices():
    content = load_content()
    mine = Y.build_plan(content, {"school_year": "2026/27", "max_per_day": 1, "weekdays": [1, 3],
                                  "schools": [{"name": "Bakkeskolen", "classes": ["3.a", "7.b", "Specialklasse A"]}]})
    at = page()
    at.file_uploader[0].upload("aarshjul.json", Y.to_json(mine).encode(), "application/json").run()
    assert not at.exception, at.exception
    assert at.session_state["year_plan"] == mine
    assert at.text_area(key="yp_schools").value == Y.schools_text(mine.request.schools)
    assert at.multiselect(key="yp_weekdays").value == [1, 3] and at.number_input(key="yp_max").value == 1
    # The form matches the plan: no "choices changed" notice, and "Lav årshjul" rebuilds the same schools.
    assert not any("gælder først" in i.value for i in at.info)
    at.button(key="yp_make").run()
    rebuilt = at.session_state["year_plan"]
    assert rebuilt.school_names == ["Bakkeskolen"] and rebuilt.request.max_per_day == 1
    assert not any("Session State" in w.value for w in at.warning)


def infos(at) -> list[str]:
    return [i.value.replace("\\", "") for i in at.info]


def test_lav_aarshjul_with_an_unchanged_form_keeps_status_and_note():
    at = page()
    plan = at.session_state["year_plan"]
    edit(at, {0: {"status": "gennemfoert", "note": "Godt forløb"}})
    worked = at.session_state["year_plan"]
    assert worked.sessions_of_class("Skolen", "0.a")[0].note == "Godt forløb"
    at.button(key="yp_make").click().run()
    assert not at.exception, at.exception
    assert at.session_state["year_plan"] == worked != plan
    assert any("årshjulet er uændret" in w for w in warnings(at))


def test_lav_aarshjul_after_opening_a_saved_plan_keeps_its_status_notes_and_moves():
    content = load_content()
    mine = Y.build_plan(content, {"school_year": "2026/27", "schools": [
        {"name": "Bakkeskolen", "classes": ["3.a", "10.a", "Modtagerklasse"], "age_bands": {"Modtagerklasse":
                                                                                             "mellemtrin"}}]})
    first = mine.sessions[0]
    mine, _ = Y.set_status(mine, first.uid, "gennemfoert", "Holdt med SSP")
    mine, _ = Y.move_session(mine, mine.sessions[-1].uid, mine.sessions[-1].date - dt.timedelta(days=7))
    at = page()
    at.file_uploader[0].upload("aarshjul.json", Y.to_json(mine).encode(), "application/json").run()
    assert at.text_area(key="yp_schools").value == "Bakkeskolen: 3.a, 10.a, Modtagerklasse (mellemtrin)"
    at.button(key="yp_make").click().run()
    assert not at.exception, at.exception
    assert at.session_state["year_plan"] == mine


def test_a_changed_form_asks_first_and_names_what_would_be_lost():
    at = page()
    plan = at.session_state["year_plan"]
    udskoling = band_sessions(plan, "udskoling")
    row = next(i for i, s in enumerate(udskoling) if s.class_name == "9.a")
    edit(at, {row: {"status": "aflyst", "note": "Syg"}}, band="udskoling")
    worked = at.session_state["year_plan"]
    at.text_area(key="yp_schools").set_value("Skolen: " + ", ".join(f"{g}.a" for g in range(9)))
    at.button(key="yp_make").click().run()
    assert not at.exception, at.exception
    # Nothing is replaced yet: the page says what would go, and asks.
    assert at.session_state["year_plan"] == worked
    [ask] = [w for w in warnings(at) if "kan ikke få alt med" in w]
    assert "9.a" in ask and "Syg" in ask and "klassen er ikke med" in ask
    at.button(key="yp_confirm_no").click().run()
    assert at.session_state["year_plan"] == worked and not any("kan ikke få alt med" in w for w in warnings(at))
    assert any("Dit årshjul er uændret" in w for w in warnings(at))
    at.button(key="yp_make").click().run()
    at.button(key="yp_confirm_yes").click().run()
    assert not at.exception, at.exception
    new = at.session_state["year_plan"]
    assert "9.a" not in {c for _, c in new.classes()} and len(new.classes()) == 9


def test_tenth_grade_and_a_reception_class_are_planned_and_the_missing_age_is_explained():
    at = page()
    at.text_area(key="yp_schools").set_value("Skolen: 9.a, 10.a, Modtagerklasse")
    at.button(key="yp_make").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    plan = at.session_state["year_plan"]
    assert [c for _, c in plan.classes()] == ["9.a", "10.a", "Modtagerklasse"]
    assert {s.band for s in plan.sessions_of_class("Skolen", "10.a")} == {"udskoling"}
    assert any("Modtagerklasse" in i and "alle aldre" in i and "(mellemtrin)" in i for i in infos(at))
    themes = plan.theme_by_id
    assert all(themes[s.theme].min_age_band == "indskoling" for s in plan.sessions_of_class("Skolen", "Modtagerklasse"))
    at.text_area(key="yp_schools").set_value("Skolen: 9.a, 10.a, Modtagerklasse (udskoling)")
    at.button(key="yp_make").click().run()
    assert not at.exception, at.exception
    plan = at.session_state["year_plan"]
    assert plan.schools[0].age_bands == {"Modtagerklasse": "udskoling"}
    assert not any("alle aldre" in i for i in infos(at))


def test_the_year_plan_form_survives_a_visit_to_another_page():
    at = page()
    schools = "Skovvangskolen: 0.a, 4.b, 10.a\nBakkeskolen: 7.a, Modtagerklasse (mellemtrin)"
    at.text_area(key="yp_schools").input(schools).run()
    at.number_input(key="yp_max").set_value(3).run()
    at.checkbox(key="yp_parents").check().run()
    for other in ("ui/pages/lektion.py", "ui/pages/tavle.py", "ui/pages/handleguide.py"):
        at.switch_page(other).run()
        at.switch_page(PAGE).run()
        assert not at.exception, at.exception
        assert at.text_area(key="yp_schools").value == schools
        assert at.number_input(key="yp_max").value == 3
        assert at.checkbox(key="yp_parents").value is True


def test_a_classes_parent_meeting_opens_on_the_meeting_page_with_its_class_date_time_and_themes():
    at = page()
    at.text_area(key="yp_schools").set_value("Skovvangskolen: 3.a, 7.b")
    at.checkbox(key="yp_parents").check()
    at.button(key="yp_make").click().run()
    plan = at.session_state["year_plan"]
    booked = [s for s in plan.sessions if s.kind == "foraeldremoede" and s.active]
    assert [s.class_name for s in booked] == ["3.a", "7.b"]
    at.session_state["pm_class"] = "en anden klasse"  # a field from an earlier visit to the meeting page
    at.selectbox(key="yp_meeting").set_value(booked[1].uid).run()
    at.button(key="yp_open_meeting").click().run()
    assert not at.exception, at.exception
    meeting = booked[1]
    taught = [t for t in dict.fromkeys(s.theme for s in plan.lessons() if s.class_name == "7.b")]
    assert at.text_input(key="pm_class").value == "7.b"
    assert at.text_input(key="pm_school").value == "Skovvangskolen"
    assert at.text_input(key="pm_start").value == f"{meeting.start:%H:%M}"
    assert at.selectbox(key="pm_band").value == "udskoling"
    assert at.multiselect(key="pm_themes").value == taught
    assert at.text_input(key="pm_date").value == SC.short_date(meeting.date)
    assert taught and at.radio(key="pm_minutes").value == (60 if meeting.minutes >= 60 else 45)
    assert any(b.label == "Det hele (zip)" for b in at.get("download_button"))


def test_a_meeting_chosen_before_the_plan_was_rebuilt_with_fewer_classes_is_forgotten_not_an_error():
    at = page()
    at.text_area(key="yp_schools").set_value("Skovvangskolen: 3.a, 7.b")
    at.checkbox(key="yp_parents").check()
    at.button(key="yp_make").click().run()
    seventh = next(s for s in at.session_state["year_plan"].sessions if s.kind == "foraeldremoede" and s.class_name == "7.b")
    at.selectbox(key="yp_meeting").set_value(seventh.uid).run()
    at.text_area(key="yp_schools").set_value("Skovvangskolen: 3.a")
    at.button(key="yp_make").click().run()
    if any(b.key == "yp_confirm_yes" for b in at.button):  # a class less: the page may ask first
        at.button(key="yp_confirm_yes").click().run()
    assert not at.exception, at.exception
    assert [s.class_name for s in at.session_state["year_plan"].sessions if s.kind == "foraeldremoede"] == ["3.a"]
    assert len(at.selectbox(key="yp_meeting").options) == 1 and "3.a" in at.selectbox(key="yp_meeting").options[0]
