"""What the teacher needs on the plan's first page: what the lesson teaches, its clock times, and what to
bring and print – derived from the chosen exercises, so every lesson gets its own list."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from ...content import models as m
from .details import DEFAULT_PUPILS, DEFAULT_START, MAX_PUPILS, StartTimeError, clock, parse_start  # noqa: F401
from .plan import LessonPlan

GROUP_SIZE = 4
_MODULE = re.compile(r"^Modul (\d+):\s*")


# --- What the lesson teaches -------------------------------------------------------------------


def lesson_exercises(plan: LessonPlan) -> list[m.Exercise]:
    """The plan's exercises in the order the class meets them, each once."""
    ids = dict.fromkeys(a.exercise_id for a in plan.exercise_activities)
    return [plan.exercise(x) for x in ids]


def taught_themes(plan: LessonPlan, exercises: list[m.Exercise] | None = None) -> list[m.Theme]:
    """The plan's themes that its exercises actually work with, in the order the class meets them. `exercises` are
    the plan's lesson_exercises, when the caller has them already."""
    by_id = {t.id: t for t in plan.themes}
    out: dict[str, m.Theme] = {}
    for e in lesson_exercises(plan) if exercises is None else exercises:
        hit = next((t for t in e.themes if t in by_id), None)
        if hit:
            out.setdefault(hit, by_id[hit])
    return list(out.values()) or plan.themes[:1]


def uncovered_themes(plan: LessonPlan, exercises: list[m.Exercise]) -> list[str]:
    """Why a theme the teacher chose has no exercise in the plan, one Danish sentence per theme.
    `exercises` are those the class may get (lesson.exercises_for)."""
    got = {t for a in plan.exercise_activities for t in plan.exercise(a.exercise_id).themes}
    by_id = {t.id: t for t in plan.themes}
    room = sum(a.minutes for a in plan.exercise_activities)
    out = []
    for t in plan.request.themes:
        if t in got or t not in by_id:
            continue
        fitting = [e for e in exercises if t in e.themes]
        title = by_id[t].title
        if not fitting:
            out.append(f"Temaet »{title}« har ingen øvelse til denne klasse endnu.")
        elif min(e.minutes_min for e in fitting) > room:
            out.append(f"Temaet »{title}« er ikke med: dets korteste øvelse tager {min(e.minutes_min for e in fitting)} "
                       f"minutter, og lektionen har {room} minutter til øvelser. Vælg en længere lektion.")
        else:
            out.append(f"Temaet »{title}« er ikke med: der er ikke plads til flere øvelser. Vælg en længere lektion, "
                       "færre temaer, eller byt en øvelse herunder.")
    return out


def lesson_title(plan: LessonPlan, most: int = 2, themes: list[m.Theme] | None = None) -> str:
    """A title that says what the lesson teaches: its main themes (at most two), never a list of every theme.
    `themes` are the plan's taught_themes, when the caller has them already."""
    titles = [t.title for t in (taught_themes(plan) if themes is None else themes)][:most]
    return " · ".join(titles) or "Digitale krænkelser"


# --- Clock times ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClockRow:
    start: str
    end: str
    minutes: int
    title: str
    kind: str
    module: int | None
    exercise_id: str | None = None


def schedule(plan: LessonPlan, start: str | None = None) -> list[ClockRow]:
    """The timeline in clock times. A day in modules says the module on every row; a break ends a module."""
    t0 = parse_start(start)
    modular = any(_MODULE.match(a.title) for a in plan.activities) or plan.minutes > 120
    module = 1
    rows = []
    for a in plan.activities:
        if a.kind == "break":
            rows.append(ClockRow(clock(t0 + a.start), clock(t0 + a.end), a.minutes, a.title, a.kind, None))
            module += 1
            continue
        title = _MODULE.sub("", a.title)
        rows.append(ClockRow(clock(t0 + a.start), clock(t0 + a.end), a.minutes, title, a.kind,
                             module if modular else None, a.exercise_id))
    return rows


# --- Materials ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Need:
    """One line of the materials list: how many of what, and where it comes from."""

    quantity: int
    name: str
    kind: Literal["item", "sign", "pupil_card", "sheet", "cards", "handout"]
    exercise_id: str | None = None
    prop: int | None = None
    """The index into the exercise's props (None for its cut-out cards and for the handout)."""
    note: str = ""

    @property
    def printed(self) -> bool:
        return self.kind != "item"


def groups_of(pupils: int) -> int:
    return max(1, math.ceil(pupils / GROUP_SIZE))


def bounded_pupils(pupils: int | None) -> int:
    return max(1, min(MAX_PUPILS, int(pupils or DEFAULT_PUPILS)))


def card_count(e: m.Exercise) -> int:
    return len(e.card_statements) + len(e.cases)


def card_name(e: m.Exercise) -> str:
    if e.picture_talk:
        return "billedkort"
    return "historiekort" if e.cases else "udsagnskort"


def needs(plan: LessonPlan, pupils: int | None = None, exercises: list[m.Exercise] | None = None) -> list[Need]:
    """Everything the chosen exercises need, with quantities for the class; things two exercises share (a string,
    the JA/NEJ signs) are counted once, at the larger quantity. `exercises` are the plan's lesson_exercises, when the
    caller has them already."""
    pupils = bounded_pupils(pupils)
    groups = groups_of(pupils)
    out: list[Need] = []
    items: dict[str, Need] = {}
    for e in lesson_exercises(plan) if exercises is None else exercises:
        cards = card_count(e)
        for i, prop in enumerate(e.props):
            per = {"class": 1, "group": groups, "pupil": pupils, "card": max(1, cards)}[prop.per]
            if prop.kind == "item":
                n = prop.count * per
                key = prop.name.casefold()
                if key not in items or items[key].quantity < n:
                    items[key] = Need(n, prop.label(n), "item", e.id, i)
            elif prop.kind == "sign":
                n = len(prop.faces)
                out.append(Need(n, prop.label(n), "sign", e.id, i))
            elif prop.kind == "pupil_card":
                note = "ét sæt til hver gruppe" if prop.per == "group" else "ét sæt til hver elev"
                out.append(Need(per, prop.label(per), "pupil_card", e.id, i, note=note))
            else:
                note = "ét til hver gruppe" if prop.per == "group" else ""
                out.append(Need(per, prop.label(per), "sheet", e.id, i, note=note))
        if cards:
            sets = {"class": 1, "group": groups, "pair": math.ceil(pupils / 2)}[e.cards_per]
            note = {"class": "", "group": f"{sets} sæt, ét til hver gruppe",
                    "pair": f"{sets} sæt, ét til hvert par"}[e.cards_per]
            out.append(Need(cards, card_name(e), "cards", e.id, None, note=note))
    out.append(Need(pupils, "elevark", "handout"))
    return list(items.values()) + out
