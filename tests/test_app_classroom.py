"""Vis på tavlen in the app (AppTest): the plan's slides as one board, from the lesson page or a share link; a page
without a plan says what to do, and a broken link gets a Danish reason, never a traceback."""

import re

from streamlit.testing.v1 import AppTest

from support import ROOT
from planner.planning import lesson as L
from planner.planning.lesson import slides as SL

APP = str(ROOT / "planner" / "app.py")
BOARD = "ui/pages/tavle.py"


def board_of(at) -> str:
    return next(h.proto.body for h in at.get("html") if 'id="kk-board"' in h.proto.body)


def open_board(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(BOARD).run()
    assert not at.exception, at.exception
    return at


def test_the_lesson_page_offers_the_board_and_the_deck():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["band"] = "mellemtrin"
    at.query_params["template"] = "lektion"
    at.run()
    assert not at.exception
    links = [p for p in at.get("page_link") if p.proto.label == "Vis på tavlen"]
    assert links and "band=mellemtrin" in links[0].proto.query_string
    assert "Præsentation til tavlen" in [b.label for b in at.get("download_button")]


def test_a_share_link_opens_on_the_board_with_every_slide(content):
    at = open_board(band="udskoling", template="dobbeltlektion")
    html = board_of(at)
    deck = SL.deck(L.plan_from_query(content, {"band": "udskoling", "template": "dobbeltlektion"}))
    assert html.count('class="kk-slide') == len(deck.slides)
    assert f'"help": {deck.help_index}' in html
    assert "116 111" in html and "Hent præsentationen (.pptx)" in [b.label for b in at.get("download_button")]
    # Every picture travels in the page itself: the board needs nothing but the app.
    assert not re.search(r'src="(?!data:)', html)


def test_the_board_without_a_plan_says_how_to_get_one():
    at = open_board()
    assert at.title[0].value == "Vis på tavlen"
    assert "Lav først en lektionsplan" in at.info[0].value
    assert not [h for h in at.get("html") if 'id="kk-board"' in h.proto.body]


def test_a_broken_link_is_refused_in_danish():
    at = open_board(band="udskoling", template="lektion", ex="findes-ikke:10")
    assert at.error and "Linket kan ikke vises på tavlen" in at.error[0].value
    assert at.title[0].value == "Vis på tavlen"


def test_text_from_the_link_is_shown_as_text(content):
    at = open_board(band="mellemtrin", template="lektion", themes="<img src=x onerror=alert(1)>")
    assert not at.exception
    assert all("<img src=x" not in h.proto.body for h in at.get("html"))
