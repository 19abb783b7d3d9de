"""The command line as a user runs it. Most commands run in this process through `planner.cli.main` (what
`python -m planner` calls; starting Python and its imports again for each would take most of the time); a few run as a
real `python -m planner` process, exit code and stderr as the user's terminal gets them."""

import csv
import io
import json
import subprocess
import sys

from support import ROOT
from support import run_cli as run


def run_process(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "planner", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_check_prints_a_summary_and_exits_0():
    r = run_process("check")
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
    assert {p.name for p in (tmp_path / "kit").iterdir()} >= {"laererplan.docx", "elevark.docx", "foraeldrebrev.docx", "plakat.docx"}


def test_kit_from_band_and_minutes_with_clock_time_pupils_a3_poster_and_pdf(tmp_path):
    out = tmp_path / "kit"
    args = ["kit", "--band", "indskoling", "--minutes", "45", "--theme", "graenser-og-krop", "--out", str(out),
            "--start", "8.15", "--date", "tirsdag 12. januar", "--teacher", "Mette Hansen", "--pupils", "22",
            "--poster", "A3"]
    from planner.documents import pdf as PDF

    if PDF.available():
        args.append("--pdf")
    r = run(*args)
    assert r.returncode == 0, r.stderr
    names = {p.name for p in out.iterdir()}
    assert {"laererplan.docx", "kort-og-skilte.docx", "elevark.docx", "foraeldrebrev.docx", "plakat.docx"} <= names
    if PDF.available():
        assert {"laererplan.pdf", "kort-og-skilte.pdf", "plakat.pdf"} <= names
        assert (out / "plakat.pdf").read_bytes().startswith(b"%PDF")
    from docx import Document

    plan = Document(str(out / "laererplan.docx"))
    assert plan.tables[0].rows[1].cells[0].text.startswith("08:15–")
    assert "22 elevark" in "\n".join(c.text for t in plan.tables for row in t.rows for c in row.cells)
    assert abs(Document(str(out / "plakat.docx")).sections[0].page_height.cm - 42.0) < 0.1


def test_kit_options_outside_real_use_are_refused_in_danish(tmp_path):
    r = run("kit", "--band", "mellemtrin", "--minutes", "45", "--out", str(tmp_path / "k"), "--start", "25:00")
    assert r.returncode == 2 and "klokkeslæt som 08:00" in r.stderr and "Traceback" not in r.stderr
    r = run("kit", "--band", "mellemtrin", "--minutes", "45", "--out", str(tmp_path / "k"), "--pupils", "400")
    assert r.returncode == 2 and "mellem 1 og 40" in r.stderr
    assert not (tmp_path / "k").exists()  # nothing is written before the options are checked


def test_lesson_errors_are_explained():
    r = run("lesson", "--band", "indskoling", "--minutes", "10")
    assert r.returncode == 2 and "for kort" in r.stderr
    r = run("lesson", "--band", "indskoling", "--minutes", "45", "--theme", "sextortion")
    assert r.returncode == 2 and "passer ikke til Indskoling" in r.stderr


# --- Refusals: Danish on stderr, exit code 2, nothing written -----------------------------------


def refused(r, *words):
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert r.stderr.startswith("Fejl: ") and "Traceback" not in r.stderr
    for w in words:
        assert w in r.stderr, r.stderr


def test_numbers_outside_real_use_are_refused_before_any_work():
    refused(run("lesson", "--band", "udskoling", "--minutes", "-5"), "mellem 1 og 400")
    refused(run("lesson", "--band", "udskoling", "--minutes", "9" * 5000), "ikke et helt tal")
    refused(run("lesson", "--band", "udskoling", "--minutes", "٤٥"), "ikke et helt tal")
    refused(run("bench", "--repeats", "0"), "mellem 1 og 50")
    refused(run("lesson", "--band", "voksne"), "ikke et af valgene")


def test_a_plan_that_never_ends_is_refused_not_read(tmp_path):
    r = run_process("kit", "--plan", "/dev/zero", "--out", str(tmp_path / "kit"))
    refused(r, "for stor")
    assert not (tmp_path / "kit").exists()


def test_deep_nesting_and_huge_numbers_get_a_danish_message(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 50_000 + "]" * 50_000)
    refused(run("kit", "--plan", str(deep), "--out", str(tmp_path / "a")), "dybere")
    big = tmp_path / "big.json"
    big.write_text('{"schema_version": 1, "activities": [], "request": {"band": "udskoling", "minutes": ' + "9" * 5000 + "}}")
    refused(run("kit", "--plan", str(big), "--out", str(tmp_path / "b")), "ændret")


def test_output_is_never_overwritten_without_force_and_bad_places_are_explained(tmp_path):
    lesson = ("kit", "--band", "mellemtrin", "--template", "klassens-tid")
    a_file = tmp_path / "fil.txt"
    a_file.write_text("x")
    refused(run(*lesson, "--out", str(a_file)), "er en fil")
    out = tmp_path / "ny" / "mappe"
    assert run(*lesson, "--out", str(out)).returncode == 0  # a missing folder is created
    before = (out / "elevark.docx").stat().st_mtime_ns
    refused(run(*lesson, "--out", str(out)), "--force")
    assert (out / "elevark.docx").stat().st_mtime_ns == before
    assert run(*lesson, "--out", str(out), "--force").returncode == 0
    refused(run("lesson", "--band", "mellemtrin", "--template", "lektion", "--out", str(tmp_path)), "er en mappe")
    locked = tmp_path / "laast"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        r = run(*lesson, "--out", str(locked / "kit"))
        if r.returncode != 0:  # root may write anyway; then there is nothing to refuse
            refused(r, "Kan ikke skrive")
    finally:
        locked.chmod(0o700)


def test_requests_the_models_refuse_get_a_danish_message_not_a_traceback(tmp_path):
    refused(run_process("lesson", "--band", "udskoling", "--minutes", "45", "--theme", "x" * 100), "--theme", "80 tegn")
    refused(run_process("yearplan", "--kommune", "k" * 100, "--out", str(tmp_path)), "--kommune")
    refused(run_process(), "vælg en kommando")
