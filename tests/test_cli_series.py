"""Every option of the forloeb command, once with a value a teacher would give (its effect shows in what the command
prints or writes) and once with a bad one (a Danish sentence and exit code 2, before any work)."""

from __future__ import annotations

import json

import pytest
from docx import Document

from support import run_cli

BASE = ("forloeb", "--band", "udskoling", "--lessons", "3", "--minutes", "45")


def run(*args) -> tuple[int, str, str]:
    r = run_cli(*args)
    return r.returncode, r.stdout, r.stderr


def refused(*args, says: str) -> None:
    code, out, err = run(*args)
    assert code == 2, (args, code, out, err)
    assert says in err, err
    assert "Traceback" not in err and "Fejl" in err


def saved(tmp_path, *args) -> dict:
    path = tmp_path / "f.json"
    code, _, err = run(*args, "--out", path)
    assert code == 0, err
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_issue_example_plans_four_lessons_in_order(tmp_path):
    data = saved(tmp_path, "forloeb", "--band", "udskoling", "--lessons", "4", "--minutes", "45",
                 "--theme", "sextortion", "--theme", "billeddeling-og-samtykke", "--start-date", "2027-02-08")
    assert [p["request"]["themes"][0] for p in data["lessons"]] == ["billeddeling-og-samtykke"] * 2 + ["sextortion"] * 2
    assert [p["kit"]["date"] for p in data["lessons"]][-1] == "mandag 1. marts 2027"


GOOD = [
    (("--band", "mellemtrin", "--lessons", "3", "--minutes", "45"), "Mellemtrin"),
    (("--band", "special", "--age-band", "udskoling", "--lessons", "3", "--minutes", "45"), "alderstrin udskoling"),
    (("--band", "udskoling", "--lessons", "2", "--minutes", "45"), "2 lektioner"),
    (("--band", "udskoling", "--lessons", "3", "--minutes", "30"), "30 min"),
    (("--band", "udskoling", "--lessons", "3", "--template", "dobbeltlektion"), "90 min"),
    (("--band", "udskoling", "--lessons", "3", "--length", "20", "--length", "lektion", "--length", "60"),
     "Lektion 3 · kl. 08:00–09:00 · 60 min"),
    (BASE[1:] + ("--theme", "lovgivning"), "Lovgivning"),
    (BASE[1:] + ("--date", "2027-03-01", "--date", "2027-03-03", "--date", "2027-03-10"), "onsdag 3. marts 2027"),
    (BASE[1:] + ("--start-date", "2027-02-08"), "mandag 15. februar 2027"),
    (BASE[1:] + ("--start-week", "2027-W06", "--weekday", "torsdag"), "torsdag 11. februar 2027"),
    (BASE[1:] + ("--start-week", "2027-W06"), "mandag 8. februar 2027"),
    (BASE[1:] + ("--start", "10:15"), "kl. 10:15–11:00"),
    (BASE[1:] + ("--class", "8.a"), "8.a"),
    (BASE[1:] + ("--school", "Skovvangskolen"), "Skovvangskolen"),
]


@pytest.mark.parametrize("args,shows", GOOD)
def test_good_options_show_their_effect(args, shows):
    code, out, err = run("forloeb", *args)
    assert code == 0, err
    assert shows in out, out


def test_kit_fields_and_kommune_reach_the_saved_forloeb(tmp_path):
    data = saved(tmp_path, *BASE, "--school", "Skovvangskolen", "--teacher", "Hanne", "--pupils", "22",
                 "--poster", "A3", "--kommune", "aarhus")
    assert data["kit"] | {} == data["kit"] and data["kit"]["school"] == "Skovvangskolen"
    assert data["kit"]["teacher"] == "Hanne" and data["kit"]["pupils"] == 22 and data["kit"]["poster"] == "A3"
    assert data["request"]["kommune"] == "Aarhus"


def test_plan_reopens_a_saved_forloeb_and_kit_writes_folders(tmp_path):
    path = tmp_path / "f.json"
    assert run(*BASE, "--class", "9.c", "--out", path)[0] == 0
    code, _, err = run("forloeb", "--plan", path, "--kit", tmp_path / "kit")
    assert code == 0, err
    assert "9.c" in Document(str(tmp_path / "kit" / "forloeb-oversigt.docx")).sections[0].header.paragraphs[0].text
    assert len([p for p in (tmp_path / "kit").iterdir() if p.is_dir()]) == 3
    refused(*BASE, "--out", path, says="--force")
    assert run(*BASE, "--out", path, "--force")[0] == 0


