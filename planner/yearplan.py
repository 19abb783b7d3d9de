"""Year plans (årshjul): prevention sessions for grades 0–9 and special classes, spread over a school year.

A YearPlan is plain data and self-contained: it carries its school calendar, the themes and the lesson templates
it uses, so it validates, exports and reopens without the content library. Every function is pure: the same
request gives the same plan, and an edit returns a new plan plus Danish messages for what was refused.

Placement: each grade's sessions go evenly over the full school weeks (see school_calendar: a week with any day
off is a holiday week and never gets a session), shifted a little per grade so the grades do not all come in the
same week, except that the session nearest to Uge Sex (week 6) goes into Uge Sex where that week is a full week.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from . import models as m
from . import school_calendar as sc
from .bands import BAND_LABELS, Band, band_for_grade
from .plan_files import read_plan_file

MAX_SESSIONS = 6
MAX_NOTE = 300
MAX_PLAN_BYTES = 2_000_000
LESSON_START = (dt.time(8, 0), dt.time(10, 0), dt.time(12, 0))
"""Two grades share a weekday in a week with all grades (Uge Sex): the second comes at ten."""
MEETING_START = dt.time(19, 0)
MEETING_MINUTES = 90

_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _clean_note(text: str) -> str:
    """One line of text every export can hold: no control characters, which Excel and Word files cannot store."""
    return re.sub(r"\s+", " ", _UNPRINTABLE.sub("", text)).strip()[:MAX_NOTE]


Grade = Annotated[int, Field(ge=0, le=9)] | Literal["special"]
Note = Annotated[str, Field(max_length=MAX_NOTE * 4), AfterValidator(_clean_note)]
GRADES: tuple[int | str, ...] = (*range(10), "special")
SessionKind = Literal["lektion", "foraeldremoede"]
KIND_LABELS = {"lektion": "Lektion", "foraeldremoede": "Forældremøde"}
_THE = {"lektion": "Lektionen", "foraeldremoede": "Forældremødet"}
_NEW = {"lektion": "Ny lektion", "foraeldremoede": "Nyt forældremøde"}
BAND_COLOURS = {"indskoling": "#009E73", "mellemtrin": "#0072B2", "udskoling": "#D55E00", "special": "#CC79A7"}
"""Okabe–Ito colours: told apart also with red–green colour blindness."""


class YearPlanError(ValueError):
    """The request cannot be met; the message says why and what would work."""


class YearPlanFileError(ValueError):
    """A plan file is malformed or has been tampered with; the message says what is wrong."""


# --- Grades ------------------------------------------------------------------------------------


def grade_key(grade) -> str:
    return str(grade)


def parse_grade(value) -> int | str | None:
    """A grade from a table cell or the command line: 5, '5', '5.', '5. klasse' or 'special'."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 0 <= value <= 9:
        return int(value)
    text = str(value).strip().lower()
    if text.startswith("special"):
        return "special"
    found = re.fullmatch(r"(\d)\.?( klasse)?", text)
    return int(found.group(1)) if found else None


def grade_label(grade) -> str:
    return "Specialklasse" if grade == "special" else f"{grade}. klasse"


def band_of(grade) -> Band:
    return "special" if grade == "special" else band_for_grade(int(grade))


def parse_grades(text: str) -> list:
    """'0-9', '4-6,special' or '0,2,4' → grades in school order. Raises YearPlanError with what is wrong."""
    out: set = set()
    for part in (p.strip() for p in text.split(",") if p.strip()):
        lo, sep, hi = part.partition("-")
        if sep:
            a, b = parse_grade(lo), parse_grade(hi)
            if not isinstance(a, int) or not isinstance(b, int) or a > b:
                raise YearPlanError(f"'{part}' er ikke et interval af klassetrin – skriv fx 0-9.")
            out.update(range(a, b + 1))
        else:
            g = parse_grade(part)
            if g is None:
                raise YearPlanError(f"'{part}' er ikke et klassetrin – brug 0–9 eller special.")
            out.add(g)
    if not out:
        raise YearPlanError("Vælg mindst ét klassetrin, fx 0-9.")
    return [g for g in GRADES if g in out]


# --- The theme progression (content file) --------------------------------------------------------


class GradeThemes(m.Strict):
    grade: Grade
    themes: list[m.Id] = Field(min_length=1)


class Progression(m.Strict):
    sessions_per_year: int = Field(default=2, ge=1, le=MAX_SESSIONS)
    template: m.Id = "lektion"
    grades: list[GradeThemes] = Field(min_length=1)

    def themes_for(self, grade) -> list[str]:
        return next(g.themes for g in self.grades if g.grade == grade)


PROGRESSION_FILE = "yearplan_progression.yaml"


