"""Schemas of the content library (materials/) and lesson templates.

Unknown fields are forbidden everywhere so that a typo in a content file is reported, not ignored.
Validators raise Danish messages: editors read them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .bands import AgeBand, Audience, Band
from .guide_schema import Guide, GuideStep, Role, RoleId  # noqa: F401 - content.models names every schema
from .schema import (NOT_A_SERVICE_PAGE, STALE_AFTER, STATUS_LABELS, AgeFloor, Confidence, Email,  # noqa: F401
                     HttpsUrl, Id, LinkKind, Phone, PictogramId, Sourced, Status, Strict, Text)
from .template_schema import LessonTemplate, SectionKind, TemplateSection  # noqa: F401

# --- Themes -----------------------------------------------------------------------------------


class Theme(AgeFloor):
    id: Id
    title: Text
    description: Text
    parent_text: str = ""
    """What the theme means, in plain words for a parent who reads Danish as a second language (the letter)."""
    search_words: list[Text] = []
    """The words teachers search with ("nøgenbilleder", "afpresning", "snak med fremmede")."""
    bands: list[Band] = Field(min_length=1)


# --- Knowledge bank (vidensbank) --------------------------------------------------------------

Section = Literal["ledelse", "børn og unge", "forældre", "personale", "litteratur"]


class Material(Sourced):
    id: Id
    title: Text
    provider: Text
    section: Section
    """The table of the seed's vidensbank the item stands in."""
    audience: list[Text] = Field(min_length=1)
    bands: list[Band] = []
    special_needs: bool = False
    form: str = ""
    purpose: str = ""
    themes: list[Id] = []
    url: HttpsUrl | None = None
    note: str = ""


# --- Helplines ----------------------------------------------------------------------------------


class Helpline(Sourced):
    id: Id
    name: Text
    provider: Text
    phone: Phone | None = None
    phone_label: str = ""
    """What the number is for when that is not obvious, e.g. 'ved akut fare'."""
    sms: Phone | None = None
    chat: bool = False
    email: Email | None = None
    url: HttpsUrl | None = None
    age_min: int | None = Field(default=None, ge=0, le=30)
    age_max: int | None = Field(default=None, ge=0, le=99)
    audience: list[Audience] = Field(min_length=1)
    opening_hours: str = ""
    purpose: Text
    child_text: str = ""
    """A sentence a 7-year-old understands; helplines with one can be printed for indskoling and easy-read."""
    url_kind: LinkKind = "service"
    """Where `url` leads. Only 'service' (contact, chat, counselling) and 'advice' (the service's own help page) are
    printed for pupils; a 'report' form only for udskoling and adults; an 'info' page never reaches a pupil."""
    status: Status
    pictogram: PictogramId | None = None
    """The picture beside the helpline on the poster and the handouts."""
    themes: list[Id] = []
    """Lessons on these themes list the service before general ones (e.g. removal help in a lesson about images)."""
    pupil_min_band: AgeBand | None = None
    """The youngest pupils a sheet may send to the service, when its own words are too old for younger ones (Take It
    Down speaks of nude images in English: udskoling). None: any pupils the audience and ages fit."""
    advice_conflict: str = ""
    """What the landing page advises against the project's own rules (e.g. screenshots of the image itself), for the
    teacher. A service with one reaches a pupil only together with its `correction`."""
    correction: str = ""
    """The line every pupil document prints beside a service whose page has an advice_conflict: what to do instead."""
    note: str = ""
    region: Text = "national"
    """Set by the loader from the file's `region:` header: 'national' or the kommune's name."""

    @property
    def age_text(self) -> str:
        if self.age_min is None and self.age_max is None:
            return ""
        if self.age_max is None:
            return f"fra {self.age_min} år"
        if self.age_min is None:
            return f"til {self.age_max} år"
        return f"{self.age_min}–{self.age_max} år"

    @model_validator(mode="after")
    def _ages_in_order(self):
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError(f"age_min ({self.age_min}) er større end age_max ({self.age_max})")
        if not (self.phone or self.sms or self.email or self.url or self.chat):
            raise ValueError("en kontakt skal have mindst én måde at komme i kontakt på")
        if self.advice_conflict and not self.correction and self.url and {"børn", "unge"} & set(self.audience):
            raise ValueError("siden råder imod projektets egne råd (advice_conflict): skriv den linje, elevarket skal "
                             "vise ved siden af tjenesten (correction)")
        if self.url and self.url_kind in ("service", "advice") and NOT_A_SERVICE_PAGE.search(self.url):
            raise ValueError(
                f"adressen {self.url} ligner en side om loven eller om organisationen, ikke selve rådgivningen: "
                "find tjenestens egen side, eller sæt url_kind: info, så den aldrig når eleverne"
            )
        return self

    def for_pupils_of(self, age_band: str) -> bool:
        """Whether pupils of this age may be sent to `url` (by a QR code or a printed address)."""
        return bool(self.url) and (self.url_kind in ("service", "advice")
                                   or self.url_kind == "report" and age_band == "udskoling")


