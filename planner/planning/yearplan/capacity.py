"""The coordinator's capacity: which weekdays and hours, how many lessons a day, travel between schools.

One coordinator visits every school of the plan, so the rules hold across schools:

- lessons only on the coordinator's weekdays and inside the coordinator's hours (a parent meeting is an evening);
- at most `max_per_day` lessons a day;
- one school per half-day (before and after noon), unless the schools are close enough (`same_half_day`);
- never two sessions at once, cancelled sessions not counted.

`Bookings` answers "does this fit?" with the reason in Danish, ready to follow "kan ikke ligge …:".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import school_calendar as sc
from .plan import WEEKDAY_KEYS, Session, YearPlanRequest

NOON = dt.time(12, 0)
BREAK_MINUTES = 15
"""Between two lessons in a row: time to pack up, and for the next class to arrive."""


def clock(t: dt.time) -> str:
    return f"{t:%H.%M}"


def weekday_list(days) -> str:
    names = [sc.WEEKDAYS[d] for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


def parse_weekdays(text: str) -> list[int]:
    """'man,tir,ons' or 'mandag, onsdag' → [0, 1, 2]; raises ValueError in Danish."""
    out = []
    for part in (p.strip().lower() for p in str(text).split(",") if p.strip()):
        found = next((i for i, k in enumerate(WEEKDAY_KEYS) if part.startswith(k)), None)
        if found is None:
            raise ValueError(f"'{part[:20]}' er ikke en hverdag – skriv fx man,tir,ons,tor,fre")
        out.append(found)
    if not out:
        raise ValueError("vælg mindst én ugedag, fx man,tir,ons,tor,fre")
    return sorted(set(out))


_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?")


def _clock_of(text: str) -> dt.time | None:
    found = _CLOCK.fullmatch(text.strip())
    if not found:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def parse_hours(text: str) -> tuple[dt.time, dt.time]:
    """'08:00-13:00', '8-13' or '08.00–13.00' (hyphen, en or em dash) → the coordinator's day; raises ValueError
    in Danish."""
    text = str(text)[:40]
    parts = re.split(r"\s*[-–—]\s*", text.strip())
    times = [_clock_of(p) for p in parts] if len(parts) == 2 else [None]
    start, end = (times + [None])[:2]
    if start is None or end is None:
        raise ValueError(f"'{text[:20]}' er ikke et tidsrum – skriv fx 08:00-14:00 eller 8-14")
    if end <= start:
        raise ValueError(f"'{text[:20]}': dagen skal slutte, efter den begynder – skriv fx 08:00-14:00")
    return start, end


@dataclass(frozen=True)
class Rules:
    weekdays: tuple[int, ...]
    day_start: dt.time
    day_end: dt.time
    max_per_day: int
    same_half_day: bool

    @classmethod
    def of(cls, req: YearPlanRequest) -> Rules:
        return cls(tuple(req.weekdays), req.day_start, req.day_end, req.max_per_day, req.same_half_day)

    def lesson_starts(self, minutes: int) -> list[dt.time]:
        """The lesson slots of a day: from the start of the coordinator's day, a lesson and a short break apart."""
        out = []
        t = dt.datetime.combine(dt.date(2000, 1, 3), self.day_start)
        end = dt.datetime.combine(dt.date(2000, 1, 3), self.day_end)
        while t + dt.timedelta(minutes=minutes) <= end:
            out.append(t.time())
            t += dt.timedelta(minutes=minutes + BREAK_MINUTES)
        return out

    def describe(self) -> str:
        return (f"{weekday_list(self.weekdays)} kl. {clock(self.day_start)}–{clock(self.day_end)}, højst "
                f"{self.max_per_day} {'lektion' if self.max_per_day == 1 else 'lektioner'} om dagen"
                + ("" if self.same_half_day else ", én skole pr. halve dag"))


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


@dataclass
class _Booking:
    start: int
    end: int
    school: str
    kind: str
    what: str


class Bookings:
    """The coordinator's booked sessions, day by day."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self.days: dict[dt.date, dict[str, _Booking]] = {}

    def problem(self, day: dt.date, start: dt.time, minutes: int, school: str, kind: str,
                ignore: str | None = None) -> str | None:
        """None when a session fits; otherwise why not, in Danish."""
        r = self.rules
        b0, b1 = _minutes(start), _minutes(start) + minutes
        if kind == "lektion":
            if day.weekday() not in r.weekdays:
                return (f"det er en {sc.WEEKDAYS[day.weekday()]}, og koordinatoren underviser kun "
                        f"{weekday_list(r.weekdays)}")
            if b0 < _minutes(r.day_start) or b1 > _minutes(r.day_end):
                end = f"{b1 // 60:02d}.{b1 % 60:02d}"
                return (f"kl. {clock(start)}–{end} ligger uden for koordinatorens tid "
                        f"{clock(r.day_start)}–{clock(r.day_end)}")
        booked = {u: b for u, b in self.days.get(day, {}).items() if u != ignore}
        for b in booked.values():
            if b0 < b.end and b.start < b1:
                return (f"koordinatoren er optaget kl. {b.start // 60:02d}.{b.start % 60:02d}–"
                        f"{b.end // 60:02d}.{b.end % 60:02d} ({b.what})")
        if kind == "lektion":
            lessons = [b for b in booked.values() if b.kind == "lektion"]
            if len(lessons) >= r.max_per_day:
                return (f"koordinatoren har allerede {len(lessons)} "
                        f"{'lektion' if len(lessons) == 1 else 'lektioner'} den dag (højst {r.max_per_day} om dagen)")
            if not r.same_half_day:
                half = b0 < _minutes(NOON)
                other = next((b for b in lessons if (b.start < _minutes(NOON)) == half and b.school != school), None)
                if other:
                    return (f"koordinatoren er på {other.school} den {'formiddag' if half else 'eftermiddag'} "
                            "(én skole pr. halve dag)")
        return None

    def book(self, uid: str, day: dt.date, start: dt.time, minutes: int, school: str, kind: str, what: str) -> None:
        self.days.setdefault(day, {})[uid] = _Booking(_minutes(start), _minutes(start) + minutes, school, kind, what)

    def book_session(self, s: Session) -> None:
        if s.active:
            self.book(s.uid, s.date, s.start, s.minutes, s.school, s.kind, s.who)

    def release(self, s: Session) -> None:
        self.days.get(s.date, {}).pop(s.uid, None)

    def session_problem(self, s: Session, ignore: str | None = None) -> str | None:
        if not s.active:
            return None
        return self.problem(s.date, s.start, s.minutes, s.school, s.kind, ignore)

    def lessons_on(self, day: dt.date) -> int:
        return sum(1 for b in self.days.get(day, {}).values() if b.kind == "lektion")


def conflicts(sessions: list[Session], rules: Rules) -> list[str]:
    """Every session that breaks the rules against the ones before it, in Danish (for opened files and checks)."""
    bookings = Bookings(rules)
    out = []
    for s in sorted(sessions, key=lambda s: (s.date, s.start, s.uid)):
        why = bookings.session_problem(s)
        if why:
            out.append(f"{s.who} {sc.short_date(s.date)} kl. {clock(s.start)}: {why}")
        else:
            bookings.book_session(s)
    return out
