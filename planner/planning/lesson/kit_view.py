"""What a lesson's kit shows, worked out once: the title, the clock times, what to bring, the exercises and their
cards, the pupils' help and law, the parents' contacts and the slides – one plain value the documents only render.

Every part is computed the first time a document asks for it and kept for the rest of the kit, so a kit of seven
documents asks planning each question once (the teacher plan and »Kort og skilte« both need the exercises; the
handout and the poster both need the pupils' helplines). The planning functions stay the rule; the view only holds
their answers for one plan and one class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ...content import models as m
from .details import KitInfo
from .overview import (ClockRow, Need, bounded_pupils, card_count, card_name, groups_of, lesson_exercises,
                       lesson_title, needs, schedule, taught_themes)
from .plan import LessonPlan
from .pupil_help import (TRUSTED_ADULTS, as_child, child_line, emergency, emergency_numbers, emergency_text,
                         helplines_for_pupils, parent_contacts, pupil_facts, scan_codes, simple, ways)
from .slides import Deck, deck

__all__ = ["MAX_EASY_HELPLINES", "MAX_HANDOUT_HELPLINES", "MAX_PARENT_HELPLINES", "TRUSTED_ADULTS", "KitView",
           "PupilSheet", "kit_view"]

MAX_HANDOUT_HELPLINES = 5
"""Rows with a code to scan are tall: with the key messages and their pictures, three to five keep the sheet one page."""
MAX_EASY_HELPLINES = 3
MAX_PARENT_HELPLINES = 3
"""The parent letter's contacts: at most three, so the letter is one page."""


@dataclass(frozen=True)
class PupilSheet:
    """What one pupil sheet (elevark) says: its messages with their pictures, the law for the oldest, and the help
    a pupil of this age may see, already in the pupil's words."""

    easy: bool
    """The easy-read sheet of a special class."""
    young: bool
    messages: list[str]
    icons: list[str]
    """One pictogram per message, or none when not every message has one."""
    facts: list[m.LegalFact]
    helplines: list[m.Helpline]
    emergency: str
    """»Ring 112 …« above an older pupil's contacts (empty on the plain sheets, which give the numbers large)."""

    @property
    def simple(self) -> bool:
        """The plain texts: the easy-read sheet and the youngest's sheet."""
        return self.easy or self.young


