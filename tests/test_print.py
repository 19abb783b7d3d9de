"""The kit as printed: LibreOffice renders every document for every band and length and the theme day, and the
pages are checked as a teacher would look at them – one sheet where one sheet is promised, the clock-time
timeline on the plan's first page, QR codes large enough to scan that lead where they say, no heading left alone
at the foot of a page, and a printed card or sign for every prop the materials list names."""

from __future__ import annotations

import functools
import io
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from docx import Document
from PIL import Image
from support import AGE, IN_CI

from planner.documents import kit as K
from planner.documents import pdf as PDF
from planner.documents import props as P
from planner.planning import lesson as L
from planner.planning.lesson import overview as O

BANDS = ("indskoling", "mellemtrin", "udskoling", "special")
TEMPLATES = ("klassens-tid", "lektion", "dobbeltlektion", "temadag")
INFO = K.KitInfo(school="Skovvangskolen", class_name="4.b", date="tirsdag 12. januar", teacher="Mette Hansen",
                 start="08:15", pupils=24)
DPI = 150

pytestmark = pytest.mark.skipif(not (PDF.available() and shutil.which("pdftoppm")) and not IN_CI,
                                reason="LibreOffice and poppler-utils are not installed")


@pytest.fixture(scope="module")
def printed(content, tmp_path_factory):
    """Every kit of the sweep, converted to PDF in one LibreOffice run."""
    plans, files = {}, {}
    for band in BANDS:
        for template in TEMPLATES:
            key = f"{band}-{template}"
            plans[key] = L.assemble(content, {"band": band, "template": template} | AGE.get(band, {}))
            for name, data in K.print_kit(plans[key], INFO).items():
                files[f"{key}__{name}"] = data
    pdfs = PDF.to_pdf(files)
    out = tmp_path_factory.mktemp("print")
    paths = {}
    for name, data in pdfs.items():
        path = out / name.replace("ø", "oe")
        path.write_bytes(data)
        paths[name] = path
    return plans, paths


@functools.lru_cache(maxsize=None)
def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])


@functools.lru_cache(maxsize=None)
def _text(path: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


@functools.lru_cache(maxsize=None)
def _codes(path: Path) -> list[tuple[str, float]]:
    """(decoded text, symbol width in cm) of every QR code on every page, read from a 150 dpi render."""
    found = []
    png = subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(path)], capture_output=True, check=True).stdout
    # pdftoppm writes one PNG after another to stdout; split them at the PNG signature.
    sig = b"\x89PNG\r\n\x1a\n"
    for chunk in png.split(sig)[1:]:
        img = Image.open(io.BytesIO(sig + chunk))
        for r in zxingcpp.read_barcodes(img):
            p = r.position
            width_px = math.dist((p.top_left.x, p.top_left.y), (p.top_right.x, p.top_right.y))
            found.append((r.text, width_px / DPI * 2.54))
    return found


@pytest.mark.parametrize("doc", ["elevark.pdf", "foraeldrebrev.pdf", "plakat.pdf"])
def test_handouts_letter_and_poster_are_exactly_one_page(printed, doc):
    plans, paths = printed
    for key in plans:
        assert _pages(paths[f"{key}__{doc}"]) == 1, f"{key}: {doc} fylder mere end én side"
        if key.startswith("special"):
            assert _pages(paths[f"{key}__elevark-almindeligt.pdf"]) == 1, key


def test_the_first_page_of_the_teacher_plan_holds_the_clock_time_timeline(printed):
    plans, paths = printed
    for key, plan in plans.items():
        first = _text(paths[f"{key}__laererplan.pdf"], 1)
        for row in O.schedule(plan, INFO.start):
            assert f"{row.start}–{row.end}" in first, f"{key}: {row.start}–{row.end} ({row.title}) er ikke på side 1"
        assert "Kontaktperson på skolen" in first, key
        assert "elevark" in first, f"{key}: materialelisten mangler på side 1"
        assert first.count("08:15") == 1, key
        if plan.minutes > 120:
            assert "Modul 4" in first, key


