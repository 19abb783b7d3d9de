"""The slide deck (.pptx) for the smartboard: the lesson's slides (planning.lesson.slides) on the base layout in
lesson_templates/base.pptx, with pictograms, picture cards, QR codes to help and speaker notes.

Type is never below 28 pt on the board (titles 40 pt; a statement read aloud up to 48 pt); every picture has Danish
alt text, every text run is marked Danish. The slide text is pupil text; the teacher's words are in the notes.
"""

from __future__ import annotations

from typing import Any

import copy
import io
import re
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart

from ..planning.lesson import LessonPlan
from ..planning.lesson import slides as SL
from ..planning.lesson.kit_view import KitView, kit_view
from . import docx_base as D
from . import qr as QR
from . import pictures

BASE = Path(__file__).resolve().parents[2] / "lesson_templates" / "base.pptx"
SLIDE_W, SLIDE_H = 33.867, 19.05
LEFT, TOP, WIDTH = 1.5, 4.0, 30.8
BODY_PT, TITLE_PT, LABEL_PT, BIG_PT, NUMBER_PT = 28, 40, 28, 44, 80
EASY_PT = 36
"""Easy-read slides hold one idea each, in larger type."""
SLIDE_QR_CM = 6.0
"""The QR symbol on the board: large enough to scan from a pupil's desk."""
MUTED = "404040"
"""Grey for labels: 10:1 on white."""


@lru_cache(maxsize=1)
def _base_bytes() -> bytes:
    return BASE.read_bytes()


def _emu(cm: float) -> int:
    return int(round(cm * EMU_PER_CM))


def _run(text: str, size: float, bold: bool, colour: str | None) -> str:
    fill = f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>' if colour else ""
    b = ' b="1"' if bold else ""
    return f'<a:r><a:rPr lang="da-DK" sz="{int(size * 100)}"{b} dirty="0">{fill}</a:rPr><a:t>{escape(text)}</a:t></a:r>'


def _paragraphs(lines, size: float, bold: bool = False, align: str = "l", colour: str | None = None,
                bullets: bool = False, numbered: bool = False, space: int = 10) -> str:
    out = []
    bullet = (f'marL="{_emu(0.9)}" indent="{-_emu(0.9)}"', '<a:buChar char="•"/>') if bullets else \
        ('marL="0" indent="0"', "<a:buNone/>")
    for i, line in enumerate(lines):
        parts = [D.clean(x) for x in str(line).split("\n")]
        if numbered:
            parts[0] = f"{i + 1}. {parts[0]}"
        brk = f'<a:br><a:rPr lang="da-DK" sz="{int(size * 100)}"/></a:br>'
        runs = brk.join(_run(x, size, bold, colour) for x in parts)
        out.append(f'<a:p><a:pPr {bullet[0]} algn="{align}"><a:spcAft><a:spcPts val="{space * 100}"/></a:spcAft>'
                   f'{bullet[1]}</a:pPr>{runs}<a:endParaRPr lang="da-DK" sz="{int(size * 100)}"/></a:p>')
    return "".join(out)


class _Canvas:
    """One slide's shapes, written as DrawingML and added in one go: python-pptx's shape API rescans the slide for
    every shape it adds, which made a 50-slide deck take a second."""

    def __init__(self, builder: "_Builder", slide) -> None:
        self.builder, self.slide, self.next_id = builder, slide, 100
        self.xml: list[str] = []

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    @staticmethod
    def _xfrm(left, top, width, height) -> str:
        return (f'<a:xfrm><a:off x="{_emu(left)}" y="{_emu(top)}"/>'
                f'<a:ext cx="{_emu(width)}" cy="{_emu(height)}"/></a:xfrm>')

    def box(self, left, top, width, height, lines, size: float, anchor: str = "t", **kw) -> None:
        i = self._id()
        self.xml.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{i}" name="Tekst {i}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{self._xfrm(left, top, width, height)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="square" lIns="91440" tIns="45720" rIns="91440" '
            f'bIns="45720" anchor="{anchor}"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
            f'{_paragraphs(lines, size, **kw)}</p:txBody></p:sp>')

    def rect(self, left, top, width, height, name: str, descr: str, fill: str | None = None,
             line: str | None = None, geometry: str = "rect") -> None:
        i = self._id()
        fill_xml = f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else "<a:noFill/>"
        line_xml = (f'<a:ln w="19050"><a:solidFill><a:srgbClr val="{line}"/></a:solidFill></a:ln>' if line
                    else "<a:ln><a:noFill/></a:ln>")
        self.xml.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{i}" name={quoteattr(name)} descr={quoteattr(descr)}/><p:cNvSpPr/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr>{self._xfrm(left, top, width, height)}<a:prstGeom prst="{geometry}">'
            f'<a:avLst/></a:prstGeom>{fill_xml}{line_xml}</p:spPr></p:sp>')

    def picture(self, key: str, blob: bytes, left, top, size, alt: str) -> None:
        rid = self.slide.part.relate_to(self.builder.image_part(key, blob), RT.IMAGE)
        i = self._id()
        self.xml.append(
            f'<p:pic><p:nvPicPr><p:cNvPr id="{i}" name="Billede {i}" descr={quoteattr(alt)}/><p:cNvPicPr>'
            f'<a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill>'
            f'<a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>'
            f'{self._xfrm(left, top, size, size)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')

    def pictogram(self, pid: str, left, top, size) -> None:
        if pid in pictures.catalog():
            self.picture(f"pictogram:{pid}", pictures.png(pid), left, top, size, pictures.catalog()[pid])

    def draw(self) -> None:
        tree = etree.fromstring(f"<p:spTree {_NS}>{''.join(self.xml)}</p:spTree>")
        self.slide.shapes._spTree.extend(list(tree))


