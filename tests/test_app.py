"""The Streamlit app, driven with AppTest: every page renders, filters work, a lesson can be planned and edited."""

import json

from streamlit.testing.v1 import AppTest

from support import ROOT
from planner.planning import lesson as L
from planner.ui.support import md

APP = str(ROOT / "planner" / "app.py")


def app(page=None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_start_page_is_the_lesson_planner():
    at = app()
    assert at.title[0].value == "Planlæg lektion"
    assert "Lav lektionsplan" in [b.label for b in at.button]


def test_the_app_sends_no_usage_statistics():
    """Safe by design: Streamlit's usage statistics are off in the app's configuration, and Streamlit reads it so."""
    import tomllib

    from streamlit import config as streamlit_config

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert streamlit_config.get_option("browser.gatherUsageStats") is False


def test_materials_page_filters_by_band():
    at = app("ui/pages/materialer.py")
    assert at.title[0].value == "Materialer"
    at.selectbox(key="mat_band").select("indskoling").run()
    table = at.dataframe[0].value
    assert "På nettet" in set(table["title"])
    assert all("Indskoling" in t or t == "Alle trin" for t in table["trin"])
    at.selectbox(key="mat_pick").select("paa-nettet").run()
    assert any("Kilde:" in c.value for c in at.caption)


def test_materials_free_text_search_without_hits_says_so():
    at = app("ui/pages/materialer.py")
    at.text_input(key="mat_search").input("zzz-ingen-hits").run()
    assert any("Ingen materialer" in i.value for i in at.info)


def test_contacts_page_shows_status_and_local_contacts():
    at = app("ui/pages/kontakter.py")
    labels = [e.label.replace("\\", "") for e in at.expander]
    assert any(x.startswith("BørneTelefonen · tlf. 116 111") for x in labels)
    assert not any("Ungekontakten" in x for x in labels)
    assert not at.dataframe  # each contact is shown once, not in a table and again in a list
    at.selectbox(key="hl_kommune").select("Aarhus").run()
    labels = [e.label.replace("\\", "") for e in at.expander]
    assert any(x.startswith("Ungekontakten") and x.endswith("Fra pjecen, ikke bekræftet") for x in labels)
    assert len(labels) == len(set(labels))
    assert any("ikke efterprøvet" in w.value for w in at.warning)


def make_lesson(at, band="mellemtrin", length="lektion", themes=()):
    at.selectbox(key="ls_band").select(band).run()
    at.selectbox(key="ls_length").select(length).run()
    if themes:
        at.multiselect(key="ls_themes").set_value(list(themes)).run()
    at.button(key="ls_make").click().run()
    assert not at.exception, at.exception
    return at.session_state["lesson_plan"]


def test_plan_a_lesson_edit_it_and_keep_it_across_pages():
    at = app()
    plan = make_lesson(at, "udskoling", "dobbeltlektion", ["sextortion"])
    assert plan.minutes == 90 and plan.activities[-1].end == 90
    assert at.header[0].value == md(plan.title)  # shown as text: markdown characters escaped
    assert len(at.table[0].value) == len(plan.activities)
    first = plan.exercise_activities[0].exercise_id
    at.button(key="down_0").click().run()
    moved = at.session_state["lesson_plan"]
    assert moved.exercise_activities[1].exercise_id == first
    at.button(key="rm_0").click().run()
    assert len(at.session_state["lesson_plan"].exercise_activities) == len(plan.exercise_activities) - 1
    # The share link lives in the address bar
    assert at.query_params["band"] in ("udskoling", ["udskoling"])
    at.switch_page("ui/pages/materialer.py").run()
    at.switch_page("ui/pages/lektion.py").run()
    assert at.session_state["lesson_plan"].exercise_activities[0].exercise_id == first
    assert at.header[0].value == md(plan.title)


def test_swap_and_change_minutes():
    at = app()
    plan = make_lesson(at, "indskoling", "dobbeltlektion")
    spare = at.selectbox(key="swap_pick_0").options[0]
    at.button(key="swap_0").click().run()
    swapped = at.session_state["lesson_plan"]
    assert swapped.exercise_activities[0].exercise_id != plan.exercise_activities[0].exercise_id
    assert swapped.exercise_activities[0].title == spare
    e = swapped.exercise(swapped.exercise_activities[0].exercise_id)
    at.number_input(key="min_0").set_value(e.minutes_min).run()
    changed = at.session_state["lesson_plan"]
    assert changed.exercise_activities[0].minutes == e.minutes_min
    assert changed.activities[-1].end == 90


def test_impossible_request_shows_the_reason():
    at = app()
    at.selectbox(key="ls_length").select("__minutter__").run()
    at.number_input(key="ls_minutes").set_value(15).run()
    at.selectbox(key="ls_band").select("special").run()
    at.button(key="ls_make").click().run()
    assert "lesson_plan" in at.session_state  # 15 minutes is the shortest possible lesson, and it works


def test_share_link_opens_the_same_plan(content):
    plan = L.move_exercise(L.assemble(content, {"band": "mellemtrin", "template": "lektion"}), 0, 1)
    at = app(**L.plan_to_query(plan))
    assert at.session_state["lesson_plan"] == plan


def test_upload_of_a_tampered_plan_keeps_the_current_one(content):
    at = app()
    plan = make_lesson(at, "mellemtrin", "lektion")
    data = json.loads(L.to_json(plan))
    data["activities"][0]["minutes"] = 99
    uploader = at.file_uploader[0]
    uploader.upload("lektionsplan.json", json.dumps(data).encode(), "application/json").run()
    assert any("ufuldstændig eller ændret" in e.value for e in at.error)
    assert at.session_state["lesson_plan"] == plan


def test_upload_of_a_saved_plan_opens_it(content):
    saved = L.assemble(content, {"band": "special", "age_band": "udskoling", "template": "klassens-tid"})
    at = app()
    at.file_uploader[0].upload("plan.json", L.to_json(saved).encode(), "application/json").run()
    assert at.session_state["lesson_plan"] == saved


def test_an_opened_plan_fills_the_form_and_is_not_replaced_without_asking(content):
    saved = L.assemble(content, {"band": "udskoling", "template": "dobbeltlektion", "themes": ["sextortion"],
                                 "kommune": "Aarhus"})
    at = app()
    at.file_uploader[0].upload("plan.json", L.to_json(saved).encode(), "application/json").run()
    at.run()
    assert at.selectbox(key="ls_band").value == "udskoling"
    assert at.selectbox(key="ls_length").value == "dobbeltlektion"
    assert at.multiselect(key="ls_themes").value == ["sextortion"]
    assert at.selectbox(key="ls_kommune").value == "Aarhus"
    assert not any("Valgene ovenfor er ændret" in w.value for w in at.warning)
    # A click on "Lav lektionsplan" asks before it throws the opened plan away.
    at.selectbox(key="ls_band").select("indskoling").run()
    at.button(key="ls_make").click().run()
    assert at.session_state["lesson_plan"] == saved
    assert any("erstatter dine rettelser" in w.value for w in at.warning)
    at.button(key="ls_confirm_no").click().run()
    assert at.session_state["lesson_plan"] == saved
    at.button(key="ls_make").click().run()
    at.button(key="ls_confirm_yes").click().run()
    assert not at.exception
    assert at.session_state["lesson_plan"].band == "indskoling"


def test_a_fresh_plan_is_made_without_asking():
    at = app()
    first = make_lesson(at, "mellemtrin", "lektion")
    second = make_lesson(at, "udskoling", "lektion")
    assert first.band == "mellemtrin" and second.band == "udskoling"
    assert not any("erstatter" in w.value for w in at.warning)


def test_kit_download_buttons_are_offered():
    at = app()
    make_lesson(at, "special", "lektion")
    labels = [b.label for b in at.download_button]
    for label in ("Gem planen", "Lærerplan", "Kort og skilte", "Elevark (letlæst)", "Forældrebrev",
                  "Plakat", "Hele sættet (.zip)"):
        assert label in labels


def test_kit_takes_a_start_time_and_class_size_and_explains_a_wrong_time():
    at = app()
    make_lesson(at, "mellemtrin", "lektion")
    at.text_input(key="ls_start").input("9.30").run()
    timeline = at.table[0].value
    assert timeline["Kl."].iloc[0].startswith("09:30–")  # the page's timeline runs in clock times too
    at.number_input(key="kit_pupils").set_value(22).run()
    assert not at.exception and not at.error
    assert at.session_state["lesson_plan"].kit.pupils == 22
    at.text_input(key="ls_start").input("9:75").run()
    assert not at.exception
    assert any("klokkeslæt som 08:00" in e.value.replace("\\", "") for e in at.error)
    assert at.session_state["lesson_plan"].kit.start == "09:30"  # a wrong time never replaces the right one


def test_pdf_is_offered_where_libreoffice_is_installed_and_explained_where_not(monkeypatch):
    from planner.documents import pdf as PDF

    at = app()
    make_lesson(at, "udskoling", "klassens-tid")
    if PDF.available():
        at.button(key="kit_make_pdf").click().run()
        assert not at.exception and not at.error
        assert "Hent som PDF (.zip)" in [b.label for b in at.download_button]
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: None)
    at = app()
    make_lesson(at, "udskoling", "klassens-tid")
    assert any("libreoffice-writer-nogui" in i.value.replace("\\", "") for i in at.info)


