"""Arbitrary input never crashes: property-based tests over every free-text field and every upload."""

import io
import json

from docx import Document
from hypothesis import HealthCheck, given, settings
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
