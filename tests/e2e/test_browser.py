"""Klassekit in a real browser, as a teacher uses it: every page, filters, a lesson with a kit, the guide."""

import io
import re
import zipfile

from docx import Document
from playwright.sync_api import expect

from browser_support import answer_the_guide, choose, wait_for_app

PAGES = {"": "Planlæg lektion", "lektion": "Planlæg lektion", "materialer": "Materialer",
         "kontakter": "Hjælp og kontakter", "aarshjul": "Årshjul", "handleguide": "Handleguide",
         "tavle": "Vis på tavlen"}


def test_every_page_opens_in_danish_without_outside_requests(page, app_url, tmp_path):
    for path, title in PAGES.items():
        page.goto(f"{app_url}/{path}")
        wait_for_app(page)
        expect(page.get_by_role("heading", name=title, exact=True).first).to_be_visible()
        assert page.get_by_test_id("stException").count() == 0
        assert page.get_by_text("Page not found").count() == 0, path  # every page opens from its own address
        page.screenshot(path=str(tmp_path / f"{path or 'lektion'}.png"), full_page=True)
    assert page.title() in set(PAGES.values()) | {"Klassekit"}
    assert page.outside_requests == [], page.outside_requests


def test_filter_materials_by_band(page, app_url):
    page.goto(f"{app_url}/materialer")
    wait_for_app(page)
    choose(page, "Trin", "Indskoling (0.–3. klasse)")
    expect(page.get_by_text("materialer", exact=False).first).to_be_visible()
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_contain_text("På nettet")
    expect(grid).not_to_contain_text("DeShame")


def test_plan_a_lesson_swap_an_exercise_and_download_the_kit(page, app_url, tmp_path):
    page.goto(app_url)
    wait_for_app(page)
    choose(page, "Trin", "Udskoling (7.–9. klasse)")
    page.get_by_role("button", name="Lav lektionsplan").click()
    wait_for_app(page)
    heading = page.locator("h2").first
    expect(heading).to_contain_text("Udskoling")
    assert "ex=" not in page.url  # an unedited plan's link is just its request

    first = page.get_by_test_id("stMarkdownContainer").locator("strong").filter(has_text=re.compile(r"^1\. ")).first
    before = first.inner_text()
    # The edit controls are on show: no panel to open first.
    page.get_by_role("button", name="Byt øvelse").first.click()
    wait_for_app(page)
    expect(first).not_to_have_text(before)
    after = first.inner_text()
    assert after != before
    assert "band=udskoling" in page.url and "ex=" in page.url
    page.screenshot(path=str(tmp_path / "plan.png"), full_page=True)

    with page.expect_download() as dl:
        page.get_by_role("button", name="Hele sættet (.zip)").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    with zipfile.ZipFile(path) as z:
        assert {"laererplan.docx", "elevark.docx", "foraeldrebrev.docx", "plakat.docx"} <= set(z.namelist())
        teacher = Document(io.BytesIO(z.read("laererplan.docx")))
    text = "\n".join(p.text for p in teacher.paragraphs)
    assert after.split(". ", 1)[1] in text

    with page.expect_download() as dl:
        page.get_by_role("button", name="Lærerplan").click()
    Document(dl.value.path())


def test_share_link_reopens_the_plan(page, app_url):
    page.goto(f"{app_url}/?band=mellemtrin&template=klassens-tid")
    wait_for_app(page)
    expect(page.locator("h2").first).to_contain_text("Mellemtrin")
    expect(page.get_by_text("Klassens tid (20 minutter) · 20 minutter")).to_be_visible()


def test_walk_the_handling_guide(page, app_url, tmp_path):
    step = answer_the_guide(page, app_url)
    expect(page.get_by_text("Billeder af en under 18 år", exact=False).first).to_be_visible()
    step.get_by_test_id("stCheckbox").first.click()
    wait_for_app(page)
    expect(page.get_by_text("1 af", exact=False).first).to_be_visible()
    # The kommune box keeps its choice after a tick (it once turned into an empty "Choose an option").
    expect(page.get_by_role("combobox", name="Lokale kontakter")).to_have_value("Kun nationale")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Tjekliste (Word)").click()
    doc = Document(dl.value.path())
    assert "Tjekliste" in doc.paragraphs[0].text
    page.screenshot(path=str(tmp_path / "handleguide.png"), full_page=True)


def test_the_app_is_usable_with_the_keyboard(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    button = page.get_by_role("button", name="Lav lektionsplan")
    button.focus()
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.locator("h2").first).to_be_visible()


def test_app_writes_nothing_to_disk(page, app_url, app_home):
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_role("button", name="Lav lektionsplan").click()
    wait_for_app(page)
    written = [p for p in app_home.rglob("*") if p.is_file()]
    assert written == [], written


