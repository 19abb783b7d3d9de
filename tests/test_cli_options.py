"""Every option of the lesson, kit, guide, catalog, check and bench commands, once with a value a teacher would give
and once with a bad one: the good one shows its effect in what the command writes, the bad one gets a Danish
sentence and exit code 2 before any work. (The year plan's options have their own file.)"""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from docx import Document
from docx.shared import Cm

from support import IN_CI, run_cli


def run(*args) -> tuple[int, str, str]:
    r = run_cli(*args)
    return r.returncode, r.stdout, r.stderr


def refused(*args, says: str) -> str:
    code, out, err = run(*args)
    assert code == 2, (args, code, out, err)
    assert says in err, err
    assert "Traceback" not in err and "Fejl" in err
    return err


def docx_text(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


LESSON = ("--band", "mellemtrin", "--template", "lektion")
UDSKOLING = ("--band", "udskoling", "--template", "lektion")


# --- --root and check ---------------------------------------------------------------------------


def test_root_reads_the_given_content_and_a_missing_folder_is_refused(content_copy):
    f = content_copy / "materials" / "vidensbank.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("title: På nettet", "title: På nettet (kopi)", 1),
                 encoding="utf-8")
    code, out, _ = run("--root", content_copy, "catalog", "--search", "nettet (kopi)", "--format", "json")
    assert code == 0 and [x["title"] for x in json.loads(out)] == ["På nettet (kopi)"]
    code, out, _ = run("--root", content_copy, "check")
    assert code == 0 and "Indholdet er gyldigt." in out
    refused("--root", "/findes/ikke", "check", says="mappen '/findes/ikke' findes ikke")


# --- catalog ---------------------------------------------------------------------------------


