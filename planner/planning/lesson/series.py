"""A forløb: 2–6 lessons for one class, planned in one go and taught week after week.

Every lesson is a normal LessonPlan (assembled, edited and saved by the lesson machinery); the Series adds the rules
that only hold between lessons and checks them itself, so no edit, file or link can leave a forløb that breaks them:
no exercise twice, no method more than twice in a row, the themes from easier to harder, the first lesson opening
with the class's agreements and a safe start, the last ending with help and an evaluation.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ...content.bands import AgeBand, Band, age_band_of
from ...content.loader import Content
from ...content.messages import danish
from .assembly import assemble
from .exercises import pupils_label, themes_for
from .details import KitInfo
from .editing import add_exercise, move_exercise, remove_exercise, set_minutes, swap_exercise
from .plan import (
    MAX_LIST,
    MAX_PLAN_BYTES,
    MIN_MINUTES,
    LessonPlan,
    LessonRequest,
    PlanError,
)
from .series_progression import band_themes, spread, theme_order
MIN_LESSONS = 2
MAX_LESSONS = 6
MAX_SERIES_MINUTES = 90
"""A forløb is lessons, not theme days: at most a double lesson each, so six lessons never need more exercises than
a band has."""
MAX_RUN = 2
"""No method more than twice in a row: a third quiz or værdiøvelse in a row bores a class."""
MAX_SERIES_BYTES = MAX_PLAN_BYTES * MAX_LESSONS
MAX_SPAN_DAYS = 366
HELP_THEME = "hvor-kan-jeg-faa-hjaelp"
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")

OPENING = ("Første gang i forløbet: lav klassens aftaler sammen med eleverne, og skriv dem op, så de kan hænge "
           "fremme i alle lektionerne. Begynd trygt: ingen skal fortælle om sig selv, og man må altid sige pas.")
AGAIN = "Gentag kort klassens aftaler fra første lektion i forløbet."
EVALUATION = ("Evaluering af forløbet: hvad har I lært i lektionerne, hvad var svært, og hvad vil eleverne vide mere "
              "om? Mind alle om, hvor man kan få hjælp – også når forløbet er slut.")


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LessonLength(_Data):
    """One lesson's length: a lesson template (20, 45, 90 minutes) or free minutes."""

    template: str | None = Field(default=None, max_length=80)
    minutes: int | None = Field(default=None, ge=1, le=MAX_SERIES_MINUTES)

    @model_validator(mode="after")
    def _one(self):
        if (self.template is None) == (self.minutes is None):
            raise ValueError("vælg enten en lektionsskabelon eller et antal minutter")
        return self


class SeriesRequest(_Data):
    band: Band
    age_band: AgeBand | None = None
    lessons: int = Field(ge=MIN_LESSONS, le=MAX_LESSONS)
    lengths: list[LessonLength] = Field(min_length=1, max_length=MAX_LESSONS)
    """One length for every lesson, or one per lesson."""
    themes: list[Annotated[str, Field(max_length=80)]] = Field(default=[], max_length=20)
    """The themes the forløb must cover; none: the band's progression decides."""
    dates: list[dt.date] = Field(default=[], max_length=MAX_LESSONS)
    """Each lesson's date; or none and a start date, then the lessons come weekly from it."""
    start_date: dt.date | None = None
    kommune: str | None = Field(default=None, max_length=80)

    @model_validator(mode="after")
    def _shape(self):
        if len(self.lengths) not in (1, self.lessons):
            raise ValueError(f"giv én længde for alle lektioner eller én for hver af de {self.lessons} lektioner")
        if self.dates and len(self.dates) != self.lessons:
            raise ValueError(f"giv en dato for hver af de {self.lessons} lektioner")
        if self.dates and self.start_date:
            raise ValueError("giv enten datoerne eller en startdato")
        if any(b <= a for a, b in zip(self.dates, self.dates[1:], strict=False)):
            raise ValueError("datoerne skal komme i rækkefølge, én lektion pr. dag")
        if self.dates and (self.dates[-1] - self.dates[0]).days > MAX_SPAN_DAYS:
            raise ValueError("et forløb varer højst et år fra første til sidste lektion")
        if len(set(self.themes)) != len(self.themes):
            raise ValueError("et tema står der mere end én gang")
        return self

    def length_of(self, i: int) -> LessonLength:
        return self.lengths[i] if len(self.lengths) > 1 else self.lengths[0]

    def lesson_dates(self) -> list[dt.date | None]:
        if self.dates:
            return list(self.dates)
        if self.start_date:
            return [self.start_date + dt.timedelta(weeks=i) for i in range(self.lessons)]
        return [None] * self.lessons