def test_build_and_download_a_year_plan(page, app_url, tmp_path):
    import pandas as pd
    from icalendar import Calendar

    page.goto(f"{app_url}/aarshjul")
    wait_for_app(page)
    page.get_by_role("button", name="Lav årshjul", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Årshjul 20", exact=False).first).to_be_visible()
    page.screenshot(path=str(tmp_path / "aarshjul.png"), full_page=True)
    with page.expect_download() as dl:
        page.get_by_role("button", name="Excel (.xlsx)").click()
    sheets = pd.read_excel(dl.value.path(), sheet_name=None)
    assert {"Oversigt", "Skolen", "Om årshjulet"} <= set(sheets)  # overview, a sheet per school, about
    with page.expect_download() as dl:
        page.get_by_role("button", name="Kalender (.ics)", exact=True).click()
    events = Calendar.from_ical(open(dl.value.path(), "rb").read()).walk("VEVENT")
    assert len(events) >= 20
    with page.expect_download() as dl:
        page.get_by_role("button", name="Word (.docx)").click()
    Document(dl.value.path())


def test_a_hostile_plan_file_is_opened_as_a_request_and_the_browser_asks_nothing_outside(page, app_url, tmp_path):
    """A shared file whose texts hold markdown images, links and a planted QR address: the plan opens from the
    content library, and the browser never calls another server."""
    import json
    import sys

    from support import ROOT

    sys.path.insert(0, str(ROOT))
    from planner.content.loader import load_content
    from planner.planning import lesson as L

    plan = L.assemble(load_content(ROOT), {"band": "udskoling", "template": "lektion"})
    data = json.loads(L.to_json(plan))
    evil = "![x](https://evil.example/pixel.png) [Klik](https://evil.example/) <img src=https://evil.example/i.png>"
    data["title"] = evil
    data["exercises"][0]["learning_goal"] = evil
    data["exercises"][0]["steps"] = [evil, evil]
    data["helplines"][0]["url"] = "https://evil.example/qr"
    data["key_messages"] = [evil]
    hostile = tmp_path / "lektionsplan.json"
    hostile.write_text(json.dumps(data), encoding="utf-8")

    page.goto(app_url)
    wait_for_app(page)
    page.get_by_text("Åbn en gemt lektionsplan").click()
    page.locator("input[type=file]").first.set_input_files(str(hostile))
    wait_for_app(page)
    expect(page.locator("h2").first).to_contain_text(plan.title.split(" – ")[0])
    body = page.locator("body").inner_text()
    assert "evil.example" not in body
    page.get_by_test_id("stExpander").filter(has_text="Vis øvelsen").first.locator("summary").click()
    wait_for_app(page)
    assert "evil.example" not in page.locator("body").inner_text()
    assert page.outside_requests == [], page.outside_requests


def test_the_lesson_page_fits_a_phone(new_page, app_url, tmp_path):
    page = new_page({"width": 390, "height": 844})
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_role("button", name="Lav lektionsplan").click()
    wait_for_app(page)
    grid = page.get_by_test_id("stTable").first
    grid.scroll_into_view_if_needed()
    expect(grid).to_be_visible()
    box = grid.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1  # the timeline is never cut off at the side
    expect(grid).to_contain_text("08:00–")
    expect(grid).to_contain_text("Afslutning")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    grid.screenshot(path=str(tmp_path / "phone.png"))


def test_kit_fields_and_start_time_survive_the_board_and_reach_the_downloaded_plan(page, app_url, tmp_path):
    """Plan → edit → Vis på tavlen → back → download: what the teacher typed is still there and in the document."""
    page.goto(app_url)
    wait_for_app(page)
    choose(page, "Trin", "Udskoling (7.–9. klasse)")
    choose(page, "Længde", "Dobbeltlektion (90 minutter)")
    page.get_by_role("button", name="Lav lektionsplan").click()
    wait_for_app(page)
    start = page.get_by_role("textbox", name="Starttid")
    start.fill("09:35")
    start.press("Enter")
    wait_for_app(page)
    for label, value in (("Skole", "Skovvangskolen"), ("Klasse", "8.b"), ("Dato", "tirsdag 8. december"),
                         ("Lærer", "Mette")):
        field = page.get_by_role("textbox", name=label, exact=True)
        field.fill(value)
        field.press("Enter")
        wait_for_app(page)
    page.get_by_role("button", name="Fjern").first.click()  # a removal in a lesson with a break
    wait_for_app(page)

    page.get_by_role("link", name="Vis på tavlen").first.click()
    wait_for_app(page)
    board = page.locator("#kk-board")
    expect(board).to_contain_text("8.b · tirsdag 8. december")
    page.get_by_role("button", name="Næste ▶").click()
    expect(board.locator(".kk-when")).to_contain_text("kl. 09:35")
    page.get_by_role("link", name="Tilbage til lektionsplanen").click()
    wait_for_app(page)

    expect(page.get_by_role("textbox", name="Klasse", exact=True)).to_have_value("8.b")
    expect(page.get_by_role("textbox", name="Lærer", exact=True)).to_have_value("Mette")
    expect(page.get_by_role("textbox", name="Starttid")).to_have_value("09:35")
    assert "09:35" in page.get_by_test_id("stTable").first.inner_text()
    with page.expect_download() as dl:
        page.get_by_role("button", name="Lærerplan").click()
    teacher = Document(dl.value.path())
    text = "\n".join([p.text for p in teacher.paragraphs] + [c.text for t in teacher.tables for r in t.rows
                                                             for c in r.cells])
    header = teacher.sections[0].header.paragraphs[0].text  # the class's details, on every page
    assert "Mette" in text and "Skovvangskolen" in header and "8.b" in header
    assert "09:35" in text and "08:00" not in text

    # A reload keeps the plan and the class (not the teacher's name, which no link carries).
    page.reload()
    wait_for_app(page)
    expect(page.get_by_role("textbox", name="Klasse", exact=True)).to_have_value("8.b")
    expect(page.get_by_role("textbox", name="Starttid")).to_have_value("09:35")
    assert page.get_by_text("ufuldstændig eller ændret").count() == 0
