"""Pictograms for signs, cards, the poster and the handouts: OpenMoji PNGs shipped in materials/pictograms.

The files are read once per process. Every picture carries Danish alt text, so a screen reader says what it shows.
"""

from __future__ import annotations

from functools import lru_cache

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
FEELINGS = ("bekymret", "ked-af-det", "glad", "vred", "mellem", "knude-i-maven", "tvivl", "spoergsmaal", "hjerte", "nej",
            "stop-haand", "taleboble", "tankeboble", "ok", "tommel-op", "tommel-ned")
PLACES = ("sofa", "skole", "hus", "aften", "stol")
SCENE_PX = (1200, 1200)


@lru_cache(maxsize=64)
def scene_png(ids: tuple[str, ...]) -> bytes:
    """One picture a pupil who cannot read can talk about, composed from the case's pictograms: the people stand on
    the floor side by side, the first as the main person; what they hold sits at their hand, what they feel or say
    in a bubble above them, and the place behind them. The same ids always give the same picture."""
    import io

    from PIL import Image, ImageDraw

    w, h = SCENE_PX
    img = Image.new("RGB", (w, h), "#EEF3F8")
    draw = ImageDraw.Draw(img)
    floor = int(h * 0.78)
    draw.rectangle((0, floor, w, h), fill="#E4DCCB")
    draw.line((0, floor, w, floor), fill="#B9AE97", width=6)
    known = [i for i in ids if i in catalog()]
    people = [i for i in known if i in PEOPLE] or ["barn"]
    feelings = [i for i in known if i in FEELINGS]
    places = [i for i in known if i in PLACES]
    things = [i for i in known if i not in PEOPLE and i not in FEELINGS and i not in PLACES]

    def paste(pid: str, cx: float, bottom: float, size: int) -> None:
        icon = Image.open(io.BytesIO(png(pid))).convert("RGBA").resize((size, size), Image.Resampling.LANCZOS)
        img.paste(icon, (int(cx - size / 2), int(bottom - size)), icon)

    for pid in places[:1]:  # the place: the evening sky, or a thing behind everyone
        if pid == "aften":
            paste(pid, w * 0.88, h * 0.32, int(h * 0.22))
        else:
            paste(pid, w * 0.87, floor + 10, int(h * 0.36))
    slots = [0.27, 0.70] if len(people) > 1 else [0.36]
    for pid, x in zip(people[:2], slots, strict=False):
        paste(pid, w * x, floor + 30, int(h * (0.5 if x == slots[0] else 0.42)))
    main = w * slots[0]
    for k, pid in enumerate(things[:2]):  # held at the main person's hand
        paste(pid, main + w * (0.15 + 0.12 * k), floor - h * 0.1, int(h * 0.22))
    for k, pid in enumerate(feelings[:2]):  # a bubble beside the main person's head (the second: the other person)
        cx = main + w * 0.13 if k == 0 else w * slots[-1] + w * 0.13 if len(slots) > 1 else main - w * 0.13
        top, r = h * 0.02, int(h * 0.13)
        draw.ellipse((cx - r, top, cx + r, top + 2 * r), fill="white", outline="#8A94A6", width=5)
        for dx, dy, dr in ((0.55, 2.25, 0.15), (0.85, 2.6, 0.09)):
            draw.ellipse((cx - r * dx - r * dr, top + r * dy - r * dr, cx - r * dx + r * dr, top + r * dy + r * dr),
                         fill="white", outline="#8A94A6", width=4)
        paste(pid, cx, top + r + r * 0.78, int(r * 1.55))
    out = io.BytesIO()
    # Not optimize=True: it tries every filter and took 3/4 of a scene's time for 2 % fewer bytes (issue 28).
    img.save(out, "PNG")
    return out.getvalue()


def content_scenes(content) -> set[tuple[str, ...]]:
    """Every scene the content library can show: one per picture talk's case (other cases show pictograms)."""
    return {tuple(case.picture) for ex in content.exercises if ex.method == "billedsamtale"
            for case in ex.cases if case.picture}


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
