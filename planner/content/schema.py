"""The building blocks every content schema shares: checked ids, phone numbers, addresses and e-mails, strict
models that forbid unknown fields, content with a source and a date, and content with an age floor. Validators raise
Danish messages: editors read them."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from .bands import AgeBand, Band, band_rank

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2, max_length=60)]
Text = Annotated[str, Field(min_length=1)]
PictogramId = Annotated[str, Field(pattern=r"^[a-z0-9-]{2,40}$")]
"""The id of a picture in materials/pictograms.yaml; the loader checks that it exists."""

_PHONE = re.compile(r"^(\d{2} \d{2} \d{2} \d{2}|1\d{2}|116 \d{3}|\d{4})$")


def _phone(value: str) -> str:
    if not _PHONE.fullmatch(value):
        raise ValueError(
            "skal være et dansk telefonnummer skrevet som '12 34 56 78', et kort nummer som '114' "
            "eller et 116-nummer som '116 111'"
        )
    return value


def _https(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError("skal være en hel adresse der starter med https://")
    return value


def _email(value: str) -> str:
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", value):
        raise ValueError("skal være en e-mailadresse som navn@eksempel.dk")
    return value


Phone = Annotated[str, AfterValidator(_phone)]
HttpsUrl = Annotated[str, AfterValidator(_https)]
Email = Annotated[str, AfterValidator(_email)]

Status = Literal["confirmed", "unconfirmed"]
LinkKind = Literal["service", "advice", "report", "info"]
# A page about the law or about the organisation is never where a child in need should land.
NOT_A_SERVICE_PAGE = re.compile(r"lovgivning|/lov/|paragraf|om-os|about|kontakt-os|/presse", re.IGNORECASE)
STATUS_LABELS = {"confirmed": "Bekræftet", "unconfirmed": "Fra pjecen, ikke bekræftet"}
Confidence = Literal["high", "medium", "low"]


STALE_AFTER = timedelta(days=365)
"""A fact, contact or school year checked longer ago than this is reported as due for a new check."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(Strict):
    source: Text
    """Where the content comes from: a URL or e.g. 'Aarhus Kommunes pjece, s. 13'."""
    checked: date
    """The date a person last checked the facts against the source."""


class AgeFloor(Strict):
    """Content that only suits pupils from a certain age: special classes get it by the pupils' own age band."""

    min_age_band: AgeBand = "indskoling"
    """The youngest age band the item suits. Nudity, sexual acts, penalties and paragraphs never suit 6–9-year-olds."""
    bands: list[Band]
    """The bands the item is made for (each kind of content says which)."""

    def suits(self, band: Band, age_band: AgeBand) -> bool:
        return band in self.bands and band_rank(self.min_age_band) <= band_rank(age_band)

    @model_validator(mode="after")
    def _floor_fits_bands(self):
        too_young = [b for b in self.bands if b != "special" and band_rank(b) < band_rank(self.min_age_band)]
        if too_young:
            raise ValueError(
                f"min_age_band er {self.min_age_band}, men bands nævner {', '.join(too_young)}: "
                "fjern de yngre trin eller sænk min_age_band"
            )
        return self
