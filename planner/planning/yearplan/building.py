"""Building a year plan: from a request and the school calendar to sessions for grades 0–9 and special classes.

Every function is pure: the same request gives the same plan.

Placement: each grade's sessions go evenly over the full school weeks (see school_calendar: a week with any day
off is a holiday week and never gets a session), shifted a little per grade so the grades do not all come in the
same week, except that the session nearest to Uge Sex (week 6) goes into Uge Sex where that week is a full week.
"""

from __future__ import annotations

import datetime as dt

from ...content.progression import GRADES, PROGRESSION_FILE, Progression, grade_key
from .. import school_calendar as sc
from .plan import (
    LESSON_START,
    MEETING_MINUTES,
    MEETING_START,
    Session,
    YearPlan,
    YearPlanError,
    YearPlanRequest,
    make_plan,
    uid_prefix,
)

# --- Building ---------------------------------------------------------------------------------


def find_school_year(content, school_year: str, kommune: str | None = None) -> sc.SchoolYear:
    for sy in content.school_years:
        if sy.school_year == school_year and (sy.kommune or None) == (kommune or None):
            return sy
    known = ", ".join(sy.label for sy in content.school_years) or "ingen"
    raise YearPlanError(
        f"Der er ingen skoleårsfil for {school_year}{f' ({kommune})' if kommune else ''}. Kendte skoleår: {known}. "
        "Kopiér en fil i materials/school_years/, og ret datoerne til det nye skoleår."
    )


def default_start(year: sc.SchoolYear, today: dt.date | None = None) -> dt.date | None:
    """Today, when the school year is already running: a plan made in November should not fill September."""
    today = today or dt.date.today()
    return today if year.first_school_day < today <= year.last_school_day else None


def default_school_year(content, today: dt.date | None = None) -> str | None:
    """The school year running today (from July: the one about to start), else the nearest one there is a file for."""
    years = sorted({sy.school_year for sy in content.school_years})
    if not years:
        return None
    now = sc.school_year_of(today or dt.date.today())
    if now in years:
        return now
    later = [y for y in years if y > now]
    return later[0] if later else years[-1]


def _spread(weeks: int, n: int, gi: int, grades: int, anchor: int | None) -> list[int]:
    """Week indexes for one grade's n sessions.

    With an anchor (Uge Sex), the session whose even share of the year lies nearest to it goes there, and the
    others spread evenly over the weeks before and after it. Each grade is shifted by its place among the grades,
    so grades take turns instead of all coming in the same week. The first and last full weeks stay free:
    classes settle in after the summer and wind down before it.
    """
    shift = ((gi + 0.5) / grades - 0.5) * 0.8 if grades > 1 else 0.0

    def even(count: int, lo: int, hi: int) -> list[int]:
        span = hi - lo + 1
        return [lo + min(span - 1, max(0, int((j + 0.5 + shift) / count * span))) for j in range(count)]

    lo, hi = (1, weeks - 2) if weeks >= n + 2 else (0, weeks - 1)
    idx = even(n, lo, hi)
    if anchor is not None:
        k = min(range(n), key=lambda k: (abs(lo + (k + 0.5) / n * (hi - lo + 1) - anchor), k))
        before, after = (lo, anchor - 2), (anchor + 2, hi)
        if (k == 0 or before[1] - before[0] + 1 >= k) and (k == n - 1 or after[1] - after[0] + 1 >= n - 1 - k):
            idx = (even(k, *before) if k else []) + [anchor] + (even(n - 1 - k, *after) if k < n - 1 else [])
    for k in range(1, n):  # one session a week per grade, in order
        idx[k] = max(idx[k], idx[k - 1] + 1)
    if idx[-1] > weeks - 1:
        idx[-1] = weeks - 1
        for k in range(n - 2, -1, -1):
            idx[k] = min(idx[k], idx[k + 1] - 1)
    return idx


