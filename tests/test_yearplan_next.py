"""Year after year: next year's plan from this one, a new time for a cancelled lesson, the coordinator's week, the
leader's report, the coordinator's contact on the calendars, and the messages near the year's end."""

from __future__ import annotations

import datetime as dt
import io
import re
import string

import pytest
from docx import Document
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from openpyxl import load_workbook
from test_district_yearplan import check_plan

from planner.documents import yearplan_docx as XD

from planner.documents import yearplan_ics as XI
from planner.documents import yearplan_report as XR
from planner.planning import school_calendar as sc
from planner.planning import yearplan as Y

D = dt.date
CONTACT = Y.Contact(name="Mette Hansen", phone="12 34 56 78", mail="mette@kommune.dk")


def with_statuses(plan: Y.YearPlan, statuses: list[str]) -> Y.YearPlan:
    rows = Y.table_rows(plan)
    rows = [r | {"status": statuses[i % len(statuses)]} for i, r in enumerate(rows)]
    out, messages = Y.apply_table(plan, rows)
    assert not messages
    return out


# --- Next year -------------------------------------------------------------------------------------------


@st.composite
def districts(draw):
    schools = []
    for name in draw(st.lists(st.sampled_from(["Skovvangskolen", "Bakkeskolen", "Åskolen"]), min_size=1,
                              max_size=3, unique=True)):
        grades = draw(st.lists(st.integers(0, 10), min_size=1, max_size=11, unique=True))
        classes = [f"{g}.{string.ascii_lowercase[i]}" for g in sorted(grades)
                   for i in range(draw(st.integers(1, 2)))]
        special = draw(st.sampled_from(["", " (indskoling)", " (mellemtrin)", " (udskoling)", None]))
        if special is not None:
            classes.append(f"Specialklasse A{special}")
        schools.append(Y.parse_school(f"{name}={','.join(classes)}"))
    return schools


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schools=districts(), sessions=st.integers(1, 2), per_day=st.integers(2, 4), meetings=st.booleans(),
       winter=st.sampled_from([7, 8]),
       statuses=st.lists(st.sampled_from(["gennemfoert", "aflyst", "planlagt"]), min_size=1, max_size=5))
def test_next_year_moves_every_class_up_continues_its_progression_and_keeps_every_rule(
        content, schools, sessions, per_day, meetings, winter, statuses):
    try:
        old = Y.build_plan(content, Y.YearPlanRequest(school_year="2026/27", schools=schools, sessions_per_year=sessions,
                                                      max_per_day=per_day, parent_meetings=meetings,
                                                      winter_break_week=winter))
    except Y.YearPlanError:
        assume(False)
    old = with_statuses(old, statuses)
    before = Y.to_json(old)
    if any(all(Y.class_grade(c) in (9, 10) for c in s.classes) for s in schools):
        # A school whose classes all leave has nothing to plan: refused, saying what to do, the old plan untouched.
        with pytest.raises(Y.YearPlanError, match="ingen klasser tilbage"):
            Y.next_year(content, old)
        assert Y.to_json(old) == before
        return
    new, notes = Y.next_year(content, old)
    assert Y.to_json(old) == before  # the old plan is untouched
    assert new.year.school_year == "2027/28" and new.year.status == "derived"
    check_plan_rules(new)
    if len(new.classes()) >= 4:  # the spread over the year is a property of a district, not of one or two classes
        check_plan(new)
    for school_name, name in new.classes():
        lessons = [s for s in new.sessions_of_class(school_name, name) if s.kind == "lektion"]
        assert len(lessons) == sessions and len({s.week for s in lessons}) == sessions
        assert not any(new.calendar().is_holiday_week(s.date) for s in lessons)
    r0, r1 = old.request, new.request
    assert (r1.weekdays, r1.day_start, r1.day_end, r1.max_per_day, r1.same_half_day, r1.parent_meetings,
            r1.sessions_per_year, new.winter_break_week) == \
           (r0.weekdays, r0.day_start, r0.day_end, r0.max_per_day, r0.same_half_day, r0.parent_meetings,
            r0.sessions_per_year, old.winter_break_week)
    assert new.school_names == old.school_names
    for school in old.schools:
        now = new.request.school(school.name)
        for c in school.classes:
            g = Y.class_grade(c)
            if g == "special":  # keeps its name and its pupils' age band
                assert c in now.classes and now.age_bands.get(c) == school.age_bands.get(c)
            elif g <= 8:
                assert f"{g + 1}.{c.split('.')[1]}" in now.classes
        # Leavers are gone; what is left of 9. and 10. klasse came up from 8. or is a new 10. klasse.
        assert all(Y.class_grade(c) != 9 or f"8.{c.split('.')[1]}" in school.classes for c in now.classes)
        if any(Y.class_grade(c) in (0, 1, 2, 3) for c in school.classes):
            assert any(Y.class_grade(c) == 0 for c in now.classes)  # a new 0. klasse is offered
        # No class gets a theme twice across the two years: held and planned lessons count, cancelled ones do not.
        for c in school.classes:
            if Y.class_grade(c) in (9, 10):
                continue
            had = {s.theme for s in old.sessions_of_class(school.name, c) if s.kind == "lektion" and s.active}
            got = [s.theme for s in new.sessions_of_class(school.name, Y.moved_name(c)) if s.kind == "lektion"]
            assert not had & set(got), (school.name, c, had, got)
            assert len(got) == len(set(got))
    assert any("rykket et klassetrin op" in n for n in notes)
    assert Y.from_json(Y.to_json(new), content) == new  # saved and reopened identically, history included


