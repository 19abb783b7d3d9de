"""The handling guide: every seed step with its role, contacts that exist, decision helpers and documents."""

import io
import shutil
import subprocess

import pytest
from docx import Document
from streamlit.testing.v1 import AppTest

from support import IN_CI, ROOT
from planner import guide as G
from planner import guide_docs as GD

SEED_STEPS = {
    # The seed's "Inspiration til håndtering af digitale krænkelser", step by step, with the seed's roles.
    "afdaekning": "Afdækning", "vurdering": "Vurdering", "inddragelse": "Inddragelse",
    "dokumentering": "Dokumentering", "logbog": "Logbog", "stop-kendt-kraenker": "Kendt krænker",
    "stop-ukendt-kraenker": "Ukendt krænker", "samarbejde": "Samarbejde", "politianmeldelse": "Politianmeldelse",
    "forsikring": "Forsikring", "faglig-sparring": "Faglig sparring", "hjaelp-de-relevante": "Hjælp de relevante",
    "haandtering-af-omgivelserne": "Håndtering af omgivelserne",
}


def test_every_seed_step_appears_with_a_responsible_role(content):
    steps = {s.id: s for s in content.guide.steps}
    for sid, title in SEED_STEPS.items():
        assert sid in steps and title.casefold() in steps[sid].title.casefold()
        assert steps[sid].responsible and steps[sid].checklist


def test_every_referenced_contact_and_fact_exists(content):
    helplines = {h.id for h in content.helplines}
    facts = {f.id for f in content.facts}
    for s in content.guide.steps:
        assert set(s.contacts) <= helplines and set(s.facts) <= facts


def test_the_police_step_points_to_114_and_the_verified_form():
    from planner.loader import load_content

    c = load_content(ROOT)
    step = next(s for s in c.guide.steps if s.id == "politianmeldelse")
    contacts = {h.id: h for h in G.contacts_for(c, step.contacts, None)}
    assert contacts["politi-114"].phone == "114"
    assert "politi.dk/anmeld " not in step.text  # the seed's short path was never verified


def test_local_contacts_only_for_the_chosen_kommune(content):
    ids = [h.id for h in content.helplines]
    assert all(h.region == "national" for h in G.contacts_for(content, ids, None))
    assert any(h.region == "Aarhus" for h in G.contacts_for(content, ids, "Aarhus"))


def test_decision_helpers():
    titles = lambda **kw: [a.title for a in G.advise(**kw)]  # noqa: E731
    minor_images = titles(victim_age="15-17", images=True)
    assert "Billeder af en under 18 år" in minor_images and "Skærpet underretningspligt" in minor_images
    assert "Den krænkede er under 15 år" in titles(victim_age="under-15")
    adult = titles(victim_age="18+", images=True)
    assert "Billeder af en under 18 år" not in adult and "Skærpet underretningspligt" not in adult
    assert titles(offender_known=True)[-1] == "Kendt krænker"
    assert "Ukendt krænker" in titles(offender_known=False)
    assert "Krænkeren er under 15 år" in titles(offender_known=True, offender_age="under-15")
    first = G.advise(acute_danger=True)[0]
    assert first.urgent and "112" in first.text
    for a in G.advise(victim_age="under-15", images=True, threats=True, offender_known=True, offender_age="under-15"):
        assert a.steps


def test_advice_points_only_at_existing_facts_and_steps(content):
    facts = {f.id for f in content.facts}
    steps = {s.id for s in content.guide.steps}
    for a in G.advise(victim_age="under-15", images=True, threats=True, offender_known=True, offender_age="under-15",
                      acute_danger=True):
        assert set(a.facts) <= facts and set(a.steps) <= steps


def docx_text(data):
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        parts += [c.text for row in t.rows for c in row.cells]
    return doc, "\n".join(parts)


def test_documents_open_again(content):
    docs = GD.guide_documents(content, "Aarhus")
    doc, text = docx_text(docs["handleguide-tjekliste.docx"])
    for title in SEED_STEPS.values():
        assert title.casefold() in text.casefold()
    assert text.count("☐") == sum(len(s.checklist) for s in content.guide.steps)
    doc, text = docx_text(docs["logbog.docx"])
    assert [c.text for c in doc.tables[0].rows[0].cells][:3] == ["Dato", "Tid", "Hvem"]
    assert "ikke selve billedet" in text or "aldrig selve billedet" in text
    assert doc.sections[0].page_width > doc.sections[0].page_height  # landscape, room to write
    doc, text = docx_text(docs["beredskabsplan.docx"])
    assert "Hvem gør hvad hos os" in text and "Ungekontakten" in text and "fra pjecen, ikke bekræftet" in text
    for r in content.guide.roles:
        assert GD.SHORT_ROLES[r.id] in text and r.tasks[0] in text


def test_cli_writes_the_guide_documents(tmp_path):
    import sys

    r = subprocess.run([sys.executable, "-m", "planner", "guide", "--out", str(tmp_path)], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert {p.name for p in tmp_path.iterdir()} == {"handleguide-tjekliste.docx", "logbog.docx", "beredskabsplan.docx"}


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(not SOFFICE and not IN_CI, reason="LibreOffice er ikke installeret (installeres af .ci/run)")
def test_checklist_fits_two_pages_in_a_word_processor(content, tmp_path):
    assert SOFFICE, "LibreOffice skal være installeret i CI"
    f = tmp_path / "tjekliste.docx"
    f.write_bytes(GD.checklist(content, "Aarhus"))
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(f)], check=True, capture_output=True,
                   timeout=120)
    info = subprocess.run(["pdfinfo", str(tmp_path / "tjekliste.pdf")], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 1 <= pages <= 2


def test_app_page_walks_through_the_guide():
    at = AppTest.from_file(str(ROOT / "planner" / "app.py"), default_timeout=30).run()
    at.switch_page("app_pages/handleguide.py").run()
    assert not at.exception
    assert at.title[0].value == "Handleguide"
    assert any("gemmer intet" in i.value for i in at.info)
    at.radio(key="g_age").set_value("under-15").run()
    at.checkbox(key="g_images").check().run()
    warnings = " ".join(w.value for w in at.warning)
    assert "Billeder af en under 18 år" in warnings and "under 15 år" in warnings
    at.checkbox(key="g_danger").check().run()
    assert any("Ring 112" in e.value for e in at.error)
    at.checkbox(key="g_afdaekning_0").check().run()
    assert "1 af" in at.get("progress")[0].proto.text
    labels = [b.label for b in at.download_button]
    assert {"Tjekliste (Word)", "Logbog til forældre (Word)", "Beredskabsplan – skabelon (Word)"} <= set(labels)
    at.selectbox(key="g_kommune").select("Aarhus").run()
    assert not at.exception


def test_ticks_survive_a_visit_to_another_page():
    at = AppTest.from_file(str(ROOT / "planner" / "app.py"), default_timeout=30).run()
    at.switch_page("app_pages/handleguide.py").run()
    at.checkbox(key="g_afdaekning_0").check().run()
    at.radio(key="g_age").set_value("15-17").run()
    at.switch_page("app_pages/kontakter.py").run()
    at.switch_page("app_pages/handleguide.py").run()
    assert at.checkbox(key="g_afdaekning_0").value is True
    assert at.radio(key="g_age").value == "15-17"
