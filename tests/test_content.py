"""The shipped content library: valid, complete against the seed, and every number traceable to a source."""

import dataclasses
import datetime as dt
import re

import pytest

from support import ROOT, SHARED, shared_text
from planner.content import checks as C
from planner.content import progression as P
from planner.content.bands import AGE_BANDS, band_rank
from planner.content.models import STALE_AFTER



@pytest.fixture(scope="module")
def sources():
    # The content reviews quote the public pages they checked (with the address) beside facts.md and the seed.
    reviews = sorted((SHARED / "reference" / "reviews").glob("content-audit-*.md"))
    return (shared_text("reference", "facts.md") + shared_text("seed")
            + "".join(f.read_text(encoding="utf-8") for f in reviews))


def digits(s):
    return re.sub(r"\D", "", s)


def test_shipped_content_is_valid_and_complete(content):
    counts = content.summary()
    assert counts["materialer"] >= 24
    assert counts["kontakter"] >= 15
    assert counts["lovfakta"] >= 12
    assert counts["øvelser"] >= 36
    assert counts["lektionsskabeloner"] >= 4
    assert content.guide is not None and content.texts is not None


def test_every_seed_vidensbank_title_is_in_the_library(content):
    titles = " ".join(m.title for m in content.materials).casefold()
    for expected in ["Seksuelle gråzoner og grænsesætning", "DeShame", "Online", "Sociale Medier",
                     "Er du ok på nettet?", "På nettet", "Privat snak", "Sexlinien", "Ungekontakten",
                     "Børnetelefonen", "Billeddeling", "Børn og seksualitet", "Den professionelle tvivl", "DELT"]:
        assert expected.casefold() in titles, expected
    teaching = [m for m in content.materials if m.section == "personale"]
    seed_teaching = [m for m in teaching if "pjece" in m.source]
    assert len(seed_teaching) == 7
    assert {"et-andet-valg", "bryd-tabuet", "deshame-bare-en-joke"} <= {m.id for m in teaching}


def test_every_phone_number_comes_from_facts_or_seed(content, sources):
    source_digits = digits(sources)
    for h in content.helplines:
        for number in (h.phone, h.sms):
            if number:
                assert digits(number) in source_digits, f"{h.id}: {number} står hverken i facts.md eller pjecen"


def test_every_url_comes_from_facts_or_seed_or_is_its_own_checked_source(content, sources):
    """An address is either in the reference sources, or it is the very page the entry was checked against."""
    flat = sources.replace("-\n", "").replace("\n", "")
    checked_pages = {x.source for x in [*content.helplines, *content.materials]}
    urls = [(h.id, h.url) for h in content.helplines if h.url]
    urls += [(m.id, m.url) for m in content.materials if m.url]
    urls += [(f.id, f.source) for f in content.facts if f.source.startswith("https://")]
    for item_id, url in urls:
        bare = url.removeprefix("https://").removeprefix("www.").rstrip("/")
        assert bare in flat or url in checked_pages, f"{item_id}: {url} står hverken i facts.md, pjecen eller som kilde"


def test_seed_contacts_that_facts_could_not_confirm_are_marked_unconfirmed(content):
    aarhus = [h for h in content.helplines if h.region == "Aarhus"]
    assert {h.name for h in aarhus} >= {"Ungekontakten", "Rådgivningscenteret", "Underretningsenheden"}
    assert all(h.status == "unconfirmed" for h in aarhus)
    assert {"boernetelefonen", "politi-114", "alarm-112"} <= {h.id for h in content.helplines if h.status == "confirmed"}


def test_police_and_boernetelefonen_numbers(content):
    by_id = {h.id: h for h in content.helplines}
    assert by_id["boernetelefonen"].phone == "116 111"
    assert by_id["politi-114"].phone == "114"
    assert by_id["alarm-112"].phone == "112"
    assert by_id["politi-114"].url == "https://politi.dk/digitale-seksualforbrydelser/anmeld-digitale-sexkraenkelser"


