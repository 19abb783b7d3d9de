"""The handling guide's schema (materials/handleguide.yaml): roles, steps with checklists, and the guide."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .schema import Id, Sourced, Strict, Text


RoleId = Literal["ledelse", "ressourceperson", "klasseteam"]


class Role(Strict):
    id: RoleId
    title: Text
    description: Text
    tasks: list[Text] = Field(min_length=1)


class GuideStep(Strict):
    id: Id
    phase: Text
    title: Text
    text: Text
    responsible: list[RoleId] = Field(min_length=1)
    checklist: list[Text] = Field(min_length=1)
    contacts: list[Id] = []
    facts: list[Id] = []


class Guide(Sourced):
    title: Text
    intro: Text
    roles: list[Role] = Field(min_length=1)
    steps: list[GuideStep] = Field(min_length=1)
