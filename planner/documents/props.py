""""Kort og skilte": every prop the lesson's exercises need, ready to print, cut and hang.

The layout is decided before anything is written (`layout`), so the teacher plan can say on which pages each
prop is ("4 hjørneskilte (kort og skilte s. 2–5)"). An exercise's cards are one size – A6 (4 to a sheet) for the
youngest and for pictures, otherwise the smallest of A6, 6 or 8 to a sheet at which the text stays large – with
dashed cut lines. Cards that are printed the same number of times share sheets, so paper is only partly used on
one sheet per card size, and the last half-empty sheet moves onto the cover under the contents. Signs fill a
sheet; pupil cards repeat so one sheet serves several pupils; sheets have a name line unless they are anonymous.
"""

from __future__ import annotations

import math

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..planning.lesson import LessonPlan
from ..planning.lesson.kit_view import KitView
from . import docx_base as D
from . import pictures
from .props_layout import (BANDS, COLOUR_WORDS, FILLS, GREY, PAD, PAGE_W, TEXT_W, USABLE_H, Card, Page,  # noqa: F401
                           Where, view_of, card_text, fit_size, has_pages, layout, room_for, short_title, where)

# --- Writing the document ----------------------------------------------------------------------


def props_document(plan: LessonPlan | KitView, pupils: int | None = None) -> bytes | None:
    """The props as a Word document, or None when the lesson's exercises need nothing printed."""
    view = view_of(plan, pupils)
    pages = layout(view)
    if not pages:
        return None
    doc = D.new_document(f"Kort og skilte – {view.title}", page_numbers=False)
    sec = doc.sections[0]
    # No margins: cards are cut to the edge of the sheet; the cover's text is indented as far as a margin would.
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin", "header_distance",
                 "footer_distance"):
        setattr(sec, side, Cm(0))
    for n, page in enumerate(pages, 1):
        if n > 1:
            br = doc.add_paragraph()
            br.add_run().add_break(WD_BREAK.PAGE)
            D.tiny_paragraph(br)
        if page.kind == "cover":
            _cover(doc, view, pages)
            if page.lines:
                _cards(doc, page, n)
        elif page.kind == "sign":
            _sign(doc, page, n)
        elif page.kind == "sheet":
            _sheet(doc, page, n)
        else:
            _cards(doc, page, n)
    return D.to_bytes(doc)


def _cover(doc, view: KitView, pages: list[Page]) -> None:
    plan = view.plan
    t = doc.add_table(rows=1, cols=1)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    D.cell_margins(t, 1.6)
    D.set_widths(t, [PAGE_W])
    cell = t.rows[0].cells[0]
    _pad(cell, top=1.0, bottom=0.3)  # the cards below start close under the contents
    head = cell.paragraphs[0]
    D.set_style(head, cell, "Heading 1")
    D.add_text(head, "Kort og skilte")
    D.para(cell, f"{view.title} · {plan.band_label} · {plan.minutes} minutter")
    D.para(cell, "Print på A4 i 100 % (ikke »tilpas til siden«). Klip langs de stiplede linjer. Elevkort med farver "
                 "kan også printes i sort-hvid på farvet papir: farven står på kortet.")
    rows = []
    seen: dict[tuple, list[int]] = {}
    what_of: dict[tuple, Page] = {}
    for n, page in enumerate(pages, 1):
        for key in page.keys if page.kind != "cover" or page.lines else []:
            seen.setdefault(key, []).append(n)
            what_of.setdefault(key, page)
    exercises = {e.id: e for e in view.exercises}
    for key, nums in seen.items():
        page = what_of[key]
        e = exercises[key[0]]
        if page.kind == "sign":
            what = f"{len(nums)} {page.parts()[0].label(len(nums))}"
        elif page.kind == "sheet":
            what = page.parts()[0].title
        elif key[1] is not None:
            prop = e.props[key[1]]
            what = f"{prop.name} ({', '.join(f.text for f in prop.faces)})"
        else:
            count, name = view.cards[e.id]
            what = f"{count} {name}"
        sheets = f"s. {nums[0]}" if nums[0] == nums[-1] else f"s. {nums[0]}–{nums[-1]}"
        copies = "1" if page.copies == 1 else f"{page.copies} gange"
        if key[1] is None and page.kind in ("cover", "cards") and e.cards_per != "class":
            sets = view.groups if e.cards_per == "group" else math.ceil(view.pupils / 2)
            copies = f"{sets} gange ({'ét sæt pr. gruppe' if e.cards_per == 'group' else 'ét sæt pr. par'})"
            shared = [(n, p_) for n, p_ in enumerate(pages, 1) if p_.sets > 1 and key in p_.keys]
            copies += "".join(f"; s. {n} kun {math.ceil(sets / p_.sets)} gange" for n, p_ in shared)
        rows.append([short_title(e.title), what, sheets, copies])
    D.heading(cell, "Indhold", 2)
    D.table(cell, ["Øvelse", "Hvad", "Sider", "Print"], rows, widths=[5.2, 6.6, 2.2, 3.0])
    D.para(cell, pictures.CREDIT, style="Kilde")
    D.tiny_paragraph(doc.add_paragraph())


