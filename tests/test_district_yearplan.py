"""Year plans for a district as an SSP coordinator makes them: schools and their classes, the coordinator's capacity,
the spread over the year, follow-up (status, cancelled events) and the per-school and per-class files.

The sweep builds many generated plans (start dates all through the year, both winter weeks, 1–3 schools, 1–4
classes a grade, 1–3 sessions a day) and checks every rule on each."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import string

import pandas as pd
import pytest
from icalendar import Calendar

from planner.documents import yearplan_export as X

from planner.documents import yearplan_ics as XI

from planner.documents import yearplan_kits as XK

from planner.documents import yearplan_xlsx as XX
from planner.planning import school_calendar as sc
from planner.planning import yearplan as Y
from planner.planning.yearplan import days_off as DO

D = dt.date
NOON = dt.time(12, 0)


def school(name: str, per_grade: int, special: int = 1, closed=()) -> dict:
    classes = [f"{g}.{string.ascii_lowercase[i]}" for g in range(10) for i in range(per_grade)]
    classes += [f"Specialklasse {string.ascii_uppercase[i]}" for i in range(special)]
    return {"name": name, "classes": classes, "closed_days": list(closed)}


CLOSED = [
    [{"title": "Planlægningsdag", "start": D(2026, 11, 6), "end": D(2026, 11, 6)},
     {"title": "Emneuge", "start": D(2027, 3, 8), "end": D(2027, 3, 12)}],
    [{"title": "Lejrskole 7. årgang", "start": D(2026, 9, 21), "end": D(2026, 9, 25)}],
    [{"title": "Planlægningsdag", "start": D(2027, 1, 4), "end": D(2027, 1, 4)}],
]


def district(n_schools: int, per_grade: int) -> list[dict]:
    names = ["Skovvangskolen", "Bakkeskolen", "Åskolen"]
    return [school(names[i], per_grade, closed=CLOSED[i]) for i in range(n_schools)]


def check_plan(p: Y.YearPlan) -> None:
    """Every rule of the issue, on one plan."""
    req = p.request
    active = [s for s in p.sessions if s.active]
    # No session on a holiday, a weekend or a school's own closed day.
    for s in p.sessions:
        assert p.calendar(s.school).is_school_day(s.date), s
        assert not p.calendar().is_holiday_week(s.date), s
    closed = {(sch.name, c.start + dt.timedelta(days=i)) for sch in p.schools for c in sch.closed_days
              for i in range((c.end - c.start).days + 1)}
    assert not any((s.school, s.date) in closed for s in p.sessions)
    # Never two at once, across schools; the day limit; one school per half-day; the coordinator's days and hours.
    by_day: dict = {}
    for s in active:
        by_day.setdefault(s.date, []).append(s)
    for day, ss in by_day.items():
        ss.sort(key=lambda s: s.start)
        for a, b in zip(ss, ss[1:]):
            assert a.end <= b.start, (a, b)
        lessons = [s for s in ss if s.kind == "lektion"]
        assert len(lessons) <= req.max_per_day, day
        if not req.same_half_day:
            for half in (True, False):
                assert len({s.school for s in lessons if (s.start < NOON) == half}) <= 1, day
        for s in lessons:
            assert day.weekday() in req.weekdays and req.day_start <= s.start and s.end <= req.day_end, s
    # 9. klasse: nothing from 1 May (exams).
    exams = Y.exam_start(p.year)
    assert not any(s.grade == 9 and s.kind == "lektion" and s.date >= exams for s in p.sessions)
    # Unique UIDs across schools.
    uids = [s.uid for s in p.sessions]
    assert len(uids) == len(set(uids))
    # Every class gets its lessons, in order, in different weeks; a parent meeting comes before the first.
    n = req.sessions_per_year or 2
    for school_name, name in p.classes():
        mine = p.sessions_of_class(school_name, name)
        lessons = [s for s in mine if s.kind == "lektion"]
        assert len(lessons) == n, (school_name, name)
        weeks = [s.week for s in lessons]
        assert weeks == sorted(set(weeks))
        meetings = [s for s in mine if s.kind == "foraeldremoede"]
        if req.parent_meetings:
            assert len(meetings) == 1 and meetings[0].date < lessons[0].date
    # Spread: never all lessons in Uge Sex; both terms hold lessons when both are left; the spring is not empty.
    lessons = p.lessons()
    start = req.start_from or p.year.first_school_day
    in_uge_sex = sum(1 for s in lessons if s.week[1] == p.year.uge_sex_week and s.date.year == p.year.start_year + 1)
    assert in_uge_sex < len(lessons) or len(lessons) <= 1
    spring = [s for s in lessons if s.date.year == p.year.start_year + 1]
    autumn = [s for s in lessons if s.date.year == p.year.start_year]
    assert spring, "tomt forår"
    if start <= D(p.year.start_year, 10, 20):
        assert autumn and len(spring) >= len(lessons) // 4, (len(autumn), len(spring))
        firsts = [[s for s in p.sessions_of_class(a, b) if s.kind == "lektion"][0] for a, b in p.classes()]
        assert sum(1 for s in firsts if s.week[1] == p.year.uge_sex_week) < max(2, len(firsts) // 3)


def dates_through_the_year():
    d, out = D(2026, 8, 10), []
    while d < D(2027, 4, 1):
        out.append(d)
        d += dt.timedelta(days=9)
    return out


def sweep_cases(count: int = 36):
    rnd = random.Random(15)
    starts = [None, *dates_through_the_year()]
    cases = []
    for i in range(count):
        cases.append(dict(start=starts[i % len(starts)], winter=(7, 8)[i % 2], schools=1 + i % 3,
                          per_grade=1 + rnd.randrange(4), per_day=1 + rnd.randrange(3), meetings=rnd.random() < 0.6,
                          sessions=rnd.choice([1, 2, 2, 3])))
    return cases


@pytest.mark.parametrize("case", sweep_cases(), ids=lambda c: f"{c['start']}-u{c['winter']}-{c['schools']}s-"
                                                         f"{c['per_grade']}k-{c['per_day']}d")
def test_generated_district_plans_keep_every_rule(content, case):
    request = {"school_year": "2026/27", "schools": district(case["schools"], case["per_grade"]),
               "winter_break_week": case["winter"], "max_per_day": case["per_day"], "start_from": case["start"],
               "parent_meetings": case["meetings"], "sessions_per_year": case["sessions"]}
    try:
        p = Y.build_plan(content, request)
    except Y.YearPlanError as exc:
        # A plan that cannot fit says so in Danish, with what to change.
        assert "Vælg" in str(exc) and ("plads" in str(exc) or "kan ikke" in str(exc)), str(exc)
        classes = sum(len(s["classes"]) for s in request["schools"])
        assert classes * case["sessions"] > 60 or case["start"] and case["start"] > D(2027, 1, 1), str(exc)
        return
    check_plan(p)
    assert not any(s.week[1] == case["winter"] for s in p.sessions)


def test_most_generated_plans_fit(content):
    fitted = 0
    for case in sweep_cases():
        try:
            Y.build_plan(content, {"school_year": "2026/27", "schools": district(case["schools"], case["per_grade"]),
                                   "max_per_day": case["per_day"], "start_from": case["start"],
                                   "sessions_per_year": case["sessions"]})
            fitted += 1
        except Y.YearPlanError:
            pass
    assert fitted >= len(sweep_cases()) * 2 // 3


@pytest.fixture(scope="module")
def dplan(content):
    return Y.build_plan(content, {"school_year": "2026/27", "schools": district(3, 2), "parent_meetings": True})


def test_a_district_of_three_schools_with_two_classes_a_grade(dplan):
    check_plan(dplan)
    assert dplan.school_names == ["Skovvangskolen", "Bakkeskolen", "Åskolen"]
    assert len(dplan.classes()) == 63 and len(dplan.lessons()) == 126
    assert dplan.request.weekdays == [0, 1, 2, 3, 4] and dplan.request.max_per_day == 2
    assert {s.start for s in dplan.lessons()} <= {dt.time(h) for h in range(8, 14)}


def test_a_plan_that_cannot_fit_says_what_to_change(content):
    with pytest.raises(Y.YearPlanError) as exc:
        Y.build_plan(content, {"school_year": "2026/27", "schools": district(3, 4), "max_per_day": 1,
                               "weekdays": [2], "sessions_per_year": 3})
    msg = str(exc.value)
    assert "Der er ikke plads til alle lektioner" in msg and "flere ugedage" in msg and "flere lektioner om dagen" in msg


def test_school_and_class_input_is_checked_in_danish():
    assert Y.parse_school("Skovvangskolen=0.a, 0.b,7.c,Specialklasse A").classes == ["0.a", "0.b", "7.c",
                                                                                   "Specialklasse A"]
    for bad, words in (("Skovvangskolen", "navn=klasser"), ("Skole=11.a", "ikke en klasse"),
                       ("Skole=Specialklasse A (stor)", "alderstrin"), ("Skole=7.c (indskoling)", "kun ved klasser"),
                       ("Skole=0.a,0.a", "mere end én gang"), ("Skole=" + ",".join(f"{g}.{x}" for g in range(10) for x in "abcdef"), "højst")):
        with pytest.raises(Y.YearPlanError, match=words):
            Y.parse_school(bad)
    with pytest.raises(ValueError, match="samme navn"):
        Y.YearPlanRequest(school_year="2026/27", schools=[school("Skole A", 1), school("skole-a", 1)])
    with pytest.raises(ValueError):
        Y.YearPlanRequest(school_year="2026/27", schools=[school(f"S{i}", 1) for i in range(Y.MAX_SCHOOLS + 1)])
    assert Y.normalise_school_year("2026-27") == "2026/27" and Y.normalise_school_year("2026/2027") == "2026/27"
    assert Y.class_grade("7.c") == 7 and Y.class_grade("Specialklasse B") == "special"
    assert Y.class_grade("10.x") == 10 and Y.class_grade("Modtagerklasse") == "special" and Y.class_grade("11.a") is None


def test_exports_carry_the_school_and_uids_never_clash(dplan):
    ics = Calendar.from_ical(XI.to_ics(dplan))
    events = ics.walk("VEVENT")
    assert len({str(e["UID"]) for e in events}) == len(events) == len(dplan.sessions)
    for e in events:
        school_name = str(e["X-KLASSEKIT-SCHOOL"])
        assert str(e["SUMMARY"]).startswith(school_name + ":") and Y.slug(school_name, 40) in str(e["UID"])
    # Each school's file alone: its own events; two schools' files in one calendar never share a UID.
    uids = []
    for name in dplan.school_names:
        one = Calendar.from_ical(XI.to_ics(dplan.for_school(name))).walk("VEVENT")
        assert {str(e["X-KLASSEKIT-SCHOOL"]) for e in one} == {name}
        uids += [str(e["UID"]) for e in one]
    assert len(uids) == len(set(uids))
    files = X.all_files(dplan, per_class=True)
    assert "aarshjul-2026-27-skovvangskolen.xlsx" in files and "aarshjul-2026-27-aaskolen.docx" in files
    assert "klasser/aarshjul-2026-27-bakkeskolen-7-b.ics" in files
    sheets = pd.read_excel(io.BytesIO(files["aarshjul-2026-27.xlsx"]), sheet_name=None)
    assert {"Skovvangskolen", "Bakkeskolen", "Åskolen"} <= set(sheets)
    assert set(sheets["Oversigt"]["Skole"]) == set(dplan.school_names)


def test_cancelled_and_deleted_sessions_are_cancelled_in_the_calendar(content, dplan):
    a, b = dplan.lessons()[3], dplan.lessons()[7]
    rows = [r | {"status": "aflyst", "note": "Syg"} if r["uid"] == a.uid else r for r in Y.table_rows(dplan)
            if r["uid"] != b.uid]
    new, messages = Y.apply_table(dplan, rows)
    assert messages == []
    assert [s.uid for s in new.removed] == [b.uid]
    events = {str(e["UID"]): e for e in Calendar.from_ical(XI.to_ics(new)).walk("VEVENT")}
    for s, seq in ((a, a.sequence + 1), (b, b.sequence + 1)):
        assert str(events[s.uid]["STATUS"]) == "CANCELLED" and int(events[s.uid]["SEQUENCE"]) == seq
    assert str(events[dplan.lessons()[0].uid]["STATUS"]) == "CONFIRMED"
    # The cancelled slot is free again; the plan opens again with both.
    assert Y.from_json(Y.to_json(new), content) == new
    done, _ = Y.set_status(new, dplan.lessons()[0].uid, "gennemfoert", "Gik godt")
    assert next(s for s in done.sessions if s.uid == dplan.lessons()[0].uid).status == "gennemfoert"


def test_an_old_single_school_file_opens_as_one_school_with_a_class_per_grade(content):
    old = {
        "schema_version": 1,
        "request": {"school_year": "2026/27", "kommune": None, "grades": [3, 4], "sessions_per_year": 1,
                    "winter_break_week": None, "parent_meetings": False, "start_from": None},
        "winter_break_week": 7,
        "sessions": [
            {"uid": "2026-27-3-1@klassekit", "kind": "lektion", "grade": 3, "date": "2026-09-15", "start": "08:00:00",
             "minutes": 45, "theme": "trivsel-paa-nettet", "template": "lektion", "note": "", "sequence": 0},
            {"uid": "2026-27-special-1@klassekit", "kind": "lektion", "grade": "special", "date": "2027-02-09",
             "start": "10:00:00", "minutes": 45, "theme": "graenser-og-krop", "template": "lektion", "note": "x",
             "sequence": 2},
        ],
    }
    p = Y.from_json(json.dumps(old), content)
    assert p.school_names == [Y.DEFAULT_SCHOOL]
    assert [c for _, c in p.classes()] == ["3. klasse", "4. klasse", "Specialklasse"]
    assert {s.uid for s in p.sessions} == {"2026-27-3-1@klassekit", "2026-27-special-1@klassekit"}
    assert all(s.status == "planlagt" for s in p.sessions)
    assert Y.from_json(Y.to_json(p), content) == p


def test_closed_days_and_holidays_of_the_coordinator_are_kept_with_the_plan(content):
    year = Y.find_school_year(content, "2026/27")
    own = year.model_copy(update={"breaks": [*year.breaks, sc.Break(id="ekstra", title="Skolernes lukkedag",
                                                                      start=D(2026, 11, 20), end=D(2026, 11, 20))]})
    p = Y.build_plan(content, {"school_year": "2026/27", "schools": district(2, 1), "calendar": own.model_dump()})
    assert p.year.status == "derived"  # the derived year stays marked derived after the coordinator's edit
    assert "Skolernes lukkedag" in p.calendar().why_not(D(2026, 11, 20))
    assert "lukkedag på skolen (Emneuge)" in p.calendar("Skovvangskolen").why_not(D(2027, 3, 9))
    assert p.calendar("Bakkeskolen").is_school_day(D(2027, 3, 9))
    again = Y.from_json(Y.to_json(p), content)
    assert again == p
    bad = json.loads(Y.to_json(p))
    bad["request"]["calendar"]["first_school_day"] = "2026-09-07"
    with pytest.raises(Y.YearPlanFileError, match="august"):
        Y.from_json(json.dumps(bad), content)
    counts = XX.school_days_text(p)
    assert "det sædvanlige er 200" in counts and "Skovvangskolen:" in counts


def test_the_school_year_file_can_be_written_and_read_back(content):
    from planner.content import school_years as SY

    year = Y.find_school_year(content, "2026/27")
    text = SY.to_yaml(year)
    assert "status: derived" in text and "2026/27" in text
    assert SY.from_yaml(text) == year
    with pytest.raises(ValueError, match="linje|skoleår|august"):
        SY.from_yaml(text.replace("first_school_day: 2026-08-10", "first_school_day: 2026-09-07"))
    with pytest.raises(ValueError):
        SY.from_yaml("x" * (SY.MAX_YEAR_FILE_BYTES + 1))


# --- Command line --------------------------------------------------------------------------------------


def cli(*args):
    from support import run_cli

    return run_cli(*args)

def test_cli_plans_a_district_with_classes_capacity_and_a_file_per_school_and_class(content, tmp_path):
    r = cli("yearplan", "--school-year", "2026-27", "--school", "Skovvangskolen=0.a,0.b,1.a,9.b,Specialklasse A",
            "--school", "Bakkeskolen=0.a,7.a", "--weekdays", "man,tir,tor", "--max-per-day", "1",
            "--winter-break-week", "8", "--from", "2026-09-01", "--parent-meetings", "--per-class", "--out",
            str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "Skovvangskolen, Bakkeskolen" in r.stdout and "mandag, tirsdag og torsdag" in r.stdout
    names = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()}
    assert {"aarshjul-2026-27.json", "aarshjul-2026-27-bakkeskolen.ics", "aarshjul-2026-27-skovvangskolen.docx",
            "klasser/aarshjul-2026-27-skovvangskolen-specialklasse-a.ics", "aarshjul-2026-27-aarsrapport.docx",
            "aarshjul-2026-27-aarsrapport.xlsx"} <= names
    p = Y.from_json((tmp_path / "aarshjul-2026-27.json").read_bytes(), content)
    check_plan(p)
    assert p.request.weekdays == [0, 1, 3] and p.request.max_per_day == 1 and p.winter_break_week == 8
    assert min(s.date for s in p.sessions) >= D(2026, 9, 1)


def test_cli_help_and_errors_are_danish(tmp_path, content_copy):
    r = cli("yearplan", "--help")
    assert r.returncode == 0 and "brug:" in r.stdout and "vis denne hjælp" in r.stdout and "usage" not in r.stdout
    assert "--max-per-day" in r.stdout and "--weekdays" in r.stdout
    for args, words in ((("--school", "Skole"), "navn=klasser"), (("--weekdays", "lør"), "ikke en hverdag"),
                        (("--max-per-day", "9"), "mellem 1 og 6"), (("--school-year", "2130-31"), "mellem 2000/01 og 2098/99"),
                        (("--school", "A=0.a", "--grades", "0-9"), "enten --school")):
        r = cli("yearplan", *args, "--out", str(tmp_path))
        assert r.returncode == 2 and r.stderr.startswith("Fejl: ") and words in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
    # A kommune's file is found whatever the case typed.
    src = content_copy / "materials" / "school_years" / "2026-27.yaml"
    text = src.read_text(encoding="utf-8").replace("school_year: 2026/27", "school_year: 2026/27\nkommune: Hjørring")
    (src.parent / "2026-27-hjoerring.yaml").write_text(text, encoding="utf-8")
    r = cli("--root", str(content_copy), "yearplan", "--school-year", "2026/27", "--kommune", "HJØRRING",
            "--grades", "4-6", "--out", str(tmp_path / "h"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "h" / "aarshjul-2026-27-hjoerring.json").exists()


def test_every_kit_of_the_year_names_its_school_class_and_date(content):
    """The zip of the year's kits: a folder per school and class, and each kit's headers say whose lesson it is."""
    from docx import Document
    import zipfile

    plan = Y.build_plan(content, {"school_year": "2026/27", "sessions_per_year": 1,
                                  "schools": [{"name": "Skovvangskolen", "classes": ["4.a"]},
                                              {"name": "Bakkeskolen", "classes": ["8.b"]}]})
    with zipfile.ZipFile(io.BytesIO(XK.kits_zip(content, plan))) as z:
        handouts = [n for n in z.namelist() if n.endswith("/elevark.docx")]
        assert len(handouts) == 2
        for s in plan.lessons():
            name = next(n for n in handouts if n.startswith(f"{Y.slug(s.school, 40)}/{Y.slug(s.class_name)}/"))
            header = Document(io.BytesIO(z.read(name))).sections[0].header
            text = " ".join(p.text for p in header.paragraphs)
            assert s.school in text and s.class_name in text and sc.short_date(s.date) in text, text


def test_a_plan_for_other_schools_starts_clean_but_a_rebuilt_plan_cancels_what_it_dropped(content):
    example = Y.build_plan(content, {"school_year": "2026/27"})  # the page's first plan: one school, "Skolen"
    mine = Y.build_plan(content, {"school_year": "2026/27", "schools": district(2, 1)})
    assert Y.carry_sequences(example, mine).removed == []  # nobody's calendar held the example's events
    fewer = Y.build_plan(content, {"school_year": "2026/27", "schools": district(2, 1), "sessions_per_year": 1})
    again = Y.carry_sequences(mine, fewer)
    dropped = {s.uid for s in mine.sessions} - {s.uid for s in again.sessions}
    assert dropped and {r.uid for r in again.removed} == dropped
    assert all(r.status == "aflyst" for r in again.removed)


def test_the_closed_days_table_waits_for_a_whole_row():
    assert Y.unfinished_day_rows([{"skole": "Bakkeskolen", "hvad": None, "fra": None, "til": None}]) == \
        "Hvad og Fra i række 1"
    assert Y.unfinished_day_rows([{"skole": "Bakkeskolen", "hvad": "Lejrskole", "fra": None, "til": None}]) == \
        "Fra i række 1"
    assert Y.unfinished_day_rows([{"skole": "Bakkeskolen", "hvad": "Lejrskole", "fra": D(2026, 9, 21),
                                   "til": None}]) == ""


# --- Reading the closed-days table ------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_schools(content):
    return Y.build_plan(content, {"school_year": "2026/27", "schools": district(2, 1)})


@pytest.mark.parametrize("row, refusal", [
    ({"skole": "Månens skole", "hvad": "Lejrskole", "fra": D(2026, 9, 21)}, "skolen 'Månens skole' er ikke med"),
    ({"skole": "Bakkeskolen", "hvad": " ", "fra": D(2026, 9, 21)}, "skriv, hvad dagen er"),
    ({"skole": "Bakkeskolen", "hvad": "Lejrskole", "fra": None}, "skriv datoen, den begynder"),
    ({"skole": "Bakkeskolen", "hvad": "Lejrskole", "fra": "21/9"}, "kan ikke læses"),
    ({"skole": "Bakkeskolen", "hvad": "Lejrskole", "fra": D(2026, 9, 25), "til": D(2026, 9, 21)}, "før den begynder"),
    ({"skole": None, "hvad": "Sommer", "fra": D(2027, 7, 1), "til": D(2027, 7, 9)}, "uden for skoleåret"),
    ({"skole": "Bakkeskolen", "hvad": "Lang", "fra": D(2026, 9, 1), "til": D(2026, 12, 1)}, "højst to måneder"),
])
def test_a_day_off_row_is_refused_in_danish_naming_its_row_and_what_is_wrong(two_schools, row, refusal):
    with pytest.raises(DO.Refused, match=refusal) as err:
        DO.read_day_row(two_schools, row, "Række 4")
    assert str(err.value).startswith("Række 4")


def test_a_day_off_row_reads_as_school_title_and_days_one_day_when_it_has_no_end(two_schools):
    assert DO.read_day_row(two_schools, {"skole": "Bakkeskolen", "hvad": "  Lejrskole ", "fra": "2026-09-21"},
                           "x") == ("Bakkeskolen", "Lejrskole", D(2026, 9, 21), D(2026, 9, 21))
    assert DO.read_day_row(two_schools, {"skole": float("nan"), "hvad": "Fridag", "fra": D(2026, 10, 1),
                                         "til": D(2026, 10, 2)}, "x")[0] == DO.ALL_SCHOOLS


def test_a_school_day_off_strands_only_that_schools_active_sessions_and_a_holiday_every_schools(two_schools):
    s = next(x for x in two_schools.sessions if x.school == "Bakkeskolen")
    day = ("Bakkeskolen", "Lejrskole", s.date, s.date)
    assert s in DO.sessions_on(two_schools, day)
    assert all(x.school == "Bakkeskolen" and x.date == s.date for x in DO.sessions_on(two_schools, day))
    assert all(x.school == "Skovvangskolen" for x in DO.sessions_on(two_schools, ("Skovvangskolen", "x", s.date,
                                                                                 s.date)))
    holiday = (DO.ALL_SCHOOLS, "Fridag", two_schools.year.first_school_day, two_schools.year.last_school_day)
    assert len(DO.sessions_on(two_schools, holiday)) == sum(x.active for x in two_schools.sessions)
    cancelled, _ = Y.set_status(two_schools, s.uid, "aflyst")
    assert s.uid not in {x.uid for x in DO.sessions_on(cancelled, day)}


def test_a_stranded_day_off_names_the_first_session_and_counts_them(two_schools):
    s, t = two_schools.sessions[:2]
    one = DO.stranded_message(("Bakkeskolen", "Lejrskole", D(2026, 9, 21), D(2026, 9, 21)), [s])
    assert f"Lejrskole ({sc.short_date(D(2026, 9, 21))}) er ikke gemt: 1 session ligger" in one
    assert s.class_name in one and "aflys den først" in one
    two = DO.stranded_message(("Bakkeskolen", "Lejrskole", D(2026, 9, 21), D(2026, 9, 25)), [s, t])
    assert f"–{sc.short_date(D(2026, 9, 25))}" in two and "2 sessioner" in two and "aflys dem først" in two


def test_a_refused_row_falls_back_to_the_plans_own_day_of_that_school_and_title(two_schools):
    own = DO.row_as_it_was(two_schools, {"skole": "Bakkeskolen", "hvad": "Lejrskole 7. årgang", "fra": "rod"})
    assert own == ("Bakkeskolen", "Lejrskole 7. årgang", D(2026, 9, 21), D(2026, 9, 25))
    assert DO.row_as_it_was(two_schools, {"skole": "Skovvangskolen", "hvad": "Lejrskole 7. årgang"}) is None
    holiday = two_schools.year.breaks[0]
    assert DO.row_as_it_was(two_schools, {"skole": DO.ALL_SCHOOLS, "hvad": holiday.title}) == (
        DO.ALL_SCHOOLS, holiday.title, holiday.start, holiday.end)
