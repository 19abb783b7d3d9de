"""Make lesson_templates/base.pptx: the layout every slide deck is built on.

A school can restyle the deck by editing base.pptx in PowerPoint or Impress (theme colours, fonts, background, logo on
the master); the engine only picks the layouts "Title Slide", "Title and Content" and "Title Only" and fills their
placeholders. This script makes the shipped version from python-pptx's own template:

- 16:9 (33.867 × 19.05 cm), every master and layout placeholder stretched to the new width;
- titles 40 pt bold, left aligned; body text 28 pt on every level, so nothing on the board is small;
- Danish as the language of all text; dark text on white (the theme's own colours, contrast above 15:1);
- only the four layouts the engine uses, so a school sees what it can restyle.

Run: .venv/bin/python lesson_templates/make_base_pptx.py
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Cm, Emu

OUT = Path(__file__).with_name("base.pptx")
KEEP = {"Title Slide", "Title and Content", "Title Only", "Blank"}
WIDTH, HEIGHT = Cm(33.867), Cm(19.05)


def _levels(style, size_pt: int, bold: bool = False) -> None:
    for level in range(1, 10):
        ppr = style.find(qn(f"a:lvl{level}pPr"))
        if ppr is None:
            continue
        rpr = ppr.find(qn("a:defRPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, qn("a:defRPr"))
        rpr.set("sz", str(size_pt * 100))
        rpr.set("lang", "da-DK")
        if bold:
            rpr.set("b", "1")


def _place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(int(left)), Emu(int(top)), Emu(int(width)), Emu(int(height))


def main() -> None:
    prs = Presentation()
    old_w = prs.slide_width
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    scale = WIDTH / old_w

    # Only the layouts the engine uses: drop the others from the master's list and the package.
    master = prs.slide_master
    id_list = master._element.find(qn("p:sldLayoutIdLst"))
    for layout in list(master.slide_layouts):
        if layout.name not in KEEP:
            for entry in id_list:
                if master.part.related_part(entry.get(qn("r:id"))) is layout.part:
                    master.part.drop_rel(entry.get(qn("r:id")))
                    id_list.remove(entry)
                    break

    for owner in [master, *master.slide_layouts]:
        for ph in owner.placeholders:
            name = ph.name.lower()
            if name.startswith("title") and owner is not master.slide_layouts[0]:
                _place(ph, Cm(1.2), Cm(0.6), Cm(31.4), Cm(2.8))
            elif ph.placeholder_format.idx == 1 and owner is not master.slide_layouts[0]:
                _place(ph, Cm(1.5), Cm(4.0), Cm(30.8), Cm(14.0))
            elif owner is master or ph._element.spPr.find(qn("a:xfrm")) is not None:
                # A layout placeholder without its own position inherits the master's, already stretched.
                _place(ph, ph.left * scale, ph.top, ph.width * scale, ph.height)

    styles = master._element.find(qn("p:txStyles"))
    _levels(styles.find(qn("p:titleStyle")), 40, bold=True)
    styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr")).set("algn", "l")
    _levels(styles.find(qn("p:bodyStyle")), 28)
    _levels(styles.find(qn("p:otherStyle")), 28)
    for rpr in prs.part._element.iter(qn("a:defRPr")):
        rpr.set("lang", "da-DK")

    prs.core_properties.title = "Klassekit – lektion"
    prs.core_properties.language = "da-DK"
    prs.core_properties.author = "Klassekit"
    prs.save(OUT)
    print(f"{OUT}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
