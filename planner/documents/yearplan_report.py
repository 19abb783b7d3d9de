"""The year report as Word and Excel: per school and class what was planned and done, themes covered by grade –
for the school leader and the SSP board. No pupil data: classes and schools only."""

from __future__ import annotations

import datetime as dt
import io

from ..planning import school_calendar as sc
from ..planning.yearplan import file_stem
from ..planning.yearplan import report as R
from ..planning.yearplan.plan import YearPlan
from . import docx_base as D
from .spreadsheet import Workbook
from .yearplan_xlsx import fit_rows, print_setup, sheet_name

HEADERS = ["Skole", "Klasse", "Lektioner planlagt", "Gennemført", "Aflyst", "Dato overskredet", "Kommende",
           "Forældremøder", "Temaer gennemført"]
WIDTHS = [22, 14, 12, 13, 9, 12, 11, 16, 46]
STATUS_WORDS = {"planlagt": "planlagt", "gennemfoert": "gennemført", "aflyst": "aflyst"}
"""The statuses as the reader says them: never the file's codes."""


def _row(r: R.ClassRow) -> list[str]:
    meetings = f"{r.meetings_done} af {r.meetings}" if r.meetings else "–"
    return [r.school, r.class_name, str(r.planned), str(r.done), str(r.cancelled), str(r.overdue), str(r.upcoming),
            meetings, ", ".join(r.themes_done) or "–"]


def _intro(plan: YearPlan, rows: list[R.ClassRow]) -> str:
    t = R.totals(rows)
    return (f"Skoleåret {plan.year.label}, {', '.join(plan.school_names)}: {t['klasser']} klasser, "
            f"{t['planlagt']} lektioner planlagt, {t['gennemført']} gennemført, {t['aflyst']} aflyst, "
            f"{t['overskredet']} med overskredet dato og {t['kommende']} kommende. Forældremøder: "
            f"{t['forældremøder holdt']} af {t['forældremøder']} holdt.")


def to_docx(plan: YearPlan, today: dt.date | None = None) -> bytes:
    today = today or dt.date.today()
    title = f"Årsrapport {plan.year.label} · {plan.school_label}"
    doc = D.new_document(title, header=f"Klassekit · {title}")
    D.heading(doc, f"Årsrapport: forebyggelse af digitale krænkelser {plan.year.label}", 1)
    for school in plan.school_names:  # the headline: one line per school
        D.para(doc, R.headline(plan, school, today))
    rows = R.class_rows(plan, today=today)
    D.para(doc, _intro(plan, rows) + f" Opgjort {sc.long_date(today)}.")
    D.para(doc, "Status sættes af SSP-koordinatoren i årshjulet (planlagt, gennemført, aflyst). Rapporten rummer "
                "ingen oplysninger om elever.", style="Kilde")
    for school in plan.school_names:
        mine = [r for r in rows if r.school == school]
        D.heading(doc, school, 2)
        D.para(doc, _intro(plan.for_school(school), mine))
        D.table(doc, ["Klasse", "Planlagt", "Gennemført", "Aflyst", "Dato overskredet", "Kommende",
                      "Temaer gennemført"],
                [[r.class_name, str(r.planned), str(r.done), str(r.cancelled), str(r.overdue), str(r.upcoming),
                  ", ".join(r.themes_done) or "–"] for r in mine], widths=[2.4, 1.7, 2.3, 1.5, 2.2, 1.9, 5.0])
    D.heading(doc, "Temaer pr. klassetrin", 2)
    D.table(doc, ["Klassetrin", "Gennemført", "Planlagt, ikke holdt endnu"],
            [[g.label, ", ".join(g.done) or "–", ", ".join(g.planned) or "–"] for g in R.themes_by_grade(plan)],
            widths=[3.0, 7.0, 7.0])
    notes = [s for s in plan.sessions if s.note and s.status != "planlagt"]
    if notes:
        D.heading(doc, "Noter", 2)
        D.table(doc, ["Dato", "Skole og klasse", "Status", "Note"],
                [[sc.short_date(s.date), f"{s.school}, {s.class_name}", STATUS_WORDS[s.status], s.note]
                 for s in notes], widths=[2.4, 4.2, 2.4, 8.0])
    return D.to_bytes(doc)


def to_xlsx(plan: YearPlan, today: dt.date | None = None) -> bytes:
    today = today or dt.date.today()
    buf = io.BytesIO()
    wb = Workbook(buf)  # text cells that could start a formula get an apostrophe (spreadsheet.py)
    title = f"Årsrapport {plan.year.label} · {plan.school_label}"
    wb.set_properties({"title": title, "author": "", "company": "", "comments": "Lavet med Klassekit"})
    head = wb.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1, "text_wrap": True, "valign": "top"})
    cell = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
    num = wb.add_format({"valign": "top", "border": 1})
    used: set[str] = set()
    rows = R.class_rows(plan, today=today)
    ws = wb.add_worksheet(sheet_name("Overblik", used))
    top = f"{title} · opgjort {sc.short_date(today)}"
    ws.write(0, 0, top, head)
    fit_rows(ws, [[top]], [90], 0)
    for i, school in enumerate(plan.school_names, 1):
        line = R.headline(plan, school, today)
        ws.write(i, 0, line, cell)
        fit_rows(ws, [[line]], [90], i)
    ws.set_column(0, 0, 90)
    print_setup(ws, f"{title} · overblik")
    ws = wb.add_worksheet(sheet_name("Klasser", used))
    ws.write_row(0, 0, HEADERS, head)
    fit_rows(ws, [HEADERS], WIDTHS, 0)
    for i, r in enumerate(rows, 1):
        values = _row(r)
        ws.write(i, 0, values[0], cell)
        ws.write(i, 1, values[1], cell)
        for c, n in enumerate((r.planned, r.done, r.cancelled, r.overdue, r.upcoming), 2):
            ws.write_number(i, c, n, num)
        ws.write(i, 7, values[7], cell)
        ws.write(i, 8, values[8], cell)
        fit_rows(ws, [values], WIDTHS, i)
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    ws.freeze_panes(1, 2)
    print_setup(ws, f"{title} · klasser")

    ws = wb.add_worksheet(sheet_name("Temaer pr. klassetrin", used))
    ws.write_row(0, 0, ["Klassetrin", "Gennemført", "Planlagt, ikke holdt endnu"], head)
    for i, g in enumerate(R.themes_by_grade(plan), 1):
        values = [g.label, ", ".join(g.done) or "–", ", ".join(g.planned) or "–"]
        ws.write_row(i, 0, values, cell)
        fit_rows(ws, [values], [16, 50, 50], i)
    for c, w in enumerate([16, 50, 50]):
        ws.set_column(c, c, w)
    ws.freeze_panes(1, 0)
    print_setup(ws, f"{title} · temaer")
    wb.close()
    return buf.getvalue()


def report_files(plan: YearPlan, today: dt.date | None = None) -> dict[str, bytes]:
    stem = file_stem(plan) + "-aarsrapport"
    return {f"{stem}.docx": to_docx(plan, today), f"{stem}.xlsx": to_xlsx(plan, today)}