def test_qr_codes_are_large_enough_and_lead_to_the_helplines(printed):
    plans, paths = printed
    for key, plan in plans.items():
        urls = {h.url for h in plan.helplines if h.url}
        for doc, least in (("elevark.pdf", 2.5), ("foraeldrebrev.pdf", 2.5), ("plakat.pdf", 4.0)):
            for text, cm in _codes(paths[f"{key}__{doc}"]):
                assert text in urls, f"{key} {doc}: QR-koden fører til {text}"
                assert cm >= least - 0.05, f"{key} {doc}: QR-symbolet til {text} er {cm:.2f} cm (mindst {least})"


def test_the_poster_has_the_child_line_in_very_large_type_and_at_most_three_codes(printed):
    plans, paths = printed
    for key in plans:
        path = paths[f"{key}__plakat.pdf"]
        assert "116 111" in _text(path, 1), key
        assert len(_codes(path)) <= 3, key
        assert "Side 1" not in _text(path, 1), key


HEADINGS = {"Forberedelse", "Læringsmål", "Klassens aftaler", "Øvelserne", "Det siger loven", "Hvis en elev fortæller noget",
            "Hjælp og kontakter", "Kilder og forbehold", "Det siger du", "Det skal du bruge"}


def test_no_page_ends_with_a_heading_or_a_label(printed):
    plans, paths = printed
    for key, plan in plans.items():
        heads = HEADINGS | {f"{n}. {plan.exercise(a.exercise_id).title}"
                            for n, a in enumerate(plan.exercise_activities, 1)}
        for doc in ("laererplan.pdf", "foraeldrebrev.pdf"):
            path = paths[f"{key}__{doc}"]
            for page in range(1, _pages(path)):
                lines = [x.strip() for x in _text(path, page).splitlines() if x.strip()]
                lines = [x for x in lines if not re.fullmatch(r"Side \d+ af \d+", x)]
                last = re.sub(r"\s+", " ", lines[-1]) if lines else ""
                assert not last.endswith(":"), f"{key} {doc} s. {page} slutter med »{last}«"
                assert not any(h.startswith(last) or h == last for h in heads if len(last) > 6), \
                    f"{key} {doc} s. {page} slutter med overskriften »{last}«"


def test_kort_og_skilte_has_a_page_for_every_printed_prop_and_cards_never_overflow(printed):
    plans, paths = printed
    for key, plan in plans.items():
        pages = P.layout(plan, INFO.pupils)
        where = P.where(plan, INFO.pupils)
        for need in O.needs(plan, INFO.pupils):
            if need.printed and need.kind != "handout":
                assert (need.exercise_id, need.prop) in where, f"{key}: {need.name} har ingen side i kort og skilte"
        name = f"{key}__kort-og-skilte.pdf"
        if not pages:
            assert name not in paths
            continue
        # One page per laid-out sheet, the cover first: a card text that overflowed its card would push a sheet
        # onto two pages.
        assert _pages(paths[name]) == len(pages), key
        text = _text(paths[name], 1)
        assert "OpenMoji" in text, key


# --- Every handout of every class, the youngest's sheet, the poster ------------------------------------------

CLASSES = (("indskoling", None), ("mellemtrin", None), ("udskoling", None), ("special", "indskoling"),
           ("special", "mellemtrin"), ("special", "udskoling"))
A4_PT = (595.3, 841.9)


def _plans_of_every_class(content):
    """(key, plan) for band × pupils' age × length × theme (no theme and each theme the class may have)."""
    for band, age in CLASSES:
        for template in TEMPLATES:
            for theme in [None, *content.by_id("themes")]:
                try:
                    plan = L.assemble(content, {"band": band, "age_band": age, "template": template,
                                                "themes": [theme] if theme else []})
                except L.PlanError:
                    continue  # the theme does not suit the class, or too few exercises fill the length
                yield f"{band}-{age or band}-{template}-{theme or 'alle'}", plan


@pytest.fixture(scope="module")
def handouts(content, tmp_path_factory):
    """Every handout of every class as PDF, in one LibreOffice run; sheets that come out alike are rendered once."""
    import hashlib
    import zipfile

    files, seen = {}, set()
    for key, plan in _plans_of_every_class(content):
        for kind in K.kinds_of(plan, printed_only=True):
            if not kind.name.startswith("handout"):
                continue
            data = kind.build(K.kit_view(plan, INFO))
            body = hashlib.sha256(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).hexdigest()
            if body not in seen:
                seen.add(body)
                files[f"{key}__{kind.file_name}"] = data
    out = tmp_path_factory.mktemp("handouts")
    paths = {}
    for name, data in PDF.to_pdf(files).items():
        paths[name] = out / name
        paths[name].write_bytes(data)
    return paths


