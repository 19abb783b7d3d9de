"""The wall poster: one short line, the number a child needs in very large type, up to three QR codes."""

from __future__ import annotations

from typing import Literal

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from ..planning.lesson import LessonPlan
from ..planning.lesson.kit_view import TRUSTED_ADULTS, KitView, kit_view
from . import docx_base as D
from . import pictures
from . import qr as QR

POSTER_QR_CM = 4.0
PosterSize = Literal["A4", "A3"]


def poster(plan: LessonPlan, size: PosterSize = "A4") -> bytes:
    """A wall poster: one short line, the number a child needs in very large type, up to three QR codes."""
    return poster_of(kit_view(plan), size)


def poster_of(view: KitView, size: PosterSize | None = None) -> bytes:
    """The kit's poster, at the size the class chose unless `size` says otherwise."""
    plan = view.plan
    k = 1.0 if (size or view.info.poster) == "A4" else 2 ** 0.5
    simple = view.simple
    doc = D.new_document("Plakat – Her kan du få hjælp", page_numbers=False)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0 * k), Cm(29.7 * k)
    sec.top_margin = sec.bottom_margin = Cm(1.2 * k)
    sec.left_margin = sec.right_margin = Cm(1.5 * k)
    width = (21.0 - 3.0) * k

    band = doc.add_table(rows=1, cols=1)
    band.alignment = WD_TABLE_ALIGNMENT.CENTER
    D.set_widths(band, [width])
    D.row_height(band.rows[0], 1.6 * k)
    D.shade(band.rows[0].cells[0], D.BAND_COLOURS[plan.band])
    D.middle(band.rows[0].cells[0])
    lab = band.rows[0].cells[0].paragraphs[0]
    lab.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = lab.add_run(plan.band_label.split(" · ")[0])
    r.font.size, r.font.bold, r.font.color.rgb = Pt(20 * k), True, RGBColor(0xFF, 0xFF, 0xFF)

    title = D.add_p(doc, "", "Heading 1")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(16 * k)
    title.paragraph_format.space_after = Pt(4 * k)
    first = title.add_run("Sig det til en voksen,")
    first.add_break()
    title.add_run("du stoler på")
    for run in title.runs:
        run.font.size = Pt(44 * k)

    line = view.child_line
    codes = view.scan_codes
    if line:
        icon = doc.add_paragraph()
        icon.alignment = WD_ALIGN_PARAGRAPH.CENTER
        icon.paragraph_format.space_before = Pt(6 * k)
        icon.paragraph_format.space_after = Pt(0)
        for pid in ("voksen-og-barn", line.pictogram or "telefon"):
            pictures.add(icon, pid, (2.0 if codes else 4.2) * k)
            icon.add_run("   ")
        num = doc.add_paragraph()
        num.alignment = WD_ALIGN_PARAGRAPH.CENTER
        num.paragraph_format.space_after = Pt(0)
        rn = num.add_run(line.phone)
        rn.font.size, rn.font.bold = Pt((90 if codes else 120) * k), True
        rn.font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
        sub = doc.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        rs = sub.add_run(f"{line.name}: {view.child_line_ways}")
        rs.font.size = Pt(24 * k)
    if not simple:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(10 * k)
        h = view.emergency
        if h:
            rr = p.add_run(f"Er nogen i fare lige nu? Ring {h.phone}.")
            rr.font.size, rr.font.bold = Pt(22 * k), True

    if codes:
        _codes(doc, codes, width, k)
    else:  # the youngest: who they can tell, in pictures, instead of codes to scan
        _adults(doc, width, k)
    credit = doc.add_paragraph()
    credit.alignment = WD_ALIGN_PARAGRAPH.CENTER
    credit.paragraph_format.space_before = Pt(10 * k)
    rc = credit.add_run(pictures.CREDIT)
    rc.font.size = Pt(7)
    rc.font.color.rgb = RGBColor(0x70, 0x70, 0x70)
    return D.to_bytes(doc)


def _adults(doc, width: float, k: float) -> None:
    """Whom a young child can tell, each adult as a picture with its name."""
    t = doc.add_table(rows=1, cols=len(TRUSTED_ADULTS))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    D.set_widths(t, [width / len(TRUSTED_ADULTS)] * len(TRUSTED_ADULTS))
    for cell, (pid, label) in zip(t.rows[0].cells, TRUSTED_ADULTS, strict=False):
        pp = cell.paragraphs[0]
        pp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pp.paragraph_format.space_before = Pt(24 * k)
        pictures.add(pp, pid, 3.6 * k)
        lp = cell.add_paragraph()
        lp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        rl = lp.add_run(label)
        rl.font.size, rl.font.bold = Pt(24 * k), True


def _codes(doc, codes: list, width: float, k: float) -> None:
    """The codes to scan side by side, each under its service's name and over its address."""
    t = doc.add_table(rows=1, cols=len(codes))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    D.set_widths(t, [width / len(codes)] * len(codes))
    for cell, h in zip(t.rows[0].cells, codes, strict=False):
        head = cell.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        head.paragraph_format.space_before = Pt(10 * k)
        if h.pictogram:
            pictures.add(head, h.pictogram, 1.2 * k)
            head.add_run(" ")
        rh = head.add_run(h.name)
        rh.font.size, rh.font.bold = Pt((20 if len(codes) < 3 else 18) * k), True
        qp = cell.add_paragraph()
        qp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        QR.add_qr(qp, h.url or "", h.name, symbol_cm=POSTER_QR_CM * k)  # codes are only made for addresses
        ap = cell.add_paragraph()
        ap.alignment = WD_ALIGN_PARAGRAPH.CENTER
        D.add_text(ap, QR.shown_url(h.url or ""), size=12 * k)
        if h.correction:  # the page behind the code advises against the sheet: say what to do instead
            cp = cell.add_paragraph()
            cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            D.add_text(cp, D.clean(h.correction), size=(11 if len(codes) < 3 else 9.5) * k, bold=True)