def test_legal_facts_cover_the_required_paragraphs(content):
    refs = " ".join(f.law_ref for f in content.facts)
    for para in ["264 d", "264 a", "232", "235", "§ 23", "260", "225", "231", "§ 15", "§ 26"]:
        assert para in refs, para
    assert any("skærm" in f.pupil_text.casefold() for f in content.facts)


def test_no_legal_fact_is_for_indskoling_and_pupil_texts_carry_no_penalties(content):
    for f in content.facts:
        assert f.min_band in AGE_BANDS and band_rank(f.min_band) >= band_rank("mellemtrin")
        assert not re.search(r"\b\d+\s*(år|måneder)s? fængsel|fængsel indtil", f.pupil_text), f.id


def test_exercise_library_spread(content):
    per_band = {b: [e for e in content.exercises if b in e.bands] for b in ("indskoling", "mellemtrin", "udskoling", "special")}
    assert len(per_band["indskoling"]) >= 8
    assert len(per_band["mellemtrin"]) >= 8
    assert len(per_band["udskoling"]) >= 8
    assert len(per_band["special"]) >= 6
    methods = {e.method for e in content.exercises}
    assert {"værdiøvelse", "case", "dilemmakort", "kontinuum", "fire hjørner", "hvad ville du gøre",
            "spørgekasse", "quiz", "billedsamtale", "exit slip"} <= methods
    themes = {t.id: t for t in content.themes}
    for band, exercises in per_band.items():
        covered = set().union(*(set(e.themes) for e in exercises))
        suited = {t for t, theme in themes.items() if band in theme.bands}
        assert suited <= covered, f"{band} mangler øvelser om {suited - covered}"


INDSKOLING_FORBIDDEN = re.compile(r"straf|fængsel|bøde|paragraf|§|sex|samleje|porno|nøgen", re.IGNORECASE)


def test_indskoling_exercises_never_mention_penalties_or_sexual_acts(content):
    for e in content.exercises:
        if e.bands == ["indskoling"] or set(e.bands) <= {"indskoling", "special"} and "indskoling" in e.bands:
            text = e.model_dump_json()
            hit = INDSKOLING_FORBIDDEN.search(text)
            assert hit is None, f"{e.id}: '{hit.group(0)}'"


def test_exercises_print_no_numbers_or_links(content):
    for e in content.exercises:
        text = e.model_dump_json()
        assert "http" not in text and not re.search(r"\b\d{2} \d{2} \d{2} \d{2}\b|\b11[24]\b", text), e.id


def test_handling_guide_has_every_seed_step_with_a_role(content):
    ids = [s.id for s in content.guide.steps]
    for step in ["afdaekning", "vurdering", "inddragelse", "dokumentering", "logbog", "stop-kendt-kraenker",
                 "stop-ukendt-kraenker", "samarbejde", "politianmeldelse", "forsikring", "faglig-sparring",
                 "hjaelp-de-relevante", "haandtering-af-omgivelserne"]:
        assert step in ids
    assert {r.id for r in content.guide.roles} == {"ledelse", "ressourceperson", "klasseteam"}
    assert all(s.responsible for s in content.guide.steps)


def test_base_document_is_shipped_lean_with_the_named_styles():
    from docx import Document

    path = ROOT / "lesson_templates" / "base.docx"
    assert 5_000 < path.stat().st_size < 50_000  # no 440 KB Word 2010 style copy to compress into every document
    names = {s.name for s in Document(str(path)).styles}
    assert {"Heading 1", "Elevtekst", "Letlæst", "Letlæst overskrift", "Letlæst underoverskrift", "Kort"} <= names


def test_a_page_that_advises_against_the_sheet_needs_the_line_the_sheet_prints(content_copy):
    from planner.content.loader import ContentError, load_content

    f = content_copy / "materials" / "helplines" / "national.yaml"
    text = f.read_text(encoding="utf-8")
    start = text.index("    correction: >-\n      Tag ikke billeder af selve billedet")
    end = text.index("\n    note:", start)
    f.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_content(content_copy)
    assert any(p.entry == "sletdet" and "correction" in p.message for p in err.value.problems)


