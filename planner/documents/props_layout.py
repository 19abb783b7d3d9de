"""Kort og skilte, laid out: which cards, signs and sheets an exercise needs, how many to a sheet, and on which
page each lands – the plan the teacher plan's materials list points into. props.py writes the document."""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field

from docx.shared import RGBColor

from ..content import models as m
from ..planning.lesson import LessonPlan
from ..planning.lesson.details import KitInfo
from ..planning.lesson.kit_view import KitView, kit_view

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

    def parts(self) -> tuple[m.Prop, m.Exercise]:
        """A sign's or a sheet's prop and exercise, which such a page always has."""
        if self.prop is None or self.exercise is None:
            raise ValueError(f"a {self.kind} page without its prop")
        return self.prop, self.exercise

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
    if plan.age_band == "indskoling" or longest > LONG_CARD or e.picture_talk:
        return (2,)
    least = MIN_CARD_PT + 6 if plan.band == "special" else MIN_CARD_PT
    dense = (3,) if plan.band == "special" else (4, 3)
    return tuple(r for r in dense if _common_size(cards, r) >= least) + (2,)


def layout(plan: LessonPlan | KitView, pupils: int | None = None) -> list[Page]:
    """The pages, cover first: each exercise's signs and the shared sheets of cut-out cards in the order of the
    lesson, then the pupil cards and the pupils' sheets. A kit's view is laid out once, however often it is asked
    (the teacher plan points into the pages the document prints)."""
    view = view_of(plan, pupils)
    if view not in _LAID_OUT:
        _LAID_OUT[view] = _layout(view)
    return _LAID_OUT[view]


_LAID_OUT: weakref.WeakKeyDictionary[KitView, list[Page]] = weakref.WeakKeyDictionary()


def view_of(plan: LessonPlan | KitView, pupils: int | None = None) -> KitView:
    """A kit's view as it is, or a plan's for `pupils` (a full class when not given)."""
    return plan if isinstance(plan, KitView) else kit_view(plan, KitInfo(), pupils)


Deck = list[tuple[m.Exercise, list[Card], tuple[int, ...]]]
"""Exercises whose cut-out cards are printed equally often, with their cards and the grids they may use."""


def _layout(view: KitView) -> list[Page]:
    pages: list[Page] = []
    later: list[Page] = []
    decks: dict[str, Deck] = {}
    for e in view.exercises:
        pages += _signs(e)
        cards = _cut_cards(e)
        if cards:
            if e.cards_per not in decks:  # a place in the lesson's order for the sheets this print run shares
                pages.append(Page("deck", (e.cards_per, None)))
            decks.setdefault(e.cards_per, []).append((e, cards, _grids(e, cards, view.plan)))
        later += _handed_out(e, view)
    cover = Page("cover", ("", None))
    out = [cover]
    for page in pages:
        out += _deck_of(page, decks) if page.kind == "deck" else [page]
    out += later
    if len(out) == 1:
        return []
    ours = {(e.id, None) for e, _, _ in decks.get("class", [])}
    _fill_cover(cover, out, [p_ for p_ in out if p_.kind == "cards" and p_.prop is None and p_.keys[0] in ours])
    return [p_ for p_ in out if p_.kind == "cover" or p_.lines or p_.kind != "cards"]


def _signs(e: m.Exercise) -> list[Page]:
    """A page for each face of the exercise's signs."""
    return [Page("sign", (e.id, i), face=face, prop=prop, exercise=e)
            for i, prop in enumerate(e.props) if prop.kind == "sign" for face in prop.faces]


def _cut_cards(e: m.Exercise) -> list[Card]:
    """The exercise's statements and cases as cards, each captioned with its number."""
    short = short_title(e.title)
    cards = [Card(short, text=s, key=(e.id, None)) for s in e.card_statements]
    cards += [Card(short, title=c.title, text=c.text, picture=list(c.picture), key=(e.id, None),
                   scene=e.picture_talk) for c in e.cases]
    for n, c in enumerate(cards, 1):
        c.caption = f"{short} · {n}/{len(cards)}"
    return cards


