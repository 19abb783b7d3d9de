"""Shared building blocks for every Word document: the styled base file, clean text, tables, pictures, page numbers.

Layout lives in lesson_templates/base.docx (named styles); this module only fills content into it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shape import InlineShape
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import SubElement

from ..content.text import cut, printable
from .cells import BAND_COLOURS, borders, cell_margins, ink_on, middle, shade  # noqa: F401 - callers name them as D.…

BASE_DOCX = Path(__file__).resolve().parents[2] / "lesson_templates" / "base.docx"
"""A colour per band on posters and slides: the school can tell them apart at a glance (never the only cue)."""
MAX_FIELD = 200
_W = {tag: qn(f"w:{tag}") for tag in ("p", "pPr", "pStyle", "r", "rPr", "b", "i", "color", "sz", "t", "tab", "br",
                                       "sectPr", "val", "tcW", "w", "type", "cnfStyle")}
_XML_SPACE = qn("xml:space")
_BREAKS = re.compile(r"(\t|\n)")
_QUOTED = re.compile(r'[“"„]([^"“”„\n]{1,300})[”"“]')



def clean(text: str | None, limit: int | None = None) -> str:
    """Text safe for a Word document: no characters XML cannot hold, optionally cut to `limit` characters."""
    text = printable(text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _QUOTED.sub(r"»\1«", text)  # one style of quotation marks on paper: »…«
    return cut(text, limit) if limit is not None else text


@lru_cache(maxsize=1)
def _base_bytes() -> bytes:
    return BASE_DOCX.read_bytes()


def new_document(title: str, header: str = "", page_numbers: bool = True) -> DocxDocument:
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
    if not page_numbers:
        return doc
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

def style(container, name: str | None):
    """A style object by name, looked up once per document (the cache lives on the document's part, which every
    paragraph and cell of the document shares)."""
    if name is None or not isinstance(name, str):
        return name
    part = container.part
    cache = part.__dict__.setdefault("_klassekit_styles", {})
    if name not in cache:
        cache[name] = part.document.styles[name]
    return cache[name]


def style_id(doc_or_part, name: str) -> str:
    return style(doc_or_part, name).style_id


def add_p(container, text: str = "", style_name: str | None = None):
    """A paragraph with a named style, set by id: python-docx's own style setter scans every style of the
    document on each call, which was most of a kit's build time."""
    p = _new_paragraph(container)
    if style_name:
        _put_style(p._p, style_id(container, style_name))
    if text:
        add_text(p, text)
    return p


def _put_style(p_el, sid: str) -> None:
    """w:pStyle is always the first child of w:pPr: put it there without python-docx's sibling search."""
    ppr = p_el.find(_W["pPr"])
    if ppr is None:
        ppr = p_el.makeelement(_W["pPr"], {})
        p_el.insert(0, ppr)
    old = ppr.find(_W["pStyle"])
    if old is not None:
        ppr.remove(old)
    ps = ppr.makeelement(_W["pStyle"], {_W["val"]: sid})
    ppr.insert(0, ps)


def _new_paragraph(container) -> Paragraph:
    """A paragraph at the end of a document or cell. python-docx looks for the section properties from the first
    child on every insert, so a long document cost time in the square of its length; the section properties are
    always the body's last child."""
    if not isinstance(container, DocxDocument):
        return container.add_paragraph()
    body = container.element.body
    el = body.makeelement(_W["p"], {})
    last = body[-1] if len(body) else None
    if last is not None and last.tag == _W["sectPr"]:
        last.addprevious(el)
    else:
        body.append(el)
    return Paragraph(el, container._body)


