"""Editing a year plan in a table: every row is checked, and what is refused comes back as a Danish message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...content.bands import BAND_LABELS, age_band_of
from ...content.progression import band_of, grade_key, grade_label
from .. import school_calendar as sc
from .plan import (
    KIND_LABELS,
    LESSON_START,
    MAX_YEAR_SESSIONS,
    MEETING_MINUTES,
    MEETING_START,
    NEW_KIND,
    THE_KIND,
    Session,
    YearPlan,
    blank,
    clean_note,
    make_plan,
    parse_grade,
    uid_prefix,
)

# --- Editing in a table ------------------------------------------------------------------------

COLUMNS = ("uid", "uge", "dato", "tid", "klasse", "type", "tema", "skabelon", "note")


def table_rows(plan: YearPlan) -> list[dict]:
    """One row per session, for st.data_editor; `uid` ties an edited row to its session."""
    return [{"uid": s.uid, "uge": s.week[1], "dato": s.date, "tid": s.start, "klasse": grade_key(s.grade),
             "type": s.kind, "tema": s.theme, "skabelon": s.template, "note": s.note} for s in plan.sessions]


class _Refused(Exception):
    pass


def _as_date(v: Any, where: str) -> dt.date | None:
    if blank(v):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v).strip()[:10])
    except ValueError:
        raise _Refused(f"{where}: datoen '{v}' kan ikke læses – skriv den som 2027-02-09.") from None


def _as_time(v: Any, where: str) -> dt.time | None:
    if blank(v):
        return None
    if isinstance(v, dt.datetime):
        return v.time().replace(second=0, microsecond=0)
    if isinstance(v, dt.time):
        return v.replace(second=0, microsecond=0)
    try:
        return dt.time.fromisoformat(str(v).strip()).replace(second=0, microsecond=0)
    except ValueError:
        raise _Refused(f"{where}: klokkeslættet '{v}' kan ikke læses – skriv det som 08:00.") from None


def _free_week(cal: sc.SchoolCalendar, taken: list[dt.date]) -> dt.date:
    """The Tuesday of the full school week farthest from the grade's other sessions (not the first or last
    full week, as in _spread)."""
    weeks = cal.full_weeks[1:-1] if len(cal.full_weeks) > 2 else cal.full_weeks

    def distance(w: sc.Week) -> int:
        return min((abs((w.monday - d).days) for d in taken), default=0)

    best = max(weeks, key=lambda w: (distance(w), -w.monday.toordinal()))
    return best.monday + dt.timedelta(days=1)


def _new_uid(prefix: str, grade, kind: str, used: set[str]) -> str:
    middle = f"{grade_key(grade)}-foraeldremoede" if kind == "foraeldremoede" else grade_key(grade)
    n = 1
    while f"{prefix}-{middle}-{n}@klassekit" in used:
        n += 1
    return f"{prefix}-{middle}-{n}@klassekit"


def _row_session(plan: YearPlan, cal: sc.SchoolCalendar, row: dict, before: Session | None, where: str,
                 taken: list[Session], used: set[str], notes: list[str]) -> Session:
    themes, templates = plan.theme_by_id, plan.template_by_id
    grade = parse_grade(row.get("klasse"))
    if grade is None:
        raise _Refused(f"{where}: vælg et klassetrin (0.–9. klasse eller specialklasse).")
    band = band_of(grade)
    kind = row.get("type") if not blank(row.get("type")) else (before.kind if before else "lektion")
    if kind not in KIND_LABELS:
        raise _Refused(f"{where}: typen '{kind}' findes ikke – vælg lektion eller forældremøde.")
    what = f"{THE_KIND[kind]} for {grade_label(grade)}"

    fits = [t for t in plan.themes if t.suits(band, age_band_of(band))]
    theme = row.get("tema")
    if blank(theme):
        used_themes = {s.theme for s in taken if s.grade == grade}
        theme = next((t.id for t in fits if t.id not in used_themes), fits[0].id)
    if theme not in themes:
        raise _Refused(f"{where}: temaet '{theme}' findes ikke.")
    if not themes[theme].suits(band, age_band_of(band)):
        raise _Refused(
            f"{where}: temaet '{themes[theme].title}' passer ikke til {grade_label(grade)} – {BAND_LABELS[band]}. "
            f"Vælg fx {', '.join(t.title for t in fits[:4])}.")

    template = None
    if kind == "lektion":
        template = row.get("skabelon")
        if blank(template):
            template = before.template if before and before.template else ("lektion" if "lektion" in templates
                                                                              else plan.templates[0].id)
        if template not in templates:
            raise _Refused(f"{where}: lektionsskabelonen '{template}' findes ikke. "
                           f"Vælg en af: {', '.join(t.title for t in plan.templates)}.")
        minutes = templates[template].minutes
    else:
        minutes = before.minutes if before and before.kind == kind else MEETING_MINUTES

    date = _as_date(row.get("dato"), where)
    if date is None:
        if before:
            raise _Refused(f"{where}: datoen mangler. {what} bliver liggende {sc.long_date(before.date)}.")
        date = _free_week(cal, [s.date for s in taken if s.grade == grade])
        notes.append(f"{NEW_KIND[kind]} for {grade_label(grade)} er lagt {sc.long_date(date)} "
                     f"(uge {sc.iso_week(date)[1]}) – ret datoen i tabellen, hvis den skal ligge et andet sted.")
    why = cal.why_not(date)
    if why:
        keep = (f"Den bliver liggende {sc.long_date(before.date)}." if before else "Rækken er ikke tilføjet.")
        raise _Refused(f"{what} kan ikke ligge {sc.long_date(date)}: {why}. {keep}")

    start = _as_time(row.get("tid"), where) or (before.start if before else
                                                 (MEETING_START if kind == "foraeldremoede" else LESSON_START[0]))
    note = "" if blank(row.get("note")) else clean_note(str(row.get("note")))
    uid = before.uid if before else _new_uid(uid_prefix(plan.year), grade, kind, used)
    new = Session(uid=uid, kind=kind, grade=grade, date=date, start=start, minutes=minutes, theme=theme,
                  template=template, note=note, sequence=before.sequence if before else 0)
    if before and new.model_dump(exclude={"sequence"}) != before.model_dump(exclude={"sequence"}):
        new = new.model_copy(update={"sequence": before.sequence + 1})
    return new


def apply_table(plan: YearPlan, rows: list[dict]) -> tuple[YearPlan, list[str]]:
    """Apply an edited table (rows as from table_rows, edited, added or left out) to the plan.

    Every row is checked: a school day in the school year, a grade, a theme that suits the grade, a template.
    A refused edit leaves that session as it was (a refused new row is left out) and adds a Danish message;
    the other edits go through. Rows missing from the table are removed sessions.
    """
    if len(rows) > MAX_YEAR_SESSIONS:
        return plan, [f"Tabellen har {len(rows)} rækker; et årshjul kan højst have {MAX_YEAR_SESSIONS}. "
                      "Intet er ændret – fjern nogle rækker, og prøv igen."]
    cal = plan.calendar()
    old = {s.uid: s for s in plan.sessions}
    used = set(old)
    kept: list[Session] = []
    messages: list[str] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, 1):
        uid = None if blank(row.get("uid")) else str(row.get("uid"))
        before = old.get(uid) if uid and uid not in seen else None
        if before:
            seen.add(before.uid)
        where = (f"{THE_KIND[before.kind]} for {grade_label(before.grade)} {sc.short_date(before.date)}"
                 if before else f"Ny række ({n})")
        try:
            s = _row_session(plan, cal, row, before, where, kept, used, messages)
        except _Refused as exc:
            messages.append(str(exc))
            if before:
                kept.append(before)
            continue
        used.add(s.uid)
        kept.append(s)
    new = make_plan(plan.request, plan.year, plan.winter_break_week, plan.themes, plan.templates, kept)
    return new, messages


def move_session(plan: YearPlan, uid: str, date: dt.date) -> tuple[YearPlan, list[str]]:
    """Move one session to another day (the CLI and tests; the app edits the whole table)."""
    rows = table_rows(plan)
    if uid not in {r["uid"] for r in rows}:
        return plan, [f"Sessionen '{uid}' findes ikke i årshjulet."]
    return apply_table(plan, [r | {"dato": date} if r["uid"] == uid else r for r in rows])