class HelplineFile(Strict):
    region: Text
    """'national', or the name of the kommune whose local contacts the file holds."""
    helplines: list[Helpline]


# --- Legal facts --------------------------------------------------------------------------------


class LegalFact(Sourced):
    id: Id
    title: Text
    law_ref: Text
    pupil_text: Text
    """Plain Danish for pupils, without penalties: those are printed from max_penalty, for udskoling only."""
    teacher_note: str = ""
    min_band: AgeBand
    max_penalty: str = ""
    themes: list[Id] = Field(min_length=1)
    confidence: Confidence
    uncertain: str = ""
    """Shown beside the fact where facts.md marks it as not verified."""
    teacher_only: bool = False
    """Background for the teacher (e.g. the age of consent): in the teacher's plan, never on a pupil sheet or slide.
    Its pupil_text is then the plain statement the teacher reads."""

    @model_validator(mode="after")
    def _never_for_indskoling(self):
        if self.min_band == "indskoling":
            raise ValueError("lovstof må ikke vises i indskolingen: brug min_band mellemtrin eller udskoling")
        return self


# --- Dialogue exercises ----------------------------------------------------------------------

Method = Literal[
    "værdiøvelse",
    "case",
    "dilemmakort",
    "kontinuum",
    "fire hjørner",
    "hvad ville du gøre",
    "spørgekasse",
    "quiz",
    "billedsamtale",
    "exit slip",
    "rollespil",
]


METHOD_LABELS = {"exit slip": "exitseddel", "hvad ville du gøre": "hvad ville du gøre?"}



Colour = Literal["rød", "gul", "grøn", "blå"]
PropKind = Literal["sign", "pupil_card", "sheet", "item"]
PropPer = Literal["class", "group", "pupil", "card"]
MAX_FACE_TEXT = 40
MAX_PUPIL_TASK = 240
MAX_FACE_SUBTEXT = 110


class Pictogram(Strict):
    id: PictogramId
    openmoji: Annotated[str, Field(pattern=r"^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*$")]
    alt: Text


class Case(Strict):
    title: Text
    text: Text
    picture: list[PictogramId] = Field(default=[], max_length=4)
    """For a picture talk: the pictograms that make the picture card, e.g. [pige, tablet, bekymret]."""


class Face(Strict):
    """One printed sign or card: a word or two in large type, an optional line under it and pictograms."""

    text: Text = Field(max_length=MAX_FACE_TEXT)
    subtext: str = Field(default="", max_length=MAX_FACE_SUBTEXT)
    pictograms: list[PictogramId] = Field(default=[], max_length=3)
    colour: Colour | None = None


