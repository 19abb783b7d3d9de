"""The catalog: content as DataFrames, filtered by band, theme, audience, provider and free text."""

import pytest

from planner.content.catalog import filter_frame, find_themes, frame, render

SEED_TEACHING_MATERIALS = {
    # The seed's "Til personale – Undervisningsmateriale og forløb", by the band the seed names.
    "indskoling": {"paa-nettet"},
    "mellemtrin": {"online-mellemtrin", "sociale-medier-saerlige-behov"},
    "udskoling": {"seksuelle-graazoner-og-graensesaetning", "deshame-udskoling", "online-udskoling",
                  "sociale-medier-saerlige-behov"},
    "special": {"sociale-medier-saerlige-behov", "er-du-ok-paa-nettet"},
}


@pytest.mark.parametrize("band", SEED_TEACHING_MATERIALS)
def test_band_filter_returns_exactly_the_seeds_teaching_materials(content, band):
    df = frame(content, "materials")
    hits = filter_frame(df, "materials", band=band)
    teaching = hits[hits["section"] == "personale"]
    from_seed = set(teaching[teaching["source"].str.contains("pjece")]["id"])
    assert from_seed == SEED_TEACHING_MATERIALS[band]


def test_theme_audience_provider_and_text_filters_combine(content):
    df = frame(content, "materials")
    parents = filter_frame(df, "materials", audience="forældre")
    assert "billeddeling-foraeldre" in set(parents["id"])
    assert set(parents["section"]) <= {"forældre", "litteratur"}
    red = filter_frame(df, "materials", provider="red barnet")
    assert len(red) >= 2 and all("Red Barnet" in p for p in red["provider"])
    text = filter_frame(df, "materials", text="DESHAME")
    assert {"deshame-udskoling", "deshame-skoleguide"} <= set(text["id"])
    both = filter_frame(df, "materials", provider="Red Barnet", band="udskoling")
    assert {"deshame-udskoling", "et-andet-valg", "bryd-tabuet"} <= set(both["id"])
    assert all(not bands or "udskoling" in bands for bands in both["bands"])


def test_a_material_for_no_particular_band_shows_under_every_band(content):
    df = frame(content, "materials")
    general = set(df[df["bands"].map(len) == 0]["id"])
    assert general
    for band in ("indskoling", "mellemtrin", "udskoling", "special"):
        assert general <= set(filter_frame(df, "materials", band=band)["id"]), band
    themed = filter_frame(df, "materials", theme="billeddeling-og-samtykke")
    assert len(themed) and all("billeddeling-og-samtykke" in ts for ts in themed["themes"])


def test_helplines_by_band_fit_the_pupils_ages(content):
    df = frame(content, "helplines")
    small = set(filter_frame(df, "helplines", band="indskoling")["id"])
    assert "boernetelefonen" in small and "cyberhus" not in small and "sexlinien" not in small
    teens = set(filter_frame(df, "helplines", band="udskoling")["id"])
    assert {"boernetelefonen", "cyberhus", "sexlinien"} <= teens
    assert "datatilsynet" not in teens  # a service for adults, not a helpline for pupils


def test_helplines_by_kommune_keep_the_national_ones(content):
    df = frame(content, "helplines")
    national = filter_frame(df, "helplines", region="national")
    assert set(national["region"]) == {"national"}
    aarhus = filter_frame(df, "helplines", region="Aarhus")
    assert set(aarhus["region"]) == {"national", "Aarhus"}


def test_facts_grow_with_the_band(content):
    df = frame(content, "facts")
    assert filter_frame(df, "facts", band="indskoling").empty
    mid = set(filter_frame(df, "facts", band="mellemtrin")["id"])
    old = set(filter_frame(df, "facts", band="udskoling")["id"])
    assert mid and mid < old


def test_render_json_has_id_and_title_or_name(content):
    import json

    for kind in ("materials", "facts", "themes", "exercises", "helplines"):
        rows = json.loads(render(frame(content, kind), kind, "json"))
        key = "name" if kind == "helplines" else "title"
        assert rows and all(r["id"] and r[key] for r in rows)


def test_unknown_band_is_refused_in_danish(content):
    with pytest.raises(ValueError, match="Ukendt trin"):
        filter_frame(frame(content, "materials"), "materials", band="gymnasiet")


@pytest.mark.parametrize("words,theme", [("nøgen", "billeddeling-og-samtykke"), ("nøgenbilleder", "billeddeling-og-samtykke"),
                                         ("deling", "billeddeling-og-samtykke"), ("afpresning", "sextortion"),
                                         ("snak med fremmede", "grooming"), ("  Afpresning ", "sextortion")])
def test_a_theme_is_found_by_the_words_teachers_use(content, words, theme):
    assert theme in [t.id for t in find_themes(content.themes, words)]


def test_theme_search_with_no_hit_or_odd_text_finds_nothing(content):
    for text in ("", "   ", "xyzzy", "\x00" * 500, "🙂"):
        assert find_themes(content.themes, text) == []
