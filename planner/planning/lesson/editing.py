"""Editing a plan: swap, remove, add, move and shorten exercises. Every edit returns a new plan."""

from __future__ import annotations

from ...content import models as m
from ...content.loader import Content
from .exercises import check_exercise
from .plan import BROKEN_LINK, Activity, LessonPlan, PlanError
from .timing import absorb, minutes_text, retime

# --- Editing ---------------------------------------------------------------------------------


def _replace(plan: LessonPlan, activities: list[Activity], exercises: list[m.Exercise], fixed: int | None = None) -> LessonPlan:
    by_id = {e.id: e for e in exercises}
    acts = retime(absorb(activities, plan.minutes, by_id, fixed))
    used = [a.exercise_id for a in acts if a.kind == "exercise"]
    keep = [by_id[x] for x in dict.fromkeys(used) if x]
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
    for slot, a in zip(idx, order, strict=False):
        acts[slot] = a
    return _replace(plan, acts, list(plan.exercises))


def set_minutes(plan: LessonPlan, activity_index: int, minutes: int) -> LessonPlan:
    """Change one activity's minutes; the exercises, then the frame, make up the difference."""
    if not 0 <= activity_index < len(plan.activities):
        raise PlanError(f"Planen har ingen aktivitet nummer {activity_index + 1}.")
    if not 1 <= minutes <= plan.minutes:
        raise PlanError(f"Vælg mellem 1 og {plan.minutes} minutter.")
    acts = list(plan.activities)
    if acts[activity_index].kind == "exercise":
        # The same bounds a saved file or a link is opened with: an edit never makes a plan that cannot reopen.
        e = plan.exercise(acts[activity_index].exercise_id)
        if not e.minutes_min <= minutes <= e.minutes_max:
            raise PlanError(f"»{e.title}« skal vare mellem {e.minutes_min} og {e.minutes_max} minutter.")
    update = {"minutes": minutes} | ({"planned": minutes} if acts[activity_index].kind != "exercise" else {})
    acts[activity_index] = acts[activity_index].model_copy(update=update)
    return _replace(plan, acts, list(plan.exercises), fixed=activity_index)


def exercise_sequence(plan: LessonPlan) -> list[tuple[str, int]]:
    return [(a.exercise_id or "", a.minutes) for a in plan.exercise_activities]


def apply_sequence(content: Content, plan: LessonPlan, sequence: list[tuple[str, int]],
                   slots: list[int] | None = None) -> LessonPlan:
    """Rebuild the exercises of a freshly assembled plan from (id, minutes) pairs, e.g. from a share link.

    `slots` are the exercises' places in the teacher's timeline (after a removal in a lesson with breaks they are
    not the places a fresh plan has); the frame sections fill the other places in their own order."""
    if not sequence:
        raise PlanError("Planen skal have mindst én øvelse.")
    ids = [x for x, _ in sequence]
    if len(set(ids)) != len(ids):
        raise PlanError("Planen har den samme øvelse flere gange. Lav planen igen.")
    if not all(1 <= n <= plan.minutes for _, n in sequence):
        raise PlanError(f"En øvelse skal vare mellem 1 og {plan.minutes} minutter. Lav planen igen.")
    chosen = [check_exercise(content, plan.band, plan.age_band, x) for x in ids]
    new_acts = [Activity(kind="exercise", title=e.title, minutes=max(1, n), exercise_id=e.id, text=e.learning_goal)
                for e, (_, n) in zip(chosen, sequence, strict=False)]
    if slots is not None:
        return _replace(plan, _placed(plan, new_acts, slots), chosen)
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
    return _replace(plan, acts, chosen)


def _placed(plan: LessonPlan, exercises: list[Activity], slots: list[int]) -> list[Activity]:
    """The timeline with the exercises at the given places and the plan's frame sections, in order, around them."""
    frame = [a for a in plan.activities if a.kind != "exercise"]
    n = len(frame) + len(exercises)
    if len(slots) != len(exercises) or sorted(set(slots)) != slots or not all(0 <= i < n for i in slots):
        raise PlanError(BROKEN_LINK)
    by_place = dict(zip(slots, exercises, strict=False))
    rest = iter(frame)
    return [by_place[i] if i in by_place else next(rest) for i in range(n)]


def minute_changes(before: LessonPlan, after: LessonPlan, edited: str | None = None) -> list[str]:
    """Which other activities gave or got minutes in an edit, in Danish: "3 minutter fra Afslutning"."""
    def key(a):
        return a.exercise_id or a.title

    old = {key(a): a.minutes for a in before.activities}
    out = []
    for a in after.activities:
        k = key(a)
        if k == edited or k not in old or old[k] == a.minutes:
            continue
        d = a.minutes - old[k]
        out.append(f"{minutes_text(abs(d))} {'til' if d > 0 else 'fra'} {a.title}")
    return out
