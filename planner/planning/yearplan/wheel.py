"""The year wheel: geometry shared by the app's chart and the picture in Word."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ...content.bands import BAND_LABELS
from ...content.progression import GRADES, grade_key, grade_label
from .. import school_calendar as sc
from .labels import KIND_LABELS
from .plan import Session, YearPlan

# --- The year wheel: geometry shared by the app's chart and the picture in Word ------------------


def year_fraction(d: dt.date, year: sc.SchoolYear) -> float:
    """Where a date lies on the wheel: 0 at 1 August (the top), going clockwise to 1 at the next 1 August."""
    start = dt.date(year.start_year, 8, 1)
    days = (dt.date(year.start_year + 1, 8, 1) - start).days
    return ((d - start).days % days) / days


def ring_radius(plan: YearPlan, grade) -> float:
    """Grades as rings from the inside out (0. klasse innermost), between 0.3 and 0.9 of the wheel."""
    grades = plan.grades
    if len(grades) == 1:
        return 0.6
    return 0.3 + 0.6 * grades.index(grade) / (len(grades) - 1)


def polar(fraction: float, radius: float) -> tuple[float, float]:
    """x to the right, y up; fraction 0 at twelve o'clock, clockwise."""
    a = 2 * math.pi * fraction
    return radius * math.sin(a), radius * math.cos(a)


def wheel_points(plan: YearPlan) -> list[dict]:
    out = []
    for s in plan.sessions:
        f = year_fraction(s.date, plan.year)
        r = ring_radius(plan, s.grade)
        x, y = polar(f, r)
        out.append({"uid": s.uid, "x": x, "y": y, "fraction": f, "radius": r, "grade": grade_key(s.grade),
                    "klasse": grade_label(s.grade), "trin": BAND_LABELS[s.band], "band": s.band,
                    "type": KIND_LABELS[s.kind], "dato": sc.short_date(s.date), "uge": s.week[1],
                    "tema": plan.theme_title(s.theme)})
    return out


def wheel_months(year: sc.SchoolYear) -> list[dict]:
    """The twelve months from August as slices of the wheel: start and end fraction, Danish name."""
    out = []
    for i, month in enumerate(sc.WHEEL_MONTHS):
        y = year.start_year if month >= 8 else year.start_year + 1
        start = dt.date(y, month, 1)
        end = dt.date(y + (month == 12), month % 12 + 1, 1)
        f0 = year_fraction(start, year)
        f1 = year_fraction(end, year) if i < len(sc.WHEEL_MONTHS) - 1 else 1.0
        out.append({"month": month, "name": sc.MONTHS[month - 1], "start": f0, "end": f1, "shade": i % 2})
    return out


def wheel_breaks(plan: YearPlan) -> list[dict]:
    """School holidays (and the summer holiday) as slices of the wheel."""
    cal = plan.calendar()
    out: list[dict[str, Any]] = [{"title": b.title, "start": year_fraction(b.start, plan.year),
            "end": year_fraction(b.end + dt.timedelta(days=1), plan.year) or 1.0} for b in cal.breaks]
    out.append({"title": "Sommerferie", "start": year_fraction(cal.last + dt.timedelta(days=1), plan.year), "end": 1.0})
    out.append({"title": "Sommerferie", "start": 0.0,
                "end": year_fraction(cal.first, plan.year)})
    return [b for b in out if b["end"] > b["start"]]


def wheel_layers(plan: YearPlan) -> dict[str, list[dict]]:
    """Everything the app's circular chart draws, as x/y rows on a unit circle: grade rings, month spokes and
    names, holidays as arcs just outside the rings, the Uge Sex spoke and the sessions."""
    rings = [{"klasse": grade_label(g), "orden": i, **dict(zip(("x", "y"), polar(i / 72, ring_radius(plan, g)), strict=False))}
             for g in plan.grades for i in range(73)]
    spokes, labels = [], []
    for mth in wheel_months(plan.year):
        x2, y2 = polar(mth["start"], 1.0)
        spokes.append({"x": 0.0, "y": 0.0, "x2": x2, "y2": y2})
        x, y = polar((mth["start"] + mth["end"]) / 2, 1.14)
        labels.append({"x": x, "y": y, "måned": mth["name"].capitalize()})
    arcs = []
    for n, b in enumerate(wheel_breaks(plan)):
        steps = max(2, int((b["end"] - b["start"]) * 200))
        for i in range(steps + 1):
            x, y = polar(b["start"] + (b["end"] - b["start"]) * i / steps, 1.0)
            arcs.append({"ferie": b["title"], "stykke": n, "orden": i, "x": x, "y": y})
    f = year_fraction(plan.calendar().uge_sex + dt.timedelta(days=2), plan.year)
    (x1, y1), (x2, y2) = polar(f, 0.2), polar(f, 1.0)
    return {"rings": rings, "spokes": spokes, "months": labels, "breaks": arcs,
            "uge_sex": [{"x": x1, "y": y1, "x2": x2, "y2": y2, "tekst": "Uge Sex"}], "points": wheel_points(plan)}


def timeline_rows(plan: YearPlan) -> list[dict]:
    return [{"dato": s.date, "klasse": grade_label(s.grade), "orden": GRADES.index(s.grade),
             "trin": BAND_LABELS[s.band], "band": s.band, "type": KIND_LABELS[s.kind],
             "tema": plan.theme_title(s.theme), "uge": s.week[1]} for s in plan.sessions]


def overview(plan: YearPlan) -> list[tuple[Any, dict[int, list[Session]]]]:
    """Grades × months: for each grade, its sessions by month (August to June)."""
    out = []
    for g in plan.grades:
        by_month: dict[int, list[Session]] = {mth: [] for mth in sc.SCHOOL_MONTHS}
        for s in plan.sessions_of(g):
            by_month.setdefault(s.date.month, []).append(s)
        out.append((g, by_month))
    return out


def session_line(plan: YearPlan, s: Session) -> str:
    kind = "" if s.kind == "lektion" else "Forældremøde: "
    status = {"aflyst": " (aflyst)", "gennemfoert": " (gennemført)"}.get(s.status, "")
    return (f"Uge {s.week[1]}, {sc.WEEKDAYS[s.date.weekday()][:3]}. {s.date:%d.%m}: {kind}{plan.theme_title(s.theme)}"
            f"{status}")
