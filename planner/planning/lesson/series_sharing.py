"""A forløb as a file and as a share link: saved and opened again, every lesson rebuilt from the content library and
the forløb's rules checked again."""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ...content.loader import Content
from ..plan_files import read_plan_file
from .details import KitInfo
from .editing import exercise_sequence
from .plan import (
    MAX_ACTIVITIES,
    MAX_LIST,
    LessonRequest,
    PlanError,
    PlanFileError,
)
from .sharing import from_json as lesson_from_json
from .sharing import kit_from_query, kit_to_query, rebuild
from .series import MAX_LESSONS, MAX_SERIES_BYTES, MIN_LESSONS, Series, SeriesRequest, framed, why_invalid
from .series_progression import theme_order


# --- Files -------------------------------------------------------------------------------------


def to_json(series: Series) -> str:
    return series.model_dump_json(indent=2)


class _SavedSeries(BaseModel):
    """What a saved forløb may decide: the request, the class's details, and each lesson as a lesson file does."""

    model_config = ConfigDict(extra="ignore")
    schema_version: Literal[1]
    kind: Literal["forloeb"]
    request: SeriesRequest
    lessons: list[dict] = Field(min_length=MIN_LESSONS, max_length=MAX_LESSONS)
    kit: KitInfo = KitInfo()


def from_json(data: bytes | str, content: Content) -> Series:
    """Open a forløb file: every lesson rebuilt from the content library like a lesson file, the order of themes from
    the library too, and the forløb's rules checked again. Anything wrong raises PlanFileError in Danish."""
    saved = read_plan_file(data, _SavedSeries, error=PlanFileError, limit=MAX_SERIES_BYTES,
                           required=("lessons", "request"), noun="forløbet",
                           not_this_kind="Filen er ikke et forløb fra Klassekit.")
    lessons = []
    for i, raw in enumerate(saved.lessons, 1):
        try:
            lessons.append(lesson_from_json(json.dumps(raw), content))
        except PlanFileError as exc:
            raise PlanFileError(f"Lektion {i} i forløbet: {exc}") from None
    try:
        series = Series(request=saved.request, theme_order=theme_order(content), lessons=lessons, kit=saved.kit)
    except ValidationError as exc:
        raise PlanFileError(f"Forløbet kan ikke åbnes: {why_invalid(exc)}.") from None
    return framed(series)


# --- Share links -------------------------------------------------------------------------------

BROKEN_SERIES_LINK = "Linket til forløbet er ufuldstændigt eller ændret. Bed kollegaen om et nyt link."


def series_to_query(series: Series) -> dict[str, str]:
    """Query parameters that reopen the same forløb: the request, and for every lesson its themes and its exercises'
    order, minutes and places (never the teacher's name)."""
    r = series.request
    q = {"forloeb": str(r.lessons), "band": r.band,
         "len": ",".join(x.template or str(x.minutes) for x in r.lengths)}
    if r.age_band and r.band == "special":
        q["age"] = r.age_band
    if r.themes:
        q["themes"] = ",".join(r.themes)
    if r.dates:
        q["dates"] = ",".join(d.isoformat() for d in r.dates)
    if r.start_date:
        q["first"] = r.start_date.isoformat()
    if r.kommune:
        q["kommune"] = r.kommune
    for i, p in enumerate(series.lessons, 1):
        q[f"{i}t"] = ",".join(p.request.themes)
        q[f"{i}x"] = ",".join(f"{x}:{n}" for x, n in exercise_sequence(p))
        q[f"{i}m"] = ",".join(str(a.minutes) for a in p.activities)
        q[f"{i}a"] = ",".join(str(k) for k, a in enumerate(p.activities) if a.kind == "exercise")
    return q | kit_to_query(series.kit, leave_out=("date",))


def _small_number(text: str) -> bool:
    """Plain ASCII digits, at most three, as a lesson link's numbers: a link never asks for more than a day holds."""
    return text.isascii() and text.isdigit() and len(text) <= 3


def series_from_query(content: Content, query: dict[str, str]) -> Series:
    """Rebuild a forløb from its link, lesson by lesson from the content library; a broken or tampered link raises
    PlanError in Danish and builds nothing."""
    def numbers(key: str) -> list[int]:
        parts = [x for x in query.get(key, "").split(",") if x]
        if len(parts) > MAX_ACTIVITIES or not all(_small_number(x) for x in parts):
            raise PlanError(BROKEN_SERIES_LINK)
        return [int(x) for x in parts]

    n = query.get("forloeb", "")
    if not (_small_number(n) and MIN_LESSONS <= int(n) <= MAX_LESSONS):
        raise PlanError(BROKEN_SERIES_LINK)
    lengths = []
    for x in query.get("len", "").split(",")[:MAX_LESSONS]:
        lengths.append({"minutes": int(x)} if _small_number(x) else {"template": x})
    try:
        req = SeriesRequest.model_validate({
            "band": query.get("band", ""), "age_band": query.get("age") or None, "lessons": int(n),
            "lengths": lengths, "themes": [t for t in query.get("themes", "").split(",") if t],
            "dates": [d for d in query.get("dates", "").split(",") if d][:MAX_LESSONS],
            "start_date": query.get("first") or None, "kommune": query.get("kommune") or None})
    except ValidationError:
        raise PlanError(BROKEN_SERIES_LINK) from None
    lessons = []
    for i in range(req.lessons):
        length = req.length_of(i)
        seq = []
        for part in [p for p in query.get(f"{i + 1}x", "").split(",") if p][:MAX_ACTIVITIES]:
            x, _, m = part.partition(":")
            if not _small_number(m):
                raise PlanError(BROKEN_SERIES_LINK)
            seq.append((x, int(m)))
        try:
            lesson_req = LessonRequest(band=req.band, age_band=req.age_band, template=length.template,
                                       minutes=length.minutes, kommune=req.kommune,
                                       themes=[t for t in query.get(f"{i + 1}t", "").split(",") if t][:MAX_LIST])
        except ValidationError:
            raise PlanError(BROKEN_SERIES_LINK) from None
        try:
            lessons.append(rebuild(content, lesson_req, seq, numbers(f"{i + 1}m"), numbers(f"{i + 1}a") or None))
        except PlanError as exc:
            raise PlanError(f"Lektion {i + 1} i linket kan ikke åbnes: {exc}") from None
    try:
        series = Series(request=req, theme_order=theme_order(content), lessons=lessons,
                        kit=kit_from_query({k: v for k, v in query.items() if k != "dato"}))
    except ValidationError as exc:
        raise PlanError(f"Forløbet i linket kan ikke åbnes: {why_invalid(exc)}.") from None
    return framed(series)