def test_broken_content_shows_a_danish_error_page(content_copy, monkeypatch):
    f = content_copy / "materials" / "themes.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("bands: [mellemtrin, udskoling, special]\n    min_age_band: mellemtrin\n  - id: deepfakes", "bands: [mellemtrin, udskoling, x]\n    min_age_band: mellemtrin\n  - id: deepfakes"),
                 encoding="utf-8")
    monkeypatch.setenv("KLASSEKIT_ROOT", str(content_copy))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Indholdet kan ikke indlæses"
    assert any("materials/themes.yaml" in m.value.replace("\\", "") and "post 'sextortion'" in m.value.replace("\\", "")
               for m in at.markdown)


def test_odd_text_in_every_text_field_never_breaks_the_page():
    odd = "\x00\x07 🙂 \u202e مدرسة <b>&amp;" + "x" * 5000
    at = app("ui/pages/materialer.py")
    at.text_input(key="mat_search").input(odd).run()
    assert not at.exception
    at = app()
    make_lesson(at, "mellemtrin", "lektion")
    for key in ("kit_school", "kit_class", "kit_date", "kit_teacher"):
        at.text_input(key=key).input(odd[:120]).run()
    assert not at.exception


def test_a_theme_is_found_and_added_by_the_words_teachers_use():
    at = app()
    at.selectbox(key="ls_band").select("udskoling").run()
    at.text_input(key="ls_theme_search").input("afpresning").run()
    at.button(key="ls_add_theme_sextortion").click().run()
    assert at.multiselect(key="ls_themes").value == ["sextortion"]
    at.text_input(key="ls_theme_search").input("qqqq").run()
    assert any("Ingen temaer" in c.value for c in at.caption)
    assert not at.exception


