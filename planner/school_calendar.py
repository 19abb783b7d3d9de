"""School calendars: which days of a school year are school days.

School holidays differ from kommune to kommune, so they live in a data file per school year
(materials/school_years/2026-27.yaml) that a coordinator can copy and edit. Public holidays come from the
`holidays` package, so nobody types Grundlovsdag or Kristi himmelfartsdag by hand. Everything here is pure.

A "holiday week" is an ISO week (Monday–Friday) in which at least one weekday is not a school day – a school
holiday, a public holiday, or a day outside the school year. Sessions are placed only in full school weeks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

import holidays
from dateutil.easter import easter
from pydantic import Field, model_validator

from .models import Id, Strict, Text

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")
SCHOOL_MONTHS = (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6)
"""August to June: the months a school year has lessons in, in order."""
WHEEL_MONTHS = (*SCHOOL_MONTHS, 7)
"""A year wheel goes all the way round: the summer holiday closes the circle."""

DERIVED_NOTE = "Beregnet efter samme mønster som 2025/26 – ret datoerne til jeres kommunes ferieplan."
STATUS_LABELS = {"confirmed": "Efter kommunernes ferieplaner", "derived": "Beregnet – ikke bekræftet"}

_SCHOOL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


def short_date(d: dt.date) -> str:
    return f"{d:%d.%m.%Y}"


def long_date(d: dt.date) -> str:
    return f"{WEEKDAYS[d.weekday()]} {d.day}. {MONTHS[d.month - 1]} {d.year}"


def school_year_slug(school_year: str) -> str:
    """'2026/27' → '2026-27': for file names and calendar UIDs, where a slash does not belong."""
    return school_year.replace("/", "-")


# --- The data file ---------------------------------------------------------------------------


class Break(Strict):
    id: Id
    title: Text
    start: dt.date
    end: dt.date
    """Inclusive; a break usually runs from a Saturday to a Sunday so the weekends around it are covered too."""

    @model_validator(mode="after")
    def _in_order(self):
        if self.end < self.start:
            raise ValueError(f"ferien slutter ({self.end.isoformat()}) før den begynder ({self.start.isoformat()})")
        return self


class SchoolYear(Strict):
    school_year: Text = Field(pattern=_SCHOOL_YEAR.pattern)
    """Written '2026/27'."""
    kommune: str | None = None
    """Empty for the shipped default; a kommune's copy names the kommune, so both can be chosen."""
    status: Literal["confirmed", "derived"]
    note: str = ""
    sources: list[Text] = Field(min_length=1)
    checked: dt.date
    first_school_day: dt.date
    last_school_day: dt.date
    winter_break_week: int = Field(default=7, ge=7, le=10)
    """Vinterferie: ISO week 7 in most kommuner, 8 in others (10 on Bornholm); the app lets you pick 7 or 8."""
    uge_sex_week: int = Field(default=6, ge=1, le=53)
    breaks: list[Break] = []

    @property
    def start_year(self) -> int:
        return int(self.school_year[:4])

    @property
    def label(self) -> str:
        return self.school_year + (f" – {self.kommune}" if self.kommune else "")


def year_problems(sy: SchoolYear) -> list[tuple[str | None, str, str]]:
    """(entry, field, message) for what no single field can tell: years that follow each other, dates inside
    the school year. Danish, for the content check."""
    out: list[tuple[str | None, str, str]] = []
    y = sy.start_year
    if int(sy.school_year[5:]) != (y + 1) % 100:
        out.append((None, "school_year", f"skal være to år efter hinanden, fx {y}/{(y + 1) % 100:02d}"))
        return out
    first, last = sy.first_school_day, sy.last_school_day
    if (first.year, first.month) != (y, 8):
        out.append((None, "first_school_day", f"skal ligge i august {y} (står der: {first.isoformat()})"))
    elif first.weekday() >= 5:
        out.append((None, "first_school_day", f"er en {WEEKDAYS[first.weekday()]}: vælg en hverdag"))
    if (last.year, last.month) != (y + 1, 6):
        out.append((None, "last_school_day", f"skal ligge i juni {y + 1} (står der: {last.isoformat()})"))
    elif last.weekday() >= 5:
        out.append((None, "last_school_day", f"er en {WEEKDAYS[last.weekday()]}: vælg en hverdag"))
    seen: set[str] = set()
    for b in sy.breaks:
        if b.id in seen:
            out.append((b.id, "id", "id'et er brugt mere end én gang"))
        seen.add(b.id)
        if b.end < first or b.start > last:
            out.append((b.id, "start", f"ferien ligger uden for skoleåret {short_date(first)}–{short_date(last)}"))
    return out


