"""Holidays and closed days edited on the page: the district's school holidays (a copy of the school-year file,
kept in the request) and each school's own closed days (planlægningsdage, lejrskole, emneuge).

Every row is checked as table edits are: dates that can be read, in the school year, in order, a school of the
plan, and no session left on a day that becomes closed (move it first). A refused row is left as it was, with a
Danish message; the other rows go through. Status and sources of the school year are kept: a derived year edited
by the coordinator is still marked derived.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ...content.text import slug
from .. import school_calendar as sc
from .editing import as_date, Refused
from .classes import blank, class_text, clean_name
from .errors import YearPlanError
from .plan import YearPlan, YearPlanRequest, make_plan
from .school import MAX_CLOSED_DAYS, ClosedDay, School, parse_school

ALL_SCHOOLS = "Alle skoler"
DAY_COLUMNS = ("skole", "hvad", "fra", "til")


def parse_schools(text: str) -> list[School]:
    """The page's text field: one school a line, 'Skovvangskolen: 0.a, 0.b, 1.a' (or with '=')."""
    from .plan import MAX_SCHOOLS

    if len(text) > 20_000:
        raise YearPlanError("Teksten er for lang til en liste over skoler og klasser.")
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    if not lines:
        raise YearPlanError("Skriv mindst én skole med dens klasser, fx »Skovvangskolen: 0.a, 0.b, 1.a«.")
    if len(lines) > MAX_SCHOOLS:
        raise YearPlanError(f"{len(lines)} skoler – et årshjul kan højst have {MAX_SCHOOLS}.")
    out = []
    for line in lines:
        out.append(parse_school(re.sub(r"^([^:=]+):", r"\1=", line, count=1)))
    return out


def schools_text(schools: list[School]) -> str:
    """The text field again: a class without a grade with its pupils' age band in brackets."""
    return "\n".join(f"{s.name}: {', '.join(class_text(c, s.age_bands.get(c)) for c in s.classes)}" for s in schools)


def day_rows(plan: YearPlan) -> list[dict]:
    """The district's holidays (not vinterferie, which is chosen as a week) and each school's closed days."""
    rows = [{"skole": ALL_SCHOOLS, "hvad": b.title, "fra": b.start, "til": b.end} for b in plan.year.breaks]
    rows += [{"skole": s.name, "hvad": c.title, "fra": c.start, "til": c.end} for s in plan.schools
             for c in s.closed_days]
    return rows


def _slug_id(title: str, used: set[str]) -> str:
    base = slug(title, 50, empty="ferie")
    out, n = base if len(base) >= 2 else f"{base}-ferie", 2
    while out in used:
        out = f"{base}-{n}"
        n += 1
    used.add(out)
    return out


def unfinished_day_rows(rows: list[dict]) -> str:
    """What a row still lacks while the coordinator types it ('Hvad og Fra i række 6'), or '' when every row is whole:
    the page waits for a whole row instead of refusing it half-way."""
    for n, row in enumerate(rows, 1):
        missing = [label for field, label in (("hvad", "Hvad"), ("fra", "Fra")) if blank(row.get(field))]
        if missing:
            return f"{' og '.join(missing)} i række {n}"
    return ""


DayRow = tuple[str, str, dt.date, dt.date]
"""A row of the table as read: (school or ALL_SCHOOLS, title, first day, last day)."""


def apply_days(plan: YearPlan, rows: list[dict]) -> tuple[YearPlan, list[str]]:
    """Apply the edited table of holidays and closed days. Returns the new plan and Danish messages."""
    if len(rows) > MAX_CLOSED_DAYS * (len(plan.schools) + 1):
        return plan, [f"Tabellen har {len(rows)} rækker – for mange. Intet er ændret."]
    messages: list[str] = []
    days = _Days(closed={s.name: [] for s in plan.schools})
    before = {(r["skole"], r["hvad"], r["fra"], r["til"]) for r in day_rows(plan)}
    for n, row in enumerate(rows, 1):
        try:
            day = read_day_row(plan, row, f"Række {n}")
            hit = sessions_on(plan, day)
            if day not in before and hit:
                raise Refused(stranded_message(day, hit))
        except Refused as exc:
            messages.append(str(exc))
            old = row_as_it_was(plan, row)
            if old is not None:  # a refused change leaves the row as it was
                days.add(old)
            continue
        days.add(day)
    # Rows that were removed: a holiday gone makes more school days, which never strands a session.
    if days.too_many():
        return plan, messages + [f"Højst {MAX_CLOSED_DAYS} ferier eller lukkedage pr. skole. Intet er ændret."]
    try:
        return _with_days(plan, days), messages
    except ValueError as exc:  # a session that a refused row let through: keep the plan, say why
        return plan, messages + [f"Ændringen er ikke gemt: {str(exc).splitlines()[-1][:300]}"]


