"""The forløb's documents: the overview (lesson by lesson, on one page where it can), and the kit – one folder per
lesson with its normal documents from the kit registry, and one parent letter for the whole forløb."""

from __future__ import annotations

from ..content.text import slug
from ..planning.lesson import LessonPlan
from ..planning.lesson.series import Series
from ..planning.lesson.series_overview import summaries
from . import docx_base as D
from .kit import KIT, build, zip_files
from .letter import parent_letter

OVERVIEW = "forloeb-oversigt.docx"
LETTER = next(k.file_name for k in KIT if k.name == "parent_letter")


def overview_docx(series: Series) -> bytes:
    kit = series.kit
    doc = D.new_document("Forløb", header=kit.header() or "Klassekit · Forløb")
    D.heading(doc, series.title, 1)
    D.para(doc, f"{len(series.lessons)} lektioner for {series.lessons[0].band_label}"
           + (f" · {kit.class_name}" if kit.class_name else "") + ".")
    items = summaries(series)
    D.table(doc, ["Lektion", "Hvornår", "Temaer", "Øvelser"],
            [[str(s.number), s.when or f"{s.minutes} min.", ", ".join(s.themes), "; ".join(s.exercises)]
             for s in items], widths=[1.6, 4.2, 4.2, 7])
    for s in items:
        D.heading(doc, f"Lektion {s.number}" + (f" – {s.when}" if s.when else ""), 2)
        D.para(doc, ", ".join(s.themes), bold_prefix="Temaer: ")
        D.para(doc, s.builds_on, bold_prefix="Sammenhæng: ")
        D.para(doc, "", bold_prefix="Eleverne lærer:")
        D.bullets(doc, s.learns)
        D.para(doc, "; ".join(s.exercises), bold_prefix="Øvelser: ")
        if s.laws:
            D.para(doc, "; ".join(s.laws), bold_prefix="Det siger loven: ")
    return D.to_bytes(doc)


def letter_plan(series: Series) -> LessonPlan:
    """One plan that stands for the whole forløb in the parent letter: every lesson's themes and exercises.

    Only read by the letter, never validated as a lesson: its timeline is the lessons' put after one another."""
    first = series.lessons[0]
    exercises = [e for p in series.lessons for e in p.exercises]
    acts = [a for p in series.lessons for a in p.exercise_activities]
    return first.model_copy(update={"themes": series.themes, "exercises": exercises, "activities": acts})


def letter_dates(series: Series) -> str:
    days = [d for d in series.dates if d]
    if not days:
        return series.kit.date
    parts = [f"{d.day}/{d.month}" for d in days]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]
    return f"{len(days)} lektioner: {joined} {days[-1].year}"


def series_letter(series: Series) -> bytes:
    return parent_letter(letter_plan(series), series.kit.model_copy(update={"date": letter_dates(series)}))


def lesson_folder(series: Series, i: int) -> str:
    p = series.lessons[i]
    return f"lektion-{i + 1}-{slug(p.themes[0].title) if p.themes else 'forloeb'}"


def series_kit(series: Series, with_lessons: bool = True) -> dict[str, bytes]:
    """{path in the zip: bytes}: the overview and the one parent letter at the top, then a folder per lesson with its
    kit from the registry, without a letter of its own."""
    files = {OVERVIEW: overview_docx(series), LETTER: series_letter(series)}
    if with_lessons:
        for i, p in enumerate(series.lessons):
            for name, data in build(p, p.kit).items():
                if name != LETTER:
                    files[f"{lesson_folder(series, i)}/{name}"] = data
    return files


def series_zip(series: Series) -> bytes:
    return zip_files(series_kit(series))


def series_job(series_json: str) -> bytes:
    """The forløb's zip as a job for the kit worker: the series as the page holds it. Built in the server's own process,
    its ~0.4 CPU-s held the interpreter and stalled every other teacher's page meanwhile (issue 28)."""
    return series_zip(Series.model_validate_json(series_json))
