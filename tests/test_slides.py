"""The lesson on the board: every deck covers every activity, shows pupils only pupil text fit for their age, keeps
the teacher's words in the notes, prints large, and every code on the help slide leads a pupil to help."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.util import Emu

from support import codes_in_picture
from planner.content.bands import AGE_BANDS
from planner.documents import qr as QR
from planner.documents import kit as K
from planner.documents import pdf as PDF
from planner.documents import slides as DS
from planner.planning import lesson as L
from planner.planning.lesson import pupil_help as H
from planner.planning.lesson import slides as SL
from support import IN_CI
from test_age_fit import TOO_OLD

CLASSES = [("indskoling", None), ("mellemtrin", None), ("udskoling", None)] + [("special", a) for a in AGE_BANDS]
TEMPLATES = ("klassens-tid", "lektion", "dobbeltlektion", "temadag")
EMU_PER_CM = 360000


def _request(band, age, template, themes):
    return {"band": band, "age_band": age, "template": template, "themes": themes}


@pytest.fixture(scope="module")
def decks(content):
    """A deck for every class (band × pupils' age) × theme (or none) × length: the safety rules hold for every
    combination a teacher can ask for, not for examples."""
    out = []
    choices = [[]] + [[t.id] for t in content.themes]
    for (band, age), themes, template in itertools.product(CLASSES, choices, TEMPLATES):
        try:
            plan = L.assemble(content, _request(band, age, template, themes))
        except L.PlanError:
            continue  # a theme the class is too young for: refused, and tested in test_safety
        out.append((plan, SL.deck(plan, "4.b", "12. januar")))
    assert len(out) > 60
    return out


def pupil_text(slide: SL.Slide) -> str:
    """All a class sees on a slide."""
    parts = [slide.title, slide.big, slide.label, *slide.lines, *(p.label for p in slide.pictures)]
    if slide.help:
        cards = ([slide.help.child_line] if slide.help.child_line else []) + list(slide.help.codes)
        parts += [slide.help.emergency] + [f"{c.name} {c.phone} {c.text}" for c in cards]
        parts += [p.label for p in slide.help.adults]
    return "\n".join(parts)


def test_every_activity_has_a_slide_in_timeline_order_and_there_is_one_help_slide(decks):
    for plan, deck in decks:
        assert deck.slides[0].kind == "title"
        shown = [s.activity for s in deck.slides if s.activity is not None]
        assert set(shown) == set(range(len(plan.activities))), plan.request
        assert shown == sorted(shown), plan.request
        assert [s.kind for s in deck.slides].count("help") == 1
        assert [s.kind for s in deck.slides].count("agreements") >= 1
        for i, a in enumerate(plan.activities):
            first = next(s for s in deck.slides if s.activity == i)
            assert first.minutes == a.minutes or a.kind == "help" and first.kind == "help", (plan.request, a.title)


def test_every_exercise_shows_its_task_its_cards_and_its_questions(decks):
    for plan, deck in decks:
        for i, a in enumerate(plan.activities):
            if a.kind != "exercise":
                continue
            e = plan.exercise(a.exercise_id)
            text = "\n".join(pupil_text(s) for s in deck.slides if s.activity == i)
            flat = re.sub(r"\s+", " ", text)
            assert e.pupil_task in text and f"{a.minutes} minutter" in text
            for s in e.card_statements:
                sentences = [x for part in s.split("\n") for x in SL._sentences(part.strip())]
                assert all(x in flat for x in sentences), (e.id, s)
            for c in e.cases:
                assert c.title in text
                if e.method == "billedsamtale":  # the board shows the scene; its description is the alt text
                    assert any(p.scene == c.text for s in deck.slides if s.activity == i for p in s.pictures)
                    continue
                sentences = [x for part in c.text.split("\n") for x in SL._sentences(part.strip())]
                assert all(x in flat for x in sentences), (e.id, c.title)
            for q in e.discussion_questions:
                assert q in text


def test_the_teachers_words_stay_in_the_notes(decks):
    for plan, deck in decks:
        shown = "\n".join(pupil_text(s) for s in deck.slides)
        for e in plan.exercises:
            for text in [*e.steps, e.teacher_notes, e.safety_note]:
                assert text not in shown, (e.id, text[:60])
            if e.method == "quiz":
                for full, card in zip(e.statements, e.card_statements):
                    if full != card:
                        assert full not in shown, (e.id, full)
        for f in plan.facts + plan.related_facts:
            assert not f.max_penalty or f.max_penalty not in shown
            assert not f.teacher_note or f.teacher_note not in shown
        assert all(s.notes and all(text for _, text in s.notes) for s in deck.slides), plan.request
        # The safety note where the teacher starts an exercise and where the class talks; the long notes once.
        for s in deck.slides:
            heads = [head for head, _ in s.notes]
            assert ("Tryghed" in heads) == (s.kind in ("task", "questions")) or s.kind not in (
                "task", "statement", "case", "questions"), (s.kind, heads)
            # A card's notes are its own answer, not the exercise's long notes again.
            assert s.kind != "statement" or sum(len(text) for _, text in s.notes) < 700, (s.title, s.notes)


def test_the_youngest_see_no_law_penalties_or_sexual_words_on_the_board(decks):
    young = [(p, d) for p, d in decks if p.age_band == "indskoling"]
    assert {p.band for p, _ in young} == {"indskoling", "special"}
    for plan, deck in young:
        assert not any(s.kind == "facts" for s in deck.slides)
        for s in deck.slides:
            hit = TOO_OLD.search(pupil_text(s))
            assert hit is None, (plan.request, s.title, hit and hit.group(0))


def test_law_on_the_board_is_checked_law_in_pupil_words(decks):
    for plan, deck in decks:
        facts = "\n".join(pupil_text(s) for s in deck.slides if s.kind == "facts")
        if not any(a.kind == "facts" for a in plan.activities):
            assert not facts  # law is shown when the lesson has time for it
            continue
        for f in plan.facts:
            assert (f.pupil_text in facts) == (f.confidence != "low" and plan.age_band != "indskoling"), f.id


def test_the_help_slide_shows_only_confirmed_help_for_the_pupils_age(content, decks):
    by_id = content.by_id("helplines")
    for plan, deck in decks:
        board = deck.slides[deck.help_index].help
        assert board.child_line and board.child_line.phone == "116 111"
        for card in board.codes:
            h = next(x for x in plan.helplines if x.name == card.name)
            assert by_id[h.id].status == "confirmed" and h.for_pupils_of(plan.age_band) and h.url_kind != "info"
        assert not board.codes or plan.age_band != "indskoling"  # most 6–9-year-olds have no phone to scan with
        assert bool(board.adults) == (not board.codes)
        assert bool(board.emergency) == (not H.simple(plan))


def test_easy_read_decks_put_one_idea_on_a_slide(decks):
    for plan, deck in decks:
        if not deck.easy:
            continue
        for s in deck.slides:
            if s.kind in ("questions", "closing", "facts"):
                assert len(s.lines) == 1, (plan.request, s.title, s.lines)


def test_the_title_slide_names_the_class_and_date_given_else_the_band_but_never_labels_a_special_class(decks):
    for plan, deck in decks:
        assert deck.subtitle == "4.b · 12. januar"
        assert SL.board_subtitle(plan, "", "12. januar") == "12. januar"
        alone = SL.board_subtitle(plan, "", "")
        assert alone == ("" if plan.band == "special" else plan.band_label.split(" · ")[0])


def test_the_starter_lists_each_exercise_once_and_the_law_only_where_the_pupils_will_see_it(decks):
    for plan, deck in decks:
        steps = SL.starter_steps(plan)
        shows_law = any(s.kind == "facts" for s in deck.slides)
        assert ("Det siger loven" in steps) == shows_law, plan.request
        assert len(steps) == len(set(steps))
        exercises = [s for s in steps if s != "Det siger loven"]
        assert len(exercises) == len({a.exercise_id for a in plan.activities if a.kind == "exercise"})
        if plan.age_band == "indskoling":
            assert "Det siger loven" not in steps


def test_the_closing_shows_easy_read_messages_to_a_special_class_and_every_key_message_to_the_others(decks):
    for plan, deck in decks:
        messages = SL.closing_messages(plan)
        if plan.band == "special":
            assert messages == list(plan.easy_read_messages or plan.key_messages[:3]) and len(messages) <= max(
                3, len(plan.easy_read_messages))
        else:
            assert messages == list(plan.key_messages)
        shown = [line for s in deck.slides if s.kind == "closing" for line in s.lines]
        assert shown == (messages if any(a.kind == "closing" for a in plan.activities) else [])


def test_text_is_cut_to_fit_the_board(decks):
    for _, deck in decks:
        for s in deck.slides:
            if s.kind in ("agreements", "questions", "closing", "facts", "case", "starter"):
                assert SL._height(list(s.lines)) <= SL.BOARD_LINES, (s.title, s.lines)


# --- The .pptx ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pptx_decks(content):
    """One deck per class and length: what a teacher downloads."""
    out = {}
    for (band, age), template in itertools.product(CLASSES, TEMPLATES):
        try:
            plan = L.assemble(content, _request(band, age, template, []))
        except L.PlanError:
            continue  # a theme day with more minutes than the youngest special class has exercises for
        out[f"{band}-{age or band}-{template}"] = (plan, DS.slide_deck(plan, "4.b", "12. januar"))
    return out


def _runs(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for p in shape.text_frame.paragraphs:
                    for r in p.runs:
                        yield slide, shape, r


def test_the_deck_is_16_9_in_danish_with_large_type_and_a_slide_for_each_of_the_lessons_slides(pptx_decks):
    for key, (plan, data) in pptx_decks.items():
        prs = Presentation(io.BytesIO(data))
        assert (prs.slide_width, prs.slide_height) == (Emu(12192120), Emu(6858000)) or \
            abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
        assert len(prs.slides) == len(SL.deck(plan).slides), key
        assert prs.core_properties.language == "da-DK" and prs.core_properties.title
        for slide, shape, run in _runs(prs):
            size = run.font.size
            assert size is not None and size.pt >= 24, (key, run.text, size)
            assert run._r.get_or_add_rPr().get("lang") == "da-DK", (key, run.text)
            if shape == slide.shapes.title:
                assert size.pt >= 40, (key, run.text)
        for slide in prs.slides:
            assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), key


def test_every_picture_has_alt_text_and_every_code_leads_to_its_helpline(pptx_decks, content):
    urls = {h.url for h in content.helplines if h.url}
    for key, (plan, data) in pptx_decks.items():
        prs = Presentation(io.BytesIO(data))
        codes = []
        for slide in prs.slides:
            for shape in slide.shapes:
                if shape.shape_type != 13:  # pictures
                    continue
                alt = shape._element.nvPicPr.cNvPr.get("descr", "")
                assert alt, (key, shape.name)
                if alt.startswith("QR-kode"):
                    found = codes_in_picture(shape.image.blob)
                    assert found and found[0] in urls, (key, alt)
                    modules = QR.qr_symbol(found[0])[1]
                    symbol_cm = shape.width / EMU_PER_CM * modules / (modules + 2 * QR.QR_BORDER)
                    assert symbol_cm >= DS.SLIDE_QR_CM - 0.01, (key, symbol_cm)
                    codes.append(found[0])
        help_board = SL.deck(plan).slides[SL.deck(plan).help_index].help
        assert sorted(codes) == sorted(c.url for c in help_board.codes), key


def test_the_deck_is_part_of_the_kit(content):
    plan = L.assemble(content, {"band": "mellemtrin", "template": "lektion"})
    files = K.build_kit(plan, K.KitInfo(class_name="5.a", date="3. marts"))
    assert ("Præsentation til tavlen", "praesentation.pptx") in K.documents_of(plan)
    prs = Presentation(io.BytesIO(files["praesentation.pptx"]))
    title_slide = "\n".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert "5.a · 3. marts" in title_slide


def test_odd_characters_in_the_class_name_never_break_the_deck(content):
    plan = L.assemble(content, {"band": "udskoling", "template": "lektion"})
    data = DS.slide_deck(plan, "7.b <script>\x00\x1f & »x«" * 20, "\ud800 dato")
    prs = Presentation(io.BytesIO(data))
    assert "7.b <script>" in "".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)


@pytest.mark.skipif(not (PDF.available() and shutil.which("pdfinfo")) and not IN_CI,
                    reason="LibreOffice Impress and poppler-utils are not installed")
def test_libreoffice_shows_one_page_per_slide(pptx_decks, tmp_path):
    chosen = {k: v for k, v in pptx_decks.items() if k.endswith(("-lektion", "-temadag"))}
    pdfs = PDF.to_pdf({f"{k}.pptx": data for k, (_, data) in chosen.items()})
    for key, (plan, _) in chosen.items():
        path = tmp_path / f"{key}.pdf"
        path.write_bytes(pdfs[f"{key}.pdf"])
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1]) == len(SL.deck(plan).slides), key


def test_a_picture_talk_shows_each_scene_on_the_board_and_keeps_the_description_in_the_notes(content):
    for e in (x for x in content.exercises if x.method == "billedsamtale"):
        band = e.bands[0]
        plan = L.assemble(content, {"band": band, "age_band": "mellemtrin" if band == "special" else None,
                                    "template": "lektion", "include": [e.id]})
        slides = [s for s in SL.deck(plan).slides if s.kind == "case" and s.title in {c.title for c in e.cases}]
        assert len(slides) == len(e.cases), e.id
        for s, case in zip(slides, e.cases):
            assert not s.lines and s.pictures[0].scene == case.text, s.title  # nothing to read on the board
            assert any(text == case.text for _, text in s.notes)
        prs = Presentation(io.BytesIO(DS.slide_deck(plan)))
        alts = [sh._element.xpath(".//p:cNvPr")[0].get("descr") for sl in prs.slides for sh in sl.shapes
                if sh.shape_type == 13]
        assert all(any(a == f"Billede: {c.text}" for a in alts) for c in e.cases), e.id
