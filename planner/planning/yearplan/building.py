"""Building a year plan: from a request (schools and their classes) and the school calendar to sessions.

Every function is pure: the same request gives the same plan.

Placement (the spread): the remaining full school weeks (see school_calendar: a week with any day off is a holiday
week and never gets a session) are split into as many equal parts as a class has lessons; in each part the classes
take turns, one after the other, so the lessons spread evenly over the rest of the year whatever the start date –
no pile-up in Uge Sex, no empty spring. 9. klasse has no lesson from 1 May (exams). Each lesson then takes the
free slot nearest its target week that the coordinator's capacity allows (capacity.py); a parent meeting takes a
free evening before the class's first lesson. A plan that cannot fit says so, with what to change.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ...content.bands import EVERY_AGE, band_for_grade
from ...content.progression import GRADES, PROGRESSION_FILE, Progression, band_of
from .. import school_calendar as sc
from .capacity import Bookings, Rules
from .classes import class_grade
from .errors import YearPlanError
from .plan import (
    EXAM_GRADES,
    MAX_YEAR_SESSIONS,
    MEETING_MINUTES,
    MEETING_START,
    Session,
    YearPlan,
    YearPlanRequest,
    make_plan,
    session_uid,
    uid_prefix,
)

# --- Building ---------------------------------------------------------------------------------


def normalise_school_year(text: str) -> str:
    """'2026/27', '2026-27', '2026/2027' or ' 2026 – 27 ' → '2026/27'; anything else is returned as typed."""
    found = re.fullmatch(r"\s*(\d{4})\s*[/\-–_]\s*(\d{2}|\d{4})\s*", str(text))
    if not found:
        return str(text).strip()
    return f"{found.group(1)}/{found.group(2)[-2:]}"


YEARS_AHEAD = 2
"""Besides the running school year, the app offers the next two: coordinators plan next year in the spring."""


def find_school_year(content, school_year: str, kommune: str | None = None) -> sc.SchoolYear:
    """The school-year file for a year (and kommune); without a file, the year derived from the pattern
    (status "derived", so it is shown as beregnet). A kommune's own year needs its file: its dates are its own."""
    school_year = normalise_school_year(school_year)
    for sy in content.school_years:
        if sy.school_year == school_year and (sy.kommune or "").casefold() == (kommune or "").strip().casefold():
            return sy
    known = ", ".join(sy.label for sy in content.school_years) or "ingen"
    if kommune and kommune.strip():
        raise YearPlanError(
            f"Der er ingen skoleårsfil for {school_year} ({kommune}). Kendte skoleår: {known}. Vælg skoleåret uden "
            "kommune (datoerne beregnes), eller upload kommunens skoleårsfil.")
    start = int(school_year[:4]) if re.fullmatch(r"\d{4}/\d{2}", school_year) else None
    if start is None or int(school_year[5:]) != (start + 1) % 100:
        raise YearPlanError(f"'{school_year[:20]}' er ikke et skoleår – skriv to år efter hinanden, fx 2027/28.")
    try:
        return sc.derived_year(start)
    except ValueError as exc:
        raise YearPlanError(str(exc)) from None


def offered_years(content, today: dt.date | None = None) -> list[sc.SchoolYear]:
    """The school years to choose from: every file, and the running year and the next ones, derived where no
    file (without a kommune) exists – in school-year order."""
    now = int(sc.school_year_of(today or dt.date.today())[:4])
    out = list(content.school_years)
    have = {sy.school_year for sy in out if not sy.kommune}
    for y in range(now, now + YEARS_AHEAD + 1):
        if sc.FIRST_START_YEAR <= y <= sc.LAST_START_YEAR and f"{y}/{(y + 1) % 100:02d}" not in have:
            out.append(sc.derived_year(y))
    return sorted(out, key=lambda s: (s.school_year, s.kommune or ""))


def default_start(year: sc.SchoolYear, today: dt.date | None = None) -> dt.date | None:
    """Today, when the school year is already running: a plan made in November should not fill September."""
    today = today or dt.date.today()
    return today if year.first_school_day < today <= year.last_school_day else None


