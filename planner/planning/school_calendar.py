"""The school calendar: which days of a school year are school days, week by week.

A "holiday week" is an ISO week (Monday–Friday) in which at least one weekday is not a school day – a school
holiday, a public holiday, or a day outside the school year. Sessions are placed only in full school weeks.
The school-year files it is built from are content (content/school_years.py); their vocabulary is re-exported
here so that year plans and their exports need one import for dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Iterable, Literal

from ..content.school_years import (  # noqa: F401  (re-exported: the calendar's vocabulary)
    DERIVED_NOTE,
    FIRST_START_YEAR,
    LAST_START_YEAR,
    MAX_BREAK_DAYS,
    MAX_BREAKS,
    MONTHS,
    SCHOOL_MONTHS,
    STATUS_LABELS,
    WEEKDAYS,
    WHEEL_MONTHS,
    Break,
    SchoolYear,
    derive_dates,
    derived_year,
    iso_week,
    long_date,
    public_holidays,
    school_year_of,
    school_year_slug,
    short_date,
    week_break,
    year_problems,
)

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
    kind: Literal["ferie", "helligdag", "lukket"]

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def within(self, first: dt.date, last: dt.date) -> DayOff | None:
        """The part inside first–last, or None: nothing outside the school year is ever walked day by day."""
        start, end = max(self.start, first), min(self.end, last)
        return None if end < start else replace(self, start=start, end=end)


@dataclass(frozen=True)
class SchoolCalendar:
    year: SchoolYear
    winter_break_week: int
    closed: tuple[DayOff, ...] = ()
    """One school's own closed days (planlægningsdage, lejrskole, emneuge): no session there, but the district's
    full weeks (``weeks``) are the same for every school."""

    @property
    def first(self) -> dt.date:
        return self.year.first_school_day

    @property
    def last(self) -> dt.date:
        return self.year.last_school_day

    @cached_property
    def breaks(self) -> list[DayOff]:
        """The school holidays, vinterferie included, in date order."""
        w0, w1 = week_break(self.year.start_year + 1, self.winter_break_week)
        out = [DayOff(b.start, b.end, b.title, "ferie") for b in self.year.breaks]
        out.append(DayOff(w0, w1, f"Vinterferie (uge {self.winter_break_week})", "ferie"))
        return sorted(self._inside(out), key=lambda d: d.start)

    def _inside(self, days: Iterable[DayOff]) -> list[DayOff]:
        return [d for d in (x.within(self.first, self.last) for x in days) if d is not None]

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
            for d in b.days():
                off.setdefault(d, f"en feriedag ({b.title})")
        for h in self.public_holidays:
            off.setdefault(h.start, f"en helligdag ({h.title})")
        return off

    @cached_property
    def _closed(self) -> dict[dt.date, str]:
        out: dict[dt.date, str] = {}
        for c in self._inside(self.closed):
            for d in c.days():
                out.setdefault(d, f"en lukkedag på skolen ({c.title})")
        return out

    @property
    def uge_sex(self) -> dt.date:
        """Monday of Uge Sex (Sex & Samfund's Uge Sex page: every year in week 6)."""
        return dt.date.fromisocalendar(self.year.start_year + 1, self.year.uge_sex_week, 1)

    def why_not(self, d: dt.date) -> str | None:
        """None on a school day; otherwise why not, in Danish, ready to follow 'kan ikke ligge ... :'."""
        if d < self.first or d > self.last:
            return (f"det er uden for skoleåret {self.year.school_year} "
                    f"({short_date(self.first)}–{short_date(self.last)})")
        if d.weekday() >= 5:
            return f"det er en {WEEKDAYS[d.weekday()]}"
        reason = self._off.get(d) or self._closed.get(d)
        return None if reason is None else f"det er {reason}"

    def is_school_day(self, d: dt.date) -> bool:
        return self.why_not(d) is None

    def _district_day(self, d: dt.date) -> bool:
        return self.first <= d <= self.last and d.weekday() < 5 and d not in self._off

    @cached_property
    def weeks(self) -> list[Week]:
        """Every ISO week the school year touches, in order, with its number of school days."""
        out = []
        monday = self.first - dt.timedelta(days=self.first.weekday())
        while monday <= self.last:
            iso = monday.isocalendar()
            n = sum(self._district_day(monday + dt.timedelta(days=i)) for i in range(5))
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
        """School days of the year at this school: the district's, less the school's own closed days."""
        return sum(w.school_days for w in self.weeks) - sum(1 for d in self._closed if self._district_day(d))


USUAL_SCHOOL_DAYS = 200
"""The usual number of school days in a Danish school year, shown beside a year's own count (no law is cited:
the paragraph has not been checked against a public source)."""


def calendar(year: SchoolYear, winter_break_week: int | None = None, closed=()) -> SchoolCalendar:
    """The calendar of a school year (and one school's closed days), built once and reused: a plan asks for it on
    every check, export and page run, and the same year and days always give the same calendar."""
    return _calendar(year.model_dump_json(), winter_break_week or year.winter_break_week, tuple(closed))


@lru_cache(maxsize=64)
def _calendar(year_json: str, winter_break_week: int, closed: tuple[DayOff, ...]) -> SchoolCalendar:
    return SchoolCalendar(SchoolYear.model_validate_json(year_json), winter_break_week, closed)
