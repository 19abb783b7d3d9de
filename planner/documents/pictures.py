"""Pictograms for signs, cards, the poster and the handouts: OpenMoji PNGs shipped in materials/pictograms.

The files are read once per process. Every picture carries Danish alt text, so a screen reader says what it shows.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from docx.shared import Cm

from ..content.loader import PICTOGRAM_DIR, load_pictograms
from .docx_base import add_image

CREDIT = "Piktogrammer: OpenMoji (openmoji.org), CC BY-SA 4.0"


@lru_cache(maxsize=1)
def catalog() -> dict[str, str]:
    """Pictogram id -> alt text."""
    return {p.id: p.alt for p in load_pictograms()}


@lru_cache(maxsize=128)
def png(pictogram_id: str) -> bytes:
    if pictogram_id not in catalog():
        raise KeyError(f"ukendt piktogram '{pictogram_id}'")
    return (PICTOGRAM_DIR / f"{pictogram_id}.png").read_bytes()


def add(paragraph, pictogram_id: str, size_cm: float):
    """Insert a pictogram into a paragraph, with its alt text; unknown ids are skipped, never a crash."""
    if pictogram_id not in catalog():
        return None
    shape = add_image(paragraph, f"pictogram:{pictogram_id}", png(pictogram_id), Cm(size_cm))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", catalog()[pictogram_id])
    doc_pr.set("title", catalog()[pictogram_id])
    return shape


# --- Scenes for picture talks --------------------------------------------------------------------

PEOPLE = ("pige", "dreng", "barn", "voksen", "voksen-og-barn", "gruppe", "betjent", "laerer", "svoemning")
ADULTS = ("voksen", "betjent", "laerer")
CHILDREN = ("pige", "dreng", "barn")
"""In a scene an adult stands a head taller than a child: OpenMoji draws both as the same face, and a pupil who
cannot read must see that the case has a grown-up in it."""
FEELINGS = ("bekymret", "ked-af-det", "glad", "vred", "mellem", "knude-i-maven", "tvivl", "spoergsmaal", "hjerte", "nej",
            "stop-haand", "taleboble", "tankeboble", "ok", "tommel-op", "tommel-ned")
PLACES = ("sofa", "skole", "hus", "aften", "stol")
SCENE_PX = (1200, 1200)


class Placed(NamedTuple):
    """A pictogram in a scene: its centre, its bottom edge and its size (a square), in pixels."""

    id: str
    cx: float
    bottom: float
    size: int


class SceneLayout(NamedTuple):
    pictures: list[Placed]
    """Back to front: the place, the people, what they hold."""
    bubbles: list[Placed]
    """What they feel or say, each in a bubble (radius BUBBLE_R) whose centre is the picture's."""


def scene_layout(ids: tuple[str, ...]) -> SceneLayout:
    """Where a scene's pictograms go: the people stand on the floor side by side (at most three, the first as the main
    person, a grown-up a head taller than a child), what they hold sits at the main person's hand, what they feel or
    say in a bubble above them, and the place behind them."""
    w, h = SCENE_PX
    floor = int(h * FLOOR)
    known = [i for i in ids if i in catalog()]
    people = ([i for i in known if i in PEOPLE] or ["barn"])[:3]
    feelings = [i for i in known if i in FEELINGS]
    places = [i for i in known if i in PLACES]
    things = [i for i in known if i not in PEOPLE and i not in FEELINGS and i not in PLACES]
    pictures = []
    for pid in places[:1]:  # the evening sky high up, clear of a grown-up's head; a thing behind everyone
        pictures.append(Placed(pid, w * 0.88, h * 0.24, int(h * 0.2)) if pid == "aften"
                        else Placed(pid, w * 0.87, floor + 10, int(h * 0.36)))
    slots, sizes = _line_up(people)
    for pid, x, size in zip(people, slots, sizes, strict=True):  # whole, however big: never cut by the edge
        px = int(h * size)
        pictures.append(Placed(pid, min(max(w * x, px / 2), w - px / 2), floor + 30, px))
    main = w * slots[0]
    pictures += [Placed(pid, main + w * (0.15 + 0.12 * k), floor - h * 0.1, int(h * 0.22))
                 for k, pid in enumerate(things[:2])]
    r = int(h * BUBBLE_R)
    bubbles = []
    for k, pid in enumerate(feelings[:2]):  # beside the main person's head (the second: the last person's)
        cx = main + w * 0.13 if k == 0 else w * slots[-1] + w * 0.13 if len(slots) > 1 else main - w * 0.13
        bubbles.append(Placed(pid, min(max(cx, r), w - r), h * 0.02 + r + r * 0.78, int(r * 1.55)))
    return SceneLayout(pictures, bubbles)