# --- Public holidays ---------------------------------------------------------------------------


@lru_cache(maxsize=16)
def public_holidays(year: int) -> dict[dt.date, str]:
    """Danish public holidays of a calendar year, in Danish. 'optional' brings Grundlovsdag (and juleaftensdag and
    nytårsaften, which fall in juleferie). 1. maj is left out: most schools are open; a kommune that closes adds it
    to its school-year file. Store bededag is gone from 2024, and the package knows that."""
    days = holidays.country_holidays("DK", years=year, language="da", categories=("public", "optional"))
    return {d: name for d, name in days.items() if (d.month, d.day) != (5, 1)}


# --- The pattern behind the dates --------------------------------------------------------------


def _saturday_before(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=(d.weekday() - 5) % 7 or 7)


def _week_break(year: int, week: int) -> tuple[dt.date, dt.date]:
    """An ISO week off school, with the weekend before it: Saturday to Sunday."""
    monday = dt.date.fromisocalendar(year, week, 1)
    return monday - dt.timedelta(days=2), monday + dt.timedelta(days=6)


def derive_dates(start_year: int) -> dict:
    """The 2025/26 pattern (facts.md 6.2) applied to any school year. It reproduces 2025/26 exactly; for other
    years it is a starting point that each kommune must check against its own ferieplan.

    - first school day: the second Monday of August
    - efterårsferie: ISO week 42, Saturday before to Sunday
    - juleferie: the Saturday before 24 December to the first Sunday on or after 1 January
    - påskeferie: the Saturday before palmesøndag to 2. påskedag
    - Kristi himmelfart: Thursday to Sunday; pinse: Saturday to 2. pinsedag
    - last school day: the Friday before the last Saturday of June
    """
    y, y1 = start_year, start_year + 1
    aug1 = dt.date(y, 8, 1)
    first = aug1 + dt.timedelta(days=(0 - aug1.weekday()) % 7 + 7)
    jan1 = dt.date(y1, 1, 1)
    xmas = (_saturday_before(dt.date(y, 12, 24)), jan1 + dt.timedelta(days=(6 - jan1.weekday()) % 7))
    e = easter(y1)
    ascension = e + dt.timedelta(days=39)
    whit = e + dt.timedelta(days=49)
    june30 = dt.date(y1, 6, 30)
    last_saturday = june30 - dt.timedelta(days=(june30.weekday() - 5) % 7)
    autumn = _week_break(y, 42)
    return {
        "first_school_day": first,
        "last_school_day": last_saturday - dt.timedelta(days=1),
        "breaks": [
            {"id": "efteraarsferie", "title": "Efterårsferie", "start": autumn[0], "end": autumn[1]},
            {"id": "juleferie", "title": "Juleferie", "start": xmas[0], "end": xmas[1]},
            {"id": "paaskeferie", "title": "Påskeferie", "start": _saturday_before(e - dt.timedelta(days=7)),
             "end": e + dt.timedelta(days=1)},
            {"id": "kristi-himmelfart", "title": "Kristi himmelfart", "start": ascension,
             "end": ascension + dt.timedelta(days=3)},
            {"id": "pinse", "title": "Pinse", "start": whit - dt.timedelta(days=1), "end": whit + dt.timedelta(days=1)},
        ],
    }


# --- The calendar ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    iso_year: int
    week: int
    monday: dt.date
    school_days: int

    @property
    def label(self) -> str:
        return f"Uge {self.week}"

    @property
    def full(self) -> bool:
        return self.school_days == 5


