"""The slide deck (.pptx) for the smartboard: the lesson's slides (planning.lesson.slides) on the base layout in
lesson_templates/base.pptx, with pictograms, picture cards, QR codes to help and speaker notes.

Type is never below 28 pt on the board (titles 40 pt; a statement read aloud up to 48 pt); every picture has Danish
alt text, every text run is marked Danish. The slide text is pupil text; the teacher's words are in the notes.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Cm, Pt

from ..planning.lesson import LessonPlan
from ..planning.lesson import slides as SL
from . import docx_base as D
from . import pictures
from .kit import BAND_COLOURS, KitInfo

BASE = Path(__file__).resolve().parents[2] / "lesson_templates" / "base.pptx"
SLIDE_W, SLIDE_H = 33.867, 19.05
LEFT, TOP, WIDTH = 1.5, 4.0, 30.8
BODY_PT, TITLE_PT, LABEL_PT, BIG_PT, NUMBER_PT = 28, 40, 28, 44, 80
SLIDE_QR_CM = 6.0
"""The QR symbol on the board: large enough to scan from a pupil's desk."""
MUTED = RGBColor(0x40, 0x40, 0x40)
"""Grey for labels: 10:1 on white."""


@lru_cache(maxsize=1)
def _base_bytes() -> bytes:
    return BASE.read_bytes()


def _layout(prs, name: str):
    return next((x for x in prs.slide_layouts if x.name == name), prs.slide_layouts[-1])


def _danish(element) -> None:
    for tag in ("a:rPr", "a:endParaRPr", "a:defRPr"):
        for rpr in element.iter(qn(tag)):
            rpr.set("lang", "da-DK")


def _no_bullet(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    for old in ppr.findall(qn("a:buNone")):
        ppr.remove(old)
    ppr.insert(0, ppr.makeelement(qn("a:buNone"), {}))


def _bullet(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(Cm(0.9)))
    ppr.set("indent", str(-Cm(0.9)))
    ppr.insert(0, ppr.makeelement(qn("a:buChar"), {"char": "•"}))


def _text(frame, lines, size: int, bold: bool = False, align=None, colour=None, bullets: bool = False,
          numbered: bool = False, space: int = 10) -> None:
    frame.word_wrap = True
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _bullet(p) if bullets else _no_bullet(p)
        if align is not None:
            p.alignment = align
        p.space_after = Pt(space)
        for j, part in enumerate(str(line).split("\n")):
            if j:
                p.add_line_break()
            run = p.add_run()
            run.text = (f"{i + 1}. " if numbered and j == 0 else "") + D.clean(part)
            run.font.size = Pt(size)
            run.font.bold = bold
            if colour is not None:
                run.font.color.rgb = colour


def _box(slide, left, top, width, height, lines, size: int, **kw):
    shape = slide.shapes.add_textbox(Cm(left), Cm(top), Cm(width), Cm(height))
    shape.text_frame.vertical_anchor = kw.pop("anchor", MSO_ANCHOR.TOP)
    _text(shape.text_frame, lines, size, **kw)
    return shape


def _picture(slide, blob: bytes, left, top, size, alt: str):
    pic = slide.shapes.add_picture(io.BytesIO(blob), Cm(left), Cm(top), Cm(size), Cm(size))
    pic._element.nvPicPr.cNvPr.set("descr", alt)
    return pic


def _pictogram(slide, pid: str, left, top, size):
    if pid in pictures.catalog():
        _picture(slide, pictures.png(pid), left, top, size, pictures.catalog()[pid])


def _title(slide, text: str) -> None:
    frame = slide.shapes.title.text_frame
    frame.word_wrap = True
    frame.text = D.clean(text)
    for run in frame.paragraphs[0].runs:
        run.font.size = Pt(TITLE_PT if len(text) <= 60 else TITLE_PT)  # titles never shrink below 40 pt


def _band_strip(slide, band: str) -> None:
    """A thin band of the band's colour along the top: decoration only, never the only carrier of meaning."""
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Cm(SLIDE_W), Cm(0.35))
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor.from_string(BAND_COLOURS.get(band, "404040"))
    bar.line.fill.background()
    bar.name = "Båndfarve"
    bar._element.nvSpPr.cNvPr.set("descr", "")  # decorative


def _tiles(slide, pics: tuple[SL.Picture, ...], top: float, height: float) -> None:
    """Signs side by side (JA / NEJ / VED IKKE): pictograms over the sign's words, centred."""
    n = len(pics)
    if not n:
        return
    width = min(9.0, WIDTH / n)
    left0 = (SLIDE_W - width * n) / 2
    icon = min(3.2, height - 1.6)
    for i, pic in enumerate(pics):
        left = left0 + i * width
        k = max(1, len(pic.pictograms))
        size = min(icon, (width - 0.6) / k)
        x0 = left + (width - size * k) / 2
        for j, pid in enumerate(pic.pictograms):
            _pictogram(slide, pid, x0 + j * size, top, size)
        if pic.label:
            _box(slide, left, top + (size if pic.pictograms else 0) + 0.1, width, 1.5, [pic.label], BODY_PT,
                 bold=True, align=PP_ALIGN.CENTER)


