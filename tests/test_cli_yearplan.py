"""Every option of `python -m planner yearplan`, run with a good value and a bad one.

A good value must show in the files written (calendar times and weekdays, the number of lessons, the classes …), not
just in the exit code; a bad one gets a Danish message on stderr and exit code 2, and writes nothing. Most runs call
the command's own entry point in-process (the same parser and code as the shell), which keeps the file fast; one
run goes through a real `python -m planner` process."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import zipfile

import pytest
from icalendar import Calendar
from support import ROOT, run_cli

from planner.cli import build_parser
from planner.cli import yearplan as CY

YEAR = ("--school-year", "2026/27", "--from", "2026-08-17")
"""A fixed start, so the plan does not depend on today's date (a running year is planned from today)."""


def run(*args, root=None) -> tuple[int, str, str]:
    r = run_cli(*(["--root", root] if root else []), "yearplan", *args)
    return r.returncode, r.stdout, r.stderr


def made(tmp_path, *args, root=None) -> dict:
    """Run with good values into a fresh folder; the saved plan and the calendar's events."""
    out = tmp_path / "ud"
    code, stdout, stderr = run(*args, "--out", str(out), root=root)
    assert code == 0, stderr
    # The district's files have the shortest names (a school's add '-skolen', a class's sit in klasser/).
    plan = json.loads(min(out.glob("aarshjul-*.json"), key=lambda p: len(p.name)).read_text(encoding="utf-8"))
    ics = min(out.glob("aarshjul-*.ics"), key=lambda p: len(p.name))
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    return {"out": out, "stdout": stdout, "plan": plan, "events": events}


def lessons(events) -> list:
    return [e for e in events if e["x-klassekit-kind"] == "lektion" and e["status"] == "CONFIRMED"]


def refused(tmp_path, *args, words: str, root=None) -> None:
    out = tmp_path / "afvist"
    code, stdout, stderr = run(*args, "--out", str(out), root=root)
    assert code == 2, (stdout, stderr)
    assert stderr.startswith("Fejl: ") and words in stderr, stderr
    assert "Traceback" not in stderr and "usage" not in stderr and "error:" not in stderr
    assert not out.exists() or not any(out.iterdir())  # nothing written


# --- Each option: its effect in the files, and a bad value refused in Danish ------------------------------


@pytest.mark.parametrize("hours, start, end", [("08:00-13:00", dt.time(8), dt.time(13)),
                                               ("8-13", dt.time(8), dt.time(13)),
                                               ("09.15–13.00", dt.time(9, 15), dt.time(13)),
                                               ("10:00 — 12:00", dt.time(10), dt.time(12))])
def test_hours_put_every_lesson_inside_them_in_the_calendar(tmp_path, hours, start, end):
    r = made(tmp_path, *YEAR, "--grades", "0-3", "--hours", hours)
    times = [(e.decoded("dtstart").time(), e.decoded("dtend").time()) for e in lessons(r["events"])]
    assert len(times) == 8 and all(start <= a and b <= end for a, b in times)
    assert min(a for a, _ in times) == start  # the day's first slot is where the coordinator starts
    assert r["plan"]["request"]["day_start"][:5] == f"{start:%H:%M}"


@pytest.mark.parametrize("bad, words", [("13-8", "slutte, efter den begynder"), ("8", "ikke et tidsrum"),
                                        ("25:00-26:00", "ikke et tidsrum"), ("otte-tretten", "ikke et tidsrum"),
                                        ("08:00-08:30", "kan ikke ligge i koordinatorens tid")])
def test_hours_that_cannot_be_used_are_refused(tmp_path, bad, words):
    refused(tmp_path, *YEAR, "--grades", "0-3", "--hours", bad, words=words)


def test_weekdays_put_every_lesson_on_them(tmp_path):
    r = made(tmp_path, *YEAR, "--grades", "0-5", "--weekdays", "tir,tor")
    days = {e.decoded("dtstart").weekday() for e in lessons(r["events"])}
    assert days == {1, 3} and r["plan"]["request"]["weekdays"] == [1, 3]
    refused(tmp_path, *YEAR, "--weekdays", "lør", words="ikke en hverdag")


def test_sessions_give_each_class_that_many_lessons(tmp_path):
    r = made(tmp_path, *YEAR, "--grades", "4-6", "--sessions", "3")
    per_class: dict = {}
    for e in lessons(r["events"]):
        per_class[str(e["x-klassekit-class"])] = per_class.get(str(e["x-klassekit-class"]), 0) + 1
    assert per_class == {"4. klasse": 3, "5. klasse": 3, "6. klasse": 3}
    refused(tmp_path, *YEAR, "--sessions", "7", words="ikke et af valgene")


