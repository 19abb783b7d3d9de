"""The lesson plan as data: the request and the LessonPlan.

The LessonPlan is plain data and self-contained (it carries the exercises, facts and helplines it uses), so the
same object flows unchanged into the documents, the app, the CLI and a JSON file. It validates itself: the timeline
adds up, every exercise it names is in it, and no fact is above the pupils' age.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ...content import models as m
from ...content.bands import BAND_LABELS, AgeBand, Band, band_rank
from .details import KitInfo

MIN_MINUTES = 15
MAX_MINUTES = 400
MAX_PLAN_BYTES = 1_000_000
MAX_ACTIVITIES = 60
MAX_LIST = 20
BROKEN_LINK = "Planen er ufuldstændig eller ændret (øvelser eller minutter passer ikke). Lav planen igen."

SectionKind = m.SectionKind


class PlanError(ValueError):
    """The request cannot be met; the message says why and what would work."""


class PlanFileError(ValueError):
    """A plan file is malformed or has been tampered with; the message says what is wrong."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LessonRequest(_Data):
    band: Band
    age_band: AgeBand | None = None
    template: str | None = Field(default=None, max_length=80)
    minutes: int | None = Field(default=None, ge=1, le=MAX_MINUTES)
    themes: list[Annotated[str, Field(max_length=80)]] = Field(default=[], max_length=MAX_LIST)
    include: list[Annotated[str, Field(max_length=80)]] = Field(default=[], max_length=MAX_LIST)
    exclude: list[Annotated[str, Field(max_length=80)]] = Field(default=[], max_length=MAX_LIST)
    kommune: str | None = Field(default=None, max_length=80)


class Activity(_Data):
    kind: SectionKind
    title: str
    start: int = 0
    end: int = 0
    minutes: int = Field(ge=1, le=MAX_MINUTES)
    exercise_id: str | None = None
    text: str = ""
    planned: int | None = Field(default=None, ge=1, le=MAX_MINUTES)
    """The template's length for a frame section, so minutes lent to the exercises can be given back."""


class CurriculumLink(_Data):
    subject: str
    areas: list[str]
    step: str
    goal: str
    purpose_quote: str
    source: str


class LessonPlan(_Data):
    schema_version: Literal[1] = 1
    request: LessonRequest
    title: str
    band: Band
    age_band: AgeBand
    band_label: str
    minutes: int = Field(ge=MIN_MINUTES, le=MAX_MINUTES)
    template_title: str
    themes: list[m.Theme]
    learning_goals: list[str]
    curriculum: CurriculumLink
    activities: list[Activity] = Field(min_length=1)
    exercises: list[m.Exercise]
    facts: list[m.LegalFact]
    related_facts: list[m.LegalFact] = []
    """Facts the chosen facts' teacher notes point to (»title«): for the teacher's plan only, never for pupils, so a
    reference always resolves whatever the pupils' age."""
    helplines: list[m.Helpline]
    related_materials: list[m.Material] = []
    """"Brug også": two or three materials from the knowledge bank for this band and these themes."""
    ground_rules: list[str]
    disclosure: m.Disclosure
    preparation: list[str]
    key_messages: list[str]
    easy_read_messages: list[str] = []
    key_message_pictograms: list[str] = []
    """A pictogram id beside each key message on the handout (same order); empty: no pictures."""
    exit_questions: list[str]
    parent_letter: m.ParentLetter
    kommune: str | None = None
    kit: KitInfo = KitInfo()
    """The class's details for the kit (school, class, date, start time …): the teacher's, kept with the plan."""

    @model_validator(mode="after")
    def _consistent(self):
        t = 0
        for a in self.activities:
            if a.start != t or a.end != a.start + a.minutes:
                raise ValueError(f"tidsplanen hænger ikke sammen ved '{a.title}' (minut {a.start}–{a.end})")
            t = a.end
        if t != self.minutes:
            raise ValueError(f"tidsplanen varer {t} minutter, men lektionen skal vare {self.minutes}")
        known = {e.id for e in self.exercises}
        for a in self.activities:
            if a.kind == "exercise" and a.exercise_id not in known:
                raise ValueError(f"øvelsen '{a.exercise_id}' i tidsplanen mangler i planen")
        if self.band != "special" and self.age_band != self.band:
            raise ValueError("trin og alderstrin passer ikke sammen")
        for f in self.facts:
            if band_rank(f.min_band) > band_rank(self.age_band):
                raise ValueError(f"lovfaktaet '{f.id}' er ikke beregnet til {BAND_LABELS[self.age_band]}")
        return self

    def exercise(self, exercise_id: str | None) -> m.Exercise:
        """The plan's exercise with this id (an activity's exercise_id: None only for frame sections)."""
        return next(e for e in self.exercises if e.id == exercise_id)

    @property
    def exercise_activities(self) -> list[Activity]:
        return [a for a in self.activities if a.kind == "exercise"]