def default_school_year(content, today: dt.date | None = None) -> str | None:
    """The school year running today (from July: the one about to start): its file, or derived from the pattern."""
    today = today or dt.date.today()
    now = sc.school_year_of(today)
    try:
        year = find_school_year(content, now)
    except YearPlanError:
        years = sorted({sy.school_year for sy in content.school_years})
        return years[-1] if years else None
    if today > year.last_school_day and year.start_year < sc.LAST_START_YEAR:
        return _next_label(year)  # the last days of June: this year is over, the next one is the one to plan
    return now


def carry_sequences(old: YearPlan | None, new: YearPlan) -> YearPlan:
    """A rebuilt plan keeps each event's revision count, one higher where the session moved, so a calendar that
    imports the file again moves the event instead of keeping the old time. A session of the old plan that the new
    one no longer has is kept as a cancelled event (not one already held), so it does not stand in calendars – but
    only for the classes the new plan still has: a plan for other schools (the page's example, another year) starts
    clean, and nobody's calendar gets cancellations of events it never held."""
    if old is None:
        return new
    classes = set(new.classes())
    if old.request.school_year != new.request.school_year:
        return new
    before = {s.uid: s for s in old.sessions}
    sessions = []
    for s in new.sessions:
        prev = before.get(s.uid)
        if prev is not None:
            moved = (prev.date, prev.start, prev.theme, prev.kind) != (s.date, s.start, s.theme, s.kind)
            s = s.model_copy(update={"sequence": prev.sequence + (1 if moved else 0)})
        sessions.append(s)
    kept = {s.uid for s in sessions}
    removed = [r for r in old.removed if r.uid not in kept and (r.school, r.class_name) in classes]
    removed += [s.model_copy(update={"status": "aflyst", "sequence": s.sequence + 1}) for s in old.sessions
                if s.uid not in kept and s.status != "gennemfoert" and (s.school, s.class_name) in classes]
    return new.model_copy(update={"sessions": sessions, "removed": removed[-MAX_YEAR_SESSIONS:]})


def exam_start(year: sc.SchoolYear) -> dt.date:
    """9. klasse has no lesson from 1 May: the written exams come in May."""
    return dt.date(year.start_year + 1, 5, 1)


def plan_year(content, req: YearPlanRequest) -> sc.SchoolYear:
    """The coordinator's own school year when the request has one, else the content file."""
    return req.calendar if req.calendar is not None else find_school_year(content, req.school_year, req.kommune)


def class_themes(content, prog: Progression, grade, age, had=()) -> list[str]:
    """The themes a class gets, in order: its grade's progression; for a class that has had themes in earlier years
    (from "Næste skoleår") the ones it has not had – its grade's first, then those of the grades after it, then any
    other theme that suits it. Only when every suitable theme has been had do they come round again, the longest
    ago first."""
    own = prog.themes_for(grade, age)
    if not had:
        return own
    band = band_of(grade)
    pupils = age or (band_for_grade(grade) if grade != "special" else EVERY_AGE)
    later = [t for g in GRADES if isinstance(g, int) and isinstance(grade, int) and g > grade
             for t in prog.themes_for(g, age)]
    suits = {t.id for t in content.themes if t.suits(band, pupils)}
    order = list(dict.fromkeys([*own, *later, *(t.id for t in content.themes)]))
    fresh = [t for t in order if t in suits and t not in set(had)]
    again = [t for t in dict.fromkeys(had) if t in suits]  # the longest ago first
    return fresh + again or own


def _next_label(year: sc.SchoolYear) -> str:
    y = year.start_year + 1
    return f"{y}/{(y + 1) % 100:02d}"


def _advice(req: YearPlanRequest) -> str:
    tips = []
    if len(req.weekdays) < 5:
        tips.append("flere ugedage")
    if req.max_per_day < 6:
        tips.append("flere lektioner om dagen")
    if not req.same_half_day and len(req.schools) > 1:
        tips.append("to skoler på samme halve dag")
    tips += ["færre lektioner pr. klasse", "færre klasser"]
    if req.start_from:
        tips.append("en tidligere startdato")
    if req.parent_meetings:
        tips.append("uden forældremøder")
    return "Vælg " + ", ".join(tips[:-1]) + " eller " + tips[-1] + "."


ClassRow = tuple[str, str, Any, Any]
"""(school, class, grade, the pupils' age band given for a class without a grade)."""


