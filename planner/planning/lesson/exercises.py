"""Choosing a lesson's exercises: the themes and exercises that suit the pupils, and the set that fills the lesson's
exercise minutes (greedy first, then a bounded search)."""

from __future__ import annotations


import itertools
import math

from ...content import models as m
from ...content.bands import BAND_INFO, BAND_LABELS, AgeBand, Band, age_band_of
from ...content.loader import Content
from .plan import LessonRequest, PlanError


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


def candidates(content: Content, req: LessonRequest, age_band: AgeBand) -> list[m.Exercise]:
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


def pick(pool: list[m.Exercise], slots: list[int], req: LessonRequest, room: int | None = None) -> list[m.Exercise]:
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


SEARCH_BUDGET = 50_000  # sets tried at most: bounds the time a request with many exercises can take


def search(ranked: list[m.Exercise], slots: int, total: int, forced: list[str],
           budget: int = SEARCH_BUDGET) -> list[m.Exercise] | None:
    """When the greedy choice cannot fill the time exactly, try other sets: the slot count first, then fewer or
    more exercises, always preferring better-ranked ones (combinations come in rank order)."""
    keep = [e for e in ranked if e.id in forced]
    rest = [e for e in ranked if e.id not in forced]
    keep_lo, keep_hi = sum(e.minutes_min for e in keep), sum(e.minutes_max for e in keep)
    los, his = [e.minutes_min for e in rest], [e.minutes_max for e in rest]
    counts = [slots] + [k for d in range(1, len(ranked) + 1) for k in (slots + d, slots - d)]
    for k in counts:
        n = k - len(keep)
        if n < 0 or n > len(rest) or k < 1:
            continue
        # A count no set can fit (its n shortest minimums too long, or its n longest maximums too short) is skipped
        # whole; its sets still count against the budget, so the answer is the one trying each of them would give.
        if keep_lo + sum(sorted(los)[:n]) > total or keep_hi + sum(sorted(his)[len(his) - n:]) < total:
            budget -= math.comb(len(rest), n)
            if budget < 0:
                return None
            continue
        for combo in itertools.combinations(range(len(rest)), n):
            budget -= 1
            if budget < 0:
                return None
            if keep_lo + sum([los[i] for i in combo]) <= total <= keep_hi + sum([his[i] for i in combo]):
                return keep + [rest[i] for i in combo]
    return None


def fit_minutes(targets: list[int], exercises: list[m.Exercise], total: int) -> list[int] | None:
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


def choose_exercises(content: Content, req: LessonRequest, age_band: AgeBand, themes_by_id: dict,
                     targets: list[int]) -> tuple[list[m.Exercise], list[int]]:
    """The exercises of a lesson and their minutes: the best-ranked set that fills the exercise slots' minutes
    (`targets`), or a PlanError saying what to choose instead."""
    total = sum(targets)
    pool = candidates(content, req, age_band)
    if not pool or req.themes and not set(req.themes) & set(pool[0].themes):
        what = f" med temaerne {', '.join(themes_by_id[t].title for t in req.themes)}" if req.themes else ""
        raise PlanError(
            f"Ingen øvelser passer til {BAND_LABELS[req.band]}{what}. Vælg flere eller andre temaer, "
            "eller fjern udelukkede øvelser."
        )
    ranked = pick(pool, targets + [max(targets)] * len(pool), req, room=total)
    chosen = ranked[: len(targets)]
    mins = fit_minutes(targets[: len(chosen)], chosen, total)
    if mins is None:
        # The best-ranked exercise (e.g. the one whose main theme was chosen) stays in if any set can hold it.
        chosen = (search(ranked, len(targets), total, req.include + [ranked[0].id])
                  or search(ranked, len(targets), total, req.include) or [])
        if chosen:
            targets = (targets + [0] * len(chosen))[: len(chosen)]
            mins = fit_minutes(targets, chosen, total)
    if mins is None:
        raise PlanError(_no_fit(ranked, total, bool(req.themes)))
    return chosen, mins


def _no_fit(ranked: list[m.Exercise], total: int, themed: bool) -> str:
    """Why no set of exercises fills the lesson's exercise minutes, and what would."""
    capacity = sum(e.minutes_max for e in ranked)
    if capacity < total:
        more = "Vælg flere temaer eller en kortere lektion." if themed else "Vælg en kortere lektion."
        return f"De øvelser, der passer, kan højst fylde {capacity} af lektionens {total} øvelsesminutter. {more}"
    return (f"Lektionen er for kort til øvelserne: de korteste kræver mindst {min(e.minutes_min for e in ranked)} "
            f"minutter, men der er kun {total}. Vælg en længere lektion.")