BAD = [
    (("--band", "gymnasie"), "--band"),
    (("--age-band", "udskoling"), "--age-band gælder kun"),
    (("--lessons", "7"), "mellem 2 og 6"),
    (("--minutes", "200"), "mellem 15 og 90"),
    (("--template", "temadag"), "højst 90 minutter"),
    (("--template", "findes-ikke"), "findes ikke"),
    (("--length", "45", "--length", "45"), "én længde"),
    (("--length", "x y"), "hverken et antal minutter"),
    (("--theme", "ukendt-tema"), "findes ikke"),
    (("--date", "8/2-2027"), "ikke en dato"),
    (("--date", "2027-02-08"), "dato for hver"),
    (("--start-date", "1999-01-01"), "mellem 2020 og 2100"),
    (("--start-week", "uge 6"), "ikke en uge"),
    (("--weekday", "mandag"), "--start-week"),
    (("--weekday", "søndag"), "--weekday"),
    (("--start", "25:00"), "klokkeslæt"),
    (("--pupils", "400"), "mellem 1 og 40"),
    (("--poster", "A2"), "--poster"),
    (("--kommune", "Atlantis"), "ingen lokale kontakter"),
    (("--school", "x" * 300), "højst 120 tegn"),
    (("--class", "x" * 300), "højst 120 tegn"),
    (("--teacher", "x" * 300), "højst 120 tegn"),
    (("--plan", "/findes/ikke.json"), "kan ikke læses"),
    (("--out", "/proc/findes-ikke/f.json"), "Kan ikke skrive"),
    (("--kit", "/proc/findes-ikke"), "Kan ikke skrive"),
]


@pytest.mark.parametrize("args,says", BAD)
def test_bad_options_are_refused_in_danish(args, says):
    lengths = {"--minutes", "--template", "--length"} & set(args)
    refused(*(BASE[:-2] if lengths else BASE), *args, says=says)


def test_force_is_needed_to_overwrite_a_kit(tmp_path):
    assert run(*BASE, "--kit", tmp_path)[0] == 0
    refused(*BASE, "--kit", tmp_path, says="--force")
    assert run(*BASE, "--kit", tmp_path, "--force")[0] == 0


def test_a_file_that_is_not_a_forloeb_is_refused(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"schema_version": 1}', encoding="utf-8")
    refused("forloeb", "--plan", path, says="ikke et forløb")


def test_without_band_or_lessons_it_says_what_to_give():
    refused("forloeb", "--minutes", "45", says="--band og --lessons")
    refused("forloeb", "--band", "udskoling", "--lessons", "3", says="længde")


def test_every_option_is_tested_with_a_good_and_a_bad_value():
    from planner.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    options = {o for a in sub.choices["forloeb"]._actions for o in a.option_strings if o.startswith("--")}
    good = {x for args, _ in GOOD for x in args if str(x).startswith("--")} | {
        "--teacher", "--pupils", "--poster", "--kommune", "--out", "--plan", "--kit", "--force"}  # tests above
    bad = {x for args, _ in BAD for x in args if str(x).startswith("--")}
    assert options - {"--help"} <= good, options - good
    assert options - {"--help", "--force"} <= bad, options - bad


def test_the_kit_command_writes_the_forloeb_kit_from_a_forloeb_file(tmp_path):
    path = tmp_path / "forloeb.json"
    assert run(*BASE, "--out", path)[0] == 0
    code, _, err = run("kit", "--plan", path, "--out", tmp_path / "mappe", "--class", "7.b")
    assert code == 0, err
    assert (tmp_path / "mappe" / "forloeb-oversigt.docx").exists()
    assert len([p for p in (tmp_path / "mappe").iterdir() if p.is_dir()]) == 3
    letter = Document(str(tmp_path / "mappe" / "foraeldrebrev.docx"))
    assert "7.b" in "\n".join(p.text for p in letter.paragraphs)
    path.write_text(path.read_text(encoding="utf-8").replace('"lessons": 3', '"lessons": 5'), encoding="utf-8")
    refused("kit", "--plan", path, "--out", tmp_path / "andet", says="5 lektioner")
