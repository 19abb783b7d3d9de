"""The coordinator's week: day by day, where to be – time, school, class, theme, status – with the days off named
and overdue sessions (past and still "planlagt") marked. Plain data and Danish lines for the page and the CLI."""

from __future__ import annotations

import datetime as dt
import re

from .. import school_calendar as sc
from .capacity import clock
from .errors import YearPlanError
from .labels import KIND_LABELS, STATUS_LABELS
from .plan import YearPlan

WEEK_COLUMNS = ("dag", "tid", "skole", "klasse", "type", "tema", "status")
OVERDUE = "Planlagt – dato overskredet"
"""A session in the past that is still "planlagt": held (mark it gennemført), or cancelled (mark it aflyst)."""


def parse_week(text: str) -> tuple[int, int]:
    """'2027-W05', '2027-W5', '2027-05' or '2027 uge 5' → (2027, 5); YearPlanError in Danish otherwise."""
    text = str(text)[:30]
    found = re.fullmatch(r"\s*(\d{4})\s*(?:-?\s*W|-|\s+uge\s*|\s+)\s*(\d{1,2})\s*", text, flags=re.IGNORECASE)
    if found:
        try:
            dt.date.fromisocalendar(int(found.group(1)), int(found.group(2)), 1)
            return int(found.group(1)), int(found.group(2))
        except ValueError:
            raise YearPlanError(f"'{text}': år {found.group(1)} har ingen uge {int(found.group(2))}.") from None
    raise YearPlanError(f"'{text}' er ikke en uge – skriv fx 2027-W05 (år og ugenummer).")


def monday_of(iso_year: int, week: int) -> dt.date:
    return dt.date.fromisocalendar(iso_year, week, 1)


def overdue(s, today: dt.date) -> bool:
    return s.status == "planlagt" and s.date < today


def check_week(plan: YearPlan, iso_year: int, week: int) -> dt.date:
    """The week's Monday, if the week touches the plan's school year; else YearPlanError saying which weeks do."""
    monday = monday_of(iso_year, week)
    cal = plan.calendar()
    if monday + dt.timedelta(days=4) < cal.first or monday > cal.last:
        a, b = sc.iso_week(cal.first), sc.iso_week(cal.last)
        raise YearPlanError(f"Uge {week} {iso_year} ligger uden for skoleåret {plan.year.label} (uge {a[1]} {a[0]} – "
                            f"uge {b[1]} {b[0]}). Vælg en uge i skoleåret.")
    return monday


def week_days(plan: YearPlan, iso_year: int, week: int, today: dt.date) -> list[dict]:
    """Monday to Friday: each day's date, why there is no school (or None), and its sessions in time order."""
    monday = check_week(plan, iso_year, week)
    cal = plan.calendar()
    out = []
    for i in range(5):
        day = monday + dt.timedelta(days=i)
        sessions = sorted((s for s in plan.sessions if s.date == day), key=lambda s: (s.start, s.school, s.uid))
        out.append({"date": day, "off": cal.why_not(day), "sessions": [
            {"uid": s.uid, "dag": f"{sc.WEEKDAYS[day.weekday()]} {day:%d.%m}", "tid": f"{clock(s.start)}–{clock(s.end)}",
             "skole": s.school, "klasse": s.class_name, "type": KIND_LABELS[s.kind], "tema": plan.theme_title(s.theme),
             "status": OVERDUE if overdue(s, today) else STATUS_LABELS[s.status], "overdue": overdue(s, today)}
            for s in sessions]})
    return out


def week_rows(plan: YearPlan, iso_year: int, week: int, today: dt.date) -> list[dict]:
    """One row per session of the week (for a table), in day and time order."""
    return [{k: r[k] for k in (*WEEK_COLUMNS, "overdue")} for d in week_days(plan, iso_year, week, today)
            for r in d["sessions"]]


def week_lines(plan: YearPlan, iso_year: int, week: int, today: dt.date) -> list[str]:
    """The week as Danish lines for the terminal."""
    days = week_days(plan, iso_year, week, today)
    first, last = days[0]["date"], days[-1]["date"]
    n = sum(len(d["sessions"]) for d in days)
    late = sum(r["overdue"] for d in days for r in d["sessions"])
    out = [f"Uge {week} {iso_year} ({sc.long_date(first)} – {sc.long_date(last)}) · {plan.year.label} · "
           f"{n} {'session' if n == 1 else 'sessioner'}" + (f" · {late} med overskredet dato" if late else "")]
    for d in days:
        head = sc.long_date(d["date"]).capitalize()
        if not d["sessions"]:
            out.append(f"{head}: " + (f"ingen skole – {d['off']}" if d["off"] else "ingen sessioner"))
            continue
        out.append(f"{head}:" + (f" (ingen skole – {d['off']})" if d["off"] else ""))
        for r in d["sessions"]:
            mark = "! " if r["overdue"] else "  "
            out.append(f"{mark}{r['tid']}  {r['skole'][:28]:<28} {r['klasse'][:16]:<16} {r['type']}: {r['tema']} "
                       f"· {r['status']}")
    if late:
        out.append("! = datoen er overskredet, og sessionen står stadig som planlagt: sæt status til gennemført "
                   "eller aflyst.")
    return out


def this_week(plan: YearPlan, today: dt.date) -> tuple[int, int]:
    """The week to show first: this week if it is in the school year, else the nearest week that is."""
    cal = plan.calendar()
    day = min(max(today, cal.first), cal.last)
    return sc.iso_week(day)


def school_weeks(plan: YearPlan) -> list[tuple[int, int]]:
    """Every ISO week of the school year, in order (for the page's week picker)."""
    return [(w.iso_year, w.week) for w in plan.calendar().weeks]
