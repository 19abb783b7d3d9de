"""Shared building blocks for every Word document: the styled base file, clean text, QR codes, page numbers.

Layout lives in lesson_templates/base.docx (named styles); this module only fills content into it.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache
from pathlib import Path

import qrcode
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from qrcode.constants import ERROR_CORRECT_M

from ..content.text import printable

BASE_DOCX = Path(__file__).resolve().parents[2] / "lesson_templates" / "base.docx"
QR_SIZE = Cm(3.0)  # at least 2.5 cm so a phone camera reads it from paper
MAX_FIELD = 200



def clean(text: str | None, limit: int | None = None) -> str:
    """Text safe for a Word document: no characters XML cannot hold, optionally cut to `limit` characters."""
    text = printable(text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


@lru_cache(maxsize=1)
def _base_bytes() -> bytes:
    return BASE_DOCX.read_bytes()


def new_document(title: str, header: str = "") -> DocxDocument:
    """A fresh document from the base file: A4, Danish, page numbers, neutral properties."""
    doc = Document(io.BytesIO(_base_bytes()))
    props = doc.core_properties
    props.title = clean(title, MAX_FIELD)
    props.author = props.last_modified_by = props.comments = props.keywords = props.subject = ""
    props.language = "da-DK"
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
    sec = doc.sections[0]
    if header:
        hp = sec.header.paragraphs[0]
        hp.text = clean(header, MAX_FIELD)
        hp.style = doc.styles["Header"]
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.add_run("Side ")
    _field(fp, "PAGE")
    fp.add_run(" af ")
    _field(fp, "NUMPAGES")
    return doc


def _field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.extend([begin, instr, sep, shown, end])


def columns(section, count: int, space_cm: float = 0.8) -> None:
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), str(int(space_cm * 567)))


def to_bytes(doc: DocxDocument) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# --- Text helpers ---------------------------------------------------------------------------


def heading(doc, text: str, level: int = 1):
    return doc.add_heading(clean(text), level=level)


def para(doc_or_cell, text: str = "", style: str | None = None, bold_prefix: str = ""):
    p = doc_or_cell.add_paragraph(style=style)
    if bold_prefix:
        p.add_run(clean(bold_prefix)).bold = True
    if text:
        p.add_run(clean(text))
    return p


def bullets(doc, items, style: str = "List Bullet"):
    for item in items:
        doc.add_paragraph(clean(item), style=style)


def numbered(doc, items):
    """Numbers written into the text: Word's automatic numbering would continue across lists."""
    for i, item in enumerate(items, 1):
        p = doc.add_paragraph(style="List Paragraph")
        p.paragraph_format.left_indent = Cm(0.6)
        p.paragraph_format.first_line_indent = Cm(-0.6)
        p.add_run(f"{i}.\t{clean(item)}")


def checklist(doc, items, style: str = "Afkrydsning"):
    for item in items:
        doc.add_paragraph(f"☐  {clean(item)}", style=style)


def table(doc, header: list[str], rows: list[list[str]], widths: list[float] | None = None):
    t = doc.add_table(rows=1, cols=len(header), style="Table Grid")
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(t.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(clean(text)).bold = True
    _repeat_header(t.rows[0])
    for row in rows:
        new = t.add_row()
        keep_row_together(new)
        for cell, text in zip(new.cells, row):
            cell.text = clean(str(text))
    if widths:
        set_widths(t, widths)
    return t


def shade(cell, fill: str) -> None:
    """A background colour for a table cell (hex, e.g. 'FFF4CC')."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def box(doc, title: str, lines: list[str], fill: str = "FFF4CC", style: str | None = None):
    """A shaded one-cell frame with a bold title: for what must not be missed on a page."""
    t = doc.add_table(rows=1, cols=1, style="Table Grid")
    keep_row_together(t.rows[0])
    cell = t.rows[0].cells[0]
    shade(cell, fill)
    first = cell.paragraphs[0]
    first.add_run(clean(title)).bold = True
    first.paragraph_format.keep_with_next = True
    for line in lines:
        p = cell.add_paragraph(clean(line), style=style)
        p.paragraph_format.keep_with_next = True
    return t


def set_widths(t, widths_cm: list[float]) -> None:
    """Word reads the cell widths, LibreOffice the grid: set both, and stop autofit from undoing them."""
    t.autofit = False
    for col, w in zip(t.columns, widths_cm):
        col.width = Cm(w)
    for row in t.rows:
        for cell, w in zip(row.cells, widths_cm):
            cell.width = Cm(w)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def keep_row_together(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    trpr.append(el)


# --- QR codes ---------------------------------------------------------------------------


@lru_cache(maxsize=256)
def qr_png(url: str) -> bytes:
    """One PNG per URL for the whole process: medium error correction and the standard 4-module quiet zone."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=10, border=4)
    qr.add_data(url)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buf, format="PNG")
    return buf.getvalue()


def add_qr(paragraph, url: str, label: str, size=QR_SIZE):
    """Insert the QR code for `url` with alt text that says where it leads."""
    shape = paragraph.add_run().add_picture(io.BytesIO(qr_png(url)), width=size)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", clean(f"QR-kode til {label}: {url}"))
    doc_pr.set("title", clean(f"QR-kode til {label}"))
    return shape


def contact_lines(h, with_status: bool = False, compact: bool = False) -> list[str]:
    """The ways to reach a helpline, printed beside its QR code for pupils without a phone."""
    lines = []
    if h.phone:
        verb = "Ring eller sms" if h.sms == h.phone else "Ring"
        lines.append(f"{verb} {h.phone}" + (f" – {h.phone_label}" if h.phone_label else ""))
    if compact:
        if h.url:
            lines.append(("Chat: " if h.chat else "") + h.url.removeprefix("https://").rstrip("/"))
        return lines
    if h.sms and h.sms != h.phone:
        lines.append(f"SMS {h.sms}")
    if h.chat:
        lines.append("Chat på hjemmesiden" if h.url else "Chat")
    if h.email:
        lines.append(f"Mail {h.email}")
    if h.url:
        lines.append(h.url.removeprefix("https://").rstrip("/"))
    if h.opening_hours:
        lines.append(h.opening_hours)
    if with_status and h.status != "confirmed":
        lines.append("OBS: fra kommunens pjece, ikke bekræftet – tjek før brug")
    return lines


def helpline_table(doc, helplines, text_style: str = "Kontakt", with_status: bool = False, qr=QR_SIZE,
                   name_size: float | None = None, compact: bool = False):
    """Two columns: QR code (when the URL leads to the service itself) and name, purpose and contact details."""
    t = doc.add_table(rows=0, cols=2)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for h in helplines:
        row = t.add_row()
        keep_row_together(row)
        left, right = row.cells
        lp = left.paragraphs[0]
        lp.paragraph_format.space_before = Pt(6)
        if h.url and h.url_kind != "info":  # an information page is printed as an address, never scanned
            add_qr(lp, h.url, h.name, size=qr)
        rp = right.paragraphs[0]
        rp.style = doc.styles[text_style]
        rp.paragraph_format.space_before = Pt(6)
        run = rp.add_run(clean(h.name))
        run.bold = True
        if name_size:
            run.font.size = Pt(name_size)
        right.add_paragraph(clean(h.purpose), style=text_style)
        for line in contact_lines(h, with_status, compact):
            right.add_paragraph(clean(line), style=text_style).runs[0].bold = line.startswith("Ring")
    qr_cm = qr / Cm(1)
    set_widths(t, [qr_cm + 0.6, 17.0 - qr_cm - 0.6])
    return t
