"""The parent letter in the family's own language, beside the Danish one: every text translated and traceable to its
Danish source, numbers and addresses untouched, the unreviewed notice on every unreviewed letter, Arabic set
right-to-left, one page in every language for every band, and the choice carried by the page, the CLI, the file and
the link."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from support import AGE, IN_CI, run_cli

from planner.cli import main
from planner.content import translations as T
from planner.content.loader import load_content
from planner.documents import kit as K
from planner.documents import letter as LT
from planner.documents import pdf as PDF
from planner.planning import lesson as L

BANDS = ("indskoling", "mellemtrin", "udskoling", "special")
TEMPLATES = ("lektion", "temadag")
INFO = K.KitInfo(school="Skovvangskolen", class_name="7.b", date="tirsdag 12. januar", teacher="Mette Hansen",
                 letter_languages=list(T.LANGUAGES))
FILE = {k.name: k.file_name for k in K.KIT}
"""The kit's file names by kind (the letters' names follow the Danish letter's)."""
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ARABIC = re.compile(r"[\u0600-\u06ff]")


def _plans(content):
    out = {}
    for band in BANDS:
        for template in TEMPLATES:
            try:
                out[f"{band}-{template}"] = L.assemble(content, {"band": band, "template": template} | AGE.get(band, {}))
            except L.PlanError:
                continue  # a length the band cannot fill: the page says why, and there is no letter to print
    return out


def _text(docx: bytes) -> str:
    doc = Document(io.BytesIO(docx))
    cells = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return BIDI_CONTROLS.sub("", "\n".join([p.text for p in doc.paragraphs] + cells)).replace("\u00a0", " ")


@pytest.fixture(scope="module")
def sources(content):
    return T.letter_sources(content.texts, content.themes, content.helplines)


@pytest.fixture(scope="module")
def letters(content):
    """Every language's letter for every band and length: {(plan key, code): docx bytes}."""
    return {(key, code): K.build(plan, INFO, file_names=[FILE[f"parent_letter_{code}"]])[FILE[f"parent_letter_{code}"]]
            for key, plan in _plans(content).items() for code in T.LANGUAGES}


# --- The translations as content ---------------------------------------------------------------------


def test_every_language_translates_every_text_of_the_current_danish(content, sources):
    assert set(content.translations) == set(T.LANGUAGES)
    for code, f in content.translations.items():
        assert set(f.texts) == set(sources), code
        for key, danish in sources.items():
            assert f.texts[key].text.strip(), (code, key)
            assert f.texts[key].source == T.source_hash(danish), f"{code}: {key} was translated from older Danish"
    assert not [w for w in content.warnings if "translations" in w.file]


def test_numbers_addresses_paragraphs_and_fields_stay_exactly_as_in_danish(content, sources):
    for code, f in content.translations.items():
        for key, danish in sources.items():
            kept = re.findall(r"https?://\S+|§\s*\d+|\d[\d ]*\d|\d|\{[a-z_]+\}", danish)
            for x in kept:
                assert x.strip() in f.texts[key].text, f"{code} {key}: {x!r} must stand unchanged"
            assert T.protected(f.texts[key].text) == T.protected(danish), (code, key)


def test_contact_names_are_never_translated(content, letters):
    names = {h.name for h in content.helplines if h.id in content.texts.parent_letter.contacts}
    for (key, code), data in letters.items():
        text = _text(data)
        printed = [n for n in names if n in text]
        assert printed, (key, code)  # the letter lists contacts by their own names


def test_no_danish_sentence_is_left_in_a_translated_letter(content, sources, letters):
    danish = [d for k, d in sources.items() if len(d) > 15 and "{" not in d and k != "label.notice"]
    for (key, code), data in letters.items():
        text = " ".join(_text(data).split())
        translated = {content.translations[code].texts[k].text for k in sources}
        left = [d for d in danish if d in text and d not in translated]
        assert not left, (key, code, left)


def test_every_unreviewed_letter_says_so_in_its_language_and_in_danish(content, letters):
    for (key, code), data in letters.items():
        f = content.translations[code]
        assert f.status == "unreviewed"
        text = _text(data)
        assert T.NOTICE_DA in text, (key, code)
        assert f.texts["label.notice"].text in text, (key, code)


def test_a_reviewed_translation_prints_no_notice(content):
    plan = L.assemble(content, {"band": "mellemtrin", "template": "lektion"})
    f = content.translations["pl"].model_copy(update={"status": "reviewed", "reviewed_by": "Anna Nowak, tolk"})
    text = _text(LT.worded_letter(plan, INFO, T.Wording(T.LANGUAGES["pl"], f)))
    assert T.NOTICE_DA not in text and f.texts["label.notice"].text not in text
    assert f.texts["label.heading"].text in text