def _caption(cell, text: str) -> None:
    p = cell.paragraphs[0]
    run = p.add_run(D.clean(text))
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    p.paragraph_format.space_after = Pt(4)


def _cards(doc, page: Page, number: int) -> None:
    t = doc.add_table(rows=len(page.lines), cols=2)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    D.borders(t, "dashed", size=8, sides=("top", "insideH", "insideV") if page.kind == "cover"
              else ("insideH", "insideV"))
    D.cell_margins(t, PAD)
    D.set_widths(t, [PAGE_W / 2, PAGE_W / 2])
    for row, line in zip(t.rows, page.lines, strict=False):
        D.row_height(row, USABLE_H / line[0].rows)
        D.keep_row_together(row)
    text_w = TEXT_W
    placed = [(cell, card) for row, line in zip(t.rows, page.lines, strict=False) for cell, card in zip(row.cells, line, strict=False)]
    for cell, card in placed:
        # A coloured card says its colour in words too: the colour never carries the meaning alone.
        colour_word = f" · {COLOUR_WORDS[card.colour]} kort" if card.colour and not card.big else ""
        _caption(cell, f"s. {number} · {card.caption}{colour_word}")
        if card.colour:
            D.shade(cell, FILLS[card.colour])
        if card.scene:  # the title, then the picture as wide as the card: nothing to read but a name
            tp = cell.add_paragraph()
            tp.paragraph_format.space_after = Pt(6)
            D.add_text(tp, D.clean(card.title), bold=True, size=min(card.size or 20, 20))
            sp = cell.add_paragraph()
            sp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pictures.add_scene(sp, card.picture, text_w, f"Billede: {D.clean(card.text)}")
            continue
        pic_cm, room_h = room_for(card, card.rows)
        if card.picture:
            pp = cell.add_paragraph()
            pp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for pid in card.picture:
                pictures.add(pp, pid, pic_cm)
                pp.add_run(" ")
        if card.big:
            p = cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            D.add_text(p, D.clean(card.text), bold=True,
                       size=fit_size(card.text, text_w, room_h, sizes=(96, 72, 60, 48, 40, 36, 32, 28, 24, 20, 16),
                                     char_em=0.72))
            if card.subtext:
                sp = cell.add_paragraph()
                sp.alignment = WD_ALIGN_PARAGRAPH.CENTER
                sp.paragraph_format.space_before = Pt(8)
                D.add_text(sp, D.clean(card.subtext), size=14)
            if card.colour:
                note = cell.add_paragraph()
                note.alignment = WD_ALIGN_PARAGRAPH.CENTER
                r = note.add_run(f"{COLOUR_WORDS[card.colour]} kort")
                r.font.size = Pt(11)
                r.font.color.rgb = GREY
            D.middle(cell)
            continue
        size = card.size or fit_size(card_text(card), text_w, room_h)
        if card.title:
            tp = cell.add_paragraph()
            D.add_text(tp, D.clean(card.title), bold=True, size=size + 1)
            tp.paragraph_format.space_after = Pt(3)
        D.add_text(cell.add_paragraph(), D.clean(card.text), size=size)
    D.tiny_paragraph(doc.add_paragraph())