_NS = ('xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
EMU_PER_CM = 360000


class _Builder:
    """One deck's package bookkeeping. python-pptx walks every part of the package to name a new part, to find an
    image it already holds and to give each slide its notes page; here each image is added once, part numbers are
    counted on from the first scan, and every notes page is a copy of the first one."""

    def __init__(self, prs) -> None:
        self.prs, self.package = prs, prs.part.package
        self.images: dict[str, object] = {}
        self._scan = self.package.next_partname
        self._next: dict[str, int] = {}
        self.package.next_partname = self._next_partname  # this package only, for the time of one build
        self._notes_template = None
        self._slides: dict[str, Any] = {}
        self.big_size: dict[int | None, int] = {}
        """The type size of a statement read aloud, per activity: one size for all of an exercise's cards."""
        self.layouts = {x.name: x for x in prs.slide_layouts}

    def _next_partname(self, tmpl: str) -> PackURI:
        if tmpl not in self._next:
            found = re.search(r"(\d+)\.\w+$", self._scan(tmpl))
            self._next[tmpl] = int(found[1]) if found else 1
        n = self._next[tmpl]
        self._next[tmpl] = n + 1
        return PackURI(tmpl % n)

    def image_part(self, key: str, blob: bytes):
        if key not in self.images:
            image = Image.from_blob(blob)
            name = self._next_partname(f"/ppt/media/image%d.{image.ext}")
            self.images[key] = ImagePart(name, image.content_type, self.package, blob, image.filename)
        return self.images[key]

    def slide(self, layout_name: str):
        """A new slide on a layout: the first one python-pptx's way (placeholders cloned from the layout), the rest
        as copies of that empty first slide."""
        layout = self.layouts[layout_name]
        template = self._slides.get(layout_name)
        if template is None:
            slide = self.prs.slides.add_slide(layout)
            self._slides[layout_name] = copy.deepcopy(slide._element)
            return slide
        part = SlidePart(self._next_partname("/ppt/slides/slide%d.xml"), CT.PML_SLIDE, self.package,
                         copy.deepcopy(template))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        self.prs.slides._sldIdLst.add_sldId(self.prs.part.relate_to(part, RT.SLIDE))
        return part.slide

    def notes(self, slide, notes: tuple[tuple[str, str], ...]) -> None:
        if self._notes_template is None:
            element = slide.notes_slide._element  # the first one the slow, proper way: placeholders from the master
            self._notes_template = copy.deepcopy(element)
            self._master = slide.part.part_related_by(RT.NOTES_SLIDE).part_related_by(RT.NOTES_MASTER)
        else:
            element = copy.deepcopy(self._notes_template)
            part = NotesSlidePart(self._next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                                  self.package, element)
            part.relate_to(self._master, RT.NOTES_MASTER)
            part.relate_to(slide.part, RT.SLIDE)
            slide.part.relate_to(part, RT.NOTES_SLIDE)
        body = next(sp for sp in element.iter(qn("p:sp"))
                    if any(ph.get("type") == "body" for ph in sp.iter(qn("p:ph"))))
        tx = body.find(qn("p:txBody"))
        if tx is None:
            tx = etree.SubElement(body, qn("p:txBody"))
            etree.SubElement(tx, qn("a:bodyPr"))
            etree.SubElement(tx, qn("a:lstStyle"))
        for p in tx.findall(qn("a:p")):
            tx.remove(p)
        lines = [f"{head}: {text}" for head, text in notes if text]
        paragraphs = etree.fromstring(f"<a:x {_NS}>{_paragraphs(lines, 12, space=6)}</a:x>")
        tx.extend(list(paragraphs))


def _title(slide, text: str, size: int = TITLE_PT) -> None:
    """The layout's own title placeholder, so a school's restyled master sets its font and colour."""
    sp = next(sp for sp in slide.shapes._spTree.iter(qn("p:sp"))
              if any(ph.get("type") in ("title", "ctrTitle") for ph in sp.iter(qn("p:ph"))))
    _fill(sp, [text], size, bold=True)


def _fill(sp, lines, size: int, **kw) -> None:
    tx = sp.find(qn("p:txBody"))
    if tx is None:
        tx = etree.fromstring(f'<p:txBody {_NS}><a:bodyPr/><a:lstStyle/></p:txBody>')
        sp.append(tx)
    for p in tx.findall(qn("a:p")):
        tx.remove(p)
    body = tx.find(qn("a:bodyPr"))
    body.set("wrap", "square")
    tx.extend(list(etree.fromstring(f"<a:x {_NS}>{_paragraphs(lines, size, **kw)}</a:x>")))


def _tiles(c: _Canvas, pics: tuple[SL.Picture, ...], top: float, height: float) -> None:
    """Signs side by side (JA / NEJ / VED IKKE): pictograms over the sign's words, centred."""
    n = len(pics)
    if not n:
        return
    width = min(9.0, WIDTH / n)
    left0 = (SLIDE_W - width * n) / 2
    icon = min(3.2, height - 3.8)
    for i, pic in enumerate(pics):
        left = left0 + i * width
        k = max(1, len(pic.pictograms))
        size = min(icon, (width - 0.6) / k)
        x0 = left + (width - size * k) / 2
        for j, pid in enumerate(pic.pictograms):
            c.pictogram(pid, x0 + j * size, top, size)
        if pic.label:
            c.box(left, top + (size if pic.pictograms else 0) + 0.1, width, 1.5, [pic.label], BODY_PT, bold=True,
                  align="ctr")


def _picture_card(c: _Canvas, pic: SL.Picture, left: float, top: float, width: float) -> None:
    """A case's picture card: its pictograms in a square grid, like the printed card."""
    ids = [p for p in pic.pictograms if p in pictures.catalog()]
    if not ids:
        return
    cols = 2 if len(ids) > 1 else 1
    size = (width - 0.4) / cols
    c.rect(left, top, width, size * ((len(ids) + 1) // cols) + 0.4, "Billedkort",
           "Billedkort: " + ", ".join(pictures.catalog()[p] for p in ids), line=MUTED, geometry="roundRect")
    for i, pid in enumerate(ids):
        c.pictogram(pid, left + 0.2 + (i % cols) * size, top + 0.2 + (i // cols) * size, size)


def _help(c: _Canvas, board: SL.HelpBoard) -> None:
    """The child line's number very large on the first row, the emergency line under it, then the codes (or, for the
    youngest, whom to tell) across the slide."""
    y = TOP - 0.3
    line = board.child_line
    if line:
        c.pictogram(line.pictogram, LEFT, y + 0.3, 2.6)
        c.box(LEFT + 2.9, y - 0.3, 11.5, 3.0, [line.phone], NUMBER_PT, bold=True, anchor="ctr")
        c.box(LEFT + 14.6, y, WIDTH - 14.6, 2.6, [f"{line.name}: {line.text}"], BODY_PT, anchor="ctr")
        y += 3.0
    if board.emergency:
        c.box(LEFT, y, WIDTH, 1.3, [board.emergency], BODY_PT, bold=True)
    y += 1.5
    if board.codes:
        width = WIDTH / len(board.codes)
        for i, h in enumerate(board.codes):
            left = LEFT + i * width
            c.box(left, y, width, 1.3, [h.name], BODY_PT, bold=True, align="ctr")
            size = QR.qr_image_cm(h.url, SLIDE_QR_CM)
            c.picture(f"qr:{h.url}", QR.qr_png(h.url), left + (width - size) / 2, y + 1.3, size,
                      f"QR-kode til {h.name}: {QR.shown_url(h.url)}")
    elif board.adults:
        c.box(LEFT, y, WIDTH, 1.3, ["Du kan fortælle det til:"], BODY_PT, bold=True)
        _tiles(c, board.adults, y + 1.6, SLIDE_H - y - 2.6)


def _title_slide(b: _Builder, deck: SL.Deck, s: SL.Slide) -> _Canvas:
    slide = b.slide("Title Slide")
    _title(slide, deck.title, 48)
    sub = next((sp for sp in slide.shapes._spTree.iter(qn("p:sp"))
                if any(ph.get("idx") == "1" for ph in sp.iter(qn("p:ph")))), None)
    if sub is not None:
        _fill(sub, s.lines, 32, colour=MUTED)
    return _Canvas(b, slide)


def _content(b: _Builder, deck: SL.Deck, s: SL.Slide) -> _Canvas:
    slide = b.slide("Title Only")
    c = _Canvas(b, slide)
    # A thin band of the band's colour along the top: decoration only, never the only carrier of meaning.
    c.rect(0, 0, SLIDE_W, 0.35, "Båndfarve", "", fill=D.BAND_COLOURS.get(deck.band, "404040"))
    _title(slide, s.title)
    top = TOP
    if s.label:
        c.box(LEFT, TOP - 0.6, WIDTH, 1.3, [s.label], LABEL_PT, colour=MUTED)
        top += 1.0
    if s.kind == "help" and s.help:
        _help(c, s.help)
    elif s.big:
        size = b.big_size.get(s.activity, BIG_PT)
        c.box(LEFT, top, WIDTH, SLIDE_H - top - 1.0, [s.big], size, bold=True, align="ctr", anchor="ctr")
    elif s.kind == "case" and s.pictures and s.pictures[0].scene:
        pic = s.pictures[0]
        side = SLIDE_H - top - 0.5
        c.picture("scene:" + "+".join(pic.pictograms), pictures.scene_png(pic.pictograms), (SLIDE_W - side) / 2, top,
                  side, f"Billede: {pic.scene}")
    else:
        card = s.pictures[0] if s.kind == "case" and s.pictures else None
        width = WIDTH - 11.0 if card else WIDTH
        tiles = s.pictures if s.kind in ("task", "closing") else ()
        height = SLIDE_H - top - (5.6 if tiles else 0.8)
        body = EASY_PT if deck.easy and s.kind in ("questions", "closing", "facts", "exit") else BODY_PT
        if s.kind == "task":
            # The pupils' task, in bold who works with whom and for how long, then the signs they choose between,
            # with room for labels of three lines.
            c.box(LEFT, top, width, 6.0, s.lines[:-1], BODY_PT)
            c.box(LEFT, top + 6.1, width, 1.4, s.lines[-1:], BODY_PT, bold=True)
            if tiles:
                _tiles(c, tiles, top + 7.8, SLIDE_H - top - 8.2)
        else:
            c.box(LEFT, top, width, height, s.lines, body, bullets=s.bulleted, numbered=s.numbered)
            if tiles:
                _tiles(c, tiles, SLIDE_H - 5.4, 5.0)
        if card:
            _picture_card(c, card, LEFT + width + 0.6, top, 10.4)
    return c


def slide_deck(plan: LessonPlan, class_name: str = "", date: str = "") -> bytes:
    """The lesson as a .pptx deck: title, class agreements, every activity in timeline order, the help slide.
    `class_name` and `date` are the teacher's (cleaned by KitInfo)."""
    return deck_of(kit_view(plan), class_name, date)


def deck_of(view: KitView, class_name: str | None = None, date: str | None = None) -> bytes:
    """The kit's deck, titled with the class's name and date unless others are given."""
    names = (view.info.class_name if class_name is None else class_name, view.info.date if date is None else date)
    deck = view.slides(*(D.clean(x, 120) for x in names))
    return render_deck(deck, f"{deck.title} – {view.plan.band_label}")


def render_deck(deck: SL.Deck, title: str) -> bytes:
    """Any deck made as slide data (a lesson's, a parent meeting's) as a .pptx on the base layout."""
    prs = Presentation(io.BytesIO(_base_bytes()))
    b = _Builder(prs)
    # One type size for all the cards of an exercise: 44 pt, or 36 pt when one of them is long.
    longest: dict = {}
    for s in deck.slides:
        if s.big:
            longest[s.activity] = max(longest.get(s.activity, 0), len(s.big))
    b.big_size = {a: BIG_PT if n <= 90 else 36 for a, n in longest.items()}
    prs.core_properties.title = title
    prs.core_properties.language = "da-DK"
    canvases = []
    for s in deck.slides:
        c = _title_slide(b, deck, s) if s.kind == "title" else _content(b, deck, s)
        b.notes(c.slide, s.notes)
        canvases.append(c)
    if any(s.pictures or s.help for s in deck.slides):
        canvases[-1].box(LEFT, SLIDE_H - 1.4, WIDTH, 1.0, [pictures.CREDIT], 24, colour=MUTED)
    for c in canvases:
        c.draw()
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