def test_next_year_from_a_plan_that_is_itself_next_year_remembers_both_years(content):
    school = Y.parse_school("Skolen=0.a,Specialklasse A")
    y1 = Y.build_plan(content, Y.YearPlanRequest(school_year="2026/27", schools=[school]))
    y2, _ = Y.next_year(content, y1)
    y3, _ = Y.next_year(content, y2)
    first = [s.theme for s in y1.sessions_of_class("Skolen", "0.a")]
    second = [s.theme for s in y2.sessions_of_class("Skolen", "1.a")]
    third = [s.theme for s in y3.sessions_of_class("Skolen", "2.a")]
    assert not set(first) & set(second)
    # Six lessons and five indskoling themes: the one not had yet, then the one had longest ago.
    assert third == [next(t for t in third if t not in first + second), first[0]]
    assert y3.request.school("Skolen").themes_had["2.a"] == first + second


def test_a_class_that_has_had_every_suitable_theme_gets_some_again_and_is_told(content):
    old = Y.build_plan(content, Y.YearPlanRequest(school_year="2026/27", sessions_per_year=3,
                                                  schools=[Y.parse_school("Skolen=0.a")]))
    new, notes = Y.next_year(content, old)
    got = [s.theme for s in new.sessions_of_class("Skolen", "1.a")]
    had = {s.theme for s in old.sessions_of_class("Skolen", "0.a")}
    assert len(set(got) - had) == 2 and len(set(got) & had) == 1  # five indskoling themes for six lessons
    assert any(n.startswith("Disse klasser har haft alle de temaer") and "1.a på Skolen" in n for n in notes)


def test_next_year_names_what_it_leaves_behind(content):
    req = Y.YearPlanRequest(school_year="2026/27", schools=[
        Y.School(name="Skolen", classes=["8.a", "9.a", "9.b"],
                 closed_days=[Y.ClosedDay(title="Lejrskole", start=D(2026, 9, 21), end=D(2026, 9, 25))],
                 contact=CONTACT)])
    new, notes = Y.next_year(content, Y.build_plan(content, req))
    assert [c for _, c in new.classes()] == ["9.a"]
    assert new.request.school("Skolen").contact == CONTACT and not new.request.school("Skolen").closed_days
    text = " ".join(notes)
    assert "9.a, 9.b er gået ud af skolen" in text and "lukkedage gjaldt 2026/27" in text
    only_leavers = Y.build_plan(content, Y.YearPlanRequest(school_year="2026/27", schools=[
        Y.parse_school("Skolen=9.a")]))
    with pytest.raises(Y.YearPlanError, match="ingen klasser tilbage"):
        Y.next_year(content, only_leavers)


