"""The command line, run as a user would: `python -m planner ...`."""

import csv
import io
import json
import subprocess
import sys

from support import ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "planner", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_check_prints_a_summary_and_exits_0():
    r = run("check")
    assert r.returncode == 0, r.stderr
    assert "Indholdet er gyldigt." in r.stdout
    assert "øvelser:" in r.stdout and "kontakter:" in r.stdout


def test_check_on_broken_content_names_the_problem_and_exits_1(content_copy):
    f = content_copy / "materials" / "helplines" / "national.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace('phone: "112"', 'phone: "+45 112"'), encoding="utf-8")
    r = run("--root", str(content_copy), "check")
    assert r.returncode == 1
    assert "materials/helplines/national.yaml, linje" in r.stderr
    assert "post 'alarm-112', felt 'phone'" in r.stderr


def test_catalog_json_csv_and_table():
    r = run("catalog", "--kind", "materials", "--band", "indskoling", "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert "paa-nettet" in {x["id"] for x in rows} and all(x["title"] for x in rows)
    r = run("catalog", "--kind", "helplines", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert any(x["name"] == "BørneTelefonen" and x["phone"] == "116 111" for x in rows)
    r = run("catalog", "--kind", "facts", "--band", "udskoling")
    assert "straffeloven-264-d" in r.stdout
    r = run("catalog", "--kind", "exercises", "--band", "special", "--format", "json")
    assert all("special" in x["bands"] for x in json.loads(r.stdout))


def test_catalog_with_no_hits_says_so():
    r = run("catalog", "--kind", "materials", "--search", "findes-ikke-xyz")
    assert r.returncode == 0 and "Ingen poster" in r.stdout


def test_lesson_and_kit_commands(tmp_path):
    out = tmp_path / "plan.json"
    r = run("lesson", "--band", "mellemtrin", "--minutes", "45", "--theme", "billeddeling-og-samtykke", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "0–" in r.stdout and "45 minutter" in r.stdout
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["minutes"] == 45 and plan["activities"][-1]["end"] == 45
    r = run("kit", "--plan", str(out), "--out", str(tmp_path / "kit"), "--school", "Skovskolen", "--class", "5.a")
    assert r.returncode == 0, r.stderr
    assert {p.name for p in (tmp_path / "kit").iterdir()} >= {"laererplan.docx", "elevark.docx", "forældrebrev.docx", "plakat.docx"}


def test_lesson_errors_are_explained():
    r = run("lesson", "--band", "indskoling", "--minutes", "10")
    assert r.returncode == 2 and "for kort" in r.stderr
    r = run("lesson", "--band", "indskoling", "--minutes", "45", "--theme", "sextortion")
    assert r.returncode == 2 and "passer ikke til Indskoling" in r.stderr
