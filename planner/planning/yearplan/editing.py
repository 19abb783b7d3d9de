"""Editing a year plan in a table: every row is checked, and what is refused comes back as a Danish message.

The checks: a school day at that school (holidays and the school's closed days), a class of a school in the plan,
a theme that suits the class, a template, and the coordinator's capacity (capacity.py): never two sessions at
once, the weekdays and hours, the lessons a day and one school per half-day. A deleted row is kept as a
cancelled event (YearPlan.removed), so calendars that imported the plan drop it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...content.bands import Band, EVERY_AGE, age_band_of
from ...content.progression import band_of, grade_label
from .. import school_calendar as sc
from .capacity import Bookings, Rules, clock
from .classes import blank, class_grade, parse_grade
from .labels import KIND_LABELS, NEW_KIND, STATUS_LABELS, THE_KIND
from .plan import (
    EXAM_GRADES,
    MAX_YEAR_SESSIONS,
    MEETING_MINUTES,
    MEETING_START,
    Session,
    YearPlan,
    clean_note,
    make_plan,
    pupils_text,
    session_uid,
    uid_prefix,
)

# --- Editing in a table ------------------------------------------------------------------------

COLUMNS = ("uid", "uge", "dato", "tid", "skole", "klasse", "type", "tema", "skabelon", "status", "note")


def table_rows(plan: YearPlan, band: str | None = None, school: str | None = None) -> list[dict]:
    """One row per session, for st.data_editor; `uid` ties an edited row to its session. `band` and `school` show
    a part of the plan (the page's tabs), so the Tema column can offer only themes that fit."""
    return [{"uid": s.uid, "uge": s.week[1], "dato": s.date, "tid": s.start, "skole": s.school, "klasse": s.class_name,
             "type": s.kind, "tema": s.theme, "skabelon": s.template, "status": s.status, "note": s.note}
            for s in plan.sessions if (band is None or s.band == band) and (school is None or s.school == school)]


def merge_rows(plan: YearPlan, shown: list[dict], edited: list[dict]) -> list[dict]:
    """The whole table from a part of it: the rows that were not shown, and the edited part in their place."""
    hidden = {r["uid"] for r in shown}
    return [r for r in table_rows(plan) if r["uid"] not in hidden] + list(edited)


def themes_for_class(plan: YearPlan, school: str, class_name: str) -> list:
    """The themes that suit a class: its band, and its pupils' age (the rule lessons use)."""
    band, age = band_of(class_grade(class_name)), plan.pupils_age(school, class_name)
    return [t for t in plan.themes if t.suits(band, age)]


def themes_for_band(plan: YearPlan, band: Band, school: str | None = None) -> list:
    """The themes a band's table may offer: for classes without a grade those that suit any of them (each row is
    still checked against its own class)."""
    if band != "special":
        return [t for t in plan.themes if t.suits(band, age_band_of(band))]
    ages = {plan.pupils_age(sch, c) for sch, c in plan.classes(school) if class_grade(c) == "special"} or {EVERY_AGE}
    return [t for t in plan.themes if any(t.suits(band, a) for a in ages)]


class Refused(Exception):
    pass


def as_date(v: Any, where: str) -> dt.date | None:
    if blank(v):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v).strip()[:10])
    except ValueError:
        raise Refused(f"{where}: datoen '{v}' kan ikke læses – skriv den som 2027-02-09.") from None


def as_time(v: Any, where: str) -> dt.time | None:
    if blank(v):
        return None
    if isinstance(v, dt.datetime):
        return v.time().replace(second=0, microsecond=0)
    if isinstance(v, dt.time):
        return v.replace(second=0, microsecond=0)
    try:
        return dt.time.fromisoformat(str(v).strip()).replace(second=0, microsecond=0)
    except ValueError:
        raise Refused(f"{where}: klokkeslættet '{v}' kan ikke læses – skriv det som 08:00.") from None


def _new_uid(prefix: str, school: str, class_name: str, kind: str, used: set[str]) -> str:
    n = 1
    while session_uid(prefix, school, class_name, kind, n) in used:
        n += 1
    return session_uid(prefix, school, class_name, kind, n)


