"""A year plan as an Excel workbook: an overview by month, a sheet per school, the themes, the days off and what
the plan is built on – set up for printing."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from ..planning import school_calendar as sc
from ..planning.yearplan import BAND_COLOURS, KIND_LABELS, STATUS_LABELS, Rules, YearPlan, band_of, session_line
from .spreadsheet import Workbook

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Excel -----------------------------------------------------------------------------------


def print_setup(ws, title: str, repeat: bool = True) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    ws.set_header(f"&L&\"Calibri,Bold\"{title.replace('&', '&&')}&RKlassekit")
    ws.set_footer("&CSide &P af &N")
    if repeat:
        ws.repeat_rows(0)


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs in a column `width` characters wide (Calibri 11): word by word, as Calc and
    Excel wrap, with a little room so that neither program runs the text into the next row."""
    chars = max(4, int(width * 0.85) - 1)
    total = 0
    for para in str(text).split("\n"):
        line = 0
        total += 1
        for word in para.split(" "):
            if line and line + 1 + len(word) > chars:
                total += 1
                line = 0
            line += len(word) + (1 if line else 0)
            while line > chars:  # a word longer than the column breaks anywhere
                total += 1
                line -= chars
    return max(1, total)


def fit_rows(ws, rows: list[list[str]], widths: Sequence[float], first_row: int) -> None:
    """Row heights from the wrapped text, so nothing printed runs into the next row (15 points a line)."""
    for r, values in enumerate(rows, first_row):
        lines = max((_lines(v, w) for v, w in zip(values, widths, strict=False) if v), default=1)
        ws.set_row(r, 15.5 * lines + 4)


def sheet_name(name: str, used: set[str]) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = "".join("-" if ch in "[]:*?/\\" else ch for ch in name).strip("'") or "Ark"
    out, n = base[:31], 2
    while out.lower() in used:
        out = f"{base[:27]} ({n})"
        n += 1
    used.add(out.lower())
    return out


SCHOOL_COLS = [("Klasse", 11), ("Nr.", 5), ("Type", 13), ("Dato", 11), ("Ugedag", 9), ("Uge", 5), ("Kl.", 6),
               ("Min.", 6), ("Tema", 28), ("Lektionsskabelon", 22), ("Status", 11), ("Note", 32)]


def to_xlsx(plan: YearPlan) -> bytes:
    """Overview grid (classes × months) with the school on every row, a sheet per school with its sessions, the
    themes and templates, the holidays and closed days, and where the dates come from. Headers frozen, A4
    landscape, rows as high as their wrapped text, so the sheets print in Calc and Excel without overlapping."""
    buf = io.BytesIO()
    # A note typed as "=..." stays text: nothing a coordinator types may become a formula or a link.
    wb = Workbook(buf)  # text cells that could start a formula get an apostrophe (spreadsheet.py)
    wb.set_properties({"title": plan.full_title, "author": "", "company": "", "comments": "Lavet med Klassekit"})
    f = _formats(wb)
    used: set[str] = set()
    _overview_sheet(wb, plan, f, used)
    for school in plan.school_names:
        _school_sheet(wb, plan, school, f, used)
    _two_column_sheet(wb, sheet_name("Temaer og skabeloner", used), ["Tema eller skabelon", "Beskrivelse"],
                      theme_rows(plan), (30, 100), f, f"{plan.full_title} · temaer og skabeloner")
    _days_off_sheet(wb, plan, f, used)
    _two_column_sheet(wb, sheet_name("Om årshjulet", used), ["Felt", "Værdi"], about_rows(plan), (20, 90), f,
                      f"{plan.full_title} · om årshjulet")
    wb.close()
    return buf.getvalue()


def _formats(wb) -> dict:
    """The workbook's cell formats by name; a band's colour for each band's class names."""
    out = {"head": wb.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1, "text_wrap": True,
                                  "valign": "top"}),
           "cell": wb.add_format({"text_wrap": True, "valign": "top", "border": 1}),
           "date": wb.add_format({"num_format": "dd.mm.yyyy", "valign": "top", "border": 1}),
           "time": wb.add_format({"num_format": "hh:mm", "valign": "top", "border": 1}),
           "bold": wb.add_format({"bold": True, "text_wrap": True, "valign": "top"}),
           "wrap": wb.add_format({"text_wrap": True, "valign": "top"})}
    out |= {f"band:{b}": wb.add_format({"bold": True, "valign": "top", "border": 1, "font_color": c,
                                        "text_wrap": True}) for b, c in BAND_COLOURS.items()}
    return out


