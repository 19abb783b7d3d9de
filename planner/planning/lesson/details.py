"""The class's details a teacher types for the kit: school, class, date, teacher, start time, pupils, poster size.

They belong to the plan (LessonPlan.kit), so they travel with it to every page, the board, the saved file and the
share link, and a colleague who opens the plan prints the same times for the same class."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ...content.text import cut, printable
from ...content.translations import LANGUAGES, MAX_LETTER_LANGUAGES

DEFAULT_START = "08:00"
DEFAULT_PUPILS = 28
"""Enough for a full class: a teacher with fewer pupils prints a few sheets too many, never too few."""
MAX_PUPILS = 40
MAX_FIELD = 120
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")

LINK_FIELDS = {"school": "skole", "class_name": "klasse", "date": "dato", "start": "start", "pupils": "elever",
               "poster": "plakat", "letter_languages": "sprog"}
"""What a share link carries of the details, and under which name. Never the teacher's name: a link travels."""


class StartTimeError(ValueError):
    """A start time that is not a clock time."""


def parse_start(text: str | None) -> int:
    """Minutes after midnight for '08:00' or '8.15'; a clear Danish error otherwise."""
    match = _CLOCK.match((text or DEFAULT_START).strip())
    if not match:
        raise StartTimeError(f"Starttidspunktet skal være et klokkeslæt som 08:00, ikke '{printable(text or '')[:20]}'")
    return int(match[1]) * 60 + int(match[2])


def clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class KitInfo(BaseModel):
    """Optional details the teacher types; cleaned and cut so any text makes a valid document."""

    model_config = ConfigDict(extra="forbid")
    school: str = ""
    class_name: str = ""
    date: str = ""
    teacher: str = ""
    start: str = DEFAULT_START
    pupils: int = Field(default=DEFAULT_PUPILS, ge=1, le=MAX_PUPILS)
    poster: Literal["A4", "A3"] = "A4"
    letter_languages: list[str] = Field(default=[], max_length=MAX_LETTER_LANGUAGES)
    """The parent letter's extra languages (codes of content.translations.LANGUAGES), beside the Danish letter."""

    @field_validator("school", "class_name", "date", "teacher", mode="before")
    @classmethod
    def _clean(cls, v):
        text = " ".join(printable(str(v or "")).split())  # one line: these fields sit in headers and titles
        return (text[: MAX_FIELD - 1].rstrip() + "…") if len(text) > MAX_FIELD else text

    @field_validator("start", mode="before")
    @classmethod
    def _clock(cls, v):
        return clock(parse_start(str(v or DEFAULT_START)))

    @field_validator("letter_languages", mode="before")
    @classmethod
    def _languages(cls, v):
        if v is None:
            return []
        if not isinstance(v, (str, list, tuple)):
            raise ValueError("Forældrebrevets sprog skal være en liste af sprogkoder som en,ar")  # noqa: TRY004 - pydantic
        codes = [str(x).strip().casefold() for x in (v.split(",") if isinstance(v, str) else v)]
        codes = [x for x in dict.fromkeys(codes) if x]
        unknown = [x for x in codes if x not in LANGUAGES]
        if unknown:
            raise ValueError(f"Forældrebrevet findes ikke på sproget '{printable(str(unknown[0]))[:10]}'. "
                             f"Klassekit kender: {', '.join(LANGUAGES)}")
        return [x for x in LANGUAGES if x in codes]  # one order everywhere: the kit's files, the link, the file

    def header(self) -> str:
        """»Skole · klasse · dato« for a page's header, at most 180 characters however long the fields are: a long
        school name is shortened first, so the class and the date (which the teacher plan's page 1 gives only
        here) always show."""
        parts = [(self.school, 80), (self.class_name, 40), (self.date, 50)]
        return " · ".join(cut(x, most) for x, most in parts if x)
