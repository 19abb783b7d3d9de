"""Arbitrary input never crashes: property-based tests over every free-text field and every upload."""

import io
import json

from docx import Document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planner.documents import kit as K
from planner.planning import lesson as L
from planner.content.catalog import filter_frame, frame
from planner.documents.docx_base import clean

# Control characters, emoji, right-to-left marks and scripts, and very long strings.
nasty_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.text(alphabet="\x00\x01\x07\x0b\x0c\x1b\x7f\ufffe\uffff\u202e\u200f\u0627\u05d0🙂👩‍👩‍👧<>&\"'", max_size=60),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(1000, 3000)),
)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(school=nasty_text, class_name=nasty_text, teacher=nasty_text, date=nasty_text)
def test_any_class_details_give_valid_documents(content, school, class_name, teacher, date):
    plan = L.assemble(content, {"band": "mellemtrin", "template": "klassens-tid"})
    info = K.KitInfo(school=school, class_name=class_name, teacher=teacher, date=date)
    for data in (K.teacher_plan(plan, info), K.parent_letter(plan, info)):
        Document(io.BytesIO(data))


@SETTINGS
@given(text=nasty_text)
def test_clean_leaves_only_xml_safe_text(text):
    out = clean(text, 200)
    assert len(out) <= 200
    Document().add_paragraph(out)  # raises on anything XML cannot hold


@SETTINGS
@given(text=nasty_text)
def test_free_text_search_never_crashes(content, text):
    for kind in ("materials", "helplines", "exercises"):
        filter_frame(frame(content, kind), kind, text=text)


@SETTINGS
@given(raw=st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode)))
def test_any_uploaded_bytes_give_a_plan_or_a_danish_refusal(content, raw):
    try:
        L.from_json(raw, content)
    except L.PlanFileError as exc:
        assert str(exc)


@SETTINGS
@given(data=st.data())
def test_tampering_with_any_field_of_a_plan_is_caught(content, data):
    plan = L.assemble(content, {"band": "udskoling", "template": "lektion"})
    doc = json.loads(L.to_json(plan))
    key = data.draw(st.sampled_from(sorted(doc)))
    doc[key] = data.draw(st.one_of(st.none(), st.integers(), st.text(max_size=20), st.lists(st.integers(), max_size=3)))
    try:
        loaded = L.from_json(json.dumps(doc), content)
    except L.PlanFileError:
        return
    assert loaded.activities[-1].end == loaded.minutes  # whatever loads is still a consistent plan


@SETTINGS
@given(query=st.dictionaries(st.sampled_from(["band", "age", "template", "minutes", "themes", "kommune", "ex"]),
                             nasty_text, max_size=7))
def test_any_share_link_gives_a_plan_or_a_reason(content, query):
    try:
        plan = L.plan_from_query(content, query)
    except L.PlanError as exc:
        assert str(exc)
    else:
        assert plan.activities[-1].end == plan.minutes


@SETTINGS
@given(text=nasty_text)
def test_text_shown_in_the_app_can_never_become_an_image_a_link_or_an_icon(text):
    """Every character markdown could act on comes out escaped, whatever the text around it."""
    from planner.ui.support import md

    shown = md(text + " ![x](https://evil.example/p.png) [a](https://evil.example) :red[x] $x$")
    for i, ch in enumerate(shown):
        if ch in "![]():$*_`<>":
            backslashes = len(shown[:i]) - len(shown[:i].rstrip("\\"))
            assert backslashes % 2 == 1, (shown, i)


# --- Hostile files and links: refused in under a second in Danish, or rebuilt from the library -------------------

import time  # noqa: E402

import pytest  # noqa: E402

from planner.planning import yearplan as Y  # noqa: E402


def _lesson_file(content, mutate) -> str:
    data = json.loads(L.to_json(L.assemble(content, {"band": "udskoling", "template": "lektion"})))
    mutate(data)
    return data if isinstance(data, str) else json.dumps(data)


HOSTILE_LESSONS = {
    "tampered helplines": lambda d: [h.update(url="https://phish.example/", name="Hjælp", phone="12 34 56 78")
                                     for h in d["helplines"]],
    "markdown everywhere": lambda d: d.update(title="![x](https://evil.example/x.png)",
                                              key_messages=["[klik](https://evil.example)"]),
    "5,000-digit minutes": lambda d: d["activities"][0].update(minutes=int("9" * 4000)),
    "6,000 activities": lambda d: d.update(activities=d["activities"] * 1000),
    "unknown exercise": lambda d: d["activities"][2].update(exercise_id="../../etc/passwd"),
    "100 themes": lambda d: d["request"].update(themes=["lovgivning"] * 100),
}


@pytest.mark.parametrize("name", list(HOSTILE_LESSONS))
def test_a_hostile_lesson_file_is_refused_fast_or_rebuilt_with_only_library_addresses(content, name):
    raw = _lesson_file(content, HOSTILE_LESSONS[name])
    started = time.perf_counter()
    try:
        plan = L.from_json(raw, content)
    except L.PlanFileError as exc:
        assert str(exc) and "Traceback" not in str(exc)
    else:
        library = {h.url for h in content.helplines if h.url}
        assert {h.url for h in plan.helplines if h.url} <= library
        for data in K.print_kit(plan).values():
            doc = Document(io.BytesIO(data))
            for rel in doc.part.rels.values():
                assert "evil.example" not in rel.target_ref and "phish" not in rel.target_ref
    assert time.perf_counter() - started < 1.0 or name in ("tampered helplines", "markdown everywhere")