def _finish(ws, widths: Sequence[float], freeze: tuple[int, int], title: str) -> None:
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.freeze_panes(*freeze)
    print_setup(ws, title)


def school_months(plan: YearPlan) -> list[tuple[int, int]]:
    """The school year's months as (month, calendar year): August to December in the first year, the rest in the
    next."""
    return [(m, plan.year.start_year if m >= 8 else plan.year.start_year + 1) for m in sc.SCHOOL_MONTHS]


def overview_row(plan: YearPlan, school: str, name: str, months: list[tuple[int, int]]) -> list[str]:
    """A class's row of the overview: school, class, and its sessions in the cell of their month."""
    by_month: dict[int, list[str]] = {}
    for s in plan.sessions_of_class(school, name):
        by_month.setdefault(s.date.month, []).append(session_line(plan, s))
    return [school, name] + ["\n".join(by_month.get(m, [])) for m, _ in months]


def _overview_sheet(wb, plan: YearPlan, f: dict, used: set[str]) -> None:
    """One row per class, one column per month."""
    ws = wb.add_worksheet(sheet_name("Oversigt", used))
    months = school_months(plan)
    header = ["Skole", "Klasse", *[f"{sc.MONTHS[m - 1].capitalize()} {y}" for m, y in months]]
    ws.write_row(0, 0, header, f["head"])
    widths = [18, 11] + [19] * len(months)
    fit_rows(ws, [header], widths, 0)
    for r, (school, name) in enumerate(plan.classes(), 1):
        values = overview_row(plan, school, name, months)
        ws.write(r, 0, school, f["cell"])
        known = plan.request.school(school)
        ws.write(r, 1, name, f[f"band:{band_of(known.grade_of(name) if known else 'special')}"])
        for c, v in enumerate(values[2:], 2):
            ws.write(r, c, v, f["cell"])
        fit_rows(ws, [values], widths, r)
    _finish(ws, widths, (1, 2), f"{plan.full_title} · oversigt")


def session_values(plan: YearPlan, name: str, n: int, s) -> list[str]:
    """A session's row on its school's sheet as text (the date, time and numbers are written as such too)."""
    template = plan.template_by_id[s.template].title if s.template else ""
    return [name, str(n), KIND_LABELS[s.kind], "", sc.WEEKDAYS[s.date.weekday()], str(s.week[1]), "",
            str(s.minutes), plan.theme_title(s.theme), template, STATUS_LABELS[s.status], s.note]


def _school_sheet(wb, plan: YearPlan, school: str, f: dict, used: set[str]) -> None:
    """Every session of a school's classes."""
    widths = [w for _, w in SCHOOL_COLS]
    ws = wb.add_worksheet(sheet_name(school, used))
    ws.write_row(0, 0, [c for c, _ in SCHOOL_COLS], f["head"])
    fit_rows(ws, [[c for c, _ in SCHOOL_COLS]], widths, 0)
    r = 1
    for _, name in plan.classes(school):
        for n, s in enumerate(plan.sessions_of_class(school, name), 1):
            values = session_values(plan, name, n, s)
            ws.write(r, 0, name, f[f"band:{s.band}"])
            ws.write_number(r, 1, n, f["cell"])
            ws.write(r, 2, values[2], f["cell"])
            ws.write_datetime(r, 3, dt.datetime.combine(s.date, dt.time()), f["date"])
            ws.write(r, 4, values[4], f["cell"])
            ws.write_number(r, 5, s.week[1], f["cell"])
            ws.write_datetime(r, 6, dt.datetime.combine(dt.date(1899, 12, 31), s.start), f["time"])
            ws.write_number(r, 7, s.minutes, f["cell"])
            for c in (8, 9, 10, 11):
                ws.write(r, c, values[c], f["cell"])
            fit_rows(ws, [values], widths, r)
            r += 1
    _finish(ws, widths, (1, 1), f"{plan.full_title} · {school}")