def load_year_content(r, mat: Path, content, today: dt.date) -> None:
    """Load materials/school_years/*.yaml and materials/yearplan_progression.yaml into `content`, reporting
    problems through the loader's reader `r` (file, line, entry, field). Both are optional: without them the
    rest of Klassekit works, and the year plan says what is missing."""
    from .loader import STALE_AFTER, _line_of  # late: the loader imports this module

    folder = mat / "school_years"
    seen: dict[tuple, Path] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        node = r.read(path)
        if node is None:
            continue
        sy = r.one(path, node, sc.SchoolYear, [])
        if sy is None:
            continue
        bad = sc.year_problems(sy)
        for entry, fld, message in bad:
            line = r.line_of_entry(path, entry, fld) if entry else _line_of(r.rt(path), [fld], None)
            r.problem(path, line, entry, fld, message)
        key = (sy.school_year, sy.kommune)
        if key in seen:
            r.problem(path, _line_of(r.rt(path), ["school_year"], None), None, "school_year",
                      f"skoleåret {sy.label} findes også i {r.rel(seen[key])} – skriv 'kommune:' i den ene fil")
            continue
        seen[key] = path
        if sy.checked > today:
            r.problem(path, _line_of(r.rt(path), ["checked"], None), None, "checked",
                      f"datoen {sy.checked.isoformat()} ligger i fremtiden")
        elif today - sy.checked > STALE_AFTER:
            r.problem(path, _line_of(r.rt(path), ["checked"], None), None, "checked",
                      f"sidst tjekket {sy.checked.isoformat()} – over et år siden; tjek ferieplanen igen", warning=True)
        if not bad:
            content.school_years.append(sy)
    content.school_years.sort(key=lambda s: (s.school_year, s.kommune or ""))

    path = mat / PROGRESSION_FILE
    if not path.exists():
        return
    node = r.read(path)
    if node is None:
        return
    prog = r.one(path, node, Progression, [])
    if prog is None:
        return
    themes = {t.id: t for t in content.themes}
    ok = True

    def bad_at(loc: list, fld: str, message: str) -> None:
        nonlocal ok
        ok = False
        r.problem(path, _line_of(r.rt(path), loc, None), None, fld, message)

    if prog.template not in {t.id for t in content.templates}:
        bad_at(["template"], "template", f"lektionsskabelonen '{prog.template}' findes ikke i lesson_templates/templates.yaml")
    listed = [g.grade for g in prog.grades]
    for i, g in enumerate(prog.grades):
        if listed.index(g.grade) != i:
            bad_at(["grades", i, "grade"], f"grades.{i}.grade", f"klassetrinnet {g.grade} står der mere end én gang")
        band = band_of(g.grade)
        for j, t in enumerate(g.themes):
            if t not in themes:
                if t not in r.invalid:
                    bad_at(["grades", i, "themes", j], f"grades.{i}.themes",
                           f"temaet '{t}' findes ikke i materials/themes.yaml")
            elif band not in themes[t].bands:
                bad_at(["grades", i, "themes", j], f"grades.{i}.themes",
                       f"temaet '{t}' passer ikke til {grade_label(g.grade)} – {BAND_LABELS[band]}")
    for g in GRADES:
        if g not in listed:
            bad_at(["grades"], "grades", f"{grade_label(g)} mangler på listen")
    if ok:
        content.progression = prog


# --- The plan ------------------------------------------------------------------------------------


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class YearPlanRequest(_Data):
    school_year: str
    kommune: str | None = None
    grades: list[Grade] = Field(default_factory=lambda: list(range(10)), min_length=1)
    sessions_per_year: int | None = Field(default=None, ge=1, le=MAX_SESSIONS)
    """None: the progression file's number (2)."""
    winter_break_week: Literal[7, 8] | None = None
    """None: the school-year file's week."""
    parent_meetings: bool = False
    start_from: dt.date | None = None
    """Place sessions from this day on – for a school year that is already running. None: the first school day."""


class Session(_Data):
    uid: str = Field(min_length=3, max_length=120)
    """Stable across edits, so a calendar that imports the plan again moves the event instead of doubling it."""
    kind: SessionKind = "lektion"
    grade: Grade
    date: dt.date
    start: dt.time
    minutes: int = Field(ge=10, le=400)
    theme: str
    template: str | None = None
    note: Note = ""
    sequence: int = Field(default=0, ge=0)
    """Counts the edits of this session: the SEQUENCE of the calendar event."""

    @property
    def week(self) -> tuple[int, int]:
        return sc.iso_week(self.date)

    @property
    def band(self) -> Band:
        return band_of(self.grade)