class Prop(Strict):
    """Something an exercise needs in the room. Signs, pupil cards and sheets are printed in "Kort og skilte";
    items (a string, clothes pegs, a box) are only listed, with a quantity, on the lesson's first page."""

    kind: PropKind
    name: Text = Field(max_length=60)
    """Singular, as the materials list says it: "hjørneskilt", "snor", "svarark"."""
    plural: str = Field(default="", max_length=60)
    """"hjørneskilte"; empty when the plural is the same word ("ark", "kort")."""
    count: int = Field(default=1, ge=1, le=60)
    """How many per `per` (class, group, pupil, or each of the exercise's cut-out cards). Signs and cards count
    their faces instead."""
    per: PropPer = "class"
    faces: list[Face] = Field(default=[], max_length=8)
    title: str = Field(default="", max_length=80)
    """A sheet's heading, e.g. "Mit svarark"."""
    options: list[Annotated[str, Field(max_length=12)]] = Field(default=[], max_length=4)
    """A sheet's answer boxes beside each statement, e.g. ["Ja", "Nej"]; empty: a line to write on."""
    help_request: str = Field(default="", max_length=160)
    """A sheet's line where a pupil asks to talk to an adult: printed last, apart from the statements, with one box of
    its own (never the statements' answer boxes), so a tick can only mean »yes, I want to talk«."""
    anonymous: bool = False
    """A sheet pupils hand in without a name (a question box): it says so and has no name line."""
    write_lines: int = Field(default=0, ge=0, le=8)
    """Lines at the foot of a sheet for the pupil's own words (»Mit eget spørgsmål«)."""
    write_label: str = Field(default="", max_length=60)

    @model_validator(mode="after")
    def _shape(self):
        if self.kind in ("sign", "pupil_card") and not self.faces:
            raise ValueError(f"et {'skilt' if self.kind == 'sign' else 'elevkort'} skal have mindst én side (faces)")
        if self.kind in ("item", "sheet") and self.faces:
            raise ValueError("kun skilte (sign) og elevkort (pupil_card) har faces")
        if self.kind == "sheet" and not self.title:
            raise ValueError("et ark (sheet) skal have en overskrift (title)")
        if (self.anonymous or self.write_lines) and self.kind != "sheet":
            raise ValueError("kun et ark (sheet) kan være anonymt eller have linjer at skrive på")
        if self.anonymous and "navn" in self.help_request.lower():
            raise ValueError("et anonymt ark beder aldrig om et navn")
        if self.help_request and self.kind != "sheet":
            raise ValueError("kun et ark (sheet) har en linje til at bede om en samtale (help_request)")
        if self.kind == "pupil_card" and self.per not in ("pupil", "group"):
            raise ValueError("elevkort (pupil_card) er til hver elev eller gruppe: per skal være pupil eller group")
        return self

    def label(self, n: int) -> str:
        return self.name if n == 1 else (self.plural or self.name)


class Exercise(AgeFloor):
    id: Id
    title: Text
    method: Method
    bands: list[Band] = Field(min_length=1)
    themes: list[Id] = Field(min_length=1)
    minutes_min: int = Field(ge=3, le=90)
    minutes_max: int = Field(ge=3, le=90)
    group_form: Text
    preparation: Text
    learning_goal: Text
    steps: list[Text] = Field(min_length=2)
    statements: list[Text] = []
    cases: list[Case] = []
    discussion_questions: list[Text] = Field(min_length=1)
    teacher_notes: Text
    safety_note: Text
    pupil_task: Text = Field(max_length=MAX_PUPIL_TASK)
    """What the pupils do, said to them on the board: two or three short sentences, no minutes (the slide adds them)."""
    cards_per: Literal["class", "group", "pair"] = "class"
    """How many sets of the cut-out cards the class needs: one, one per group or one per pair."""
    props: list[Prop] = Field(default=[], max_length=12)
    """What the exercise needs besides its cut-out cards (those come from statements and cases)."""

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.method, self.method)

    @property
    def picture_talk(self) -> bool:
        """A picture talk: each case is shown as a scene drawn from its pictograms (cards and board), not as text."""
        return self.method == "billedsamtale"

    @property
    def card_statements(self) -> list[str]:
        """Statements as pupils may see them: a quiz keeps its answer '(…)' for the teacher only."""
        if self.method != "quiz":
            return list(self.statements)
        return [re.sub(r"\s*\([^()]*\)\s*$", "", s) for s in self.statements]

    @model_validator(mode="after")
    def _minutes_in_order(self):
        if self.minutes_min > self.minutes_max:
            raise ValueError(f"minutes_min ({self.minutes_min}) er større end minutes_max ({self.minutes_max})")
        if self.picture_talk:
            bare = [c.title for c in self.cases if not c.picture]
            if bare or not self.cases:
                raise ValueError("en billedsamtale skal have et billede (picture) på hvert kort"
                                 + (f": mangler på {', '.join(bare)}" if bare else ""))
        return self


