"""Age fit: what 6–9-year-olds can be served never speaks of nudity, sexual acts, penalties or paragraphs.

The rule holds for every exercise and theme a 6–9-year-old can meet: the indskoling band's own, and the special
classes' ones whose youngest age band is indskoling."""

import re

import pytest

from planner.content.bands import band_rank

# Words that must never reach a 6–9-year-old: nudity, sex, penalties and paragraphs, extortion.
TOO_OLD = re.compile(
    r"nøgen|\bsex|seksuel|porno|\bstraf|fængsel|\bbøde|§|paragraf|afpres|sextortion|truer med at dele|"
    r"tøj på|fjerner tøj|undertøj|underbukser",
    re.IGNORECASE,
)


def pupil_texts(exercise) -> list[str]:
    """Everything a pupil can hear or read from an exercise: steps, cards, cases and questions."""
    return ([exercise.title] + list(exercise.steps) + list(exercise.statements)
            + [c.title + " " + c.text for c in exercise.cases] + list(exercise.discussion_questions))


def for_the_youngest(content):
    return [e for e in content.exercises if e.suits("indskoling", "indskoling") or e.suits("special", "indskoling")]


def test_some_exercises_suit_the_youngest_special_pupils(content):
    special_young = [e for e in content.exercises if e.suits("special", "indskoling")]
    assert len(special_young) >= 6


@pytest.mark.parametrize("field", ["pupil texts"])
def test_nothing_for_6_to_9_year_olds_speaks_of_nudity_sex_or_penalties(content, field):
    offending = {}
    for e in for_the_youngest(content):
        hits = sorted({m.group(0).lower() for text in pupil_texts(e) for m in TOO_OLD.finditer(text)})
        if hits:
            offending[e.id] = hits
    assert offending == {}


def test_themes_for_the_youngest_are_fit_for_them(content):
    for t in content.themes:
        if t.suits("special", "indskoling") or t.suits("indskoling", "indskoling"):
            assert not TOO_OLD.search(t.title + " " + t.description), t.id


def test_an_exercise_never_suits_an_ordinary_band_below_its_age_floor(content):
    for e in content.exercises:
        for b in e.bands:
            if b != "special":
                assert band_rank(b) >= band_rank(e.min_age_band), e.id
