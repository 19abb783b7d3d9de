"""Lesson assembly: every band and length gives a plan that adds up, fits the pupils' age and survives a round trip."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support import AGE

from planner.planning import lesson as L
from planner.content.bands import BAND_INFO, band_rank

BANDS = ["indskoling", "mellemtrin", "udskoling", "special"]
TEMPLATES = ["klassens-tid", "lektion", "dobbeltlektion", "temadag"]


def assert_adds_up(plan):
    t = 0
    for a in plan.activities:
        assert a.start == t and a.end == a.start + a.minutes and a.minutes >= 1
        t = a.end
    assert t == plan.minutes
    for a in plan.exercise_activities:
        e = plan.exercise(a.exercise_id)
        assert e.minutes_min <= a.minutes <= e.minutes_max, (e.id, a.minutes)


@pytest.mark.parametrize("band", BANDS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_band_and_template_adds_up_exactly(content, band, template):
    # A special class as the page sends it: with its pupils' age (mellemtrin, the widest choice of exercises).
    plan = L.assemble(content, {"band": band, "template": template} | ({"age_band": "mellemtrin"} if band == "special"
                                                                        else {}))
    assert_adds_up(plan)
    assert len({a.exercise_id for a in plan.exercise_activities}) == len(plan.exercise_activities)
    assert all(band in plan.exercise(a.exercise_id).bands for a in plan.exercise_activities)


@pytest.mark.parametrize("minutes", [15, 25, 30, 50, 60, 75, 120, 150])
@pytest.mark.parametrize("band", BANDS)
def test_any_length_from_15_minutes_adds_up(content, band, minutes):
    assert_adds_up(L.assemble(content, {"band": band, "minutes": minutes} | ({"age_band": "mellemtrin"}
                                                                            if band == "special" else {})))


@pytest.mark.parametrize("template", ["klassens-tid", "lektion", "dobbeltlektion"])
def test_a_special_class_whose_age_is_not_given_gets_only_what_suits_every_age(content, template):
    plan = L.assemble(content, {"band": "special", "template": template})
    assert plan.age_band == "indskoling" and not plan.facts
    assert all(plan.exercise(a.exercise_id).min_age_band == "indskoling" for a in plan.exercise_activities)


@pytest.mark.parametrize("band", BANDS)
def test_every_single_theme_of_a_band_gives_a_lesson(content, band):
    for theme in [t.id for t in content.themes if band in t.bands]:
        plan = L.assemble(content, {"band": band, "template": "lektion", "themes": [theme]} | AGE.get(band, {}))
        assert_adds_up(plan)
        assert theme in plan.exercise(plan.exercise_activities[0].exercise_id).themes


@pytest.mark.parametrize("band,age_band", [("indskoling", None), ("mellemtrin", None), ("udskoling", None),
                                           ("special", "indskoling"), ("special", "mellemtrin"), ("special", "udskoling")])
def test_facts_and_helplines_fit_the_pupils_age(content, band, age_band):
    plan = L.assemble(content, {"band": band, "age_band": age_band, "template": "dobbeltlektion"})
    ab = age_band or band
    assert plan.age_band == ab
    assert all(band_rank(f.min_band) <= band_rank(ab) for f in plan.facts)
    if ab == "indskoling":
        assert plan.facts == [] and all(a.kind != "facts" for a in plan.activities)
    else:
        assert plan.facts
    lo, hi = BAND_INFO[ab].ages
    for h in plan.helplines:
        if {"børn", "unge"} & set(h.audience) and h.age_min is not None:
            assert h.age_min <= hi and (h.age_max is None or h.age_max >= lo), h.id


def test_a_special_class_without_its_pupils_age_gets_the_youngest_age(content):
    assert L.assemble(content, {"band": "special", "minutes": 45}).age_band == "indskoling"


def test_curriculum_and_disclosure_are_in_every_plan(content):
    plan = L.assemble(content, {"band": "udskoling", "template": "lektion"})
    assert plan.curriculum.subject == "Sundheds- og seksualundervisning og familiekundskab"
    assert plan.curriculum.step == "7.–9. klasse"
    assert "Barnets lov § 133" in plan.disclosure.legal_basis
    assert any("ledelse" in p for p in plan.preparation) and any("forældrebrev" in p for p in plan.preparation)
    assert any("personligt berørt" in p for p in plan.preparation)
    assert plan.learning_goals and plan.ground_rules


def test_the_same_input_gives_the_same_plan(content):
    req = {"band": "mellemtrin", "minutes": 60, "themes": ["grooming", "hjaelp-en-ven"]}
    assert L.assemble(content, req) == L.assemble(content, req)


def test_local_contacts_only_for_the_chosen_kommune(content):
    without = L.assemble(content, {"band": "udskoling", "template": "lektion"})
    with_aarhus = L.assemble(content, {"band": "udskoling", "template": "lektion", "kommune": "Aarhus"})
    assert {h.region for h in without.helplines} == {"national"}
    assert "Aarhus" in {h.region for h in with_aarhus.helplines}


def test_include_and_exclude(content):
    ids = [e.id for e in content.exercises if "udskoling" in e.bands]
    plan = L.assemble(content, {"band": "udskoling", "template": "lektion", "include": [ids[-1]], "exclude": [ids[0]]})
    used = [a.exercise_id for a in plan.exercise_activities]
    assert used[0] == ids[-1] and ids[0] not in used


@pytest.mark.parametrize("request_, words", [
    ({"band": "indskoling", "minutes": 10}, "for kort"),
    ({"band": "indskoling", "template": "lektion", "themes": ["sextortion"]}, "passer ikke til Indskoling"),
    ({"band": "udskoling", "template": "lektion", "themes": ["findes-ikke"]}, "findes ikke"),
    ({"band": "udskoling", "template": "ugeforløb"}, "Lektionsskabelonen 'ugeforløb' findes ikke"),
    ({"band": "udskoling", "template": "lektion", "kommune": "Atlantis"}, "ingen lokale kontakter"),
])
def test_impossible_requests_explain_why(content, request_, words):
    with pytest.raises(L.PlanError, match=words):
        L.assemble(content, request_)


def test_no_exercise_fits_says_what_would_work(content):
    all_udsk = [e.id for e in content.exercises if "udskoling" in e.bands]
    with pytest.raises(L.PlanError, match="Ingen øvelser passer .* Vælg flere eller andre temaer"):
        L.assemble(content, {"band": "udskoling", "template": "lektion", "exclude": all_udsk})


def test_too_little_exercise_time_for_a_long_day_says_so(content):
    special = [e.id for e in content.exercises if "special" in e.bands]
    few = {"band": "special", "template": "temadag", "exclude": special[2:]}
    with pytest.raises(L.PlanError, match="kan højst fylde"):
        L.assemble(content, few)


def test_theme_exercises_come_first_and_others_only_fill_time(content):
    plan = L.assemble(content, {"band": "special", "age_band": "udskoling", "template": "temadag",
                                "themes": ["sextortion"]})
    themed = [e.id for e in content.exercises if "special" in e.bands and "sextortion" in e.themes]
    used = [a.exercise_id for a in plan.exercise_activities]
    assert set(themed) <= set(used)
    assert_adds_up(plan)


# --- Editing ------------------------------------------------------------------------------


@pytest.fixture
def plan(content):
    return L.assemble(content, {"band": "mellemtrin", "template": "dobbeltlektion"})


def test_swap_keeps_the_length_and_uses_the_new_exercise(content, plan):
    spare = next(e for e in content.exercises if "mellemtrin" in e.bands
                 and e.id not in {a.exercise_id for a in plan.activities})
    new = L.swap_exercise(content, plan, 1, spare.id)
    assert new.exercise_activities[1].exercise_id == spare.id
    assert spare in new.exercises and len(new.exercises) == len(plan.exercises)
    assert_adds_up(new)


def test_remove_gives_the_time_to_the_others(plan):
    new = L.remove_exercise(plan, 0)
    assert len(new.exercise_activities) == len(plan.exercise_activities) - 1
    assert plan.exercise_activities[0].exercise_id not in {e.id for e in new.exercises}
    assert new.minutes == plan.minutes
    t = 0
    for a in new.activities:
        assert a.start == t
        t = a.end
    assert t == new.minutes


def test_reorder_moves_the_exercise_and_retimes(plan):
    first, second = (a.exercise_id for a in plan.exercise_activities[:2])
    new = L.move_exercise(plan, 0, 1)
    assert [a.exercise_id for a in new.exercise_activities[:2]] == [second, first]
    assert_adds_up(new)


def test_change_minutes_retimes_the_rest(plan):
    idx = plan.activities.index(plan.exercise_activities[0])
    e = plan.exercise(plan.activities[idx].exercise_id)
    target = e.minutes_min
    new = L.set_minutes(plan, idx, target)
    assert new.activities[idx].minutes == target
    assert new.activities[-1].end == plan.minutes


def test_add_exercise_makes_room(content, plan):
    spare = next(e for e in content.exercises if "mellemtrin" in e.bands
                 and e.id not in {a.exercise_id for a in plan.activities})
    new = L.add_exercise(content, plan, spare.id)
    assert new.exercise_activities[-1].exercise_id == spare.id
    assert new.activities[-1].end == plan.minutes


def test_editing_errors_leave_the_plan_alone(content, plan):
    before = L.to_json(plan)
    wrong_band = next(e for e in content.exercises if "mellemtrin" not in e.bands)
    with pytest.raises(L.PlanError, match="ikke lavet til"):
        L.swap_exercise(content, plan, 0, wrong_band.id)
    with pytest.raises(L.PlanError, match="allerede med"):
        L.swap_exercise(content, plan, 0, plan.exercise_activities[1].exercise_id)
    with pytest.raises(L.PlanError):
        L.set_minutes(plan, 0, 500)
    assert L.to_json(plan) == before


# --- Files and links -------------------------------------------------------------------------


def test_json_round_trip_is_unchanged(content, plan):
    edited = L.move_exercise(L.remove_exercise(plan, 2), 0, 1)
    assert L.from_json(L.to_json(edited), content) == edited
    assert L.from_json(L.to_json(edited).encode("utf-8"), content) == edited


@pytest.mark.parametrize("mutate, words", [
    (lambda d: d["activities"][0].update(minutes=99), "ufuldstændig eller ændret"),
    (lambda d: d["activities"][2].update(exercise_id="falsk-oevelse"), "ikke kender: falsk-oevelse"),
    (lambda d: d["request"].update(band="voksne"), "ændret eller beskadiget"),
    (lambda d: d.update(schema_version=7), "anden version"),
    (lambda d: d.pop("activities"), "ikke en lektionsplan"),
])
def test_tampered_requests_are_refused_with_a_reason(content, plan, mutate, words):
    data = json.loads(L.to_json(plan))
    mutate(data)
    with pytest.raises(L.PlanFileError, match=words):
        L.from_json(json.dumps(data), content)


def test_a_plan_file_is_a_request_its_texts_facts_and_contacts_come_from_the_library(content, plan):
    data = json.loads(L.to_json(plan))
    data["helplines"][0].update(name="Hjælp her", url="https://phishing.example/", phone="12 34 56 78")
    data["facts"].append({"id": "falsk", "pupil_text": "![x](https://evil.example/p.png)"})
    data["exercises"][0]["steps"] = ["[Klik her](https://evil.example)"]
    data["key_messages"] = ["Send billeder til https://evil.example"]
    data["title"] = "Noget helt andet"
    opened = L.from_json(json.dumps(data), content)
    assert opened == plan
    assert "evil.example" not in L.to_json(opened) and "phishing" not in L.to_json(opened)


def test_an_old_file_picks_up_corrected_contacts(content, plan):
    data = json.loads(L.to_json(plan))
    for h in data["helplines"]:
        h["url"] = "https://redbarnet.dk/sletdet/lovgivning/"
    opened = L.from_json(json.dumps(data), content)
    assert {h.url for h in opened.helplines} == {h.url for h in plan.helplines}


@pytest.mark.parametrize("raw, words", [(b"\x89PNG\r\n\x1a\n\x00\x00", "tekstfil"), (b"{ikke json", "ikke gyldig JSON"),
                                        (b"[1, 2, 3]", "ikke en lektionsplan"), (b"x" * 1_000_001, "for stor")])
def test_malformed_files_are_refused(content, raw, words):
    with pytest.raises(L.PlanFileError, match=words):
        L.from_json(raw, content)


def test_share_link_reopens_the_same_edited_plan(content, plan):
    edited = L.move_exercise(plan, 0, 2)
    query = L.plan_to_query(edited)
    assert set(query) >= {"band", "template", "ex"}
    assert L.plan_from_query(content, query) == edited


def test_broken_share_link_is_explained(content):
    with pytest.raises(L.PlanError, match="ufuldstændig eller ændret"):
        L.plan_from_query(content, {"band": "mellemtrin", "minutes": "tyve"})
    with pytest.raises(L.PlanError, match="findes ikke"):
        L.plan_from_query(content, {"band": "mellemtrin", "template": "lektion", "ex": "ukendt:10"})


def test_the_main_exercise_of_a_chosen_theme_is_in_the_plan(content):
    plan = L.assemble(content, {"band": "udskoling", "template": "lektion", "themes": ["sextortion"]})
    main = [e.id for e in content.exercises if "udskoling" in e.bands and e.themes[0] == "sextortion"]
    assert main and set(main) & {a.exercise_id for a in plan.exercise_activities}


def test_help_and_closing_keep_their_time_when_an_exercise_grows(content):
    plan = L.assemble(content, {"band": "indskoling", "template": "lektion", "themes": ["graenser-og-krop"]})
    idx = plan.activities.index(plan.exercise_activities[0])
    e = plan.exercise(plan.exercise_activities[0].exercise_id)
    grown = L.set_minutes(plan, idx, e.minutes_max)
    for a in grown.activities:
        if a.kind in ("help", "closing"):
            assert a.minutes >= 3
    back = L.set_minutes(grown, idx, plan.activities[idx].minutes)
    assert [a.minutes for a in back.activities if a.kind != "exercise"] == \
        [a.minutes for a in plan.activities if a.kind != "exercise"]


def test_share_link_carries_every_minute(content):
    plan = L.assemble(content, {"band": "indskoling", "template": "lektion"})
    idx = plan.activities.index(plan.exercise_activities[0])
    e = plan.exercise(plan.exercise_activities[0].exercise_id)
    edited = L.set_minutes(plan, idx, e.minutes_max)
    assert L.plan_from_query(content, L.plan_to_query(edited)) == edited


def test_an_edit_says_which_activities_gave_their_minutes(content):
    plan = L.assemble(content, {"band": "mellemtrin", "template": "lektion"})
    first = plan.exercise_activities[0]
    i = plan.activities.index(first)
    longer = L.set_minutes(plan, i, first.minutes + 3)
    changes = L.minute_changes(plan, longer, first.exercise_id)
    assert changes and all(c.split(" ")[2] == "fra" for c in changes)
    assert sum(int(c.split(" ")[0]) for c in changes) == 3
    assert L.minute_changes(plan, plan) == []


@pytest.mark.parametrize("band", ["indskoling", "mellemtrin", "udskoling", "special"])
def test_every_plan_suggests_two_or_three_materials_for_its_band_and_themes(content, band):
    for template in ("klassens-tid", "lektion", "temadag"):
        plan = L.assemble(content, {"band": band, "template": template} | AGE.get(band, {}))
        assert 2 <= len(plan.related_materials) <= 3, (band, template)
        lesson = {t.id for t in plan.themes} | {t for e in plan.exercises for t in e.themes}
        for x in plan.related_materials:
            assert x.url and (not x.bands or band in x.bands)
        assert any(set(x.themes) & lesson for x in plan.related_materials)


def _every_set_in_rank_order(ranked, slots, total, forced, budget=50_000):
    """The search as specified: the slot count first, then fewer or more exercises, each count's sets in rank order;
    the first set whose minutes can add up to the time, or None once the budget of sets is spent."""
    import itertools

    keep = [e for e in ranked if e.id in forced]
    rest = [e for e in ranked if e.id not in forced]
    for k in [slots] + [k for d in range(1, len(ranked) + 1) for k in (slots + d, slots - d)]:
        n = k - len(keep)
        if n < 0 or n > len(rest) or k < 1:
            continue
        for combo in itertools.combinations(rest, n):
            budget -= 1
            if budget < 0:
                return None
            chosen = keep + list(combo)
            if sum(e.minutes_min for e in chosen) <= total <= sum(e.minutes_max for e in chosen):
                return chosen
    return None


@given(ranges=st.lists(st.tuples(st.integers(1, 30), st.integers(0, 30)), min_size=1, max_size=9),
       slots=st.integers(1, 6), total=st.integers(1, 150), forced=st.sets(st.integers(0, 8), max_size=2),
       budget=st.sampled_from([50_000, 40, 7]))
@settings(max_examples=150, deadline=None)
def test_the_exercise_search_finds_the_first_set_that_fits_in_rank_order(ranges, slots, total, forced, budget):
    from types import SimpleNamespace

    from planner.planning.lesson import exercises as X

    ranked = [SimpleNamespace(id=f"e{i}", minutes_min=lo, minutes_max=lo + extra)
              for i, (lo, extra) in enumerate(ranges)]
    ids = [f"e{i}" for i in sorted(forced)]
    # small budgets too: running out gives the same None as trying set after set
    assert X.search(ranked, slots, total, ids, budget) == _every_set_in_rank_order(ranked, slots, total, ids, budget)