KIT_FIELDS = {"kit_school": "Skovvangskolen", "kit_class": "1.b", "kit_date": "tirsdag 8. december",
              "kit_teacher": "Mette"}


def fill_kit(at, start="09:15", pupils=22, a3=True):
    for key, value in KIT_FIELDS.items():
        at.text_input(key=key).input(value).run()
    at.text_input(key="ls_start").input(start).run()
    at.number_input(key="kit_pupils").set_value(pupils).run()
    if a3:
        at.checkbox(key="kit_a3").check().run()
    assert not at.exception, at.exception


def assert_kit_shown(at, start="09:15", pupils=22):
    for key, value in KIT_FIELDS.items():
        assert at.text_input(key=key).value == value
    assert at.text_input(key="ls_start").value == start
    assert at.number_input(key="kit_pupils").value == pupils
    assert at.checkbox(key="kit_a3").value is True
    assert at.table[0].value["Kl."].iloc[0].startswith(f"{start}–")


def test_the_kit_fields_and_start_time_survive_every_other_page_and_the_board():
    at = app()
    make_lesson(at, "indskoling", "dobbeltlektion")
    fill_kit(at)
    for page in ("ui/pages/tavle.py", "ui/pages/materialer.py", "ui/pages/kontakter.py", "ui/pages/handleguide.py",
                 "ui/pages/aarshjul.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        at.switch_page("ui/pages/lektion.py").run()
        assert_kit_shown(at)
    kit = at.session_state["lesson_plan"].kit
    assert (kit.school, kit.class_name, kit.date, kit.teacher, kit.start, kit.pupils, kit.poster) == (
        "Skovvangskolen", "1.b", "tirsdag 8. december", "Mette", "09:15", 22, "A3")


def test_the_board_shows_the_class_and_date_and_the_clock_times_from_the_start_time():
    at = app()
    make_lesson(at, "indskoling", "lektion")
    fill_kit(at, start="10:05")
    at.switch_page("ui/pages/tavle.py").run()
    board = next(h.proto.body for h in at.get("html") if 'id="kk-board"' in h.proto.body)
    assert "1.b · tirsdag 8. december" in board and "Indskoling (0.–3. klasse)" not in board
    assert 'data-when="10:05–' in board


def test_a_new_plan_keeps_the_class_the_teacher_typed():
    at = app()
    make_lesson(at, "mellemtrin", "lektion")
    fill_kit(at)
    make_lesson(at, "mellemtrin", "dobbeltlektion")
    assert at.session_state["lesson_plan"].kit.class_name == "1.b"
    assert_kit_shown(at)


def test_the_saved_file_keeps_the_kit_fields_and_start_time_and_opens_them_again():
    at = app()
    make_lesson(at, "udskoling", "temadag")
    fill_kit(at)
    at.button(key="rm_1").click().run()
    data = L.to_json(at.session_state["lesson_plan"]).encode()  # what "Gem planen" hands the browser
    assert json.loads(data)["kit"]["start"] == "09:15"
    fresh = app()
    fresh.file_uploader[0].upload("plan.json", data, "application/json").run()
    fresh.run()
    assert not fresh.error, [e.value for e in fresh.error]
    assert fresh.session_state["lesson_plan"] == at.session_state["lesson_plan"]
    assert_kit_shown(fresh)


def test_a_reload_and_the_share_link_keep_the_plan_and_the_class_but_not_the_teachers_name():
    at = app()
    make_lesson(at, "udskoling", "dobbeltlektion")
    fill_kit(at)
    at.button(key="rm_0").click().run()
    plan = at.session_state["lesson_plan"]
    link = {k: at.query_params[k] for k in at.query_params}
    link = {k: v[0] if isinstance(v, list) else v for k, v in link.items()}
    assert "Mette" not in json.dumps(link)
    reloaded = app(**link)
    assert not reloaded.error, [e.value for e in reloaded.error]
    opened = reloaded.session_state["lesson_plan"]
    assert opened.activities == plan.activities
    assert opened.kit == plan.kit.model_copy(update={"teacher": ""})
    assert reloaded.text_input(key="ls_start").value == "09:15"
