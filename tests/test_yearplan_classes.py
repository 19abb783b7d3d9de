"""Any class a school has can be planned: 10. klasse with udskoling themes, and classes without a grade
(specialklasser, modtagerklasser) for their pupils' age band as the coordinator gives it.

The age rule of lessons (`suits`, the pupils' age band) decides every session and every kit of the year: a class of
6–9-year-olds never gets a theme, an exercise or a law fact above its floor, and a class whose age is not given is
planned for every age. The sweep runs every age band (and none) × every template × every theme."""

from __future__ import annotations

import json

import pytest

from planner.content.bands import AGE_BANDS, EVERY_AGE, band_rank
from planner.planning import lesson as L
from planner.planning import yearplan as Y

YEAR = "2026/27"


def plan_for(content, classes: str, sessions: int = 2, **extra) -> Y.YearPlan:
    school = Y.parse_school(f"Skovvangskolen={classes}")
    return Y.build_plan(content, Y.YearPlanRequest(school_year=YEAR, schools=[school], sessions_per_year=sessions,
                                                   max_per_day=4, **extra))


def test_tenth_grade_is_planned_with_udskoling_themes(content):
    p = plan_for(content, "9.a,10.a,10.x", sessions=3)
    tenth = [s for s in p.lessons() if s.grade == 10]
    assert {s.class_name for s in tenth} == {"10.a", "10.x"} and len(tenth) == 6
    themes = p.theme_by_id
    assert all(s.band == "udskoling" and themes[s.theme].suits("udskoling", "udskoling") for s in tenth)
    # Like 9. klasse, 10. klasse has its exams in May: no lesson from 1 May.
    assert all(s.date < Y.exam_start(p.year) for s in tenth)
    assert Y.grade_label(10) == "10. klasse" and Y.parse_grades("10") == [10]


def test_classes_without_a_grade_carry_their_pupils_age_band_in_the_text_and_the_file(content):
    text = "0.a, Modtagerklasse, Specialklasse A (indskoling), Specialklasse B (Mellemtrin), Basis (7.–9. klasse)"
    school = Y.parse_schools(f"Skovvangskolen: {text}")[0]
    assert school.classes == ["0.a", "Modtagerklasse", "Specialklasse A", "Specialklasse B", "Basis"]
    assert school.age_bands == {"Specialklasse A": "indskoling", "Specialklasse B": "mellemtrin", "Basis": "udskoling"}
    assert [school.pupils_age(c) for c in school.classes] == ["indskoling", EVERY_AGE, "indskoling", "mellemtrin",
                                                              "udskoling"]
    # The form shows what was typed, the age band in brackets; the saved file keeps it.
    assert Y.schools_text([school]) == ("Skovvangskolen: 0.a, Modtagerklasse, Specialklasse A (indskoling), "
                                        "Specialklasse B (mellemtrin), Basis (udskoling)")
    p = Y.build_plan(content, Y.YearPlanRequest(school_year=YEAR, schools=[school], max_per_day=4))
    again = Y.from_json(Y.to_json(p), content)
    assert again.schools[0].age_bands == school.age_bands and again.sessions == p.sessions
    assert p.without_age() == [("Skovvangskolen", "Modtagerklasse")]


@pytest.mark.parametrize("bad, words", [
    ("Skole=Specialklasse A (lille)", "alderstrin i parentesen"),
    ("Skole=3.a (udskoling)", "kun ved klasser uden klassetrin"),
    ("Skole=12.b", "klassetrinnet skal være 0–10"),
])
def test_an_age_band_that_cannot_be_read_is_refused_in_danish(bad, words):
    with pytest.raises(Y.YearPlanError, match=words):
        Y.parse_school(bad)


def test_a_class_without_an_age_band_gets_only_themes_for_every_age(content):
    p = plan_for(content, "Modtagerklasse,Specialklasse A", sessions=6)
    themes = p.theme_by_id
    assert len(p.lessons()) == 12
    assert all(themes[s.theme].min_age_band == "indskoling" for s in p.lessons())