# --- A new time for a cancelled lesson ------------------------------------------------------------------


@pytest.fixture(scope="module")
def district(content):
    return Y.build_plan(content, Y.YearPlanRequest(
        school_year="2026/27", start_from=D(2026, 8, 17), max_per_day=2, parent_meetings=True,
        schools=[Y.parse_school("Skovvangskolen=0.a,3.a,7.a,9.a"), Y.parse_school("Bakkeskolen=1.a,9.b")]))


@pytest.mark.parametrize("today", [D(2026, 8, 1), D(2026, 12, 7), D(2027, 2, 10), D(2027, 4, 26)])
def test_every_offered_new_time_keeps_every_rule(district, today):
    for s in [x for x in district.sessions if x.kind == "lektion"][::3]:
        plan, _ = Y.set_status(district, s.uid, "aflyst")
        slots = Y.free_slots(plan, s.uid, today, n=5)
        if not slots:
            assert s.grade == 9 and today >= D(2027, 4, 30), Y.why_no_slot(plan, s.uid, today)
            assert "1. maj" in Y.why_no_slot(plan, s.uid, today)
            continue
        assert all(d > today for d, _ in slots) and slots == sorted(slots)
        for day, start in slots:
            moved, messages = Y.move_to_new_time(plan, s.uid, day, start)
            assert "har fået en ny tid" in messages[0], messages
            check_plan_rules(moved)
            old = next(x for x in moved.sessions if x.uid == s.uid)
            assert old.status == "aflyst" and old.date == s.date  # the cancelled one stays, as cancelled
            new = [x for x in moved.sessions_of_class(s.school, s.class_name) if x.date == day and x.start == start]
            assert len(new) == 1 and new[0].theme == s.theme and new[0].status == "planlagt"


def check_plan_rules(p: Y.YearPlan) -> None:
    """The rules a moved session must keep (the spread is the builder's, not a rule for moved sessions)."""
    assert not Y.conflicts(p.sessions, Y.Rules.of(p.request))
    for s in p.sessions:
        assert p.calendar(s.school).is_school_day(s.date)
        assert not (s.grade in (9, 10) and s.kind == "lektion" and s.active and s.date >= Y.exam_start(p.year))


def test_a_new_time_only_for_a_cancelled_session_and_once(district):
    s = district.lessons()[0]
    with pytest.raises(Y.YearPlanError, match="er ikke aflyst"):
        Y.free_slots(district, s.uid, D(2026, 12, 7))
    with pytest.raises(Y.YearPlanError, match="findes ikke"):
        Y.free_slots(district, "nope", D(2026, 12, 7))
    plan, _ = Y.set_status(district, s.uid, "aflyst")
    day, start = Y.free_slots(plan, s.uid, D(2026, 12, 7))[0]
    moved, _ = Y.move_to_new_time(plan, s.uid, day, start)
    with pytest.raises(Y.YearPlanError, match="har fået en ny tid"):
        Y.free_slots(moved, s.uid, D(2026, 12, 7))
    ics = Calendar.from_ical(XI.to_ics(moved))
    events = {str(e["uid"]): e for e in ics.walk("VEVENT")}
    assert events[s.uid]["status"] == "CANCELLED" and len(events) == len(moved.sessions) + len(moved.removed)


def test_no_new_time_after_the_year_says_so(district):
    s = district.lessons()[0]
    plan, _ = Y.set_status(district, s.uid, "aflyst")
    assert Y.free_slots(plan, s.uid, D(2027, 6, 25)) == []
    assert "er slut" in Y.why_no_slot(plan, s.uid, D(2027, 6, 25))


# --- The coordinator's week ------------------------------------------------------------------------------


