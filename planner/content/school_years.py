"""School years as content: the school-year files, their checks, the public holidays and the dates' pattern.

School holidays differ from kommune to kommune, so they live in a data file per school year
(materials/school_years/2026-27.yaml) that a coordinator can copy and edit. Public holidays come from the
`holidays` package, so nobody types Grundlovsdag or Kristi himmelfartsdag by hand. Everything here is pure.
Which days are school days is worked out from these in planning/school_calendar.py.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
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

MAX_BREAK_DAYS = 62
"""The longest break a school-year file may have, first to last day. The longest Danish school holiday is the
summer holiday, about seven weeks (last Saturday of June to the Sunday before the second Monday of August, ~50
days); inside a school year the longest is juleferie, about two and a half weeks. Two months leaves room for a
kommune that writes the summer holiday in with the weekends around it, and is the same limit as a school's closed
days, so a row of the page's holiday table means the same for both. Longer is a typing error or an attack: a
break from year 1 to 9999 would make the calendar walk 3.6 million days."""
MAX_BREAKS = 40
"""A kommune's ferieplan has 6–10 entries (five holidays, 1. maj, Grundlovsdag, a bridge day or two); 40 leaves
room for a year with many single days off and bounds the work a file can ask for."""
FIRST_START_YEAR, LAST_START_YEAR = 2000, 2098
"""School years Klassekit plans: 2000/01 to 2098/99. Outside that a year is a typing error, and dates near year 1 or
9999 are where date arithmetic overflows."""


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
        if (self.end - self.start).days > MAX_BREAK_DAYS:
            raise ValueError(f"ferien {self.start.isoformat()}–{self.end.isoformat()} er længere end to måneder "
                             f"({MAX_BREAK_DAYS} dage) – selv sommerferien er kortere")
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
    breaks: list[Break] = Field(default=[], max_length=MAX_BREAKS)

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
    if not FIRST_START_YEAR <= y <= LAST_START_YEAR:
        out.append((None, "school_year", f"skal ligge mellem {FIRST_START_YEAR}/{(FIRST_START_YEAR + 1) % 100:02d} "
                                         f"og {LAST_START_YEAR}/{(LAST_START_YEAR + 1) % 100:02d}"))
        return out
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


# --- A kommune's own file: written for download, read back from an upload --------------------------

MAX_YEAR_FILE_BYTES = 50_000


def to_yaml(sy: SchoolYear) -> str:
    """The school year as a file like those in materials/school_years/, to download, edit and upload again."""
    import io

    from ruamel.yaml import YAML

    data = sy.model_dump(exclude_none=True)
    buf = io.StringIO()
    buf.write(f"# Skoleåret {sy.label}: første og sidste skoledag og skolernes ferier (fra Klassekit).\n"
              "# Ret datoerne til jeres kommunes ferieplan, og upload filen igen på siden Årshjul – eller læg den i\n"
              "# materials/school_years/ og kør `python -m planner check`. Helligdage beregnes automatisk.\n")
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.representer.ignore_aliases = lambda _data: True  # a one-day break's date written out twice, not as &id001
    yaml.dump(data, buf)
    return buf.getvalue()


MAX_YEAR_FILE_DEPTH = 6
"""A school-year file is a mapping with a list of breaks, each a mapping: three levels deep."""


def _plain_shape(text: str) -> None:
    """Refuse, before anything is built, what a school-year file never has: an anchor on a list or mapping (a few
    lines of aliases to them unfold into billions of values – the "billion laughs") and deep nesting. An alias of a
    single date is harmless and kept: files written before to_yaml stopped writing them have one for a one-day
    break. Reading the parser's events costs no more than reading the file once."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = 0
    for event in YAML(typ="safe").parse(text):
        if isinstance(event, CollectionStartEvent) and event.anchor:
            raise ValueError("Filen bruger YAML-henvisninger (& og *) til lister eller grupper af felter, som en "
                             "skoleårsfil ikke har brug for. Skriv hver ferie ud for sig.")
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_YEAR_FILE_DEPTH:
                raise ValueError("Filen er bygget for dybt op til at være en skoleårsfil.")
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def from_yaml(text: str | bytes) -> SchoolYear:
    """An uploaded school-year file, checked like a content file; ValueError with a Danish message."""
    from pydantic import ValidationError
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from .messages import danish

    if len(text) > MAX_YEAR_FILE_BYTES:
        raise ValueError(f"Filen er for stor (over {MAX_YEAR_FILE_BYTES // 1000} kB) til at være en skoleårsfil.")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("Filen er ikke en tekstfil (UTF-8).") from None
    try:
        _plain_shape(text)
        data = YAML(typ="safe").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ValueError(f"Filen kan ikke læses som YAML{f' (linje {mark.line + 1})' if mark else ''}.") from None
    except RecursionError:
        raise ValueError("Filen er bygget for dybt op til at være en skoleårsfil.") from None
    if not isinstance(data, dict) or "school_year" not in data:
        raise ValueError("Filen er ikke en skoleårsfil: den mangler 'school_year:'.")
    if isinstance(data["school_year"], (int, float)):  # 2026 without quotes
        data["school_year"] = str(data["school_year"])
    if isinstance(data.get("breaks"), list) and len(data["breaks"]) > MAX_BREAKS:  # refused before each is checked
        raise ValueError(f"Skoleårsfilen har {len(data['breaks'])} ferier – en kommunes ferieplan har højst "
                         f"{MAX_BREAKS}.")
    try:
        sy = SchoolYear.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ValueError(f"Skoleårsfilen: {where + ': ' if where else ''}{danish(err)}.") from None
    bad = year_problems(sy)
    if bad:
        entry, fld, message = bad[0]
        raise ValueError(f"Skoleårsfilen, {f'ferien {entry}, ' if entry else ''}felt '{fld}': {message}.")
    return sy


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


