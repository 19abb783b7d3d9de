"""The timeline's arithmetic: start times, and making the minutes add up after an edit."""

from __future__ import annotations

from ...content import models as m
from .plan import Activity, PlanError

# --- Timing ------------------------------------------------------------------------------------


def retime(activities: list[Activity]) -> list[Activity]:
    t, out = 0, []
    for a in activities:
        out.append(a.model_copy(update={"start": t, "end": t + a.minutes}))
        t += a.minutes
    return out


FRAME_FLOOR = {"help": 3, "closing": 3, "ground_rules": 2, "starter": 2, "facts": 2, "break": 5}


def absorb(activities: list[Activity], total: int, exercises: dict[str, m.Exercise],
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
            e = exercises[acts[i].exercise_id or ""]
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
        raise PlanError(f"Der er {minutes_text(delta)} i overskud, og øvelserne kan ikke blive længere. "
                        "Tilføj en øvelse, eller gør en øvelse længere.")
    if delta < 0:
        raise PlanError(f"Der mangler {minutes_text(-delta)}: lektionen kan ikke rumme det. Gør en øvelse kortere, "
                        "eller fjern en øvelse.")
    return acts


def minutes_text(n: int) -> str:
    return f"{n} minut" if n == 1 else f"{n} minutter"


