"""Grade bands (trin) and the vocabularies every content file shares.

One place for these so that content files, lesson assembly, documents and the app agree on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Band = Literal["indskoling", "mellemtrin", "udskoling", "special"]
AgeBand = Literal["indskoling", "mellemtrin", "udskoling"]
Audience = Literal["børn", "unge", "forældre", "fagpersoner"]

BANDS: tuple[Band, ...] = ("indskoling", "mellemtrin", "udskoling", "special")
AGE_BANDS: tuple[AgeBand, ...] = ("indskoling", "mellemtrin", "udskoling")
AUDIENCES: tuple[Audience, ...] = ("børn", "unge", "forældre", "fagpersoner")


@dataclass(frozen=True)
class BandInfo:
    label: str
    grades: tuple[int, int]
    ages: tuple[int, int]
    """Typical pupil ages: børnehaveklassen starts at 5-6, 9. klasse ends at 15-16."""
    curriculum_step: str
    """The trinforløb of Sundheds- og seksualundervisning og familiekundskab (facts.md 4.1)."""


BAND_INFO: dict[AgeBand, BandInfo] = {
    "indskoling": BandInfo("Indskoling (0.–3. klasse)", (0, 3), (6, 9), "0.–3. klasse"),
    "mellemtrin": BandInfo("Mellemtrin (4.–6. klasse)", (4, 6), (10, 12), "4.–6. klasse"),
    "udskoling": BandInfo("Udskoling (7.–9. klasse)", (7, 9), (13, 16), "7.–9. klasse"),
}

BAND_LABELS: dict[str, str] = {b: i.label for b, i in BAND_INFO.items()} | {
    "special": "Specialundervisning",
}


BAND_COLOURS: dict[str, str] = {"indskoling": "#00795C", "mellemtrin": "#2D5BA8", "udskoling": "#B04500",
                                 "special": "#A23C80"}
"""Each band's one colour, everywhere: the band bar on posters and slides, the wheel, the chart, the spreadsheet.
Dark enough for white text on it and for text in it on white (at least 5.4:1, WCAG AA), and told apart also with
red–green or blue–yellow colour blindness (Okabe–Ito's hues, darkened; tests/test_palette.py checks both)."""


def band_rank(band: AgeBand) -> int:
    return AGE_BANDS.index(band)


def band_for_grade(grade: int) -> AgeBand:
    if grade == 10:  # 10. klasse: 16–17-year-olds, taught with the udskoling material
        return "udskoling"
    for band, info in BAND_INFO.items():
        if info.grades[0] <= grade <= info.grades[1]:
            return band
    raise ValueError(f"Klassetrin {grade} findes ikke (0–10).")


EVERY_AGE: AgeBand = "indskoling"
"""The youngest pupils: what suits them suits every age. A class whose pupils' age is not given gets only this."""


def age_band_of(band: Band, age_band: AgeBand | None = None) -> AgeBand:
    """The band whose ages, legal facts and helplines apply: for special classes the pupils' own age band, and
    without one the youngest (a special class of unknown age gets only what suits every age: do no harm)."""
    if band == "special":
        return age_band or EVERY_AGE
    return band


def ages_fit(age_min: int | None, age_max: int | None, band: AgeBand) -> bool:
    """A service fits a band when it covers at least half of the band's ages.

    Mere overlap is not enough: a chat for 9-23-year-olds touches indskoling at age 9, yet is not
    a service to hand a 7-year-old. No stated range means the service sets no age limit.
    """
    lo, hi = BAND_INFO[band].ages
    a = lo if age_min is None else age_min
    b = hi if age_max is None else age_max
    covered = min(hi, b) - max(lo, a) + 1
    return covered * 2 >= hi - lo + 1