def _free_slot(plan: YearPlan, cal: sc.SchoolCalendar, bookings: Bookings, school: str, kind: str, minutes: int,
               taken: list[dt.date], grade) -> tuple[dt.date, dt.time] | None:
    """A slot for a new row: in the full school week farthest from the class's other sessions (not the first or
    last week), on the coordinator's weekdays, where the capacity allows it."""
    rules = bookings.rules
    weeks = cal.full_weeks[1:-1] if len(cal.full_weeks) > 2 else cal.full_weeks

    def distance(w: sc.Week) -> int:
        return min((abs((w.monday - d).days) for d in taken), default=0)

    starts = [MEETING_START] if kind == "foraeldremoede" else rules.lesson_starts(minutes)
    exams = dt.date(plan.year.start_year + 1, 5, 1)
    for w in sorted(weeks, key=lambda w: (-distance(w), w.monday)):
        for wd in rules.weekdays:
            day = w.monday + dt.timedelta(days=wd)
            if not cal.is_school_day(day) or (grade in EXAM_GRADES and kind == "lektion" and day >= exams):
                continue
            for t in starts:
                if bookings.problem(day, t, minutes, school, kind) is None:
                    return day, t
    return None


def _school_and_class(plan: YearPlan, row: dict, before: Session | None, where: str) -> tuple[str, str]:
    schools = plan.school_names
    school = row.get("skole")
    school = before.school if blank(school) and before else (None if blank(school) else str(school).strip())
    value = row.get("klasse")
    if blank(value):
        raise Refused(f"{where}: vælg en klasse.")
    value = str(value).strip()
    candidates = [school] if school else schools
    if school and school not in schools:
        raise Refused(f"{where}: skolen '{school[:80]}' er ikke med i årshjulet. Vælg en af: {', '.join(schools)}.")
    classes = {s: known.classes for s in candidates if (known := plan.request.school(s)) is not None}
    hits = [(s, value) for s, names in classes.items() if value in names]
    if not hits:  # '5' or '5. klasse' where the school has one class of that grade
        grade = parse_grade(value)
        hits = [(s, c) for s, names in classes.items() for c in names if grade is not None and class_grade(c) == grade]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        where_ = f" på {school}" if school else ""
        raise Refused(f"{where}: klassen '{value[:30]}' findes ikke{where_} – vælg en af skolens klasser "
                       "(tilføj klassen under Skoler og klasser).")
    raise Refused(f"{where}: '{value[:30]}' passer på flere klasser – vælg skole og klasse.")


def _row_session(plan: YearPlan, row: dict, before: Session | None, where: str, taken: list[Session],
                 used: set[str], notes: list[str], bookings: Bookings) -> Session:
    school, class_name = _school_and_class(plan, row, before, where)
    grade = class_grade(class_name)
    kind = row_kind(row, before, where)
    status = row_status(row, before, where)
    what = f"{THE_KIND[kind]} for {class_name} på {school}"
    theme = row_theme(plan, row, school, class_name, taken, where)
    template, minutes = row_template(plan, row, kind, before, where)

    cal = plan.calendar(school)
    date = as_date(row.get("dato"), where)
    start = as_time(row.get("tid"), where)
    if date is None:
        if before:
            raise Refused(f"{where}: datoen mangler. {what} bliver liggende {sc.long_date(before.date)}.")
        mine = [s.date for s in taken if s.school == school and s.class_name == class_name]
        date, start = _slot_for_new_row(plan, cal, bookings, (school, kind, minutes, grade), mine, start, where)
        notes.append(f"{NEW_KIND[kind]} for {class_name} på {school} er lagt {sc.long_date(date)} kl. {clock(start)} "
                     f"(uge {sc.iso_week(date)[1]}) – ret datoen i tabellen, hvis den skal ligge et andet sted.")
    keep = (f"Den bliver liggende {sc.long_date(before.date)}." if before else "Rækken er ikke tilføjet.")
    why = cal.why_not(date)
    if why:
        raise Refused(f"{what} kan ikke ligge {sc.long_date(date)}: {why}. {keep}")
    start = start if start is not None else default_start(before, kind, minutes, bookings.rules)
    note = "" if blank(row.get("note")) else clean_note(str(row.get("note")))
    uid = before.uid if before else _new_uid(uid_prefix(plan.year), school, class_name, kind, used)
    new = next_version(Session(uid=uid, kind=kind, school=school, class_name=class_name, grade=grade, date=date,
                               start=start, minutes=minutes, theme=theme, template=template, note=note, status=status),
                       before)
    if before and same_time_and_place(new, before):
        return new  # the coordinator's calendar is as it was
    why = bookings.session_problem(new, ignore=uid)
    if why:
        raise Refused(f"{what} kan ikke ligge {sc.long_date(date)} kl. {clock(start)}: {why}. {keep}")
    return new