def date_text(day: dt.date | None) -> str:
    """'mandag 8. februar 2027', as the documents print it."""
    if day is None:
        return ""
    return f"{WEEKDAYS[day.weekday()]} {day.day}. {MONTHS[day.month - 1]} {day.year}"


def week_start(year: int, week: int, weekday: int) -> dt.date:
    """The date of a weekday (1 = monday) in an ISO week, for teachers who plan by week number."""
    try:
        return dt.date.fromisocalendar(year, week, weekday)
    except ValueError:
        raise PlanError(f"Uge {week} i {year} findes ikke. Vælg en uge mellem 1 og 52.") from None


class Series(_Data):
    schema_version: Literal[1] = 1
    kind: Literal["forloeb"] = "forloeb"
    request: SeriesRequest
    theme_order: list[str]
    """Every theme from easier to harder, from the content library (never from a file): the order lessons follow."""
    lessons: list[LessonPlan] = Field(min_length=MIN_LESSONS, max_length=MAX_LESSONS)
    kit: KitInfo = KitInfo()

    @model_validator(mode="after")
    def _rules(self):
        for problem in series_problems(self):
            raise ValueError(problem)
        return self

    @property
    def dates(self) -> list[dt.date | None]:
        return self.request.lesson_dates()

    @property
    def title(self) -> str:
        return f"Forløb: {' · '.join(t.title for t in self.themes[:3])} – {self.lessons[0].band_label}"

    @property
    def themes(self) -> list:
        seen: dict = {}
        for p in self.lessons:
            for t in p.themes:
                seen.setdefault(t.id, t)
        return list(seen.values())


def series_problems(series: Series) -> list[str]:
    """Every rule between the lessons that the series breaks, in Danish (empty: it keeps them all)."""
    out = []
    r, lessons = series.request, series.lessons
    if len(lessons) != r.lessons:
        out.append(f"forløbet skal have {r.lessons} lektioner, men har {len(lessons)}")
    ab = age_band_of(r.band, r.age_band)
    for i, p in enumerate(lessons, 1):
        if p.band != r.band or p.age_band != ab:
            out.append(f"lektion {i} er ikke til samme klasse som forløbet")
        if p.minutes > MAX_SERIES_MINUTES:
            out.append(f"lektion {i} varer {p.minutes} minutter: et forløb har lektioner på højst "
                       f"{MAX_SERIES_MINUTES} minutter")
    seen: dict[str, int] = {}
    for i, p in enumerate(lessons, 1):
        for a in p.exercise_activities:
            x = a.exercise_id or ""
            if x in seen:
                out.append(f"øvelsen »{a.title}« er med både i lektion {seen[x]} og lektion {i}")
            seen.setdefault(x, i)
    run = method_run(series.lessons)
    if run:
        out.append(run)
    rank = {t: k for k, t in enumerate(series.theme_order)}
    last = -1
    for i, p in enumerate(lessons, 1):
        # A lesson is about its first theme; the others only lend exercises when the first has run out of them.
        lead = rank.get(p.request.themes[0], len(rank)) if p.request.themes else last
        if lead < last:
            out.append(f"lektion {i} tager et lettere tema op end lektionen før: temaerne skal komme fra det lette "
                       "til det svære")
        last = max(lead, last)
        allowed = set(p.request.themes) | {t for e in p.exercises for t in e.themes} | {HELP_THEME}
        for f in p.facts:
            if not allowed & set(f.themes):
                out.append(f"lovstoffet »{f.title}« i lektion {i} hører ikke til lektionens temaer")
    planned = {t for p in lessons for t in p.request.themes}
    missing = [t for t in r.themes if t not in planned]
    if missing:
        out.append(f"forløbet skal tage temaet '{missing[0]}' op i en af lektionerne")
    kinds = [a.kind for a in lessons[0].activities[:2]] if lessons else []
    if kinds != ["ground_rules", "starter"]:
        out.append("første lektion skal begynde med klassens aftaler og en tryg opstart")
    kinds = [a.kind for a in lessons[-1].activities[-2:]] if lessons else []
    if kinds != ["help", "closing"]:
        out.append("sidste lektion skal slutte med hjælp og en evaluering")
    return out


