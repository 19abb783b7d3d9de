"""A year plan as files: Excel overview, calendar (.ics), Word with a year-wheel picture, and every classroom kit.

Each builder is a pure function from a YearPlan to bytes (the kits also need the content library to assemble the
lessons). The wheel is drawn with Pillow: no plotting library, no browser, nothing fetched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import datetime as dt
import importlib.util
import io
import math
import zipfile
from collections.abc import Callable
from typing import BinaryIO
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event
from PIL import Image, ImageDraw, ImageFont

from ..content.bands import BAND_LABELS
from ..planning import school_calendar as sc
from ..planning.yearplan import (
    BAND_COLOURS,
    KIND_LABELS,
    STATUS_LABELS,
    Rules,
    Session,
    YearPlan,
    YearPlanError,
    band_of,
    file_stem,
    grade_key,
    grade_label,
    lesson_request,
    slug,
    ring_radius,
    session_line,
    to_json,
    wheel_breaks,
    wheel_months,
    year_fraction,
)
from . import docx_base as D
from .spreadsheet import Workbook

TZ = ZoneInfo("Europe/Copenhagen")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS_MIME = "text/calendar"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

Progress = Callable[[int, int, str], None]
"""progress(done, total, what): called before the first kit and after each one."""


def _status_line(plan: YearPlan) -> str:
    y = plan.year
    text = f"Skoleårets datoer: {sc.STATUS_LABELS[y.status]}."
    return text + (f" {y.note}" if y.note else "")


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


# --- Calendar ----------------------------------------------------------------------------------


def _contact(plan: YearPlan, school: str) -> str:
    """'SSP-koordinator: Mette Hansen, tlf. …' for a school with a contact, else ''. Plain text, never a link."""
    found = plan.request.school(school)
    return found.contact.line() if found and found.contact and not found.contact.empty else ""


def _event(plan: YearPlan, s, stamp: dt.datetime, cancelled: bool = False) -> Event:
    start = dt.datetime.combine(s.date, s.start, tzinfo=TZ)
    theme = plan.theme_title(s.theme)
    templates = plan.template_by_id
    ev = Event()
    ev.add("uid", s.uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", start)
    ev.add("dtend", start + dt.timedelta(minutes=s.minutes))
    ev.add("sequence", s.sequence)
    ev.add("status", "CANCELLED" if cancelled or s.status == "aflyst" else "CONFIRMED")
    if s.kind == "lektion":
        ev.add("summary", f"{s.school}: {s.class_name}: {theme}")
        desc = [f"Forebyggelse af digitale krænkelser – {BAND_LABELS[s.band]}.", f"Tema: {theme}."]
        if s.template and s.template in templates:
            desc.append(f"Lektionsskabelon: {templates[s.template].title}.")
    else:
        ev.add("summary", f"{s.school}: Forældremøde {s.class_name}: {theme}")
        desc = [f"Forældremøde om forløbet i {s.class_name}. Første tema: {theme}."]
    if cancelled or s.status == "aflyst":
        desc.insert(0, "AFLYST.")
    elif s.status == "gennemfoert":
        desc.insert(0, "Gennemført.")
    if s.note:
        desc.append(s.note)
    contact = _contact(plan, s.school)
    if contact:
        desc.append(contact + ".")
    desc.append("Lavet med Klassekit.")
    ev.add("description", "\n".join(desc))
    ev.add("location", s.school)
    ev.add("categories", ["Klassekit", KIND_LABELS[s.kind], grade_label(s.grade)])
    ev.add("x-klassekit-school", s.school)
    ev.add("x-klassekit-class", s.class_name)
    ev.add("x-klassekit-grade", grade_key(s.grade))
    ev.add("x-klassekit-theme", s.theme)
    ev.add("x-klassekit-kind", s.kind)
    ev.add("x-klassekit-status", s.status)
    return ev


def class_ics(plan: YearPlan, school: str, class_name: str, stamp: dt.datetime | None = None) -> bytes:
    """The calendar for one class's teachers, named after the school and the class."""
    return to_ics(plan.for_class(school, class_name), stamp, name=f"{plan.title} · {school} · {class_name}")