def row_kind(row: dict, before: Session | None, where: str) -> str:
    """A row's type; left empty, the session's own, or a lesson for a new row."""
    kind = row.get("type") if not blank(row.get("type")) else (before.kind if before else "lektion")
    if kind not in KIND_LABELS:
        raise Refused(f"{where}: typen '{kind}' findes ikke – vælg lektion eller forældremøde.")
    return kind


def row_status(row: dict, before: Session | None, where: str) -> str:
    """A row's status; left empty, the session's own, or planlagt for a new row."""
    status = row.get("status") if not blank(row.get("status")) else (before.status if before else "planlagt")
    if status not in STATUS_LABELS:
        raise Refused(f"{where}: status '{str(status)[:20]}' findes ikke – vælg planlagt, gennemført eller aflyst.")
    return status


def row_theme(plan: YearPlan, row: dict, school: str, class_name: str, taken: list[Session], where: str) -> str:
    """A row's theme, which must suit the class's band and pupils' age; left empty, the first suitable theme the
    class has not had yet in the table so far (or the first suitable one)."""
    themes = plan.theme_by_id
    fits = themes_for_class(plan, school, class_name)
    theme = row.get("tema")
    if blank(theme):
        used_themes = {s.theme for s in taken if s.school == school and s.class_name == class_name}
        theme = next((t.id for t in fits if t.id not in used_themes), fits[0].id)
    if theme not in themes:
        raise Refused(f"{where}: temaet '{theme}' findes ikke.")
    grade = class_grade(class_name)
    band, age = band_of(grade), plan.pupils_age(school, class_name)
    if not themes[theme].suits(band, age):
        who = pupils_text(class_name, band, age, plan.request.school(school))
        who = f"{grade_label(grade)} – {who}" if band != "special" else who
        raise Refused(f"{where}: temaet '{themes[theme].title}' passer ikke til {who}. "
                      f"Vælg fx {', '.join(t.title for t in fits[:4])}.")
    return theme


def row_template(plan: YearPlan, row: dict, kind: str, before: Session | None, where: str) -> tuple[str | None, int]:
    """A row's lesson template and its minutes. A lesson left empty keeps its template, or gets the plain lesson
    (else the first template); a parents' meeting has none and keeps its own length."""
    if kind != "lektion":
        return None, before.minutes if before and before.kind == kind else MEETING_MINUTES
    templates = plan.template_by_id
    template = row.get("skabelon")
    if blank(template):
        template = before.template if before and before.template else ("lektion" if "lektion" in templates
                                                                          else plan.templates[0].id)
    if template not in templates:
        raise Refused(f"{where}: lektionsskabelonen '{template}' findes ikke. "
                      f"Vælg en af: {', '.join(t.title for t in plan.templates)}.")
    return template, templates[template].minutes


def _slot_for_new_row(plan: YearPlan, cal: sc.SchoolCalendar, bookings: Bookings, new: tuple[str, str, int, Any],
                      mine: list[dt.date], start: dt.time | None, where: str) -> tuple[dt.date, dt.time]:
    """Where a new row without a date goes (a time written in the row is kept); refused when the calendar is full."""
    school, kind, minutes, grade = new
    slot = _free_slot(plan, cal, bookings, school, kind, minutes, mine, grade)
    if slot is None:
        raise Refused(f"{where}: koordinatorens kalender er fuld – skriv selv en dato, eller sæt "
                      "'højst lektioner om dagen' op. Rækken er ikke tilføjet.")
    return slot[0], start or slot[1]


def default_start(before: Session | None, kind: str, minutes: int, rules: Rules) -> dt.time:
    """The time of a row left without one: the session's own, the meeting time, or the first lesson start of the
    day (the start of the coordinator's day if no lesson of that length fits)."""
    if before:
        return before.start
    if kind == "foraeldremoede":
        return MEETING_START
    return (rules.lesson_starts(minutes)[:1] or [rules.day_start])[0]