def _sign(doc, page: Page, number: int) -> None:
    face, (_, exercise) = page.face, page.parts()
    if face is None:
        raise ValueError("a sign page without its face")
    t = doc.add_table(rows=2, cols=1)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    D.cell_margins(t, 1.2)
    D.set_widths(t, [PAGE_W])
    band, body = t.rows[0], t.rows[1]
    D.row_height(band, 2.4)
    D.row_height(body, USABLE_H - 2.4)
    fill = BANDS.get(face.colour or "", "1F2A44")
    D.shade(band.cells[0], fill)
    # The table's 1.2 cm padding would leave a 2.4 cm band no room for its line: the band has its own.
    _pad(band.cells[0], top=0.7, bottom=0.3)
    cap = band.cells[0].paragraphs[0]
    r = cap.add_run(D.clean(f"s. {number} · {short_title(exercise.title)}"))
    r.font.size = Pt(11)
    r.font.color.rgb = RGBColor.from_string(D.ink_on(fill))  # 4.5:1 on every band colour, yellow and green too
    cell = body.cells[0]
    D.middle(cell)
    first = cell.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if face.pictograms:
        size = min(9.0, 16.0 / len(face.pictograms))
        for pid in face.pictograms:
            pictures.add(first, pid, size)
            first.add_run("  ")
    p = cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(18)
    longest = max((len(w) for w in face.text.split()), default=1)
    size = max(40, min(110, int(18.0 / (longest * 0.55 * 0.0353)), int(40 * 18 / max(1, len(face.text)))))
    D.add_text(p, _balanced(D.clean(face.text), per_line=int(18.0 / (size * 0.0353 * 0.55))), bold=True, size=size)
    if face.subtext:
        sp = cell.add_paragraph()
        sp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        sp.paragraph_format.space_before = Pt(12)
        sp.add_run(D.clean(face.subtext)).font.size = Pt(26)
    D.tiny_paragraph(doc.add_paragraph())


def _pad(cell, top: float, bottom: float) -> None:
    """Top and bottom padding of one cell, in cm (the table's own stays on the sides)."""
    tcpr = cell._tc.get_or_add_tcPr()
    mar = OxmlElement("w:tcMar")
    for side, cm in (("top", top), ("bottom", bottom)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(cm * 567)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tcpr.append(mar)


def _balanced(text: str, per_line: int) -> str:
    """Break a sign's words into lines of even length, so no word is left alone on the last line."""
    words = text.split()
    if len(text) <= per_line or len(words) < 2:
        return text
    lines = max(2, -(-len(text) // per_line))
    target = len(text) / lines
    out: list[str] = []
    line = ""
    for w in words:
        if line and len(line) + 1 + len(w) > target + 2 and len(out) < lines - 1:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    out.append(line)
    return "\n".join(out)


def _sheet(doc, page: Page, number: int) -> None:
    prop, e = page.parts()
    t = doc.add_table(rows=1, cols=1)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    D.cell_margins(t, 1.6)
    D.set_widths(t, [PAGE_W])
    D.row_height(t.rows[0], USABLE_H)
    cell = t.rows[0].cells[0]
    _caption(cell, f"s. {number} · {short_title(e.title)}")
    h = D.add_p(cell, D.clean(prop.title), "Heading 1")
    h.paragraph_format.space_after = Pt(6)
    if prop.anonymous:  # a question box: a name line would tell the pupil the opposite of what the teacher says
        D.para(cell, "Du skriver ikke dit navn. Arket er anonymt.", bold_prefix="Uden navn: ").paragraph_format \
            .space_after = Pt(14)
    else:
        who = "Holdets navn" if prop.per == "group" else "Mit navn"
        D.para(cell, "_" * 40, bold_prefix=f"{who}: ").paragraph_format.space_after = Pt(14)
    items = e.card_statements or [""] * 5
    size = 14 if len(items) <= 8 else 12
    for n, text in enumerate(items, 1):
        p = cell.add_paragraph()
        p.paragraph_format.space_after = Pt(8)
        p.paragraph_format.keep_together = True
        D.add_text(p, f"{n}. " + (D.clean(text) if text else "_" * 45), size=size)
        if prop.options:
            o = cell.add_paragraph()
            o.paragraph_format.left_indent = Cm(0.6)
            o.paragraph_format.space_after = Pt(10)
            D.add_text(o, "      ".join(f"☐ {D.clean(x)}" for x in prop.options), size=size)
        elif text:
            cell.add_paragraph("_" * 60).paragraph_format.space_after = Pt(10)
    if prop.write_lines:
        w = cell.add_paragraph()
        w.paragraph_format.space_before = Pt(12)
        w.paragraph_format.keep_with_next = True
        D.add_text(w, D.clean(prop.write_label or "Skriv her") + ":", bold=True, size=size)
        for _ in range(prop.write_lines):
            line = cell.add_paragraph()
            line.paragraph_format.space_before = Pt(14)
            D.add_text(line, "_" * 52, size=size)
    if prop.help_request:
        # One box of its own, set apart below the statements: a tick can only mean »yes, I want to talk«.
        p = cell.add_paragraph()
        p.paragraph_format.space_before = Pt(16)
        p.paragraph_format.keep_together = True
        D.add_text(p, f"☐ {D.clean(prop.help_request)}", bold=True, size=size)
    D.tiny_paragraph(doc.add_paragraph())
