"""What pupils may see of the plan's help and law: one rule for every place a pupil reads it – the handout, the
poster and the slides on the board.

Pupils only ever get confirmed contacts for their age; the youngest and special classes get the services that have
a child's sentence; a child who scans a code lands on help, never on an information page.
"""

from __future__ import annotations

from ...content import models as m
from ...content.bands import band_rank
from .plan import LessonPlan

EMERGENCY = "alarm-112"
CHILD_LINE = "boernetelefonen"
MAX_SCAN_CODES = 3
TRUSTED_ADULTS = (("hus", "En voksen derhjemme"), ("laerer", "Din lærer"), ("voksen-og-barn", "En anden voksen"))
"""Whom a young child can tell, in pictures: shown where the youngest would get codes they cannot scan. Not »mor eller
far«: the worry may be about a parent, and many children live with one parent, two mothers or a foster carer; and every
adult is drawn as an adult (the plain »voksen« pictogram looks like a child)."""
MAX_PUPIL_FACTS = 1


def simple(plan: LessonPlan) -> bool:
    """The youngest and special classes get the plain texts."""
    return plan.age_band == "indskoling" or plan.band == "special"


def helplines_for_pupils(plan: LessonPlan, limit: int, plain: bool) -> list[m.Helpline]:
    """Confirmed helplines for the pupils' age; for the youngest and easy-read only those with a child text.
    Older pupils get the emergency number as a line of its own (see emergency), not as a row."""
    hs = [h for h in plan.helplines if {"børn", "unge"} & set(h.audience) and h.status == "confirmed"
          and (h.pupil_min_band is None or band_rank(h.pupil_min_band) <= band_rank(plan.age_band))]
    if plain:
        hs = [h for h in hs if h.child_text]
    else:
        hs = [h for h in hs if h.id != EMERGENCY]
    # The child line first: a number to call works for every pupil, with or without a phone to scan with. Then the
    # services made for what the lesson is about (removal help in a lesson about images), then other numbers, then
    # the rest. The police number is said on its own line when its row gives way (see emergency_text).
    lesson = {t.id for t in plan.themes}
    return sorted(hs, key=lambda h: (h.id != CHILD_LINE, not lesson & set(h.themes), h.phone is None))[:limit]


def as_child(h: m.Helpline, age_band: str, plain: bool) -> m.Helpline:
    """What a pupil reads: only addresses that lead pupils to help, and the child sentence for the youngest or
    where the adult text points at an address the pupil does not get."""
    # The youngest get no addresses or codes at all: they rarely have a phone, and an adult helps them call.
    hidden = bool(h.url) and (age_band == "indskoling" or not h.for_pupils_of(age_band))
    update: dict[str, str | None] = {"purpose": h.child_text} if h.child_text and (plain or hidden) else {}
    if hidden:
        update["url"] = None
    elif h.url and h.advice_conflict:
        # The page the code opens advises against the sheet: the sheet says what to do instead, right under it.
        update["purpose"] = f"{(update.get('purpose') or h.purpose).rstrip()} {h.correction}"
    return h.model_copy(update=update)


def child_line(plan: LessonPlan) -> m.Helpline | None:
    """The one number a child needs most: a confirmed line for children that answers by phone."""
    hs = [h for h in plan.helplines if h.status == "confirmed" and h.phone and "børn" in h.audience
          and h.id != EMERGENCY]
    return next((h for h in hs if h.id == CHILD_LINE), hs[0] if hs else None)


def emergency(plan: LessonPlan) -> m.Helpline | None:
    return next((x for x in plan.helplines if x.id == EMERGENCY and x.phone), None)


POLICE = "politi-114"


def emergency_text(plan: LessonPlan, shown: list[m.Helpline]) -> str:
    """The line above an older pupil's contacts: 112 in danger, and the police's own number when its row gave way to
    services for the lesson's theme."""
    sos, police = emergency_numbers(plan, shown)
    if not sos:
        return ""
    if police:
        return f"Ring {sos}, hvis nogen er i fare lige nu. Vil du tale med politiet, så ring {police}."
    return f"Ring {sos}, hvis nogen er i fare lige nu."


def emergency_numbers(plan: LessonPlan, shown: list[m.Helpline]) -> tuple[str | None, str | None]:
    """The emergency number, and the police's own number when its row gave way (for the line in any language)."""
    sos = emergency(plan)
    if not sos:
        return None, None
    police = next((x for x in plan.helplines if x.id == POLICE and x.phone and x.status == "confirmed"), None)
    return sos.phone, police.phone if police and all(h.id != POLICE for h in shown) else None


def parent_contacts(plan: LessonPlan, most: int) -> list[m.Helpline]:
    """The parent letter's contacts: confirmed ones in the letter's order, the services made for the lesson's themes
    before the general ones (removal help in a lesson about images), the child line always first."""
    by_id = {h.id: h for h in plan.helplines}
    out = [by_id[x] for x in plan.parent_letter.contacts if x in by_id and x != EMERGENCY]
    out = [h for h in out if h.status == "confirmed"]
    lesson = {t.id for t in plan.themes}
    return sorted(out, key=lambda h: (h.id != CHILD_LINE, not lesson & set(h.themes)))[:most]


def ways(h: m.Helpline) -> str:
    """'ring, sms eller chat – døgnet rundt'."""
    text = ["ring"] + (["sms"] if h.sms else []) + (["chat"] if h.chat else [])
    out = text[0] if len(text) == 1 else ", ".join(text[:-1]) + " eller " + text[-1]
    if h.opening_hours.strip().casefold() == "døgnåben":
        out += " – døgnet rundt"
    return out


def scan_codes(plan: LessonPlan) -> list[m.Helpline]:
    """Up to three services pupils of this age may scan from a wall or a board: never an information page, the child
    line's chat first (its number is also shown large), and none for the youngest, who rarely have a phone of their
    own."""
    if plan.age_band == "indskoling":
        return []
    plain = simple(plan)
    hs = [as_child(h, plan.age_band, plain) for h in helplines_for_pupils(plan, 8, plain)]
    return [h for h in hs if h.url and h.url_kind != "info"][:MAX_SCAN_CODES]


def pupil_facts(plan: LessonPlan, limit: int = MAX_PUPIL_FACTS) -> list[m.LegalFact]:
    """The law facts a pupil may read: checked ones only (never low confidence, never a teacher-only fact), the
    lesson's leading ones first."""
    return [f for f in plan.facts if f.confidence != "low" and not f.teacher_only][:limit]
