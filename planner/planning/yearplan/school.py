"""A school of the year plan: its classes, closed days, the coordinator's contact and the themes its classes have
had – the models and the typed text ('Skovvangskolen=0.a,0.b', 'Skovvangskolen=Mette Hansen;…') they are read from."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ...content.bands import BAND_INFO, EVERY_AGE, AgeBand, band_for_grade
from ...content.progression import grade_label
from ...content.translations import LANGUAGES
from .. import school_calendar as sc
from .classes import class_grade, clean_name, slug, split_age_band
from .errors import YearPlanError

MAX_CLASSES = 50
"""Classes of one school: four classes a grade and a few special classes."""
MAX_CLOSED_DAYS = 40
MAX_THEMES_HAD = 30


def _school_name(v: str) -> str:
    v = clean_name(v)
    if not v:
        raise ValueError("skolen skal have et navn")
    return v


def _class_name(v: str) -> str:
    v = clean_name(v)
    if not v:
        raise ValueError("en klasse uden navn")
    if class_grade(v) is None:
        raise ValueError(f"'{v}' er ikke en klasse: klassetrinnet skal være 0–10 (0.a–10.x), eller skriv et navn "
                         "uden klassetrin, fx 'Modtagerklasse (mellemtrin)'")
    return v


SchoolName = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_school_name),
                       AfterValidator(lambda v: v[:80])]
ClassName = Annotated[str, Field(min_length=1, max_length=120), AfterValidator(_class_name),
                      AfterValidator(lambda v: v[:30])]


class StrictModel(BaseModel):
    """Plan data: a field the model does not know is refused, never dropped."""

    model_config = ConfigDict(extra="forbid")


class ClosedDay(StrictModel):
    """A day or days a school is closed to visits: planlægningsdag, lejrskole, emneuge … (or, for the district,
    a holiday the school-year file does not have)."""

    title: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_school_name),
                     AfterValidator(lambda v: v[:80])]
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _in_order(self):
        if self.end < self.start:
            raise ValueError(f"'{self.title}' slutter før den begynder")
        if (self.end - self.start).days > 62:
            raise ValueError(f"'{self.title}' er længere end to måneder")
        return self

    def day_off(self) -> sc.DayOff:
        return sc.DayOff(self.start, self.end, self.title, "lukket")


_PHONE = re.compile(r"^\+?[0-9][0-9 ]{5,18}[0-9]$")
_MAIL = re.compile(r"^[^@\s<>\"'(),;:\[\]\\]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$")


def _contact_phone(v: str) -> str:
    v = clean_name(v)
    if v and not _PHONE.match(v):
        raise ValueError(f"'{v[:30]}' er ikke et telefonnummer – skriv fx 12 34 56 78")
    return v


def _contact_mail(v: str) -> str:
    v = clean_name(v)
    if v and not _MAIL.match(v):
        raise ValueError(f"'{v[:40]}' er ikke en mailadresse – skriv fx navn@kommune.dk")
    return v


class Contact(StrictModel):
    """The coordinator's contact for one school, for the teachers: on every calendar event and on the Word plan.
    Kept in the plan file only – never in a link."""

    name: Annotated[str, Field(max_length=200), AfterValidator(clean_name), AfterValidator(lambda v: v[:80])] = ""
    phone: Annotated[str, Field(max_length=40), AfterValidator(_contact_phone)] = ""
    mail: Annotated[str, Field(max_length=200), AfterValidator(_contact_mail)] = ""

    @property
    def empty(self) -> bool:
        return not (self.name or self.phone or self.mail)

    def line(self) -> str:
        """'SSP-koordinator: Mette Hansen, tlf. 12 34 56 78, mette@kommune.dk'"""
        bits = [self.name] if self.name else []
        bits += [f"tlf. {self.phone}"] if self.phone else []
        bits += [self.mail] if self.mail else []
        return "SSP-koordinator: " + ", ".join(bits) if bits else ""


class School(StrictModel):
    name: SchoolName
    classes: list[ClassName] = Field(min_length=1, max_length=MAX_CLASSES)
    closed_days: list[ClosedDay] = Field(default_factory=list, max_length=MAX_CLOSED_DAYS)
    age_bands: dict[str, AgeBand] = Field(default_factory=dict, max_length=MAX_CLASSES)
    """The pupils' age band of each class without a grade, as the coordinator gave it. A class without a grade that
    is not here is planned for every age (EVERY_AGE): only themes and exercises that suit 6–9-year-olds too."""
    contact: Contact | None = None
    themes_had: dict[str, list[Annotated[str, Field(max_length=80)]]] = Field(default_factory=dict,
                                                                              max_length=MAX_CLASSES)
    """The themes each class has had in earlier school years (held or planned, not cancelled), from "Næste
    skoleår": the class continues its progression with themes it has not had."""
    letter_languages: dict[str, list[str]] = Field(default_factory=dict, max_length=MAX_CLASSES)
    """The parent letter's extra languages per class (content.translations.LANGUAGES): each of the class's kits holds
    the Danish letter and one in each of these languages."""

    @model_validator(mode="after")
    def _unique(self):
        seen: dict[str, str] = {}
        for c in self.classes:
            if slug(c) in seen:
                raise ValueError(f"{self.name}: klassen '{c}' står der mere end én gang")
            seen[slug(c)] = c
        for c in self.age_bands:
            if c not in self.classes:
                raise ValueError(f"{self.name}: alderstrinnet gælder klassen '{c[:30]}', som ikke er med")
            if class_grade(c) != "special":
                raise ValueError(f"{self.name}: {c} har et klassetrin, og alderstrinnet følger af det")
        for c, had in self.themes_had.items():
            if c not in self.classes:
                raise ValueError(f"{self.name}: temaerne fra sidste år gælder klassen '{c[:30]}', som ikke er med")
            if len(had) > MAX_THEMES_HAD:
                raise ValueError(f"{self.name}: {c[:30]} har for mange temaer fra tidligere år")
        for c, codes in self.letter_languages.items():
            if c not in self.classes:
                raise ValueError(f"{self.name}: forældrebrevets sprog gælder klassen '{c[:30]}', som ikke er med")
            unknown = [x for x in codes if x not in LANGUAGES]
            if unknown or len(codes) != len(set(codes)):
                raise ValueError(f"{self.name}: {c[:30]}: forældrebrevet findes ikke på sproget "
                                 f"'{(unknown or codes)[0][:10]}' (kendte: {', '.join(LANGUAGES)})")
        return self

    def grade_of(self, class_name: str):
        return class_grade(class_name)

    def pupils_age(self, class_name: str) -> AgeBand:
        """The age band whose themes, exercises, facts and helplines the class gets (the rule lessons use)."""
        grade = class_grade(class_name)
        return band_for_grade(grade) if grade != "special" else self.age_bands.get(class_name, EVERY_AGE)

    def without_age(self) -> list[str]:
        """Classes without a grade and without an age band: planned for every age."""
        return [c for c in self.classes if class_grade(c) == "special" and c not in self.age_bands]