def theme_rows(plan: YearPlan) -> list[list[str]]:
    """The themes the plan uses, then its lesson templates with their timeline, each once in order of use."""
    templates = plan.template_by_id
    rows = [[plan.theme_by_id[t].title, plan.theme_by_id[t].description]
            for t in dict.fromkeys(s.theme for s in plan.sessions) if t in plan.theme_by_id]
    for tid in dict.fromkeys(s.template for s in plan.sessions if s.template):
        t = templates[tid]
        parts, start = [], 0
        for sec in t.sections:
            parts.append(f"{start}–{start + sec.minutes} min.: {sec.title}")
            start += sec.minutes
        rows.append([f"Lektionsskabelon: {t.title}", t.description + "\n" + "\n".join(parts)])
    return rows


def _two_column_sheet(wb, name: str, header: list[str], rows: list, widths: tuple[int, int], f: dict,
                      title: str) -> None:
    """A sheet of a bold name and its wrapped text a row."""
    ws = wb.add_worksheet(name)
    ws.write_row(0, 0, header, f["head"])
    for r, (k, v) in enumerate(rows, 1):
        ws.write(r, 0, k, f["bold"])
        ws.write(r, 1, v, f["wrap"])
    fit_rows(ws, [[k, v] for k, v in rows], widths, 1)
    _finish(ws, widths, (1, 0), title)


DAY_OFF_KINDS = {"ferie": "ferie", "helligdag": "helligdag", "lukket": "lukkedag"}


def days_off(plan: YearPlan) -> list[tuple]:
    """Every day off as (day off, who has it): the district's holidays and public holidays in order, then each
    school's closed days."""
    cal = plan.calendar()
    out = [(d, "Alle skoler") for d in sorted(cal.breaks + cal.public_holidays, key=lambda d: (d.start, d.kind))]
    return out + [(c.day_off(), school.name) for school in plan.schools for c in school.closed_days]


def _days_off_sheet(wb, plan: YearPlan, f: dict, used: set[str]) -> None:
    """Holidays and the schools' closed days."""
    ws = wb.add_worksheet(sheet_name("Ferie og lukkedage", used))
    ws.write_row(0, 0, ["Fra", "Til", "Hvad", "Type", "Skole"], f["head"])
    widths = [12, 12, 34, 12, 24]
    for r, (d, who) in enumerate(days_off(plan), 1):
        ws.write_datetime(r, 0, dt.datetime.combine(d.start, dt.time()), f["date"])
        ws.write_datetime(r, 1, dt.datetime.combine(d.end, dt.time()), f["date"])
        ws.write(r, 2, d.title, f["cell"])
        ws.write(r, 3, DAY_OFF_KINDS[d.kind], f["cell"])
        ws.write(r, 4, who, f["cell"])
        fit_rows(ws, [["", "", d.title, "", who]], widths, r)
    _finish(ws, widths, (1, 0), f"{plan.full_title} · ferie og lukkedage")


def about_rows(plan: YearPlan) -> list[tuple[str, str]]:
    """What the plan is built on: the year, the schools, the coordinator's time, and where the dates come from."""
    y = plan.year
    return [
        ("Skoleår", y.label),
        ("Skoler og klasser", "\n".join(f"{s.name}: {', '.join(n for _, n in plan.classes(s.name))}"
                                         for s in plan.schools)),
        ("Koordinatorens tid", Rules.of(plan.request).describe()),
        ("Første skoledag", sc.long_date(y.first_school_day)),
        ("Sidste skoledag", sc.long_date(y.last_school_day)),
        ("Vinterferie", f"uge {plan.winter_break_week}"),
        ("Uge Sex", f"uge {y.uge_sex_week}"),
        ("Skoledage", school_days_text(plan)),
        ("Datoernes status", sc.STATUS_LABELS[y.status]),
        ("Note", y.note),
        ("Kilder", "\n".join(y.sources)),
        ("Tjekket", sc.short_date(y.checked)),
        ("Helligdage", "Beregnet med Python-pakken holidays (Danmark, inkl. Grundlovsdag)."),
    ]


def school_days_text(plan: YearPlan) -> str:
    """'190 skoledage (det sædvanlige er 200)', per school when their closed days differ."""
    counts = {s.name: plan.calendar(s.name).school_day_count() for s in plan.schools}
    usual = f"(det sædvanlige er {sc.USUAL_SCHOOL_DAYS})"
    if len(set(counts.values())) <= 1:
        return f"{next(iter(counts.values()), plan.calendar().school_day_count())} skoledage {usual}"
    return "; ".join(f"{name}: {n}" for name, n in counts.items()) + f" skoledage {usual}"
