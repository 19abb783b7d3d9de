"""The lesson templates' schema (lesson_templates/templates.yaml): a lesson's sections and their minutes, which must
add up to the template's length."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .schema import Id, Strict, Text


SectionKind = Literal["ground_rules", "starter", "exercise", "facts", "help", "closing", "break"]


class TemplateSection(Strict):
    kind: SectionKind
    title: Text
    minutes: int = Field(ge=1, le=90)
    text: str = ""


class LessonTemplate(Strict):
    id: Id
    title: Text
    minutes: int = Field(ge=10, le=400)
    description: Text
    sections: list[TemplateSection] = Field(min_length=2)

    @model_validator(mode="after")
    def _adds_up(self):
        total = sum(s.minutes for s in self.sections)
        if total != self.minutes:
            raise ValueError(f"afsnittenes minutter giver {total}, men skabelonen varer {self.minutes} minutter")
        return self
