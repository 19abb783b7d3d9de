"""Every option of `foraeldremoede`, once with a value a coordinator would give and once with a bad one: the good one
shows its effect in what the command writes, the bad one gets a Danish sentence and exit code 2 before any work."""

from __future__ import annotations

import shutil

import pytest
from pptx import Presentation

from planner.documents import parents as DP
from planner.documents import pdf as PDF
from support import IN_CI
from test_cli_options import docx_text, refused, run

AGENDA, SHEET, DECK = "foraeldremoede-dagsorden.docx", "foraeldremoede-foraeldreark.docx", "foraeldremoede-praesentation.pptx"


def deck_text(path) -> str:
    prs = Presentation(str(path))
    return "\n".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)


def test_it_writes_every_document_of_the_kit(tmp_path):
    code, out, _ = run("foraeldremoede", "--band", "mellemtrin", "--out", tmp_path)
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(k.file_name for k in DP.PARENT_MEETING)


def test_band_fits_the_content_and_an_unknown_band_is_refused(tmp_path):
    run("foraeldremoede", "--band", "udskoling", "--out", tmp_path)
    assert "Udskoling (7.–9. klasse)" in docx_text(tmp_path / AGENDA)
    assert "Kæresten" in docx_text(tmp_path / "foraeldremoede-dilemmakort.docx")
    refused("foraeldremoede", "--band", "gymnasium", "--out", tmp_path / "x", says="gymnasium")
    refused("foraeldremoede", "--out", tmp_path / "x", says="--band")


def test_age_band_sets_a_special_class_age_and_is_refused_for_other_bands(tmp_path):
    run("foraeldremoede", "--band", "special", "--age-band", "udskoling", "--out", tmp_path)
    assert "elever på 13–16 år" in docx_text(tmp_path / AGENDA)
    refused("foraeldremoede", "--band", "special", "--age-band", "voksen", "--out", tmp_path / "x",
            says="voksen")
    refused("foraeldremoede", "--band", "mellemtrin", "--age-band", "udskoling", "--out", tmp_path / "x",
            says="kun for --band special")
    assert not (tmp_path / "x").exists()


def test_minutes_and_start_set_the_agendas_clock_times(tmp_path):
    run("foraeldremoede", "--band", "mellemtrin", "--minutes", "45", "--start", "18.30", "--out", tmp_path)
    text = docx_text(tmp_path / AGENDA)
    assert "18:30–18:35" in text and "19:15" in text and "45 minutter" in text
    refused("foraeldremoede", "--band", "mellemtrin", "--minutes", "50", "--out", tmp_path / "x",
            says="45, 60")
    refused("foraeldremoede", "--band", "mellemtrin", "--start", "aften", "--out", tmp_path / "x",
            says="klokkeslæt")


def test_theme_sets_what_the_children_learn_and_a_theme_too_old_for_the_class_is_refused(content, tmp_path):
    run("foraeldremoede", "--band", "mellemtrin", "--theme", "sextortion", "--out", tmp_path)
    learns = content.by_id("themes")["sextortion"].parent_text
    other = content.by_id("themes")["graenser-og-krop"].parent_text
    assert learns in docx_text(tmp_path / SHEET) and other not in docx_text(tmp_path / SHEET)
    refused("foraeldremoede", "--band", "indskoling", "--theme", "sextortion", "--out", tmp_path / "x",
            says="passer ikke")
    refused("foraeldremoede", "--band", "indskoling", "--theme", "x" * 61, "--out", tmp_path / "x",
            says="højst 60 tegn")


def test_school_class_and_date_stand_on_the_documents_and_too_long_text_is_refused(tmp_path):
    run("foraeldremoede", "--band", "mellemtrin", "--school", "Vestre Skole", "--class", "5.a", "--date",
        "tirsdag 12. januar", "--out", tmp_path)
    assert "5.a" in docx_text(tmp_path / AGENDA) and "tirsdag 12. januar" in docx_text(tmp_path / AGENDA)
    assert "Vestre Skole" in deck_text(tmp_path / DECK)
    for option in ("--school", "--class", "--date"):
        refused("foraeldremoede", "--band", "mellemtrin", option, "x" * 121, "--out", tmp_path / "x",
                says="højst 120 tegn")


def test_out_and_force_never_overwrite_without_asking(tmp_path):
    run("foraeldremoede", "--band", "mellemtrin", "--out", tmp_path)
    before = (tmp_path / SHEET).read_bytes()
    refused("foraeldremoede", "--band", "udskoling", "--out", tmp_path, says="--force")
    assert (tmp_path / SHEET).read_bytes() == before
    code, _, _ = run("foraeldremoede", "--band", "udskoling", "--out", tmp_path, "--force")
    assert code == 0 and (tmp_path / SHEET).read_bytes() != before
    (tmp_path / "fil").write_text("x")
    refused("foraeldremoede", "--band", "mellemtrin", "--out", tmp_path / "fil", says="er en fil")


@pytest.mark.skipif(not PDF.available() and not IN_CI, reason="LibreOffice is not installed")
def test_pdf_writes_every_document_as_pdf_too(tmp_path):
    code, _, _ = run("foraeldremoede", "--band", "mellemtrin", "--out", tmp_path, "--pdf")
    assert code == 0
    for k in DP.PARENT_MEETING:
        pdf = tmp_path / k.file_name.rsplit(".", 1)[0]
        assert pdf.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def test_pdf_without_libreoffice_is_refused_in_danish(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)  # a machine without LibreOffice
    refused("foraeldremoede", "--band", "mellemtrin", "--out", tmp_path / "x", "--pdf", says="LibreOffice")
    assert not (tmp_path / "x").exists()


def test_the_year_plans_kits_put_each_classs_parent_meeting_kit_beside_its_lesson_kits(tmp_path):
    import zipfile

    code, _, _ = run("yearplan", "--school-year", "2026/27", "--from", "2026-08-17", "--school",
                     "Skolen=5.a,Specialklasse A (indskoling)", "--sessions", "1", "--parent-meetings", "--kits",
                     "--out", tmp_path)
    assert code == 0
    with zipfile.ZipFile(tmp_path / "aarshjul-2026-27-klassesaet.zip") as z:
        names = z.namelist()
        for folder in ("5-a", "specialklasse-a"):
            meeting = {n.rsplit("/", 1)[1] for n in names if n.startswith(f"{folder}/00-foraeldremoede/")}
            assert meeting == {k.file_name for k in DP.PARENT_MEETING}, folder
        agenda = tmp_path / "dagsorden.docx"
        agenda.write_bytes(z.read("specialklasse-a/00-foraeldremoede/foraeldremoede-dagsorden.docx"))
        special = docx_text(agenda)
        assert "Specialklasse A" in special and "elever på 6–9 år" in special
