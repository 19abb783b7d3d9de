"""The checks across content files, after each file has passed its own schema: ids are unique, references resolve,
pictograms exist, and no date lies in the future. Each finding is a Problem with file and line, in Danish."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from . import models as m

# The loader's Reader (which records problems) and Content: named loosely here, so this module needs nothing from
# the loader that imports it.
Reader = Any
Content = Any


def check_unique(r: Reader, c: Content, origin) -> None:
    for kind in ("themes", "materials", "helplines", "facts", "exercises", "templates", "pictograms"):
        seen: dict[str, Path] = {}
        for item in getattr(c, kind):
            if item.id in seen:
                path = origin[(kind, item.id)]
                r.problem(path, r.line_of_entry(path, item.id), item.id, "id", "id'et er brugt mere end én gang")
            seen[item.id] = origin[(kind, item.id)]


def check_references(r: Reader, c: Content, origin, guide_path: Path) -> None:
    origin_texts = guide_path.parent / "lesson_texts.yaml"
    themes = c.by_id("themes")
    helplines = {h.id for h in c.helplines} | r.invalid
    facts = {f.id for f in c.facts} | r.invalid
    for kind, item_id, fld, message in theme_problems(c, themes, r.invalid):
        path = origin[(kind, item_id)]
        r.problem(path, r.line_of_entry(path, item_id, fld), item_id, fld, message)
    if c.guide:
        for step_id, step_fld, message in guide_problems(c.guide, helplines, facts):
            r.problem(guide_path, r.line_of_entry(guide_path, step_id, step_fld), step_id, step_fld or "id", message)
    check_pictograms(r, c, origin, origin_texts)
    if c.texts:
        for entry, fld, message in texts_problems(c.texts, themes, helplines, r.invalid):
            r.problem(origin_texts, None, entry, fld, message)


def theme_problems(c: Content, themes: dict, invalid: set[str]) -> list[tuple[str, str, str, str]]:
    """(kind, id, field, message) for every theme a material, fact, exercise or helpline names that does not exist
    (unless it is already reported where it is defined), and for every band an exercise is for that its theme is
    not meant for."""
    out = [(kind, item.id, "themes", f"temaet '{t}' findes ikke i materials/themes.yaml")
           for kind in ("materials", "facts", "exercises", "helplines") for item in getattr(c, kind)
           for t in item.themes if t not in themes and t not in invalid]
    out += [("exercises", ex.id, "themes", f"temaet '{t}' er ikke beregnet til trinnet '{band}'")
            for ex in c.exercises for band in ex.bands for t in ex.themes
            if t in themes and band not in themes[t].bands]
    return out


def guide_problems(guide, helplines: set[str], facts: set[str]) -> list[tuple[str, str | None, str]]:
    """(step id, field, message) for every contact or fact a step of the handling guide names that does not exist,
    then (step id, None, message) for every step id used more than once (the problem is on the step as a whole)."""
    out: list[tuple[str, str | None, str]] = []
    for step in guide.steps:
        for ref, known, label, fld in ((step.contacts, helplines, "kontakten", "contacts"),
                                       (step.facts, facts, "lovfaktummet", "facts")):
            out += [(step.id, fld, f"{label} '{x}' findes ikke i indholdet") for x in ref if x not in known]
    step_ids = [s.id for s in guide.steps]
    out += [(sid, None, "id'et er brugt mere end én gang") for sid in {s for s in step_ids if step_ids.count(s) > 1}]
    return out


def texts_problems(texts, themes: dict, helplines: set[str], invalid: set[str]) -> list[tuple[str, str, str]]:
    """(entry, field, message) for every theme a band's key messages name and every contact the parent letter names
    that does not exist."""
    out = [(band, "key_message_themes", f"temaet '{x}' findes ikke i materials/themes.yaml")
           for band, t in texts.bands.items() for x in {x for ts in t.key_message_themes for x in ts}
           if x not in themes and x not in invalid]
    out += [("parent_letter", "contacts", f"kontakten '{x}' findes ikke i indholdet")
            for x in texts.parent_letter.contacts if x not in helplines]
    return out


def check_pictograms(r: Reader, c: Content, origin, texts_path: Path) -> None:
    """Every picture a sign, card or handout names exists, and so does its PNG file."""
    known = {p.id for p in c.pictograms} | r.invalid
    for p in c.pictograms:
        png = origin[("pictograms", p.id)].parent / f"{p.id}.png"
        if not png.is_file():
            path = origin[("pictograms", p.id)]
            r.problem(path, r.line_of_entry(path, p.id), p.id, "id", f"billedfilen {png.name} mangler i mappen")
    for ex in c.exercises:
        named = [("props", x) for prop in ex.props for face in prop.faces for x in face.pictograms]
        named += [("cases", x) for case in ex.cases for x in case.picture]
        for fld, x in named:
            if x not in known:
                path = origin[("exercises", ex.id)]
                r.problem(path, r.line_of_entry(path, ex.id, fld), ex.id, fld,
                          f"piktogrammet '{x}' findes ikke i materials/pictograms/pictograms.yaml")
    for h in c.helplines:
        if h.pictogram and h.pictogram not in known:
            path = origin[("helplines", h.id)]
            r.problem(path, r.line_of_entry(path, h.id, "pictogram"), h.id, "pictogram",
                      f"piktogrammet '{h.pictogram}' findes ikke i materials/pictograms/pictograms.yaml")
    if c.texts:
        for band, t in c.texts.bands.items():
            for x in t.key_message_pictograms:
                if x not in known:
                    r.problem(texts_path, None, band, "key_message_pictograms",
                              f"piktogrammet '{x}' findes ikke i materials/pictograms/pictograms.yaml")


def check_dates(r: Reader, c: Content, origin, guide_path: Path, today: dt.date) -> None:
    for kind in ("helplines", "facts"):
        for item in getattr(c, kind):
            if item.checked > today:
                path = origin[(kind, item.id)]
                r.problem(path, r.line_of_entry(path, item.id, "checked"), item.id, "checked",
                          f"datoen {item.checked.isoformat()} ligger i fremtiden")
            elif today - item.checked > m.STALE_AFTER:
                path = origin[(kind, item.id)]
                r.problem(path, r.line_of_entry(path, item.id, "checked"), item.id, "checked",
                          f"sidst tjekket {item.checked.isoformat()} – over et år siden; tjek oplysningerne igen",
                          warning=True)