# --- Texts around the exercises: ground rules, disclosure, curriculum --------------------------


class BandTexts(Strict):
    ground_rules: list[Text] = Field(min_length=3)
    starter: Text
    help: Text
    closing: Text
    exit_questions: list[Text] = Field(min_length=1)
    key_messages: list[Text] = Field(min_length=3)
    """What the student handout says: short, in the band's own language."""
    easy_read_messages: list[Text] = []
    """The few messages of the easy-read handout (special classes); empty: the first three key messages."""
    key_message_pictograms: list[PictogramId] = []
    """A picture beside each key message on the handout, in the same order (empty: no pictures)."""
    key_message_themes: list[list[Id]] = []
    """The themes each key message belongs to, in the same order: a message with themes is printed only when the
    lesson teaches one of them (the sextortion rules in a sextortion lesson); an empty list: always. Empty: all
    messages always."""

    @model_validator(mode="after")
    def _one_picture_each(self):
        if self.key_message_pictograms and len(self.key_message_pictograms) != len(self.key_messages):
            raise ValueError(f"key_message_pictograms skal have ét piktogram pr. budskab: "
                             f"{len(self.key_message_pictograms)} piktogrammer til {len(self.key_messages)} budskaber")
        if self.key_message_themes and len(self.key_message_themes) != len(self.key_messages):
            raise ValueError(f"key_message_themes skal have én liste pr. budskab: "
                             f"{len(self.key_message_themes)} lister til {len(self.key_messages)} budskaber")
        unknown = [x for x in self.easy_read_messages if x not in self.key_messages]
        if unknown:
            raise ValueError(f"easy_read_messages skal være budskaber fra key_messages: {unknown[0]!r} er ikke")
        return self

    def messages_for(self, taught: set[str]) -> list[str]:
        """The key messages of a lesson that teaches these themes."""
        tags = self.key_message_themes or [[] for _ in self.key_messages]
        return [msg for msg, ts in zip(self.key_messages, tags, strict=False) if not ts or taught & set(ts)]


class Curriculum(Strict):
    subject: Text
    areas: list[Text] = Field(min_length=1)
    purpose_quote: Text
    goals: dict[AgeBand, Text]
    """Kompetencemål (or, where facts.md has no verbatim wording, a pointer to emu.dk) per trin."""
    source: HttpsUrl
    checked: date


class Disclosure(Sourced):
    title: Text
    steps: list[Text] = Field(min_length=3)
    legal_basis: Text
    summary: list[Text] = Field(default=[], max_length=4)
    """The steps in a few short lines, for the box on the lesson's first page; empty: the first three steps."""


class ParentLetter(Strict):
    greeting: Text
    intro: Text
    why: Text
    talk_tips: list[Text] = Field(min_length=3)
    if_something_happens: list[Text] = Field(min_length=3)
    contacts: list[Id] = Field(min_length=1)
    """Helplines the letter always lists under 'if something happens' (confirmed ones are printed)."""
    closing: Text


class LessonTexts(Strict):
    bands: dict[Band, BandTexts]
    parent_letter: ParentLetter
    disclosure: Disclosure
    preparation: list[Text] = Field(min_length=3)
    curriculum: Curriculum