def _picture_card(slide, pic: SL.Picture, left: float, top: float, width: float) -> None:
    """A case's picture card: its pictograms in a square grid, like the printed card."""
    ids = [p for p in pic.pictograms if p in pictures.catalog()]
    if not ids:
        return
    cols = 2 if len(ids) > 1 else 1
    size = (width - 0.4) / cols
    frame = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Cm(left), Cm(top), Cm(width),
                                   Cm(size * ((len(ids) + 1) // cols) + 0.4))
    frame.fill.background()
    frame.line.color.rgb = MUTED
    frame.name = "Billedkort"
    frame._element.nvSpPr.cNvPr.set("descr", "Billedkort: " + ", ".join(pictures.catalog()[p] for p in ids))
    for i, pid in enumerate(ids):
        _pictogram(slide, pid, left + 0.2 + (i % cols) * size, top + 0.2 + (i // cols) * size, size)


def _notes(slide, notes: tuple[tuple[str, str], ...]) -> None:
    frame = slide.notes_slide.notes_text_frame
    frame.text = "\n\n".join(f"{head}: {D.clean(text)}" for head, text in notes if text)


def _title_slide(prs, deck: SL.Deck, s: SL.Slide):
    slide = prs.slides.add_slide(_layout(prs, "Title Slide"))
    _title(slide, deck.title)
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(48)
    sub = next((ph for ph in slide.placeholders if ph.placeholder_format.idx == 1), None)
    if sub is not None:
        _text(sub.text_frame, s.lines, 32)
    return slide


def _help(slide, board: SL.HelpBoard) -> None:
    """The child line's number very large on the first row, the emergency line under it, then the codes (or, for the
    youngest, whom to tell) across the slide."""
    y = TOP - 0.3
    line = board.child_line
    if line:
        _pictogram(slide, line.pictogram, LEFT, y + 0.3, 2.6)
        _box(slide, LEFT + 2.9, y - 0.3, 11.5, 3.0, [line.phone], NUMBER_PT, bold=True, anchor=MSO_ANCHOR.MIDDLE)
        _box(slide, LEFT + 14.6, y, WIDTH - 14.6, 2.6, [f"{line.name}: {line.text}"], BODY_PT,
             anchor=MSO_ANCHOR.MIDDLE)
        y += 3.0
    if board.emergency:
        _box(slide, LEFT, y, WIDTH, 1.3, [board.emergency], BODY_PT, bold=True)
    y += 1.5
    if board.codes:
        width = WIDTH / len(board.codes)
        for i, h in enumerate(board.codes):
            left = LEFT + i * width
            _box(slide, left, y, width, 1.3, [h.name], BODY_PT, bold=True, align=PP_ALIGN.CENTER)
            size = D.qr_image_cm(h.url, SLIDE_QR_CM)
            _picture(slide, D.qr_png(h.url), left + (width - size) / 2, y + 1.3, size,
                     f"QR-kode til {h.name}: {D.shown_url(h.url)}")
    elif board.adults:
        _box(slide, LEFT, y, WIDTH, 1.3, ["Du kan fortælle det til:"], BODY_PT, bold=True)
        _tiles(slide, board.adults, y + 1.6, SLIDE_H - y - 2.6)


def _content(prs, deck: SL.Deck, s: SL.Slide):
    slide = prs.slides.add_slide(_layout(prs, "Title Only"))
    _band_strip(slide, deck.band)
    _title(slide, s.title)
    top = TOP
    if s.label:
        _box(slide, LEFT, TOP - 0.6, WIDTH, 1.3, [s.label], LABEL_PT, colour=MUTED)
        top += 1.0
    if s.kind == "help" and s.help:
        _help(slide, s.help)
    elif s.big:
        size = BIG_PT if len(s.big) <= 90 else 36
        _box(slide, LEFT, top, WIDTH, SLIDE_H - top - 1.0, [s.big], size, bold=True, align=PP_ALIGN.CENTER,
             anchor=MSO_ANCHOR.MIDDLE)
    else:
        card = s.pictures[0] if s.kind == "case" and s.pictures else None
        width = WIDTH - 11.0 if card else WIDTH
        tiles = s.pictures if s.kind == "task" else ()
        height = SLIDE_H - top - (5.6 if tiles else 0.8)
        bulleted = s.kind in ("agreements", "questions", "closing", "exit", "facts")
        box = _box(slide, LEFT, top, width, height, s.lines, BODY_PT, bullets=bulleted, numbered=s.numbered)
        if s.kind == "task" and len(s.lines) > 1:  # the footer line: who works with whom, and for how long
            box.text_frame.paragraphs[-1].runs[0].font.bold = True
        if card:
            _picture_card(slide, card, LEFT + width + 0.6, top, 10.4)
        if tiles:
            _tiles(slide, tiles, SLIDE_H - 5.4, 5.0)
    return slide


def slide_deck(plan: LessonPlan, info: KitInfo | None = None) -> bytes:
    """The lesson as a .pptx deck: title, class agreements, every activity in timeline order, the help slide."""
    info = info or KitInfo()
    deck = SL.deck(plan, info.class_name, info.date)
    prs = Presentation(io.BytesIO(_base_bytes()))
    prs.core_properties.title = f"{deck.title} – {plan.band_label}"
    prs.core_properties.language = "da-DK"
    uses_pictures = False
    for s in deck.slides:
        slide = _title_slide(prs, deck, s) if s.kind == "title" else _content(prs, deck, s)
        uses_pictures |= bool(s.pictures) or bool(s.help and (s.help.adults or s.help.child_line))
        _notes(slide, s.notes)
        _danish(slide._element)
        _danish(slide.notes_slide._element)
    if uses_pictures:
        last = prs.slides[len(prs.slides) - 1]
        _box(last, LEFT, SLIDE_H - 1.4, WIDTH, 1.0, [pictures.CREDIT], 24, colour=MUTED)
        _danish(last._element)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