def _free_slot(cal: sc.SchoolCalendar, monday: dt.date, gi: int, starts: tuple[dt.time, ...],
               weekdays: tuple[int, ...], taken: set, strict: bool = False):
    """The first free (school day, start time) in the week of `monday`, starting at the grade's own weekday, so
    that one coordinator is never booked into two classes at once. With `strict`, None when the week is full."""
    order = [weekdays[(gi + k) % len(weekdays)] for k in range(len(weekdays))]
    for start in starts[(gi // len(weekdays)) % len(starts):] + starts[: (gi // len(weekdays)) % len(starts)]:
        for wd in order:
            day = monday + dt.timedelta(days=wd)
            if cal.is_school_day(day) and (day, start) not in taken:
                taken.add((day, start))
                return day, start
    if strict:
        return None
    return monday + dt.timedelta(days=order[0]), starts[0]


def carry_sequences(old: YearPlan | None, new: YearPlan) -> YearPlan:
    """A rebuilt plan keeps each event's revision count, one higher where the session moved, so a calendar that
    imports the file again moves the event instead of keeping the old time."""
    if old is None:
        return new
    before = {s.uid: s for s in old.sessions}
    sessions = []
    for s in new.sessions:
        prev = before.get(s.uid)
        if prev is not None:
            moved = (prev.date, prev.start, prev.theme, prev.kind) != (s.date, s.start, s.theme, s.kind)
            s = s.model_copy(update={"sequence": prev.sequence + (1 if moved else 0)})
        sessions.append(s)
    return new.model_copy(update={"sessions": sessions})


def build_plan(content, request: YearPlanRequest | dict) -> YearPlan:
    """The default year plan for a request: themes from the progression file, sessions on full school weeks."""
    req = request if isinstance(request, YearPlanRequest) else YearPlanRequest.model_validate(request)
    year = find_school_year(content, req.school_year, req.kommune)
    prog: Progression | None = content.progression
    if prog is None:
        raise YearPlanError(f"Filen materials/{PROGRESSION_FILE} mangler eller har fejl. Kør `python -m planner check`.")
    templates = content.by_id("templates")
    template = templates[prog.template]
    cal = sc.calendar(year, req.winter_break_week)
    n = req.sessions_per_year or prog.sessions_per_year
    weeks = [w for w in cal.full_weeks if req.start_from is None or w.monday >= req.start_from]
    if len(weeks) < n + 1:
        left = f" fra {sc.long_date(req.start_from)}" if req.start_from else ""
        raise YearPlanError(f"Skoleåret {year.label} har kun {len(weeks)} hele skoleuger{left} – vælg færre lektioner"
                            + (" eller en tidligere startdato." if req.start_from else "."))
    mondays = [w.monday for w in weeks]
    anchor = mondays.index(cal.uge_sex) if cal.uge_sex in mondays else None
    grades = [g for g in GRADES if g in set(req.grades)]
    prefix = uid_prefix(year)
    sessions: list[Session] = []
    taken: set[tuple[dt.date, dt.time]] = set()
    for gi, g in enumerate(grades):
        idx = _spread(len(weeks), n, gi, len(grades), anchor)
        themes = prog.themes_for(g)
        for k, i in enumerate(idx):
            day, start = _free_slot(cal, mondays[i], gi, LESSON_START, (0, 1, 2, 3, 4), taken)
            sessions.append(Session(
                uid=f"{prefix}-{grade_key(g)}-{k + 1}@klassekit", kind="lektion", grade=g, date=day, start=start,
                minutes=template.minutes, theme=themes[k % len(themes)], template=template.id))
        if req.parent_meetings:
            # Shortly before the first lesson, so parents know what their child will talk about – one evening
            # per grade, Tuesday to Thursday, going back a week at a time when those evenings are taken.
            for back in range(1, len(weeks)):
                week = mondays[max(0, idx[0] - back)]
                slot = _free_slot(cal, week, gi, (MEETING_START,), (1, 2, 3), taken, strict=True)
                if slot:
                    break
            day, start = slot or (mondays[max(0, idx[0] - 1)] + dt.timedelta(days=1), MEETING_START)
            sessions.append(Session(
                uid=f"{prefix}-{grade_key(g)}-foraeldremoede-1@klassekit", kind="foraeldremoede", grade=g,
                date=day, start=start, minutes=MEETING_MINUTES, theme=themes[0],
                note="Fortæl om forløbet, og del forældrebrevet fra klassesættet."))
    return make_plan(req, year, cal.winter_break_week, content.themes, content.templates, sessions)


