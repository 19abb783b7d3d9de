"""The year wheel as a picture (PNG) for the Word plan, drawn with Pillow: no plotting library, no browser,
nothing fetched."""

from __future__ import annotations

import datetime as dt
import io
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from ..content.bands import BAND_LABELS
from ..planning import school_calendar as sc
from ..planning.yearplan import BAND_COLOURS, YearPlan, ring_radius, wheel_breaks, wheel_months, year_fraction

_FONTS = {"Regular": ("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf",
                      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                      "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                      "/Library/Fonts/Arial.ttf", "C:/Windows/Fonts/arial.ttf"),
          "Semibold": ("/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf",
                       "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
                       "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
                       "/Library/Fonts/Arial Bold.ttf", "C:/Windows/Fonts/arialbd.ttf")}
"""Fonts with æ, ø and å: Carlito from the Debian package fonts-crosextra-carlito (installed with the app), then
other common system fonts. Pillow's own default font lacks the Danish letters, so it is the last resort (see _t)."""


@lru_cache(maxsize=2)
def _font_file(weight: str = "Regular") -> str | None:
    found = next((f for f in _FONTS[weight] if Path(f).exists()), None)
    return found if found or weight == "Regular" else _font_file()


@lru_cache(maxsize=16)
def _font(size: int, weight: str = "Regular"):
    path = _font_file(weight)
    if path:
        try:
            return ImageFont.truetype(path, size)
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
