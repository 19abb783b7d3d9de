"""Lesson assembly: from band, length and themes to a LessonPlan a teacher could teach tomorrow.

The LessonPlan is plain data and self-contained (it carries the exercises, facts and helplines it uses), so the
same object flows unchanged into the documents, the app, the CLI and a JSON file. Every function here is pure:
the same input always gives the same plan, and edits return a new plan.
"""

from __future__ import annotations

import itertools
import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import models as m
from .bands import BAND_INFO, BAND_LABELS, AgeBand, Band, age_band_of, ages_fit, band_rank
from .loader import Content
from .plan_files import read_plan_file

MIN_MINUTES = 15
MAX_MINUTES = 400
MAX_PLAN_BYTES = 1_000_000
MAX_ACTIVITIES = 60
MAX_LIST = 20
BROKEN_LINK = "Planen er ufuldstændig eller ændret (øvelser eller minutter passer ikke). Lav planen igen."

SectionKind = m.SectionKind


class PlanError(ValueError):
    """The request cannot be met; the message says why and what would work."""


class PlanFileError(ValueError):
    """A plan file is malformed or has been tampered with; the message says what is wrong."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LessonRequest(_Data):
    band: Band
    age_band: AgeBand | None = None
    template: str | None = None
    minutes: int | None = Field(default=None, ge=1, le=MAX_MINUTES)
    themes: list[Annotated[str, Field(max_length=80)]] = Field(default=[], max_length=MAX_LIST)
    include: list[Annotated[str, Field(max_length=80)]] = Field(default=[], max_length=MAX_LIST)
    exclude: list[Annotated[str, Field(max_length=80)]] = Field(default=[], max_length=MAX_LIST)
    kommune: str | None = Field(default=None, max_length=80)


class Activity(_Data):
    kind: SectionKind
    title: str
    start: int = 0
    end: int = 0
    minutes: int = Field(ge=1, le=MAX_MINUTES)
    exercise_id: str | None = None
    text: str = ""
    planned: int | None = Field(default=None, ge=1, le=MAX_MINUTES)
    """The template's length for a frame section, so minutes lent to the exercises can be given back."""


class CurriculumLink(_Data):
    subject: str
    areas: list[str]
    step: str
    goal: str
    purpose_quote: str
    source: str


class LessonPlan(_Data):
    schema_version: Literal[1] = 1
    request: LessonRequest
    title: str
    band: Band
    age_band: AgeBand
    band_label: str
    minutes: int = Field(ge=MIN_MINUTES, le=MAX_MINUTES)
    template_title: str
    themes: list[m.Theme]
    learning_goals: list[str]
    curriculum: CurriculumLink
    activities: list[Activity] = Field(min_length=1)
    exercises: list[m.Exercise]
    facts: list[m.LegalFact]
    helplines: list[m.Helpline]
    ground_rules: list[str]
    disclosure: m.Disclosure
    preparation: list[str]
    key_messages: list[str]
    easy_read_messages: list[str] = []
    exit_questions: list[str]
    parent_letter: m.ParentLetter
    kommune: str | None = None

    @model_validator(mode="after")
    def _consistent(self):
        t = 0
        for a in self.activities:
            if a.start != t or a.end != a.start + a.minutes:
                raise ValueError(f"tidsplanen hænger ikke sammen ved '{a.title}' (minut {a.start}–{a.end})")
            t = a.end
        if t != self.minutes:
            raise ValueError(f"tidsplanen varer {t} minutter, men lektionen skal vare {self.minutes}")
        known = {e.id for e in self.exercises}
        for a in self.activities:
            if a.kind == "exercise" and a.exercise_id not in known:
                raise ValueError(f"øvelsen '{a.exercise_id}' i tidsplanen mangler i planen")
        if self.band != "special" and self.age_band != self.band:
            raise ValueError("trin og alderstrin passer ikke sammen")
        for f in self.facts:
            if band_rank(f.min_band) > band_rank(self.age_band):
                raise ValueError(f"lovfaktaet '{f.id}' er ikke beregnet til {BAND_LABELS[self.age_band]}")
        return self

    def exercise(self, exercise_id: str) -> m.Exercise:
        return next(e for e in self.exercises if e.id == exercise_id)

    @property
    def exercise_activities(self) -> list[Activity]:
        return [a for a in self.activities if a.kind == "exercise"]


# --- Structure -------------------------------------------------------------------------------


