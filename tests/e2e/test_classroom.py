"""Vis på tavlen in Chromium, as a teacher at the smartboard uses it: from the plan to the board, through the lesson
with the keyboard to the help slide, the countdown paused and extended, and help one key away from anywhere."""

import re

from playwright.sync_api import expect

from browser_support import choose, wait_for_app


def count(page) -> tuple[int, int]:
    at, total = re.match(r"(\d+) / (\d+)", page.locator(".kk-count").inner_text()).groups()
    return int(at), int(total)


def test_teach_a_lesson_from_the_board_with_the_keyboard(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    choose(page, "Trin", "Mellemtrin (4.–6. klasse)")
    page.get_by_role("button", name="Lav lektionsplan").click()
    wait_for_app(page)
    page.get_by_role("link", name="Vis på tavlen").first.click()
    wait_for_app(page)
    board = page.locator("#kk-board")
    expect(board).to_be_visible()
    expect(page).to_have_url(re.compile(r"/tavle\?.*band=mellemtrin"))  # a reload or a second screen shows the same
    assert count(page) == (1, count(page)[1])
    visible = board.locator(".kk-slide:not([hidden])")
    expect(visible).to_have_count(1)
    expect(page.locator(".kk-timer")).to_have_text("--:--")  # the title slide has no countdown

    page.keyboard.press("ArrowRight")
    expect(visible).to_contain_text("Klassens aftaler")
    timer = page.locator(".kk-timer")
    expect(timer).to_have_text(re.compile(r"^\d\d:\d\d$"))
    first = timer.inner_text()
    expect(timer).not_to_have_text(first, timeout=5_000)  # it counts down

    page.get_by_role("button", name="Pause").click()
    paused = timer.inner_text()
    page.wait_for_timeout(1_500)
    expect(timer).to_have_text(paused)
    page.get_by_role("button", name="+1 min").click()
    minutes, seconds = map(int, timer.inner_text().split(":"))
    assert minutes * 60 + seconds == sum(int(x) * k for x, k in zip(paused.split(":"), (60, 1))) + 60
    page.get_by_role("button", name="Fortsæt").click()

    # H shows help from anywhere and goes back to where the class was; the countdown keeps running.
    page.keyboard.press("ArrowRight")
    here = count(page)[0]
    page.keyboard.press("h")
    expect(visible).to_contain_text("116 111")
    assert visible.locator("img[alt^='QR-kode']").count() >= 1
    page.keyboard.press("h")
    assert count(page)[0] == here

    # Through the whole lesson with the arrow keys, to the help slide and on to the end.
    seen_help = False
    for _ in range(count(page)[1]):
        page.keyboard.press("ArrowRight")
        seen_help |= "116 111" in visible.inner_text()
    assert seen_help and count(page)[0] == count(page)[1]
    expect(page.get_by_role("button", name="Næste ▶")).to_be_disabled()
    page.keyboard.press("Home")
    assert count(page)[0] == 1
    assert page.outside_requests == [], page.outside_requests


def test_the_board_takes_the_width_of_the_screen(new_page, app_url):
    """At the two common board resolutions the slide covers at least 80 % of the screen's width: the side menu folds
    away (its arrow brings it back) and the full-screen button says what it will do."""
    for width, height in ((1366, 768), (1920, 1080)):
        page = new_page({"width": width, "height": height})
        page.goto(f"{app_url}/tavle?band=mellemtrin&template=lektion&klasse=5.a")
        wait_for_app(page)
        expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
        stage = page.locator(".kk-stage")
        expect(stage).to_be_visible()
        # The menu folds with an animation: wait for the slide to have grown (or fail after the timeout).
        page.wait_for_function("() => document.querySelector('.kk-stage').getBoundingClientRect().width "
                               ">= 0.8 * window.innerWidth", timeout=15_000)
        box = stage.bounding_box()
        assert box["width"] >= 0.8 * width, (width, box)
        assert box["y"] + box["height"] <= height  # the whole slide is on the screen
        expect(page.locator("[data-do='full']")).to_have_text("Vis i fuld skærm (F)")
        page.close()
