"""The classroom kit: open every document again and check what a teacher, pupil or parent would see."""

import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from pptx import Presentation

from support import codes_in_picture
from planner.documents import kit as K
from planner.planning import lesson as L
from planner.planning.lesson import overview as O



@pytest.fixture(scope="module")
def plans(content):
    return {
        band: L.assemble(content, {"band": band, "template": "lektion", "kommune": "Aarhus",
                                   **({"age_band": "udskoling"} if band == "special" else {})})
        for band in ("indskoling", "mellemtrin", "udskoling", "special")
    }


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def text_of(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


def qr_codes(doc):
    """(decoded text, alt text, width) for every picture in the document."""
    out = []
    for shape in doc.inline_shapes:
        blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        found = codes_in_picture(blob)
        out.append((found[0] if found else None, shape._inline.docPr.get("descr"), shape.width))
    return out


ONE_SHEET = ("plakat.docx", "foraeldrebrev.docx", "kort-og-skilte.docx", "elevark.docx", "elevark-almindeligt.docx")
"""Documents without page numbers: a poster and a one-page letter need none, and the props' cards fill the sheet."""


def all_paragraphs(doc):
    return list(doc.paragraphs) + [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]


def assert_common(doc, name: str = ""):
    sec = doc.sections[0]
    assert abs(sec.page_width - Cm(21)) < Cm(0.1) and abs(sec.page_height - Cm(29.7)) < Cm(0.1)
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "da-DK"
    assert any(p.style.name.startswith("Heading") or p.style.name == "Letlæst overskrift"
               for p in all_paragraphs(doc))
    footer_xml = sec.footer._element.xml
    assert ("PAGE" in footer_xml) == (name not in ONE_SHEET), name
    props = doc.core_properties
    assert props.author == "" and props.last_modified_by == "" and props.comments == ""


@pytest.mark.parametrize("band", ["indskoling", "mellemtrin", "udskoling", "special"])
def test_every_document_opens_with_a4_danish_headings_and_page_numbers(plans, band):
    for name, data in K.print_kit(plans[band]).items():
        doc = open_docx(data)
        assert_common(doc, name)


@pytest.mark.parametrize("band", ["indskoling", "mellemtrin", "udskoling", "special"])
def test_every_qr_code_decodes_to_its_helplines_url_with_alt_text(plans, band):
    from planner.documents.qr import shown_url

    alts = {}
    for h in plans[band].helplines:
        if h.url:
            alts.setdefault(h.url, set()).add(f"QR-kode til {h.name}: {shown_url(h.url)}")
    pictograms = 0
    for name, data in K.print_kit(plans[band]).items():
        codes = qr_codes(open_docx(data))
        assert [c for c in codes if c[0]] or name not in ("laererplan.docx",), name
        for decoded, alt, width in codes:
            if decoded is None:  # a pictogram: its alt text says what it shows
                assert alt and not alt.startswith("QR"), (name, alt)
                pictograms += 1
                continue
            assert decoded in alts, (name, decoded)
            assert alt in alts[decoded]
            assert width >= Cm(2.5)
    assert pictograms


def test_teacher_plan_has_everything_the_lesson_needs(plans):
    plan = plans["udskoling"]
    doc = open_docx(K.teacher_plan(plan, K.KitInfo(school="Skovskolen", class_name="8.b", teacher="Ane Lærer")))
    text = text_of(doc)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for h in ["Læringsmål", "Forberedelse", "Det siger du", "Det skal du bruge", "Klassens aftaler", "Øvelserne",
              "Det siger loven", "Hvis en elev fortæller noget", "Hjælp og kontakter", "Kilder og forbehold"]:
        assert h in headings
    assert headings[0] == O.lesson_title(plan) and "·" not in headings[0].split(" · ")[0]
    for a in plan.exercise_activities:
        e = plan.exercise(a.exercise_id)
        assert e.title in text and e.safety_note in text
        for s in e.statements:
            assert s in text
    timeline = doc.tables[0]
    assert [c.text for c in timeline.rows[0].cells] == ["Kl.", "Hvad"]
    assert len(timeline.rows) == len(plan.activities) + 1
    assert timeline.rows[1].cells[0].text.startswith("08:00–")
    assert timeline.rows[-1].cells[0].text.endswith(O.clock(8 * 60 + plan.minutes))
    assert "%" not in text  # addresses are printed as people type them, never percent-encoded
    assert "“" not in text and "”" not in text  # one style of quotation marks: »…«
    assert "Skovskolen" in text and "Barnets lov § 133" in text
    # The class stands in every page's header; page 1 says it once, not again under the title.
    assert all("Skovskolen · 8.b" in "".join(p.text for p in s.header.paragraphs) for s in doc.sections)
    assert "8.b" not in text
    assert "Strafferamme" in text  # udskoling gets penalties
    # Unconfirmed seed contacts appear only here, and marked
    assert "Ungekontakten" in text and "ikke bekræftet" in text


def test_penalties_only_from_udskoling(plans):
    mid = text_of(open_docx(K.teacher_plan(plans["mellemtrin"])))
    assert "Strafferamme:" not in mid
    assert not any(f.max_penalty and f.max_penalty in mid for f in plans["mellemtrin"].facts)
    indsk = text_of(open_docx(K.teacher_plan(plans["indskoling"])))
    assert "Det siger loven" not in indsk and "fængsel" not in indsk


@pytest.mark.parametrize("band", ["indskoling", "mellemtrin", "udskoling", "special"])
def test_pupil_and_parent_documents_print_only_confirmed_contacts(plans, band):
    plan = plans[band]
    unconfirmed = [h.name for h in plan.helplines if h.status != "confirmed"]
    assert unconfirmed  # Aarhus is chosen, so there are some to keep out
    for maker in (K.student_handout, K.poster, K.parent_letter):
        text = text_of(open_docx(maker(plan)))
        for name in unconfirmed:
            assert name not in text, (maker.__name__, name)


def test_handout_has_3_to_6_helplines_with_phone_beside_the_code(plans):
    for band in ("mellemtrin", "udskoling", "indskoling"):
        doc = open_docx(K.student_handout(plans[band]))
        table = doc.tables[-1]
        # The youngest's sheet has its numbers side by side (one column each), the others a row each.
        assert 3 <= (len(table.columns) if band == "indskoling" else len(table.rows)) <= 6, band
        text = " ".join(text_of(doc).replace("\xa0", " ").split())
        assert "Ring eller sms 116 111" in text and "Ring 112" in text


def test_handout_header_names_the_class_or_leaves_a_name_line(plans):
    plain = open_docx(K.student_handout(plans["mellemtrin"]))
    assert "Navn: ____" in plain.sections[0].header.paragraphs[0].text
    named = open_docx(K.student_handout(plans["mellemtrin"], info=K.KitInfo(school="Skovvangskolen", class_name="5.a")))
    assert named.sections[0].header.paragraphs[0].text == "Skovvangskolen · 5.a"


def test_handout_messages_have_pictograms_with_alt_text(plans):
    for band in ("indskoling", "mellemtrin", "udskoling", "special"):
        doc = open_docx(K.student_handout(plans[band]))
        pictures = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
        assert len([d for d in pictures if not d.startswith("QR-kode")]) >= 4, band
        assert all(d for d in pictures), band


def test_indskoling_handout_speaks_to_a_7_year_old(plans):
    text = text_of(open_docx(K.student_handout(plans["indskoling"])))
    assert "Din krop er din" in text and "Læs det sammen med en voksen" in text
    for word in ("straf", "fængsel", "sex", "nøgen", "servicenummer", "akut"):
        assert word not in text.casefold()


def test_easy_read_variant_is_large_and_short(plans):
    doc = open_docx(K.student_handout(plans["special"]))
    paragraphs = [p for p in all_paragraphs(doc) if p.text.strip()]
    body = [p for p in paragraphs if p.style.name == "Letlæst"]
    assert body and all(p.style.font.size.pt >= 16 for p in body)
    title = next(p for p in doc.paragraphs if p.text.strip())
    assert title.style.name == "Letlæst overskrift" and title.style.base_style.name == "Heading 1"
    heads = [p for p in paragraphs if p.style.name == "Letlæst underoverskrift"]
    assert heads and all(_effective_size(p.style) > 16 for p in heads)  # headings larger than the body
    assert len(doc.tables[-1].rows) <= 3
    for p in paragraphs:
        for r in p.runs:
            if r.text.strip() and "OpenMoji" not in r.text:
                assert not r.italic, r.text  # the instruction too: italics are the hardest to read
                assert (r.font.size or Pt(_effective_size(p.style))).pt >= 16, r.text


def test_parent_letter_says_what_to_do_and_where_to_get_help(plans):
    plan = plans["mellemtrin"]
    text = text_of(open_docx(K.parent_letter(plan, K.KitInfo(class_name="5.a", teacher="Ane Lærer",
                                                                date="tirsdag 12. januar"))))
    for words in ["Kære forældre i 5.a", "Tal med jeres barn", "Hvis der sker noget", "SletDet", "BørneTelefonen",
                  "Ring 112", "Ane Lærer", "Aula", "tirsdag 12. januar"]:
        assert words in text
    from planner.planning.lesson.overview import taught_themes

    for t in taught_themes(plan):
        assert t.parent_text in text  # what this lesson covers, in plain words
    others = [t for t in plan.themes if t not in taught_themes(plan)]
    for t in others:
        assert not t.parent_text or t.parent_text not in text


def test_poster_is_one_line_one_big_number_and_few_codes(plans):
    doc = open_docx(K.poster(plans["udskoling"]))
    heading = next(p for p in all_paragraphs(doc) if p.style.name == "Heading 1")
    assert heading.text.replace("\n", " ") == "Sig det til en voksen, du stoler på"
    number = next(r for p in all_paragraphs(doc) for r in p.runs if r.text == "116 111")
    assert number.font.size.pt >= 90
    codes = [c for c in qr_codes(doc) if c[0]]
    assert 2 <= len(codes) <= 3
    young = open_docx(K.poster(plans["indskoling"]))
    assert not [c for c in qr_codes(young) if c[0]]  # most 7-year-olds have no phone to scan with
    a3 = open_docx(K.poster(plans["udskoling"], "A3"))
    assert abs(a3.sections[0].page_width - Cm(29.7)) < Cm(0.1)


ODD = [
    "\x00\x01\x07\x0b\x0c\x1f\ufffe\uffff kontroltegn",
    "🙂🏳️‍🌈 emoji-skolen",
    "مدرسة rtl \u202e omvendt",
    "x" * 10_000,
    "<w:t>&amp; ]]> ' \"",
]


@pytest.mark.parametrize("odd", ODD)
def test_odd_user_text_gives_valid_documents(plans, odd):
    info = K.KitInfo(school=odd, class_name=odd, teacher=odd, date=odd)
    assert len(info.school) <= 120
    for name, data in K.print_kit(plans["mellemtrin"], info).items():
        doc = open_docx(data)
        assert_common(doc, name)


def test_zip_holds_every_document(plans):
    with zipfile.ZipFile(io.BytesIO(K.kit_zip(plans["special"]))) as z:
        assert set(z.namelist()) == {"laererplan.docx", "kort-og-skilte.docx", "elevark.docx", "foraeldrebrev.docx",
                                     "plakat.docx", "elevark-almindeligt.docx", "praesentation.pptx"}
        for name in z.namelist():
            if name.endswith(".pptx"):
                assert len(Presentation(io.BytesIO(z.read(name))).slides) > 10
            else:
                open_docx(z.read(name))


def test_the_zip_stores_documents_that_are_compressed_already_and_deflates_the_rest():
    """Deflating a Word or PowerPoint file again saved 3 % of a kit's bytes and cost 15 % of its time (issue 28)."""
    files = {"laererplan.docx": b"PK docx", "praesentation.pptx": b"PK pptx", "plan.ics": b"BEGIN:VCALENDAR" * 50,
             "laererplan.pdf": b"%PDF" * 50}
    with zipfile.ZipFile(io.BytesIO(K.zip_files(files))) as z:
        how = {i.filename: i.compress_type for i in z.infolist()}
        assert {name: z.read(name) for name in z.namelist()} == files
    assert how == {"laererplan.docx": zipfile.ZIP_STORED, "praesentation.pptx": zipfile.ZIP_STORED,
                   "plan.ics": zipfile.ZIP_DEFLATED, "laererplan.pdf": zipfile.ZIP_DEFLATED}


def test_file_names_are_one_plain_scheme_that_survives_aula_and_e_mail():
    """No æ, ø, å or spaces: some mail programs and Aula mangle them (forældrebrev → forÃ¦ldrebrev)."""
    import re

    for kind in K.KIT:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*\.(docx|pptx)", kind.file_name), kind.file_name
    assert {"foraeldrebrev.docx", "praesentation.pptx", "laererplan.docx"} <= set(K.BY_FILE)


def test_the_teacher_plan_counts_unconfirmed_contacts_in_danish(content):
    import re

    plan = L.assemble(content, {"band": "mellemtrin", "template": "lektion", "kommune": "Aarhus"})
    for n in range(1, 4):
        unconfirmed = [h for h in plan.helplines if h.status != "confirmed"][:1] * n
        confirmed = [h for h in plan.helplines if h.status == "confirmed"]
        text = text_of(open_docx(K.teacher_plan(plan.model_copy(update={"helplines": confirmed + unconfirmed}),
                                                K.KitInfo())))
        said = re.search(r"(\d+) lokale? kontakte?r?\b.*?(Den|De) står", text)
        assert said and said[1] == str(n), text[:0]
        assert ("1 lokal kontakt " in text and said[2] == "Den") if n == 1 else (f"{n} lokale kontakter" in text)


def test_qr_images_are_made_once_per_url():
    from planner.documents.qr import qr_symbol

    qr_symbol.cache_clear()
    url = "https://example.org/klassekit-test"
    assert qr_symbol(url) is qr_symbol(url)
    assert qr_symbol.cache_info().hits == 1


def _effective_size(style):
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return None


@pytest.mark.parametrize("band", ["indskoling", "special"])
def test_type_is_readable_everywhere(plans, band):
    """At least 11 pt for every text a reader reads (16 pt for easy-read body text); only the small grey captions
    that sort the cards and the picture credit are smaller. Text is dark ink, or white on a colour band."""
    for name, data in K.print_kit(plans[band]).items():
        doc = open_docx(data)
        for p in all_paragraphs(doc):
            if not p.text.strip():
                continue
            size = _effective_size(p.style)
            assert size is None or size >= 11, (name, p.style.name, size)
            for r in p.runs:
                colour = str(r.font.color.rgb) if r.font.color and r.font.color.type is not None else None
                small_print = colour in ("595959", "707070") or "OpenMoji" in r.text
                if r.text.strip() and not small_print:
                    assert r.font.size is None or r.font.size.pt >= 11, (name, r.text)
                assert colour in (None, "000000", "1F2A44", "FFFFFF", "595959", "707070"), (name, colour)


def test_quiz_cards_hide_the_answers(content):
    quiz = next(e for e in content.exercises if e.method == "quiz" and "udskoling" in e.bands)
    plan = L.assemble(content, {"band": "udskoling", "template": "lektion", "include": [quiz.id]})
    doc = open_docx(K.teacher_plan(plan))
    cards = open_docx(K.P.props_document(plan))
    card_text = text_of(cards)
    with_answer = [s for s in quiz.statements if s.rstrip().endswith(")")]
    assert with_answer
    for s in with_answer:
        answer = s[s.rindex("("):]
        assert answer not in card_text  # pupils see the question only
        assert s in text_of(doc)  # the teacher still has the answer


def test_bidi_controls_never_reach_a_document(plans):
    """A right-to-left override can make '116 111' read as '111 611' on paper: they are removed from every text."""
    import re

    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
    info = K.KitInfo(school=f"Skole{bidi}n", class_name="5.\u202eb", teacher="A\u2067B", date="1.\u200f2")
    for name, data in K.build_kit(plans["udskoling"], info).items():
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        assert not re.search(f"[{bidi}]", xml), name
        if name == "laererplan.docx":
            assert "Skolen" in xml and "5.b" in xml


def test_the_class_and_date_stand_whole_in_the_header_however_long_the_school_name(plans):
    info = K.KitInfo(school="S" * 120, class_name="7.b", date="tirsdag 12. januar 2027")
    doc = open_docx(K.teacher_plan(plans["udskoling"], info))
    header = "".join(p.text for p in doc.sections[0].header.paragraphs)
    assert header.endswith(" · 7.b · tirsdag 12. januar 2027") and "…" in header
    assert len(header) <= 180
