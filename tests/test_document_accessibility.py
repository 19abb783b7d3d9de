"""Every document Klassekit makes, read as a screen reader and a reader with low vision would: Danish, a title,
real headings in order, alt text on every picture, data tables with a header row, text that never rests on colour
alone and has the contrast WCAG 2.1 AA asks (4.5:1, 3:1 for large text); as PDF tagged, titled and in Danish."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from pptx import Presentation

from planner.documents import guide_docs as G
from planner.documents import kit as K
from planner.documents import pdf as PDF
from planner.documents import slides as DS
from planner.documents import yearplan_docx as XD
from planner.planning import lesson as L
from planner.planning import yearplan as Y
from support import AGE, IN_CI

BANDS = ("indskoling", "mellemtrin", "udskoling", "special")
INFO = K.KitInfo(school="Skovvangskolen", class_name="4.b", date="tirsdag 12. januar", teacher="Mette Hansen")
W = {t: qn(f"w:{t}") for t in ("p", "r", "t", "tbl", "tr", "tc", "trPr", "tblHeader", "pPr", "pStyle", "rPr", "b",
                               "color", "sz", "shd", "val", "fill", "outlineLvl", "lang", "tcPr", "drawing")}


@pytest.fixture(scope="module")
def documents(content) -> dict[str, bytes]:
    """Every kind of Word document: the kit of every band (theme day too), the guide's documents, the year plan."""
    files = {}
    for band in BANDS:
        for template in ("lektion", "temadag"):
            plan = L.assemble(content, {"band": band, "template": template, "kommune": "Aarhus"} | AGE.get(band, {}))
            for name, data in K.print_kit(plan, INFO).items():
                files[f"{band}-{template}/{name}"] = data
    for name, data in G.guide_documents(content, "Aarhus").items():
        files[f"handleguide/{name}"] = data
    year = Y.build_plan(content, Y.YearPlanRequest(school_year=Y.default_school_year(content),
                                                   grades=list(Y.GRADES), parent_meetings=True))
    files["aarshjul/aarshjul.docx"] = XD.to_docx(year)
    return files


def _styles(doc):
    return {s.style_id: s for s in doc.styles}


def _outline_level(doc, p) -> int | None:
    """A paragraph's heading level (1 = top) as Word's navigation and LibreOffice's PDF tags see it: the outline
    level of its own properties, else of its style or the style that style is based on."""
    own = p.find(f"{W['pPr']}/{W['outlineLvl']}")
    if own is not None:
        return int(own.get(W["val"])) + 1
    ps = p.find(f"{W['pPr']}/{W['pStyle']}")
    style = _styles(doc).get(ps.get(W["val"])) if ps is not None else None
    while style is not None:
        lvl = style.element.find(f"{W['pPr']}/{W['outlineLvl']}")
        if lvl is not None:
            n = int(lvl.get(W["val"]))
            return n + 1 if n < 9 else None  # 9 is "body text"
        style = style.base_style
    return None


def _parts(doc):
    """The body and every header and footer: a picture in a page header needs its alt text as much."""
    yield doc.element.body
    for sec in doc.sections:
        for hf in (sec.header, sec.footer, sec.first_page_header, sec.first_page_footer):
            if not hf.is_linked_to_previous:
                yield hf._element


def test_every_document_is_danish_and_titled(documents):
    for name, data in documents.items():
        doc = Document(io.BytesIO(data))
        assert doc.core_properties.title.strip(), name
        langs = {el.get(W["val"]) for el in doc.styles.element.iter(W["lang"])}
        assert langs == {"da-DK"}, (name, langs)
        for p in doc.element.body.iter(W["p"]):  # no paragraph or run that says it is in another language
            for el in p.iter(W["lang"]):
                assert el.get(W["val"]) in (None, "da-DK"), name