def test_a_reviewed_file_names_its_translator(content):
    data = content.translations["en"].model_dump() | {"status": "reviewed", "reviewed_by": " "}
    with pytest.raises(ValueError, match="reviewed_by"):
        T.TranslationFile.model_validate(data)


def test_the_danish_letter_is_unchanged_by_the_languages(content):
    plan = L.assemble(content, {"band": "udskoling", "template": "lektion"})
    assert LT.parent_letter(plan, INFO) and _text(LT.parent_letter(plan, INFO)) == _text(
        LT.parent_letter(plan, INFO.model_copy(update={"letter_languages": []})))
    text = _text(LT.parent_letter(plan, INFO))
    assert T.NOTICE_DA not in text and "Kære forældre i 7.b" in text and "Skriv på Aula til Mette Hansen." in text


# --- check: missing and stale translations ------------------------------------------------------------


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_names_every_translation_whose_danish_changed_and_every_missing_one(content_copy, capsys):
    themes = content_copy / "materials" / "themes.yaml"
    _replace(themes, "At billeder og profiler på nettet kan være falske",
             "At billeder, videoer og profiler på nettet kan være falske")
    en = content_copy / "materials" / "translations" / "en.yaml"
    text = en.read_text(encoding="utf-8")
    start = text.index("  letter.closing:\n")
    end = text.index("  letter.talk_tips.0:\n")
    en.write_text(text[:start] + text[end:], encoding="utf-8")
    _replace(content_copy / "materials" / "translations" / "pl.yaml", "osoby poniżej 18 lat", "osoby poniżej 17 lat")

    warnings = [str(w) for w in load_content(content_copy).warnings]
    stale = [w for w in warnings if "theme.deepfakes-og-falske-profiler" in w and "ændret" in w]
    assert len(stale) == len(T.LANGUAGES)
    assert any("en.yaml" in w and "letter.closing" in w and "mangler" in w for w in warnings)
    assert any("pl.yaml" in w and "letter.if_something_happens.1" in w and "18" in w for w in warnings)

    assert main(["--root", str(content_copy), "check"]) == 0  # a stale translation does not stop the app
    out = capsys.readouterr().out
    assert "theme.deepfakes-og-falske-profiler" in out and "letter.closing" in out
    assert T.source_hash("At billeder, videoer og profiler på nettet kan være falske, og at et falsk billede også "
                         "kan gøre ondt.") in out  # the new stamp, for the translator who has checked it again


# --- Right to left ---------------------------------------------------------------------------------------


def test_the_arabic_letter_is_set_right_to_left_with_numbers_as_left_to_right_runs(letters):
    for (key, code), data in letters.items():
        doc = Document(io.BytesIO(data))
        body = doc.element.body
        paragraphs = list(body.iter(qn("w:p")))
        if not T.LANGUAGES[code].rtl:
            assert not body.findall(".//" + qn("w:bidi")), (key, code)
            continue
        for tbl in body.iter(qn("w:tbl")):
            assert tbl.find(qn("w:tblPr")).find(qn("w:bidiVisual")) is not None
        for p in paragraphs:
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            if T.NOTICE_DA in text:  # the Danish notice reads left to right
                assert p.find(qn("w:pPr")) is None or p.find(qn("w:pPr")).find(qn("w:bidi")) is None
                continue
            assert p.find(qn("w:pPr")).find(qn("w:bidi")) is not None, text
            for r in p.iter(qn("w:r")):
                rtext = "".join(t.text or "" for t in r.iter(qn("w:t")))
                rpr = r.find(qn("w:rPr"))
                if ARABIC.search(rtext):
                    assert rpr.find(qn("w:rtl")) is not None
                    assert rpr.find(qn("w:rFonts")).get(qn("w:cs")) == T.LANGUAGES[code].font
                    assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "ar-SA"
                    assert not re.search(r"\d", rtext), "a number inside Arabic text is a run of its own"
                    if rpr.find(qn("w:b")) is not None:
                        assert rpr.find(qn("w:bCs")) is not None
                elif re.search(r"\d", rtext):
                    assert rpr is None or rpr.find(qn("w:rtl")) is None
                    assert re.search(r"\d", BIDI_CONTROLS.sub("", rtext)) and rtext.startswith("\u200e")
        defaults = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
        assert defaults.get(qn("w:cs")) == T.LANGUAGES[code].font and defaults.get(qn("w:cstheme")) is None


def test_the_bidi_marks_are_made_by_the_letter_not_taken_from_what_a_teacher_types(content):
    plan = L.assemble(content, {"band": "mellemtrin", "template": "lektion"})
    typed = K.KitInfo(**(INFO.model_dump() | {"class_name": "7.\u202eb", "teacher": "Mette\u2066 Hansen"}))
    assert typed.class_name == "7.b" and typed.teacher == "Mette Hansen"
    text = "".join(t.text or "" for t in Document(io.BytesIO(LT.parent_letter_in("ar")(plan, typed)))
                   .element.body.iter(qn("w:t")))
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200f]", text)  # only left-to-right marks, and only ours
    assert "\u200e7.b\u200e" in text