def test_key_messages_name_known_themes_and_easy_read_picks_from_them(content, content_copy):
    from planner.content.loader import ContentError, load_content

    for band, texts in content.texts.bands.items():
        assert not texts.key_message_themes or len(texts.key_message_themes) == len(texts.key_messages), band
        assert set(texts.easy_read_messages) <= set(texts.key_messages), band
    f = content_copy / "materials" / "lesson_texts.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("[[], [], [sextortion], [], [], []]",
                                                      "[[], [], [afpresning], [], [], []]"), encoding="utf-8")
    with pytest.raises(ContentError, match="afpresning"):
        load_content(content_copy)


def test_only_a_sheet_has_a_line_to_ask_for_a_talk():
    from pydantic import ValidationError

    from planner.content.models import Prop

    assert Prop(kind="sheet", name="seddel", title="Seddel", help_request="Ja, jeg vil gerne tale med en voksen.")
    with pytest.raises(ValidationError, match="help_request"):
        Prop(kind="item", name="kasse", help_request="Ja, jeg vil gerne tale med en voksen.")


# --- The year wheel's content ---------------------------------------------------------------------------------


def test_a_school_years_checked_date_in_the_future_is_an_error_and_one_over_a_year_old_a_warning():
    today = dt.date(2026, 12, 7)
    assert P.checked_problem(today, today) is None
    assert P.checked_problem(today - STALE_AFTER, today) is None
    message, warning = P.checked_problem(today + dt.timedelta(days=1), today)
    assert "2026-12-08 ligger i fremtiden" in message and warning is False
    message, warning = P.checked_problem(today - STALE_AFTER - dt.timedelta(days=1), today)
    assert "over et år siden" in message and warning is True


def _progression_problems(content, prog, invalid=frozenset()):
    return P.progression_problems(prog, {t.id: t for t in content.themes}, {t.id for t in content.templates}, invalid)


def test_the_shipped_progression_has_no_problem(content):
    assert _progression_problems(content, content.progression) == []


def test_every_problem_of_the_progression_is_named_where_it_is(content):
    prog = content.progression
    grades = list(prog.grades)
    two = next(i for i, g in enumerate(grades) if g.grade == 2)
    grades[two] = grades[two].model_copy(update={"themes": ["sextortion", "findes-ikke", "kendt-ugyldig"],
                                                 "age_band": "udskoling"})
    grades.append(grades[0])  # 0. klasse twice
    without_one = [g for g in grades if g.grade != 1]
    bad = prog.model_copy(update={"template": "ingen", "grades": without_one})
    found = {(tuple(loc), fld): message for loc, fld, message in
             _progression_problems(content, bad, invalid={"kendt-ugyldig"})}
    at = without_one.index(grades[two])
    assert "lektionsskabelonen 'ingen' findes ikke" in found[("template",), "template"]
    assert "klassetrinnet 0 står der mere end én gang" in found[("grades", len(without_one) - 1, "grade"),
                                                                f"grades.{len(without_one) - 1}.grade"]
    assert "age_band er kun til grade: special" in found[("grades", at, "age_band"), f"grades.{at}.age_band"]
    assert "temaet 'sextortion' passer ikke til 2. klasse" in found[("grades", at, "themes", 0), f"grades.{at}.themes"]
    assert "findes ikke i materials/themes.yaml" in found[("grades", at, "themes", 1), f"grades.{at}.themes"]
    assert ("grades", at, "themes", 2) not in {loc for loc, _ in found}  # reported where the theme is defined
    # 1. klasse is gone, and 2. klasse's line is now for an age band, so no line is 2. klasse's own.
    missing = [message for loc, fld, message in _progression_problems(content, bad) if loc == ["grades"]]
    assert missing == ["1. klasse mangler på listen", "2. klasse mangler på listen"]


def test_tenth_grade_may_follow_ninth_but_any_other_missing_grade_is_named(content):
    prog = content.progression
    for missing in P.GRADES:
        rest = prog.model_copy(update={"grades": [g for g in prog.grades if g.grade != missing]})
        messages = [message for _, _, message in _progression_problems(content, rest)]
        assert messages == ([] if missing == 10 else [f"{P.grade_label(missing)} mangler på listen"]), missing


