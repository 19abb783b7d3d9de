"""The lesson's first page as data: clock times, what the lesson teaches, and what to bring and print."""

import pytest

from support import AGE
from docx import Document
from docx.oxml.ns import qn

import io

from planner.documents import kit as K
from planner.documents import props as P
from planner.planning import lesson as L
from planner.planning.lesson import overview as O

BANDS = ("indskoling", "mellemtrin", "udskoling", "special")
TEMPLATES = ("klassens-tid", "lektion", "dobbeltlektion", "temadag")


@pytest.mark.parametrize("text,minutes", [("08:00", 480), ("8.15", 495), ("23:59", 1439), (None, 480)])
def test_a_start_time_is_read_as_people_write_it(text, minutes):
    assert O.parse_start(text) == minutes


@pytest.mark.parametrize("text", ["24:00", "8", "kl. 8", "08:60", "-1:00", "8:5", "０８:００", "x" * 500])
def test_a_start_time_that_is_not_a_clock_time_is_refused_in_danish(text):
    with pytest.raises(O.StartTimeError, match="klokkeslæt som 08:00"):
        O.parse_start(text)


def test_the_timeline_runs_in_clock_times_and_a_theme_day_names_its_modules(content):
    plan = L.assemble(content, {"band": "mellemtrin", "template": "temadag"})
    rows = O.schedule(plan, "08:15")
    assert rows[0].start == "08:15" and rows[-1].end == O.clock(8 * 60 + 15 + 240)
    assert all(a.end == b.start for a, b in zip(rows, rows[1:]))
    assert [r.module for r in rows if r.kind != "break"][-1] == 4
    assert all(r.module is None for r in rows if r.kind == "break")
    assert not any(r.title.startswith("Modul") for r in rows)  # the module is its own column, not repeated
    short = L.assemble(content, {"band": "mellemtrin", "template": "lektion"})
    assert all(r.module is None for r in O.schedule(short))


@pytest.mark.parametrize("band", BANDS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_the_title_names_at_most_two_themes_the_exercises_teach(content, band, template):
    plan = L.assemble(content, {"band": band, "template": template} | AGE.get(band, {}))
    taught = O.taught_themes(plan)
    title = O.lesson_title(plan)
    assert 1 <= len(title.split(" · ")) <= 2
    assert title.split(" · ")[0] == taught[0].title
    exercise_themes = {t for a in plan.exercise_activities for t in plan.exercise(a.exercise_id).themes}
    assert all(t.id in exercise_themes for t in taught)


@pytest.mark.parametrize("band", BANDS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_printed_need_has_pages_and_every_quantity_follows_the_class(content, band, template):
    plan = L.assemble(content, {"band": band, "template": template} | AGE.get(band, {}))
    for pupils in (1, 24, 40):
        needs = O.needs(plan, pupils)
        where = P.where(plan, pupils)
        assert needs[-1].name == "elevark" and needs[-1].quantity == pupils
        for n in needs:
            assert n.quantity >= 1
            if n.printed and n.kind != "handout":
                assert (n.exercise_id, n.prop) in where
        names = [n.name.casefold() for n in needs if n.kind == "item"]
        assert len(names) == len(set(names))  # a string two exercises share is brought once
    lines = K.materials_lines(plan, K.KitInfo(pupils=24))
    assert lines[-1] == "24 elevark"


def test_clothes_pegs_follow_the_cards_and_pupil_cards_the_class(content):
    string = next(e for e in content.exercises if e.id == "ind-hemmeligheds-snoren")
    plan = L.assemble(content, {"band": "indskoling", "template": "lektion", "include": [string.id]})
    needs = {n.name: n for n in O.needs(plan, 20)}
    pegs = next(n for n in needs.values() if "klemme" in n.name)
    assert pegs.quantity == len(string.card_statements) + len(string.cases)


def test_indskoling_cards_are_at_least_a6_and_cut_lines_are_dashed(content):
    plan = L.assemble(content, {"band": "indskoling", "template": "lektion"})
    doc = Document(io.BytesIO(P.props_document(plan)))
    cards = 0
    for row in (r for t in doc.tables for r in t.rows):
        height = row._tr.find(qn("w:trPr") + "/" + qn("w:trHeight"))
        cm = int(height.get(qn("w:val"))) / 567 if height is not None else 0
        if 5 < cm < 20:  # a card row (a sign fills the sheet under a thin colour band)
            cards += len(row.cells)
            assert cm >= 14.8
            for cell in row.cells:
                assert int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) / 567 >= 10.49
    assert cards
    assert 'w:val="dashed"' in doc.element.body.xml


def test_the_pupil_count_is_bounded(content):
    with pytest.raises(ValueError):
        K.KitInfo(pupils=10_000)
    assert O.bounded_pupils(None) == O.DEFAULT_PUPILS and O.bounded_pupils(500) == O.MAX_PUPILS


@pytest.mark.parametrize("band", BANDS)
def test_the_quick_check_for_printed_props_agrees_with_the_layout(content, band):
    for template in TEMPLATES:
        plan = L.assemble(content, {"band": band, "template": template} | AGE.get(band, {}))
        assert P.has_pages(plan) == bool(P.layout(plan))
        assert ("kort-og-skilte.docx" in dict(map(reversed, K.documents_of(plan)))) == P.has_pages(plan)