# --- The kit, the file, the link, the CLI -----------------------------------------------------------


def test_the_kit_holds_the_danish_letter_and_one_per_chosen_language(content):
    plan = L.assemble(content, {"band": "mellemtrin", "template": "lektion"})
    chosen = plan.model_copy(update={"kit": K.KitInfo(letter_languages=["uk", "ar"])})
    names = list(K.build_kit(chosen))
    letters = [FILE[x] for x in ("parent_letter", "parent_letter_ar", "parent_letter_uk")]
    assert [n for n in names if n in FILE.values() and "brev" in n] == letters  # in the registry's order
    assert len({K.BY_FILE[n].name for n in letters}) == 3
    labels = {n: label for label, n in K.documents_of(chosen)}
    assert labels[FILE["parent_letter_ar"]] == "Forældrebrev på arabisk (ikke gennemlæst)"
    assert not [n for n in K.build_kit(plan) if K.BY_FILE[n].name.startswith("parent_letter_")]


def test_the_languages_travel_in_the_saved_file_and_the_link(content):
    plan = L.assemble(content, {"band": "udskoling", "template": "lektion"})
    plan = plan.model_copy(update={"kit": K.KitInfo(letter_languages=["tr", "en"])})
    assert plan.kit.letter_languages == ["en", "tr"]
    assert L.from_json(L.to_json(plan), content).kit.letter_languages == ["en", "tr"]
    query = L.plan_to_query(plan)
    assert query["sprog"] == "en,tr"
    assert L.plan_from_query(content, query).kit.letter_languages == ["en", "tr"]
    with pytest.raises(L.PlanError, match="sprog"):
        L.plan_from_query(content, query | {"sprog": "en,klingon"})


@pytest.mark.parametrize("given", ["xx", "en,ar,uk,pl,so,tr,de", "1", ["en", 3]])
def test_an_unknown_language_is_refused_in_danish(given):
    with pytest.raises(ValueError, match="sprog"):
        K.KitInfo(letter_languages=given)


def test_cli_writes_a_letter_per_language(tmp_path, capsys):
    out = tmp_path / "kit"
    assert main(["kit", "--band", "mellemtrin", "--template", "lektion", "--letter-languages", "en, AR,en",
                 "--out", str(out)]) == 0
    letters = {FILE[x] for x in ("parent_letter", "parent_letter_en", "parent_letter_ar")}
    assert letters <= {p.name for p in out.iterdir()}
    assert not [p for p in out.iterdir() if p.name in FILE.values() and p.name not in letters and "brev" in p.name]


