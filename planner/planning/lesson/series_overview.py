"""What the forløb overview says about each lesson: when, what about, which exercises, what the pupils learn and
how the lesson builds on the one before. Plain data the overview document, the page and the CLI print."""

from __future__ import annotations

from dataclasses import dataclass

from .details import clock, parse_start
from .overview import lesson_exercises, taught_themes
from .series import Series, date_text


@dataclass(frozen=True)
class LessonSummary:
    number: int
    when: str
    """'mandag 8. februar 2027 kl. 08:00–08:45', or only the clock time when no date is given."""
    minutes: int
    themes: list[str]
    exercises: list[str]
    """'Titel (metode, 12 min.)'."""
    learns: list[str]
    builds_on: str
    laws: list[str]


def summaries(series: Series) -> list[LessonSummary]:
    out = []
    n = len(series.lessons)
    for i, (p, day) in enumerate(zip(series.lessons, series.dates, strict=False)):
        start = parse_start(p.kit.start)
        when = f"kl. {clock(start)}–{clock(start + p.minutes)}"
        when = f"{date_text(day)} {when}" if day else when
        mins = {a.exercise_id: a.minutes for a in p.exercise_activities}
        exercises = [f"{e.title} ({e.method_label}, {mins[e.id]} min.)" for e in lesson_exercises(p)]
        themes = [t.title for t in taught_themes(p)]
        out.append(LessonSummary(number=i + 1, when=when, minutes=p.minutes, themes=themes, exercises=exercises,
                                 learns=list(dict.fromkeys(p.learning_goals)), builds_on=_builds_on(series, i, n),
                                 laws=[f.title for f in p.facts if not f.teacher_only]))
    return out


def _builds_on(series: Series, i: int, n: int) -> str:
    here = [t.title for t in taught_themes(series.lessons[i])]
    if i == 0:
        return ("Forløbet begynder her: klassen laver sine aftaler sammen, og opstarten er tryg – ingen skal fortælle "
                "om sig selv. Lektionen lægger grunden med " + _and(here) + ".")
    before = [t.title for t in taught_themes(series.lessons[i - 1])]
    same = [t for t in here if t in before]
    new = [t for t in here if t not in before]
    text = f"Bygger videre på lektion {i}"
    if same:
        text += f": klassen arbejder videre med {_and(same)} med nye øvelser"
        text += f" og tager {_and(new)} op." if new else "."
    else:
        text += f" ({_and(before)}): nu tager klassen {_and(new)} op."
    if i == n - 1:
        text += " Forløbet slutter med, hvor man kan få hjælp, og en evaluering af hele forløbet."
    return text


def _and(items: list[str]) -> str:
    items = [x.lower() if x[:1].isupper() and not x[:2].isupper() else x for x in items] or ["emnet"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]