def test_max_per_day_caps_the_lessons_of_a_day(tmp_path):
    # Nine classes in the few Mondays left after 26 April: two a day fit, one a day does not.
    args = ("--school-year", "2026/27", "--from", "2027-04-26", "--grades", "0-8", "--sessions", "1", "--weekdays",
            "man", "--hours", "08:00-12:00")
    r = made(tmp_path, *args, "--max-per-day", "2")
    per_day: dict = {}
    for e in lessons(r["events"]):
        per_day[e.decoded("dtstart").date()] = per_day.get(e.decoded("dtstart").date(), 0) + 1
    assert max(per_day.values()) == 2 and sum(per_day.values()) == 9
    refused(tmp_path, *args, "--max-per-day", "1", words="højst 1 lektion om dagen")
    refused(tmp_path, *args, "--max-per-day", "0", words="mellem 1 og 6")
    refused(tmp_path, *args, "--max-per-day", "to", words="ikke et helt tal")


TWO_SCHOOLS = ("--school", "A=0.a,1.a,2.a,3.a", "--school", "B=0.b,1.b,2.b,3.b", "--school-year", "2026/27",
               "--from", "2027-04-12", "--weekdays", "man", "--hours", "8-10", "--max-per-day", "2", "--sessions", "1")


def shared_half_days(events) -> int:
    halves: dict = {}
    for e in lessons(events):
        start = e.decoded("dtstart")
        halves.setdefault((start.date(), start.hour < 12), set()).add(str(e["x-klassekit-school"]))
    return sum(len(v) > 1 for v in halves.values())


def test_same_half_day_lets_two_schools_share_a_morning(tmp_path):
    assert shared_half_days(made(tmp_path / "en", *TWO_SCHOOLS)["events"]) == 0
    r = made(tmp_path / "to", *TWO_SCHOOLS, "--same-half-day")
    assert shared_half_days(r["events"]) >= 1 and r["plan"]["request"]["same_half_day"] is True
    refused(tmp_path, *TWO_SCHOOLS, "--same-half-day", "ja", words="ukendte valg: ja")


def test_school_year_decides_the_dates(tmp_path):
    r = made(tmp_path, "--school-year", "2025-26", "--grades", "7")
    dates = [e.decoded("dtstart").date() for e in lessons(r["events"])]
    assert r["plan"]["request"]["school_year"] == "2025/26"
    assert dt.date(2025, 8, 1) < min(dates) and max(dates) < dt.date(2026, 7, 1)
    derived = made(tmp_path / "b", "--school-year", "2027-28", "--grades", "7")  # no file: from the pattern, beregnet
    assert derived["plan"]["year"]["status"] == "derived" and "Beregnet" in derived["stdout"]
    refused(tmp_path, "--school-year", "2099-00", words="mellem 2000/01 og 2098/99")
    refused(tmp_path, "--school-year", "sidste år", words="ikke et skoleår")


def test_kommune_picks_its_own_school_year_file_whatever_the_case(tmp_path, content_copy):
    src = content_copy / "materials" / "school_years" / "2026-27.yaml"
    text = src.read_text(encoding="utf-8").replace("school_year: 2026/27", "school_year: 2026/27\nkommune: Hjørring")
    (src.parent / "2026-27-hjoerring.yaml").write_text(text, encoding="utf-8")
    r = made(tmp_path, *YEAR, "--kommune", "hjØRRING", "--grades", "4", root=content_copy)
    assert r["plan"]["year"]["kommune"] == "Hjørring" and r["plan"]["request"]["kommune"] == "Hjørring"
    assert all("hjoerring" in str(e["uid"]) for e in r["events"])
    refused(tmp_path, *YEAR, "--kommune", "Atlantis", words="ingen skoleårsfil for 2026/27 (Atlantis)",
            root=content_copy)


def test_grades_make_one_class_a_grade_including_tenth_and_special(tmp_path):
    r = made(tmp_path, *YEAR, "--grades", "9-10,special")
    classes = {str(e["x-klassekit-class"]) for e in lessons(r["events"])}
    assert classes == {"9. klasse", "10. klasse", "Specialklasse"}
    refused(tmp_path, *YEAR, "--grades", "4-x", words="ikke et interval")
    refused(tmp_path, *YEAR, "--grades", "12", words="ikke et klassetrin")