@pytest.mark.parametrize("raw, words", [
    ("[" * 100_000 + "]" * 100_000, "dybere"),
    ('{"schema_version": 1, "activities": [], "request": {"band": "udskoling", "minutes": ' + "9" * 5000 + "}}",
     "ændret"),
    ("\u0000" * 10, "JSON"),
])
def test_deep_nesting_and_huge_numbers_are_refused_in_under_a_second(content, raw, words):
    started = time.perf_counter()
    with pytest.raises(L.PlanFileError, match=words):
        L.from_json(raw, content)
    with pytest.raises(Y.YearPlanFileError):
        Y.from_json(raw, content)
    assert time.perf_counter() - started < 1.0


def _year_file(content, mutate) -> str:
    plan = Y.build_plan(content, Y.YearPlanRequest(school_year="2026/27"))
    data = json.loads(Y.to_json(plan))
    mutate(data)
    return json.dumps(data)


@pytest.mark.parametrize("mutate, refused", [
    (lambda d: d.update(sessions=d["sessions"] * 300), True),                       # 6,000 sessions
    (lambda d: d["year"].update(breaks=[{"id": f"f{i}", "title": "Ferie", "start": f"{1000 + i}-01-01",
                                         "end": f"{1000 + i}-12-31"} for i in range(900)]), False),  # centuries
    (lambda d: d["sessions"][0].update(date="0001-01-01"), True),
    (lambda d: d["sessions"][0].update(date="9999-12-31"), True),
    (lambda d: d["request"].update(school_year="0001/02"), True),
])
def test_hostile_year_plans_are_refused_fast_or_opened_with_the_library_calendar(content, mutate, refused):
    raw = _year_file(content, mutate)
    started = time.perf_counter()
    try:
        plan = Y.from_json(raw, content)
    except Y.YearPlanFileError as exc:
        assert refused, str(exc)
    else:
        assert not refused
        assert plan.year in content.school_years  # the calendar is the content file's, not the upload's
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("query", [
    {"band": "udskoling", "minutes": "٤٥"},                       # Arabic-Indic digits
    {"band": "udskoling", "minutes": "４５"},                      # full-width digits
    {"band": "udskoling", "template": "lektion", "ex": "uds-quiz-lov-og-konsekvenser:١٠"},
    {"band": "udskoling", "template": "lektion", "m": ",".join(["9" * 50] * 8)},
    {"band": "udskoling", "template": "lektion", "ex": ",".join(["x:1"] * 10_000)},
])
def test_links_with_odd_digits_or_huge_lists_are_refused_fast(content, query):
    started = time.perf_counter()
    with pytest.raises(L.PlanError):
        L.plan_from_query(content, query)
    assert time.perf_counter() - started < 1.0


def test_links_and_files_that_repeat_an_exercise_or_ask_for_too_many_minutes_are_refused(content):
    plan = L.assemble(content, {"band": "udskoling", "template": "lektion"})
    first = plan.exercise_activities[0].exercise_id
    query = L.plan_to_query(plan)
    for ex in (f"{first}:999", f"{first}:12,{first}:12"):
        with pytest.raises(L.PlanError):
            L.plan_from_query(content, {**query, "ex": ex})
    data = json.loads(L.to_json(plan))
    second = [a for a in data["activities"] if a["kind"] == "exercise"][1]
    second["exercise_id"] = first
    with pytest.raises(L.PlanFileError, match="samme øvelse"):
        L.from_json(json.dumps(data), content)


def test_a_year_table_with_more_rows_than_a_plan_can_hold_changes_nothing(content):
    plan = Y.build_plan(content, Y.YearPlanRequest(school_year="2026/27"))
    rows = Y.table_rows(plan)
    new, messages = Y.apply_table(plan, rows * (Y.MAX_YEAR_SESSIONS // len(rows) + 1))
    assert new == plan and "højst" in messages[0]


def _nests_too_deep(text: str, limit: int) -> bool:
    """The depth rule read character by character: brackets outside JSON strings, a backslash escaping the next
    character inside one, an unterminated string running to the end."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            escaped, in_string = (False, True) if escaped else (ch == "\\", ch != '"')
        elif ch == '"':
            in_string = True
        elif ch in "[{" and (depth := depth + 1) > limit:
            return True
        elif ch in "]}":
            depth -= 1
    return False


@given(st.text(alphabet='[]{}"\\ax,:\n', max_size=120) | st.builds(
    lambda d, tail: "[" * d + tail + "]" * d, st.integers(15, 25), st.text(alphabet='"\\{a', max_size=6)))
@example('"' + "[" * 21 + "\\")  # an unterminated string ending in a lone backslash
@example('"\\"' + "[" * 21)  # an escaped quote keeps the string open
@example("[" * 21 + '"' + "]" * 21)
@settings(max_examples=150, deadline=None)
def test_the_depth_check_counts_only_brackets_outside_strings(text):
    from planner.planning import plan_files as F

    assert F._too_deep(text) == _nests_too_deep(text, F.MAX_DEPTH)