def add_text(paragraph, text: str, bold: bool = False, size: float | None = None, italic: bool = False,
             color: str | None = None) -> Run:
    """A run of text with its formatting written straight into the XML: python-docx adds text one character at a
    time and searches a list of 40 possible siblings for each property it sets, which made long documents slow."""
    r = SubElement(paragraph._p, _W["r"])
    if bold or italic or size or color:
        rpr = SubElement(r, _W["rPr"])
        if bold:
            SubElement(rpr, _W["b"])
        if italic:
            SubElement(rpr, _W["i"])
        if color:
            SubElement(rpr, _W["color"], {_W["val"]: color})
        if size:
            SubElement(rpr, _W["sz"], {_W["val"]: str(int(round(size * 2)))})
    for i, part in enumerate(_BREAKS.split(text)):
        if i % 2:  # a tab or a line break, as Word writes them
            SubElement(r, _W["tab"] if part == "\t" else _W["br"])
        elif part:
            t = SubElement(r, _W["t"])
            t.text = part
            if part != part.strip():
                t.set(_XML_SPACE, "preserve")
    return Run(r, paragraph)


def set_style(paragraph, container, style_name: str) -> None:
    _put_style(paragraph._p, style_id(container, style_name))


def add_table(container, rows: int, cols: int, style_name: str | None = None):
    t = container.add_table(rows, cols)
    if style_name:
        t._tbl.tblPr.style = style_id(container, style_name)
    return t


def heading(doc, text: str, level: int = 1):
    return add_p(doc, clean(text), "Title" if level == 0 else f"Heading {level}")


def para(doc_or_cell, text: str = "", style_name: str | None = None, bold_prefix: str = "", **kw):
    style_name = kw.pop("style", style_name)
    p = add_p(doc_or_cell, "", style_name)
    if bold_prefix:
        add_text(p, clean(bold_prefix), bold=True)
        if not text:  # a label such as "Sådan gør du:" never stays alone at the foot of a page
            p.paragraph_format.keep_with_next = True
    if text:
        add_text(p, clean(text))
    return p


def bullets(doc, items, style_name: str = "List Bullet"):
    for i, item in enumerate(items):
        p = add_p(doc, clean(item), style_name)
        if i < 1 and len(items) > 2:  # a list never starts with a lone line at the foot of a page
            p.paragraph_format.keep_with_next = True


