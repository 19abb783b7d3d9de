"""Safeguarding rules that hold for every combination a teacher can ask for, not just for examples:
every band × pupils' age × theme × length either gives a plan that keeps the rules or a Danish refusal that says
which themes fit."""

import io
import itertools
import json

import pytest
import zxingcpp
from docx import Document
from PIL import Image

from planner.documents import kit as K
from planner.planning import lesson as L
from planner.content.bands import AGE_BANDS, band_rank
from planner.content.loader import load_pictograms
from planner.content.models import NOT_A_SERVICE_PAGE

LENGTHS = [{"template": "klassens-tid"}, {"template": "lektion"}, {"template": "dobbeltlektion"},
           {"template": "temadag"}, {"minutes": 15}, {"minutes": 30}, {"minutes": 60}, {"minutes": 135}]
CLASSES = [("indskoling", None), ("mellemtrin", None), ("udskoling", None)] + [("special", a) for a in AGE_BANDS]


def every_request(content):
    theme_choices = [[]] + [[t.id] for t in content.themes]
    for (band, age), themes, length in itertools.product(CLASSES, theme_choices, LENGTHS):
        yield {"band": band, "age_band": age, "themes": themes, **length}


@pytest.fixture(scope="module")
def outcomes(content):
    """Every request with its plan, or the refusal it got."""
    out = []
    for req in every_request(content):
        try:
            out.append((req, L.assemble(content, req), None))
        except L.PlanError as exc:
            out.append((req, None, str(exc)))
    return out


def test_the_templates_swept_are_the_ones_shipped(content):
    assert {x["template"] for x in LENGTHS if "template" in x} == {t.id for t in content.templates}


def test_a_theme_the_pupils_are_too_young_for_is_refused_naming_the_themes_that_fit(content, outcomes):
    by_id = content.by_id("themes")
    refused = 0
    for req, plan, error in outcomes:
        ab = req["age_band"] or req["band"]
        unfit = [t for t in req["themes"] if not by_id[t].suits(req["band"], ab)]
        if unfit:
            refused += 1
            assert plan is None and "passer ikke til" in error, req
            assert all(t.title in error for t in L.themes_for(content, req["band"], ab)), error
    assert refused > 50


def test_every_fitting_request_gives_a_plan_or_says_what_to_shorten(content, outcomes):
    """Only a whole theme day can outgrow the exercises that suit a class; it then says so and what to change."""
    by_id = content.by_id("themes")
    for req, plan, error in outcomes:
        ab = req["age_band"] or req["band"]
        if all(by_id[t].suits(req["band"], ab) for t in req["themes"]):
            if req.get("template") == "temadag" or req.get("minutes", 0) > 120:
                assert plan is not None or "kortere lektion" in error, (req, error)
            else:
                assert plan is not None, (req, error)


def test_no_plan_serves_an_exercise_above_the_pupils_age(content, outcomes):
    for req, plan, _ in outcomes:
        if plan:
            for e in plan.exercises:
                assert e.suits(plan.band, plan.age_band), (req, e.id)
                assert band_rank(e.min_age_band) <= band_rank(plan.age_band), (req, e.id)


def test_no_law_for_6_to_9_year_olds_and_law_that_follows_the_themes_for_the_rest(content, outcomes):
    for req, plan, _ in outcomes:
        if not plan:
            continue
        if plan.age_band == "indskoling":
            assert plan.facts == [] and not any(a.kind == "facts" for a in plan.activities), req
            continue
        lesson_themes = {t.id for t in plan.themes} | {t for e in plan.exercises for t in e.themes}
        for f in plan.facts:
            assert band_rank(f.min_band) <= band_rank(plan.age_band), (req, f.id)
            assert set(f.themes) & (lesson_themes | {"hvor-kan-jeg-faa-hjaelp"}), (req, f.id)


def test_every_lesson_about_images_has_paragraph_235_from_mellemtrin(content, outcomes):
    image_themes = {"billeddeling-og-samtykke", "sextortion", "deepfakes-og-falske-profiler", "lovgivning"}
    for req, plan, _ in outcomes:
        if plan and plan.age_band != "indskoling" and image_themes & {t.id for t in plan.themes}:
            assert "straffeloven-235-deling-og-besiddelse" in {f.id for f in plan.facts}, req