def catalog(*args) -> list[dict]:
    code, out, err = run("catalog", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} is not JSON")) if out.strip().startswith("[") else []


def test_catalog_kind():
    assert "BørneTelefonen" in {x["name"] for x in catalog("--kind", "helplines")}
    assert "sextortion" in {x["id"] for x in catalog("--kind", "themes")}
    refused("catalog", "--kind", "bøger", says="er ikke et af valgene")


def test_catalog_band():
    rows = catalog("--band", "indskoling")
    assert "paa-nettet" in {x["id"] for x in rows}
    assert not [x for x in rows if x["bands"] and "indskoling" not in x["bands"]]
    refused("catalog", "--band", "gymnasiet", says="er ikke et af valgene")


def test_catalog_theme():
    rows = catalog("--kind", "exercises", "--theme", "sextortion")
    assert rows and all("sextortion" in x["themes"] for x in rows)
    refused("catalog", "--theme", "findes-ikke", says="temaet 'findes-ikke' findes ikke")


def test_catalog_audience():
    rows = catalog("--audience", "forældre")
    assert rows and all("forældre" in " ".join(x["audience"]).casefold() for x in rows)
    assert len(rows) < len(catalog())
    refused("catalog", "--audience", "elefanter", says="er ikke et af valgene")


def test_catalog_provider():
    rows = catalog("--provider", "red barnet")
    assert rows and all("red barnet" in x["provider"].casefold() for x in rows)
    refused("catalog", "--provider", "x" * 101, says="højst 100 tegn")


def test_catalog_search():
    rows = catalog("--search", "DeShame")
    assert rows and all("deshame" in json.dumps(x, ensure_ascii=False).casefold() for x in rows)
    refused("catalog", "--search", "x" * 101, says="højst 100 tegn")


def test_catalog_kommune_in_any_case():
    national = {x["id"] for x in catalog("--kind", "helplines")}
    local = catalog("--kind", "helplines", "--kommune", "aarhus")
    assert {x["region"] for x in local} == {"national", "Aarhus"}
    assert {x["id"] for x in local} > {x["id"] for x in catalog("--kind", "helplines", "--kommune",
                                                                   "AARHUS") if x["region"] == "national"}
    assert national >= {x["id"] for x in local if x["region"] == "national"}
    refused("catalog", "--kommune", "Atlantis", says="ingen lokale kontakter for 'Atlantis'")


def test_catalog_format():
    code, out, _ = run("catalog", "--kind", "helplines", "--format", "csv")
    assert code == 0 and any(r["phone"] == "116 111" for r in csv.DictReader(io.StringIO(out)))
    code, out, _ = run("catalog", "--kind", "helplines", "--format", "table")
    assert code == 0 and "116 111" in out and not out.startswith("[")
    refused("catalog", "--format", "pdf", says="er ikke et af valgene")


# --- lesson --------------------------------------------------------------------------------------


def lesson(tmp_path, *args) -> dict:
    out = tmp_path / "plan.json"
    code, _, err = run("lesson", *args, "--out", out, "--force")
    assert code == 0, err
    return json.loads(out.read_text(encoding="utf-8"))


def test_lesson_band_and_age_band(tmp_path):
    assert lesson(tmp_path, "--band", "udskoling", "--template", "lektion")["age_band"] == "udskoling"
    plan = lesson(tmp_path, "--band", "special", "--age-band", "indskoling", "--template", "lektion")
    assert (plan["band"], plan["age_band"]) == ("special", "indskoling")
    assert not plan["facts"]  # 6–9-year-olds get no law
    refused("lesson", "--band", "gymnasiet", "--template", "lektion", says="er ikke et af valgene")
    refused("lesson", "--band", "special", "--age-band", "voksne", "--template", "lektion",
            says="er ikke et af valgene")
    refused("lesson", "--band", "udskoling", "--age-band", "indskoling", "--template", "lektion",
            says="--age-band gælder kun for --band special")


def test_lesson_minutes_and_template(tmp_path):
    assert lesson(tmp_path, "--band", "udskoling", "--minutes", "60")["minutes"] == 60
    assert lesson(tmp_path, "--band", "udskoling", "--template", "dobbeltlektion")["minutes"] == 90
    refused("lesson", "--band", "udskoling", "--minutes", "401", says="mellem 1 og 400")
    refused("lesson", "--band", "udskoling", "--minutes", "10", says="for kort")
    refused("lesson", "--band", "udskoling", "--template", "maraton", says="findes ikke")


def test_lesson_theme_include_exclude(tmp_path):
    plan = lesson(tmp_path, *UDSKOLING, "--theme", "sextortion")
    assert [t["id"] for t in plan["themes"]] == ["sextortion"]
    first = plan["exercises"][0]["id"]
    plan = lesson(tmp_path, *UDSKOLING, "--theme", "sextortion", "--exclude", first)
    assert first not in {e["id"] for e in plan["exercises"]}
    plan = lesson(tmp_path, *UDSKOLING, "--theme", "sextortion", "--include", first)
    assert first in {a["exercise_id"] for a in plan["activities"]}
    refused("lesson", *LESSON, "--theme", "findes-ikke", says="findes-ikke")
    refused("lesson", *LESSON, "--include", "findes-ikke", says="Øvelsen 'findes-ikke' findes ikke")
    refused("lesson", *LESSON, "--exclude", "findes-ikke", says="Øvelsen 'findes-ikke' findes ikke")


def test_lesson_kommune_in_any_case(tmp_path):
    for name in ("Aarhus", "aarhus", " AARHUS "):
        plan = lesson(tmp_path, *LESSON, "--kommune", name)
        assert plan["request"]["kommune"] == "Aarhus"
        assert "Aarhus" in {h["region"] for h in plan["helplines"]}
    refused("lesson", *LESSON, "--kommune", "Atlantis", says="ingen lokale kontakter for 'Atlantis'")


def test_lesson_kit_details_go_into_the_saved_plan_and_the_timeline(tmp_path):
    code, out, _ = run("lesson", *LESSON, "--start", "9.10", "--class", "5.a", "--date", "tirsdag 8. december")
    assert code == 0
    assert "5.a · tirsdag 8. december" in out and "\n  09:10–" in out
    kit = lesson(tmp_path, *LESSON, "--school", "Skovvangskolen", "--class", "5.a", "--teacher", "Mette",
                 "--date", "8/12", "--start", "10:05", "--pupils", "22", "--poster", "A3",
                 "--letter-languages", "ar,en")["kit"]
    assert kit == {"school": "Skovvangskolen", "class_name": "5.a", "teacher": "Mette", "date": "8/12",
                   "start": "10:05", "pupils": 22, "poster": "A3", "letter_languages": ["en", "ar"]}
    for option in ("--school", "--class", "--teacher", "--date"):
        refused("lesson", *LESSON, option, "x" * 121, says="højst 120 tegn")
    refused("lesson", *LESSON, "--start", "25:00", says="klokkeslæt som 08:00")
    refused("lesson", *LESSON, "--pupils", "41", says="mellem 1 og 40")
    refused("lesson", *LESSON, "--poster", "A0", says="er ikke et af valgene")


def test_lesson_out_and_force(tmp_path):
    out = tmp_path / "plan.json"
    assert run("lesson", *LESSON, "--out", out)[0] == 0 and json.loads(out.read_text())["minutes"] == 45
    refused("lesson", "--band", "udskoling", "--template", "temadag", "--out", out, says="--force")
    assert json.loads(out.read_text())["minutes"] == 45  # nothing lost
    assert run("lesson", "--band", "udskoling", "--template", "temadag", "--out", out, "--force")[0] == 0
    assert json.loads(out.read_text())["minutes"] > 45
    refused("lesson", *LESSON, "--out", tmp_path, says="er en mappe")
    refused("lesson", *LESSON, "--force=ja", says="bruges ikke")


# --- kit -----------------------------------------------------------------------------------------


def test_kit_details_reach_the_documents(tmp_path):
    out = tmp_path / "kit"
    code, _, err = run("kit", *LESSON, "--out", out, "--school", "Skovvangskolen", "--class", "5.a",
                       "--teacher", "Mette", "--date", "tirsdag 8. december", "--start", "9.10", "--pupils", "22",
                       "--poster", "A3")
    assert code == 0, err
    plan = docx_text(out / "laererplan.docx")
    assert "Skovvangskolen" in plan and "5.a" in plan and "Mette" in plan and "tirsdag 8. december" in plan
    assert "09:10" in plan and "Print 22 elevark." in plan
    assert "i 5.a" in docx_text(out / "foraeldrebrev.docx")
    assert abs(Document(str(out / "plakat.docx")).sections[0].page_width - Cm(29.7)) < Cm(0.1)  # A3


def test_kit_from_a_saved_plan_uses_its_details_unless_an_option_overrides_them(tmp_path):
    saved = tmp_path / "plan.json"
    assert run("lesson", *LESSON, "--class", "6.c", "--start", "11:20", "--pupils", "17", "--out", saved)[0] == 0
    out = tmp_path / "kit"
    assert run("kit", "--plan", saved, "--out", out)[0] == 0
    text = docx_text(out / "laererplan.docx")
    assert "6.c" in text and "11:20" in text and "Print 17 elevark." in text
    assert run("kit", "--plan", saved, "--out", out, "--force", "--start", "12:00")[0] == 0
    text = docx_text(out / "laererplan.docx")
    assert "6.c" in text and "12:00" in text and "11:20" not in text
    bad = tmp_path / "bad.json"
    bad.write_text(saved.read_text().replace('"pupils": 17', '"pupils": 4000'), encoding="utf-8")
    refused("kit", "--plan", bad, "--out", tmp_path / "x", says="ændret eller beskadiget")
    refused("kit", "--plan", tmp_path / "findes-ikke.json", "--out", tmp_path / "x", says="kan ikke læses")


def test_kit_out_and_force(tmp_path):
    out = tmp_path / "kit"
    assert run("kit", *LESSON, "--out", out)[0] == 0 and (out / "elevark.docx").exists()
    before = (out / "elevark.docx").read_bytes()
    refused("kit", "--band", "udskoling", "--template", "lektion", "--out", out, says="--force")
    assert (out / "elevark.docx").read_bytes() == before
    assert run("kit", "--band", "udskoling", "--template", "lektion", "--out", out, "--force")[0] == 0
    assert (out / "elevark.docx").read_bytes() != before
    (tmp_path / "a-file").write_text("x")
    refused("kit", *LESSON, "--out", tmp_path / "a-file", says="er en fil, ikke en mappe")
    refused("kit", *LESSON, says="--out")
    for option in ("--school", "--class", "--teacher", "--date"):
        refused("kit", *LESSON, "--out", out, option, "x" * 121, says="højst 120 tegn")
    refused("kit", *LESSON, "--out", out, "--start", "8:75", says="klokkeslæt som 08:00")
    refused("kit", *LESSON, "--out", out, "--pupils", "0", says="mellem 1 og 40")
    refused("kit", *LESSON, "--out", out, "--poster", "A5", says="er ikke et af valgene")
    refused("kit", *LESSON, "--out", out, "--kommune", "Atlantis", says="ingen lokale kontakter")


def test_kit_pdf(tmp_path):
    if not shutil.which("soffice") and not IN_CI:
        pytest.skip("LibreOffice er ikke installeret (i CI er den)")
    out = tmp_path / "kit"
    code, _, err = run("kit", "--band", "indskoling", "--template", "klassens-tid", "--out", out, "--pdf")
    assert code == 0, err
    assert (out / "laererplan.pdf").read_bytes().startswith(b"%PDF") and (out / "elevark.pdf").exists()
    refused("kit", *LESSON, "--out", out, "--pdf=ja", says="bruges ikke")


# --- guide and bench -------------------------------------------------------------------------------


def test_guide_kommune_out_and_force(tmp_path):
    out = tmp_path / "guide"
    assert run("guide", "--out", out)[0] == 0
    assert "Ungekontakten" not in docx_text(out / "beredskabsplan.docx")
    refused("guide", "--out", out, says="--force")
    assert run("guide", "--out", out, "--force", "--kommune", "aarhus")[0] == 0
    assert "Ungekontakten" in docx_text(out / "beredskabsplan.docx")
    refused("guide", "--out", out, "--force", "--kommune", "Atlantis", says="ingen lokale kontakter")
    refused("guide", says="--out")


def test_bench_repeats_and_quick():
    code, out, err = run("bench", "--repeats", "1", "--quick")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    names = {r["operation"] for r in rows}
    assert "print_kit" in names and "kits_x100" not in names  # --quick leaves out the hundred kits
    assert {r["repeats"] for r in rows if r["operation"] in ("print_kit", "lesson_page_rerun")} == {1}
    refused("bench", "--repeats", "0", says="mellem 1 og 50")
    refused("bench", "--quick=ja", says="bruges ikke")
