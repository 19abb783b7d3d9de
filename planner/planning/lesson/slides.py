"""The lesson on the board: the plan as a list of slides, one source for the .pptx deck and the app's classroom mode.

A slide holds pupil text only – ground rules, case texts, statements as pupils may see them, questions, the pupil
task, checked law in pupil words, confirmed help for their age. What the teacher says, what must land and the safety
note go into the speaker notes. Text is cut to what fits the board at the deck's type sizes, so no renderer has to
shrink it: a long case continues on the next slide, and easy-read decks put one idea on each slide.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Literal

from ...content import models as m
from . import overview as O
from . import pupil_help as H
from .plan import Activity, LessonPlan

SlideKind = Literal["title", "agreements", "starter", "task", "statement", "case", "questions", "break", "facts",
                    "help", "closing", "exit"]

BOARD_CHARS_PER_LINE = 52
"""Characters on a line of body text on a 16:9 slide at 28 pt, with room to spare (about 60 fit on Impress renders)."""
CARD_COLUMN_CHARS = 34
"""The same beside a picture card, which takes a third of the slide."""
BOARD_LINES = 10
BIG_CHARS = 150
STATEMENT_WORDS = {"quiz": "Spørgsmål", "fire hjørner": "Situation", "hvad ville du gøre": "Situation",
                   "værdiøvelse": "Sætning", "kontinuum": "Sætning", "spørgekasse": "Eksempel"}
"""A statement shown alone in large type: longer ones are shown as body text."""


@dataclass(frozen=True)
class Picture:
    """Pictograms shown together (a sign's face or a picture card), with the words printed on it."""

    pictograms: tuple[str, ...]
    label: str = ""
    scene: str = ""
    """A picture talk's card: the scene composed from the pictograms, with this description as its alt text."""


@dataclass(frozen=True)
class HelpCard:
    name: str
    phone: str = ""
    text: str = ""
    url: str = ""
    pictogram: str = ""


@dataclass(frozen=True)
class HelpBoard:
    """The help slide: the child line's number very large, codes pupils of this age may scan, the emergency line for
    the older ones, and for the youngest pictures of whom to tell instead of codes."""

    child_line: HelpCard | None
    codes: tuple[HelpCard, ...] = ()
    emergency: str = ""
    adults: tuple[Picture, ...] = ()


@dataclass(frozen=True)
class Slide:
    kind: SlideKind
    title: str
    lines: tuple[str, ...] = ()
    big: str = ""
    """One sentence in very large type (a statement read aloud)."""
    label: str = ""
    """A small line above the content, e.g. 'Sætning 2 af 9'."""
    pictures: tuple[Picture, ...] = ()
    numbered: bool = False
    activity: int | None = None
    """Index of the activity in plan.activities the slide belongs to (None: the title slide)."""
    minutes: int | None = None
    """The activity's minutes, on the first slide of an activity: the classroom mode's countdown."""
    notes: tuple[tuple[str, str], ...] = ()
    """Speaker notes as (heading, text): never shown to the class."""
    help: HelpBoard | None = None

    @property
    def bulleted(self) -> bool:
        """Lists the class reads point by point; a case or a task is read as running text."""
        return self.kind in ("agreements", "questions", "closing", "exit", "facts")


@dataclass(frozen=True)
class Deck:
    title: str
    subtitle: str
    band: str
    easy: bool
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    @property
    def help_index(self) -> int:
        return next(i for i, s in enumerate(self.slides) if s.kind == "help")


def _lines_of(text: str, chars: int = BOARD_CHARS_PER_LINE) -> list[str]:
    return [w for part in text.split("\n") for w in (textwrap.wrap(part, chars, break_long_words=False) or [""])]


def _height(items: list[str], chars: int = BOARD_CHARS_PER_LINE) -> int:
    return sum(len(_lines_of(x, chars)) for x in items)


def _pages(items: list[str], lines: int = BOARD_LINES, chars: int = BOARD_CHARS_PER_LINE) -> list[list[str]]:
    """Items (sentences, bullets) grouped into slides that each fit the board; an item too long for one slide is
    split into its sentences."""
    pieces = [piece for item in items
              for piece in ([item] if _height([item], chars) <= lines else _sentences(item))]
    pages: list[list[str]] = [[]]
    for piece in pieces:
        if pages[-1] and _height(pages[-1] + [piece], chars) > lines:
            pages.append([])
        pages[-1].append(piece)
    # No lonely last line on a "(fortsat)" slide: move items over from the full slide before it.
    while len(pages) > 1 and len(pages[-2]) > 1 and \
            _height(pages[-1], chars) + _height(pages[-2][-1:], chars) <= _height(pages[-2][:-1], chars):
        pages[-1].insert(0, pages[-2].pop())
    return pages


def _sentences(text: str) -> list[str]:
    """The sentences of one paragraph; a quotation (»…«) and '7. klasse' stay whole."""
    out, start, quoted = [], 0, 0
    for i, ch in enumerate(text):
        quoted += (ch == "»") - (ch == "«")
        end = i + 1 == len(text) or text[i + 1] == " "
        if ch in ".!?«" and end and quoted <= 0 and not (ch == "." and i and text[i - 1].isdigit()):
            if ch != "«" or text[i - 1] in ".!?":
                out.append(text[start:i + 1].strip())
                start = i + 1
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


_OPTION = re.compile(r"^[A-D]\s*[–:-]\s")


def _items(text: str, easy: bool) -> list[str]:
    """A case as slide items: its paragraphs, and for easy-read each sentence on a line of its own; an answer option
    (»A – …«) is always one item."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if not easy:
        return paragraphs
    return [x for p in paragraphs for x in ([p] if _OPTION.match(p) else _sentences(p))]


def _short(title: str) -> str:
    """'Min krop er min – ja-væg og nej-væg' -> 'Min krop er min'; a short first part keeps the rest."""
    head = title.split(" – ")[0]
    return head if len(head) >= 12 else title


def _safety(plan: LessonPlan) -> tuple[str, str]:
    summary = plan.disclosure.summary or plan.disclosure.steps[:3]
    return ("Hvis en elev fortæller noget", " ".join(summary))


def _continued(title: str, i: int) -> str:
    return title if i == 0 else f"{title} (fortsat)"


CHOICE_METHODS = ("værdiøvelse", "kontinuum", "fire hjørner", "quiz", "dilemmakort")
"""Methods where pupils walk to a sign or hold up a card to answer: the board shows the choices. In other methods a
sign is often what the class works out (the steps of help, say), and showing it first would give the answer."""


def _signs(e: m.Exercise) -> tuple[Picture, ...]:
    """The signs and cards pupils choose between (JA / NEJ …), each once, so the board shows what they hold up or
    walk to."""
    if e.method not in CHOICE_METHODS:
        return ()
    faces = {f.text.casefold(): f for p in e.props if p.kind in ("sign", "pupil_card") for f in p.faces}
    return tuple(Picture(tuple(f.pictograms), f.text) for f in list(faces.values())[:4])


def _exercise_slides(plan: LessonPlan, a: Activity, index: int, easy: bool) -> list[Slide]:
    e = plan.exercise(a.exercise_id)
    told = ("Sådan gør du", " ".join(e.steps))
    land = ("Det skal lande", e.teacher_notes)
    safe = ("Tryghed", e.safety_note)
    out: list[Slide] = []
    who = e.group_form.strip()
    footer = f"{who} · {a.minutes} minutter" if who else f"{a.minutes} minutter"
    # The long notes once: how to run it and the safety note on the first slide; each card then has only its own
    # answer, and what must land comes with the cases and the questions.
    out.append(Slide("task", e.title, lines=(e.pupil_task, footer), pictures=_signs(e), activity=index,
                     minutes=a.minutes, notes=(told, safe)))
    short = _short(e.title)
    answers = dict(zip(e.card_statements, e.statements, strict=False))
    shown = e.card_statements
    for n, s in enumerate(shown, 1):
        answer = answers.get(s, s)
        notes = (("Svar", answer[len(s):].strip(" ()")),) if e.method == "quiz" and answer != s else (
            ("Sådan gør du", "Læs kortet højt, og lad eleverne svare. Saml op med det, der skal lande (se noterne "
                             "til det første dias)."),)
        label = f"{STATEMENT_WORDS.get(e.method, 'Kort')} {n} af {len(shown)}" if len(shown) > 1 else ""
        big = len(s) <= BIG_CHARS and "\n" not in s
        lines = () if big else tuple(_items(s, easy))
        out.append(Slide("statement", short, big=s if big else "", lines=lines, label=label, activity=index,
                         notes=notes))
    for c in e.cases:
        if e.picture_talk and c.picture:
            # The picture fills the board; the teacher reads the description from the notes.
            out.append(Slide("case", c.title, label=short, activity=index, notes=(("Billedet", c.text), land),
                             pictures=(Picture(tuple(c.picture), scene=c.text),)))
            continue
        pics = (Picture(tuple(c.picture)),) if c.picture else ()
        # Beside a picture card the text has a narrower column.
        parts = _pages(_items(c.text, easy), chars=CARD_COLUMN_CHARS if pics else BOARD_CHARS_PER_LINE)
        for i, part in enumerate(parts):
            out.append(Slide("case", _continued(c.title, i), lines=tuple(part), label=short, pictures=pics,
                             activity=index, notes=(land,)))
    questions = list(e.discussion_questions)
    groups = [[q] for q in questions] if easy else _pages(questions)
    for i, qs in enumerate(groups):
        out.append(Slide("questions", _continued("Tal sammen om", i) if not easy else "Tal sammen om",
                         lines=tuple(qs), label=short, activity=index, notes=(land, safe)))
    return out


def _help_board(plan: LessonPlan) -> HelpBoard:
    line = H.child_line(plan)
    child = HelpCard(line.name, line.phone or "", H.ways(line), "", line.pictogram or "telefon") if line else None
    codes = tuple(HelpCard(h.name, h.phone or "", h.purpose, str(h.url), h.pictogram or "") for h in H.scan_codes(plan))
    sos = H.emergency(plan)
    emergency = f"Er nogen i fare lige nu? Ring {sos.phone}." if sos and not H.simple(plan) else ""
    adults = tuple(Picture((pid,), label) for pid, label in H.TRUSTED_ADULTS) if not codes else ()
    return HelpBoard(child, codes, emergency, adults)


def _help_slide(plan: LessonPlan, index: int | None, minutes: int | None, text: str) -> Slide:
    return Slide("help", "Sig det til en voksen, du stoler på", activity=index, minutes=minutes,
                 notes=(("Det siger du", text), _safety(plan)), help=_help_board(plan))


def deck(plan: LessonPlan, class_name: str = "", date: str = "") -> Deck:
    """Every slide of the lesson in timeline order; the help slide is always there, at its place in the lesson or
    last."""
    easy = plan.band == "special"
    title = O.lesson_title(plan)
    subtitle = board_subtitle(plan, class_name, date)
    slides: list[Slide] = [Slide("title", title, lines=(subtitle,) if subtitle else (), notes=(_safety(plan),))]
    for i, a in enumerate(plan.activities):
        build = _ACTIVITY_SLIDES.get(a.kind)
        slides += build(plan, a, i, easy) if build else []
    if not any(s.kind == "help" for s in slides):
        slides.append(_help_slide(plan, None, None, "Vis, hvor eleverne kan få hjælp, og sig: »Du kan altid sige det "
                                                     "til en voksen.«"))
    if not any(s.kind == "agreements" for s in slides):
        slides.insert(1, Slide("agreements", "Klassens aftaler", lines=tuple(_pages(plan.ground_rules)[0]),
                               notes=(_safety(plan),)))
    return Deck(title, subtitle, plan.band, easy, tuple(slides))


def board_subtitle(plan: LessonPlan, class_name: str, date: str) -> str:
    """The title slide's second line: the class and date given, else the band. A special class is not labelled on
    its own board: without a class name the title stands alone."""
    given = " · ".join(x for x in (class_name, date) if x)
    return given or ("" if plan.band == "special" else plan.band_label.split(" · ")[0])


def starter_steps(plan: LessonPlan) -> list[str]:
    """What »I dag skal vi« lists: each exercise once, by its short title, and the law where the pupils will be
    shown it (not for indskoling, and only when the lesson has facts pupils may see)."""
    law = (any(x.kind == "facts" for x in plan.activities) and plan.age_band != "indskoling"
           and bool(H.pupil_facts(plan)))
    return list(dict.fromkeys(_short(plan.exercise(x.exercise_id).title) if x.kind == "exercise"
                              else "Det siger loven" for x in plan.activities
                              if x.kind == "exercise" or x.kind == "facts" and law))


def closing_messages(plan: LessonPlan) -> list[str]:
    """The key messages on the closing slides: for a special class the easy-read ones (else the first three)."""
    if plan.band == "special":
        return list(plan.easy_read_messages or plan.key_messages[:3])
    return list(plan.key_messages)


def _agreement_slides(plan: LessonPlan, a: Activity, i: int, easy: bool) -> list[Slide]:
    note = ("Det siger du", a.text)
    return [Slide("agreements", _continued("Klassens aftaler", j), lines=tuple(rules), activity=i,
                  minutes=a.minutes if j == 0 else None, notes=(note, _safety(plan)))
            for j, rules in enumerate(_pages(plan.ground_rules))]


def _starter_slides(plan: LessonPlan, a: Activity, i: int, easy: bool) -> list[Slide]:
    return [Slide("starter", "I dag skal vi", lines=tuple(_pages(starter_steps(plan))[0]), numbered=True,
                  activity=i, minutes=a.minutes, notes=(("Det siger du", a.text), _safety(plan)))]


def _break_slides(plan: LessonPlan, a: Activity, i: int, easy: bool) -> list[Slide]:
    return [Slide("break", "Pause", lines=(f"Vi starter igen om {a.minutes} minutter.",), activity=i,
                  minutes=a.minutes, notes=(("Det siger du", a.text),))]


def _fact_slides(plan: LessonPlan, a: Activity, i: int, easy: bool) -> list[Slide]:
    # Law is for the older pupils only, in pupil words without penalties; the teacher's notes stay notes.
    # Each rule on a slide of its own, under its own heading.
    note = ("Det siger du", a.text)
    facts = [] if plan.age_band == "indskoling" else H.pupil_facts(plan, limit=len(plan.facts))
    return [Slide("facts", _continued(f.title, k), lines=tuple(part), label="Det siger loven", activity=i,
                  minutes=a.minutes if j == k == 0 else None,
                  notes=(note, ("Til læreren", f.teacher_note) if f.teacher_note else note))
            for j, f in enumerate(facts) for k, part in enumerate(_pages([f.pupil_text]))]


def _help_slides(plan: LessonPlan, a: Activity, i: int, easy: bool) -> list[Slide]:
    return [_help_slide(plan, i, a.minutes, a.text)]


def _closing_slides(plan: LessonPlan, a: Activity, i: int, easy: bool) -> list[Slide]:
    note = ("Det siger du", a.text)
    messages = closing_messages(plan)
    groups = [[x] for x in messages] if easy else _pages(messages)
    icons = dict(zip(plan.key_messages, plan.key_message_pictograms, strict=False))
    out = []
    for j, part in enumerate(groups):
        # Easy-read: one message a slide, with the handout's picture beside it.
        pics = (Picture((icons[part[0]],)),) if easy and part[0] in icons else ()
        out.append(Slide("closing", "Det vigtigste" if easy else _continued("Det vigtigste", j), lines=tuple(part),
                         pictures=pics, activity=i, minutes=a.minutes if j == 0 else None,
                         notes=(note, _safety(plan))))
    return out + [Slide("exit", "Inden I går", lines=tuple(plan.exit_questions), activity=i,
                        notes=(note, _safety(plan)))]


_ACTIVITY_SLIDES = {"exercise": _exercise_slides, "ground_rules": _agreement_slides, "starter": _starter_slides,
                    "break": _break_slides, "facts": _fact_slides, "help": _help_slides, "closing": _closing_slides}
"""The slides each kind of activity puts on the board; a kind not listed has none."""
