"""The named steps of lesson assembly and of the year plan's build, each held to the rule it keeps, for every band
and every request shape the sweeps cover."""

import datetime as dt
import itertools

import pytest

from planner.content.bands import EVERY_AGE
from planner.planning import lesson as L
from planner.planning import yearplan as Y
from planner.planning.lesson.exercises import choose_exercises
from planner.planning.lesson.resources import MAX_KEY_MESSAGES, MIN_EASY_MESSAGES, lesson_messages
from planner.planning.yearplan.building import lesson_demands, plan_classes

BANDS = ("indskoling", "mellemtrin", "udskoling", "special")
AGES = (None, "indskoling", "mellemtrin", "udskoling")


@pytest.mark.parametrize("band,age,slots", list(itertools.product(BANDS, AGES, ([20], [15, 15], [25, 10, 20]))))
def test_the_chosen_exercises_suit_the_pupils_and_fill_the_exercise_minutes(content, band, age, slots):
    req = L.LessonRequest(band=band, age_band=age if band == "special" else None)
    pupils = age if band == "special" and age else band if band != "special" else EVERY_AGE
    try:
        chosen, mins = choose_exercises(content, req, pupils, content.by_id("themes"), slots)
    except L.PlanError as exc:  # a refusal says what to choose instead
        assert "Vælg" in str(exc)
        return
    assert sum(mins) == sum(slots)
    assert len(chosen) == len(mins) == len({e.id for e in chosen})
    for e, n in zip(chosen, mins, strict=True):
        assert e.suits(band, pupils)
        assert e.minutes_min <= n <= e.minutes_max


@pytest.mark.parametrize("band", BANDS)
def test_lesson_messages_are_bounded_and_the_easy_ones_come_from_them_in_their_order(content, band):
    texts = content.texts.bands[band]
    for theme in [None, *(t.id for t in content.themes)]:
        messages, easy = lesson_messages(texts, {theme} if theme else set())
        assert len(messages) <= max(MAX_KEY_MESSAGES, len(texts.messages_for({theme} if theme else set())))
        assert [x for x in messages if x in easy] == easy
        if texts.easy_read_messages:
            assert len(easy) >= min(MIN_EASY_MESSAGES, len(messages))


@pytest.mark.parametrize("parents,n", [(False, 2), (True, 2), (False, 4)])
def test_lesson_demands_give_each_class_its_lessons_in_order_inside_its_weeks(content, parents, n):
    req = Y.YearPlanRequest(school_year="2026/27", parent_meetings=parents,
                            schools=[Y.parse_school("A=0.a,4.b,9.a,Specialklasse (mellemtrin)"),
                                     Y.parse_school("B=7.a,10.x")])
    classes = plan_classes(req)
    assert [c[0] for c in classes] == ["A"] * 4 + ["B"] * 2  # school by school, so the coordinator travels less
    year = Y.plan_year(content, req)
    mondays = [dt.date(2026, 8, 10) + dt.timedelta(weeks=i) for i in range(36)]
    exams = Y.exam_start(year)
    demands = lesson_demands(classes, mondays, n, exams, "")
    assert demands == sorted(demands)
    for ci, (_, _, grade, _) in enumerate(classes):
        mine = [d for d in demands if d[1] == ci]
        assert sorted(d[2] for d in mine) == list(range(n))
        for target, _, _, lo, hi in mine:
            assert lo <= target <= hi
            if grade in Y.EXAM_GRADES:
                assert mondays[hi] < exams


def test_the_year_kits_follow_the_kit_order_and_each_gets_its_class_details(content):
    plan = Y.build_plan(content, {"school_year": "2026/27", "schools": [
        {"name": "A", "classes": ["1.a", "Specialklasse"]}, {"name": "B", "classes": ["8.b"]}]})
    kits = list(Y.year_kits(content, plan))
    assert [k.session for k in kits] == Y.kit_lessons(plan)
    assert len({k.folder for k in kits}) == len(kits)
    for k in kits:
        assert (k.info.school, k.info.class_name) == (k.session.school, k.session.class_name)
        assert k.folder.startswith(f"{Y.slug(k.session.school, 40)}/{Y.slug(k.session.class_name)}/")
        assert k.lesson.age_band == plan.pupils_age(k.session.school, k.session.class_name)
