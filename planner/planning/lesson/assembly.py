"""Lesson assembly: from band, length and themes to a LessonPlan a teacher could teach tomorrow.

Pure: the same request always gives the same plan. Special classes get themes, exercises and law by the pupils' own age band.
"""

from __future__ import annotations

from collections.abc import Sequence

import itertools
import math
import re

from ...content import models as m
from ...content.bands import BAND_INFO, BAND_LABELS, AgeBand, Band, age_band_of, ages_fit, band_rank
from ...content.loader import Content
from .plan import MIN_MINUTES, Activity, CurriculumLink, LessonPlan, LessonRequest, PlanError
from .timing import absorb, retime

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


def _pick(pool: list[m.Exercise], slots: list[int], req: LessonRequest, room: int | None = None) -> list[m.Exercise]:
    """Greedy and deterministic: forced exercises first, then the best fit for each slot's minutes,
    preferring more matching themes and methods not used yet."""
    wanted = set(req.themes)
    first = req.themes[0] if req.themes else None
    chosen: list[m.Exercise] = [e for x in req.include for e in pool if e.id == x][: len(slots)]
    rest = [e for e in pool if e not in chosen]
    for slot in slots[len(chosen):]:
        if not rest:
            break
        used_methods = {e.method for e in chosen}
        covered = set().union(*(set(e.themes) for e in chosen)) if chosen else set()

        def score(e: m.Exercise, slot=slot, covered=covered, used_methods=used_methods):
            fits = e.minutes_min <= slot <= e.minutes_max
            distance = 0 if fits else min(abs(slot - e.minutes_min), abs(slot - e.minutes_max))
            new_themes = len((set(e.themes) & wanted if wanted else set(e.themes)) - covered)
            off_theme = bool(wanted) and not wanted & set(e.themes)
            secondary = bool(wanted) and e.themes[0] not in wanted  # its main theme is another one
            # The teacher's first theme leads: its main exercise opens the lesson. Then every chosen theme not yet
            # covered comes before a second exercise on a covered one.
            leading = bool(first) and not chosen
            # It may take more than its slot when the lesson has room: the others get shorter, or give way.
            has_room = fits or room is not None and e.minutes_min <= room
            lead = (leading and not (e.themes[0] == first and has_room),
                    leading and not (first in e.themes and has_room), leading and e.themes[0] != first)
            missing = [t for t in req.themes if t not in covered]
            next_theme = bool(missing) and missing[0] not in e.themes
            return (*lead, off_theme, next_theme, -new_themes if wanted else 0, secondary, not fits, distance,
                    e.method in used_methods, -new_themes, -len(set(e.themes) & wanted), e.id)

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
    mins = [min(max(t, e.minutes_min), e.minutes_max) for t, e in zip(targets, exercises, strict=False)]
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
    if req.kommune:
        kommune = content.kommune_named(req.kommune)
        if kommune is None:
            raise PlanError(f"Der er ingen lokale kontakter for '{req.kommune}'. "
                            f"Kendte kommuner: {', '.join(content.kommuner) or 'ingen'}.")
        req = req.model_copy(update={"kommune": kommune})

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
    ranked = _pick(pool, targets + [max(targets)] * len(pool), req, room=total)
    chosen = ranked[: len(targets)]
    mins = _fit_minutes(targets[: len(chosen)], chosen, total)
    if mins is None:
        # The best-ranked exercise (e.g. the one whose main theme was chosen) stays in if any set can hold it.
        chosen = (_search(ranked, len(targets), total, req.include + [ranked[0].id])
                  or _search(ranked, len(targets), total, req.include) or [])
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
    facts = _facts_for(content, age_band, lesson_themes, sum(s.minutes for s in sections if s.kind == "facts"),
                       lead_theme=req.themes[0] if req.themes else None)
    # What the pupils are taught: the chosen themes and those of the exercises served, as far as they suit the pupils'
    # age (a young special class's exercise may touch a theme it is not yet taught as such).
    taught = {t for t in [*req.themes, *(t for e in chosen for t in e.themes)]
              if t in themes_by_id and themes_by_id[t].suits(req.band, age_band)}
    messages = _at_most(texts, texts.messages_for(taught), MAX_KEY_MESSAGES)
    easy = [x for x in texts.easy_read_messages if x in messages]
    easy += [x for x in messages if x not in easy][: max(0, MIN_EASY_MESSAGES - len(easy))]
    easy = [x for x in messages if x in easy]  # the handout's order
    activities: list[Activity] = []
    ex_iter = iter(zip(chosen, mins, strict=False))
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
    activities = retime(absorb(activities, minutes, {e.id: e for e in chosen}))

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
        related_facts=_related_facts(content, facts, chosen),
        helplines=helplines_for(content, age_band, req.kommune),
        related_materials=materials_for(content, req.band, [t.id for t in chosen_themes]
                                        + [t for e in chosen for t in e.themes]),
        ground_rules=texts.ground_rules,
        disclosure=content.texts.disclosure,
        preparation=content.texts.preparation,
        key_messages=messages,
        easy_read_messages=easy if texts.easy_read_messages else messages[:3],
        key_message_pictograms=_pictograms_of(texts, messages),
        exit_questions=texts.exit_questions,
        parent_letter=content.texts.parent_letter,
        kommune=req.kommune,
    )
    return plan


