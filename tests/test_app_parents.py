"""The Forældremøde page, driven with AppTest: it fits the meeting to the class, offers every document of the kit,
keeps what was chosen across pages and answers a bad start time in Danish."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.documents import parents as DP
from support import ROOT

APP = str(ROOT / "planner" / "app.py")
PAGE = "ui/pages/foraeldremoede.py"


def page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def agenda(at) -> list[str]:
    return list(at.table[0].value["Tid"])


def test_the_page_offers_every_document_of_the_kit_for_the_chosen_class():
    at = page()
    assert at.title[0].value == "Forældremøde"
    labels = [b.label for b in at.download_button]
    assert labels == [k.label for k in DP.PARENT_MEETING] + ["Det hele (zip)"]
    assert agenda(at)[0] == "19:00–19:05" and agenda(at)[-1].endswith("20:00")
    assert any("ForældreTelefonen" in c.value for c in at.caption)


def test_length_and_start_set_the_agenda_and_the_choice_survives_another_page():
    at = page()
    at.selectbox(key="pm_band").set_value("udskoling")
    at.radio(key="pm_minutes").set_value(45)
    at.text_input(key="pm_start").input("18.30").run()
    assert not at.exception
    assert agenda(at)[0] == "18:30–18:35" and agenda(at)[-1].endswith("19:15")
    at.switch_page("ui/pages/materialer.py").run()
    at.switch_page(PAGE).run()
    assert at.selectbox(key="pm_band").value == "udskoling" and at.radio(key="pm_minutes").value == 45
    assert agenda(at)[0] == "18:30–18:35"


def test_themes_offered_fit_the_class_and_a_special_class_by_its_pupils_age():
    at = page()
    at.selectbox(key="pm_band").set_value("indskoling").run()
    assert "Sextortion og afpresning" not in at.multiselect(key="pm_themes").options
    at.selectbox(key="pm_band").set_value("special").run()
    at.selectbox(key="pm_age").set_value("udskoling").run()
    assert "Sextortion og afpresning" in at.multiselect(key="pm_themes").options
    at.multiselect(key="pm_themes").set_value(["sextortion"]).run()
    assert not at.exception and len(at.download_button) == len(DP.PARENT_MEETING) + 1


def test_a_bad_start_time_gets_a_danish_message_and_loses_nothing():
    at = page()
    at.text_input(key="pm_school").input("Vestre Skole")
    at.text_input(key="pm_start").input("aften").run()
    assert not at.exception
    assert "klokkeslæt" in at.error[0].value
    assert at.text_input(key="pm_school").value == "Vestre Skole"
    at.text_input(key="pm_start").input("19:15").run()
    assert agenda(at)[0].startswith("19:15") and not at.error


def test_the_kit_comes_as_pdf_where_libreoffice_is_installed_and_is_explained_where_not(monkeypatch):
    from planner.documents import pdf as PDF

    at = page()
    if PDF.available():
        at.button(key="pm_make_pdf").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
        assert "Hent som PDF (.zip)" in [b.label for b in at.download_button]
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: None)
    at = page()
    assert any("libreoffice-writer-nogui" in i.value.replace("\\", "") for i in at.info)