def _custom_structure(minutes: int) -> tuple[str, list[m.TemplateSection]]:
    """A template-shaped structure for any length: fixed frame sections, the rest for exercises."""
    S = m.TemplateSection
    frame = [
        S(kind="ground_rules", title="Klassens aftaler", minutes=max(2, round(minutes * 0.07))),
        S(kind="starter", title="Opstart", minutes=max(3, round(minutes * 0.06))),
    ]
    tail = []
    if minutes >= 30:
        tail.append(S(kind="facts", title="Det siger loven", minutes=max(4, round(minutes * 0.08))))
    tail += [
        S(kind="help", title="Hvor kan man få hjælp?", minutes=max(3, round(minutes * 0.07))),
        S(kind="closing", title="Afslutning", minutes=max(2, round(minutes * 0.06))),
    ]
    breaks = (minutes - 1) // 60 if minutes >= 80 else 0
    rest = minutes - sum(s.minutes for s in frame + tail) - 5 * breaks
    slots = max(1, math.ceil(rest / 20))
    sizes = [rest // slots + (1 if i < rest % slots else 0) for i in range(slots)]
    middle: list[m.TemplateSection] = []
    per_break = math.ceil(slots / (breaks + 1)) if breaks else slots
    for i, size in enumerate(sizes, 1):
        middle.append(S(kind="exercise", title=f"Dialogøvelse {i}", minutes=size))
        if breaks and i % per_break == 0 and i < slots:
            middle.append(S(kind="break", title="Pause", minutes=5))
            breaks -= 1
    middle += [S(kind="break", title="Pause", minutes=5) for _ in range(breaks)]
    return f"Tilpasset lektion ({minutes} minutter)", frame + middle + tail


def _structure(content: Content, req: LessonRequest) -> tuple[str, int, list[m.TemplateSection]]:
    templates = content.by_id("templates")
    if req.template:
        if req.template not in templates:
            raise PlanError(f"Lektionsskabelonen '{req.template}' findes ikke. Vælg en af: {', '.join(templates)}.")
        t = templates[req.template]
        return t.title, t.minutes, list(t.sections)
    if req.minutes is None:
        raise PlanError("Vælg en lektionsskabelon eller et antal minutter.")
    if req.minutes < MIN_MINUTES:
        raise PlanError(
            f"{req.minutes} minutter er for kort til en lektion med aftaler, en øvelse og hjælp. "
            f"Vælg mindst {MIN_MINUTES} minutter – fx 'Klassens tid' på 20 minutter."
        )
    for t in templates.values():
        if t.minutes == req.minutes:
            return t.title, t.minutes, list(t.sections)
    title, sections = _custom_structure(req.minutes)
    return title, req.minutes, sections


def _without_facts(sections: list[m.TemplateSection]) -> list[m.TemplateSection]:
    """Indskoling gets no legal facts: the minutes of a facts section go to the exercise before it."""
    out: list[m.TemplateSection] = []
    carry = 0
    for s in sections:
        if s.kind == "facts":
            idx = next((i for i in range(len(out) - 1, -1, -1) if out[i].kind == "exercise"), None)
            if idx is None:
                carry += s.minutes
            else:
                out[idx] = out[idx].model_copy(update={"minutes": out[idx].minutes + s.minutes})
            continue
        if s.kind == "exercise" and carry:
            s = s.model_copy(update={"minutes": s.minutes + carry})
            carry = 0
        out.append(s)
    return out


# --- Choosing exercises ------------------------------------------------------------------------


def pupils_label(band: Band, age_band: AgeBand) -> str:
    """Who the pupils are, in words: the band, and for special classes also their age."""
    if band != "special":
        return BAND_LABELS[band]
    return f"{BAND_LABELS[band]} med elever i {BAND_INFO[age_band].label.split(' (')[0].lower()}salderen"


def themes_for(content: Content, band: Band, age_band: AgeBand | None = None) -> list[m.Theme]:
    """The themes a class may be taught: the band's, and for special classes only those fit for the pupils' age."""
    ab = age_band_of(band, age_band)
    return [t for t in content.themes if t.suits(band, ab)]


def exercises_for(content: Content, band: Band, age_band: AgeBand | None = None) -> list[m.Exercise]:
    """The exercises a class may get, by the same rule as themes_for."""
    ab = age_band_of(band, age_band)
    return [e for e in content.exercises if e.suits(band, ab)]


def check_exercise(content: Content, band: Band, age_band: AgeBand, exercise_id: str) -> m.Exercise:
    """The exercise, if it exists and suits these pupils; otherwise a PlanError that says why."""
    by_id = content.by_id("exercises")
    if exercise_id not in by_id:
        raise PlanError(f"Øvelsen '{exercise_id}' findes ikke.")
    e = by_id[exercise_id]
    if band not in e.bands:
        raise PlanError(f"Øvelsen '{e.title}' er ikke lavet til {BAND_LABELS[band]}.")
    if not e.suits(band, age_band):
        raise PlanError(f"Øvelsen '{e.title}' passer ikke til {pupils_label(band, age_band)}: "
                        f"den er først til elever i {BAND_INFO[e.min_age_band].label.split(' (')[0].lower()}salderen.")
    return e


def _candidates(content: Content, req: LessonRequest, age_band: AgeBand) -> list[m.Exercise]:
    by_id = content.by_id("exercises")
    for x in req.exclude:
        if x not in by_id:
            raise PlanError(f"Øvelsen '{x}' findes ikke.")
    for x in req.include:
        check_exercise(content, req.band, age_band, x)
    pool = [e for e in exercises_for(content, req.band, age_band) if e.id not in req.exclude]
    if req.themes:
        # Exercises on the chosen themes come first; the band's others only fill time the themes cannot.
        wanted = set(req.themes)
        pool = [e for e in pool if wanted & set(e.themes)] + [e for e in pool if not wanted & set(e.themes)]
    return pool


def _pick(pool: list[m.Exercise], slots: list[int], req: LessonRequest) -> list[m.Exercise]:
    """Greedy and deterministic: forced exercises first, then the best fit for each slot's minutes,
    preferring more matching themes and methods not used yet."""
    wanted = set(req.themes)
    chosen: list[m.Exercise] = [e for x in req.include for e in pool if e.id == x][: len(slots)]
    rest = [e for e in pool if e not in chosen]
    for slot in slots[len(chosen):]:
        if not rest:
            break
        used_methods = {e.method for e in chosen}
        covered = set().union(*(set(e.themes) for e in chosen)) if chosen else set()

        def score(e: m.Exercise):
            fits = e.minutes_min <= slot <= e.minutes_max
            distance = 0 if fits else min(abs(slot - e.minutes_min), abs(slot - e.minutes_max))
            new_themes = len((set(e.themes) & wanted if wanted else set(e.themes)) - covered)
            off_theme = bool(wanted) and not wanted & set(e.themes)
            secondary = bool(wanted) and e.themes[0] not in wanted  # its main theme is another one
            return (off_theme, secondary, not fits, distance, e.method in used_methods, -new_themes, -len(set(e.themes) & wanted), e.id)

        best = min(rest, key=score)
        chosen.append(best)
        rest.remove(best)
    return chosen


def _search(ranked: list[m.Exercise], slots: int, total: int, forced: list[str]) -> list[m.Exercise] | None:
    """When the greedy choice cannot fill the time exactly, try other sets: the slot count first, then fewer or
    more exercises, always preferring better-ranked ones (combinations come in rank order)."""
    keep = [e for e in ranked if e.id in forced]
    rest = [e for e in ranked if e.id not in forced]
    counts = [slots] + [k for d in range(1, len(ranked) + 1) for k in (slots + d, slots - d)]
    budget = 50_000
    for k in counts:
        n = k - len(keep)
        if n < 0 or n > len(rest) or k < 1:
            continue
        for combo in itertools.combinations(rest, n):
            budget -= 1
            if budget < 0:
                return None
            chosen = keep + list(combo)
            if sum(e.minutes_min for e in chosen) <= total <= sum(e.minutes_max for e in chosen):
                return chosen
    return None


def _fit_minutes(targets: list[int], exercises: list[m.Exercise], total: int) -> list[int] | None:
    """Minutes per exercise, each within its range, summing to total; None when impossible."""
    lo = sum(e.minutes_min for e in exercises)
    hi = sum(e.minutes_max for e in exercises)
    if not exercises or not lo <= total <= hi:
        return None
    mins = [min(max(t, e.minutes_min), e.minutes_max) for t, e in zip(targets, exercises)]
    delta = total - sum(mins)
    while delta:
        step = 1 if delta > 0 else -1
        moved = False
        for i, e in enumerate(exercises):
            if delta == 0:
                break
            if e.minutes_min <= mins[i] + step <= e.minutes_max:
                mins[i] += step
                delta -= step
                moved = True
        if not moved:
            return None
    return mins


# --- Assembly ------------------------------------------------------------------------------


def assemble(content: Content, request: LessonRequest | dict) -> LessonPlan:
    req = request if isinstance(request, LessonRequest) else LessonRequest.model_validate(request)
    if content.texts is None:
        raise PlanError("Tekstfilen materials/lesson_texts.yaml mangler.")
    if req.band != "special" and req.age_band not in (None, req.band):
        req = req.model_copy(update={"age_band": None})
    age_band = age_band_of(req.band, req.age_band)
    themes_by_id = content.by_id("themes")
    for t in req.themes:
        if t not in themes_by_id:
            raise PlanError(f"Temaet '{t}' findes ikke. Vælg blandt: {', '.join(themes_by_id)}.")
        if not themes_by_id[t].suits(req.band, age_band):
            fits = [x.title for x in themes_for(content, req.band, age_band)]
            raise PlanError(
                f"Temaet '{themes_by_id[t].title}' passer ikke til {pupils_label(req.band, age_band)}. "
                f"Vælg blandt: {', '.join(fits)}."
            )
    if req.kommune and req.kommune not in content.kommuner:
        raise PlanError(f"Der er ingen lokale kontakter for '{req.kommune}'. Kendte kommuner: {', '.join(content.kommuner) or 'ingen'}.")

    template_title, minutes, sections = _structure(content, req)
    if age_band == "indskoling":
        sections = _without_facts(sections)
    slot_idx = [i for i, s in enumerate(sections) if s.kind == "exercise"]
    targets = [sections[i].minutes for i in slot_idx]
    total = sum(targets)

    pool = _candidates(content, req, age_band)
    if not pool or req.themes and not set(req.themes) & set(pool[0].themes):
        what = f" med temaerne {', '.join(themes_by_id[t].title for t in req.themes)}" if req.themes else ""
        raise PlanError(
            f"Ingen øvelser passer til {BAND_LABELS[req.band]}{what}. Vælg flere eller andre temaer, "
            "eller fjern udelukkede øvelser."
        )
    ranked = _pick(pool, targets + [max(targets)] * len(pool), req)
    chosen = ranked[: len(targets)]
    mins = _fit_minutes(targets[: len(chosen)], chosen, total)
    if mins is None:
        # The best-ranked exercise (e.g. the one whose main theme was chosen) stays in if any set can hold it.
        chosen = (_search(ranked, len(targets), total, req.include + [ranked[0].id])
                  or _search(ranked, len(targets), total, req.include))
        if chosen:
            targets = (targets + [0] * len(chosen))[: len(chosen)]
            mins = _fit_minutes(targets, chosen, total)
    if mins is None:
        capacity = sum(e.minutes_max for e in ranked)
        if capacity < total:
            more = "Vælg flere temaer eller en kortere lektion." if req.themes else "Vælg en kortere lektion."
            raise PlanError(
                f"De øvelser, der passer, kan højst fylde {capacity} af lektionens {total} øvelsesminutter. {more}"
            )
        raise PlanError(
            f"Lektionen er for kort til øvelserne: de korteste kræver mindst {min(e.minutes_min for e in ranked)} "
            f"minutter, men der er kun {total}. Vælg en længere lektion."
        )

    texts = content.texts.bands[req.band]
    lesson_themes = req.themes or list(dict.fromkeys(t for e in chosen for t in e.themes))
    facts = _facts_for(content, age_band, lesson_themes, sum(s.minutes for s in sections if s.kind == "facts"))
    activities: list[Activity] = []
    ex_iter = iter(zip(chosen, mins))
    for i, s in enumerate(sections):
        if s.kind == "exercise":
            pair = next(ex_iter, None)
            if pair is None:
                continue
            e, n = pair
            activities.append(Activity(kind="exercise", title=e.title, minutes=n, exercise_id=e.id,
                                       text=e.learning_goal))
            if i == slot_idx[-1]:
                for e2, n2 in ex_iter:  # extra exercises added above follow the last slot
                    activities.append(Activity(kind="exercise", title=e2.title, minutes=n2, exercise_id=e2.id,
                                               text=e2.learning_goal))
        elif s.kind == "facts" and not facts:
            continue
        else:
            activities.append(Activity(kind=s.kind, title=s.title, minutes=s.minutes, planned=s.minutes,
                                       text=_section_text(s, texts, facts)))
    activities = _retime(_absorb(activities, minutes, {e.id: e for e in chosen}))

    chosen_themes = [themes_by_id[t] for t in req.themes] or _themes_of(chosen, themes_by_id)
    cur = content.texts.curriculum
    plan = LessonPlan(
        request=req,
        title=f"{' · '.join(t.title for t in chosen_themes[:3]) or 'Digitale krænkelser'} – {BAND_LABELS[req.band]}",
        band=req.band,
        age_band=age_band,
        band_label=BAND_LABELS[req.band] + (f" · alderstrin {BAND_INFO[age_band].label[0].lower()}{BAND_INFO[age_band].label[1:]}"
                                            if req.band == "special" else ""),
        minutes=minutes,
        template_title=template_title,
        themes=chosen_themes,
        learning_goals=[e.learning_goal for e in chosen],
        curriculum=CurriculumLink(subject=cur.subject, areas=cur.areas, step=BAND_INFO[age_band].curriculum_step,
                                  goal=cur.goals[age_band], purpose_quote=cur.purpose_quote, source=cur.source),
        activities=activities,
        exercises=chosen,
        facts=facts,
        helplines=helplines_for(content, age_band, req.kommune),
        ground_rules=texts.ground_rules,
        disclosure=content.texts.disclosure,
        preparation=content.texts.preparation,
        key_messages=texts.key_messages,
        easy_read_messages=texts.easy_read_messages or texts.key_messages[:3],
        exit_questions=texts.exit_questions,
        parent_letter=content.texts.parent_letter,
        kommune=req.kommune,
    )
    return plan


def _themes_of(exercises: list[m.Exercise], themes_by_id: dict) -> list[m.Theme]:
    """What a mixed lesson is about: each exercise's main theme, not every theme it touches."""
    main = dict.fromkeys(e.themes[0] for e in exercises)
    return [themes_by_id[t] for t in main if t in themes_by_id]


def _section_text(s: m.TemplateSection, texts: m.BandTexts, facts: list[m.LegalFact]) -> str:
    if s.text:
        return s.text
    return {
        "ground_rules": "Gennemgå klassens aftaler (se afsnittet »Klassens aftaler«), eller lav dem sammen med "
                        "klassen første gang.",
        "starter": texts.starter,
        "help": texts.help,
        "closing": texts.closing + " Exit: " + " ".join(texts.exit_questions),
        "facts": "Gennemgå: " + "; ".join(f.title for f in facts) + ".",
        "break": "Pause.",
    }.get(s.kind, "")


MINUTES_PER_FACT = 2


BACKGROUND_FACTS = 2


def _facts_for(content: Content, age_band: AgeBand, themes: list[str], minutes: int) -> list[m.LegalFact]:
    """The facts that fit the pupils' age and follow the lesson's themes, as many as the facts section has time
    for (about two minutes each; a lesson without one still gets two for the teacher and the handout).

    The file's order is the editors' priority: the first fact that touches the lesson always comes (so every lesson
    about images has § 235), then the facts that cover the most themes not yet covered, then the closest others."""
    if age_band == "indskoling":
        return []
    allowed = [f for f in content.facts if band_rank(f.min_band) <= band_rank(age_band)]
    wanted = set(themes)
    hit = [f for f in allowed if wanted & set(f.themes)]
    hit = hit or [f for f in allowed if "hvor-kan-jeg-faa-hjaelp" in f.themes]
    if not hit:
        return []
    room = max(BACKGROUND_FACTS, minutes // MINUTES_PER_FACT)
    chosen = [hit[0]]
    uncovered = wanted - set(hit[0].themes)
    while len(chosen) < room and uncovered:
        best = max((f for f in hit if f not in chosen), key=lambda f: len(uncovered & set(f.themes)), default=None)
        if best is None or not uncovered & set(best.themes):
            break
        chosen.append(best)
        uncovered -= set(best.themes)
    rest = sorted((f for f in hit if f not in chosen), key=lambda f: -len(wanted & set(f.themes)))
    chosen += rest[: room - len(chosen)]
    return [f for f in hit if f in chosen]


def helplines_for(content: Content, age_band: AgeBand, kommune: str | None) -> list[m.Helpline]:
    """Services for the pupils (children or young people whose ages fit) and for their parents and teachers,
    national ones always and local ones of the chosen kommune."""
    out = []
    for h in content.helplines:
        if h.region not in ("national", kommune):
            continue
        for_pupils = bool({"børn", "unge"} & set(h.audience))
        if for_pupils and not ages_fit(h.age_min, h.age_max, age_band):
            continue
        out.append(h)
    return out


# --- Timing and editing ------------------------------------------------------------------------


def _retime(activities: list[Activity]) -> list[Activity]:
    t, out = 0, []
    for a in activities:
        out.append(a.model_copy(update={"start": t, "end": t + a.minutes}))
        t += a.minutes
    return out


FRAME_FLOOR = {"help": 3, "closing": 3, "ground_rules": 2, "starter": 2, "facts": 2, "break": 5}


def _absorb(activities: list[Activity], total: int, exercises: dict[str, m.Exercise],
            fixed: int | None = None) -> list[Activity]:
    """Make the minutes add up to `total`.

    Freed minutes first give shortened frame sections (help, closing, …) back their planned length, then go to
    the exercises. Missing minutes come from the exercises first, and only then from the frame – never below a
    floor, so the class always gets time for help and a proper ending. Raises PlanError when nothing can give.
    """
    acts = [a.model_copy() for a in activities]
    delta = total - sum(a.minutes for a in acts)
    frame = [i for i, a in enumerate(acts) if a.kind != "exercise" and i != fixed]
    movable = [i for i, a in enumerate(acts) if a.kind == "exercise" and i != fixed]
    if delta > 0:
        for i in frame:
            give = min(delta, max(0, (acts[i].planned or acts[i].minutes) - acts[i].minutes))
            acts[i].minutes += give
            delta -= give
    step = 1 if delta > 0 else -1
    while delta:
        moved = False
        for i in movable:
            e = exercises[acts[i].exercise_id]
            if delta and e.minutes_min <= acts[i].minutes + step <= e.minutes_max:
                acts[i].minutes += step
                delta -= step
                moved = True
        if not moved:
            break
    order = ["closing", "starter", "ground_rules", "facts", "help"] if delta < 0 else ["closing"]
    for kind in order:
        for i in frame:
            a = acts[i]
            if delta == 0:
                break
            if a.kind == kind:
                new = max(FRAME_FLOOR.get(kind, 1), a.minutes + delta)
                delta -= new - a.minutes
                a.minutes = new
    if delta > 0:
        raise PlanError(f"Der er {_minutes(delta)} i overskud, og øvelserne kan ikke blive længere. "
                        "Tilføj en øvelse, eller gør en øvelse længere.")
    if delta < 0:
        raise PlanError(f"Der mangler {_minutes(-delta)}: lektionen kan ikke rumme det. Gør en øvelse kortere, "
                        "eller fjern en øvelse.")
    return acts


def _minutes(n: int) -> str:
    return f"{n} minut" if n == 1 else f"{n} minutter"


def _replace(plan: LessonPlan, activities: list[Activity], exercises: list[m.Exercise], fixed: int | None = None) -> LessonPlan:
    by_id = {e.id: e for e in exercises}
    acts = _retime(_absorb(activities, plan.minutes, by_id, fixed))
    used = [a.exercise_id for a in acts if a.kind == "exercise"]
    keep = [by_id[x] for x in dict.fromkeys(used)]
    data = plan.model_dump()
    data.update(activities=[a.model_dump() for a in acts], exercises=[e.model_dump() for e in keep],
                learning_goals=[e.learning_goal for e in keep])
    return LessonPlan.model_validate(data)


def _exercise_index(plan: LessonPlan, position: int) -> int:
    idx = [i for i, a in enumerate(plan.activities) if a.kind == "exercise"]
    if not 0 <= position < len(idx):
        raise PlanError(f"Planen har ingen øvelse nummer {position + 1}.")
    return idx[position]


def _new_exercise(content: Content, plan: LessonPlan, new_id: str) -> m.Exercise:
    """An exercise that may join the plan: it exists, suits the band and is not in the plan already."""
    new = check_exercise(content, plan.band, plan.age_band, new_id)
    if new_id in {a.exercise_id for a in plan.activities}:
        raise PlanError(f"Øvelsen '{new.title}' er allerede med i planen.")
    return new


def swap_exercise(content: Content, plan: LessonPlan, position: int, new_id: str) -> LessonPlan:
    """Put another exercise in the place of the exercise at `position` (0-based among exercises)."""
    new = _new_exercise(content, plan, new_id)
    i = _exercise_index(plan, position)
    acts = list(plan.activities)
    n = min(max(acts[i].minutes, new.minutes_min), new.minutes_max)
    acts[i] = Activity(kind="exercise", title=new.title, minutes=n, exercise_id=new.id, text=new.learning_goal)
    return _replace(plan, acts, list(plan.exercises) + [new], fixed=i)


def remove_exercise(plan: LessonPlan, position: int) -> LessonPlan:
    if len(plan.exercise_activities) <= 1:
        raise PlanError("Planen skal have mindst én øvelse. Byt øvelsen ud i stedet for at fjerne den.")
    i = _exercise_index(plan, position)
    acts = [a for j, a in enumerate(plan.activities) if j != i]
    return _replace(plan, acts, list(plan.exercises))


def add_exercise(content: Content, plan: LessonPlan, new_id: str) -> LessonPlan:
    """Add an exercise after the last one; the others give up minutes to make room."""
    new = _new_exercise(content, plan, new_id)
    last = _exercise_index(plan, len(plan.exercise_activities) - 1)
    acts = list(plan.activities)
    acts.insert(last + 1, Activity(kind="exercise", title=new.title, minutes=new.minutes_min, exercise_id=new.id,
                                   text=new.learning_goal))
    return _replace(plan, acts, list(plan.exercises) + [new], fixed=last + 1)


def move_exercise(plan: LessonPlan, position: int, new_position: int) -> LessonPlan:
    """Reorder exercises: the exercise moves to another exercise place; frame sections stay where they are."""
    idx = [i for i, a in enumerate(plan.activities) if a.kind == "exercise"]
    if not (0 <= position < len(idx) and 0 <= new_position < len(idx)):
        raise PlanError(f"Vælg en placering mellem 1 og {len(idx)}.")
    order = [plan.activities[i] for i in idx]
    order.insert(new_position, order.pop(position))
    acts = list(plan.activities)
    for slot, a in zip(idx, order):
        acts[slot] = a
    return _replace(plan, acts, list(plan.exercises))


def set_minutes(plan: LessonPlan, activity_index: int, minutes: int) -> LessonPlan:
    """Change one activity's minutes; the exercises, then the frame, make up the difference."""
    if not 0 <= activity_index < len(plan.activities):
        raise PlanError(f"Planen har ingen aktivitet nummer {activity_index + 1}.")
    if not 1 <= minutes <= plan.minutes:
        raise PlanError(f"Vælg mellem 1 og {plan.minutes} minutter.")
    acts = list(plan.activities)
    update = {"minutes": minutes} | ({"planned": minutes} if acts[activity_index].kind != "exercise" else {})
    acts[activity_index] = acts[activity_index].model_copy(update=update)
    return _replace(plan, acts, list(plan.exercises), fixed=activity_index)


def exercise_sequence(plan: LessonPlan) -> list[tuple[str, int]]:
    return [(a.exercise_id, a.minutes) for a in plan.exercise_activities]


def apply_sequence(content: Content, plan: LessonPlan, sequence: list[tuple[str, int]]) -> LessonPlan:
    """Rebuild the exercises of a freshly assembled plan from (id, minutes) pairs, e.g. from a share link."""
    if not sequence:
        raise PlanError("Planen skal have mindst én øvelse.")
    slots = [check_exercise(content, plan.band, plan.age_band, x) for x, _ in sequence]
    new_acts = [Activity(kind="exercise", title=e.title, minutes=max(1, n), exercise_id=e.id, text=e.learning_goal)
                for e, (_, n) in zip(slots, sequence)]
    # Keep the plan's rhythm: exercises go where exercises were, extra ones after the last.
    acts, k = [], 0
    places = sum(1 for a in plan.activities if a.kind == "exercise")
    for a in plan.activities:
        if a.kind == "exercise":
            if k < len(new_acts):
                acts.append(new_acts[k])
                k += 1
                if k == places:
                    acts += new_acts[k:]
                    k = len(new_acts)
        else:
            acts.append(a)
    return _replace(plan, acts, slots)


# --- JSON files ----------------------------------------------------------------------------------


def to_json(plan: LessonPlan) -> str:
    return plan.model_dump_json(indent=2)


class _SavedActivity(BaseModel):
    model_config = ConfigDict(extra="ignore")
    kind: SectionKind
    minutes: int = Field(ge=1, le=MAX_MINUTES)
    exercise_id: str | None = Field(default=None, max_length=80)


class SavedLesson(BaseModel):
    """What a saved plan file is allowed to decide: the request, and the exercises' order and minutes.

    Everything else in the file (texts, facts, helplines, addresses) is ignored and comes from the content library,
    so an old file picks up corrected numbers and a tampered one cannot put its own QR codes on a handout."""

    model_config = ConfigDict(extra="ignore")
    schema_version: Literal[1]
    request: LessonRequest
    activities: list[_SavedActivity] = Field(min_length=1, max_length=MAX_ACTIVITIES)


def from_json(data: bytes | str, content: Content) -> LessonPlan:
    """Open a plan file by rebuilding it from its request. Anything malformed raises PlanFileError in Danish."""
    saved = read_plan_file(data, SavedLesson, error=PlanFileError, limit=MAX_PLAN_BYTES, required=("activities",),
                           noun="lektionsplanen", not_this_kind="Filen er ikke en lektionsplan fra Klassekit.")
    by_id = content.by_id("exercises")
    sequence = [(a.exercise_id or "", a.minutes) for a in saved.activities if a.kind == "exercise"]
    unknown = [x for x, _ in sequence if x not in by_id]
    if unknown:
        raise PlanFileError(f"Planen bruger øvelser, som Klassekit ikke kender: {', '.join(dict.fromkeys(unknown))}. "
                            "Lav planen igen, eller bed kollegaen om en ny fil.")
    try:
        return rebuild(content, saved.request, sequence, [a.minutes for a in saved.activities])
    except PlanError as exc:
        raise PlanFileError(f"Planen kan ikke åbnes: {exc}") from None


def rebuild(content: Content, request: LessonRequest, sequence: list[tuple[str, int]],
            minutes: list[int] | None = None) -> LessonPlan:
    """A plan from its request plus the teacher's exercise order and minutes: how files and links are opened."""
    plan = assemble(content, request)
    plan = apply_sequence(content, plan, sequence) if sequence else plan
    return _with_minutes(plan, minutes) if minutes else plan


# --- Share links -------------------------------------------------------------------------------


def plan_to_query(plan: LessonPlan) -> dict[str, str]:
    """Query parameters that reopen the same plan (request plus the edited exercise sequence)."""
    r = plan.request
    q = {"band": r.band}
    if r.age_band and r.band == "special":
        q["age"] = r.age_band
    if r.template:
        q["template"] = r.template
    else:
        q["minutes"] = str(plan.minutes)
    if r.themes:
        q["themes"] = ",".join(r.themes)
    if r.kommune:
        q["kommune"] = r.kommune
    q["ex"] = ",".join(f"{x}:{n}" for x, n in exercise_sequence(plan))
    q["m"] = ",".join(str(a.minutes) for a in plan.activities)
    return q


def plan_from_query(content: Content, query: dict[str, str]) -> LessonPlan:
    """Rebuild a plan from a share link; a broken link raises PlanError with what is wrong."""
    if query.get("minutes") and not _small_number(query["minutes"]):
        raise PlanError(BROKEN_LINK)
    try:
        req = LessonRequest(
            band=query.get("band", ""),
            age_band=query.get("age") or None,
            template=query.get("template") or None,
            minutes=int(query["minutes"]) if query.get("minutes") else None,
            themes=[t for t in query.get("themes", "").split(",") if t],
            kommune=query.get("kommune") or None,
        )
    except (ValidationError, ValueError):
        raise PlanError(BROKEN_LINK) from None
    seq = []
    for part in [p for p in query.get("ex", "").split(",") if p][:MAX_ACTIVITIES]:
        x, _, n = part.partition(":")
        if not _small_number(n):
            raise PlanError(BROKEN_LINK)
        seq.append((x, int(n)))
    parts = [p for p in query.get("m", "").split(",") if p]
    if len(parts) > MAX_ACTIVITIES or not all(_small_number(p) for p in parts):
        raise PlanError(BROKEN_LINK)
    return rebuild(content, req, seq, [int(p) for p in parts])


def _small_number(text: str) -> bool:
    """Plain ASCII digits, at most three: a link can never ask for more work than a school day holds."""
    return text.isascii() and text.isdigit() and len(text) <= 3


def _with_minutes(plan: LessonPlan, minutes: list[int]) -> LessonPlan:
    """Every activity's minutes from a file or link, so the colleague sees exactly the plan that was sent."""
    if len(minutes) != len(plan.activities):
        raise PlanError(BROKEN_LINK)
    acts = [a.model_copy(update={"minutes": n}) for a, n in zip(plan.activities, minutes)]
    data = plan.model_dump()
    data["activities"] = [a.model_dump() for a in _retime(acts)]
    try:
        new = LessonPlan.model_validate(data)
    except ValueError:
        raise PlanError(BROKEN_LINK) from None
    for a in new.exercise_activities:
        e = new.exercise(a.exercise_id)
        if not e.minutes_min <= a.minutes <= e.minutes_max:
            raise PlanError(BROKEN_LINK)
    return new