def _line_up(people: list[str]) -> tuple[list[float], list[float]]:
    """Where the people stand (centres, as shares of the width) and how tall they are (shares of the height)."""
    grown_up = any(pid in ADULTS for pid in people)
    if len(people) == 3:  # e.g. two pupils and the teacher they go to: nobody the case names is left out
        return [0.17, 0.44, 0.76], [0.46 if pid in ADULTS else 0.32 for pid in people]
    if len(people) == 2:
        return [0.27, 0.72 if grown_up else 0.70], [
            0.56 if pid in ADULTS else 0.44 if grown_up and pid in CHILDREN else 0.5 if i == 0 else 0.42
            for i, pid in enumerate(people)]
    return [0.36], [0.5]


FLOOR = 0.78
"""Where the floor starts, as a share of the scene's height."""
BUBBLE_R = 0.13
"""A bubble's radius, as a share of the scene's height."""


@lru_cache(maxsize=64)
def scene_png(ids: tuple[str, ...]) -> bytes:
    """One picture a pupil who cannot read can talk about, composed from the case's pictograms (scene_layout). The
    same ids always give the same picture."""
    import io

    from PIL import Image, ImageDraw

    w, h = SCENE_PX
    img = Image.new("RGB", (w, h), "#EEF3F8")
    draw = ImageDraw.Draw(img)
    floor = int(h * FLOOR)
    draw.rectangle((0, floor, w, h), fill="#E4DCCB")
    draw.line((0, floor, w, floor), fill="#B9AE97", width=6)

    def paste(p: Placed) -> None:
        icon = Image.open(io.BytesIO(png(p.id))).convert("RGBA").resize((p.size, p.size), Image.Resampling.LANCZOS)
        img.paste(icon, (int(p.cx - p.size / 2), int(p.bottom - p.size)), icon)

    layout = scene_layout(ids)
    for p in layout.pictures:
        paste(p)
    r, top = int(h * BUBBLE_R), h * 0.02
    for p in layout.bubbles:
        draw.ellipse((p.cx - r, top, p.cx + r, top + 2 * r), fill="white", outline="#8A94A6", width=5)
        for dx, dy, dr in ((0.55, 2.25, 0.15), (0.85, 2.6, 0.09)):
            draw.ellipse((p.cx - r * dx - r * dr, top + r * dy - r * dr, p.cx - r * dx + r * dr,
                          top + r * dy + r * dr), fill="white", outline="#8A94A6", width=4)
        paste(p)
    out = io.BytesIO()
    # Not optimize=True: it tries every filter and took 3/4 of a scene's time for 2 % fewer bytes (issue 28).
    img.save(out, "PNG")
    return out.getvalue()


def content_scenes(content) -> set[tuple[str, ...]]:
    """Every scene the content library can show: one per picture talk's case (other cases show pictograms)."""
    return {tuple(case.picture) for ex in content.exercises if ex.picture_talk for case in ex.cases if case.picture}


def prepare_scenes(content) -> int:
    """Compose every scene of the content library once, so no teacher's kit waits for one: a kit with a picture
    talk nobody had asked for before took 0.6 s instead of 0.1 s (issue 28). ~1 CPU-s for all, once per process.
    Returns how many scenes are ready."""
    scenes = sorted(content_scenes(content))[:scene_png.cache_info().maxsize or None]
    for ids in scenes:
        scene_png(ids)
    return len(scenes)


def add_scene(paragraph, ids: list[str], width_cm: float, alt: str):
    """A picture talk's scene in a run, described in words for a screen reader (the teacher reads it aloud)."""
    shape = add_image(paragraph, "scene:" + "+".join(ids), scene_png(tuple(ids)), Cm(width_cm))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", alt)
    doc_pr.set("title", alt[:120])
    return shape
