"""The year wheel's content: grades, the theme progression from grade to grade, and loading the school-year files.

materials/yearplan_progression.yaml says what each grade works with; materials/school_years/*.yaml which days are
school days. Both are checked here with the loader's reader, so a broken file is reported like any other.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from . import models as m
from . import school_years as sy_
from .bands import BAND_INFO, BAND_LABELS, EVERY_AGE, AgeBand, Band, band_for_grade
from .messages import line_of

# --- Grades ------------------------------------------------------------------------------------

Grade = Annotated[int, Field(ge=0, le=10)] | Literal["special"]
GRADES: tuple[int | str, ...] = (*range(11), "special")
"""0.–9. klasse, 10. klasse and "special": a class without a grade (special class, modtagerklasse …), planned for
its pupils' age band."""
MAX_SESSIONS = 6


def grade_key(grade) -> str:
    return str(grade)


def grade_label(grade) -> str:
    return "Specialklasse" if grade == "special" else f"{grade}. klasse"


def band_of(grade) -> Band:
    return "special" if grade == "special" else band_for_grade(int(grade))


# --- The theme progression (content file) --------------------------------------------------------


class GradeThemes(m.Strict):
    grade: Grade
    age_band: AgeBand | None = None
    """Only for special: the pupils' age band these themes are for. Without one, themes that suit every age."""
    themes: list[m.Id] = Field(min_length=1)

    @property
    def pupils_age(self) -> AgeBand:
        return band_for_grade(self.grade) if self.grade != "special" else self.age_band or EVERY_AGE


class Progression(m.Strict):
    sessions_per_year: int = Field(default=2, ge=1, le=MAX_SESSIONS)
    template: m.Id = "lektion"
    grades: list[GradeThemes] = Field(min_length=1)

    def themes_for(self, grade, age_band: AgeBand | None = None) -> list[str]:
        """A grade's themes; for a class without a grade those of its pupils' age band, or, without one, the themes
        for every age. 10. klasse has 9. klasse's themes unless the file gives it its own."""
        if grade == 10 and not any(g.grade == 10 for g in self.grades):
            grade = 9
        if grade == "special":
            found = [g for g in self.grades if g.grade == "special" and g.age_band in (age_band, None)]
            return min(found, key=lambda g: g.age_band is None).themes  # the age band's own list, else every age
        return next(g.themes for g in self.grades if g.grade == grade)


PROGRESSION_FILE = "yearplan_progression.yaml"


def load_year_content(r, mat: Path, content, today: dt.date) -> None:
    """Load materials/school_years/*.yaml and materials/yearplan_progression.yaml into `content`, reporting
    problems through the loader's reader `r` (file, line, entry, field). Both are optional: without them the
    rest of Klassekit works, and the year plan says what is missing."""
    _load_school_years(r, mat / "school_years", content, today)
    _load_progression(r, mat / PROGRESSION_FILE, content)


def _load_school_years(r, folder: Path, content, today: dt.date) -> None:
    seen: dict[tuple, Path] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        node = r.read(path)
        sy = None if node is None else r.one(path, node, sy_.SchoolYear, [])
        if sy is None:
            continue
        bad = sy_.year_problems(sy)
        for entry, fld, message in bad:
            line = r.line_of_entry(path, entry, fld) if entry else line_of(r.rt(path), [fld], None)
            r.problem(path, line, entry, fld, message)
        key = (sy.school_year, sy.kommune)
        if key in seen:
            r.problem(path, line_of(r.rt(path), ["school_year"], None), None, "school_year",
                      f"skoleåret {sy.label} findes også i {r.rel(seen[key])} – skriv 'kommune:' i den ene fil")
            continue
        seen[key] = path
        stale = checked_problem(sy.checked, today)
        if stale:
            message, warning = stale
            r.problem(path, line_of(r.rt(path), ["checked"], None), None, "checked", message, warning=warning)
        if not bad:
            content.school_years.append(sy)
    content.school_years.sort(key=lambda s: (s.school_year, s.kommune or ""))


def checked_problem(checked: dt.date, today: dt.date) -> tuple[str, bool] | None:
    """What is wrong with a school-year file's 'checked' date, and whether it is only a warning: a date in the
    future is an error, one more than a year ago a warning (the holidays should be checked again)."""
    if checked > today:
        return f"datoen {checked.isoformat()} ligger i fremtiden", False
    if today - checked > m.STALE_AFTER:
        return f"sidst tjekket {checked.isoformat()} – over et år siden; tjek ferieplanen igen", True
    return None


def _load_progression(r, path: Path, content) -> None:
    if not path.exists():
        return
    node = r.read(path)
    prog = None if node is None else r.one(path, node, Progression, [])
    if prog is None:
        return
    problems = progression_problems(prog, {t.id: t for t in content.themes}, {t.id for t in content.templates},
                                    r.invalid)
    for loc, fld, message in problems:
        r.problem(path, line_of(r.rt(path), loc, None), None, fld, message)
    if not problems:
        content.progression = prog


Problem = tuple[list, str, str]
"""Where in the file (path of keys), the field, and the Danish message."""


def progression_problems(prog: Progression, themes: dict, template_ids: set[str], invalid) -> list[Problem]:
    """Everything wrong with the progression: an unknown template, a grade listed twice, an age band on a grade,
    themes that do not exist or do not suit the grade, and grades missing (10. klasse may follow 9. klasse). A theme
    already reported as invalid where it is defined is not reported again."""
    out: list[Problem] = []
    if prog.template not in template_ids:
        out.append((["template"], "template",
                    f"lektionsskabelonen '{prog.template}' findes ikke i lesson_templates/templates.yaml"))
    listed = [(g.grade, g.age_band) for g in prog.grades]
    for i, g in enumerate(prog.grades):
        if listed.index((g.grade, g.age_band)) != i:
            out.append((["grades", i, "grade"], f"grades.{i}.grade", f"klassetrinnet {g.grade}"
                        + (f" ({g.age_band})" if g.age_band else "") + " står der mere end én gang"))
        if g.age_band and g.grade != "special":
            out.append((["grades", i, "age_band"], f"grades.{i}.age_band",
                        f"{grade_label(g.grade)} har sit eget alderstrin – age_band er kun til grade: special"))
        out += [(["grades", i, "themes", j], f"grades.{i}.themes", message)
                for j, t in enumerate(g.themes) if (message := theme_problem(g, t, themes, invalid))]
    out += [(["grades"], "grades", f"{grade_label(g)} mangler på listen")
            for g in GRADES if g != 10 and (g, None) not in listed]  # 10. klasse may follow 9. klasse
    return out


def theme_problem(g: GradeThemes, theme: str, themes: dict, invalid) -> str:
    """Why a grade's theme cannot be used ('' if it can): it does not exist, or does not suit the grade's band and
    pupils' age."""
    if theme not in themes:
        return "" if theme in invalid else f"temaet '{theme}' findes ikke i materials/themes.yaml"
    band = band_of(g.grade)
    if themes[theme].suits(band, g.pupils_age):
        return ""
    who = f"{grade_label(g.grade)} – {BAND_LABELS[band]}" if band != "special" else (
        f"en klasse uden klassetrin med elever i {BAND_INFO[g.age_band].label}" if g.age_band else
        "en klasse uden klassetrin og uden alderstrin (temaerne skal passe til alle aldre)")
    return f"temaet '{theme}' passer ikke til {who}"