def build_plan(content, request: YearPlanRequest | dict) -> YearPlan:
    """The default year plan for a request: themes from the progression file, one coordinator's capacity, sessions
    spread over the remaining full school weeks."""
    req = request if isinstance(request, YearPlanRequest) else YearPlanRequest.model_validate(request)
    year = plan_year(content, req)
    prog: Progression | None = content.progression
    if prog is None:
        raise YearPlanError(f"Filen materials/{PROGRESSION_FILE} mangler eller har fejl. Kør `python -m planner check`.")
    template = content.by_id("templates")[prog.template]
    cal = sc.calendar(year, req.winter_break_week)
    rules = Rules.of(req)
    n = req.sessions_per_year or prog.sessions_per_year
    first = _first_day(req, cal, year)
    left = f" fra {sc.long_date(first)}" if req.start_from else ""
    weeks = [w for w in cal.full_weeks if w.monday + dt.timedelta(days=4) >= first]
    starts = rules.lesson_starts(template.minutes)
    if not starts:
        raise YearPlanError(f"En lektion på {template.minutes} minutter kan ikke ligge i koordinatorens tid "
                            f"{rules.day_start:%H.%M}–{rules.day_end:%H.%M} – vælg en længere dag.")
    classes = plan_classes(req)
    exams = exam_start(year)
    _check_exams(classes, first, exams, left, year)
    days = [w.monday + dt.timedelta(days=i) for w in weeks for i in rules.weekdays]
    days = [d for d in days if d >= first and cal.is_school_day(d)]
    _check_weeks(req, len(weeks), n, first, cal.last, year)
    _check_room(req, rules, days, len(starts), len(weeks), len(classes) * n, len(classes), left)
    mondays = [w.monday for w in weeks]
    demands = lesson_demands(classes, mondays, n, exams, left)
    sessions = _place(content, prog, req, year, template, rules, starts, mondays, first, exams, classes, demands,
                      left)
    return make_plan(req, year, cal.winter_break_week, content.themes, content.templates, sessions)


def _first_day(req: YearPlanRequest, cal: sc.SchoolCalendar, year: sc.SchoolYear) -> dt.date:
    """The first day sessions may lie on. A date before the school year means its first day (a coordinator planning
    next year in June); after it, there is nothing left to plan."""
    if req.start_from and req.start_from > cal.last:
        raise YearPlanError(f"Skoleåret {year.label} er slut: startdatoen {sc.long_date(req.start_from)} ligger efter "
                            f"sidste skoledag, {sc.long_date(year.last_school_day)}. Vælg næste skoleår "
                            f"({_next_label(year)}), eller en dato i skoleåret.")
    return max(req.start_from or cal.first, cal.first)


def plan_classes(req: YearPlanRequest) -> list[ClassRow]:
    """Classes in turn: school by school, each school's classes in grade order, so the coordinator stays at one
    school for a while (less travel) and every school comes round in every part of the year."""
    return [(s.name, c, class_grade(c), s.age_bands.get(c)) for s in req.schools
            for c in sorted(s.classes, key=lambda c: (GRADES.index(class_grade(c)), c))]


def _check_exams(classes: list[ClassRow], first: dt.date, exams: dt.date, left: str, year: sc.SchoolYear) -> None:
    """Refuses a plan that starts after 1 May for classes with exams."""
    late = [f"{name} på {school}" for school, name, grade, _ in classes if grade in EXAM_GRADES]
    if late and first >= exams:
        few = late[:3] + ([f"{len(late) - 3} andre"] if len(late) > 3 else [])
        raise YearPlanError(
            f"{', '.join(few[:-1]) + ' og ' + few[-1] if len(few) > 1 else few[0]} har ingen "
            f"lektioner fra 1. maj (eksamen i 9. og 10. klasse), og årshjulet lægges{left}. Tag "
            f"{'klassen' if len(late) == 1 else 'klasserne'} ud af årshjulet, vælg en startdato før 1. maj, eller "
            f"planlæg næste skoleår ({_next_label(year)}).")


