"""The handling guide for acute cases: which contacts a step points to, the "Gør dette nu" card and the small
decision helpers.

Nothing about a case is stored: the answers are passed in, the advice comes back, and that is all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..content import models as m
from ..content.loader import Content

VictimAge = Literal["under-15", "15-17", "18+", "ukendt"]
OffenderAge = Literal["under-15", "15+", "ukendt"]

ACT_NOW_MAX_LINES = 6
ACT_NOW_TITLE = "Gør dette nu"

# What to do while a pupil is being extorted: the same words in the advice, the card and the guide steps.
ACUTE_RISK = ("Lad ikke eleven være alene, og ring til forældrene samme dag. Sig til eleven: »Det er ikke din skyld, "
              "og det kan løses.« Afpresning for penge rammer især drenge og kan give risiko for selvskade.")


@dataclass(frozen=True)
class Advice:
    title: str
    text: str
    facts: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    urgent: bool = False
    contacts: tuple[str, ...] = ()
    """Helpline ids the advice names, e.g. Take It Down for removal of images."""


def contacts_for(content: Content, ids: list[str] | tuple[str, ...], kommune: str | None) -> list[m.Helpline]:
    """A step's contacts that apply here: national ones always, local ones only for the chosen kommune."""
    by_id = {h.id: h for h in content.helplines}
    return [by_id[x] for x in ids if x in by_id and by_id[x].region in ("national", kommune)]


def all_contacts(content: Content, kommune: str | None) -> list[m.Helpline]:
    return [h for h in content.helplines if h.region in ("national", kommune)]


FILL_IN = "______________"


def _local_numbers(kommune: str, helplines: list[m.Helpline]) -> str:
    """' Aarhus: Name 12 34 56 78, …' for the confirmed local numbers only: in an acute moment staff dial what is on
    the card, so a number from a pamphlet nobody has checked stays in the beredskabsplan's appendix."""
    confirmed = [h for h in helplines if h.status == "confirmed"]
    if not confirmed:
        return ""
    return f" {kommune}: " + ", ".join(f"{h.name} {h.phone}" for h in confirmed) + "."


def act_now(content: Content, kommune: str | None = None) -> list[str]:
    """The "Gør dette nu" card: at most six plain lines for a school leader in a hurry, with the national numbers,
    the kommune's confirmed local numbers, and a line to fill in the kommune's underretning where none is confirmed."""
    by_id = {h.id: h for h in content.helplines}

    def phone(hid: str) -> str:
        h = by_id.get(hid)
        return h.phone if h and h.phone else ""

    alarm, police = phone("alarm-112"), phone("politi-114")
    child_line = by_id.get("boernetelefonen")
    counselling = "Rådgivning: " + (
        f"{child_line.name} {child_line.phone}" + (f", {child_line.opening_hours.lower()}" if child_line.opening_hours
                                                    else "") + "."
        if child_line and child_line.phone else "se kontakterne nedenfor.")
    local = [h for h in content.helplines if kommune and h.region == kommune and h.phone]
    # Contacts for professionals go beside the underretning; the rest are counselling for children and parents.
    for_staff = [h for h in local if "fagpersoner" in h.audience]
    for_families = [h for h in local if "fagpersoner" not in h.audience]
    staff = _local_numbers(kommune or "", for_staff) or f" Kommunens underretning: {FILL_IN}"
    families = _local_numbers(kommune or "", for_families)
    return [
        f"Er nogen i fare lige nu: Ring {alarm or 'alarmnummeret'}.",
        f"Seksuelle billeder af en under 18 år, der er delt eller brugt til at true, en voksen, der krænker, eller "
        f"afpresning: Ring til politiet{' på ' + police if police else ''} samme dag – før nogen beder om sletning.",
        "Se, gem eller send aldrig selve billedet. Tag skærmbilleder af beskeder og profil.",
        "Lyt roligt. Spørg ikke ind til detaljer, hvis en voksen kan stå bag. Lad ikke et barn, der bliver afpresset, "
        "være alene. Sig: »Det er ikke din skyld, og det kan løses.«",
        "Underret kommunen samme dag – også om et barn, der har delt billeder eller presset andre." + staff,
        counselling + families,
    ][:ACT_NOW_MAX_LINES]


