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
