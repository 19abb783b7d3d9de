""""Find en ny tid": the next free slots for a cancelled session, and moving it to one.

A slot keeps every rule a table edit keeps: a school day at the class's school (no holiday, weekend or closed day),
inside the school year, the coordinator's weekdays and hours, the lessons a day, one school per half-day, never two
sessions at once, and no lesson for 9. and 10. klasse from 1 May. The cancelled session stays in the plan and in the
calendar as cancelled; the new time is a new session (its own calendar event) with the same class and theme.
"""

from __future__ import annotations

import datetime as dt

from .. import school_calendar as sc
from .building import exam_start
from .capacity import Bookings, Rules, clock
from .editing import apply_table, table_rows
from .errors import YearPlanError
from .labels import THE_KIND
from .plan import EXAM_GRADES, MEETING_START, Session, YearPlan

MAX_OFFERS = 10


def _cancelled(plan: YearPlan, uid: str) -> Session:
    s = next((x for x in plan.sessions if x.uid == uid), None)
    if s is None:
        cancelled = [x for x in plan.sessions if x.status == "aflyst"][:10]
        listed = "; ".join(f"{x.uid} ({x.class_name} på {x.school}, {sc.short_date(x.date)})" for x in cancelled)
        raise YearPlanError(f"Sessionen '{uid[:160]}' findes ikke i årshjulet. "
                            + (f"De aflyste sessioner er: {listed}." if cancelled else "Ingen sessioner er aflyst."))
    if s.status != "aflyst":
        raise YearPlanError(f"{THE_KIND[s.kind]} for {s.who} {sc.short_date(s.date)} er ikke aflyst. Sæt status til "
                            "aflyst først – eller ret datoen i tabellen for at flytte den.")
    again = next((x for x in plan.sessions_of_class(s.school, s.class_name)
                  if x.uid != s.uid and x.active and x.kind == s.kind and x.theme == s.theme), None)
    if again is not None:
        raise YearPlanError(f"{s.class_name} på {s.school} har allerede temaet »{plan.theme_title(s.theme)}« "
                            f"{sc.long_date(again.date)} – den aflyste {THE_KIND[s.kind].lower()} har fået en ny tid.")
    return s


def free_slots(plan: YearPlan, uid: str, today: dt.date | None = None, n: int = 5) -> list[tuple[dt.date, dt.time]]:
    """The next `n` free slots (day and time) for a cancelled session, from tomorrow on. Raises YearPlanError in
    Danish when the session is not cancelled (or its class already has the theme again)."""
    s = _cancelled(plan, uid)
    n = max(1, min(n, MAX_OFFERS))
    today = today or dt.date.today()
    cal = plan.calendar(s.school)
    rules = Rules.of(plan.request)
    bookings = Bookings(rules)
    for x in plan.sessions:
        bookings.book_session(x)
    starts = [MEETING_START] if s.kind == "foraeldremoede" else rules.lesson_starts(s.minutes)
    last = cal.last
    if s.kind == "lektion" and s.grade in EXAM_GRADES:
        last = min(last, exam_start(plan.year) - dt.timedelta(days=1))
    out: list[tuple[dt.date, dt.time]] = []
    day = max(today + dt.timedelta(days=1), cal.first)
    while day <= last and len(out) < n:  # at most one school year: ~320 days
        if cal.is_school_day(day):
            for t in starts:
                if bookings.problem(day, t, s.minutes, s.school, s.kind) is None:
                    out.append((day, t))
                    break
        day += dt.timedelta(days=1)
    return out


def why_no_slot(plan: YearPlan, uid: str, today: dt.date | None = None) -> str:
    """The reason, in Danish, when free_slots finds none."""
    s = _cancelled(plan, uid)
    today = today or dt.date.today()
    cal = plan.calendar(s.school)
    if s.kind == "lektion" and s.grade in EXAM_GRADES and today + dt.timedelta(days=1) >= exam_start(plan.year):
        return (f"{s.class_name} går i {s.grade}. klasse og har ingen lektioner fra 1. maj (eksamen), så der er ingen "
                "ny tid i dette skoleår.")
    if today >= cal.last:
        return f"Skoleåret {plan.year.label} er slut ({sc.long_date(cal.last)}), så der er ingen ny tid i det."
    return (f"Koordinatorens kalender er fuld resten af skoleåret ({Rules.of(plan.request).describe()}). Vælg flere "
            "ugedage eller flere lektioner om dagen, eller skriv selv en dato i tabellen.")


def move_to_new_time(plan: YearPlan, uid: str, day: dt.date, start: dt.time) -> tuple[YearPlan, list[str]]:
    """The cancelled session gets a new time: a new session for the same class and theme on `day` at `start`,
    checked like a table edit; the cancelled one stays, noted with where it went. Returns the plan and Danish
    messages (a refusal leaves the plan as it was)."""
    s = _cancelled(plan, uid)
    rows = table_rows(plan)
    note = f"Ny tid for {THE_KIND[s.kind].lower()} {sc.short_date(s.date)}, som blev aflyst."
    new_row = {"uid": None, "skole": s.school, "klasse": s.class_name, "type": s.kind, "tema": s.theme,
               "skabelon": s.template, "dato": day, "tid": start, "status": "planlagt", "note": note}
    moved, messages = apply_table(plan, rows + [new_row])
    if messages or len(moved.sessions) != len(plan.sessions) + 1:
        return plan, [m.replace(f"Ny række ({len(rows) + 1})", f"Den nye tid for {s.who}") for m in messages]
    gone = f"Ny tid: {sc.short_date(day)} kl. {clock(start)}."
    rows = [r | {"note": f"{r['note']} {gone}".strip()} if r["uid"] == uid else r for r in table_rows(moved)]
    moved, messages = apply_table(moved, rows)
    done = (f"{THE_KIND[s.kind]} for {s.who} har fået en ny tid: {sc.long_date(day)} kl. {clock(start)}. "
            f"Den aflyste {sc.short_date(s.date)} står stadig som aflyst i kalenderen.")
    return moved, [done, *messages]
