"""Builds lesson_templates/base.docx, the styled Word document every Klassekit document starts from.

A school can open base.docx in Word and restyle it – fonts, colours, margins, a logo in the header – without
touching code: the documents only use the named styles below. Run this script only to reset the base file:

    python lesson_templates/make_base.py
"""

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
FONT = "Calibri"  # LibreOffice substitutes the metric-compatible Carlito
INK = RGBColor(0x1F, 0x2A, 0x44)  # dark: prints well in black and white


def build(path: Path = HERE / "base.docx") -> Path:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Cm(2.0))
    sec.top_margin, sec.bottom_margin = Cm(1.8), Cm(1.8)

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    normal.paragraph_format.space_after = Pt(4)
    for level, size in ((1, 20), (2, 15), (3, 12.5)):
        st = styles[f"Heading {level}"]
        st.font.name, st.font.size, st.font.bold = FONT, Pt(size), True
        st.font.color.rgb = INK
        st.paragraph_format.space_before = Pt(12 if level > 1 else 0)
        st.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.font.name, title.font.size, title.font.color.rgb = FONT, Pt(26), INK

    def add(name: str, size: float, bold: bool = False, base: str = "Normal"):
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = styles[base]
        st.font.name, st.font.size, st.font.bold = FONT, Pt(size), bold
        return st

    add("Elevtekst", 13)
    add("Letlæst", 16).paragraph_format.space_after = Pt(10)
    # Easy-read headings are real headings (they inherit the outline level) and larger than the 16 pt body.
    add("Letlæst overskrift", 28, bold=True, base="Heading 1").paragraph_format.keep_with_next = True
    add("Letlæst underoverskrift", 20, bold=True, base="Heading 2").paragraph_format.keep_with_next = True
    add("Kort", 14).paragraph_format.space_after = Pt(2)
    add("Kilde", 11).font.italic = True
    add("Plakattekst", 20, bold=True)
    add("Plakatkontakt", 16)
    add("Kontakt", 13)
    add("Afkrydsning", 11)

    _prune_styles(doc)
    _prune_parts(doc)

    # Danish proofing language for every run that does not set its own.
    rpr = styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "da-DK")
    lang.set(qn("w:eastAsia"), "da-DK")

    props = doc.core_properties
    props.author = props.last_modified_by = props.comments = props.keywords = ""
    props.title = "Klassekit"
    props.language = "da-DK"
    doc.save(path)
    return path


KEEP = {"Normal", "Header", "Footer", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
        "List Paragraph", "Table Grid", "Normal Table", "Default Paragraph Font", "No List", "Elevtekst", "Letlæst",
        "Letlæst overskrift", "Letlæst underoverskrift", "Kort", "Kilde", "Plakattekst", "Plakatkontakt", "Kontakt",
        "Afkrydsning"}


def _prune_parts(doc) -> None:
    """Drop parts Word does not need: a 440 KB copy of the styles for Word 2010, a thumbnail and custom XML.
    Every generated document is written from this file, so what it carries is compressed again each time."""
    unused = ("stylesWithEffects", "customXml", "thumbnail")
    for rels in (doc.part.rels, doc.part.package.rels):
        for rid, rel in list(rels.items()):
            if any(u in rel.reltype for u in unused):
                del rels[rid]


def _prune_styles(doc) -> None:
    """Drop the ~140 styles the documents never use: python-docx scans every style on each style lookup, so a
    lean base file makes every document several times faster to build. Styles the kept ones depend on stay."""
    root = doc.styles.element
    by_id = {el.get(qn("w:styleId")): el for el in root.findall(qn("w:style"))}
    keep = {sid for sid, el in by_id.items() if el.find(qn("w:name")).get(qn("w:val")) in
            {k.lower() for k in KEEP} | KEEP}
    todo = list(keep)
    while todo:
        el = by_id[todo.pop()]
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = el.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) in by_id and ref.get(qn("w:val")) not in keep:
                keep.add(ref.get(qn("w:val")))
                todo.append(ref.get(qn("w:val")))
    for sid, el in by_id.items():
        if sid not in keep:
            root.remove(el)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)


if __name__ == "__main__":
    print(build())
