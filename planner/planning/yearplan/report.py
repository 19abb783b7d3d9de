"""The year report: what was planned and what was done, per school and class, and the themes covered by grade –
for the school leader and the SSP board. Plain data; the documents are made in documents/yearplan_report.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...content.progression import GRADES, grade_label
from .plan import YearPlan


@dataclass
class ClassRow:
    school: str
    class_name: str
    planned: int = 0
    done: int = 0
    cancelled: int = 0
    meetings: int = 0
    meetings_done: int = 0
    themes_done: list[str] = field(default_factory=list)
    themes_planned: list[str] = field(default_factory=list)
    overdue: int = 0
    """Lessons whose day has passed and that are still "planlagt": held or cancelled, but not marked yet."""

    @property
    def upcoming(self) -> int:
        """Lessons still to come."""
        return self.open - self.overdue

    @property
    def open(self) -> int:
        """Lessons still planned (neither held nor cancelled)."""
        return self.planned - self.done - self.cancelled


@dataclass
class GradeThemes:
    grade: object
    label: str
    done: list[str]
    planned: list[str]


def class_rows(plan: YearPlan, school: str | None = None, today: dt.date | None = None) -> list[ClassRow]:
    today = today or dt.date.today()
    out = []
    for sch, name in plan.classes(school):
        row = ClassRow(sch, name)
        for s in plan.sessions_of_class(sch, name):
            title = plan.theme_title(s.theme)
            if s.kind == "lektion":
                row.planned += 1
                row.done += s.status == "gennemfoert"
                row.cancelled += s.status == "aflyst"
                row.overdue += s.status == "planlagt" and s.date < today
                if s.status == "gennemfoert" and title not in row.themes_done:
                    row.themes_done.append(title)
                if s.status == "planlagt" and title not in row.themes_planned:
                    row.themes_planned.append(title)
            else:
                row.meetings += 1
                row.meetings_done += s.status == "gennemfoert"
        out.append(row)
    return out


def themes_by_grade(plan: YearPlan) -> list[GradeThemes]:
    """For each grade of the plan: the themes held, with how many of the grade's classes had them when not all did
    ('Grænser og krop (1 af 3 klasser)'), and the themes still planned in some class."""
    out = []
    for g in GRADES:
        lessons = [s for s in plan.lessons(g)]
        if not lessons:
            continue
        classes = {(s.school, s.class_name) for s in lessons}
        held: dict[str, set] = {}
        for s in lessons:
            if s.status == "gennemfoert":
                held.setdefault(plan.theme_title(s.theme), set()).add((s.school, s.class_name))
        done = [t if len(who) == len(classes) else f"{t} ({len(who)} af {len(classes)} klasser)"
                for t, who in held.items()]
        planned = list(dict.fromkeys(plan.theme_title(s.theme) for s in lessons if s.status == "planlagt"))
        out.append(GradeThemes(g, grade_label(g), done, planned))
    return out


def totals(rows: list[ClassRow]) -> dict[str, int]:
    return {"klasser": len(rows), "planlagt": sum(r.planned for r in rows), "gennemført": sum(r.done for r in rows),
            "aflyst": sum(r.cancelled for r in rows), "udestår": sum(r.open for r in rows),
            "overskredet": sum(r.overdue for r in rows), "kommende": sum(r.upcoming for r in rows),
            "klasser nået": sum(1 for r in rows if r.done),
            "temaer": len({t for r in rows for t in r.themes_done}),
            "forældremøder": sum(r.meetings for r in rows),
            "forældremøder holdt": sum(r.meetings_done for r in rows)}


def headline(plan: YearPlan, school: str, today: dt.date | None = None) -> str:
    """One line a school leader reads at a glance: 'Skovvangskolen: 12 af 20 lektioner holdt · 8 af 10 klasser
    nået · 6 temaer gennemgået · 2 aflyst · 3 med overskredet dato · 5 kommende'."""
    t = totals(class_rows(plan, school, today))
    parts = [f"{t['gennemført']} af {t['planlagt']} lektioner holdt",
             f"{t['klasser nået']} af {t['klasser']} klasser nået",
             f"{t['temaer']} {'tema' if t['temaer'] == 1 else 'temaer'} gennemgået"]
    if t["aflyst"]:
        parts.append(f"{t['aflyst']} aflyst")
    if t["overskredet"]:
        parts.append(f"{t['overskredet']} med overskredet dato (ikke markeret gennemført eller aflyst)")
    parts.append(f"{t['kommende']} kommende")
    return f"{school}: " + " · ".join(parts)
