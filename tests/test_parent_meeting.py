"""The parent meeting's kit: for every class (band × pupils' age), length and theme its agenda fills the evening from
the start time, its deck follows the lesson decks' rules (Danish, large type, alt text, notes), its slides are for
parents (no pupil exercise, no shaming, nothing too old for the youngest's parents), its law is checked law, its help
is confirmed help for parents, and the sheet parents take home is one page whose codes lead to services for them."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from pptx import Presentation

from planner.content.bands import AGE_BANDS
from planner.content.loader import ContentError, load_content
from planner.content.parent_meeting import MEETING_MINUTES
from planner.documents import parents as DP
from planner.documents import pdf as PDF
from planner.planning import parents as P
from planner.planning.lesson.details import parse_start
from support import IN_CI, codes_in_picture
from test_age_fit import TOO_OLD

CLASSES = [("indskoling", None), ("mellemtrin", None), ("udskoling", None)] + [("special", a) for a in AGE_BANDS]
SHAMING = re.compile(r"egen skyld|selv ude om|\bdum(t|me)?\b|skam dig|frækt|uartig", re.IGNORECASE)
PUPIL_KINDS = {"task", "statement", "agreements", "exit", "break"}


@pytest.fixture(scope="module")
def meetings(content):
    """Every meeting a coordinator can ask for: class × length × (all the class's themes, or one of them)."""
    out = []
    for (band, age), minutes in itertools.product(CLASSES, MEETING_MINUTES):
        base = P.meeting(content, band, age, minutes, "19:00")
        out.append(base)
        for t in base.themes:
            out.append(P.meeting(content, band, age, minutes, "18:45", [t.id]))
    assert len(out) > 60
    return out


def board_text(slide) -> str:
    """All parents see on a slide."""
    parts = [slide.title, slide.big, slide.label, *slide.lines]
    if slide.help:
        cards = ([slide.help.child_line] if slide.help.child_line else []) + list(slide.help.codes)
        parts += [slide.help.emergency] + [f"{c.name} {c.phone} {c.text}" for c in cards]
    return "\n".join(parts)


def test_the_agenda_fills_the_evening_from_the_start_time(meetings):
    for p in meetings:
        rows = p.agenda
        assert rows[0].start == p.start
        assert all(a.end == b.start for a, b in itertools.pairwise(rows))
        assert sum(r.minutes for r in rows) == p.minutes
        assert parse_start(rows[-1].end) - parse_start(p.start) == p.minutes


def test_every_slide_has_notes_and_the_coordinator_is_told_how_to_meet_a_parent_who_discloses(meetings):
    for p in meetings:
        deck = P.deck(p)
        assert sum(s.kind == "help" for s in deck.slides) == 1
        for s in deck.slides:
            heads = dict(s.notes)
            assert heads.get(P.slides.DISCLOSURE) == p.texts.disclosure_note, s.title
            assert all(text.strip() for text in heads.values()), s.title


def test_the_slides_are_for_parents_never_a_pupil_exercise_and_never_shaming(meetings):
    for p in meetings:
        for s in P.deck(p).slides:
            assert s.kind not in PUPIL_KINDS, s.title
            assert not SHAMING.search(board_text(s)), (p.band, p.age_band, s.title)


def test_the_youngest_pupils_parents_get_no_law_penalties_or_sexual_words(meetings):
    for p in meetings:
        if p.age_band != "indskoling":
            continue
        assert p.facts == ()
        for s in P.deck(p).slides:
            assert not TOO_OLD.search(board_text(s)), (p.band, s.title, board_text(s))
        # The sheet's prose; the police's web address is an address, printed for the parent to type.
        sheet = re.sub(r"\S+\.dk/\S+", "", docx_text(DP.parent_sheet(p, DP.MeetingDetails())))
        assert not TOO_OLD.search(sheet), TOO_OLD.search(sheet)


def test_law_is_checked_law_for_the_childrens_age_in_plain_words_without_penalties(content, meetings):
    by_id = content.by_id("facts")
    for p in meetings:
        shown = "\n".join(board_text(s) for s in P.deck(p).slides)
        for f in p.facts:
            assert by_id[f.id] == f and f.confidence != "low" and f.source and f.checked
            assert f.pupil_text.split(".")[0] in shown.replace("\n", " ")
            assert not f.max_penalty or f.max_penalty not in shown
        if p.age_band != "indskoling" and any(t.id == "lovgivning" for t in p.themes):
            assert p.facts, (p.band, p.age_band)


def test_what_to_do_if_something_happens_is_on_the_board_for_every_class(meetings):
    for p in meetings:
        text = "\n".join(board_text(s) for s in P.deck(p).slides).casefold()
        assert "114" in text and "skolen" in text and "som bevis" in text
        assert "tag ikke" in text  # the phone is not taken away


def test_help_is_confirmed_help_for_parents_with_its_source(content, meetings):
    national = {h.id: h for h in content.helplines}
    for p in meetings:
        assert [h.id for h in p.contacts] == ["foraeldretelefonen", "redbarnet-foraeldre", "sletdet-voksne",
                                              "politi-114"]
        for h in p.contacts:
            assert h.model_copy(update={"purpose": national[h.id].purpose}) == national[h.id]
            assert h.status == "confirmed" and "forældre" in h.audience
            assert h.source and h.checked
        board = P.deck(p).slides[P.deck(p).help_index].help
        assert national["foraeldretelefonen"].phone in board.emergency and "112" in board.emergency
        assert all(len(c.name) <= 16 for c in board.codes)  # a code's label fits a third of the slide
        assert {c.url for c in board.codes} <= {str(h.url) for h in p.contacts}


def test_what_children_learn_comes_from_the_themes_they_are_taught(content, meetings):
    for p in meetings:
        text = "\n".join(board_text(s) for s in P.deck(p).slides)
        for t in p.themes:
            assert t.parent_text.split(",")[0] in text.replace("\n", " ")


def test_a_request_the_meeting_cannot_be_made_from_gets_a_danish_message(content):
    for kwargs, says in (({"minutes": 50}, "45 eller 60"), ({"start": "kl. 7"}, "klokkeslæt"),
                         ({"themes": ["findes-ikke"]}, "findes ikke"), ({"themes": ["sextortion"]}, "passer ikke")):
        with pytest.raises(P.MeetingError, match=says):
            P.meeting(content, "indskoling", **kwargs)


# --- Documents ----------------------------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [x.text for x in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def codes_in(data: bytes) -> list[str]:
    """The decoded QR codes among a document's pictures (Word or PowerPoint)."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if "/media/" in name:
                out += codes_in_picture(z.read(name))
    return out


@pytest.fixture(scope="module")
def kits(content):
    """The kit for every class and length, as a coordinator downloads it."""
    return {(band, age, minutes): (P.meeting(content, band, age, minutes, "19:00"),
                                   DP.build_meeting(P.meeting(content, band, age, minutes, "19:00"),
                                                    DP.MeetingDetails("Skolen", "4.b", "12. januar")))
            for (band, age), minutes in itertools.product(CLASSES, MEETING_MINUTES)}


def test_the_kit_holds_every_registered_document(kits):
    for _, files in kits.values():
        assert list(files) == [k.file_name for k in DP.PARENT_MEETING]


def test_the_deck_is_16_9_danish_large_type_with_notes_and_alt_text(kits):
    for key, (p, files) in kits.items():
        prs = Presentation(io.BytesIO(files["foraeldremoede-praesentation.pptx"]))
        assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
        assert len(prs.slides) == len(P.deck(p).slides), key
        assert prs.core_properties.language == "da-DK"
        for slide in prs.slides:
            assert slide.has_notes_slide and P.slides.DISCLOSURE in slide.notes_slide.notes_text_frame.text
            for shape in slide.shapes:
                if shape.shape_type == 13:
                    assert shape._element.nvPicPr.cNvPr.get("descr", ""), key
                if shape.has_text_frame:
                    for par in shape.text_frame.paragraphs:
                        for r in par.runs:
                            assert r.font.size.pt >= 24 and r._r.get_or_add_rPr().get("lang") == "da-DK", r.text


def test_every_code_leads_parents_to_a_service_for_parents(content, kits):
    for_parents = {str(h.url) for h in content.helplines
                   if h.url and "forældre" in h.audience and h.status == "confirmed" and h.url_kind != "info"}
    for key, (p, files) in kits.items():
        expected = {str(h.url) for h in p.contacts if h.url and h.url_kind != "info"}
        for name in ("foraeldremoede-foraeldreark.docx", "foraeldremoede-praesentation.pptx"):
            codes = codes_in(files[name])
            assert codes and set(codes) <= for_parents, (key, name, codes)
        assert set(codes_in(files["foraeldremoede-foraeldreark.docx"])) == expected


def test_the_cards_are_for_parents_and_the_coordinators_notes_stay_in_the_agenda(kits):
    for key, (p, files) in kits.items():
        cards, agenda = docx_text(files["foraeldremoede-dilemmakort.docx"]), docx_text(files["foraeldremoede-dagsorden.docx"])
        for d in p.age.dilemmas:
            assert d.title in cards and d.questions[0] in cards and d.note not in cards
            assert d.note in agenda
        assert p.texts.disclosure_note in agenda
        assert all(f"{r.start}–{r.end}" in agenda for r in p.agenda), key
        assert "4.b" in agenda


@pytest.mark.skipif(not (PDF.available() and shutil.which("pdfinfo")) and not IN_CI,
                    reason="LibreOffice and poppler-utils are not installed")
def test_libreoffice_prints_the_parents_sheet_on_one_page_for_every_class(kits, tmp_path):
    sheets = {f"{band}-{age}-{minutes}.docx": files["foraeldremoede-foraeldreark.docx"]
              for (band, age, minutes), (_, files) in kits.items() if minutes == 60}
    sheets["deck.pptx"] = kits[("udskoling", None, 60)][1]["foraeldremoede-praesentation.pptx"]
    pdfs = PDF.to_pdf(sheets)  # one batch: LibreOffice starts once
    for name in sheets:
        path = tmp_path / name.replace(".docx", ".pdf").replace(".pptx", ".pdf")
        path.write_bytes(pdfs[path.name])
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
        want = len(P.deck(kits[("udskoling", None, 60)][0]).slides) if name == "deck.pptx" else 1
        assert pages == want, name


# --- The content file ---------------------------------------------------------------------------------------


def test_an_agenda_that_does_not_fill_the_meeting_is_refused_in_danish(content_copy):
    f = content_copy / "materials" / "parent_meeting.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("minutes: {45: 5, 60: 5}", "minutes: {45: 9, 60: 5}", 1),
                 encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_content(content_copy)
    assert any(p.file == "materials/parent_meeting.yaml" and "45" in p.message for p in exc.value.problems)


def test_a_contact_that_does_not_exist_is_refused(content_copy):
    f = content_copy / "materials" / "parent_meeting.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("contacts: [foraeldretelefonen,", "contacts: [opdigtet,", 1),
                 encoding="utf-8")
    with pytest.raises(ContentError, match="opdigtet"):
        load_content(content_copy)