def test_the_week_shows_every_session_day_by_day_and_marks_the_overdue(district):
    s = district.lessons()[2]
    year, week = s.week
    plan, _ = Y.set_status(district, district.lessons()[0].uid, "gennemfoert")
    days = Y.week_days(plan, year, week, today=s.date + dt.timedelta(days=1))
    assert [d["date"].weekday() for d in days] == [0, 1, 2, 3, 4]
    shown = [r["uid"] for d in days for r in d["sessions"]]
    assert shown == [x.uid for x in sorted(plan.sessions, key=Y.session_order) if x.week == (year, week)]
    row = next(r for d in days for r in d["sessions"] if r["uid"] == s.uid)
    assert row["overdue"] and row["status"] == Y.OVERDUE and row["skole"] == s.school and row["klasse"] == s.class_name
    monday = D.fromisocalendar(year, week, 1)
    assert not any(r["overdue"] for r in Y.week_rows(plan, year, week, today=monday))
    lines = Y.week_lines(plan, year, week, today=s.date + dt.timedelta(days=1))
    assert lines[0].startswith(f"Uge {week} {year}") and any(line.startswith("! ") for line in lines)
    winter = Y.week_lines(plan, 2027, 7, today=D(2026, 12, 7))
    assert all("Vinterferie" in line for line in winter[1:])


def test_a_week_outside_the_year_or_not_a_week_is_refused_in_danish(district):
    assert Y.parse_week("2027-W05") == (2027, 5) and Y.parse_week("2027 uge 5") == (2027, 5)
    for bad, says in (("2027-W54", "ingen uge 54"), ("uge fem", "ikke en uge"), ("2027-W5x", "ikke en uge")):
        with pytest.raises(Y.YearPlanError, match=says):
            Y.parse_week(bad)
    with pytest.raises(Y.YearPlanError, match="uden for skoleåret 2026/27"):
        Y.week_days(district, 2028, 5, D(2026, 12, 7))


# --- The leader's report and the calendars -----------------------------------------------------------------


def test_the_report_opens_with_one_line_per_school_in_danish_words(district):
    lessons = district.lessons()
    rows = Y.table_rows(district)
    status = {lessons[0].uid: "gennemfoert", lessons[1].uid: "aflyst", lessons[2].uid: "gennemfoert"}
    rows = [r | ({"status": status[r["uid"]], "note": "kode gennemfoert?"} if r["uid"] in status else {}) for r in rows]
    plan, _ = Y.apply_table(district, rows)
    today = lessons[4].date  # lessons[3] is past and still planned: overdue
    doc = Document(io.BytesIO(XR.to_docx(plan, today)))
    paras = [p.text for p in doc.paragraphs]
    for school in plan.school_names:
        mine = [s for s in lessons if s.school == school]
        held = sum(1 for s in mine if status.get(s.uid) == "gennemfoert")
        line = next(p for p in paras if p.startswith(f"{school}: "))
        assert f"{held} af {len(mine)} lektioner holdt" in line
        reached = len({s.class_name for s in mine if status.get(s.uid) == "gennemfoert"})
        assert f"{reached} af {len(plan.classes(school))} klasser nået" in line and "gennemgået" in line
    assert paras.index(next(p for p in paras if p.startswith(plan.school_names[0]))) == 1  # right under the title
    overdue = sum(1 for s in lessons if s.uid not in status and s.date < today)
    assert overdue and f"{overdue} med overskredet dato" in " ".join(paras)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "gennemført" in cells and "aflyst" in cells
    assert not any(code in c for c in cells for code in ("gennemfoert", "foraeldremoede", "planlagt_")
                   if c != "kode gennemfoert?")
    wb = load_workbook(io.BytesIO(XR.to_xlsx(plan, today)))
    assert wb.sheetnames[0] == "Overblik" and str(wb["Overblik"]["A2"].value).startswith(plan.school_names[0])
    head = [c.value for c in wb["Klasser"][1]]
    assert "Dato overskredet" in head and "Kommende" in head


