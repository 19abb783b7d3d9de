"""A year plan as files: Excel overview, calendar (.ics), Word with a year-wheel picture, and every classroom kit.

Each builder is a pure function from a YearPlan to bytes (the kits also need the content library to assemble the
lessons). The wheel is drawn with Pillow: no plotting library, no browser, nothing fetched.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import math
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import xlsxwriter
from icalendar import Calendar, Event
from PIL import Image, ImageDraw, ImageFont

from ..content.bands import BAND_LABELS
from ..planning import school_calendar as sc
from ..planning.yearplan import (
    BAND_COLOURS,
    KIND_LABELS,
    YearPlan,
    YearPlanError,
    band_of,
    file_stem,
    grade_key,
    grade_label,
    overview,
    ring_radius,
    session_line,
    to_json,
    wheel_breaks,
    wheel_months,
    year_fraction,
)
from . import docx_base as D

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


def _print_setup(ws, title: str, repeat: bool = True) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    ws.set_header(f"&L&\"Calibri,Bold\"{title.replace('&', '&&')}&RKlassekit")
    ws.set_footer("&CSide &P af &N")
    if repeat:
        ws.repeat_rows(0)


def to_xlsx(plan: YearPlan) -> bytes:
    """Overview grid (grades × months), a sheet per grade with dates, themes and the lesson template, the school
    holidays, and where the dates come from. Headers frozen, A4 landscape."""
    buf = io.BytesIO()
    # A note typed as "=..." stays text: nothing a coordinator types may become a formula or a link.
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": plan.title, "author": "", "company": "", "comments": "Lavet med Klassekit"})
    head = wb.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1, "text_wrap": True, "valign": "top"})
    cell = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
    date_f = wb.add_format({"num_format": "dd.mm.yyyy", "valign": "top", "border": 1})
    time_f = wb.add_format({"num_format": "hh:mm", "valign": "top", "border": 1})
    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    band_f = {b: wb.add_format({"bold": True, "valign": "top", "border": 1, "font_color": c})
              for b, c in BAND_COLOURS.items()}

    # Overview: one row per grade, one column per month.
    ws = wb.add_worksheet("Oversigt")
    months = [(m, plan.year.start_year if m >= 8 else plan.year.start_year + 1) for m in sc.SCHOOL_MONTHS]
    ws.write_row(0, 0, ["Klasse", *[f"{sc.MONTHS[m - 1].capitalize()} {y}" for m, y in months]], head)
    ws.set_row(0, 30)
    for r, (g, by_month) in enumerate(overview(plan), 1):
        ws.write(r, 0, grade_label(g), band_f[band_of(g)])
        lines = 1
        for c, (mth, _) in enumerate(months, 1):
            items = [session_line(plan, s) for s in by_month.get(mth, [])]
            lines = max(lines, sum(1 + len(x) // 24 for x in items))
            ws.write(r, c, "\n".join(items), cell)
        ws.set_row(r, 15 * lines + 3)
    ws.set_column(0, 0, 14)
    ws.set_column(1, len(months), 21)
    ws.freeze_panes(1, 1)
    _print_setup(ws, plan.title)

    # A sheet per grade.
    templates = plan.template_by_id
    cols = ["Nr.", "Type", "Dato", "Ugedag", "Uge", "Kl.", "Minutter", "Tema", "Lektionsskabelon", "Note"]
    for g in plan.grades:
        ws = wb.add_worksheet(grade_label(g))
        ws.write_row(0, 0, cols, head)
        sessions = plan.sessions_of(g)
        for r, s in enumerate(sessions, 1):
            ws.write_number(r, 0, r, cell)
            ws.write(r, 1, KIND_LABELS[s.kind], cell)
            ws.write_datetime(r, 2, dt.datetime.combine(s.date, dt.time()), date_f)
            ws.write(r, 3, sc.WEEKDAYS[s.date.weekday()], cell)
            ws.write_number(r, 4, s.week[1], cell)
            ws.write_datetime(r, 5, dt.datetime.combine(dt.date(1899, 12, 31), s.start), time_f)
            ws.write_number(r, 6, s.minutes, cell)
            ws.write(r, 7, plan.theme_title(s.theme), cell)
            ws.write(r, 8, templates[s.template].title if s.template else "", cell)
            ws.write(r, 9, s.note, cell)
        row = len(sessions) + 2
        for tid in dict.fromkeys(s.template for s in sessions if s.template):
            t = templates[tid]
            ws.write(row, 0, f"Lektionsskabelon: {t.title}", bold)
            ws.write(row + 1, 0, t.description, wrap)
            ws.write_row(row + 2, 0, ["Fra", "Til", "Minutter", "Afsnit"], head)
            start = 0
            for i, sec in enumerate(t.sections, row + 3):
                ws.write_row(i, 0, [start, start + sec.minutes, sec.minutes, sec.title], cell)
                start += sec.minutes
            row += len(t.sections) + 5
        themes = [plan.theme_by_id[t] for t in dict.fromkeys(s.theme for s in sessions) if t in plan.theme_by_id]
        if themes:
            ws.write(row, 0, "Temaerne", bold)
            for i, t in enumerate(themes, row + 1):
                ws.write(i, 0, t.title, bold)
                ws.write(i, 3, t.description)
        ws.set_column(0, 0, 10)
        ws.set_column(1, 1, 14)
        ws.set_column(2, 2, 11)
        ws.set_column(3, 6, 9)
        ws.set_column(7, 8, 30)
        ws.set_column(9, 9, 40)
        ws.freeze_panes(1, 0)
        _print_setup(ws, f"{plan.title} · {grade_label(g)}")

    # Holidays and where the dates come from.
    cal = plan.calendar()
    ws = wb.add_worksheet("Ferie og helligdage")
    ws.write_row(0, 0, ["Fra", "Til", "Hvad", "Type"], head)
    days_off = sorted(cal.breaks + cal.public_holidays, key=lambda d: (d.start, d.kind))
    for r, d in enumerate(days_off, 1):
        ws.write_datetime(r, 0, dt.datetime.combine(d.start, dt.time()), date_f)
        ws.write_datetime(r, 1, dt.datetime.combine(d.end, dt.time()), date_f)
        ws.write(r, 2, d.title, cell)
        ws.write(r, 3, d.kind, cell)
    ws.set_column(0, 1, 12)
    ws.set_column(2, 2, 34)
    ws.set_column(3, 3, 12)
    ws.freeze_panes(1, 0)
    _print_setup(ws, f"{plan.title} · ferie og helligdage")

    ws = wb.add_worksheet("Om årshjulet")
    y = plan.year
    about = [
        ("Skoleår", y.label),
        ("Første skoledag", sc.long_date(y.first_school_day)),
        ("Sidste skoledag", sc.long_date(y.last_school_day)),
        ("Vinterferie", f"uge {plan.winter_break_week}"),
        ("Uge Sex", f"uge {y.uge_sex_week}"),
        ("Skoledage", str(cal.school_day_count())),
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
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 90)
    ws.freeze_panes(1, 0)
    _print_setup(ws, f"{plan.title} · om årshjulet")
    wb.close()
    return buf.getvalue()


# --- Calendar ----------------------------------------------------------------------------------


def to_ics(plan: YearPlan, stamp: dt.datetime | None = None) -> bytes:
    """One event per session in Europe/Copenhagen time. UIDs stay the same when a session is moved, and SEQUENCE
    counts its edits, so a calendar that imports the file again can update the event. `stamp` (DTSTAMP) defaults
    to midnight UTC of the first school day, which keeps the file the same for the same plan."""
    stamp = stamp or dt.datetime.combine(plan.year.first_school_day, dt.time(), dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//Klassekit//Årshjul//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", plan.title)
    cal.add("x-wr-timezone", "Europe/Copenhagen")
    templates = plan.template_by_id
    for s in plan.sessions:
        start = dt.datetime.combine(s.date, s.start, tzinfo=TZ)
        theme = plan.theme_title(s.theme)
        ev = Event()
        ev.add("uid", s.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", start)
        ev.add("dtend", start + dt.timedelta(minutes=s.minutes))
        ev.add("sequence", s.sequence)
        if s.kind == "lektion":
            ev.add("summary", f"{grade_label(s.grade)}: {theme}")
            desc = [f"Forebyggelse af digitale krænkelser – {BAND_LABELS[s.band]}.", f"Tema: {theme}."]
            if s.template:
                desc.append(f"Lektionsskabelon: {templates[s.template].title}.")
        else:
            ev.add("summary", f"Forældremøde {grade_label(s.grade)}: {theme}")
            desc = [f"Forældremøde om forløbet i {grade_label(s.grade)}. Første tema: {theme}."]
        if s.note:
            desc.append(s.note)
        desc.append("Lavet med Klassekit.")
        ev.add("description", "\n".join(desc))
        ev.add("categories", ["Klassekit", KIND_LABELS[s.kind], grade_label(s.grade)])
        ev.add("x-klassekit-grade", grade_key(s.grade))
        ev.add("x-klassekit-theme", s.theme)
        ev.add("x-klassekit-kind", s.kind)
        cal.add_component(ev)
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
    return text.translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "–": "-"}))


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
    items = [("dot", BAND_COLOURS[b], BAND_LABELS[b]) for b in BAND_COLOURS if any(s.band == b for s in plan.sessions)]
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
    doc = D.new_document(plan.title, header=f"Klassekit · {plan.title}")
    y = plan.year
    cal = plan.calendar()
    lessons = plan.lessons()
    D.heading(doc, plan.title, 1)
    D.para(doc, f"Forebyggelse af digitale seksuelle krænkelser: {len(lessons)} lektioner for "
                f"{', '.join(grade_label(g) for g in plan.grades)}. Første skoledag {sc.long_date(y.first_school_day)}, "
                f"sidste skoledag {sc.long_date(y.last_school_day)}; vinterferie i uge {plan.winter_break_week}.")
    if y.status != "confirmed":
        D.para(doc, y.note or sc.DERIVED_NOTE, bold_prefix="OBS: ")

    p = doc.add_paragraph()
    shape = p.add_run().add_picture(io.BytesIO(wheel_png(plan)), width=D.Cm(15.5))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", D.clean(wheel_alt_text(plan)))
    doc_pr.set("title", D.clean(f"Årshjul {y.label}"))

    D.heading(doc, "Klassetrin for klassetrin", 2)
    rows = []
    for g, by_month in overview(plan):
        items = [session_line(plan, s) for mth in sc.SCHOOL_MONTHS for s in by_month.get(mth, [])]
        rows.append([grade_label(g), "\n".join(items)])
    D.table(doc, ["Klasse", "Sessioner"], rows, widths=[3.0, 14.0])

    D.heading(doc, "Måned for måned", 2)
    by_month: dict[int, list] = {}
    for s in plan.sessions:
        by_month.setdefault(s.date.month, []).append(s)
    rows = []
    for mth in sc.SCHOOL_MONTHS:
        for s in by_month.get(mth, []):
            rows.append([sc.MONTHS[mth - 1].capitalize(), str(s.week[1]), f"{sc.WEEKDAYS[s.date.weekday()][:3]}. "
                         f"{s.date:%d.%m.%Y} kl. {s.start:%H.%M}", grade_label(s.grade),
                         ("Forældremøde: " if s.kind != "lektion" else "") + plan.theme_title(s.theme)])
    D.table(doc, ["Måned", "Uge", "Dato", "Klasse", "Tema"], rows, widths=[2.3, 1.2, 4.2, 2.8, 6.5])

    D.heading(doc, "Temaerne", 2)
    for tid in dict.fromkeys(s.theme for s in lessons):
        t = plan.theme_by_id.get(tid)
        if t:
            D.para(doc, t.description, bold_prefix=f"{t.title}: ")

    D.heading(doc, "Ferie og helligdage", 2)
    days_off = sorted(cal.breaks + cal.public_holidays, key=lambda d: (d.start, d.kind))
    D.table(doc, ["Fra", "Til", "Hvad"], [[sc.short_date(d.start), sc.short_date(d.end), d.title] for d in days_off],
            widths=[3.0, 3.0, 11.0])
    D.para(doc, "Klassekit lægger sessionerne i hele skoleuger, aldrig i en uge med ferie eller helligdag. En session, "
                "der er flyttet med hånden, ligger altid på en skoledag.")
    D.para(doc, f"{_status_line(plan)} Kilder: {'; '.join(y.sources)} (tjekket {sc.short_date(y.checked)}). "
                "Helligdage beregnet med Python-pakken holidays.", style="Kilde")
    return D.to_bytes(doc)


# --- Every kit of the year ------------------------------------------------------------------------


def kit_folder(grade) -> str:
    return "specialklasse" if grade == "special" else f"{grade}-klasse"


def kits_zip(content, plan: YearPlan, school: str = "", progress: Progress | None = None) -> bytes:
    """All classroom kits of the year: a folder per grade, one folder per lesson with its Word documents.
    Lessons with the same band, template and theme are assembled once."""
    from ..planning import lesson as L
    from . import kit as K

    lessons = plan.lessons()
    total = len(lessons)
    if progress:
        progress(0, total, "Klassesættene laves …")
    plans: dict[tuple, L.LessonPlan] = {}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        numbers: dict = {}
        for i, s in enumerate(lessons, 1):
            band = band_of(s.grade)
            key = (band, s.template, s.theme)
            if key not in plans:
                try:
                    plans[key] = L.assemble(content, L.LessonRequest(band=band, template=s.template, themes=[s.theme]))
                except L.PlanError as exc:
                    raise YearPlanError(f"Lektionen for {grade_label(s.grade)} {sc.short_date(s.date)}: {exc}") from None
            numbers[s.grade] = numbers.get(s.grade, 0) + 1
            info = K.KitInfo(school=school, class_name=grade_label(s.grade), date=sc.short_date(s.date))
            folder = f"{kit_folder(s.grade)}/{numbers[s.grade]:02d}-uge-{s.week[1]:02d}-{s.theme}/"
            for name, data in K.print_kit(plans[key], info).items():
                z.writestr(folder + name, data)
            if progress:
                progress(i, total, f"{grade_label(s.grade)}, uge {s.week[1]}: {plan.theme_title(s.theme)}")
    return buf.getvalue()


@lru_cache(maxsize=2)
def _content_of(root: str, stamp: float):
    from ..content.loader import load_content

    return load_content(root)


def kits_zip_from_file(root: str, stamp: float, plan_json: str, school: str = "") -> bytes:
    """kits_zip for a worker process: the plan travels as its saved file and is opened against the content library
    the worker loads itself (once), so a long job never holds the app's own interpreter."""
    from ..planning.yearplan import from_json

    content = _content_of(root, stamp)
    return kits_zip(content, from_json(plan_json, content), school)


def all_files(plan: YearPlan, stamp: dt.datetime | None = None) -> dict[str, bytes]:
    """The files the CLI writes (and the app offers): Excel, calendar, Word and the plan itself."""
    stem = file_stem(plan)
    return {
        f"{stem}.xlsx": to_xlsx(plan),
        f"{stem}.ics": to_ics(plan, stamp),
        f"{stem}.docx": to_docx(plan),
        f"{stem}.json": to_json(plan).encode("utf-8"),
    }

