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
from dataclasses import dataclass, field

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..content import models as m
from ..planning.lesson import LessonPlan
from ..planning.lesson.overview import bounded_pupils, card_count, card_name, groups_of, lesson_exercises, lesson_title
from . import docx_base as D
from . import pictures

PAGE_W = 21.0
USABLE_H = 29.62  # a sheet less the two 1-pt paragraphs a table needs around it: 2 × 14.81 cm, A6 cards
PAD = 0.8
GREY = RGBColor(0x59, 0x59, 0x59)
# Light enough that the grey caption has 4.5:1 on every card colour (WCAG 2.1 AA; the red was F4B6B6, 4.1:1).
FILLS = {"rød": "F8CACA", "gul": "FBE7A1", "grøn": "B9E3B5", "blå": "B8D4F0"}
BANDS = {"rød": "C0392B", "gul": "E0B000", "grøn": "2E8B57", "blå": "2F6DB5"}
COLOUR_WORDS = {"rød": "rødt", "gul": "gult", "grøn": "grønt", "blå": "blåt"}
LONG_CARD = 450
"""Characters above which an exercise's cards are printed four to a sheet instead of six."""


@dataclass
class Card:
    caption: str
    title: str = ""
    text: str = ""
    picture: list[str] = field(default_factory=list)
    colour: str | None = None
    big: bool = False
    """A word or two in large type (pupil cards), rather than a text to read."""
    subtext: str = ""
    """A pupil card's line under the words (»Det er okay«, or the one box of a slip where a pupil asks to talk)."""
    size: int | None = None
    """The type size, the same for all of an exercise's cards."""
    key: tuple[str, int | None] = ("", None)
    """Whose card it is: (exercise id, prop index or None for the cut-out cards)."""
    rows: int = 3
    """The grid the card belongs to: 2, 3 or 4 rows of two cards on an A4 sheet."""
    scene: bool = False
    """A picture talk's card: its title over one composed picture; the description is for the teacher to read."""


@dataclass
class Page:
    kind: str  # "cover", "cards", "sign", "sheet"
    key: tuple[str, int | None]
    """(exercise id, prop index or None for the cut-out cards): what the teacher plan refers to."""
    cards: list[Card] = field(default_factory=list)
    rows: int = 3
    face: m.Face | None = None
    prop: m.Prop | None = None
    exercise: m.Exercise | None = None
    copies: int = 1
    lines: list[list[Card]] = field(default_factory=list)
    """Rows of one or two cards, each as tall as its cards' grid says (shared sheets mix card sizes)."""
    sets: int = 1
    """How many sets of the cards one print of this sheet holds: a set's last few cards repeat to fill the sheet,
    so it is printed fewer times than the sheets before it."""

    @property
    def keys(self) -> list[tuple[str, int | None]]:
        """Every prop with a card or a sign on this page (a shared sheet holds several exercises' cards)."""
        keys = list(dict.fromkeys(c.key for line in self.lines for c in line))
        return keys if self.kind in ("cover", "cards") and keys else [self.key]

    def used(self) -> float:
        """The share of the sheet that cards fill (a sign or a sheet fills it)."""
        if self.kind not in ("cover", "cards"):
            return 1.0
        return sum(USABLE_H / c.rows * PAGE_W / 2 for line in self.lines for c in line) / (USABLE_H * PAGE_W)


@dataclass(frozen=True)
class Where:
    first: int
    last: int
    copies: int = 1

    def pages(self) -> str:
        return f"s. {self.first}" if self.first == self.last else f"s. {self.first}–{self.last}"