def list_in_columns(doc, items: list[str], n_cols: int = 2, style_name: str | None = None,
                    size: float | None = None, prefix: str = "", width_cm: float = 17.0):
    """A list set in side-by-side columns (a table without borders): a long list that keeps a page to one sheet."""
    per = -(-len(items) // n_cols)
    t = doc.add_table(rows=1, cols=n_cols)
    for k, cell in enumerate(t.rows[0].cells):
        for i, item in enumerate(items[k * per:(k + 1) * per]):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            if style_name:
                set_style(p, cell, style_name)
            p.paragraph_format.space_after = Pt(1)
            add_text(p, prefix + clean(item), size=size)
    set_widths(t, [width_cm / n_cols] * n_cols)
    return t


def numbered(doc, items):
    """Numbers written into the text: Word's automatic numbering would continue across lists."""
    for i, item in enumerate(items, 1):
        p = add_p(doc, "", "List Paragraph")
        p.paragraph_format.left_indent = Cm(0.6)
        p.paragraph_format.first_line_indent = Cm(-0.6)
        if i < 3 and len(items) > 3:  # a heading keeps at least three steps with it
            p.paragraph_format.keep_with_next = True
        add_text(p, f"{i}.\t{clean(item)}")


def checklist(doc, items, style_name: str = "Afkrydsning"):
    for item in items:
        add_p(doc, f"☐  {clean(item)}", style_name)


def table(doc, header: list[str], rows: list[list[str]], widths: list[float] | None = None):
    t = add_table(doc, 1, len(header), "Table Grid")
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(t.rows[0].cells, header, strict=False):
        cell.text = ""
        add_text(cell.paragraphs[0], clean(text), bold=True)
    _repeat_header(t.rows[0])
    _body_rows(t, rows, len(header))
    if widths:
        set_widths(t, widths)
    return t


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _cell_xml(text: str) -> str:
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{xml_escape(part)}</w:t>' for part in text.split("\n"))
    return f"<w:tc><w:tcPr/><w:p><w:r>{runs}</w:r></w:p></w:tc>"


def _body_rows(t, rows: list[list[str]], cols: int) -> None:
    """A table's rows written as XML in one parse: python-docx's add_row copies and re-reads the table for every row,
    which made a year plan of 600 rows take a second. Rows are kept together on a page."""
    if not rows:
        return
    body = "".join('<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>'
                   + "".join(_cell_xml(clean(str(x))) for x in (list(row) + [""] * cols)[:cols]) + "</w:tr>"
                   for row in rows)
    t._tbl.extend(list(parse_xml(f"<w:tbl {_W_NS}>{body}</w:tbl>")))


def box(doc, title: str, lines: list[str], fill: str = "FFF4CC", text_style: str | None = None):
    """A shaded one-cell frame with a bold title: for what must not be missed on a page."""
    t = add_table(doc, 1, 1, "Table Grid")
    keep_row_together(t.rows[0])
    cell = t.rows[0].cells[0]
    shade(cell, fill)
    first = cell.paragraphs[0]
    add_text(first, clean(title), bold=True)
    first.paragraph_format.keep_with_next = True
    for line in lines:
        p = add_p(cell, clean(line), text_style)
        p.paragraph_format.keep_with_next = True
    return t


def set_widths(t, widths_cm: list[float]) -> None:
    """Word reads the cell widths, LibreOffice the grid: set both, and stop autofit from undoing them."""
    t.autofit = False
    for col, w in zip(t.columns, widths_cm, strict=False):
        col.width = Cm(w)
    twips = [str(int(w * 567)) for w in widths_cm]
    for tr in t._tbl.tr_lst:
        for tc, tw in zip(tr.tc_lst, twips, strict=False):
            tcpr = tc.get_or_add_tcPr()
            tcw = tcpr.find(_W["tcW"])
            if tcw is None:
                tcw = tcpr.makeelement(_W["tcW"], {})
                first = tcpr[0] if len(tcpr) else None
                # tcW follows only cnfStyle in the schema's order
                if first is not None and first.tag == _W["cnfStyle"]:
                    first.addnext(tcw)
                else:
                    tcpr.insert(0, tcw)
            tcw.set(_W["w"], tw)
            tcw.set(_W["type"], "dxa")


def _row_property(row, tag: str, **values: str) -> None:
    el = OxmlElement(tag)
    for name, value in values.items():
        el.set(qn(f"w:{name}"), value)
    row._tr.get_or_add_trPr().append(el)


def _repeat_header(row) -> None:
    _row_property(row, "w:tblHeader", val="true")


def keep_row_together(row) -> None:
    _row_property(row, "w:cantSplit", val="true")


# --- Pictures ---------------------------------------------------------------------------


def add_image(paragraph, key: str, blob: bytes, width):
    """A picture in a run. python-docx reads and hashes the image and searches the whole document for a free id on
    every insert; here each image is read once per document and the ids are counted, which keeps a long document
    with many QR codes and pictograms fast."""
    part = paragraph.part
    cache = part.__dict__.setdefault("_klassekit_images", {})
    if key not in cache:
        cache[key] = part.get_or_add_image(io.BytesIO(blob))
    rid, image = cache[key]
    ids = part.__dict__.setdefault("_klassekit_ids", [part.next_id])
    shape_id = ids[0]
    ids[0] += 1
    cx, cy = image.scaled_dimensions(width, None)
    inline = CT_Inline.new_pic_inline(shape_id, rid, image.filename, cx, cy)
    paragraph.add_run()._r.add_drawing(inline)
    return InlineShape(inline)


# --- Cards, signs and cut lines ---------------------------------------------------------------


def row_height(row, cm: float) -> None:
    """An exact row height: cards of one size, whatever their text."""
    _row_property(row, "w:trHeight", val=str(int(cm * 567)), hRule="exact")


def tiny_paragraph(paragraph) -> None:
    """A paragraph that takes almost no room: the one Word needs after a table that fills a page."""
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    for run in paragraph.runs:
        run.font.size = Pt(1)
    rpr = paragraph._p.get_or_add_pPr()
    mark = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "2")
    mark.append(sz)
    rpr.append(mark)