class YearPlan(_Data):
    schema_version: Literal[1] = 1
    request: YearPlanRequest
    year: sc.SchoolYear
    winter_break_week: int = Field(ge=7, le=10)
    themes: list[m.Theme]
    templates: list[m.LessonTemplate]
    sessions: list[Session]

    @model_validator(mode="after")
    def _consistent(self):
        cal = self.calendar()
        themes = self.theme_by_id
        templates = self.template_by_id
        uids = [s.uid for s in self.sessions]
        if len(set(uids)) != len(uids):
            raise ValueError("to sessioner har samme id")
        for s in self.sessions:
            what = f"{KIND_LABELS[s.kind].lower()} for {grade_label(s.grade)} {sc.short_date(s.date)}"
            why = cal.why_not(s.date)
            if why:
                raise ValueError(f"{what} kan ikke ligge på den dag: {why}")
            if s.theme not in themes:
                raise ValueError(f"{what}: temaet '{s.theme}' findes ikke")
            if s.band not in themes[s.theme].bands:
                raise ValueError(f"{what}: temaet '{themes[s.theme].title}' passer ikke til {BAND_LABELS[s.band]}")
            if s.kind == "lektion" and s.template not in templates:
                raise ValueError(f"{what}: lektionsskabelonen '{s.template}' findes ikke")
        return self

    def calendar(self) -> sc.SchoolCalendar:
        return sc.calendar(self.year, self.winter_break_week)

    @property
    def theme_by_id(self) -> dict[str, m.Theme]:
        return {t.id: t for t in self.themes}

    @property
    def template_by_id(self) -> dict[str, m.LessonTemplate]:
        return {t.id: t for t in self.templates}

    @property
    def grades(self) -> list:
        """Requested grades and any grade a session was added for, in school order."""
        present = set(self.request.grades) | {s.grade for s in self.sessions}
        return [g for g in GRADES if g in present]

    @property
    def title(self) -> str:
        return f"Årshjul {self.year.label}"

    def lessons(self, grade=None) -> list[Session]:
        return [s for s in self.sessions if s.kind == "lektion" and (grade is None or s.grade == grade)]

    def sessions_of(self, grade) -> list[Session]:
        return [s for s in self.sessions if s.grade == grade]

    def theme_title(self, theme_id: str) -> str:
        t = self.theme_by_id.get(theme_id)
        return t.title if t else theme_id


def _order(s: Session) -> tuple:
    return s.date, s.start, GRADES.index(s.grade), s.kind, s.uid


def _uid_prefix(year: sc.SchoolYear) -> str:
    slug = sc.school_year_slug(year.school_year)
    if year.kommune:
        slug += "-" + (re.sub(r"[^a-z0-9]+", "-", year.kommune.lower()).strip("-") or "kommune")
    return slug


def _make(request: YearPlanRequest, year: sc.SchoolYear, winter: int, themes, templates, sessions) -> YearPlan:
    return YearPlan(request=request, year=year, winter_break_week=winter, themes=list(themes),
                    templates=list(templates), sessions=sorted(sessions, key=_order))


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
    prefix = _uid_prefix(year)
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
    return _make(req, year, cal.winter_break_week, content.themes, content.templates, sessions)


# --- Editing in a table ------------------------------------------------------------------------

COLUMNS = ("uid", "uge", "dato", "tid", "klasse", "type", "tema", "skabelon", "note")


def table_rows(plan: YearPlan) -> list[dict]:
    """One row per session, for st.data_editor; `uid` ties an edited row to its session."""
    return [{"uid": s.uid, "uge": s.week[1], "dato": s.date, "tid": s.start, "klasse": grade_key(s.grade),
             "type": s.kind, "tema": s.theme, "skabelon": s.template, "note": s.note} for s in plan.sessions]


class _Refused(Exception):
    pass