def test_the_contact_is_on_every_event_and_on_the_word_plan_and_a_class_calendar_is_named(content, district):
    plan = Y.with_contacts(district, {"Skovvangskolen": CONTACT})
    cal = Calendar.from_ical(XI.to_ics(plan))
    for e in cal.walk("VEVENT"):
        desc = str(e["description"])
        if str(e["x-klassekit-school"]) == "Skovvangskolen":
            assert "SSP-koordinator: Mette Hansen, tlf. 12 34 56 78, mette@kommune.dk" in desc
        else:
            assert "SSP-koordinator" not in desc
    text = "\n".join(p.text for p in Document(io.BytesIO(XD.to_docx(plan))).paragraphs)
    assert "SSP-koordinator: Mette Hansen" in text
    one = Calendar.from_ical(XI.class_ics(plan, "Skovvangskolen", "3.a"))
    assert str(one["x-wr-calname"]) == "Årshjul 2026/27 · Skovvangskolen · 3.a"
    assert Y.from_json(Y.to_json(plan), content) == plan  # kept in the plan file
    with pytest.raises(Y.YearPlanError, match="ikke med i årshjulet"):
        Y.with_contacts(plan, {"Atlantis": CONTACT})


@pytest.mark.parametrize("text, says", [
    ("Skolen=Mette;javascript:alert(1);", "ikke et telefonnummer"),
    ("Skolen=Mette;;http://evil.example", "ikke en mailadresse"),
    ("Skolen=Mette;;<a@b.dk>", "ikke en mailadresse"),
    ("Skolen", "skole=navn;telefon;mail"),
    ("Skolen=a;b;c;d", "skole=navn;telefon;mail"),
])
def test_a_contact_that_is_not_a_name_phone_and_mail_is_refused(text, says):
    with pytest.raises(Y.YearPlanError, match=says):
        Y.parse_contact(text)


# --- Messages near the year's end -----------------------------------------------------------------------


@pytest.mark.parametrize("start", [D(2027, 5, 31) + dt.timedelta(days=i) for i in range(0, 35, 2)])
@pytest.mark.parametrize("sessions, classes, meetings", [(1, 3, False), (2, 3, False), (2, 3, True), (1, 40, False)])
def test_every_message_near_the_years_end_names_the_real_reason(content, start, sessions, classes, meetings):
    req = Y.YearPlanRequest(school_year="2026/27", start_from=start, sessions_per_year=sessions,
                            parent_meetings=meetings,
                            schools=[Y.School(name="Skolen", classes=[f"{g}.{l}" for l in "abcd" for g in range(10)]
                                              [:classes])])
    year = Y.find_school_year(content, "2026/27")
    weeks = [w for w in sc.calendar(year).full_weeks if w.monday + dt.timedelta(days=4) >= start]
    try:
        plan = Y.build_plan(content, req)
    except Y.YearPlanError as exc:
        text = str(exc)
        if start > year.last_school_day:
            assert "er slut" in text and "2027/28" in text and "lektioner om dagen" not in text
        elif classes > 9 and start >= D(2027, 5, 1):  # 9. klasse is in the plan: no lessons from 1 May
            assert "har ingen lektioner fra 1. maj" in text and "lektioner om dagen" not in text, text
        elif len(weeks) < sessions + meetings:
            assert "hver sin uge" in text and "lektioner om dagen" not in text and "2027/28" in text
            assert (f"kun {len(weeks)} hel" if weeks else "ingen hele skoleuger") in text
            # The advice works: with the lessons it names (and without meetings where it says so) the weeks suffice.
            found = re.search(r"Vælg (1 lektion|højst (\d) lektioner) pr\. klasse( uden forældremøder)?", text)
            if found:
                fewer = req.model_copy(update={"sessions_per_year": int(found.group(2) or 1),
                                               "parent_meetings": meetings and not found.group(3)})
                try:
                    Y.build_plan(content, fewer)
                except Y.YearPlanError as again:
                    assert "skal have sine" not in str(again), str(again)
        else:  # the coordinator's capacity: the numbers show it
            assert "plads" in text and "lektioner om dagen" in text, text
            total, room = int(text.split(": ")[1].split(" ")[0]), int(text.split("højst ")[1].split(" ")[0])
            assert total > room, text
        return
    assert start <= year.last_school_day and len(plan.lessons()) == classes * sessions
