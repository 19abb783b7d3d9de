"""Right-to-left done right for a Word document written in Arabic (and later Farsi or Urdu).

Word and LibreOffice need to be told, not left to guess: every paragraph is right-to-left (w:bidi) and tables run
from the right (w:bidiVisual); a run with the script is right-to-left (w:rtl), in the language (w:lang w:bidi) and
in a font that has its glyphs (w:rFonts w:cs), with bold and size for complex script (w:bCs, w:szCs) matching its
Latin ones. Phone numbers, addresses and Latin names are left-to-right runs of their own (Word reads direction from
the run), each between left-to-right marks (LibreOffice reads it from the text), so '116 111' never reads '111 116'.
Marks, not isolates (LRI … PDI): LibreOffice draws isolates as text and breaks lines at them. The marks are made here,
after the text was cleaned of every bidi control a user could type (content.text.printable): only this code adds them.
"""

from __future__ import annotations

import copy
import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

RTL_SCRIPT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LTR_RUN = re.compile(r"[A-Za-z0-9À-ɏ§](?:[A-Za-z0-9À-ɏ§ .:/@_+\-–]*[A-Za-z0-9À-ɏ])?")
"""A stretch of Latin letters and digits with what stands between them in a number, an address or a name."""
LRM = "\u200e"
NBSP = "\u00a0"
_PPR_FIRST_AFTER = {qn(f"w:{t}") for t in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
    "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
    "autoSpaceDE", "autoSpaceDN")}
"""The children of w:pPr that come before w:bidi in the schema's order (Word refuses a file out of order)."""


def ltr_islands(text: str) -> list[tuple[str, bool]]:
    """The text in pieces, (piece, is_left_to_right): each Latin stretch its own piece between left-to-right marks,
    so the bidi algorithm reads its digits as left-to-right too ('7.b' never becomes 'b.7', '116 111' never
    '111 116')."""
    out, at = [], 0
    for m in _LTR_RUN.finditer(text):
        if m.start() > at:
            out.append((text[at:m.start()], False))
        island = re.sub(r"(?<=\d) (?=\d)", NBSP, m.group(0))  # a phone number is never split over two lines
        out.append((f"{LRM}{island}{LRM}", True))
        at = m.end()
    if at < len(text):
        out.append((text[at:], False))
    return out


def _child(parent, tag: str, first: bool = False):
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.insert(0, el) if first else parent.append(el)
    return el


def _bidi(p) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    if ppr.find(qn("w:bidi")) is not None:
        return
    at = max((i + 1 for i, child in enumerate(ppr) if child.tag in _PPR_FIRST_AFTER), default=0)
    ppr.insert(at, OxmlElement("w:bidi"))


def _split_run(r, lang_tag: str, font: str) -> None:
    """A run with the script becomes runs of one direction each: the script's pieces right-to-left, the Latin ones
    (numbers, addresses, names) left-to-right runs of their own, in the same formatting."""
    rpr = r.find(qn("w:rPr"))
    pieces: list[tuple[bool, object]] = []  # (left_to_right, text or a tab/break element)
    for child in list(r):
        if child is rpr:
            continue
        if child.tag == qn("w:t"):
            pieces += [(ltr, text) for text, ltr in ltr_islands(child.text or "")]
        else:
            pieces.append((pieces[-1][0] if pieces else False, child))
    groups: list[tuple[bool, list]] = []
    for ltr, item in pieces:
        if groups and groups[-1][0] == ltr:
            groups[-1][1].append(item)
        else:
            groups.append((ltr, [item]))
    at = r
    for ltr, items in groups:
        new = OxmlElement("w:r")
        if rpr is not None:
            new.append(copy.deepcopy(rpr))
        for item in items:
            if isinstance(item, str):
                t = OxmlElement("w:t")
                t.text = item
                t.set(qn("xml:space"), "preserve")
                new.append(t)
            else:
                new.append(item)
        if not ltr and any(RTL_SCRIPT.search(x) for x in items if isinstance(x, str)):
            _rtl_run(new, lang_tag, font)  # a name or an address on its own keeps its Latin font
        at.addnext(new)
        at = new
    r.getparent().remove(r)


def _rtl_run(r, lang_tag: str, font: str) -> None:
    rpr = r.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        r.insert(0, rpr)
    fonts = _child(rpr, "w:rFonts", first=True)
    fonts.set(qn("w:cs"), font)
    # rPr's children in schema order: rFonts, b, bCs, i, iCs, …, sz, szCs, …, rtl, …, lang.
    _twin_complex_script(rpr, (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs")))
    rtl = OxmlElement("w:rtl")
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.addprevious(rtl)
    else:
        rpr.append(rtl)
        lang = _child(rpr, "w:lang")
    lang.set(qn("w:bidi"), lang_tag)


def right_to_left(doc, lang_tag: str, font: str, keep_ltr: set | None = None) -> None:
    """Set the document's body right-to-left; paragraphs in `keep_ltr` (the Danish notice) stay left-to-right."""
    keep_ltr = keep_ltr or set()
    body = doc.element.body
    for tbl in body.iter(qn("w:tbl")):
        tblpr = tbl.find(qn("w:tblPr"))
        if tblpr is not None and tblpr.find(qn("w:bidiVisual")) is None:
            style = tblpr.find(qn("w:tblStyle"))  # w:bidiVisual comes right after the table's style
            if style is not None:
                style.addnext(OxmlElement("w:bidiVisual"))
            else:
                tblpr.insert(0, OxmlElement("w:bidiVisual"))
    for p in body.iter(qn("w:p")):
        if p in keep_ltr:
            continue
        _bidi(p)
        for r in list(p.iter(qn("w:r"))):
            if r.find(qn("w:t")) is not None:
                _split_run(r, lang_tag, font)
    _style_defaults(doc, lang_tag, font)


def _twin_complex_script(rpr, pairs) -> None:
    """Bold, italic and size for the complex script too (w:bCs beside w:b …): Arabic text reads the CS twins."""
    for tag, cs in pairs:
        el = rpr.find(qn(tag))
        if el is not None and rpr.find(qn(cs)) is None:
            twin = OxmlElement(cs)
            if el.get(qn("w:val")) is not None:
                twin.set(qn("w:val"), el.get(qn("w:val")))
            el.addnext(twin)


def _style_defaults(doc, lang_tag: str, font: str) -> None:
    """The script's font, language and sizes in every style too, so a heading in Arabic is as big as in Danish."""
    styles = doc.styles.element
    for rpr in styles.iter(qn("w:rPr")):
        _twin_complex_script(rpr, (("w:b", "w:bCs"), ("w:sz", "w:szCs")))
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    fonts = _child(rpr, "w:rFonts", first=True)
    fonts.set(qn("w:cs"), font)
    fonts.attrib.pop(qn("w:cstheme"), None)  # a theme font wins over a named one: Word would not use `font`
    _child(rpr, "w:lang").set(qn("w:bidi"), lang_tag)
