"""What a lesson shows beside its activities: key messages, law (facts that follow the themes and the pupils' age),
helplines and materials for the teacher."""

from __future__ import annotations

from collections.abc import Sequence

import re

from ...content import models as m
from ...content.bands import AgeBand, Band, ages_fit, band_rank
from ...content.loader import Content


MAX_RELATED = 3
MIN_EASY_MESSAGES = 4
"""An easy-read handout has at least this many messages (as many as the band has for the lesson), each with its picture."""
MAX_KEY_MESSAGES = 5
"""What one handout holds beside its contacts: a theme's own message pushes out the first general one after the
opening message, never the opening or the closing one (»stop – tænk – spørg«, »du kan altid få hjælp«)."""


def at_most(texts: m.BandTexts, messages: list[str], most: int) -> list[str]:
    tags = dict(zip(texts.key_messages, texts.key_message_themes, strict=False)) if texts.key_message_themes else {}
    out = list(messages)
    while len(out) > most:
        general = [x for x in out[1:-1] if not tags.get(x)]
        if not general:
            break
        out.remove(general[0])
    return out


def pictograms_of(texts: m.BandTexts, messages: list[str]) -> list[str]:
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


def themes_of(exercises: list[m.Exercise], themes_by_id: dict) -> list[m.Theme]:
    """What a mixed lesson is about: each exercise's main theme, not every theme it touches."""
    main = dict.fromkeys(e.themes[0] for e in exercises)
    return [themes_by_id[t] for t in main if t in themes_by_id]


MINUTES_PER_FACT = 2


BACKGROUND_FACTS = 2


def facts_for(content: Content, age_band: AgeBand, themes: list[str], minutes: int,
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


def related_facts(content: Content, facts: list[m.LegalFact],
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


def lesson_messages(texts: m.BandTexts, taught: set[str]) -> tuple[list[str], list[str]]:
    """The key messages of the lesson's themes (at most MAX_KEY_MESSAGES) and the easy-read handout's messages: the
    band's easy-read ones shown, topped up to MIN_EASY_MESSAGES, in the handout's order."""
    messages = at_most(texts, texts.messages_for(taught), MAX_KEY_MESSAGES)
    easy = [x for x in texts.easy_read_messages if x in messages]
    easy += [x for x in messages if x not in easy][: max(0, MIN_EASY_MESSAGES - len(easy))]
    easy = [x for x in messages if x in easy]  # the handout's order
    return messages, easy if texts.easy_read_messages else messages[:3]
