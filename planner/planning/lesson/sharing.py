"""Plans that leave the app and come back: JSON files and share links, both opened as requests against the
current content library."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ...content.loader import Content
from ..plan_files import read_plan_file
from .assembly import assemble
from .details import LINK_FIELDS, KitInfo
from .editing import apply_sequence, exercise_sequence
from .plan import (
    BROKEN_LINK,
    MAX_ACTIVITIES,
    MAX_MINUTES,
    MAX_PLAN_BYTES,
    LessonPlan,
    LessonRequest,
    PlanError,
    PlanFileError,
    SectionKind,
)
from .timing import retime

# --- JSON files ----------------------------------------------------------------------------------


def to_json(plan: LessonPlan) -> str:
    return plan.model_dump_json(indent=2)


class _SavedActivity(BaseModel):
    model_config = ConfigDict(extra="ignore")
    kind: SectionKind
    minutes: int = Field(ge=1, le=MAX_MINUTES)
    exercise_id: str | None = Field(default=None, max_length=80)


class SavedLesson(BaseModel):
    """What a saved plan file is allowed to decide: the request, and the exercises' order and minutes.

    Everything else in the file (texts, facts, helplines, addresses) is ignored and comes from the content library,
    so an old file picks up corrected numbers and a tampered one cannot put its own QR codes on a handout."""

    model_config = ConfigDict(extra="ignore")
    schema_version: Literal[1]
    request: LessonRequest
    activities: list[_SavedActivity] = Field(min_length=1, max_length=MAX_ACTIVITIES)
    kit: KitInfo = KitInfo()


def from_json(data: bytes | str, content: Content) -> LessonPlan:
    """Open a plan file by rebuilding it from its request. Anything malformed raises PlanFileError in Danish."""
    saved = read_plan_file(data, SavedLesson, error=PlanFileError, limit=MAX_PLAN_BYTES, required=("activities",),
                           noun="lektionsplanen", not_this_kind="Filen er ikke en lektionsplan fra Klassekit.")
    by_id = content.by_id("exercises")
    sequence = [(a.exercise_id or "", a.minutes) for a in saved.activities if a.kind == "exercise"]
    unknown = [x for x, _ in sequence if x not in by_id]
    if unknown:
        raise PlanFileError(f"Planen bruger øvelser, som Klassekit ikke kender: {', '.join(dict.fromkeys(unknown))}. "
                            "Lav planen igen, eller bed kollegaen om en ny fil.")
    slots = [i for i, a in enumerate(saved.activities) if a.kind == "exercise"]
    try:
        plan = rebuild(content, saved.request, sequence, [a.minutes for a in saved.activities], slots)
    except PlanError as exc:
        raise PlanFileError(f"Planen kan ikke åbnes: {exc}") from None
    if [a.kind for a in plan.activities] != [a.kind for a in saved.activities]:
        raise PlanFileError(f"Planen kan ikke åbnes: {BROKEN_LINK}")
    return plan.model_copy(update={"kit": saved.kit})


def rebuild(content: Content, request: LessonRequest, sequence: list[tuple[str, int]],
            minutes: list[int] | None = None, slots: list[int] | None = None) -> LessonPlan:
    """A plan from its request plus the teacher's exercise order, places and minutes: how files and links are
    opened. `slots` are the exercises' places in the timeline; without them (links made before places were sent)
    the exercises fill the places a fresh plan has."""
    plan = assemble(content, request)
    plan = apply_sequence(content, plan, sequence, slots) if sequence else plan
    return _with_minutes(plan, minutes) if minutes else plan


# --- Share links -------------------------------------------------------------------------------


def plan_to_query(plan: LessonPlan, edited: bool = True) -> dict[str, str]:
    """Query parameters that reopen the same plan: the request, and for an edited plan also its exercise sequence
    and minutes (an unedited plan is rebuilt from the request alone, so its link stays short)."""
    r = plan.request
    q: dict[str, str] = {"band": r.band}
    if r.age_band and r.band == "special":
        q["age"] = r.age_band
    if r.template:
        q["template"] = r.template
    else:
        q["minutes"] = str(plan.minutes)
    if r.themes:
        q["themes"] = ",".join(r.themes)
    if r.kommune:
        q["kommune"] = r.kommune
    if edited:
        q["ex"] = ",".join(f"{x}:{n}" for x, n in exercise_sequence(plan))
        q["m"] = ",".join(str(a.minutes) for a in plan.activities)
        q["at"] = ",".join(str(i) for i, a in enumerate(plan.activities) if a.kind == "exercise")
    return q | kit_to_query(plan.kit)


def kit_to_query(info: KitInfo, leave_out: tuple[str, ...] = ()) -> dict[str, str]:
    """The class's details a link carries (LINK_FIELDS; never the teacher's name), as kit_from_query reads them back:
    only what differs from a blank kit, lists (the letter's languages) comma-separated."""
    kit, default = info.model_dump(), KitInfo().model_dump()
    return {name: ",".join(kit[field]) if isinstance(kit[field], list) else str(kit[field])
            for field, name in LINK_FIELDS.items() if field not in leave_out and kit[field] != default[field]}


def plan_from_query(content: Content, query: dict[str, str]) -> LessonPlan:
    """Rebuild a plan from a share link; a broken link raises PlanError with what is wrong."""
    if query.get("minutes") and not _small_number(query["minutes"]):
        raise PlanError(BROKEN_LINK)
    try:
        req = LessonRequest.model_validate(dict(
            band=query.get("band", ""),
            age_band=query.get("age") or None,
            template=query.get("template") or None,
            minutes=int(query["minutes"]) if query.get("minutes") else None,
            themes=[t for t in query.get("themes", "").split(",") if t],
            kommune=query.get("kommune") or None,
        ))
    except (ValidationError, ValueError):
        raise PlanError(BROKEN_LINK) from None
    seq = []
    for part in [p for p in query.get("ex", "").split(",") if p][:MAX_ACTIVITIES]:
        x, _, n = part.partition(":")
        if not _small_number(n):
            raise PlanError(BROKEN_LINK)
        seq.append((x, int(n)))
    parts = [p for p in query.get("m", "").split(",") if p]
    if len(parts) > MAX_ACTIVITIES or not all(_small_number(p) for p in parts):
        raise PlanError(BROKEN_LINK)
    at = [p for p in query.get("at", "").split(",") if p]
    if len(at) > MAX_ACTIVITIES or not all(_small_number(p) for p in at):
        raise PlanError(BROKEN_LINK)
    plan = rebuild(content, req, seq, [int(p) for p in parts], [int(p) for p in at] if at else None)
    return plan.model_copy(update={"kit": kit_from_query(query)})


def kit_from_query(query: dict[str, str]) -> KitInfo:
    """The class's details a link carries (never the teacher's name); a tampered value is refused in Danish."""
    values = {field: query[name] for field, name in LINK_FIELDS.items() if query.get(name)}
    if "pupils" in values and not _small_number(values["pupils"]):
        raise PlanError(KIT_LINK)
    try:
        return KitInfo.model_validate(values)
    except (ValidationError, ValueError):
        raise PlanError(KIT_LINK) from None


KIT_LINK = ("Linkets oplysninger om klassen er ændret (starttid, antal elever, plakatstørrelse eller brevets sprog "
            "passer ikke). "
            "Bed kollegaen om et nyt link.")


def _small_number(text: str) -> bool:
    """Plain ASCII digits, at most three: a link can never ask for more work than a school day holds."""
    return text.isascii() and text.isdigit() and len(text) <= 3


def _with_minutes(plan: LessonPlan, minutes: list[int]) -> LessonPlan:
    """Every activity's minutes from a file or link, so the colleague sees exactly the plan that was sent."""
    if len(minutes) != len(plan.activities):
        raise PlanError(BROKEN_LINK)
    acts = [a.model_copy(update={"minutes": n}) for a, n in zip(plan.activities, minutes, strict=False)]
    data = plan.model_dump()
    data["activities"] = [a.model_dump() for a in retime(acts)]
    try:
        new = LessonPlan.model_validate(data)
    except ValueError:
        raise PlanError(BROKEN_LINK) from None
    for a in new.exercise_activities:
        e = new.exercise(a.exercise_id)
        if not e.minutes_min <= a.minutes <= e.minutes_max:
            raise PlanError(BROKEN_LINK)
    return new