def advise(
    victim_age: VictimAge = "ukendt",
    offender_known: bool | None = None,
    offender_age: OffenderAge = "ukendt",
    images: bool = False,
    threats: bool = False,
    acute_danger: bool = False,
    adult_offender: bool = False,
) -> list[Advice]:
    """What the answers mean for the handling, in the order a leader would act on them: urgent advice first."""
    out: list[Advice] = []
    minor = victim_age in ("under-15", "15-17")
    maybe_minor = minor or victim_age == "ukendt"
    child_offender = offender_known is True and not adult_offender
    if acute_danger:
        out.append(Advice("Akut fare", "Ring 112 nu. Resten af guiden kan vente, til barnet er i sikkerhed.",
                          steps=("afdaekning",), urgent=True, contacts=("alarm-112",)))
    if threats:
        out.append(Advice(
            "Trusler eller afpresning",
            ACUTE_RISK + " Send ikke flere billeder, og betal ikke. Gem skærmbilleder af truslerne og profilen – ikke "
            "af selve billedet – og kontakt politiet (114) samme dag. Take It Down kan hjælpe med at få fjernet "
            "nøgen- eller sexbilleder, der er taget, før man fyldte 18; billedet bliver på ens egen telefon.",
            facts=("sextortion-trusler-og-afpresning",), steps=("afdaekning", "dokumentering", "politianmeldelse"),
            urgent=True, contacts=("politi-114", "take-it-down")))
    if adult_offender:
        out.append(Advice(
            "Mistanke om overgreb fra en voksen",
            "Ved grooming, afpresning eller krav om seksuelle handlinger fra en voksen: Spørg ikke ind til detaljer. "
            "Barnet kan senere blive afhørt i et børnehus, og mange spørgsmål kan gøre forklaringen svagere. Lyt, tag "
            "barnet alvorligt, og skriv ned, hvad barnet selv fortalte. Kontakt politiet (114) og kommunen samme dag "
            "– ved akut fare 112. Kontakt ikke selv den voksne.",
            facts=("grooming-231", "underretningspligt"), steps=("afdaekning", "politianmeldelse", "underretning"),
            urgent=True, contacts=("politi-114",)))
    if images and maybe_minor:
        who = "personen på billedet er under 18 år" if minor else "personen på billedet kan være under 18 år"
        out.append(Advice(
            "Billeder af en under 18 år",
            f"Kontakt politiet (114) samme dag, når {who}. Seksuelle billeder af en under 18 år er omfattet af "
            "straffelovens § 235 – også når personen selv sagde ja – og politiet rejser sag, uden at den krænkede "
            "eller forældrene skal bede om det. Tal med politiet, før nogen beder om sletning. Se, gem eller send "
            "aldrig selve billedet. Gem i stedet skærmbilleder af beskeder og profil.",
            facts=("straffeloven-235-deling-og-besiddelse", "bevis-skaermbilleder"),
            steps=("politianmeldelse", "dokumentering"), urgent=True, contacts=("politi-114",)))
    if maybe_minor:
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
    if victim_age == "under-15":
        out.append(Advice(
            "Den krænkede er under 15 år",
            "Blufærdighedskrænkelse over for et barn under 15 år har en højere strafferamme (straffelovens § 232).",
            facts=("straffeloven-232",), steps=("vurdering", "politianmeldelse")))
    if victim_age == "18+":
        out.append(Advice(
            "Den krænkede er myndig",
            "Aftal med den unge selv, hvem der med fordel kan inddrages."
            + (" Ved deling af private billeder af en voksen (straffelovens § 264 d) skal den krænkede selv bede "
               "politiet om at rejse sag." if images else ""),
            facts=("straffeloven-264-d",) if images else (), steps=("inddragelse",)))
    if offender_known is True and adult_offender:
        out.append(Advice(
            "Kendt voksen krænker",
            "Kontakt ikke den voksne eller dennes familie – det kan advare personen og få beviser til at forsvinde. "
            "Politiet tager over.",
            steps=("stop-kendt-kraenker", "politianmeldelse")))
    elif offender_known is True:
        out.append(Advice(
            "Kendt krænker",
            ("Seksuelle billeder af en under 18 år: Tal med politiet (114), før nogen beder om sletning. "
             if images and maybe_minor else "")
            + "Kan sagen håndteres pædagogisk, kontaktes krænkeren og dennes forældre (hvis under 18), delt materiale "
            "bedes slettet, og adfærden bringes til ophør. Forældrene bekræfter, at materialet er slettet – uden at "
            "åbne, vise eller sende billedet. Anmeldes sagen, tager politiet over – så tal med politiet, før I "
            "kontakter krænkeren.",
            steps=("stop-kendt-kraenker",)))
    elif offender_known is False:
        out.append(Advice(
            "Ukendt krænker",
            ("Tal med politiet (114), før I beder om sletning af seksuelle billeder af en under 18 år. "
             if images and maybe_minor else "")
            + "Når dokumentationen er sikret, hjælpes den krænkede og forældrene med at få materialet slettet. Er "
            "billedet taget, før personen fyldte 18, kan Take It Down hjælpe. Nægtes sletning, kan det anmeldes til "
            "Datatilsynet.",
            steps=("stop-ukendt-kraenker",), contacts=("take-it-down", "datatilsynet")))
    if child_offender:
        out.append(Advice(
            "Underretning om den, der krænkede",
            "Er den, der har delt billeder eller presset andre, under 18 år, så overvej også at underrette kommunen om det barn. Et "
            "barn, der krænker, kan selv have behov for særlig støtte – også når barnet er under 15 år og ikke kan "
            "straffes.",
            facts=("underretningspligt",), steps=("underretning",)))
    if child_offender and offender_age == "under-15":
        out.append(Advice(
            "Krænkeren er under 15 år",
            "Børn under 15 år kan ikke straffes, men kommunen kan gribe ind, og barnet kan blive erstatningsansvarligt.",
            facts=("kriminel-lavalder",), steps=("stop-kendt-kraenker", "underretning")))
    return out