@dataclass(frozen=True)
class DayOff:
    start: dt.date
    end: dt.date
    title: str
    kind: Literal["ferie", "helligdag"]


@dataclass(frozen=True)
class SchoolCalendar:
    year: SchoolYear
    winter_break_week: int

    @property
    def first(self) -> dt.date:
        return self.year.first_school_day

    @property
    def last(self) -> dt.date:
        return self.year.last_school_day

    @cached_property
    def breaks(self) -> list[DayOff]:
        """The school holidays, vinterferie included, in date order."""
        w0, w1 = _week_break(self.year.start_year + 1, self.winter_break_week)
        out = [DayOff(b.start, b.end, b.title, "ferie") for b in self.year.breaks]
        out.append(DayOff(w0, w1, f"Vinterferie (uge {self.winter_break_week})", "ferie"))
        return sorted(out, key=lambda d: d.start)

    @cached_property
    def public_holidays(self) -> list[DayOff]:
        """Public holidays on weekdays inside the school year, also those inside a school holiday."""
        out = []
        for y in (self.year.start_year, self.year.start_year + 1):
            for d, name in sorted(public_holidays(y).items()):
                if self.first <= d <= self.last and d.weekday() < 5:
                    out.append(DayOff(d, d, name, "helligdag"))
        return out

    @cached_property
    def _off(self) -> dict[dt.date, str]:
        """Weekdays off with the reason; inside a break the break is named (juleferie says more than juleaftensdag)."""
        off: dict[dt.date, str] = {}
        for b in self.breaks:
            d = b.start
            while d <= b.end:
                off.setdefault(d, f"en feriedag ({b.title})")
                d += dt.timedelta(days=1)
        for h in self.public_holidays:
            off.setdefault(h.start, f"en helligdag ({h.title})")
        return off

    @property
    def uge_sex(self) -> dt.date:
        """Monday of Uge Sex (facts.md 4.2: every year in week 6)."""
        return dt.date.fromisocalendar(self.year.start_year + 1, self.year.uge_sex_week, 1)

    def why_not(self, d: dt.date) -> str | None:
        """None on a school day; otherwise why not, in Danish, ready to follow 'kan ikke ligge ... :'."""
        if d < self.first or d > self.last:
            return (f"det er uden for skoleåret {self.year.school_year} "
                    f"({short_date(self.first)}–{short_date(self.last)})")
        if d.weekday() >= 5:
            return f"det er en {WEEKDAYS[d.weekday()]}"
        reason = self._off.get(d)
        return None if reason is None else f"det er {reason}"

    def is_school_day(self, d: dt.date) -> bool:
        return self.why_not(d) is None

    @cached_property
    def weeks(self) -> list[Week]:
        """Every ISO week the school year touches, in order, with its number of school days."""
        out = []
        monday = self.first - dt.timedelta(days=self.first.weekday())
        while monday <= self.last:
            iso = monday.isocalendar()
            n = sum(self.is_school_day(monday + dt.timedelta(days=i)) for i in range(5))
            out.append(Week(iso.year, iso.week, monday, n))
            monday += dt.timedelta(days=7)
        return out

    @cached_property
    def full_weeks(self) -> list[Week]:
        return [w for w in self.weeks if w.full]

    def is_holiday_week(self, d: dt.date) -> bool:
        monday = d - dt.timedelta(days=d.weekday())
        return not any(w.monday == monday and w.full for w in self.weeks)

    def school_day_count(self) -> int:
        return sum(w.school_days for w in self.weeks)


def calendar(year: SchoolYear, winter_break_week: int | None = None) -> SchoolCalendar:
    return SchoolCalendar(year, winter_break_week or year.winter_break_week)


def iso_week(d: dt.date) -> tuple[int, int]:
    """(ISO year, week): the week of 31 December can belong to the next year, and 1 January to the last."""
    iso = d.isocalendar()
    return iso.year, iso.week


def school_year_of(d: dt.date) -> str:
    """The school year a date belongs to; from July on, the one about to start."""
    y = d.year if d.month >= 7 else d.year - 1
    return f"{y}/{(y + 1) % 100:02d}"
