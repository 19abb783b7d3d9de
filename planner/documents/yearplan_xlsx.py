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
    head = wb.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1, "text_wrap": True, "valign": "top"})
    cell = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
    date_f = wb.add_format({"num_format": "dd.mm.yyyy", "valign": "top", "border": 1})
    time_f = wb.add_format({"num_format": "hh:mm", "valign": "top", "border": 1})
    bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    band_f = {b: wb.add_format({"bold": True, "valign": "top", "border": 1, "font_color": c, "text_wrap": True})
              for b, c in BAND_COLOURS.items()}
    used: set[str] = set()
    title = plan.full_title

    # Overview: one row per class, one column per month.
    ws = wb.add_worksheet(sheet_name("Oversigt", used))
    months = [(m, plan.year.start_year if m >= 8 else plan.year.start_year + 1) for m in sc.SCHOOL_MONTHS]
    header = ["Skole", "Klasse", *[f"{sc.MONTHS[m - 1].capitalize()} {y}" for m, y in months]]
    ws.write_row(0, 0, header, head)
    widths = [18, 11] + [19] * len(months)
    fit_rows(ws, [header], widths, 0)
    for r, (school, name) in enumerate(plan.classes(), 1):
        sessions = plan.sessions_of_class(school, name)
        by_month: dict[int, list[str]] = {}
        for s in sessions:
            by_month.setdefault(s.date.month, []).append(session_line(plan, s))
        values = [school, name] + ["\n".join(by_month.get(m, [])) for m, _ in months]
        ws.write(r, 0, school, cell)
        known = plan.request.school(school)
        ws.write(r, 1, name, band_f[band_of(known.grade_of(name) if known else "special")])
        for c, v in enumerate(values[2:], 2):
            ws.write(r, c, v, cell)
        fit_rows(ws, [values], widths, r)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.freeze_panes(1, 2)
    print_setup(ws, f"{title} · oversigt")

    # A sheet per school: every session of its classes.
    templates = plan.template_by_id
    widths = [w for _, w in SCHOOL_COLS]
    for school in plan.school_names:
        ws = wb.add_worksheet(sheet_name(school, used))
        ws.write_row(0, 0, [c for c, _ in SCHOOL_COLS], head)
        fit_rows(ws, [[c for c, _ in SCHOOL_COLS]], widths, 0)
        r = 1
        for _, name in plan.classes(school):
            for n, s in enumerate(plan.sessions_of_class(school, name), 1):
                values = [name, str(n), KIND_LABELS[s.kind], "", sc.WEEKDAYS[s.date.weekday()], str(s.week[1]), "",
                          str(s.minutes), plan.theme_title(s.theme), templates[s.template].title if s.template else "",
                          STATUS_LABELS[s.status], s.note]
                ws.write(r, 0, name, band_f[s.band])
                ws.write_number(r, 1, n, cell)
                ws.write(r, 2, values[2], cell)
                ws.write_datetime(r, 3, dt.datetime.combine(s.date, dt.time()), date_f)
                ws.write(r, 4, values[4], cell)
                ws.write_number(r, 5, s.week[1], cell)
                ws.write_datetime(r, 6, dt.datetime.combine(dt.date(1899, 12, 31), s.start), time_f)
                ws.write_number(r, 7, s.minutes, cell)
                for c in (8, 9, 10, 11):
                    ws.write(r, c, values[c], cell)
                fit_rows(ws, [values], widths, r)
                r += 1
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        ws.freeze_panes(1, 1)
        print_setup(ws, f"{title} · {school}")

    # The themes and the lesson templates of the plan.
    ws = wb.add_worksheet(sheet_name("Temaer og skabeloner", used))
    ws.write_row(0, 0, ["Tema eller skabelon", "Beskrivelse"], head)
    rows = [[plan.theme_by_id[t].title, plan.theme_by_id[t].description]
            for t in dict.fromkeys(s.theme for s in plan.sessions) if t in plan.theme_by_id]
    for tid in dict.fromkeys(s.template for s in plan.sessions if s.template):
        t = templates[tid]
        parts, start = [], 0
        for sec in t.sections:
            parts.append(f"{start}–{start + sec.minutes} min.: {sec.title}")
            start += sec.minutes
        rows.append([f"Lektionsskabelon: {t.title}", t.description + "\n" + "\n".join(parts)])
    for r, values in enumerate(rows, 1):
        ws.write(r, 0, values[0], bold)
        ws.write(r, 1, values[1], wrap)
    fit_rows(ws, rows, [30, 100], 1)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 100)
    ws.freeze_panes(1, 0)
    print_setup(ws, f"{title} · temaer og skabeloner")

    # Holidays, the schools' closed days and where the dates come from.
    cal = plan.calendar()
    ws = wb.add_worksheet(sheet_name("Ferie og lukkedage", used))
    ws.write_row(0, 0, ["Fra", "Til", "Hvad", "Type", "Skole"], head)
    days_off = [(d, "Alle skoler") for d in sorted(cal.breaks + cal.public_holidays, key=lambda d: (d.start, d.kind))]
    days_off += [(c.day_off(), school.name) for school in plan.schools for c in school.closed_days]
    kinds = {"ferie": "ferie", "helligdag": "helligdag", "lukket": "lukkedag"}
    for r, (d, who) in enumerate(days_off, 1):
        ws.write_datetime(r, 0, dt.datetime.combine(d.start, dt.time()), date_f)
        ws.write_datetime(r, 1, dt.datetime.combine(d.end, dt.time()), date_f)
        ws.write(r, 2, d.title, cell)
        ws.write(r, 3, kinds[d.kind], cell)
        ws.write(r, 4, who, cell)
        fit_rows(ws, [["", "", d.title, "", who]], [12, 12, 34, 12, 24], r)
    for c, w in enumerate([12, 12, 34, 12, 24]):
        ws.set_column(c, c, w)
    ws.freeze_panes(1, 0)
    print_setup(ws, f"{title} · ferie og lukkedage")

    ws = wb.add_worksheet(sheet_name("Om årshjulet", used))
    y = plan.year
    about = [
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
    ws.write_row(0, 0, ["Felt", "Værdi"], head)
    for r, (k, v) in enumerate(about, 1):
        ws.write(r, 0, k, bold)
        ws.write(r, 1, v, wrap)
    fit_rows(ws, [[k, v] for k, v in about], [20, 90], 1)
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 90)
    ws.freeze_panes(1, 0)
    print_setup(ws, f"{title} · om årshjulet")
    wb.close()
    return buf.getvalue()


def school_days_text(plan: YearPlan) -> str:
    """'190 skoledage (det sædvanlige er 200)', per school when their closed days differ."""
    counts = {s.name: plan.calendar(s.name).school_day_count() for s in plan.schools}
    usual = f"(det sædvanlige er {sc.USUAL_SCHOOL_DAYS})"
    if len(set(counts.values())) <= 1:
        return f"{next(iter(counts.values()), plan.calendar().school_day_count())} skoledage {usual}"
    return "; ".join(f"{name}: {n}" for name, n in counts.items()) + f" skoledage {usual}"