def _blank(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    try:
        return bool(v != v)  # NaN and NaT differ from themselves
    except TypeError:  # pandas' NA has no truth value
        return True


def _as_date(v: Any, where: str) -> dt.date | None:
    if _blank(v):
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
    if _blank(v):
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
    kind = row.get("type") if not _blank(row.get("type")) else (before.kind if before else "lektion")
    if kind not in KIND_LABELS:
        raise _Refused(f"{where}: typen '{kind}' findes ikke – vælg lektion eller forældremøde.")
    what = f"{_THE[kind]} for {grade_label(grade)}"

    fits = [t for t in plan.themes if band in t.bands]
    theme = row.get("tema")
    if _blank(theme):
        used_themes = {s.theme for s in taken if s.grade == grade}
        theme = next((t.id for t in fits if t.id not in used_themes), fits[0].id)
    if theme not in themes:
        raise _Refused(f"{where}: temaet '{theme}' findes ikke.")
    if band not in themes[theme].bands:
        raise _Refused(
            f"{where}: temaet '{themes[theme].title}' passer ikke til {grade_label(grade)} – {BAND_LABELS[band]}. "
            f"Vælg fx {', '.join(t.title for t in fits[:4])}.")

    template = None
    if kind == "lektion":
        template = row.get("skabelon")
        if _blank(template):
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
        notes.append(f"{_NEW[kind]} for {grade_label(grade)} er lagt {sc.long_date(date)} "
                     f"(uge {sc.iso_week(date)[1]}) – ret datoen i tabellen, hvis den skal ligge et andet sted.")
    why = cal.why_not(date)
    if why:
        keep = (f"Den bliver liggende {sc.long_date(before.date)}." if before else "Rækken er ikke tilføjet.")
        raise _Refused(f"{what} kan ikke ligge {sc.long_date(date)}: {why}. {keep}")

    start = _as_time(row.get("tid"), where) or (before.start if before else
                                                 (MEETING_START if kind == "foraeldremoede" else LESSON_START[0]))
    note = "" if _blank(row.get("note")) else _clean_note(str(row.get("note")))
    uid = before.uid if before else _new_uid(_uid_prefix(plan.year), grade, kind, used)
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
    cal = plan.calendar()
    old = {s.uid: s for s in plan.sessions}
    used = set(old)
    kept: list[Session] = []
    messages: list[str] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, 1):
        uid = None if _blank(row.get("uid")) else str(row.get("uid"))
        before = old.get(uid) if uid and uid not in seen else None
        if before:
            seen.add(before.uid)
        where = (f"{_THE[before.kind]} for {grade_label(before.grade)} {sc.short_date(before.date)}"
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
    new = _make(plan.request, plan.year, plan.winter_break_week, plan.themes, plan.templates, kept)
    return new, messages


def move_session(plan: YearPlan, uid: str, date: dt.date) -> tuple[YearPlan, list[str]]:
    """Move one session to another day (the CLI and tests; the app edits the whole table)."""
    rows = table_rows(plan)
    if uid not in {r["uid"] for r in rows}:
        return plan, [f"Sessionen '{uid}' findes ikke i årshjulet."]
    return apply_table(plan, [r | {"dato": date} if r["uid"] == uid else r for r in rows])


# --- Files -----------------------------------------------------------------------------------


def to_json(plan: YearPlan) -> str:
    return plan.model_dump_json(indent=2)


def from_json(data: bytes | str, content=None) -> YearPlan:
    """Read a saved year plan. Anything malformed raises YearPlanFileError with a Danish explanation; with
    `content`, themes and templates that no longer exist are reported too."""
    plan = read_plan_file(data, YearPlan, error=YearPlanFileError, limit=MAX_PLAN_BYTES, required=("sessions", "year"),
                          noun="årshjulet",
                          not_this_kind="Filen er ikke et årshjul fra Klassekit. (En lektionsplan åbnes under Planlæg lektion.)")
    if content is not None:
        known_themes, known_templates = set(content.by_id("themes")), set(content.by_id("templates"))
        for s in plan.sessions:
            if s.theme not in known_themes:
                raise YearPlanFileError(f"Årshjulet bruger temaet '{s.theme}', som ikke findes længere.")
            if s.template and s.template not in known_templates:
                raise YearPlanFileError(f"Årshjulet bruger lektionsskabelonen '{s.template}', som ikke findes længere.")
    return plan


def file_stem(plan: YearPlan) -> str:
    return "aarshjul-" + _uid_prefix(plan.year)


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
    out = [{"title": b.title, "start": year_fraction(b.start, plan.year),
            "end": year_fraction(b.end + dt.timedelta(days=1), plan.year) or 1.0} for b in cal.breaks]
    out.append({"title": "Sommerferie", "start": year_fraction(cal.last + dt.timedelta(days=1), plan.year), "end": 1.0})
    out.append({"title": "Sommerferie", "start": 0.0,
                "end": year_fraction(cal.first, plan.year)})
    return [b for b in out if b["end"] > b["start"]]


def wheel_layers(plan: YearPlan) -> dict[str, list[dict]]:
    """Everything the app's circular chart draws, as x/y rows on a unit circle: grade rings, month spokes and
    names, holidays as arcs just outside the rings, the Uge Sex spoke and the sessions."""
    rings = [{"klasse": grade_label(g), "orden": i, **dict(zip(("x", "y"), polar(i / 72, ring_radius(plan, g))))}
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
    return f"Uge {s.week[1]}, {sc.WEEKDAYS[s.date.weekday()][:3]}. {s.date:%d.%m}: {kind}{plan.theme_title(s.theme)}"