def week_break(year: int, week: int) -> tuple[dt.date, dt.date]:
    """An ISO week off school, with the weekend before it: Saturday to Sunday."""
    monday = dt.date.fromisocalendar(year, week, 1)
    return monday - dt.timedelta(days=2), monday + dt.timedelta(days=6)


def derive_dates(start_year: int) -> dict:
    """The 2025/26 pattern (the kommune pages in DERIVED_SOURCES) applied to any school year. It reproduces 2025/26 exactly; for other
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
    autumn = week_break(y, 42)
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


DERIVED_SOURCES = (
    "https://hjoerring.dk/borger/boern-unge-og-familie/skole/skolernes-ferieplan",
    "https://www.toender.dk/service-og-selvbetjening/skole-og-uddannelse/folkeskoler/ferieplan/",
    "http://www.sexogsamfund.dk/sex-samfund/vores-arbejde/foraeldre/det-laver-dit-barn-i-uge-sex.aspx",
)
"""The kommune pages the pattern was read from (as in the shipped 2026/27 file), and Uge Sex's week."""
PATTERN_CHECKED = dt.date(2026, 11, 25)


def derived_year(start_year: int) -> SchoolYear:
    """A school year without a file: its dates from the pattern (derive_dates), marked "derived" so every page,
    export and message says the dates are beregnet. Only for the years Klassekit plans (2000/01–2098/99)."""
    if not FIRST_START_YEAR <= start_year <= LAST_START_YEAR:
        raise ValueError(f"Skoleåret skal ligge mellem {FIRST_START_YEAR}/{(FIRST_START_YEAR + 1) % 100:02d} og "
                         f"{LAST_START_YEAR}/{(LAST_START_YEAR + 1) % 100:02d}.")
    return SchoolYear.model_validate({
        "school_year": f"{start_year}/{(start_year + 1) % 100:02d}", "status": "derived", "note": DERIVED_NOTE,
        "sources": list(DERIVED_SOURCES), "checked": PATTERN_CHECKED, **derive_dates(start_year)})


def iso_week(d: dt.date) -> tuple[int, int]:
    """(ISO year, week): the week of 31 December can belong to the next year, and 1 January to the last."""
    iso = d.isocalendar()
    return iso.year, iso.week


def school_year_of(d: dt.date) -> str:
    """The school year a date belongs to; from July on, the one about to start."""
    y = d.year if d.month >= 7 else d.year - 1
    return f"{y}/{(y + 1) % 100:02d}"