def parse_school(text: str) -> School:
    """'Skovvangskolen=0.a,10.x,Specialklasse A (indskoling),Modtagerklasse' → a School; a class without a grade
    may carry its pupils' age band in brackets. Raises YearPlanError in Danish."""
    name, sep, classes = str(text).partition("=")
    if not sep or not name.strip():
        raise YearPlanError(f"'{text[:60]}': skriv skolen som navn=klasser, fx \"Skovvangskolen=0.a,0.b,1.a\".")
    names = [c.strip() for c in classes.split(",") if c.strip()]
    if not names:
        raise YearPlanError(f"{name.strip()}: skriv mindst én klasse efter =, fx 0.a,0.b.")
    if len(names) > MAX_CLASSES:
        raise YearPlanError(f"{name.strip()}: {len(names)} klasser – en skole kan højst have {MAX_CLASSES} i årshjulet.")
    plain, ages = [], {}
    for c in names:
        try:
            c, age = split_age_band(c)
        except YearPlanError as exc:
            raise YearPlanError(f"{name.strip()[:80]}: {exc}") from None
        grade = class_grade(c)
        if grade is None:
            raise YearPlanError(f"{name.strip()}: '{c[:30]}' er ikke en klasse – klassetrinnet skal være 0–10 "
                                "(0.a–10.x), eller skriv et navn uden klassetrin, fx »Modtagerklasse (mellemtrin)«.")
        if age and grade != "special" and age != band_for_grade(grade):
            raise YearPlanError(f"{name.strip()}: {c[:30]} går i {grade_label(grade)} og hører til "
                                f"{BAND_INFO[band_for_grade(grade)].label} – skriv alderstrin kun ved klasser uden "
                                "klassetrin.")
        plain.append(c)
        if age and grade == "special":
            ages[clean_name(c)[:30]] = age
    try:
        return School(name=name, classes=plain, age_bands=ages)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        from ...content.messages import danish

        errors = getattr(exc, "errors", None)
        raise YearPlanError(f"{name.strip()[:80]}: {danish(errors()[0]) if errors else exc}.") from None


def parse_contact(text: str) -> tuple[str, Contact]:
    """'Skovvangskolen=Mette Hansen;12 34 56 78;mette@kommune.dk' → (school, Contact); YearPlanError in Danish."""
    name, sep, rest = str(text)[:600].partition("=")
    parts = [p.strip() for p in rest.split(";")]
    if not sep or not name.strip() or len(parts) > 3 or not any(parts):
        raise YearPlanError(f"'{str(text)[:60]}': skriv skolen og kontakten som skole=navn;telefon;mail, fx "
                            "\"Skovvangskolen=Mette Hansen;12 34 56 78;mette@kommune.dk\".")
    parts += [""] * (3 - len(parts))
    return clean_name(name), make_contact(parts[0], parts[1], parts[2], school=name)


def make_contact(name: str, phone: str, mail: str, school: str = "") -> Contact:
    """A contact from three typed fields; YearPlanError in Danish for a phone or mail that is not one."""
    from ...content.messages import danish

    try:
        return Contact(name=name, phone=phone, mail=mail)
    except ValueError as exc:
        errors = getattr(exc, "errors", None)
        where = f"{clean_name(school)[:80]}: " if school else ""
        raise YearPlanError(f"{where}{danish(errors()[0]) if errors else exc}.") from None