def _check_weeks(req: YearPlanRequest, n_weeks: int, n: int, first: dt.date, last: dt.date,
                 year: sc.SchoolYear) -> None:
    """Each class has its lessons in different full school weeks (and a parent meeting the week before the first):
    too few weeks left is a reason of its own, which more lessons a day would not change."""
    need = n + (1 if req.parent_meetings else 0)
    if n_weeks >= need:
        return
    have = ("ingen hele skoleuger" if not n_weeks else
            "kun 1 hel skoleuge" if n_weeks == 1 else f"kun {n_weeks} hele skoleuger")
    most = n_weeks - (need - n)  # the lessons a class can have in the weeks left
    tips = [f"{'1 lektion' if most == 1 else f'højst {most} lektioner'} pr. klasse"] if most >= 1 else []
    if req.parent_meetings and n_weeks:
        tips.append("ingen forældremøder" if n_weeks >= n else
                    f"{'1 lektion' if n_weeks == 1 else f'højst {n_weeks} lektioner'} pr. klasse uden "
                    "forældremøder")
    tips += ["en tidligere startdato"]
    choose = ", ".join(tips[:-1]) + " eller " + tips[-1] if len(tips) > 1 else tips[0]
    raise YearPlanError(
        f"Der er {have} tilbage fra {sc.long_date(first)} til sidste skoledag, {sc.long_date(last)} "
        f"(lektioner lægges kun i uger uden ferie og helligdage), og hver klasse skal have sine {n} "
        f"{'lektion' if n == 1 else 'lektioner'} i hver sin uge"
        + (" og forældremødet ugen før" if req.parent_meetings else "")
        + f". Vælg {choose} – eller planlæg næste skoleår ({_next_label(year)}).")


def _check_room(req: YearPlanRequest, rules: Rules, days: list[dt.date], n_starts: int, n_weeks: int, total: int,
                n_classes: int, left: str) -> None:
    """Refuses more lessons than the coordinator's days hold, and more than the weeks hold with one lesson a class
    a week (a week with one day left takes fewer than the days count says)."""
    a_day = min(rules.max_per_day, n_starts)
    room = len(days) * a_day
    if total > room:
        raise YearPlanError(
            f"Der er ikke plads til alle lektioner{left}: {total} lektioner for {n_classes} klasser, men "
            f"{n_weeks} {'hel skoleuge' if n_weeks == 1 else 'hele skoleuger'} med {len(days)} af "
            f"koordinatorens dage giver højst {room} lektioner "
            f"({rules.describe()}). {_advice(req)}")
    per_week: dict[dt.date, int] = {}
    for d in days:
        monday = d - dt.timedelta(days=d.weekday())
        per_week[monday] = per_week.get(monday, 0) + a_day
    usable = sum(min(cap, n_classes) for cap in per_week.values())
    if total > usable:
        raise YearPlanError(
            f"Der er ikke plads til alle lektioner{left}: {total} lektioner for {n_classes} klasser, og hver klasse "
            f"har sine lektioner i hver sin uge – de {n_weeks} hele skoleuger, der er tilbage, giver plads til højst "
            f"{usable} ({rules.describe()}). {_advice(req)}")


def lesson_demands(classes: list[ClassRow], mondays: list[dt.date], n: int, exams: dt.date,
                   left: str) -> list[tuple[int, int, int, int, int]]:
    """(target week, class, lesson number, first week, last week) of every lesson, in the order they are placed:
    each class's lessons spread evenly over its weeks (classes with exams end before 1 May), the classes offset
    from each other so the weeks fill evenly."""
    lo_all, hi_all = (1, len(mondays) - 2) if len(mondays) >= n + 4 else (0, len(mondays) - 1)
    demands = []
    for ci, (school, name, grade, _) in enumerate(classes):
        hi = hi_all
        if grade in EXAM_GRADES:
            hi = min(hi, max((i for i, m in enumerate(mondays) if m < exams), default=-1))
        lo = lo_all if hi - lo_all + 1 >= n else 0
        if hi - lo + 1 < n:
            k = max(0, hi - lo + 1)
            weeks_text = f"{'kun ' if k else ''}{k} {'hel skoleuge' if k == 1 else 'hele skoleuger'}"
            raise YearPlanError(f"{name} på {school} kan ikke nå {n} {'lektion' if n == 1 else 'lektioner'} før 1. maj "
                                f"(eksamen){left}: der er {weeks_text} før, og klassens lektioner ligger i hver sin "
                                "uge. Vælg færre lektioner pr. klasse eller en tidligere startdato.")
        span = hi - lo + 1
        frac = (ci + 0.5) / len(classes)
        for k in range(n):
            target = lo + min(span - 1, int((k + frac) / n * span))
            demands.append((target, ci, k, lo, hi))
    demands.sort()
    return demands