def method_run(lessons: list[LessonPlan]) -> str:
    """The first place where one method comes more than MAX_RUN times in a row through the forløb, in Danish."""
    flat = [(i, p.exercise(a.exercise_id)) for i, p in enumerate(lessons, 1) for a in p.exercise_activities]
    for k in range(MAX_RUN, len(flat)):
        window = flat[k - MAX_RUN: k + 1]
        if len({e.method for _, e in window}) == 1:
            where = sorted({i for i, _ in window})
            return (f"metoden »{window[0][1].method_label}« kommer {MAX_RUN + 1} gange i træk "
                    f"(lektion {', '.join(map(str, where))})")
    return ""


def why_invalid(exc: ValidationError) -> str:
    """The first problem of a validation error, in Danish."""
    return danish(dict(exc.errors()[0]))


def build_series(content: Content, request: SeriesRequest | dict, kit: KitInfo | None = None) -> Series:
    """Plan the forløb: each lesson assembled like a single lesson, on its share of the themes, without the exercises
    earlier lessons used, and without a method a third time in a row."""
    try:
        req = request if isinstance(request, SeriesRequest) else SeriesRequest.model_validate(request)
    except ValidationError as exc:
        raise PlanError(f"Forløbet kan ikke laves: {why_invalid(exc)}") from None
    if req.band != "special" and req.age_band not in (None, req.band):
        req = req.model_copy(update={"age_band": None})
    ab = age_band_of(req.band, req.age_band)
    by_id = content.by_id("themes")
    fit = {t.id for t in themes_for(content, req.band, ab)}
    for t in req.themes:
        if t not in by_id:
            raise PlanError(f"Temaet '{t}' findes ikke. Vælg blandt: {', '.join(by_id)}.")
        if t not in fit:
            raise PlanError(f"Temaet '{by_id[t].title}' passer ikke til {pupils_label(req.band, ab)}.")
    for i in range(req.lessons):
        n = req.length_of(i)
        if n.minutes is not None and n.minutes < MIN_MINUTES:
            raise PlanError(f"Lektion {i + 1} er for kort: vælg mindst {MIN_MINUTES} minutter.")
        template = next((t for t in content.templates if t.id == n.template), None)
        if n.template and template is None:
            raise PlanError(f"Lektionsskabelonen '{n.template}' findes ikke. "
                            f"Vælg en af: {', '.join(t.id for t in content.templates)}.")
        if template and template.minutes > MAX_SERIES_MINUTES:
            raise PlanError(f"Et forløb har lektioner på højst {MAX_SERIES_MINUTES} minutter, ikke "
                            f"»{template.title}«. Planlæg en temadag som én lektion eller i årshjulet.")
    order = theme_order(content)
    chosen = req.themes or band_themes(content, req.band, req.age_band)
    chosen = sorted(chosen, key=order.index)
    groups = spread(chosen, req.lessons)
    lessons: list[LessonPlan] = []
    for i, themes in enumerate(groups):
        lessons.append(_next_lesson(content, req, lessons, themes, chosen, i))
    kit = kit or KitInfo()
    try:
        return framed(Series(request=req, theme_order=order, lessons=lessons, kit=kit))
    except ValidationError as exc:
        raise PlanError(f"Forløbet kan ikke laves: {why_invalid(exc)}") from None


def _next_lesson(content: Content, req: SeriesRequest, before: list[LessonPlan], themes: list[str],
                 chosen: list[str], i: int) -> LessonPlan:
    used = [a.exercise_id or "" for p in before for a in p.exercise_activities]
    length = req.length_of(i)
    banned: list[str] = []
    for _ in range(12):
        if len(used) + len(banned) > MAX_LIST:
            break
        try:
            plan = _assemble_on(content, req, length, themes, chosen, used + banned)
        except PlanError as exc:
            raise PlanError(f"Lektion {i + 1} kan ikke laves uden at gentage øvelser fra de tidligere lektioner. "
                            f"{exc}") from None
        if not method_run(before + [plan]):
            return plan
        # The exercise that made the third in a row gives way to the next best one.
        flat = [(p, a.exercise_id) for p in before + [plan] for a in p.exercise_activities]
        offender = next(x for k, (p, x) in enumerate(flat) if k >= MAX_RUN and p is plan and len(
            {q.exercise(y).method for q, y in flat[k - MAX_RUN: k + 1]}) == 1)
        banned.append(offender or "")
    raise PlanError(f"Lektion {i + 1} kan ikke laves uden den samme metode tre gange i træk. Vælg flere temaer.")