def test_headings_are_real_and_never_skip_a_level(documents):
    for name, data in documents.items():
        doc = Document(io.BytesIO(data))
        levels = [lvl for p in doc.element.body.iter(W["p"]) if (lvl := _outline_level(doc, p))]
        assert levels, f"{name} har ingen overskrifter"
        assert levels[0] == 1, (name, levels)
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{name}: overskrift på niveau {after} efter niveau {before} ({levels})"


def test_every_picture_has_alt_text(documents):
    pictures = 0
    for name, data in documents.items():
        doc = Document(io.BytesIO(data))
        for part in _parts(doc):
            for drawing in part.iter(W["drawing"]):
                pictures += 1
                doc_pr = drawing.find(f".//{qn('wp:docPr')}")
                assert doc_pr is not None and (doc_pr.get("descr") or "").strip(), name
                assert len(doc_pr.get("descr")) >= 5, (name, doc_pr.get("descr"))
    assert pictures > 50  # QR codes, pictograms and the year wheel were all looked at


def _is_bold_text(tc) -> bool:
    runs = [r for r in tc.iter(W["r"]) if "".join(t.text or "" for t in r.iter(W["t"])).strip()]
    return bool(runs) and all(r.find(f"{W['rPr']}/{W['b']}") is not None for r in runs)


def test_data_tables_have_a_header_row(documents):
    """A data table (the Table Grid style with rows and columns, or a first row of bold column names) marks its first
    row as the header row, which Word repeats on every page and a PDF tags as column headers. Tables that only lay
    out cards, contacts beside their QR code or a list in columns have no header to give."""
    data_tables = 0
    for name, data in documents.items():
        doc = Document(io.BytesIO(data))
        for tbl in doc.element.body.iter(W["tbl"]):
            rows = tbl.findall(W["tr"])
            first = rows[0].findall(W["tc"]) if rows else []
            style = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
            grid = style is not None and style.get(W["val"]) == "TableGrid"
            looks_like_data = len(rows) >= 2 and len(first) >= 2 and (grid or all(map(_is_bold_text, first)))
            if looks_like_data:
                data_tables += 1
                assert rows[0].find(f"{W['trPr']}/{W['tblHeader']}") is not None, f"{name}: tabel uden overskriftsrække"
    assert data_tables >= 20


def _hex(c: str) -> tuple[float, float, float]:
    return tuple(int(c[i:i + 2], 16) / 255 for i in (0, 2, 4))


def _luminance(c: str) -> float:
    lin = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in _hex(c)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _style_chain(doc, p):
    ps = p.find(f"{W['pPr']}/{W['pStyle']}")
    style = _styles(doc).get(ps.get(W["val"])) if ps is not None else doc.styles["Normal"]
    while style is not None:
        yield style.element
        style = style.base_style


def _first(els, path):
    for el in els:
        if el is None:
            continue
        found = el.find(path)
        if found is not None:
            return found
    return None


def _run_look(doc, p, r) -> tuple[str, float, bool]:
    """A run's text colour (hex), size in points and boldness: the run's own, else its paragraph style's chain,
    else the document defaults."""
    chain = [r.find(W["rPr"])] + [s.find(W["rPr"]) for s in _style_chain(doc, p)]
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{W['rPr']}")
    chain.append(defaults)
    color = _first(chain, W["color"])
    sz = _first(chain, W["sz"])
    bold = _first(chain, W["b"])
    value = color.get(W["val"]) if color is not None else "auto"
    return ("000000" if value == "auto" else value, int(sz.get(W["val"])) / 2 if sz is not None else 11.0,
            bold is not None and bold.get(W["val"]) not in ("0", "false"))