def short_title(title: str, limit: int = 48) -> str:
    """An exercise's name without its subtitle, cut at a word and marked when it is too long."""
    short = title.split(" – ")[0].split(". ")[0]
    if len(short) <= limit:
        return short
    return short[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"



def _per_sheet(rows: int) -> int:
    return rows * 2


MIN_CARD_PT = 14
"""A card held at arm's length keeps at least this size (above the handout's 13 pt body text); below it the exercise
gets larger cards. Special classes get at least 6 pt more."""
LEAST_USED = 1 / 3
"""No sheet of cards is printed with less than a third of it used."""
COVER_CM = 7.5
"""The contents at the top of the cover (heading, how to print, a short table) before its rows of cards."""


def _grids(e: m.Exercise, cards: list[Card], plan: LessonPlan) -> tuple[int, ...]:
    """The grids an exercise's cards may use, densest first: the youngest and pictures get A6, long cases too;
    a special class of older pupils gets six to a sheet only in very large type."""
    longest = max(len(c.title) + len(c.text) for c in cards)
    if plan.age_band == "indskoling" or longest > LONG_CARD or e.method == "billedsamtale":
        return (2,)
    least = MIN_CARD_PT + 6 if plan.band == "special" else MIN_CARD_PT
    dense = (3,) if plan.band == "special" else (4, 3)
    return tuple(r for r in dense if _common_size(cards, r) >= least) + (2,)


def layout(plan: LessonPlan, pupils: int | None = None) -> list[Page]:
    """The pages, cover first: each exercise's signs and the shared sheets of cut-out cards in the order of the
    lesson, then the pupil cards and the pupils' sheets."""
    pupils = bounded_pupils(pupils)
    young = plan.age_band == "indskoling" or plan.band == "special"
    pages: list[Page] = []
    later: list[Page] = []
    decks: dict[str, list[tuple[m.Exercise, list[Card], tuple[int, ...]]]] = {}
    for e in lesson_exercises(plan):
        short = short_title(e.title)
        for i, prop in enumerate(e.props):
            if prop.kind == "sign":
                for face in prop.faces:
                    pages.append(Page("sign", (e.id, i), face=face, prop=prop, exercise=e))
        cards = [Card(short, text=s, key=(e.id, None)) for s in e.card_statements]
        cards += [Card(short, title=c.title, text=c.text, picture=list(c.picture), key=(e.id, None),
                       scene=e.method == "billedsamtale") for c in e.cases]
        if cards:
            for n, c in enumerate(cards, 1):
                c.caption = f"{short} · {n}/{len(cards)}"
            if e.cards_per not in decks:  # a place in the lesson's order for the sheets this print run shares
                pages.append(Page("deck", (e.cards_per, None)))
            decks.setdefault(e.cards_per, []).append((e, cards, _grids(e, cards, plan)))
        for i, prop in enumerate(e.props):
            if prop.kind == "pupil_card":
                rows = 2 if young else 3  # the youngest hold A6 cards, like every card they get
                per = _per_sheet(rows)
                one = [Card(short, title="", text=f.text, picture=list(f.pictograms), colour=f.colour, big=True,
                            subtext=f.subtext, key=(e.id, i), rows=rows) for f in prop.faces]
                sets = max(1, per // len(one))
                holders = groups_of(pupils) if prop.per == "group" else pupils
                copies = math.ceil(holders / sets)
                cut = one * sets
                for k in range(0, len(cut), per):  # more faces than cells: every face still gets printed
                    chunk = cut[k:k + per]
                    later.append(Page("cards", (e.id, i), cards=chunk, rows=rows, exercise=e, prop=prop,
                                      copies=copies, lines=[chunk[j:j + 2] for j in range(0, len(chunk), 2)]))
            elif prop.kind == "sheet":
                copies = groups_of(pupils) if prop.per == "group" else pupils
                later.append(Page("sheet", (e.id, i), prop=prop, exercise=e, copies=copies))
    cover = Page("cover", ("", None))
    out = [cover]
    for page in pages:
        if page.kind != "deck":
            out.append(page)
            continue
        sheets = _deck_sheets(decks[page.key[0]])
        if page.key[0] != "class":
            _repeat_tail(sheets[-1])
        out += sheets
    out += later
    if len(out) == 1:
        return []
    _fill_cover(cover, out, [p_ for p_ in out if p_.kind == "cards" and p_.prop is None
                             and decks.get("class") and p_.keys[0] in {(e.id, None) for e, _, _ in decks["class"]}])
    return [p_ for p_ in out if p_.kind == "cover" or p_.lines or p_.kind != "cards"]


def _repeat_tail(page: Page) -> None:
    """Cards printed for every group or pair: a last sheet with a few cards holds them for several sets."""
    cards = [c for line in page.lines for c in line]
    sizes = {c.rows for c in cards}
    if len(sizes) != 1 or page.used() > 0.5:
        return
    cells = 2 * sizes.pop()
    page.sets = cells // len(cards)
    cards = cards * page.sets
    page.lines = [cards[j:j + 2] for j in range(0, len(cards), 2)]


def _fill_cover(cover: Page, pages: list[Page], class_sheets: list[Page]) -> None:
    """The class's cards (printed once, like the cover) fill the cover under the contents: the last sheet moves
    there whole when it fits, otherwise its last rows do, as long as that sheet stays a third used."""
    if not class_sheets:
        return
    rows = len({k for p_ in pages for k in p_.keys}) - 1
    room = USABLE_H - COVER_CM - 0.8 * rows
    last = class_sheets[-1]
    if _height(last.lines) <= room:
        cover.lines, last.lines = last.lines, []
        return
    while len(last.lines) > 1 and _height(cover.lines + last.lines[-1:]) <= room:
        rest = Page("cards", last.key, lines=last.lines[:-1])
        if rest.used() < 0.5:  # a sheet cut down to a third would look wasted beside a full cover
            break
        cover.lines.insert(0, last.lines.pop())


def _height(lines: list[list[Card]]) -> float:
    return sum(USABLE_H / line[0].rows for line in lines)


def _deck_sheets(deck: list[tuple[m.Exercise, list[Card], tuple[int, ...]]]) -> list[Page]:
    """Sheets for cards printed equally often: each exercise at the densest grid it allows, then larger grids for
    exercises on a sheet that would otherwise be less than a third used."""
    choice = [0] * len(deck)
    while True:
        sheets = _pack(deck, choice)
        low = next((s_ for s_ in sheets if s_.used() < LEAST_USED - 0.001), None)
        if low is None:
            return sheets
        on_low = {c.key for line in low.lines for c in line}
        grow = [i for i, (e, _, grids) in enumerate(deck) if (e.id, None) in on_low and choice[i] + 1 < len(grids)]
        grow = grow or [i for i, (_, _, grids) in enumerate(deck) if choice[i] + 1 < len(grids)]
        if not grow:
            return sheets
        choice[grow[-1]] += 1


def _pack(deck, choice: list[int]) -> list[Page]:
    """Cards of each size flow two to a row and fill whole sheets; the partly filled sheets of different sizes
    then share sheets where their rows fit together."""
    by_rows: dict[int, list[Card]] = {}
    for (e, cards, grids), k in zip(deck, choice, strict=False):
        rows = grids[k]
        size = _common_size(cards, rows)
        for c in cards:
            c.rows, c.size = rows, size
        by_rows.setdefault(rows, []).extend(cards)
    full: list[list[list[Card]]] = []
    tails: list[list[list[Card]]] = []
    for rows, cards in by_rows.items():
        lines = [cards[j:j + 2] for j in range(0, len(cards), 2)]
        for k in range(0, len(lines), rows):
            (full if len(lines[k:k + rows]) == rows else tails).append(lines[k:k + rows])
    shared: list[list[list[Card]]] = []
    for tail in sorted(tails, key=_height, reverse=True):
        room = next((s_ for s_ in shared if _height(s_) + _height(tail) <= USABLE_H + 0.01), None)
        if room is None:
            shared.append(list(tail))
        else:
            room.extend(tail)
    first = deck[0][0]
    return [Page("cards", (first.id, None), cards=[c for line in lines for c in line], exercise=first, lines=lines)
            for lines in full + shared]


def has_pages(plan: LessonPlan) -> bool:
    """Whether the lesson needs anything printed besides the handout (cheap: the app asks on every rerun)."""
    return any(card_count(e) or any(p.kind != "item" for p in e.props) for e in lesson_exercises(plan))


def where(plan: LessonPlan, pupils: int | None = None) -> dict[tuple[str, int | None], Where]:
    """Which pages of "Kort og skilte" hold each prop (the cover is page 1), and how many copies to print."""
    out: dict[tuple[str, int | None], Where] = {}
    for n, page in enumerate(layout(plan, pupils), 1):
        for key in page.keys if page.kind != "cover" or page.lines else []:
            w = out.get(key)
            out[key] = Where(w.first if w else n, n, page.copies)
    return out


# --- Writing the document ----------------------------------------------------------------------


def props_document(plan: LessonPlan, pupils: int | None = None) -> bytes | None:
    """The props as a Word document, or None when the lesson's exercises need nothing printed."""
    pages = layout(plan, pupils)
    if not pages:
        return None
    doc = D.new_document(f"Kort og skilte – {lesson_title(plan)}", page_numbers=False)
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
            _cover(doc, plan, pages, pupils)
            if page.lines:
                _cards(doc, page, n)
        elif page.kind == "sign":
            _sign(doc, page, n)
        elif page.kind == "sheet":
            _sheet(doc, page, n)
        else:
            _cards(doc, page, n)
    return D.to_bytes(doc)


def _cover(doc, plan: LessonPlan, pages: list[Page], pupils: int | None) -> None:
    t = doc.add_table(rows=1, cols=1)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    D.cell_margins(t, 1.6)
    D.set_widths(t, [PAGE_W])
    cell = t.rows[0].cells[0]
    _pad(cell, top=1.0, bottom=0.3)  # the cards below start close under the contents
    head = cell.paragraphs[0]
    D.set_style(head, cell, "Heading 1")
    D.add_text(head, "Kort og skilte")
    D.para(cell, f"{lesson_title(plan)} · {plan.band_label} · {plan.minutes} minutter")
    D.para(cell, "Print på A4 i 100 % (ikke »tilpas til siden«). Klip langs de stiplede linjer. Elevkort med farver "
                 "kan også printes i sort-hvid på farvet papir: farven står på kortet.")
    rows = []
    seen: dict[tuple, list[int]] = {}
    what_of: dict[tuple, Page] = {}
    for n, page in enumerate(pages, 1):
        for key in page.keys if page.kind != "cover" or page.lines else []:
            seen.setdefault(key, []).append(n)
            what_of.setdefault(key, page)
    exercises = {e.id: e for e in lesson_exercises(plan)}
    for key, nums in seen.items():
        page = what_of[key]
        e = exercises[key[0]]
        if page.kind == "sign":
            what = f"{len(nums)} {page.prop.label(len(nums))}"
        elif page.kind == "sheet":
            what = page.prop.title
        elif key[1] is not None:
            prop = e.props[key[1]]
            what = f"{prop.name} ({', '.join(f.text for f in prop.faces)})"
        else:
            what = f"{card_count(e)} {card_name(e)}"
        sheets = f"s. {nums[0]}" if nums[0] == nums[-1] else f"s. {nums[0]}–{nums[-1]}"
        copies = "1" if page.copies == 1 else f"{page.copies} gange"
        if key[1] is None and page.kind in ("cover", "cards") and e.cards_per != "class":
            sets = groups_of(bounded_pupils(pupils)) if e.cards_per == "group" else math.ceil(bounded_pupils(pupils) / 2)
            copies = f"{sets} gange ({'ét sæt pr. gruppe' if e.cards_per == 'group' else 'ét sæt pr. par'})"
            shared = [(n, p_) for n, p_ in enumerate(pages, 1) if p_.sets > 1 and key in p_.keys]
            copies += "".join(f"; s. {n} kun {math.ceil(sets / p_.sets)} gange" for n, p_ in shared)
        rows.append([short_title(e.title), what, sheets, copies])
    D.heading(cell, "Indhold", 2)
    D.table(cell, ["Øvelse", "Hvad", "Sider", "Print"], rows, widths=[5.2, 6.6, 2.2, 3.0])
    D.para(cell, pictures.CREDIT, style="Kilde")
    D.tiny_paragraph(doc.add_paragraph())


def _fit_size(text: str, width_cm: float, height_cm: float, sizes=(32, 28, 26, 24, 22, 20, 18, 16, 14, 13, 12, 11, 10),
              char_em: float = 0.52) -> int:
    """The largest point size at which `text` fits the box, with room to spare for word wrap. `char_em` is the
    average character width in ems (bold capitals are wider than running text)."""
    for pt in sizes:
        em = pt * 0.0353
        per_line = max(1, int(width_cm / (em * char_em)))
        lines = max(1, int(height_cm / (em * 1.25)))
        need = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        longest = max((len(w) for w in text.split()), default=0)
        if longest <= per_line and need <= (lines if lines <= 2 else lines * 0.85):
            return pt
    return sizes[-1]


def _caption(cell, text: str) -> None:
    p = cell.paragraphs[0]
    run = p.add_run(D.clean(text))
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    p.paragraph_format.space_after = Pt(4)


TEXT_W = PAGE_W / 2 - 2 * PAD


def _room(card: Card, rows: int) -> tuple[float, float]:
    """(picture size, height left for text) on a card of this grid, in cm."""
    height = USABLE_H / rows
    pic_cm = 0.0
    if card.picture:
        # Leave room for the spaces between pictures: a row that wraps would push the text off the card.
        pic_cm = min(3.2, 0.8 * (TEXT_W - 0.5 * len(card.picture)) / len(card.picture),
                     height * (0.45 if card.big else 0.32))
    return pic_cm, height - 2 * PAD - 0.6 - (pic_cm + 0.4 if pic_cm else 0) - (1.4 if card.subtext else 0)


def _card_text(card: Card) -> str:
    if card.scene:
        return card.title
    return (card.title + "\n" if card.title else "") + card.text


def _common_size(cards: list[Card], rows: int) -> int:
    """One type size for all of an exercise's cards: the largest at which the longest one fits."""
    return min(_fit_size(_card_text(c), TEXT_W, _room(c, rows)[1]) for c in cards)


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
        pic_cm, room_h = _room(card, card.rows)
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
                       size=_fit_size(card.text, text_w, room_h, sizes=(96, 72, 60, 48, 40, 36, 32, 28, 24, 20, 16),
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
        size = card.size or _fit_size(_card_text(card), text_w, room_h)
        if card.title:
            tp = cell.add_paragraph()
            D.add_text(tp, D.clean(card.title), bold=True, size=size + 1)
            tp.paragraph_format.space_after = Pt(3)
        D.add_text(cell.add_paragraph(), D.clean(card.text), size=size)
    D.tiny_paragraph(doc.add_paragraph())


def _sign(doc, page: Page, number: int) -> None:
    face = page.face
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
    r = cap.add_run(D.clean(f"s. {number} · {short_title(page.exercise.title)}"))
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
    out, line = [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > target + 2 and len(out) < lines - 1:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    out.append(line)
    return "\n".join(out)


def _sheet(doc, page: Page, number: int) -> None:
    prop, e = page.prop, page.exercise
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