def test_a_chosen_theme_brings_its_own_law(content, outcomes):
    for req, plan, _ in outcomes:
        if plan and plan.age_band != "indskoling" and len(req["themes"]) == 1:
            t = req["themes"][0]
            has_fact = any(t in f.themes and band_rank(f.min_band) <= band_rank(plan.age_band) for f in content.facts)
            if has_fact:
                assert any(t in f.themes for f in plan.facts), req
    sextortion = L.assemble(content, {"band": "udskoling", "template": "lektion", "themes": ["sextortion"]})
    assert "sextortion-trusler-og-afpresning" in {f.id for f in sextortion.facts}


PICTOGRAM_ALTS = {p.alt for p in load_pictograms()}


def qr_urls(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    urls = []
    for shape in doc.inline_shapes:
        blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        found = zxingcpp.read_barcodes(Image.open(io.BytesIO(blob)).convert("RGBA"))
        if not shape._inline.docPr.get("descr", "").startswith("QR-kode"):
            # A pictogram: never a code in disguise, and its alt text is one of the catalog's.
            assert not found and shape._inline.docPr.get("descr") in PICTOGRAM_ALTS, shape._inline.docPr.get("descr")
            continue
        assert found, "a QR code that cannot be read"
        urls.append(found[0].text)
    return urls


def pupil_documents(plan):
    kit = K.print_kit(plan)
    return {name: data for name, data in kit.items() if name.startswith(("elevark", "plakat"))}


@pytest.fixture(scope="module")
def one_plan_per_class_and_theme(outcomes):
    seen, plans = set(), []
    for req, plan, _ in outcomes:
        key = (req["band"], req["age_band"], tuple(req["themes"]))
        if plan and key not in seen:
            seen.add(key)
            plans.append(plan)
    return plans


def test_a_child_who_scans_a_code_lands_on_help(content, one_plan_per_class_and_theme):
    """Every QR code on a handout or poster leads to a service's own page, never to a law or 'about us' page, and
    a report form only for udskoling."""
    by_url = {}
    for h in content.helplines:
        if h.url:
            by_url.setdefault(h.url, []).append(h)
    for plan in one_plan_per_class_and_theme:
        for name, data in pupil_documents(plan).items():
            for url in qr_urls(data):
                assert not NOT_A_SERVICE_PAGE.search(url), (plan.request, name, url)
                assert any(h.for_pupils_of(plan.age_band) for h in by_url[url]), (plan.request, name, url)


def test_services_for_older_pupils_never_reach_the_youngest(content, one_plan_per_class_and_theme):
    for plan in one_plan_per_class_and_theme:
        for name, data in pupil_documents(plan).items():
            if plan.age_band == "indskoling" or name == "elevark.docx" and plan.band == "special":
                text = "\n".join(p.text for t in Document(io.BytesIO(data)).tables for r in t.rows
                                 for c in r.cells for p in c.paragraphs)
                assert "SletDet" not in text and "Take It Down" not in text, (plan.request, name)


def test_unchecked_law_and_unconfirmed_contacts_never_reach_a_pupil(content, one_plan_per_class_and_theme):
    low = [f for f in content.facts if f.confidence == "low"]
    unconfirmed = [h for h in content.helplines if h.status == "unconfirmed"]
    assert low and unconfirmed
    for plan in one_plan_per_class_and_theme:
        for name, data in pupil_documents(plan).items():
            doc = Document(io.BytesIO(data))
            text = "\n".join([p.text for p in doc.paragraphs] + [p.text for t in doc.tables for r in t.rows
                                                                for c in r.cells for p in c.paragraphs])
            for f in low:
                assert f.pupil_text not in text, (name, f.id)
            for h in unconfirmed:
                assert h.name not in text, (name, h.id)


def test_a_request_to_talk_alone_stays_with_the_teacher(content):
    """A sheet where a child asks to talk to an adult alone is collected and kept: it never goes home."""
    asking = [e for e in content.exercises if any(p.help_request for p in e.props)]
    assert len(asking) >= 3
    for e in asking:
        handling = " ".join([e.preparation, *e.steps]).casefold()
        assert ("saml" in handling or "kassen" in handling) and "hjem" not in handling, e.id
    hand = content.by_id("exercises")["ind-min-hjaelpehaand"]
    assert hand not in asking and "hjem" in " ".join(hand.steps).casefold()
    assert "alene" in (hand.preparation + " ".join(hand.steps)).casefold()  # the request lives on its own slip


def test_every_number_address_age_and_penalty_carries_a_source_and_a_date(content):
    for h in content.helplines:
        if h.phone or h.url or h.age_min is not None or h.email:
            assert h.source and h.checked, h.id
    for f in content.facts:
        assert f.source and f.checked, f.id
        if f.max_penalty:
            assert f.confidence in ("high", "medium"), f.id
    for mat in content.materials:
        if mat.url:
            assert mat.source and mat.checked, mat.id


def test_every_fact_a_teacher_note_points_to_is_in_the_plan(content, outcomes):
    import re

    titles = {f.title for f in content.facts}
    for req, plan, _ in outcomes:
        if not plan:
            continue
        shown = {f.title for f in plan.facts + plan.related_facts}
        for f in plan.facts:
            for named in re.findall(r"»([^«]+)«", f.teacher_note):
                if named in titles:
                    assert named in shown, (req, f.id, named)


def test_swaps_additions_links_and_files_keep_the_age_floor_for_young_special_classes(content):
    plan = L.assemble(content, {"band": "special", "age_band": "indskoling", "template": "lektion"})
    too_old = next(e for e in content.exercises if "special" in e.bands and e.min_age_band != "indskoling")
    with pytest.raises(L.PlanError, match="passer ikke til"):
        L.swap_exercise(content, plan, 0, too_old.id)
    with pytest.raises(L.PlanError, match="passer ikke til"):
        L.add_exercise(content, plan, too_old.id)
    query = L.plan_to_query(plan)
    query["ex"] = f"{too_old.id}:{too_old.minutes_min}"
    with pytest.raises(L.PlanError, match="passer ikke til"):
        L.plan_from_query(content, query)
    data = json.loads(L.to_json(plan))
    data["activities"][[a["kind"] for a in data["activities"]].index("exercise")]["exercise_id"] = too_old.id
    with pytest.raises(L.PlanFileError, match="passer ikke til"):
        L.from_json(json.dumps(data), content)
    with pytest.raises(L.PlanError, match="passer ikke til"):
        L.assemble(content, {"band": "special", "age_band": "indskoling", "template": "lektion",
                             "include": [too_old.id]})


def test_the_first_chosen_theme_leads_and_every_chosen_theme_is_covered_or_explained(content):
    """Over every band, pupils' age, length and pair of themes: the first theme's main exercise is in the plan
    when one fits the lesson's time (else an exercise on the theme that fits), and a chosen theme left out is
    explained to the teacher."""
    from planner.planning.lesson import overview as O

    checked = 0
    for band in ("indskoling", "mellemtrin", "udskoling", "special"):
        for age in AGE_BANDS if band == "special" else [None]:
            themes = [t.id for t in L.themes_for(content, band, age)]
            pool = L.exercises_for(content, band, age)
            for template in ("klassens-tid", "lektion", "dobbeltlektion", "temadag"):
                for first in themes:
                    for second in [None, *themes]:
                        if second == first:
                            continue
                        chosen = [first] + ([second] if second else [])
                        try:
                            plan = L.assemble(content, {"band": band, "age_band": age, "template": template,
                                                        "themes": chosen})
                        except L.PlanError:
                            continue
                        checked += 1
                        room = sum(a.minutes for a in plan.exercise_activities)
                        got = [plan.exercise(a.exercise_id) for a in plan.exercise_activities]
                        if any(e.themes[0] == first and e.minutes_min <= room for e in pool):
                            assert any(e.themes[0] == first for e in got), (band, age, template, chosen)
                        if any(first in e.themes and e.minutes_min <= room for e in pool):
                            assert any(first in e.themes for e in got), (band, age, template, chosen)
                        notes = O.uncovered_themes(plan, pool)
                        for t in chosen:
                            title = next(x.title for x in plan.themes if x.id == t)
                            assert any(t in e.themes for e in got) or any(title in n for n in notes), (chosen, t)
    assert checked > 1500