def test_text_has_contrast_and_colour_never_carries_it_alone(documents):
    """Every coloured cell holds words (a colour is never the message on its own: the red sign says »Rød« as well),
    and every run of text has 4.5:1 against its background – 3:1 when large (18 pt, or 14 pt bold)."""
    checked = 0
    for name, data in documents.items():
        doc = Document(io.BytesIO(data))
        for tc in doc.element.body.iter(W["tc"]):
            shd = tc.find(f"{W['tcPr']}/{W['shd']}")
            fill = shd.get(W["fill"]) if shd is not None else None
            if fill and fill != "auto":
                words = "".join(t.text or "" for t in tc.iter(W["t"])).strip()
                assert words, f"{name}: en farvet celle uden tekst"
        for p in doc.element.body.iter(W["p"]):
            tc = next((a for a in p.iterancestors(W["tc"])), None)
            shd = tc.find(f"{W['tcPr']}/{W['shd']}") if tc is not None else None
            background = shd.get(W["fill"]) if shd is not None and shd.get(W["fill"]) not in (None, "auto") else "FFFFFF"
            for r in p.findall(W["r"]):
                text = "".join(t.text or "" for t in r.iter(W["t"])).strip()
                if not text:
                    continue
                color, size, bold = _run_look(doc, p, r)
                need = 3.0 if size >= 18 or (bold and size >= 14) else 4.5
                ratio = contrast(color, background)
                checked += 1
                assert ratio >= need, (f"{name}: »{text[:40]}« har kontrast {ratio:.2f}:1 ({color} på {background}, "
                                       f"{size} pt{' fed' if bold else ''}); kravet er {need}:1")
    assert checked > 1000


@pytest.mark.skipif(not (PDF.available() and shutil.which("pdfinfo")) and not IN_CI,
                    reason="LibreOffice og poppler-utils er ikke installeret")
def test_every_kind_of_pdf_is_tagged_titled_and_danish(content, documents):
    """One of each kind (the special band's kit has them all, and the easy-read handout), in one LibreOffice run."""
    kinds = {name.replace("/", "__"): data for name, data in documents.items()
             if name.startswith(("special-lektion/", "handleguide/", "aarshjul/"))}
    plan = L.assemble(content, {"band": "udskoling", "template": "lektion"})
    kinds["udskoling-lektion__praesentation.pptx"] = DS.slide_deck(plan)  # the deck for the board, too
    pdfs = PDF.to_pdf(kinds)
    assert len(pdfs) == len(kinds) >= 10
    for name, data in pdfs.items():
        info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
        assert re.search(r"^Tagged:\s+yes$", info, re.M), name
        title = re.search(r"^Title:\s+(.+)$", info, re.M)
        source = next(v for k, v in kinds.items() if k.rsplit(".", 1)[0] == name.removesuffix(".pdf"))
        opened = Presentation(io.BytesIO(source)) if name.startswith("udskoling") else Document(io.BytesIO(source))
        docx_title = opened.core_properties.title
        assert title and title[1].strip() == docx_title, (name, title and title[1])
        assert re.search(rb"/Lang\s*\(da-DK\)", data), f"{name}: dokumentets sprog er ikke da-DK"
        assert b"/StructTreeRoot" in data and b"/MarkInfo" in data, name


def test_the_statement_is_written_from_the_last_recorded_run():
    """docs/tilgaengelighed.md is the statement made from docs/tilgaengelighed-resultat.json, word for word, and that
    run found nothing; the browser test (tests/e2e/test_accessibility.py) checks that the app still gives it."""
    from planner.documents import statement as S

    result = S.load_result()
    assert result is not None, "docs/tilgaengelighed-resultat.json mangler"
    assert S.STATEMENT_FILE.read_text(encoding="utf-8") == S.statement_markdown(result), (
        "docs/tilgaengelighed.md følger ikke den registrerede måling; kør tests/e2e/test_accessibility.py med "
        "KLASSEKIT_A11Y_RESULT=1")
    assert result["states"] and all(s["violations"] == 0 for s in result["states"])
    assert {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"} <= set(result["tags"])
    names = {s["name"] for s in result["states"]}
    assert {"Lektionsplan med en øvelse åben", "Handleguide med beslutningshjælpen besvaret",
            "Årshjul med tabel og hjul"} <= names
    assert any(s["viewport"].startswith("telefon") for s in result["states"])