def test_school_takes_any_class_name_and_the_age_band_of_a_class_without_a_grade(tmp_path):
    r = made(tmp_path, *YEAR, "--school", "Skovvangskolen=10.a,10.x,Specialklasse A (indskoling),Modtagerklasse")
    school = r["plan"]["request"]["schools"][0]
    assert school["classes"] == ["10.a", "10.x", "Specialklasse A", "Modtagerklasse"]
    assert school["age_bands"] == {"Specialklasse A": "indskoling"}
    by_class: dict = {}
    for e in lessons(r["events"]):
        by_class.setdefault(str(e["x-klassekit-class"]), []).append(str(e["x-klassekit-theme"]))
    assert set(by_class) == {"10.a", "10.x", "Specialklasse A", "Modtagerklasse"}
    young = {"graenser-og-krop", "hemmeligheder", "hvor-kan-jeg-faa-hjaelp", "trivsel-paa-nettet", "hjaelp-en-ven"}
    assert set(by_class["Specialklasse A"]) <= young and set(by_class["Modtagerklasse"]) <= young
    assert "OBS: Modtagerklasse på Skovvangskolen har intet klassetrin og intet alderstrin" in r["stdout"]
    refused(tmp_path, *YEAR, "--school", "Skovvangskolen", words="navn=klasser")
    refused(tmp_path, *YEAR, "--school", "Skole=Specialklasse A (små)", words="alderstrin i parentesen")
    refused(tmp_path, *YEAR, "--school", "A=0.a", "--grades", "0-9", words="enten --school")


def test_from_places_every_session_from_that_day(tmp_path):
    r = made(tmp_path, "--school-year", "2026/27", "--from", "2027-01-04", "--grades", "0-2")
    assert min(e.decoded("dtstart").date() for e in r["events"]) >= dt.date(2027, 1, 4)
    refused(tmp_path, "--school-year", "2026/27", "--from", "4. januar", words="ikke en dato")
    refused(tmp_path, "--school-year", "2026/27", "--from", "2030-01-04", words="Skoleåret 2026/27 er slut")


def test_winter_break_week_has_no_lesson(tmp_path):
    r = made(tmp_path, *YEAR, "--grades", "0-9", "--sessions", "4", "--winter-break-week", "8")
    assert r["plan"]["winter_break_week"] == 8
    assert not any(e.decoded("dtstart").isocalendar()[1] == 8 for e in lessons(r["events"]))
    refused(tmp_path, *YEAR, "--winter-break-week", "9", words="ikke et af valgene")


def test_parent_meetings_come_in_the_evening_before_the_first_lesson(tmp_path):
    r = made(tmp_path, *YEAR, "--grades", "3,7", "--parent-meetings")
    meetings = [e for e in r["events"] if e["x-klassekit-kind"] == "foraeldremoede"]
    assert len(meetings) == 2 and all(m.decoded("dtstart").time() == dt.time(19) for m in meetings)
    for m in meetings:
        first = min(e.decoded("dtstart") for e in lessons(r["events"])
                    if e["x-klassekit-class"] == m["x-klassekit-class"])
        assert m.decoded("dtstart") < first
    refused(tmp_path, *YEAR, "--parent-meetings", "ja", words="ukendte valg")


def test_plan_writes_the_files_of_a_saved_plan_with_its_edits(tmp_path):
    first = made(tmp_path / "a", *YEAR, "--grades", "5")
    saved = first["plan"]
    saved["sessions"][0]["status"], saved["sessions"][0]["note"] = "gennemfoert", "Holdt med SSP"
    path = tmp_path / "mit-aarshjul.json"
    path.write_text(json.dumps(saved), encoding="utf-8")
    again = made(tmp_path / "b", "--plan", str(path))
    uid = saved["sessions"][0]["uid"]
    [event] = [e for e in again["events"] if str(e["uid"]) == uid]
    assert "Holdt med SSP" in str(event["description"]) and event["x-klassekit-status"] == "gennemfoert"
    path.write_text("{ikke json", encoding="utf-8")
    refused(tmp_path, "--plan", str(path), words="Fejl: ")
    refused(tmp_path, "--plan", str(tmp_path / "findes-ikke.json"), words="kan ikke læses")


def test_per_class_writes_a_calendar_for_each_class(tmp_path):
    r = made(tmp_path, *YEAR, "--school", "Skolen=4.a,10.a,Modtagerklasse (mellemtrin)", "--per-class")
    files = sorted(p.name for p in (r["out"] / "klasser").glob("*.ics"))
    assert files == ["aarshjul-2026-27-skolen-10-a.ics", "aarshjul-2026-27-skolen-4-a.ics",
                     "aarshjul-2026-27-skolen-modtagerklasse.ics"]
    one = Calendar.from_ical((r["out"] / "klasser" / files[0]).read_bytes()).walk("VEVENT")
    assert {str(e["x-klassekit-class"]) for e in one} == {"10.a"}
    refused(tmp_path, *YEAR, "--per-class", "ja", words="ukendte valg")