def _deck_of(place: Page, decks: dict[str, Deck]) -> list[Page]:
    """The shared sheets of the cards printed as often as the placeholder says."""
    sheets = _deck_sheets(decks[place.key[0]])
    if place.key[0] != "class":
        _repeat_tail(sheets[-1])
    return sheets


def _handed_out(e: m.Exercise, view: KitView) -> list[Page]:
    """The pupil cards and the sheets an exercise hands to groups or pupils."""
    out: list[Page] = []
    for i, prop in enumerate(e.props):
        if prop.kind == "pupil_card":
            out += _pupil_cards(e, i, prop, view)
        elif prop.kind == "sheet":
            copies = view.groups if prop.per == "group" else view.pupils
            out.append(Page("sheet", (e.id, i), prop=prop, exercise=e, copies=copies))
    return out


def _pupil_cards(e: m.Exercise, i: int, prop: m.Prop, view: KitView) -> list[Page]:
    """Pupil cards repeated to fill a sheet, so one print serves several pupils or groups."""
    rows = 2 if view.plan.age_band == "indskoling" or view.plan.band == "special" else 3  # the youngest hold A6
    per = _per_sheet(rows)
    short = short_title(e.title)
    one = [Card(short, title="", text=f.text, picture=list(f.pictograms), colour=f.colour, big=True,
                subtext=f.subtext, key=(e.id, i), rows=rows) for f in prop.faces]
    sets = max(1, per // len(one))
    holders = view.groups if prop.per == "group" else view.pupils
    copies = math.ceil(holders / sets)
    cut = one * sets
    out = []
    for k in range(0, len(cut), per):  # more faces than cells: every face still gets printed
        chunk = cut[k:k + per]
        out.append(Page("cards", (e.id, i), cards=chunk, rows=rows, exercise=e, prop=prop,
                        copies=copies, lines=[chunk[j:j + 2] for j in range(0, len(chunk), 2)]))
    return out


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


def _deck_sheets(deck: Deck) -> list[Page]:
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
    for (_, cards, grids), k in zip(deck, choice, strict=False):
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


def has_pages(plan: LessonPlan | KitView) -> bool:
    """Whether the lesson needs anything printed besides the handout (cheap: the app asks on every rerun)."""
    view = view_of(plan)
    return any(view.cards[e.id][0] or any(p.kind != "item" for p in e.props) for e in view.exercises)


def where(plan: LessonPlan | KitView, pupils: int | None = None) -> dict[tuple[str, int | None], Where]:
    """Which pages of "Kort og skilte" hold each prop (the cover is page 1), and how many copies to print."""
    out: dict[tuple[str, int | None], Where] = {}
    for n, page in enumerate(layout(plan, pupils), 1):
        for key in page.keys if page.kind != "cover" or page.lines else []:
            w = out.get(key)
            out[key] = Where(w.first if w else n, n, page.copies)
    return out


def fit_size(text: str, width_cm: float, height_cm: float, sizes=(32, 28, 26, 24, 22, 20, 18, 16, 14, 13, 12, 11, 10),
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


TEXT_W = PAGE_W / 2 - 2 * PAD


def room_for(card: Card, rows: int) -> tuple[float, float]:
    """(picture size, height left for text) on a card of this grid, in cm."""
    height = USABLE_H / rows
    pic_cm = 0.0
    if card.picture:
        # Leave room for the spaces between pictures: a row that wraps would push the text off the card.
        pic_cm = min(3.2, 0.8 * (TEXT_W - 0.5 * len(card.picture)) / len(card.picture),
                     height * (0.45 if card.big else 0.32))
    return pic_cm, height - 2 * PAD - 0.6 - (pic_cm + 0.4 if pic_cm else 0) - (1.4 if card.subtext else 0)


def card_text(card: Card) -> str:
    if card.scene:
        return card.title
    return (card.title + "\n" if card.title else "") + card.text


def _common_size(cards: list[Card], rows: int) -> int:
    """One type size for all of an exercise's cards: the largest at which the longest one fits."""
    return min(fit_size(card_text(c), TEXT_W, room_for(c, rows)[1]) for c in cards)


