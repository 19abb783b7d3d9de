"""The kit's view: planning works out once what the kit's documents show, and the documents print exactly that.

Swept over every band (a special class with its pupils' age) and short, ordinary and long lessons."""

import ast
import functools
import io
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from planner.documents import kit as K
from planner.documents.docx_base import clean
from planner.planning import lesson as L
from planner.planning.lesson import kit_view as KV
from support import AGE, ROOT

BANDS = ("indskoling", "mellemtrin", "udskoling", "special")
LENGTHS = ("klassens-tid", "lektion", "temadag")
INFO = K.KitInfo(school="Skovvangskolen", class_name="5.b", date="12. januar", start="09:15", pupils=23,
                 letter_languages=["en", "ar"])
ONCE = ("lesson_exercises", "taught_themes", "lesson_title", "schedule", "needs", "bounded_pupils", "parent_contacts", "emergency_numbers", "child_line", "scan_codes", "deck")
"""Planning steps a kit needs exactly once, whichever documents it holds."""
CASES = [(band, length) for band in BANDS for length in LENGTHS]


@pytest.fixture(scope="module")
def plans(content):
    return {(band, length): L.assemble(content, {"band": band, "template": length, **AGE.get(band, {})})
            for band, length in CASES}


def _doc(data: bytes):
    return Document(io.BytesIO(data))


def _first_cells(table) -> list[str]:
    return [row.cells[-1].paragraphs[0].text for row in table.rows]


@pytest.mark.parametrize("band,length", CASES)
def test_the_teacher_plan_prints_the_views_title_clock_times_and_materials(plans, band, length):
    view = K.kit_view(plans[band, length], INFO)
    doc = _doc(K.teacher_plan(view.plan, INFO))
    assert doc.paragraphs[0].text == view.title
    times = [row.cells[-2].text for row in doc.tables[0].rows[1:]]
    assert times == [f"{r.start}–{r.end}" for r in view.schedule]
    assert view.schedule[0].start == INFO.start
    assert len(K.materials_lines(view)) == len(view.needs)
    assert f"{view.pupils} elevark" in K.materials_lines(view)[-1]


@pytest.mark.parametrize("band,length", CASES)
def test_each_handout_prints_the_views_messages_and_helplines(plans, band, length):
    view = K.kit_view(plans[band, length], INFO)
    for easy in {view.plan.band == "special", False}:
        sheet = view.sheet(easy)
        doc = _doc(K.student_handout(view.plan, easy_read=easy, info=INFO))
        shown = [cell.paragraphs[0].text for cell in doc.tables[-1].rows[0].cells] if sheet.simple \
            else _first_cells(doc.tables[-1])
        assert shown == [clean(h.name) for h in sheet.helplines], (band, length, easy)
        assert sheet.helplines and all(h.status == "confirmed" for h in sheet.helplines)
        text = "\n".join(p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs) \
            + "\n".join(p.text for p in doc.paragraphs)
        assert all(clean(msg) in text for msg in sheet.messages)
        assert sheet.emergency in text
        assert [f.pupil_text for f in sheet.facts if clean(f.pupil_text) not in text] == []


@pytest.mark.parametrize("band,length", CASES)
def test_the_poster_and_the_letter_print_the_views_contacts(plans, band, length):
    view = K.kit_view(plans[band, length], INFO)
    poster = _doc(K.poster(view.plan))
    text = "\n".join(p.text for p in poster.paragraphs)
    assert view.child_line and view.child_line.phone in text
    names = [c.paragraphs[0].text.strip() for c in poster.tables[-1].rows[0].cells] if view.scan_codes else []
    assert names == [h.name for h in view.scan_codes]
    letter = _doc(K.parent_letter(view.plan, INFO))
    assert [c.paragraphs[0].text for c in letter.tables[-1].rows[0].cells] == [
        clean(h.name) for h in view.parent_contacts]
    assert 0 < len(view.parent_contacts) <= K.MAX_PARENT_HELPLINES


def _counting(monkeypatch) -> Counter:
    """Count every call the view makes into planning, by function and arguments; the functions still do the work."""
    calls: Counter = Counter()

    def key(x):
        return x if isinstance(x, (str, int, float, bool, type(None))) else id(x)

    def wrap(name, f):
        @functools.wraps(f)
        def counted(*args, **kwargs):
            calls[(name, *map(key, args), *((k, key(v)) for k, v in sorted(kwargs.items())))] += 1
            return f(*args, **kwargs)
        return counted

    for name in ONCE + ("groups_of", "card_count", "card_name", "simple", "ways", "emergency", "pupil_facts", "as_child",
                        "helplines_for_pupils", "emergency_text"):
        monkeypatch.setattr(KV, name, wrap(name, getattr(KV, name)))
    return calls


@pytest.mark.parametrize("band,length", CASES)
def test_a_whole_kit_asks_planning_each_question_once(plans, band, length, monkeypatch):
    calls = _counting(monkeypatch)
    plan = plans[band, length]
    files = K.build_kit(plan, INFO)
    assert {"laererplan.docx", "elevark.docx", "foraeldrebrev.docx", "foraeldrebrev-en.docx", "plakat.docx",
            "praesentation.pptx"} <= set(files)
    assert [k for k, n in calls.items() if n > 1] == []
    per_function = Counter(k[0] for k in calls)
    assert {name: per_function[name] for name in ONCE} == dict.fromkeys(ONCE, 1)
    # One pupil's view per kind of sheet (easy-read or plain), however many sheets, letters or codes ask for it.
    assert per_function["helplines_for_pupils"] <= 2 and per_function["groups_of"] <= 1
    assert per_function["card_count"] == len({a.exercise_id for a in plan.exercise_activities})


@pytest.mark.parametrize("want", ["elevark.docx", "laererplan.docx", "kort-og-skilte.docx"])
def test_one_document_of_the_kit_asks_only_what_it_shows(plans, want, monkeypatch):
    calls = _counting(monkeypatch)
    plan = plans["mellemtrin", "lektion"]
    assert K.kit_job(plan.model_copy(update={"kit": INFO}).model_dump_json(), want)
    asked = {k[0] for k in calls}
    assert "deck" not in asked and "parent_contacts" not in asked
    assert [k for k, n in calls.items() if n > 1] == []


BUILDERS = ("teacher_plan", "handout", "letter", "poster", "props", "props_layout", "contacts", "slides", "kit")


@pytest.mark.parametrize("module", BUILDERS)
def test_the_kits_builders_ask_planning_only_through_the_view(module):
    """A builder that asked overview or pupil_help itself would work a part out again, and might disagree."""
    tree = ast.parse((ROOT / "planner" / "documents" / f"{module}.py").read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names} | {
        n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not {x.rsplit(".", 1)[-1] for x in imported} & {"overview", "pupil_help"}, module
    if module == "slides":
        assert ".deck(" not in Path(ROOT / "planner" / "documents" / "slides.py").read_text(encoding="utf-8")