def next_version(new: Session, before: Session | None) -> Session:
    """A changed session gets the next sequence number (calendars that imported it update it); an unchanged one
    keeps its own, and a new one starts at 0."""
    if before is None:
        return new
    if new.model_dump(exclude={"sequence"}) == before.model_dump(exclude={"sequence"}):
        return new.model_copy(update={"sequence": before.sequence})
    return new.model_copy(update={"sequence": before.sequence + 1})


def same_time_and_place(new: Session, before: Session) -> bool:
    """Only a session's time and place book the coordinator's calendar: a new theme, template or note does not."""
    return (new.date, new.start, new.minutes, new.kind, new.status, new.school) == \
        (before.date, before.start, before.minutes, before.kind, before.status, before.school)


def apply_table(plan: YearPlan, rows: list[dict]) -> tuple[YearPlan, list[str]]:
    """Apply an edited table (rows as from table_rows, edited, added or left out) to the plan.

    Every row is checked: a school day at the class's school, a class of the plan, a theme that suits it, a
    template, and the coordinator's capacity. A refused edit leaves that session as it was (a refused new row is
    left out) and adds a Danish message; the other edits go through. Rows missing from the table are removed
    sessions: they stay in the calendar file as cancelled events.
    """
    if len(rows) > MAX_YEAR_SESSIONS:
        return plan, [f"Tabellen har {len(rows)} rækker; et årshjul kan højst have {MAX_YEAR_SESSIONS}. "
                      "Intet er ændret – fjern nogle rækker, og prøv igen."]
    old = {s.uid: s for s in plan.sessions}
    used = set(old) | {s.uid for s in plan.removed}
    messages: list[str] = []
    seen: set[str] = set()
    work: list[tuple[int, dict, Session | None]] = []
    for n, row in enumerate(rows, 1):
        uid = None if blank(row.get("uid")) else str(row.get("uid"))
        before = old.get(uid) if uid and uid not in seen else None
        if before:
            seen.add(before.uid)
        work.append((n, row, before))
    # The coordinator's calendar: every session that stays where it is, and the place of every session that may
    # move – so a refused move can always go back to where it was.
    bookings = Bookings(Rules.of(plan.request))
    for s in plan.sessions:
        if s.uid in seen:
            bookings.book_session(s)
    kept: list[Session] = []
    for n, row, before in work:
        where = (f"{THE_KIND[before.kind]} for {before.class_name} på {before.school} {sc.short_date(before.date)}"
                 if before else f"Ny række ({n})")
        if before:
            bookings.release(before)
        try:
            s = _row_session(plan, row, before, where, kept, used, messages, bookings)
        except Refused as exc:
            messages.append(str(exc))
            if before:
                kept.append(before)
                bookings.book_session(before)
            continue
        used.add(s.uid)
        kept.append(s)
        bookings.book_session(s)
    gone = [s.model_copy(update={"status": "aflyst", "sequence": s.sequence + 1})
            for s in plan.sessions if s.uid not in seen]
    removed = (list(plan.removed) + gone)[-MAX_YEAR_SESSIONS:]
    new = make_plan(plan.request, plan.year, plan.winter_break_week, plan.themes, plan.templates, kept, removed)
    return new, messages


def move_session(plan: YearPlan, uid: str, date: dt.date) -> tuple[YearPlan, list[str]]:
    """Move one session to another day (the CLI and tests; the app edits the whole table)."""
    rows = table_rows(plan)
    if uid not in {r["uid"] for r in rows}:
        return plan, [f"Sessionen '{uid}' findes ikke i årshjulet."]
    return apply_table(plan, [r | {"dato": date} if r["uid"] == uid else r for r in rows])


def set_status(plan: YearPlan, uid: str, status: str, note: str | None = None) -> tuple[YearPlan, list[str]]:
    """Mark one session planlagt, gennemført or aflyst (with a short note)."""
    rows = table_rows(plan)
    if uid not in {r["uid"] for r in rows}:
        return plan, [f"Sessionen '{uid}' findes ikke i årshjulet."]
    change = {"status": status} | ({} if note is None else {"note": note})
    return apply_table(plan, [r | change if r["uid"] == uid else r for r in rows])