def to_ics(plan: YearPlan, stamp: dt.datetime | None = None, name: str | None = None) -> bytes:
    """One event per session in Europe/Copenhagen time, the school in every title and UID. UIDs stay the same when a
    session is moved, and SEQUENCE counts its edits, so a calendar that imports the file again updates the event;
    a cancelled or deleted session is an event with STATUS:CANCELLED and a raised SEQUENCE, so it does not stand.
    `stamp` (DTSTAMP) defaults to midnight UTC of the first school day, which keeps the file the same for the same
    plan."""
    stamp = stamp or dt.datetime.combine(plan.year.first_school_day, dt.time(), dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//Klassekit//Årshjul//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name or plan.full_title)
    cal.add("x-wr-timezone", "Europe/Copenhagen")
    for s in plan.sessions:
        cal.add_component(_event(plan, s, stamp))
    for s in plan.removed:
        cal.add_component(_event(plan, s, stamp, cancelled=True))
    # The time zone's rules for the school year only: the default covers 1970–2038 and fills kilobytes.
    y = plan.year.start_year
    cal.add_missing_timezones(first_date=dt.date(y, 1, 1), last_date=dt.date(y + 2, 1, 1))
    return cal.to_ical()


# --- The wheel picture ------------------------------------------------------------------------


_SYSTEM_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                 "/Library/Fonts/Arial.ttf", "C:/Windows/Fonts/arial.ttf")


@lru_cache(maxsize=1)
def _font_file() -> str | None:
    """A font with æ, ø and å. Streamlit (a requirement) ships Source Sans, which Pillow reads; Pillow's own
    default font lacks the Danish letters, so it is the last resort (see _t)."""
    spec = importlib.util.find_spec("streamlit")
    for folder in spec.submodule_search_locations if spec and spec.submodule_search_locations else []:
        found = sorted(Path(folder, "static", "static", "media").glob("SourceSansVF-Upright*"))
        if found:
            return str(found[0])
    return next((f for f in _SYSTEM_FONTS if Path(f).exists()), None)


@lru_cache(maxsize=16)
def _font(size: int, weight: str = "Regular"):
    path = _font_file()
    if path:
        try:
            font = ImageFont.truetype(path, size)
            if font.get_variation_names():
                font.set_variation_by_name(weight)
            return font
        except OSError:
            pass
    return ImageFont.load_default(size=size)


def _t(text: str) -> str:
    """Text as the font can show it: spelled out without æ, ø, å only when no font with them was found."""
    if _font_file():
        return text
    table: dict[str, str | int | None] = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "–": "-"}
    return text.translate(str.maketrans(table))


