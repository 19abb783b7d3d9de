"""Table cells on paper: their colour (and ink that reads on it), borders that print as cut lines, padding and
vertical alignment. Plain Word XML, shared by every document."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..content import bands

BAND_COLOURS = {band: colour.lstrip("#") for band, colour in bands.BAND_COLOURS.items()}
"""The bands' one palette (content/bands.py) as Word writes colours: hex without '#'."""


def shade(cell, fill: str) -> None:
    """A background colour for a table cell (hex, e.g. 'FFF4CC')."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a colour such as '2E8B57'."""
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
           for c in (int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ink_on(fill: str) -> str:
    """Black or white text, whichever reads better on a coloured background (WCAG contrast): white on dark red or
    blue, black on yellow or a light green."""
    lum = luminance(fill)
    return "FFFFFF" if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else "000000"


def borders(table_or_cell, val: str = "dashed", size: int = 6, color: str = "808080",
            sides: tuple[str, ...] = ("top", "left", "bottom", "right", "insideH", "insideV")) -> None:
    """Borders for a table (all sides and inner lines) or a cell; 'dashed' prints as a cut line."""
    el = table_or_cell._tbl if hasattr(table_or_cell, "_tbl") else table_or_cell._tc
    props = el.tblPr if hasattr(table_or_cell, "_tbl") else el.get_or_add_tcPr()
    tag = "w:tblBorders" if hasattr(table_or_cell, "_tbl") else "w:tcBorders"
    old = props.find(qn(tag))
    if old is not None:
        props.remove(old)
    box_el = OxmlElement(tag)
    for side in sides:
        if tag == "w:tcBorders" and side.startswith("inside"):
            continue
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), val)
        b.set(qn("w:sz"), str(size))
        b.set(qn("w:space"), "0")
        b.set(qn("w:color"), color)
        box_el.append(b)
    props.append(box_el)


def cell_margins(table, cm: float) -> None:
    """Inner padding of every cell, so text never touches a cut line."""
    tblpr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(cm * 567)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)


def middle(cell) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), "center")
    tcpr.append(v)
