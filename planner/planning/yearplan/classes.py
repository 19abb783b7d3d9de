"""Grades and class names as the coordinator types them: '5. klasse', '0-9', '7.c', 'Specialklasse A (indskoling)'
– read, cleaned and checked, with Danish messages for what cannot be read."""

from __future__ import annotations

import re
from typing import Any, cast

from ...content.bands import AgeBand
from ...content.progression import GRADES
from ...content.text import printable
from ...content.text import slug as text_slug
from .errors import YearPlanError


def blank(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    try:
        return bool(v != v)  # NaN and NaT differ from themselves
    except TypeError:  # pandas' NA has no truth value
        return True


# --- Grades ------------------------------------------------------------------------------------


def parse_grade(value) -> int | str | None:
    """A grade from a table cell or the command line: 5, '5', '5.', '5. klasse' or 'special'."""
    if blank(value):
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 0 <= value <= 10:
        return int(value)
    text = str(value).strip().lower()
    if text.startswith("special"):
        return "special"
    found = re.fullmatch(r"(\d{1,2})\.?( klasse)?", text)
    return int(found.group(1)) if found and int(found.group(1)) <= 10 else None


def parse_grades(text: str) -> list:
    """'0-9', '4-6,special' or '0,2,4' → grades in school order. Raises YearPlanError with what is wrong."""
    out: set = set()
    for part in (p.strip() for p in text.split(",") if p.strip()):
        lo, sep, hi = part.partition("-")
        if sep:
            a, b = parse_grade(lo), parse_grade(hi)
            if not isinstance(a, int) or not isinstance(b, int) or a > b:
                raise YearPlanError(f"'{part}' er ikke et interval af klassetrin – skriv fx 0-9.")
            out.update(range(a, b + 1))
        else:
            g = parse_grade(part)
            if g is None:
                raise YearPlanError(f"'{part}' er ikke et klassetrin – brug 0–10 eller special.")
            out.add(g)
    if not out:
        raise YearPlanError("Vælg mindst ét klassetrin, fx 0-9.")
    return [g for g in GRADES if g in out]


# --- Classes and schools ---------------------------------------------------------------------------


def clean_name(text: str) -> str:
    """A school or class name as every export can hold it: one line, no control or bidi characters."""
    return re.sub(r"\s+", " ", printable(str(text))).strip()


def class_grade(name: str):
    """The grade of a class from its name: '7.c' → 7, '0. b' → 0, '10.x' → 10; a name that does not begin with a
    grade ('Specialklasse A', 'Modtagerklasse') → 'special', a class without a grade; '11.a' → None (no such grade)."""
    text = clean_name(name).lower()
    found = re.match(r"(\d+)", text)
    if found:
        return int(found.group(1)) if int(found.group(1)) <= 10 else None
    return "special" if text else None


_AGE_WORDS = {"indskoling": "indskoling", "mellemtrin": "mellemtrin", "mellemtrinnet": "mellemtrin",
              "udskoling": "udskoling", "0-3": "indskoling", "4-6": "mellemtrin", "7-9": "udskoling"}


def split_age_band(text: str) -> tuple[str, AgeBand | None]:
    """'Specialklasse A (indskoling)' or 'Modtagerklasse (4.–6. klasse)' → the class and its pupils' age band;
    a name without one in brackets → (name, None). Raises YearPlanError for brackets that name no age band."""
    text = clean_name(text)
    found = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", text)
    if not found:
        return text, None
    word = re.sub(r"\.|klasse|\s", "", found.group(2).lower()).replace("–", "-").replace("—", "-")
    if word not in _AGE_WORDS:
        raise YearPlanError(f"'{text[:40]}': skriv elevernes alderstrin i parentesen – indskoling, mellemtrin eller "
                            "udskoling, fx »Specialklasse A (indskoling)«.")
    return found.group(1), cast(AgeBand, _AGE_WORDS[word])


def class_text(name: str, age_band: AgeBand | None) -> str:
    """A class as the coordinator writes it: 'Specialklasse A (indskoling)'."""
    return f"{name} ({age_band})" if age_band else name


slug = text_slug  # calendar UIDs and file names: the project's one slug
