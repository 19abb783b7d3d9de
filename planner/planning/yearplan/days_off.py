"""Holidays and closed days edited on the page: the district's school holidays (a copy of the school-year file,
kept in the request) and each school's own closed days (planlægningsdage, lejrskole, emneuge).

Every row is checked as table edits are: dates that can be read, in the school year, in order, a school of the
plan, and no session left on a day that becomes closed (move it first). A refused row is left as it was, with a
Danish message; the other rows go through. Status and sources of the school year are kept: a derived year edited
by the coordinator is still marked derived.
"""

from __future__ import annotations

import re

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


def apply_days(plan: YearPlan, rows: list[dict]) -> tuple[YearPlan, list[str]]:
    """Apply the edited table of holidays and closed days. Returns the new plan and Danish messages."""
    if len(rows) > MAX_CLOSED_DAYS * (len(plan.schools) + 1):
        return plan, [f"Tabellen har {len(rows)} rækker – for mange. Intet er ændret."]
    year = plan.year
    messages: list[str] = []
    breaks: list[sc.Break] = []
    closed: dict[str, list[ClosedDay]] = {s.name: [] for s in plan.schools}
    used: set[str] = set()
    before = {(r["skole"], r["hvad"], r["fra"], r["til"]) for r in day_rows(plan)}
    for n, row in enumerate(rows, 1):
        where = f"Række {n}"
        try:
            who = ALL_SCHOOLS if blank(row.get("skole")) else str(row.get("skole"))
            if who != ALL_SCHOOLS and who not in closed:
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
            key = (who, title, start, end)
            hit = [s for s in plan.sessions if s.active and start <= s.date <= end and
                   (who == ALL_SCHOOLS or s.school == who)]
            if key not in before and hit:
                s = hit[0]
                span = sc.short_date(start) + ("" if end == start else f"–{sc.short_date(end)}")
                raise Refused(f"{title} ({span}) er ikke gemt: "
                               f"{len(hit)} session{'er' if len(hit) > 1 else ''} ligger i perioden, fx "
                               f"{s.class_name} på {s.school} {sc.long_date(s.date)}. Flyt eller aflys "
                               f"{'dem' if len(hit) > 1 else 'den'} først.")
            if who == ALL_SCHOOLS:
                breaks.append(sc.Break(id=_slug_id(title, used), title=title, start=start, end=end))
            else:
                closed[who].append(ClosedDay(title=title, start=start, end=end))
        except Refused as exc:
            messages.append(str(exc))
            old = next((r for r in day_rows(plan) if row.get("skole") == r["skole"] and row.get("hvad") == r["hvad"]),
                       None)
            if old:  # a refused change leaves the row as it was
                if old["skole"] == ALL_SCHOOLS:
                    breaks.append(sc.Break(id=_slug_id(old["hvad"], used), title=old["hvad"], start=old["fra"],
                                           end=old["til"]))
                else:
                    closed[old["skole"]].append(ClosedDay(title=old["hvad"], start=old["fra"], end=old["til"]))
    # Rows that were removed: a holiday gone makes more school days, which never strands a session.
    if len(breaks) > MAX_CLOSED_DAYS or any(len(v) > MAX_CLOSED_DAYS for v in closed.values()):
        return plan, messages + [f"Højst {MAX_CLOSED_DAYS} ferier eller lukkedage pr. skole. Intet er ændret."]
    new_year = year.model_copy(update={"breaks": sorted(breaks, key=lambda b: b.start)})
    changed_year = [b.model_dump() for b in new_year.breaks] != [b.model_dump() for b in year.breaks]
    schools = [s.model_copy(update={"closed_days": sorted(closed[s.name], key=lambda c: c.start)})
               for s in plan.schools]
    req = plan.request.model_copy(update={"schools": schools,
                                          "calendar": new_year if changed_year or plan.request.calendar else None})
    try:
        new = make_plan(req, new_year, plan.winter_break_week, plan.themes, plan.templates, plan.sessions,
                        plan.removed)
    except ValueError as exc:  # a session that a refused row let through: keep the plan, say why
        return plan, messages + [f"Ændringen er ikke gemt: {str(exc).splitlines()[-1][:300]}"]
    return new, messages


def with_school_year(plan: YearPlan, year: sc.SchoolYear) -> YearPlanRequest:
    """The request with an uploaded school-year file (the caller rebuilds the plan)."""
    if year.school_year != plan.year.school_year:
        raise YearPlanError(f"Filen er for skoleåret {year.school_year}, men årshjulet er for "
                            f"{plan.year.school_year}. Vælg skoleåret {year.school_year} først.")
    return plan.request.model_copy(update={"calendar": year, "winter_break_week": None})