MAX_RELATED = 3
MIN_EASY_MESSAGES = 4
"""An easy-read handout has at least this many messages (as many as the band has for the lesson), each with its picture."""
MAX_KEY_MESSAGES = 5
"""What one handout holds beside its contacts: a theme's own message pushes out the first general one after the
opening message, never the opening or the closing one (»stop – tænk – spørg«, »du kan altid få hjælp«)."""


def _at_most(texts: m.BandTexts, messages: list[str], most: int) -> list[str]:
    tags = dict(zip(texts.key_messages, texts.key_message_themes, strict=False)) if texts.key_message_themes else {}
    out = list(messages)
    while len(out) > most:
        general = [x for x in out[1:-1] if not tags.get(x)]
        if not general:
            break
        out.remove(general[0])
    return out


def _pictograms_of(texts: m.BandTexts, messages: list[str]) -> list[str]:
    """The pictures of the messages shown, in their order (none when the band has no pictures)."""
    by_text = dict(zip(texts.key_messages, texts.key_message_pictograms, strict=False))
    return [by_text[x] for x in messages] if texts.key_message_pictograms else []


def materials_for(content: Content, band: Band, themes: list[str], most: int = MAX_RELATED) -> list[m.Material]:
    """Materials a teacher can use beside the lesson: with an address to open, for this band (or for every band),
    ordered by how many of the lesson's themes they share (the lesson's own themes first), then by title."""
    order = {t: i for i, t in enumerate(dict.fromkeys(themes))}
    fit = [x for x in content.materials if x.url and (not x.bands or band in x.bands)
           and (band != "special" or x.special_needs or not x.bands or "special" in x.bands)]

    def rank(x: m.Material):
        shared = [order[t] for t in x.themes if t in order]
        return (-len(shared), min(shared, default=99), not x.bands, x.title)

    ranked = sorted(fit, key=rank)
    themed = [x for x in ranked if set(x.themes) & set(order)]
    return (themed or ranked)[:most]


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
        "facts": "Gennemgå: " + "; ".join(f.title for f in facts if not f.teacher_only) + ".",
        "break": "Pause.",
    }.get(s.kind, "")


MINUTES_PER_FACT = 2


BACKGROUND_FACTS = 2


def _facts_for(content: Content, age_band: AgeBand, themes: list[str], minutes: int,
               lead_theme: str | None = None) -> list[m.LegalFact]:
    """The facts that fit the pupils' age and follow the lesson's themes, as many as the facts section has time
    for (about two minutes each; a lesson without one still gets two for the teacher and the handout).

    The file's order is the editors' priority. A fact's own theme is its first one; a fact that merely lists a theme
    among others does not cover it. The first chosen theme's own fact always comes, and comes first (a sextortion
    lesson leads with extortion, whatever else it touches; `lead_theme`); then the first fact that touches the lesson (so every
    lesson about images has § 235); then each other theme's own fact, then the closest others. Teacher-only facts
    follow the same rule; pupils never see them (pupil_help.pupil_facts)."""
    if age_band == "indskoling":
        return []
    allowed = [f for f in content.facts if band_rank(f.min_band) <= band_rank(age_band)]
    wanted = set(themes)
    hit = [f for f in allowed if wanted & set(f.themes)]
    hit = hit or [f for f in allowed if "hvor-kan-jeg-faa-hjaelp" in f.themes]
    if not hit:
        return []
    room = max(BACKGROUND_FACTS, minutes // MINUTES_PER_FACT)

    def own(theme: str) -> m.LegalFact | None:
        return next((f for f in hit if f.themes[0] == theme and not f.teacher_only), None)

    lead = own(lead_theme) if lead_theme else None
    chosen = [x for i, x in enumerate((lead, hit[0])) if x is not None and (i == 0 or x is not lead)][:room]
    for t in themes:
        f = own(t)
        if len(chosen) < room and f is not None and f not in chosen:
            chosen.append(f)
    order = {t: i for i, t in enumerate(themes)}
    rest = sorted((f for f in hit if f not in chosen),
                  key=lambda f: (f.teacher_only, order.get(f.themes[0], len(order)), -len(wanted & set(f.themes))))
    chosen += rest[: room - len(chosen)]
    ordered = [f for f in hit if f in chosen]
    return ([lead] if lead else []) + [f for f in ordered if f is not lead]


def _related_facts(content: Content, facts: list[m.LegalFact],
                   exercises: Sequence[m.Exercise] = ()) -> list[m.LegalFact]:
    """The facts that the chosen ones, or the exercises' notes to the teacher, refer to by title (»…«), so the
    reference can be read."""
    by_title = {f.title: f for f in content.facts}
    notes = [f.teacher_note for f in facts] + [x for e in exercises for x in (e.teacher_notes, e.safety_note)]
    out: list[m.LegalFact] = []
    while notes:  # a related fact may point on (§ 235 -> the partner exception -> the age of consent)
        named = [by_title[t] for note in notes for t in re.findall(r"»([^«]+)«", note) if t in by_title]
        new = [f for f in dict.fromkeys(f.id for f in named) for f in [content.by_id("facts")[f]]
               if f not in facts and f not in out]
        out += new
        notes = [f.teacher_note for f in new]
    return out


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