def _meeting_evening(scal: sc.SchoolCalendar, rules: Rules, bookings: Bookings, school: str, first: dt.date,
                     full: set[dt.date], before: dt.date) -> dt.date | None:
    """The latest free evening before a first lesson, within the coordinator's weekdays (not Friday)."""
    wds = [d for d in rules.weekdays if d < 4] or list(rules.weekdays)
    d = before - dt.timedelta(days=1)
    while d >= first:
        if d.weekday() in wds and scal.is_school_day(d) and d - dt.timedelta(days=d.weekday()) in full and \
                bookings.problem(d, MEETING_START, MEETING_MINUTES, school, "foraeldremoede") is None:
            return d
        d -= dt.timedelta(days=1)
    return None


def _place(content, prog: Progression, req: YearPlanRequest, year: sc.SchoolYear, template, rules: Rules,
           starts: list[dt.time], mondays: list[dt.date], first: dt.date, exams: dt.date, classes: list[ClassRow],
           demands: list[tuple[int, int, int, int, int]], left: str) -> list[Session]:
    """Every lesson (and parent meeting) on the free day nearest its target week, in the order of `demands`."""
    school_cals = {s.name: sc.calendar(year, req.winter_break_week, [c.day_off() for c in s.closed_days])
                   for s in req.schools}
    full = set(mondays)
    prefix = uid_prefix(year)
    bookings = Bookings(rules)
    placed: dict[tuple[int, int], tuple[int, dt.date]] = {}
    sessions: list[Session] = []
    # A class without a grade gets the themes of its pupils' age band (without one: themes for every age).
    had = {(s.name, c): s.themes_had.get(c, []) for s in req.schools for c in s.classes}
    themes_of = {(school, name): class_themes(content, prog, g, age, had[(school, name)])
                 for school, name, g, age in classes}

    def slot_on(ci: int, k: int, i: int, j: int):
        """The session's day, start and parent-meeting evening in week i on the coordinator's j-th weekday (counted
        from the class's own), or None."""
        school, _, grade, _ = classes[ci]
        scal = school_cals[school]
        day = mondays[i] + dt.timedelta(days=rules.weekdays[(ci + k + j) % len(rules.weekdays)])
        if day < first or not scal.is_school_day(day) or (grade in EXAM_GRADES and day >= exams):
            return None
        slot = next((t for t in starts if bookings.problem(day, t, template.minutes, school, "lektion") is None), None)
        if slot is None:
            return None
        evening = None
        if k == 0 and req.parent_meetings:
            evening = _meeting_evening(scal, rules, bookings, school, first, full, day)
            if evening is None:
                return None
        return i, day, slot, evening

    for target, ci, k, lo, hi in demands:
        school, name, grade, _ = classes[ci]
        after = placed[(ci, k - 1)][0] + 1 if k else lo
        order = sorted(range(max(lo, after), hi + 1), key=lambda i: (abs(i - target), i))
        found = next((x for i in order for j in range(len(rules.weekdays)) if (x := slot_on(ci, k, i, j))), None)
        if found is None:
            raise YearPlanError(
                f"{name} på {school} kan ikke få sin {k + 1}. lektion{left}: koordinatorens kalender er fuld i de "
                f"uger, der er tilbage ({rules.describe()}). {_advice(req)}")
        i, day, slot, evening = found
        placed[(ci, k)] = (i, day)
        themes = themes_of[(school, name)]
        uid = session_uid(prefix, school, name, "lektion", k + 1)
        s = Session(uid=uid, kind="lektion", school=school, class_name=name, grade=grade, date=day, start=slot,
                    minutes=template.minutes, theme=themes[k % len(themes)], template=template.id)
        bookings.book_session(s)
        sessions.append(s)
        if evening is not None:
            # Shortly before the first lesson, so parents know what their child will talk about.
            m = Session(uid=session_uid(prefix, school, name, "foraeldremoede", 1), kind="foraeldremoede",
                        school=school, class_name=name, grade=grade, date=evening, start=MEETING_START,
                        minutes=MEETING_MINUTES, theme=themes[0],
                        note="Fortæl om forløbet, og del forældrebrevet fra klassesættet.")
            bookings.book_session(m)
            sessions.append(m)
    return sessions
