"""A broken content file is reported in Danish with file, line, entry and field – every problem at once."""

import datetime as dt

import pytest

from planner.content.loader import ContentError, load_content


def replace_in(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} findes ikke i {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path, needle):
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def problems(root):
    with pytest.raises(ContentError) as exc:
        load_content(root)
    return exc.value.problems


def test_bad_phone_names_file_line_entry_and_field(content_copy):
    f = content_copy / "materials" / "helplines" / "national.yaml"
    replace_in(f, 'phone: "116 111"', 'phone: "116111 (døgn)"')
    [p] = problems(content_copy)
    assert p.file == "materials/helplines/national.yaml"
    assert p.line == line_of(f, "116111 (døgn)")
    assert p.entry == "boernetelefonen" and p.field == "phone"
    assert "dansk telefonnummer" in p.message
    assert str(p).startswith(f"materials/helplines/national.yaml, linje {p.line}, post 'boernetelefonen', felt 'phone':")


def test_every_problem_is_reported_at_once(content_copy):
    hl = content_copy / "materials" / "helplines" / "national.yaml"
    replace_in(hl, "url: https://cyberhus.dk\n", "url: http://cyberhus.dk\n")
    ex = content_copy / "materials" / "exercises" / "indskoling.yaml"
    text = ex.read_text(encoding="utf-8")
    first_id = text.split("- id: ", 1)[1].split("\n", 1)[0].strip()
    replace_in(ex, f"- id: {first_id}\n", f"- id: {first_id}\n    colour: blå\n")
    themes = content_copy / "materials" / "themes.yaml"
    replace_in(themes, "bands: [mellemtrin, udskoling, special]\n    min_age_band: mellemtrin\n  - id: deepfakes",
               "bands: [mellemtrin, udskoling, gymnasiet]\n    min_age_band: mellemtrin\n  - id: deepfakes")
    found = {(p.file, p.entry, p.field): p for p in problems(content_copy)}
    assert found[("materials/helplines/national.yaml", "cyberhus", "url")].message.startswith("skal være en hel adresse der starter med https://")
    unknown = found[("materials/exercises/indskoling.yaml", first_id, "colour")]
    assert "ikke et kendt felt" in unknown.message and unknown.line == line_of(ex, "colour: blå")
    band = found[("materials/themes.yaml", "sextortion", "bands.2")]
    assert "indskoling" in band.message and band.line == line_of(themes, "bands: [mellemtrin, udskoling, gymnasiet]")


def test_duplicate_ids_and_dangling_references(content_copy):
    hl = content_copy / "materials" / "helplines" / "national.yaml"
    replace_in(hl, "- id: hoert", "- id: cyberhus")
    guide = content_copy / "materials" / "handleguide.yaml"
    replace_in(guide, "alarm-112", "alarm-911")
    msgs = [str(p) for p in problems(content_copy)]
    assert any("post 'cyberhus', felt 'id': id'et er brugt mere end én gang" in m for m in msgs)
    assert any("materials/handleguide.yaml" in m and "kontakten 'alarm-911' findes ikke" in m for m in msgs)


def test_unknown_theme_reference_names_the_exercise(content_copy):
    ex = content_copy / "materials" / "exercises" / "mellemtrin.yaml"
    text = ex.read_text(encoding="utf-8")
    entry = text.split("- id: ", 1)[1].split("\n", 1)[0].strip()
    replace_in(ex, "themes: [", "themes: [fodbold, ")
    ps = [p for p in problems(content_copy) if p.entry == entry]
    assert ps and ps[0].field == "themes" and "temaet 'fodbold' findes ikke" in ps[0].message


def test_yaml_syntax_error_gives_the_line(content_copy):
    f = content_copy / "materials" / "legal_facts.yaml"
    replace_in(f, "facts:", "facts: [\n  oops: : :")
    [p] = [p for p in problems(content_copy) if p.file == "materials/legal_facts.yaml"]
    assert "ikke gyldig YAML" in p.message and p.line is not None


def test_missing_required_field_and_wrong_type(content_copy):
    f = content_copy / "materials" / "legal_facts.yaml"
    replace_in(f, "min_band: udskoling", "min_band: børnehave")
    ps = problems(content_copy)
    assert any(p.field == "min_band" and "skal være en af" in p.message for p in ps)


def test_indskoling_facts_are_refused(content_copy):
    f = content_copy / "materials" / "legal_facts.yaml"
    replace_in(f, "min_band: mellemtrin", "min_band: indskoling")
    assert any("indskolingen" in p.message for p in problems(content_copy))


def test_stale_facts_warn_but_load(content_copy):
    f = content_copy / "materials" / "helplines" / "national.yaml"
    replace_in(f, "checked: 2026-12-07", "checked: 2024-01-02")
    c = load_content(content_copy, today=dt.date(2026, 12, 7))
    [w] = c.warnings
    assert w.warning and w.entry == "boernetelefonen" and w.field == "checked"
    assert "over et år siden" in w.message


def test_a_kommune_adds_its_own_contacts_without_code(content_copy):
    (content_copy / "materials" / "helplines" / "odense.yaml").write_text(
        "region: Odense\nhelplines:\n  - id: odense-testlinje\n    name: Testlinjen\n    provider: Odense Kommune\n"
        "    phone: '12 34 56 78'\n    audience: [forældre]\n    purpose: Test.\n    status: unconfirmed\n"
        "    source: Test\n    checked: 2026-11-01\n", encoding="utf-8")
    c = load_content(content_copy)
    assert c.kommuner == ["Aarhus", "Odense"]
    assert next(h for h in c.helplines if h.id == "odense-testlinje").region == "Odense"