def every_kit_is_within(content, p: Y.YearPlan, may_refuse: bool = False) -> None:
    """Each lesson's kit, assembled as the year's zip assembles it, has nothing above its class's floor. With
    `may_refuse`, a kit the content cannot fill (too few exercises for a long template at that age) may be refused
    with a Danish message instead – never filled with older pupils' material."""
    for s in p.lessons():
        floor = p.pupils_age(s.school, s.class_name)
        try:
            kit = L.assemble(content, Y.lesson_request(p, s))
        except L.PlanError as exc:
            assert may_refuse and "øvelser" in str(exc), exc
            continue
        assert kit.age_band == floor, s
        assert all(t.suits("special", floor) for t in kit.themes), s
        assert all(band_rank(e.min_age_band) <= band_rank(floor) for e in kit.exercises), (s, floor)
        assert all(band_rank(f.min_band) <= band_rank(floor) for f in kit.facts), (s, floor)
        if floor == "indskoling":
            assert not kit.facts  # no penalties or paragraphs for 6–9-year-olds


@pytest.mark.parametrize("age", [None, *AGE_BANDS])
def test_every_kit_of_a_class_without_a_grade_stays_within_its_pupils_age(content, age):
    """Sweep: every template × every theme offered to classes without a grade, on a class of each age band (and one
    without): a theme above the floor is refused by the plan itself; every other kit keeps to the floor."""
    name = "Specialklasse A" + (f" ({age})" if age else "")
    p = plan_for(content, name, sessions=6)
    every_kit_is_within(content, p)  # the themes the year plan chose itself
    floor = age or EVERY_AGE
    first = p.lessons()[0]
    for template in p.templates:
        for theme in (t for t in p.themes if "special" in t.bands):
            s = first.model_copy(update={"theme": theme.id, "template": template.id, "minutes": template.minutes})
            others = [x for x in p.sessions if x.uid != s.uid]
            if not theme.suits("special", floor):
                with pytest.raises(ValueError, match="passer ikke til Specialklasse A"):
                    Y.make_plan(p.request, p.year, p.winter_break_week, p.themes, p.templates, [s, *others])
                continue
            one = Y.make_plan(p.request, p.year, p.winter_break_week, p.themes, p.templates, [s])
            every_kit_is_within(content, one, may_refuse=True)


def test_the_table_refuses_a_theme_above_the_class_age_and_says_why(content):
    p = plan_for(content, "Specialklasse A (indskoling),Specialklasse B (udskoling)")
    rows = Y.table_rows(p)
    a = next(r for r in rows if r["klasse"] == "Specialklasse A")
    b = next(r for r in rows if r["klasse"] == "Specialklasse B")
    new, messages = Y.apply_table(p, [r | {"tema": "sextortion"} if r["uid"] in (a["uid"], b["uid"]) else r
                                      for r in rows])
    assert len(messages) == 1 and "Specialklasse A med elever i indskolingsalderen" in messages[0]
    after = {s.uid: s.theme for s in new.sessions}
    assert after[a["uid"]] == a["tema"] and after[b["uid"]] == "sextortion"
    # The table of the band offers what suits any of its classes; each row is checked against its own class.
    offered = {t.id for t in Y.themes_for_band(p, "special")}
    assert "sextortion" in offered and {t.id for t in Y.themes_for_class(p, "Skovvangskolen", "Specialklasse A")} \
        < offered


def test_a_plan_saved_when_special_classes_were_planned_as_ten_year_olds_opens_within_every_age(content):
    """Files saved before the age band: a special class had billeddeling-og-samtykke. It opens, the theme becomes
    one for every age, and the coordinator is told which and how to give the age band."""
    p = plan_for(content, "0.a,Specialklasse A", sessions=2)
    data = json.loads(Y.to_json(p))
    hit = next(s for s in data["sessions"] if s["class_name"] == "Specialklasse A")
    hit["theme"], hit["note"] = "billeddeling-og-samtykke", "Husk billeder"
    opened, notes = Y.open_file(json.dumps(data), content)
    moved = next(s for s in opened.sessions if s.uid == hit["uid"])
    assert opened.theme_by_id[moved.theme].min_age_band == "indskoling" and moved.note == "Husk billeder"
    assert len(notes) == 1 and "Billeddeling og samtykke" in notes[0] and "(mellemtrin)" in notes[0]


def test_the_year_kits_zip_builds_kits_for_tenth_grade_and_a_young_special_class(content):
    import io
    import zipfile

    from planner.documents import yearplan_kits as XK

    p = plan_for(content, "10.a,Specialklasse A (indskoling)", sessions=1)
    with zipfile.ZipFile(io.BytesIO(XK.kits_zip(content, p))) as z:
        folders = {n.split("/")[0] for n in z.namelist()}
    assert folders == {"10-a", "specialklasse-a"}