@functools.lru_cache(maxsize=None)
def _words(path: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) in points from the top left of the page, as pdftotext places them."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def test_every_handout_of_every_class_is_exactly_one_page_with_its_help_on_it(handouts):
    assert len(handouts) > 20
    for name, path in handouts.items():
        assert _pages(path) == 1, f"{name}: elevarket fylder {_pages(path)} sider"
        text = _text(path, 1)
        assert "Her kan du få hjælp" in text and "116 111" in text, name


def test_the_youngest_read_large_type_beside_large_pictures_on_a_sheet_they_use(content, handouts):
    young = {n: p for n, p in handouts.items() if "-indskoling-" in n and "almindeligt" not in n}
    assert young
    for name, path in young.items():
        words = _words(path)
        body = [w for w in words if w[4] < A4_PT[1] - 60]  # the footer's picture credit is small print
        lowest = max(w[4] for w in body)
        assert lowest >= A4_PT[1] * 0.66, f"{name}: teksten slutter {lowest / A4_PT[1]:.0%} nede på siden"
        heights = sorted(w[4] - w[2] for w in body)
        assert heights[len(heights) // 2] >= 15, f"{name}: det meste af teksten er under 14 pt"
    for key, plan in _plans_of_every_class(content):
        if plan.age_band == "indskoling":
            doc = Document(io.BytesIO(K.student_handout(plan, info=INFO)))
            widths = [s.width.cm for s in doc.inline_shapes]
            assert widths and min(widths) >= 1.6, f"{key}: piktogrammerne er {min(widths or [0]):.1f} cm"


def _ink_box(path: Path, dpi: int = 30) -> tuple[float, float, float, float]:
    """The box around everything printed on page 1, as shares of the page's width and height."""
    png = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-gray", "-png", str(path)],
                         capture_output=True, check=True).stdout
    img = Image.open(io.BytesIO(png)).convert("L")
    box = img.point(lambda v: 255 if v < 215 else 0).getbbox()
    return box[0] / img.width, box[1] / img.height, box[2] / img.width, box[3] / img.height


def test_the_poster_fills_at_least_two_thirds_of_the_page(printed):
    plans, paths = printed
    for key in plans:
        left, top, right, bottom = _ink_box(paths[f"{key}__plakat.pdf"])
        assert bottom - top >= 2 / 3 and right - left >= 2 / 3, f"{key}: plakaten fylder {bottom - top:.0%} af højden"


# --- Kort og skilte: every word on its card, readable on its band, no paper wasted ---------------------------

def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    def lum(c):
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in (x / 255 for x in c)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@functools.lru_cache(maxsize=None)
def _render(path: Path, page: int, dpi: int = DPI, top_pt: float | None = None) -> Image.Image:
    """One page as a picture, or only its top `top_pt` points (a fifth of the work for a sign's band). Cached as the
    other readers are: a PDF of the module's fixtures never changes. Callers only read it (crop gives a new one)."""
    strip = ["-x", "0", "-y", "0", "-W", "100000", "-H", str(math.ceil(top_pt / 72 * dpi) + 2)] if top_pt else []
    png = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), *strip, "-png", str(path)],
                         capture_output=True, check=True).stdout
    return Image.open(io.BytesIO(png)).convert("RGB")


