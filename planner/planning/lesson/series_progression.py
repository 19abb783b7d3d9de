"""The themes of a forløb: all themes from easier to harder, a band's themes from the year wheel's progression, and
the themes spread over the lessons."""

from __future__ import annotations

from ...content.bands import AgeBand, Band, age_band_of
from ...content.loader import Content
from .exercises import themes_for


def theme_order(content: Content) -> list[str]:
    """All themes from easier to harder: by the first grade that meets them in the year wheel's progression, then
    in the themes' own order (grænser before billeddeling before sextortion)."""
    first: dict[str, int] = {}
    prog = content.progression
    for g in prog.grades if prog else []:
        if g.grade == "special":
            continue
        for t in g.themes:
            first[t] = min(first.get(t, 99), int(g.grade))
    own = [t.id for t in content.themes]
    return sorted(own, key=lambda t: (first.get(t, 99), own.index(t)))


def band_themes(content: Content, band: Band, age_band: AgeBand | None) -> list[str]:
    """The band's themes from the year wheel's progression (every grade of the band, or the special class's line for
    its pupils' age), that suit the pupils; without a progression file, the band's themes."""
    ab = age_band_of(band, age_band)
    fit = {t.id for t in themes_for(content, band, ab)}
    prog = content.progression
    if prog is None:
        return [t for t in theme_order(content) if t in fit]
    if band == "special":
        listed = prog.themes_for("special", age_band)
    else:
        listed = [t for g in prog.grades if g.grade != "special" and g.pupils_age == band for t in g.themes]
    return [t for t in dict.fromkeys(listed) if t in fit]


def spread(themes: list[str], n: int) -> list[list[str]]:
    """The themes over n lessons in their order: several to a lesson when there are more themes than lessons, one
    theme over neighbouring lessons when there are fewer."""
    k = len(themes)
    if k >= n:
        sizes = [k // n + (1 if i < k % n else 0) for i in range(n)]
        out, at = [], 0
        for s in sizes:
            out.append(themes[at: at + s])
            at += s
        return out
    return [[themes[i * k // n]] for i in range(n)]
