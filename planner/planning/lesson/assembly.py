"""Lesson assembly: from band, length and themes to a LessonPlan a teacher could teach tomorrow.

Pure: the same request always gives the same plan. Special classes get themes, exercises and law by the pupils' own age band.
"""

from __future__ import annotations


import math

from ...content import models as m
from ...content.bands import BAND_INFO, BAND_LABELS, AgeBand, Band, age_band_of
from ...content.loader import Content
from .plan import MIN_MINUTES, Activity, CurriculumLink, LessonPlan, LessonRequest, PlanError
from .exercises import choose_exercises, pupils_label, themes_for
from .resources import (
    facts_for,
    helplines_for,
    lesson_messages,
    materials_for,
    pictograms_of,
    related_facts,
    themes_of,
)
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

# --- Assembly ------------------------------------------------------------------------------
def assemble(content: Content, request: LessonRequest | dict) -> LessonPlan:
    req, age_band, themes_by_id = _checked_request(content, request)
    assert content.texts is not None  # _checked_request refused a library without its texts
    template_title, minutes, sections = _structure(content, req)
    if age_band == "indskoling":
        sections = _without_facts(sections)
    targets = [s.minutes for s in sections if s.kind == "exercise"]
    chosen, mins = choose_exercises(content, req, age_band, themes_by_id, targets)

    texts = content.texts.bands[req.band]
    lesson_themes = req.themes or list(dict.fromkeys(t for e in chosen for t in e.themes))
    facts = facts_for(content, age_band, lesson_themes, sum(s.minutes for s in sections if s.kind == "facts"),
                      lead_theme=req.themes[0] if req.themes else None)
    # What the pupils are taught: the chosen themes and those of the exercises served, as far as they suit the pupils'
    # age (a young special class's exercise may touch a theme it is not yet taught as such).
    taught = {t for t in [*req.themes, *(t for e in chosen for t in e.themes)]
              if t in themes_by_id and themes_by_id[t].suits(req.band, age_band)}
    messages, easy = lesson_messages(texts, taught)
    activities = retime(absorb(_activities(sections, chosen, mins, texts, facts), minutes, {e.id: e for e in chosen}))

    chosen_themes = [themes_by_id[t] for t in req.themes] or themes_of(chosen, themes_by_id)
    cur = content.texts.curriculum
    plan = LessonPlan(
        request=req,
        title=f"{' · '.join(t.title for t in chosen_themes[:3]) or 'Digitale krænkelser'} – {BAND_LABELS[req.band]}",
        band=req.band,
        age_band=age_band,
        band_label=_band_label(req.band, age_band),
        minutes=minutes,
        template_title=template_title,
        themes=chosen_themes,
        learning_goals=[e.learning_goal for e in chosen],
        curriculum=CurriculumLink(subject=cur.subject, areas=cur.areas, step=BAND_INFO[age_band].curriculum_step,
                                  goal=cur.goals[age_band], purpose_quote=cur.purpose_quote, source=cur.source),
        activities=activities,
        exercises=chosen,
        facts=facts,
        related_facts=related_facts(content, facts, chosen),
        helplines=helplines_for(content, age_band, req.kommune),
        related_materials=materials_for(content, req.band, [t.id for t in chosen_themes]
                                        + [t for e in chosen for t in e.themes]),
        ground_rules=texts.ground_rules,
        disclosure=content.texts.disclosure,
        preparation=content.texts.preparation,
        key_messages=messages,
        easy_read_messages=easy,
        key_message_pictograms=pictograms_of(texts, messages),
        exit_questions=texts.exit_questions,
        parent_letter=content.texts.parent_letter,
        kommune=req.kommune,
    )
    return plan


def _checked_request(content: Content, request: LessonRequest | dict) -> tuple[LessonRequest, AgeBand, dict]:
    """The request as the lesson is made from it (an age band only for special classes, the kommune as the library
    spells it), the pupils' age band and the themes by id; a PlanError in Danish for a theme or kommune that does
    not fit."""
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
    return req, age_band, themes_by_id


def _activities(sections: list[m.TemplateSection], chosen: list[m.Exercise], mins: list[int], texts: m.BandTexts,
                facts: list[m.LegalFact]) -> list[Activity]:
    """The template's sections as activities: each exercise slot gets the next chosen exercise (extra exercises
    follow the last slot), a facts section only when there are facts for these pupils."""
    slot_idx = [i for i, s in enumerate(sections) if s.kind == "exercise"]
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
    return activities


def _band_label(band: Band, age_band: AgeBand) -> str:
    """'Specialklasse · alderstrin mellemtrin (4.–6. klasse)': a special class's band and its pupils' age."""
    if band != "special":
        return BAND_LABELS[band]
    return BAND_LABELS[band] + f" · alderstrin {BAND_INFO[age_band].label[0].lower()}{BAND_INFO[age_band].label[1:]}"


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