def test_no_sign_label_is_clipped_or_faint_on_its_band(printed):
    plans, paths = printed
    band_pt = 2.4 / 2.54 * 72
    checked = 0
    for key, plan in plans.items():
        for n, page in enumerate(P.layout(plan, INFO.pupils), 1):
            if page.kind != "sign":
                continue
            path = paths[f"{key}__kort-og-skilte.pdf"]
            label = [w for w in _words(path, n) if w[4] <= band_pt + 20]
            assert " ".join(w[0] for w in label).startswith(f"s. {n} ·"), f"{key} s. {n}: skiltets linje mangler"
            assert all(w[2] >= 0 and w[4] <= band_pt for w in label), f"{key} s. {n}: linjen er klippet i båndet"
            img = _render(path, n, top_pt=band_pt + 20)
            px = DPI / 72
            x0, y0 = int(min(w[1] for w in label) * px), int(min(w[2] for w in label) * px)
            x1, y1 = int(max(w[3] for w in label) * px), int(max(w[4] for w in label) * px)
            colours = img.crop((x0, y0, x1, y1)).getcolors(1 << 16)
            ground = max(colours)[1]
            ink = max(_contrast(c, ground) for _, c in colours)
            assert ink >= 4.5, f"{key} s. {n}: skiltets linje har kontrast {ink:.1f}:1 på båndet"
            checked += 1
    assert checked


def test_every_card_shows_all_its_text_and_no_sheet_is_less_than_a_third_used(printed):
    plans, paths = printed
    sheet_cm2 = P.USABLE_H * P.PAGE_W
    for key, plan in plans.items():
        pages = P.layout(plan, INFO.pupils)
        partly: dict[tuple, int] = {}
        for n, page in enumerate(pages, 1):
            if not page.lines:
                continue
            path = paths[f"{key}__kort-og-skilte.pdf"]
            words = _words(path, n)
            text = " ".join(w[0] for w in words)
            shown = 0.0
            for card in (c for line in page.lines for c in line):
                said = card.title if card.scene else card.text  # a picture card shows its title, not the description
                last = re.sub('[»«"“”]', "", (said.split() or [""])[-1])
                assert last[-6:] in re.sub("[»«]", "", text), \
                    f"{key} s. {n}: »{card.text[:40]}…« er klippet"
                # The card's caption as printed (»… · 3/7«) tells which cards the render shows, and their size.
                if card.big or re.search(rf"{re.escape(card.caption.rsplit(' · ', 1)[-1])}\b", text):
                    shown += P.USABLE_H / card.rows * P.PAGE_W / 2
            assert shown / sheet_cm2 >= 1 / 3 - 0.001 or page.kind == "cover", \
                f"{key} s. {n}: kun {shown / sheet_cm2:.0%} af arket er brugt"
            if page.kind == "cards" and page.prop is None and page.used() < 0.999:
                for rows in {c.rows for line in page.lines for c in line}:
                    deck = plan.exercise(page.keys[0][0]).cards_per
                    partly[(deck, rows)] = partly.get((deck, rows), 0) + 1
        assert all(v <= 1 for v in partly.values()), f"{key}: flere halvtomme ark af samme kortstørrelse {partly}"


def test_a_sheet_that_says_it_is_anonymous_asks_for_no_name(content):

    sheets = 0
    for e in content.exercises:
        for prop in e.props:
            if prop.kind != "sheet":
                continue
            says = " ".join([e.preparation, e.safety_note, e.pupil_task or "", *e.steps]).lower()
            if re.search(r"anonym|uden navn|ikke dit navn|ikke sit navn", says) and prop.per == "pupil":
                assert prop.anonymous or prop.help_request, f"{e.id}: øvelsen siger anonym, arket beder om et navn"
        for band, age in CLASSES:
            if band not in e.bands or not e.suits(band, age or band) or not any(p.kind == "sheet" for p in e.props):
                continue
            try:
                plan = L.assemble(content, {"band": band, "age_band": age, "template": "lektion", "include": [e.id]})
            except L.PlanError:
                continue
            doc = Document(io.BytesIO(P.props_document(plan)))
            for cell in (c for t in doc.tables for r in t.rows for c in r.cells):
                if not cell.text.startswith("s. ") or "☐" not in cell.text and "____" not in cell.text:
                    continue
                sheets += 1
                text = cell.text.lower()
                if "anonym" in text or "uden navn" in text:
                    assert not re.search(r"navn:\s*_", text), f"{e.id} ({band}): anonymt ark med navnefelt"
                    assert text.count("_" * 40) >= 2, f"{e.id}: ingen linjer til elevens eget spørgsmål"
    assert sheets


EASY_SENTENCE_WORDS = 12
"""Easy-read: short sentences; a picture card holds at most a title of this many words."""


