"""The year plan's options for year after year, run in-process through planner.cli.main (tests/support.py run_cli): each with a good
value (its effect checked in what is printed or written) and a bad one (a Danish sentence and exit code 2)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from icalendar import Calendar

from support import run_cli

SCHOOL = ("--school-year", "2026/27", "--from", "2026-08-17", "--school", "Skovvangskolen=0.a,3.a,8.a,9.a")


def run(*args) -> tuple[int, str, str]:
    r = run_cli("yearplan", *args)
    return r.returncode, r.stdout, r.stderr


def refused(*args, says: str) -> str:
    code, out, err = run(*args)
    assert code == 2, (args, code, out, err)
    assert says in err, err
    assert "Traceback" not in err and err.startswith("Fejl")
    return err


@pytest.fixture
def saved(tmp_path):
    code, _, err = run(*SCHOOL, "--out", tmp_path / "a")
    assert code == 0, err
    return tmp_path / "a" / "aarshjul-2026-27.json"


def events(path) -> list:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_next_year_makes_next_years_plan_and_leaves_the_old_file(tmp_path, saved):
    before = saved.read_bytes()
    code, out, err = run("--next-year", saved, "--out", tmp_path / "b")
    assert code == 0, err
    assert "Årshjul 2027/28" in out and "9.a er gået ud af skolen" in out and "ny 0.a er sat på" in out
    new = json.loads((tmp_path / "b" / "aarshjul-2027-28.json").read_text(encoding="utf-8"))
    assert new["request"]["schools"][0]["classes"] == ["0.a", "1.a", "4.a", "9.a"]
    old = json.loads(before)
    had = {s["theme"] for s in old["sessions"] if s["class_name"] == "0.a"}
    assert not had & {s["theme"] for s in new["sessions"] if s["class_name"] == "1.a"}
    assert saved.read_bytes() == before
    refused("--next-year", tmp_path / "findes-ikke.json", "--out", tmp_path / "c", says="kan ikke læses")
    refused("--next-year", saved, "--plan", saved, "--out", tmp_path / "c", says="ikke begge")


def test_week_shows_the_coordinators_week_from_a_saved_plan(saved):
    plan = json.loads(saved.read_text(encoding="utf-8"))
    first = min(plan["sessions"], key=lambda s: s["date"])
    year, week, _ = dt.date.fromisoformat(first["date"]).isocalendar()
    code, out, err = run("--week", f"{year}-W{week:02d}", saved)
    assert code == 0, err
    assert out.startswith(f"Uge {week} {year}") and first["class_name"] in out and "Skovvangskolen" in out
    code, out, _ = run("--week", "2027-W07", "--plan", saved)
    assert code == 0 and "ingen skole – det er en feriedag (Vinterferie (uge 7))" in out
    refused("--week", "2027-W60", saved, says="ingen uge 60")
    refused("--week", "2030-W05", saved, says="uden for skoleåret 2026/27")
    refused("--week", "2027-W05", says="skriv planfilen")


def test_new_time_offers_free_slots_and_choose_moves_the_cancelled_lesson(tmp_path, saved):
    plan = json.loads(saved.read_text(encoding="utf-8"))
    lesson = next(s for s in plan["sessions"] if s["class_name"] == "3.a")
    refused("--new-time", lesson["uid"], saved, says="er ikke aflyst")
    lesson["status"] = "aflyst"
    cancelled = tmp_path / "aflyst.json"
    cancelled.write_text(json.dumps(plan), encoding="utf-8")
    code, out, err = run("--new-time", lesson["uid"], cancelled)
    assert code == 0, err
    assert "Ledige tider" in out and " 1. " in out
    code, out, err = run("--new-time", lesson["uid"], "--choose", 1, cancelled, "--out", tmp_path / "ny")
    assert code == 0, err
    assert "har fået en ny tid" in out
    evs = events(tmp_path / "ny" / "aarshjul-2026-27.ics")
    mine = [e for e in evs if str(e["x-klassekit-class"]) == "3.a" and str(e["x-klassekit-theme"]) == lesson["theme"]]
    assert sorted(str(e["status"]) for e in mine) == ["CANCELLED", "CONFIRMED"]
    err = refused("--new-time", "ingen-sådan", cancelled, says="findes ikke")
    assert f"De aflyste sessioner er: {lesson['uid']} (3.a på Skovvangskolen" in err
    refused("--choose", 1, cancelled, "--out", tmp_path / "x", says="brug dem sammen")
    refused("--new-time", lesson["uid"], "--choose", 11, cancelled, says="--choose")
    refused("--new-time", lesson["uid"], "--choose", 1, cancelled, says="--out MAPPE")


def test_contact_goes_on_every_event_and_is_checked(tmp_path):
    code, _, err = run(*SCHOOL, "--contact", "Skovvangskolen=Mette Hansen;12 34 56 78;mette@kommune.dk",
                       "--per-class", "--out", tmp_path / "k")
    assert code == 0, err
    for e in events(tmp_path / "k" / "aarshjul-2026-27.ics"):
        assert "SSP-koordinator: Mette Hansen, tlf. 12 34 56 78, mette@kommune.dk" in str(e["description"])
    one = Calendar.from_ical((tmp_path / "k" / "klasser" / "aarshjul-2026-27-skovvangskolen-3-a.ics").read_bytes())
    assert str(one["x-wr-calname"]) == "Årshjul 2026/27 · Skovvangskolen · 3.a"
    refused(*SCHOOL, "--contact", "Skovvangskolen=Mette;;https://evil.example", "--out", tmp_path / "x",
            says="ikke en mailadresse")
    refused(*SCHOOL, "--contact", "Bakkeskolen=Mette", "--out", tmp_path / "x", says="ikke med i årshjulet")


def test_a_derived_school_year_and_the_year_end_are_explained(tmp_path):
    code, out, err = run("--school-year", "2028/29", "--grades", "5", "--out", tmp_path / "d")
    assert code == 0, err
    assert "Årshjul 2028/29" in out and "Beregnet" in out
    refused("--school-year", "2026/27", "--from", "2027-06-28", "--out", tmp_path / "x",
            says="Skoleåret 2026/27 er slut")
    refused("--school-year", "2026/27", "--from", "2027-06-21", "--grades", "0-3", "--out", tmp_path / "x",
            says="hver sin uge")
    refused("--school-year", "2026/27", "--grades", "0-3", says="--out MAPPE")
    refused("--school-year", "2026/27", "--grades", "0-3", "ekstra", "--out", tmp_path / "x",
            says="ukendte valg: ekstra")