def test_a_theme_for_a_class_without_a_grade_must_suit_its_pupils_age_or_every_age(content):
    themes = {t.id: t for t in content.themes}
    plain = P.GradeThemes(grade="special", themes=["sextortion"])
    young = P.GradeThemes(grade="special", age_band="indskoling", themes=["sextortion"])
    old = P.GradeThemes(grade="special", age_band="udskoling", themes=["sextortion"])
    assert "uden klassetrin og uden alderstrin" in P.theme_problem(plain, "sextortion", themes, set())
    assert "uden klassetrin med elever i" in P.theme_problem(young, "sextortion", themes, set())
    assert P.theme_problem(old, "sextortion", themes, set()) == ""


# --- References across files ----------------------------------------------------------------------------------


def test_the_shipped_content_refers_only_to_what_exists(content):
    themes = content.by_id("themes")
    helplines, facts = {h.id for h in content.helplines}, {f.id for f in content.facts}
    assert C.theme_problems(content, themes, set()) == []
    assert C.guide_problems(content.guide, helplines, facts) == []
    assert C.texts_problems(content.texts, themes, helplines, set()) == []


def test_an_unknown_theme_is_named_on_its_item_unless_reported_where_it_is_defined(content):
    themes = content.by_id("themes")
    ex = content.exercises[0].model_copy(update={"themes": [*content.exercises[0].themes, "ukendt", "ugyldig"]})
    fact = content.facts[0].model_copy(update={"themes": ["ukendt"]})
    c = dataclasses.replace(content, exercises=[ex], facts=[fact], materials=[], helplines=[])
    assert C.theme_problems(c, themes, {"ugyldig"}) == [
        ("facts", fact.id, "themes", "temaet 'ukendt' findes ikke i materials/themes.yaml"),
        ("exercises", ex.id, "themes", "temaet 'ukendt' findes ikke i materials/themes.yaml")]


def test_an_exercise_for_a_band_its_theme_is_not_meant_for_is_named(content):
    themes = content.by_id("themes")
    young = next(t for t in content.themes if "indskoling" not in t.bands)
    ex = content.exercises[0].model_copy(update={"themes": [young.id], "bands": ["indskoling"]})
    c = dataclasses.replace(content, exercises=[ex], facts=[], materials=[], helplines=[])
    assert C.theme_problems(c, themes, set()) == [
        ("exercises", ex.id, "themes", f"temaet '{young.id}' er ikke beregnet til trinnet 'indskoling'")]


def test_a_guide_step_naming_an_unknown_contact_or_fact_and_a_step_id_used_twice_are_named(content):
    first, second = content.guide.steps[:2]
    odd = first.model_copy(update={"contacts": ["ingen-linje"], "facts": ["ingen-paragraf"]})
    twin = second.model_copy(update={"id": first.id})
    guide = content.guide.model_copy(update={"steps": [odd, twin]})
    got = C.guide_problems(guide, {h.id for h in content.helplines}, {f.id for f in content.facts})
    assert got == [(first.id, "contacts", "kontakten 'ingen-linje' findes ikke i indholdet"),
                   (first.id, "facts", "lovfaktummet 'ingen-paragraf' findes ikke i indholdet"),
                   (first.id, None, "id'et er brugt mere end én gang")]


def test_lesson_texts_naming_an_unknown_theme_or_contact_are_named(content):
    texts = content.texts
    band, t = next(iter(texts.bands.items()))
    odd = t.model_copy(update={"key_message_themes": [["ukendt", "ugyldig"], *t.key_message_themes[1:]]})
    letter = texts.parent_letter.model_copy(update={"contacts": [*texts.parent_letter.contacts, "ingen-linje"]})
    changed = texts.model_copy(update={"bands": {band: odd}, "parent_letter": letter})
    got = C.texts_problems(changed, content.by_id("themes"), {h.id for h in content.helplines}, {"ugyldig"})
    assert got == [(band, "key_message_themes", "temaet 'ukendt' findes ikke i materials/themes.yaml"),
                   ("parent_letter", "contacts", "kontakten 'ingen-linje' findes ikke i indholdet")]
