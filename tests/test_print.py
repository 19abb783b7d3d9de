"""The kit as printed: LibreOffice renders every document for every band and length and the theme day, and the
pages are checked as a teacher would look at them – one sheet where one sheet is promised, the clock-time
timeline on the plan's first page, QR codes large enough to scan that lead where they say, no heading left alone
at the foot of a page, and a printed card or sign for every prop the materials list names."""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from planner.documents import kit as K
from planner.documents import pdf as PDF
from planner.documents import props as P
from planner.planning import lesson as L
from planner.planning.lesson import overview as O
from support import AGE, IN_CI

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


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])


def _text(path: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


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


@pytest.mark.parametrize("doc", ["elevark.pdf", "forældrebrev.pdf", "plakat.pdf"])
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
        for doc, least in (("elevark.pdf", 2.5), ("forældrebrev.pdf", 2.5), ("plakat.pdf", 4.0)):
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
        for doc in ("laererplan.pdf", "forældrebrev.pdf"):
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