@dataclass
class _Days:
    """The district's holidays and each school's closed days, as the table's rows are read."""
    closed: dict[str, list[ClosedDay]]
    breaks: list[sc.Break] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def add(self, day: DayRow) -> None:
        who, title, start, end = day
        if who == ALL_SCHOOLS:
            self.breaks.append(sc.Break(id=_slug_id(title, self.used), title=title, start=start, end=end))
        else:
            self.closed[who].append(ClosedDay(title=title, start=start, end=end))

    def too_many(self) -> bool:
        return len(self.breaks) > MAX_CLOSED_DAYS or any(len(v) > MAX_CLOSED_DAYS for v in self.closed.values())


def read_day_row(plan: YearPlan, row: dict, where: str) -> DayRow:
    """A row as (school or ALL_SCHOOLS, title, first day, last day): a school of the plan, a title, dates that can
    be read, in order, touching the school year, at most two months long. Raises Refused with a Danish message."""
    year = plan.year
    who = ALL_SCHOOLS if blank(row.get("skole")) else str(row.get("skole"))
    if who != ALL_SCHOOLS and who not in plan.school_names:
        raise Refused(f"{where}: skolen '{who[:80]}' er ikke med i årshjulet.")
    title = "" if blank(row.get("hvad")) else clean_name(str(row.get("hvad")))[:80]
    if not title:
        raise Refused(f"{where}: skriv, hvad dagen er (fx Planlægningsdag).")
    start = as_date(row.get("fra"), where)
    if start is None:
        raise Refused(f"{where} ({title}): skriv datoen, den begynder.")
    end = as_date(row.get("til"), where) or start
    if end < start:
        raise Refused(f"{where} ({title}): den slutter {sc.long_date(end)}, før den begynder.")
    if end < year.first_school_day or start > year.last_school_day:
        raise Refused(f"{where} ({title}): den ligger uden for skoleåret {year.school_year}.")
    if (end - start).days > sc.MAX_BREAK_DAYS:
        raise Refused(f"{where} ({title}): højst to måneder ad gangen.")
    return who, title, start, end


def sessions_on(plan: YearPlan, day: DayRow) -> list:
    """The active sessions a holiday (every school) or a school's closed day would fall on."""
    who, _, start, end = day
    return [s for s in plan.sessions if s.active and start <= s.date <= end and (who == ALL_SCHOOLS or s.school == who)]


def stranded_message(day: DayRow, hit: list) -> str:
    """Why a new day off is not saved: the sessions in it, counted, with the first named."""
    _, title, start, end = day
    s = hit[0]
    span = sc.short_date(start) + ("" if end == start else f"–{sc.short_date(end)}")
    return (f"{title} ({span}) er ikke gemt: {len(hit)} session{'er' if len(hit) > 1 else ''} ligger i perioden, "
            f"fx {s.class_name} på {s.school} {sc.long_date(s.date)}. Flyt eller aflys "
            f"{'dem' if len(hit) > 1 else 'den'} først.")


def row_as_it_was(plan: YearPlan, row: dict) -> DayRow | None:
    """The plan's own day for a refused row (same school and title), so a refused change keeps it; None for a new
    row."""
    old = next((r for r in day_rows(plan) if row.get("skole") == r["skole"] and row.get("hvad") == r["hvad"]), None)
    return None if old is None else (old["skole"], old["hvad"], old["fra"], old["til"])


def _with_days(plan: YearPlan, days: _Days) -> YearPlan:
    """The plan with the new holidays and closed days; the request keeps its own copy of the school year once it
    differs from the file's. Raises ValueError (make_plan) if a session lies on a day off."""
    year = plan.year
    new_year = year.model_copy(update={"breaks": sorted(days.breaks, key=lambda b: b.start)})
    changed_year = [b.model_dump() for b in new_year.breaks] != [b.model_dump() for b in year.breaks]
    schools = [s.model_copy(update={"closed_days": sorted(days.closed[s.name], key=lambda c: c.start)})
               for s in plan.schools]
    req = plan.request.model_copy(update={"schools": schools,
                                          "calendar": new_year if changed_year or plan.request.calendar else None})
    return make_plan(req, new_year, plan.winter_break_week, plan.themes, plan.templates, plan.sessions, plan.removed)


def with_school_year(plan: YearPlan, year: sc.SchoolYear) -> YearPlanRequest:
    """The request with an uploaded school-year file (the caller rebuilds the plan)."""
    if year.school_year != plan.year.school_year:
        raise YearPlanError(f"Filen er for skoleåret {year.school_year}, men årshjulet er for "
                            f"{plan.year.school_year}. Vælg skoleåret {year.school_year} først.")
    return plan.request.model_copy(update={"calendar": year, "winter_break_week": None})