def _assemble_on(content: Content, req: SeriesRequest, length: LessonLength, themes: list[str], chosen: list[str],
                 exclude: list[str]) -> LessonPlan:
    """The lesson on its own themes; when earlier lessons used up their exercises, the forløb's other themes lend
    theirs (the lesson's own theme still leads)."""
    def on(ts: list[str]) -> LessonPlan:
        return assemble(content, LessonRequest(band=req.band, age_band=req.age_band, template=length.template,
                                               minutes=length.minutes, themes=ts, exclude=exclude,
                                               kommune=req.kommune))
    try:
        return on(themes)
    except PlanError:
        wider = themes + [t for t in chosen if t not in themes]
        if wider == themes:
            raise
        return on(wider)


def framed(series: Series) -> Series:
    """The forløb's frame: the first lesson makes the class's agreements, the others repeat them, the last closes
    with an evaluation of the whole forløb; and each lesson carries the class's details with its own date."""
    out = []
    dates = series.dates
    last = len(series.lessons) - 1
    for i, p in enumerate(series.lessons):
        acts = []
        for a in p.activities:
            if a.kind == "ground_rules":
                a = a.model_copy(update={"text": OPENING if i == 0 else AGAIN})
            elif a.kind == "closing" and i == last and EVALUATION not in a.text:
                a = a.model_copy(update={"text": f"{EVALUATION} {a.text}"})
            acts.append(a)
        kit = series.kit.model_copy(update={"date": date_text(dates[i]) or series.kit.date})
        out.append(p.model_copy(update={"activities": acts, "kit": kit,
                                        "title": f"Lektion {i + 1} af {len(series.lessons)}: {p.title}"
                                        if not p.title.startswith("Lektion ") else p.title}))
    return series.model_copy(update={"lessons": out})


# --- Editing -----------------------------------------------------------------------------------


EditKind = Literal["swap", "move", "minutes", "add", "remove"]


def edit_lesson(content: Content, series: Series, lesson: int, kind: EditKind, *args) -> Series:
    """One edit of one lesson with the lesson editing functions; refused in Danish (PlanError) when the forløb would
    break one of its rules, and then the forløb stays as it was."""
    if not 0 <= lesson < len(series.lessons):
        raise PlanError(f"Forløbet har ingen lektion nummer {lesson + 1}.")
    plan = series.lessons[lesson]
    if kind in ("swap", "add"):
        new_id = args[-1]
        for j, other in enumerate(series.lessons):
            if j != lesson and new_id in {a.exercise_id for a in other.exercise_activities}:
                raise PlanError(f"Øvelsen »{other.exercise(new_id).title}« er allerede med i lektion {j + 1}. "
                                "Vælg en anden øvelse.")
    fn = {"swap": lambda: swap_exercise(content, plan, *args), "add": lambda: add_exercise(content, plan, *args),
          "move": lambda: move_exercise(plan, *args), "minutes": lambda: set_minutes(plan, *args),
          "remove": lambda: remove_exercise(plan, *args)}[kind]
    new = fn()
    lessons = list(series.lessons)
    lessons[lesson] = new
    return replace_lessons(series, lessons)


def replace_lessons(series: Series, lessons: list[LessonPlan]) -> Series:
    data = series.model_dump()
    data["lessons"] = [p.model_dump() for p in lessons]
    try:
        return Series.model_validate(data)
    except ValidationError as exc:
        raise PlanError(f"Det kan forløbet ikke holde til: {why_invalid(exc)}.") from None


def set_kit(series: Series, kit: KitInfo) -> Series:
    return framed(series.model_copy(update={"kit": kit}))


def lesson_of_day(series: Series, today: dt.date) -> int:
    """The lesson for the board: today's, else the next one to come, else the last (no dates: the first)."""
    dates = series.dates
    if not any(dates):
        return 0
    coming = [i for i, d in enumerate(dates) if d and d >= today]
    return coming[0] if coming else len(dates) - 1
