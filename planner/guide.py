"""The handling guide for acute cases: which contacts a step points to, and the small decision helpers.

Nothing about a case is stored: the answers are passed in, the advice comes back, and that is all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from . import models as m
from .loader import Content

VictimAge = Literal["under-15", "15-17", "18+", "ukendt"]
OffenderAge = Literal["under-15", "15+", "ukendt"]


@dataclass(frozen=True)
class Advice:
    title: str
    text: str
    facts: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    urgent: bool = False


def contacts_for(content: Content, ids: list[str], kommune: str | None) -> list[m.Helpline]:
    """A step's contacts that apply here: national ones always, local ones only for the chosen kommune."""
    by_id = {h.id: h for h in content.helplines}
    return [by_id[x] for x in ids if x in by_id and by_id[x].region in ("national", kommune)]


def all_contacts(content: Content, kommune: str | None) -> list[m.Helpline]:
    return [h for h in content.helplines if h.region in ("national", kommune)]


def advise(
    victim_age: VictimAge = "ukendt",
    offender_known: bool | None = None,
    offender_age: OffenderAge = "ukendt",
    images: bool = False,
    threats: bool = False,
    acute_danger: bool = False,
) -> list[Advice]:
    """What the answers mean for the handling, in the order a leader would act on them."""
    out: list[Advice] = []
    minor = victim_age in ("under-15", "15-17")
    if acute_danger:
        out.append(Advice("Akut fare", "Ring 112 nu. Resten af guiden kan vente, til barnet er i sikkerhed.",
                          steps=("afdaekning",), urgent=True))
    if minor or victim_age == "ukendt":
        out.append(Advice(
            "Skærpet underretningspligt",
            "Har du kendskab til eller grund til at antage, at et barn under 18 har været udsat for overgreb, skal du "
            "underrette kommunen. Pligten er personlig – også hvis din leder er uenig (Barnets lov § 133).",
            facts=("underretningspligt",), steps=("underretning",)))
        out.append(Advice(
            "Forældrene inddrages som udgangspunkt",
            ("Den krænkede er under 18 år, så forældrene" if minor else "Er den krænkede under 18 år, skal forældrene")
            + " inddrages som udgangspunkt hurtigst muligt – men ikke først, hvis mistanken retter sig mod forældrene "
            "selv.",
            steps=("inddragelse",)))
    if images and (minor or victim_age == "ukendt"):
        out.append(Advice(
            "Billeder af en under 18 år",
            "Seksuelle billeder af en person under 18 år er omfattet af straffelovens § 235 – også når personen selv "
            "sagde ja. Se, gem eller send aldrig selve billedet. Gem i stedet skærmbilleder af beskeder og profil.",
            facts=("straffeloven-235-deling-og-besiddelse", "bevis-skaermbilleder"), steps=("dokumentering",)))
    if victim_age == "under-15":
        out.append(Advice(
            "Den krænkede er under 15 år",
            "Blufærdighedskrænkelse over for et barn under 15 år har en højere strafferamme (straffelovens § 232).",
            facts=("straffeloven-232",), steps=("vurdering", "politianmeldelse")))
    if victim_age == "18+":
        out.append(Advice(
            "Den krænkede er myndig",
            "Aftal med den unge selv, hvem der med fordel kan inddrages.", steps=("inddragelse",)))
    if threats:
        out.append(Advice(
            "Trusler eller afpresning",
            "Send ikke flere billeder og betal ikke. Gem skærmbilleder af truslerne og profilen, og anmeld til politiet.",
            facts=("sextortion-trusler-og-afpresning",), steps=("dokumentering", "politianmeldelse")))
    if offender_known is True:
        out.append(Advice(
            "Kendt krænker",
            "Kan sagen håndteres pædagogisk, kontaktes krænkeren og dennes forældre (hvis under 18), delt materiale "
            "bedes slettet, og adfærden bringes til ophør. Anmeldes sagen, tager politiet over – så tal med politiet, "
            "før I kontakter krænkeren.",
            steps=("stop-kendt-kraenker",)))
    elif offender_known is False:
        out.append(Advice(
            "Ukendt krænker",
            "Når dokumentationen er sikret, hjælpes den krænkede og forældrene med at få materialet slettet. Nægtes "
            "sletning, kan det anmeldes til Datatilsynet.",
            steps=("stop-ukendt-kraenker",)))
    if offender_known and offender_age == "under-15":
        out.append(Advice(
            "Krænkeren er under 15 år",
            "Børn under 15 år kan ikke straffes, men kommunen kan gribe ind, og barnet kan blive erstatningsansvarligt.",
            facts=("kriminel-lavalder",), steps=("stop-kendt-kraenker", "underretning")))
    return out
