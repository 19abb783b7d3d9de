"""The parent meeting's content (materials/parent_meeting.yaml): what parents hear, by the pupils' age band, and the
agenda for each length. Numbers and addresses are never here: `contacts` names helplines by id, and the loader
refuses one that does not exist."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .bands import AGE_BANDS, AgeBand
from .models import Id, Strict, Text

MEETING_MINUTES = (45, 60)
"""The lengths a parent meeting's agenda is written for."""


class ParentDilemma(Strict):
    title: Text
    text: Text
    questions: list[Text] = Field(min_length=1, max_length=3)
    note: Text
    """What the coordinator gathers from the groups: never shown to parents on the board."""


class ParentAgeTexts(Strict):
    """What parents of children of one age band hear: what children meet online, sentences to use, signs."""

    online: list[Text] = Field(min_length=2, max_length=6)
    talk: list[Text] = Field(min_length=2, max_length=6)
    signs: list[Text] = Field(min_length=2, max_length=6)
    dilemmas: list[ParentDilemma] = Field(min_length=2, max_length=3)
    if_something_happens: list[Text] = Field(default=[], max_length=6)
    """The age band's own steps, when the general ones say more than suits it (no sexual words for the youngest)."""
    contact_texts: dict[Id, Text] = {}
    """A contact's purpose in this age band's own words (the youngest's parents read no sexual words on the board)."""


class AgendaItem(Strict):
    id: Literal["welcome", "learn", "online", "talk", "dilemmas", "act", "help"]
    title: Text
    minutes: dict[int, int]
    note: Text


class ParentMeeting(Strict):
    title: Text
    intro: Text
    why: Text
    if_something_happens: list[Text] = Field(min_length=3, max_length=6)
    contacts: list[Id] = Field(min_length=1, max_length=5)
    board_names: dict[Id, Annotated[str, Field(min_length=1, max_length=16)]] = {}
    """A contact's name as short as a code's label on the board holds (a third of the slide at 28 pt)."""
    disclosure_note: Text
    closing: Text
    agenda: list[AgendaItem] = Field(min_length=3)
    ages: dict[AgeBand, ParentAgeTexts]

    @model_validator(mode="after")
    def _agenda_fills_each_length(self):
        for length in MEETING_MINUTES:
            total = sum(a.minutes.get(length, 0) for a in self.agenda)
            if total != length:
                raise ValueError(f"dagsordenens minutter for {length} minutter giver {total}, ikke {length}")
        missing = [b for b in AGE_BANDS if b not in self.ages]
        if missing:
            raise ValueError(f"ages mangler {', '.join(missing)}")
        return self