def wheel_png(plan: YearPlan, size: int = 1400) -> bytes:
    """The year wheel: months around the circle from August at the top, one ring per grade (0. klasse innermost),
    a dot per session in the band's colour (a diamond for a parent meeting), holidays shaded, Uge Sex marked."""
    legend_h = size // 9
    img = Image.new("RGBA", (size, size + legend_h), "white")
    draw = ImageDraw.Draw(img)
    cx = cy = size / 2
    R = size * 0.40
    box = (cx - R, cy - R, cx + R, cy + R)

    def deg(fraction: float) -> float:
        return fraction * 360 - 90  # Pillow counts from three o'clock

    def point(fraction: float, radius: float) -> tuple[float, float]:
        a = 2 * math.pi * fraction
        return cx + radius * R * math.sin(a), cy - radius * R * math.cos(a)

    for mth in wheel_months(plan.year):
        draw.pieslice(box, deg(mth["start"]), deg(mth["end"]), fill="#F4F6F8" if mth["shade"] else "#FFFFFF",
                      outline="#C9D1D9", width=2)
    shade = Image.new("RGBA", img.size, (0, 0, 0, 0))
    sdraw = ImageDraw.Draw(shade)
    for b in wheel_breaks(plan):
        sdraw.pieslice(box, deg(b["start"]), deg(b["end"]), fill=(240, 180, 60, 70))
    img.alpha_composite(shade)
    draw = ImageDraw.Draw(img)

    small, mid, big = _font(max(12, size // 55)), _font(max(14, size // 40)), _font(max(16, size // 30), "Semibold")
    for g in plan.grades:
        r = ring_radius(plan, g) * R
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline="#8A96A3", width=1)
        x, y = point(0.0, ring_radius(plan, g))
        draw.text((x + 6, y), "S" if g == "special" else str(g), fill="#44505C", font=small, anchor="lm")
    uge_sex = plan.calendar().uge_sex
    f = year_fraction(uge_sex + dt.timedelta(days=2), plan.year)
    draw.line([point(f, 0.18), point(f, 1.0)], fill="#AA3377", width=3)
    draw.text(point(f, 0.13), "Uge Sex", fill="#AA3377", font=small, anchor="mm")
    for mth in wheel_months(plan.year):
        x, y = point((mth["start"] + mth["end"]) / 2, 1.09)
        draw.text((x, y), mth["name"].capitalize(), fill="#1F2933", font=mid, anchor="mm")
    dot = max(6, size // 110)
    for s in plan.sessions:
        x, y = point(year_fraction(s.date, plan.year), ring_radius(plan, s.grade))
        colour = BAND_COLOURS[s.band]
        if s.kind == "lektion":
            draw.ellipse((x - dot, y - dot, x + dot, y + dot), fill=colour, outline="white", width=2)
        else:
            d = dot * 1.3
            draw.polygon([(x, y - d), (x + d, y), (x, y + d), (x - d, y)], fill="white", outline=colour, width=3)
    draw.text((cx, cy), plan.year.label, fill="#1F2933", font=big, anchor="mm")

    # Legend under the wheel, flowing onto a new line when the next item would not fit.
    items: list[tuple[str, Any, str]] = [("dot", BAND_COLOURS[b], BAND_LABELS[b]) for b in BAND_COLOURS
                                         if any(s.band == b for s in plan.sessions)]
    if any(s.kind != "lektion" for s in plan.sessions):
        items.append(("diamond", "#44505C", "Forældremøde"))
    items.append(("box", (246, 225, 180), "Ferie"))
    items.append(("text", None, "Ringene: 0. klasse inderst" + (", S = specialklasse" if "special" in plan.grades else "")))
    x, y = size * 0.05, size + legend_h * 0.2
    for kind, colour, label in items:
        label = _t(label)
        width = (0 if kind == "text" else 3 * dot) + draw.textlength(label, font=mid)
        if x + width > size * 0.95:
            x, y = size * 0.05, y + legend_h * 0.32
        if kind == "dot":
            draw.ellipse((x, y - dot, x + 2 * dot, y + dot), fill=colour)
        elif kind == "diamond":
            d = dot * 1.3
            draw.polygon([(x + d, y - d), (x + 2 * d, y), (x + d, y + d), (x, y)], fill="white", outline=colour, width=3)
        elif kind == "box":
            draw.rectangle((x, y - dot, x + 2 * dot, y + dot), fill=colour)
        draw.text((x + (0 if kind == "text" else 3 * dot), y), label, fill="#1F2933", font=mid, anchor="lm")
        x += width + size * 0.03
    out = io.BytesIO()
    img.convert("RGB").save(out, format="PNG", optimize=False)
    return out.getvalue()


def wheel_alt_text(plan: YearPlan) -> str:
    counts = {g: len(plan.lessons(g)) for g in plan.grades}
    first = min((s.date for s in plan.sessions), default=plan.year.first_school_day)
    last = max((s.date for s in plan.sessions), default=plan.year.last_school_day)
    return (
        f"Årshjul for skoleåret {plan.year.label}: månederne rundt i en cirkel med august øverst. Hvert klassetrin "
        f"er en ring, 0. klasse inderst. Prikkerne er {sum(counts.values())} lektioner fra "
        f"{sc.short_date(first)} til {sc.short_date(last)} i trinenes farver; ferierne er skraverede, og Uge Sex "
        f"(uge {plan.year.uge_sex_week}) er markeret. Alle datoer står i tabellen."
    )


# --- Word ----------------------------------------------------------------------------------------


def to_docx(plan: YearPlan) -> bytes:
    doc = D.new_document(plan.full_title, header=f"Klassekit · {plan.full_title}")
    y = plan.year
    cal = plan.calendar()
    lessons = plan.lessons()
    D.heading(doc, plan.title, 1)
    schools = ", ".join(plan.school_names)
    D.para(doc, f"Forebyggelse af digitale seksuelle krænkelser på {schools}: {len(lessons)} lektioner for "
                f"{len(plan.classes())} klasser. Første skoledag {sc.long_date(y.first_school_day)}, "
                f"sidste skoledag {sc.long_date(y.last_school_day)}; vinterferie i uge {plan.winter_break_week}; "
                f"{school_days_text(plan)}.")
    if y.status != "confirmed":
        D.para(doc, y.note or sc.DERIVED_NOTE, bold_prefix="OBS: ")

    p = doc.add_paragraph()
    shape = p.add_run().add_picture(io.BytesIO(wheel_png(plan)), width=D.Cm(14.5))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", D.clean(wheel_alt_text(plan)))
    doc_pr.set("title", D.clean(f"Årshjul {y.label}"))

    for school in plan.school_names:
        D.heading(doc, f"{school}: klasse for klasse" if len(plan.school_names) > 1 else "Klasse for klasse", 2)
        if _contact(plan, school):
            D.para(doc, _contact(plan, school) + ".")
        rows = [[name, "\n".join(session_line(plan, s) for s in plan.sessions_of_class(school, name))]
                for _, name in plan.classes(school)]
        D.table(doc, ["Klasse", "Sessioner"], rows, widths=[3.0, 14.0])

    D.heading(doc, "Måned for måned", 2)
    by_month: dict[int, list] = {}
    for s in plan.sessions:
        by_month.setdefault(s.date.month, []).append(s)
    many = len(plan.school_names) > 1
    rows = []
    for mth in sc.SCHOOL_MONTHS:
        for s in by_month.get(mth, []):
            rows.append([sc.MONTHS[mth - 1].capitalize(), str(s.week[1]), f"{sc.WEEKDAYS[s.date.weekday()][:3]}. "
                         f"{s.date:%d.%m.%Y} kl. {s.start:%H.%M}", (f"{s.school}, " if many else "") + s.class_name,
                         ("Forældremøde: " if s.kind != "lektion" else "") + plan.theme_title(s.theme)
                         + (" (aflyst)" if s.status == "aflyst" else "")])
    D.table(doc, ["Måned", "Uge", "Dato", "Klasse", "Tema"], rows, widths=[2.2, 1.1, 4.2, 3.5, 6.0])

    D.heading(doc, "Temaerne", 2)
    for tid in dict.fromkeys(s.theme for s in lessons):
        t = plan.theme_by_id.get(tid)
        if t:
            D.para(doc, t.description, bold_prefix=f"{t.title}: ")

    D.heading(doc, "Ferie, helligdage og lukkedage", 2)
    days_off = sorted(cal.breaks + cal.public_holidays, key=lambda d: (d.start, d.kind))
    rows = [[sc.short_date(d.start), sc.short_date(d.end), d.title] for d in days_off]
    rows += [[sc.short_date(c.start), sc.short_date(c.end), f"{c.title} ({school.name})"]
             for school in plan.schools for c in school.closed_days]
    D.table(doc, ["Fra", "Til", "Hvad"], rows, widths=[3.0, 3.0, 11.0])
    D.para(doc, "Klassekit lægger sessionerne i hele skoleuger, aldrig i en uge med ferie eller helligdag og aldrig "
                "på en skoles lukkedag. En session, der er flyttet med hånden, ligger altid på en skoledag. "
                f"{_status_line(plan)} Kilder: {'; '.join(y.sources)} (tjekket {sc.short_date(y.checked)}). "
                "Helligdage beregnet med Python-pakken holidays.", style="Kilde")
    return D.to_bytes(doc)


# --- Every kit of the year ------------------------------------------------------------------------


def kit_folder(grade) -> str:
    return "specialklasse" if grade == "special" else f"{grade}-klasse"


def kits_write(content, plan: YearPlan, out: BinaryIO, progress: Progress | None = None) -> int:
    """All classroom kits of the year as a zip written to `out` as it goes: a folder per school and class, one
    folder per lesson with its Word documents. Only one kit's documents are in memory at a time (each is written to
    the zip and dropped before the next is built). Lessons with the same band, template and theme are assembled
    once. Returns the number of kits."""
    from ..planning import lesson as L
    from . import kit as K

    lessons = kit_lessons(plan)
    total = len(lessons)
    if progress:
        progress(0, total, "Klassesættene laves …")
    plans: dict[tuple, L.LessonPlan] = {}
    many = len(plan.school_names) > 1
    languages = {(sch.name, c): v for sch in plan.request.schools for c, v in sch.letter_languages.items()}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        numbers: dict = {}
        for i, s in enumerate(lessons, 1):
            request = lesson_request(plan, s)  # a class without a grade: its pupils' own age band
            key = (request.band, request.age_band, request.template, s.theme)
            if key not in plans:
                try:
                    plans[key] = L.assemble(content, request)
                except L.PlanError as exc:
                    raise YearPlanError(f"Lektionen for {s.who} {sc.short_date(s.date)}: {exc}") from None
            ck = (s.school, s.class_name)
            numbers[ck] = numbers.get(ck, 0) + 1
            info = K.KitInfo(school=s.school, class_name=s.class_name, date=sc.short_date(s.date),
                             start=f"{s.start:%H:%M}", letter_languages=languages.get(ck, []))
            folder = (f"{slug(s.school, 40)}/" if many else "") + \
                f"{slug(s.class_name)}/{numbers[ck]:02d}-uge-{s.week[1]:02d}-{s.theme}/"
            for name, data in K.print_kit(plans[key], info).items():
                z.writestr(folder + name, data)
            if progress:
                progress(i, total, kit_label(plan, s))
        _meeting_kits(content, plan, z, many)
    return total


def _meeting_kits(content, plan: YearPlan, z: zipfile.ZipFile, many: bool) -> None:
    """Each class's parent-meeting kit beside its lesson kits, in the class's folder."""
    from ..planning.yearplan.kits import parent_meeting
    from . import parents as DP

    for s in (x for x in plan.sessions if x.kind == "foraeldremoede" and x.active):
        folder = (f"{slug(s.school, 40)}/" if many else "") + f"{slug(s.class_name)}/00-foraeldremoede/"
        details = DP.MeetingDetails(s.school, s.class_name, sc.short_date(s.date))
        for name, data in DP.build_meeting(parent_meeting(content, plan, s), details).items():
            z.writestr(folder + name, data)


def kit_lessons(plan: YearPlan) -> list[Session]:
    """The lessons that get a kit, in the order they are made: school by school, class by class, by date."""
    order = {c: i for i, c in enumerate(plan.classes())}
    schools = {name: i for i, name in enumerate(plan.school_names)}
    return sorted((s for s in plan.lessons() if s.active),
                  key=lambda s: (schools[s.school], order[(s.school, s.class_name)], s.date, s.start))


def kit_label(plan: YearPlan, s: Session) -> str:
    """What the progress bar says while a lesson's kit is made."""
    return f"{s.who}, uge {s.week[1]}: {plan.theme_title(s.theme)}"


def kits_zip(content, plan: YearPlan, school: str = "", progress: Progress | None = None) -> bytes:
    """kits_write into memory (small plans and tests); `school` keeps only that school's kits."""
    buf = io.BytesIO()
    kits_write(content, plan.for_school(school) if school else plan, buf, progress)
    return buf.getvalue()


@lru_cache(maxsize=2)
def _content_of(root: str, stamp: float):
    from ..content.loader import load_content

    return load_content(root)


def kits_zip_from_file(root: str, stamp: float, plan_json: str, path: str, school: str = "",
                       progress_path: str | None = None) -> int:
    """kits_write for a worker process: the plan travels as its saved file and is opened against the content
    library the worker loads itself (once), so a long job never holds the app's own interpreter. The zip goes to
    `path` on disk (a folder the app removes); progress to `progress_path` as two numbers, "done/total", and
    nothing else: no school, class or lesson is named in a file beside the zip. The page names them from the plan
    (kit_lessons, kit_label)."""
    from ..planning.yearplan import from_json

    content = _content_of(root, stamp)
    plan = from_json(plan_json, content)

    def progress(done: int, total: int, what: str) -> None:
        if progress_path:
            Path(progress_path).write_text(f"{done}/{total}", encoding="ascii")

    with open(path, "wb") as out:
        return kits_write(content, plan.for_school(school) if school else plan, out, progress)


def all_files(plan: YearPlan, stamp: dt.datetime | None = None, per_school: bool | None = None,
              per_class: bool = False) -> dict[str, bytes]:
    """The files the CLI writes (and the app offers): Excel, calendar, Word and the plan itself for the district;
    with several schools (or `per_school`) also Excel, calendar and Word for each school; with `per_class` a
    calendar for each class, for its teachers."""
    stem = file_stem(plan)
    files = {
        f"{stem}.xlsx": to_xlsx(plan),
        f"{stem}.ics": to_ics(plan, stamp),
        f"{stem}.docx": to_docx(plan),
        f"{stem}.json": to_json(plan).encode("utf-8"),
    }
    if per_school is None:
        per_school = len(plan.school_names) > 1
    for school in plan.school_names if per_school else []:
        one = plan.for_school(school)
        sstem = file_stem(plan, school)
        files[f"{sstem}.xlsx"] = to_xlsx(one)
        files[f"{sstem}.ics"] = to_ics(one, stamp)
        files[f"{sstem}.docx"] = to_docx(one)
    for school, name in plan.classes() if per_class else []:
        files[f"klasser/{file_stem(plan, school, name)}.ics"] = class_ics(plan, school, name, stamp)
    return files