def test_kits_writes_a_kit_for_every_lesson_at_its_pupils_age(tmp_path):
    r = made(tmp_path, *YEAR, "--school", "Skolen=10.a,Specialklasse A (indskoling)", "--sessions", "1", "--kits")
    with zipfile.ZipFile(r["out"] / "aarshjul-2026-27-klassesaet.zip") as z:
        folders = {n.split("/")[0] for n in z.namelist()}
        assert folders == {"10-a", "specialklasse-a"}
        assert any(n.endswith(".docx") for n in z.namelist())
    refused(tmp_path, *YEAR, "--kits", "ja", words="ukendte valg")


def test_out_and_force(tmp_path):
    a_file = tmp_path / "fil.txt"
    a_file.write_text("x", encoding="utf-8")
    code, _, err = run(*YEAR, "--grades", "4", "--out", str(a_file))
    assert code == 2 and "er en fil, ikke en mappe" in err
    made(tmp_path, *YEAR, "--grades", "4")
    json_file = next((tmp_path / "ud").glob("aarshjul-2026-27.json"))
    before = json_file.read_bytes()
    code, _, err = run(*YEAR, "--grades", "5", "--out", str(tmp_path / "ud"))
    assert code == 2 and "--force" in err and json_file.read_bytes() == before
    code, _, err = run(*YEAR, "--grades", "5", "--out", str(tmp_path / "ud"), "--force")
    assert code == 0, err
    assert json.loads(json_file.read_text(encoding="utf-8"))["request"]["schools"][0]["classes"] == ["5. klasse"]
    code, _, err = run(*YEAR, "--grades", "4")
    assert code == 2 and "--out" in err and err.startswith("Fejl: ")


def test_the_help_example_runs_in_a_real_process(tmp_path):
    """The shell as the coordinator uses it, with the help's own example for --hours."""
    r = subprocess.run([sys.executable, "-m", "planner", "yearplan", *YEAR, "--grades", "0-1", "--hours",
                        "08:00-13:00", "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                       check=False)
    assert r.returncode == 0, r.stderr
    assert "kl. 08.00–13.00" in r.stdout
    h = subprocess.run([sys.executable, "-m", "planner", "yearplan", "--help"], cwd=ROOT, capture_output=True,
                       text=True, timeout=60, check=False)
    text = " ".join(h.stdout.split())
    assert "08:00-13:00 eller 8-13" in text and "(indskoling)" in text


# --- The command's decisions, one at a time ------------------------------------------------------------------


def parsed(*args):
    return build_parser().parse_args(["yearplan", *args])


@pytest.mark.parametrize("args, words", [
    (("--choose", "2", "--out", "ud", "plan.json"), "--choose vælger en af de ledige tider"),
    (("--school-year", "2026/27"), "--out MAPPE"),
    (("--new-time", "x", "--choose", "1", "plan.json"), "--out MAPPE"),  # choosing a time writes the files
    (("--week", "2027-W05", "--school-year", "2026/27"), "skriv planfilen"),
    (("--new-time", "x", "--out", "ud"), "skriv planfilen"),
])
def test_flags_that_cannot_work_together_are_named_before_any_work(args, words):
    assert words in CY.flag_problem(parsed(*args))


@pytest.mark.parametrize("args", [
    ("--out", "ud"), ("--week", "2027-W05", "plan.json"), ("--new-time", "x", "plan.json"),
    ("--new-time", "x", "--choose", "1", "--out", "ud", "--plan", "plan.json"), ("--week", "2027-W05", "--next-year",
                                                                                 "plan.json")])
def test_flags_that_work_together_pass(args):
    assert CY.flag_problem(parsed(*args)) == ""


def test_only_the_capacity_given_on_the_command_line_is_passed_on():
    assert CY.capacity_choices(parsed("--out", "ud")) == {}
    got = CY.capacity_choices(parsed("--weekdays", "man,ons", "--hours", "8-12", "--max-per-day", "3"))
    assert got == {"weekdays": [0, 2], "day_start": dt.time(8, 0), "day_end": dt.time(12, 0), "max_per_day": 3}


def test_a_kommune_is_spelled_as_its_school_year_file_spells_it(content_copy):
    from planner.content.loader import load_content

    src = content_copy / "materials" / "school_years" / "2026-27.yaml"
    text = src.read_text(encoding="utf-8").replace("school_year: 2026/27", "school_year: 2026/27\nkommune: Hjørring")
    (src.parent / "2026-27-hjoerring.yaml").write_text(text, encoding="utf-8")
    content = load_content(content_copy)
    assert CY.kommune_as_spelled(content, " hjØRRING ") == "Hjørring"
    assert CY.kommune_as_spelled(content, "Atlantis") == "Atlantis"  # unknown: as typed, the plan says so
    assert CY.kommune_as_spelled(content, None) is None