@dataclass(frozen=True, eq=False)
class KitView:
    """One plan and one class's details, and everything the kit's documents show of them. Each part is computed at
    most once, when a document first reads it."""

    plan: LessonPlan
    info: KitInfo
    _memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, init=False, repr=False)
    """The answers that depend on a document's variant (plain or easy-read sheet, the deck's names), once each."""

    # --- What the lesson teaches and when ------------------------------------------------------

    @cached_property
    def exercises(self) -> list[m.Exercise]:
        return lesson_exercises(self.plan)

    @cached_property
    def themes(self) -> list[m.Theme]:
        """The themes the exercises work with (the parent letter's topics)."""
        return taught_themes(self.plan, self.exercises)

    @cached_property
    def title(self) -> str:
        return lesson_title(self.plan, themes=self.themes)

    @cached_property
    def schedule(self) -> list[ClockRow]:
        """The timeline in clock times from the class's start."""
        return schedule(self.plan, self.info.start)

    # --- What to bring and print ---------------------------------------------------------------

    @cached_property
    def pupils(self) -> int:
        """The class's pupils, within the bounds every quantity is counted for."""
        return bounded_pupils(self.info.pupils)

    @cached_property
    def groups(self) -> int:
        return groups_of(self.pupils)

    @cached_property
    def needs(self) -> list[Need]:
        return needs(self.plan, self.pupils, self.exercises)

    @cached_property
    def cards(self) -> dict[str, tuple[int, str]]:
        """Each exercise's cut-out cards: (how many, what they are called – »udsagnskort«)."""
        return {e.id: (card_count(e), card_name(e)) for e in self.exercises}

    # --- What pupils see of help and law -------------------------------------------------------

    @cached_property
    def simple(self) -> bool:
        """The youngest and special classes get the plain texts (the poster, the board)."""
        return simple(self.plan)

    @cached_property
    def child_line(self) -> m.Helpline | None:
        """The one number a child needs most, large on the poster."""
        return child_line(self.plan)

    @cached_property
    def child_line_ways(self) -> str:
        """»ring, sms eller chat – døgnet rundt« for the child line."""
        return ways(self.child_line) if self.child_line else ""

    @cached_property
    def emergency(self) -> m.Helpline | None:
        return emergency(self.plan)

    @cached_property
    def scan_codes(self) -> list[m.Helpline]:
        """The codes pupils may scan from the wall (none for the youngest)."""
        return scan_codes(self.plan)

    @cached_property
    def pupil_facts(self) -> list[m.LegalFact]:
        return pupil_facts(self.plan)

    def pupil_helplines(self, plain: bool) -> list[m.Helpline]:
        """Every helpline pupils of this age may see, in the order they get them and in their words (the plain texts
        for the youngest and easy-read); a sheet shows as many as it has room for."""
        key = ("helplines", plain)
        if key not in self._memo:
            shown = helplines_for_pupils(self.plan, len(self.plan.helplines), plain)
            self._memo[key] = [as_child(h, self.plan.age_band, plain) for h in shown]
        return list(self._memo[key])

    def sheet(self, easy: bool) -> PupilSheet:
        """The pupil sheet, easy-read (a special class's own) or not."""
        key = ("sheet", easy)
        if key not in self._memo:
            self._memo[key] = self._sheet(easy)
        return self._memo[key]

    def _sheet(self, easy: bool) -> PupilSheet:
        plan = self.plan
        young = plan.age_band == "indskoling"
        plain = easy or young
        messages = plan.easy_read_messages if easy else plan.key_messages
        icons = _icons_for(plan, messages)
        law = self.pupil_facts if plan.age_band == "udskoling" and not easy else []
        # Pictures and a law box take room: fewer contacts keep the handout on one sheet.
        room = MAX_EASY_HELPLINES if easy else max(3, MAX_HANDOUT_HELPLINES - (2 if law else 0) - (2 if icons else 0)
                                                    - (1 if len(messages) > 5 else 0))
        hs = self.pupil_helplines(plain)[:room]
        if plain:  # the plain sheet gives the numbers in large type; codes to scan are on the poster and the board
            hs = [h.model_copy(update={"url": None}) for h in hs]
        sos = "" if plain else emergency_text(plan, hs)
        return PupilSheet(easy, young, list(messages), icons, list(law), hs, sos)

    # --- What parents see ----------------------------------------------------------------------

    @cached_property
    def parent_contacts(self) -> list[m.Helpline]:
        """The letter's contacts: confirmed ones only, the child line first, at most three."""
        return parent_contacts(self.plan, MAX_PARENT_HELPLINES)

    @cached_property
    def parent_emergency(self) -> tuple[str | None, str | None]:
        """The letter's emergency number, and the police's own number when it has no row of its own."""
        return emergency_numbers(self.plan, self.plan.helplines)

    # --- The board -----------------------------------------------------------------------------

    def slides(self, class_name: str = "", date: str = "") -> Deck:
        """The lesson's slides, titled with the class and date as the board shows them."""
        key = ("slides", class_name, date)
        if key not in self._memo:
            self._memo[key] = deck(self.plan, class_name, date)
        return self._memo[key]


def _icons_for(plan: LessonPlan, messages: list[str]) -> list[str]:
    """The pictograms of the band's key messages, matched by text so the easy-read subset keeps its pictures."""
    icons = dict(zip(plan.key_messages, plan.key_message_pictograms, strict=False))
    picked = [icons[msg] for msg in messages if msg in icons]
    return picked if picked and len(picked) == len(messages) and all(picked) else []


def kit_view(plan: LessonPlan, info: KitInfo | None = None, pupils: int | None = None) -> KitView:
    """The view of a plan's kit for the class's details (the plan's own when none are given); `pupils`, any number,
    counts the class in place of the details' own (bounded as every quantity is)."""
    info = info or plan.kit
    if pupils is not None:
        info = info.model_copy(update={"pupils": bounded_pupils(pupils)})
    return KitView(plan, info)