def test_the_scenes_a_server_prepares_are_exactly_the_scenes_kits_show(content):
    """The server's kit worker draws the content's scenes before the first kit (issue 28: a kit with a scene nobody
    had asked for took 0.6 s instead of 0.1 s). Cards and slides of every picture talk show those scenes and no
    other, and once they are prepared a kit draws none."""
    from planner.documents import pictures
    from planner.documents import slides as S

    talks = [e for e in content.exercises if e.method == "billedsamtale"]
    plans = [L.assemble(content, {"band": e.bands[0], "template": "lektion", "include": [e.id],
                                  "age_band": "mellemtrin" if e.bands[0] == "special" else None}) for e in talks]

    def show_every_talk():
        for plan in plans:
            P.props_document(plan)
            S.slide_deck(plan)

    pictures.scene_png.cache_clear()
    show_every_talk()
    shown = pictures.scene_png.cache_info().currsize
    assert shown == len(pictures.content_scenes(content)) > 0
    pictures.scene_png.cache_clear()
    assert pictures.prepare_scenes(content) == shown
    drawn = pictures.scene_png.cache_info().misses
    show_every_talk()
    assert pictures.scene_png.cache_info().misses == drawn  # every scene came ready


def test_a_scene_shows_everyone_its_case_names_and_a_grown_up_a_head_taller_than_a_child(content):
    """OpenMoji draws a grown-up with the same face as a child, and the second person stood smaller: "Elias sagde det
    til en voksen" showed two children, and the teacher two pupils go to was left out. Every scene of the content and
    every line-up of up to three people: all of them stand in the picture, whole, and a grown-up is clearly taller."""
    import itertools

    from planner.documents import pictures

    line_ups = {(*people, *feelings) for k in (1, 2, 3)
                for people in itertools.permutations(("pige", "dreng", "voksen", "laerer", "gruppe"), k)
                for feelings in [(), ("glad",), ("glad", "bekymret")]}
    for ids in sorted(pictures.content_scenes(content) | line_ups):
        layout = pictures.scene_layout(ids)
        named = [i for i in ids if i in pictures.PEOPLE][:3] or ["barn"]  # a scene without people shows a child
        placed = [p for p in layout.pictures if p.id in pictures.PEOPLE]
        assert [p.id for p in placed] == named, ids
        w, h = pictures.SCENE_PX
        assert all(0 <= p.cx - p.size / 2 and p.cx + p.size / 2 <= w for p in placed), ids
        r = h * pictures.BUBBLE_R  # a bubble is whole too
        assert all(0 <= b.cx - r and b.cx + r <= w for b in layout.bubbles), ids
        adults = [p.size for p in placed if p.id in pictures.ADULTS]
        children = [p.size for p in placed if p.id in pictures.CHILDREN]
        if adults and children:
            assert min(adults) >= 1.25 * max(children), ids


def test_every_picture_card_is_one_scene_with_alt_text_and_no_text_to_read(content):
    talks = [e for e in content.exercises if e.method == "billedsamtale"]
    assert talks
    for e in talks:
        band = e.bands[0]
        age = None if band != "special" else "mellemtrin"
        plan = L.assemble(content, {"band": band, "age_band": age, "template": "lektion", "include": [e.id]})
        doc = Document(io.BytesIO(P.props_document(plan)))
        cells = [c for t in doc.tables for r in t.rows for c in r.cells
                 if any(case.title in c.text for case in e.cases) and c.text.startswith("s. ")]
        assert len(cells) == len(e.cases), e.id
        for case in e.cases:
            cell = next(c for c in cells if case.title in c.text)
            pictures = cell._tc.xpath(".//pic:pic")
            alts = [d.get("descr") for d in cell._tc.xpath(".//wp:docPr")]
            assert len(pictures) == 1 and alts[0].startswith("Billede:") and case.text[:30] in alts[0], case.title
            words = [s for s in re.split(r"(?<=[.!?:])\s+", cell.text.split("\n", 1)[-1]) if s.strip()]
            assert all(len(s.split()) <= EASY_SENTENCE_WORDS for s in words), (e.id, cell.text)
            assert case.text not in cell.text  # the description is for the teacher
        teacher = "\n".join(p.text for p in Document(io.BytesIO(K.teacher_plan(plan, INFO))).paragraphs)
        assert all(case.text.split()[0] in teacher and case.title in teacher for case in e.cases), e.id