@pytest.mark.parametrize("given", ["en,xx", "a" * 200])
def test_cli_refuses_an_unknown_language_before_any_work(tmp_path, capsys, given):
    out = tmp_path / "kit"
    with pytest.raises(SystemExit) as exc:
        main(["kit", "--band", "mellemtrin", "--template", "lektion", "--letter-languages", given, "--out", str(out)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--letter-languages" in err and "Traceback" not in err
    assert not out.exists()


def test_the_lesson_page_offers_the_languages_and_keeps_them_in_the_plan_and_link():
    from test_app import app, make_lesson

    at = app()
    make_lesson(at, "mellemtrin", "lektion")
    choice = at.multiselect(key="kit_languages")
    assert choice.options == [T.language_label(c) for c in T.LANGUAGES]  # the teacher sees what is unreviewed
    choice.set_value(["ar", "en"]).run()
    assert not at.exception, at.exception
    assert at.session_state["lesson_plan"].kit.letter_languages == ["en", "ar"]
    labels = [b.label for b in at.download_button]
    assert "Forældrebrev på arabisk (ikke gennemlæst)" in labels and "Forældrebrev" in labels
    assert at.query_params["sprog"] in ("en,ar", ["en,ar"])


# --- On paper --------------------------------------------------------------------------------------


@pytest.mark.skipif(not (PDF.available() and shutil.which("pdftotext")) and not IN_CI,
                    reason="LibreOffice and poppler-utils are not installed")
def test_every_letter_renders_on_one_page_in_every_language_with_its_numbers_intact(letters, tmp_path):
    pdfs = PDF.to_pdf({f"{key}-{code}.docx": data for (key, code), data in letters.items()})
    assert len(pdfs) == len(letters)
    for name, data in pdfs.items():
        path = tmp_path / name
        path.write_bytes(data)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), f"{name} is more than one page"
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        text = BIDI_CONTROLS.sub("", text).replace("\u00a0", " ")
        assert "116 111" in text and "7.b" in text, name
        if "-ar." in name:
            assert "نتحدث عن الجسد" in text  # Arabic extracts in logical (reading) order
            assert "111 116" not in text and "b.7" not in text
            fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
            assert "NotoNaskhArabic" in fonts  # the named font has the glyphs: no boxes in its place


def test_a_reviewed_letter_with_a_text_the_translator_never_saw_says_it_is_unreviewed(content):
    plan = L.assemble(content, {"band": "mellemtrin", "template": "lektion"})
    f = content.translations["en"]
    changed = {k: v.model_copy(update={"source": "0000000000"}) if k == "letter.why" else v for k, v in f.texts.items()}
    reviewed = f.model_copy(update={"status": "reviewed", "reviewed_by": "Jane Doe, Aarhus Kommune", "texts": changed})
    text = _text(LT.worded_letter(plan, INFO, T.Wording(T.LANGUAGES["en"], reviewed)))
    assert T.NOTICE_DA in text and f.texts["label.notice"].text in text
    assert text.index(T.NOTICE_DA) < text.index(f.texts["label.heading"].text)  # at the top, before the letter


# --- Per class in the year plan ------------------------------------------------------------------


def test_the_year_plans_kits_hold_each_classs_chosen_languages_and_next_year_keeps_them(content, tmp_path):
    import zipfile

    from planner.planning import yearplan as Y

    out = tmp_path / "aar"
    assert main(["yearplan", "--school", "Skovvangskolen=6.a,6.b,9.a", "--sessions", "1", "--school-year", "2026/27",
                 "--letter-languages", "6.a=ar,en", "--letter-languages", "9.a=so", "--kits", "--out", str(out)]) == 0
    [kits] = out.glob("*klassesaet.zip")
    names = zipfile.ZipFile(kits).namelist()
    extra = {(n.split("/")[0], K.BY_FILE[n.rsplit("/", 1)[1]].name) for n in names
             if K.BY_FILE.get(n.rsplit("/", 1)[1]) and K.BY_FILE[n.rsplit("/", 1)[1]].name.startswith("parent_letter")}
    assert extra == {("6-a", "parent_letter"), ("6-a", "parent_letter_ar"), ("6-a", "parent_letter_en"),
                     ("6-b", "parent_letter"), ("9-a", "parent_letter"), ("9-a", "parent_letter_so")}

    [saved] = [p for p in out.glob("*.json")]
    plan = Y.YearPlan.model_validate_json(saved.read_text(encoding="utf-8"))
    assert plan.request.schools[0].letter_languages == {"6.a": ["en", "ar"], "9.a": ["so"]}
    new, _ = Y.next_year(content, plan)
    assert new.request.schools[0].letter_languages == {"7.a": ["en", "ar"]}  # 9.a has left school


@pytest.mark.parametrize(("given", "says"), [("6.z=ar", "6.z"), ("6.a=xx", "xx"), ("ar,en", "klassen")])
def test_the_year_plans_languages_are_refused_in_danish(tmp_path, given, says):
    r = run_cli("yearplan", "--school", "Skovvangskolen=6.a", "--sessions", "1", "--school-year", "2026/27",
                "--letter-languages", given, "--out", tmp_path / "aar")
    assert r.returncode == 2  # refused by the argument parser, before any work
    assert says in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "aar").exists()


def test_the_year_page_keeps_each_classs_languages_in_the_plan():
    from test_app_yearplan import page

    at = page()
    plan = at.session_state["year_plan"]
    names = plan.request.schools[0].classes
    at.multiselect(key=f"yp_lang_0_{names.index('7.a')}").set_value(["ar", "pl"])
    next(b for b in at.button if b.label == "Gem sprog").click().run()
    assert not at.exception, at.exception
    assert at.session_state["year_plan"].request.schools[0].letter_languages == {"7.a": ["ar", "pl"]}
    assert at.multiselect(key=f"yp_lang_0_{names.index('7.a')}").value == ["ar", "pl"]
    assert at.session_state["year_plan"].sessions == plan.sessions  # choosing languages moves no lesson


def test_each_letter_names_its_language_for_spelling_and_screen_readers(letters):
    for (_, code), data in letters.items():
        doc = Document(io.BytesIO(data))
        assert doc.core_properties.language == T.LANGUAGES[code].lang_tag
        lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
        if T.LANGUAGES[code].rtl:  # the script's language is on its runs; Latin names and addresses stay Danish
            assert lang.get(qn("w:bidi")) == T.LANGUAGES[code].lang_tag and lang.get(qn("w:val")) == "da-DK"
        else:
            assert lang.get(qn("w:val")) == T.LANGUAGES[code].lang_tag
        [notice] = [p for p in doc.paragraphs if p.text == T.NOTICE_DA]
        assert all(r._r.find(".//" + qn("w:lang")).get(qn("w:val")) == "da-DK" for r in notice.runs)
