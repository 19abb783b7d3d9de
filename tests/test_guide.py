"""The handling guide: every seed step with its role, contacts that exist, decision helpers and documents."""

import dataclasses
import io
import itertools
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from streamlit.testing.v1 import AppTest

from support import IN_CI, ROOT
from planner.planning import guide as G
from planner.documents import guide_docs as GD

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
    from planner.content.loader import load_content

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
    assert "Kendt krænker" in titles(offender_known=True)
    assert "Kendt voksen krænker" in titles(offender_known=True, adult_offender=True)
    assert "Ukendt krænker" in titles(offender_known=False)
    assert "Krænkeren er under 15 år" in titles(offender_known=True, offender_age="under-15")
    first = G.advise(acute_danger=True)[0]
    assert first.urgent and "112" in first.text
    for a in G.advise(victim_age="under-15", images=True, threats=True, offender_known=True, offender_age="under-15"):
        assert a.steps


# Every combination of the answers the page can give to the decision helper.
ANSWERS = list(itertools.product(
    ["under-15", "15-17", "18+", "ukendt"],  # victim_age
    [True, False, None],                       # offender_known
    ["under-15", "15+", "ukendt"],             # offender_age
    [True, False],                             # images
    [True, False],                             # threats
    [True, False],                             # acute_danger
    [True, False],                             # adult_offender
))
ARGS = ("victim_age", "offender_known", "offender_age", "images", "threats", "acute_danger", "adult_offender")


def said(advice, *phrases):
    """Whether one piece of advice says all the phrases (case does not matter)."""
    return any(all(p.casefold() in a.text.casefold() for p in phrases) for a in advice)


def test_advice_for_every_combination_of_answers(content):
    assert len(ANSWERS) == 4 * 3 * 3 * 2 * 2 * 2 * 2
    for answers in ANSWERS:
        check_advice(dict(zip(ARGS, answers)), content)


def check_advice(kw, content):
    advice = G.advise(**kw)
    text = " ".join(a.text for a in advice).casefold()
    may_be_minor = kw["victim_age"] != "18+"
    # Sexual images of someone who is or may be under 18: the police the same day, before anyone deletes.
    if kw["images"] and may_be_minor:
        assert said(advice, "politiet (114) samme dag"), kw
        assert said(advice, "§ 235", "uden at den krænkede"), kw
        assert said(advice, "før nogen beder om sletning") or said(advice, "før i beder om sletning"), kw
    # Parents are never asked to check the material: they confirm deletion without opening it.
    assert "kontroller" not in text
    if kw["offender_known"] is True and not kw["adult_offender"]:
        assert said(advice, "uden at åbne, vise eller sende billedet"), kw
        # Underretning is for the child who shared or pressured, too.
        assert said(advice, "underrette kommunen", "delt billeder eller presset andre"), kw
    if kw["threats"]:
        assert said(advice, "lad ikke eleven være alene", "ring til forældrene samme dag", "det kan løses",
                    "selvskade"), kw
        assert any("take-it-down" in a.contacts for a in advice), kw
    if kw["adult_offender"]:
        assert said(advice, "spørg ikke ind til detaljer", "kontakt politiet (114) og kommunen samme dag"), kw
    if kw["acute_danger"]:
        assert advice[0].urgent and "112" in advice[0].text
    # Urgent advice comes first, and advice points only at content that exists.
    urgency = [a.urgent for a in advice]
    assert urgency == sorted(urgency, reverse=True), kw
    facts, steps, helplines = ({x.id for x in xs} for xs in (content.facts, content.guide.steps, content.helplines))
    for a in advice:
        assert a.steps and set(a.steps) <= steps and set(a.facts) <= facts and set(a.contacts) <= helplines


def test_advice_points_only_at_existing_facts_and_steps(content):
    facts = {f.id for f in content.facts}
    steps = {s.id for s in content.guide.steps}
    for a in G.advise(victim_age="under-15", images=True, threats=True, offender_known=True, offender_age="under-15",
                      acute_danger=True, adult_offender=True):
        assert set(a.facts) <= facts and set(a.steps) <= steps


def step_texts(step):
    return [step.text, *step.checklist]


def test_the_guide_never_asks_parents_to_check_the_material(content):
    for step in content.guide.steps:
        for t in step_texts(step):
            assert "kontroller" not in t.casefold(), step.id
    known = next(s for s in content.guide.steps if s.id == "stop-kendt-kraenker")
    assert any("politiet (114), før nogen beder om sletning" in t for t in step_texts(known))
    assert any("uden at åbne, vise eller sende billedet" in t for t in step_texts(known))


def test_the_request_rule_of_264_d_is_never_given_for_images_of_under_18s(content):
    """§ 264 d needs the victim's request; sexual images of under-18s (§§ 235, 232) do not. Wherever the guide says the
    first, it says the second beside it."""
    texts = [t for s in content.guide.steps for t in step_texts(s)] + [t for r in content.guide.roles for t in r.tasks]
    request = [t for t in texts if "selv bede politiet" in t]
    assert request
    for t in request:
        assert "under 18 år" in t and "§ 235" in t and "uden at nogen skal bede om det" in t, t
        assert "forældremyndighedens indehaver" in t, t


def test_the_guide_steps_cover_adults_sextortion_removal_and_the_child_who_shared(content):
    steps = {s.id: s for s in content.guide.steps}
    first = steps["afdaekning"]
    assert any("voksen" in t and "Spørg ikke ind til detaljer" in t and "politiet (114) og kommunen samme dag" in t
               for t in first.checklist)
    assert any("Afpresning lige nu" in t and "alene" in t and "samme dag" in t and "kan løses" in t
               for t in first.checklist)
    assert "selvskade" in first.text and "børnehus" in first.text
    for sid in ("dokumentering", "stop-ukendt-kraenker"):
        assert "take-it-down" in steps[sid].contacts and "Take It Down" in steps[sid].text
    assert any("delt billeder eller presset andre" in t for t in step_texts(steps["underretning"]))
    assert any("delt billeder eller presset andre" in t for t in steps["underretning"].checklist)
    assert any("samme dag" in t for t in steps["politianmeldelse"].checklist)


@pytest.mark.parametrize("kommune", [None, "Aarhus"])
def test_the_act_now_card(content, kommune):
    lines = G.act_now(content, kommune)
    card = "\n".join(lines)
    assert 1 <= len(lines) <= 6
    assert "Ring 112" in card and "114 samme dag" in card and "BørneTelefonen 116 111" in card
    assert "Spørg ikke ind til detaljer" in card and "det kan løses" in card and "delt billeder eller presset andre" in card
    local = [h for h in content.helplines if h.region == "Aarhus" and h.phone]
    assert local and all(h.status == "unconfirmed" for h in local)
    # In an acute moment staff dial what is on the card: a number nobody has checked is never on it; the school
    # writes its kommune's underretning in by hand.
    for h in local:
        assert h.phone not in card, h.id
    assert "Kommunens underretning: ______" in card and "ikke bekræftet" not in card
    # Police only where an image was shared or used to threaten, an adult abuses, or a child is extorted: not two
    # 15-year-old partners who kept their own pictures.
    police = next(x for x in lines if "114 samme dag" in x)
    assert "delt eller brugt til at true" in police


def test_the_act_now_card_prints_a_kommunes_confirmed_numbers_only(content):
    local = [h for h in content.helplines if h.region == "Aarhus" and h.phone]
    for confirmed in local:
        checked = confirmed.model_copy(update={"status": "confirmed"})
        helplines = [checked if h.id == checked.id else h for h in content.helplines]
        card = "\n".join(G.act_now(dataclasses.replace(content, helplines=helplines), "Aarhus"))
        assert f"{checked.name} {checked.phone}" in card
        assert all(h.phone not in card for h in local if h.id != checked.id)
        assert ("Kommunens underretning: ______" in card) == ("fagpersoner" not in checked.audience)


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


@pytest.mark.parametrize("kommune", [None, "Aarhus"])
def test_the_printed_checklist_starts_with_the_act_now_card(content, kommune):
    doc = Document(io.BytesIO(GD.checklist(content, kommune)))
    body = [el for el in doc.element.body if el.tag != qn("w:sectPr")]
    assert body[0].tag == qn("w:tbl"), "the card comes before anything else"
    card = doc.tables[0]
    paragraphs = [p.text for p in card.rows[0].cells[0].paragraphs]
    assert len(card.rows) == 1 and paragraphs[0] == G.ACT_NOW_TITLE
    assert [p.split("\t", 1)[1] for p in paragraphs[1:]] == G.act_now(content, kommune)
    # The card spans the page; the steps below it run in two columns.
    first_section, last_section = doc.sections[0], doc.sections[-1]
    assert first_section._sectPr.find(qn("w:cols")) is None or first_section._sectPr.find(qn("w:cols")).get(
        qn("w:num")) in (None, "1")
    assert last_section._sectPr.find(qn("w:cols")).get(qn("w:num")) == "2"
    assert "Tjekliste" in doc.paragraphs[0].text  # the title follows the card


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
    at.switch_page("ui/pages/handleguide.py").run()
    assert not at.exception
    assert at.title[0].value == "Handleguide"
    assert any("gemmer intet" in i.value.replace('\\', '') for i in at.info)
    at.radio(key="g_age").set_value("under-15").run()
    at.checkbox(key="g_images").check().run()
    errors, warnings = " ".join(e.value.replace('\\', '') for e in at.error), " ".join(w.value.replace('\\', '') for w in at.warning)
    assert "Billeder af en under 18 år" in errors and "politiet (114) samme dag" in errors
    assert "under 15 år" in warnings
    at.checkbox(key="g_danger").check().run()
    assert any("Ring 112" in e.value.replace('\\', '') for e in at.error)
    at.checkbox(key="g_afdaekning_0").check().run()
    assert "1 af" in at.get("progress")[0].proto.text
    labels = [b.label for b in at.download_button]
    assert {"Tjekliste (Word)", "Logbog til forældre (Word)", "Beredskabsplan – skabelon (Word)"} <= set(labels)
    at.selectbox(key="g_kommune").select("Aarhus").run()
    assert not at.exception


def guide_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "planner" / "app.py"), default_timeout=30).run()
    at.switch_page("ui/pages/handleguide.py").run()
    assert not at.exception
    return at


def test_the_act_now_card_is_the_first_thing_on_the_page(content):
    at = guide_page()
    first = next(iter(at.main.children.values()))
    assert first.type == "error" and first.value.startswith(f"**{G.ACT_NOW_TITLE}**")
    for line in G.act_now(content, None):
        assert line in first.value.replace("\\", "")
    assert "89 40 63 00" not in first.value
    at.selectbox(key="g_kommune").select("Aarhus").run()
    first = next(iter(at.main.children.values()))
    for line in G.act_now(content, "Aarhus"):
        assert line in first.value.replace("\\", "")
    assert "89 40 63 00" not in first.value and "Kommunens underretning" in first.value


def test_page_asks_about_an_adult_and_shows_the_advice_with_its_contacts():
    at = guide_page()
    at.checkbox(key="g_adult").check().run()
    errors = " ".join(e.value.replace('\\', '') for e in at.error)
    assert "Spørg ikke ind til detaljer" in errors and "politiet (114) og kommunen samme dag" in errors
    at.checkbox(key="g_threats").check().run()
    threats = next(e.value.replace('\\', '') for e in at.error if e.value.replace('\\', '').startswith("**Trusler eller afpresning"))
    assert "Lad ikke eleven være alene" in threats and "Take It Down" in threats and "takeitdown.ncmec.org" in threats


def test_the_page_keeps_nothing_but_its_widgets():
    at = AppTest.from_file(str(ROOT / "planner" / "app.py"), default_timeout=30).run()
    before = set(at.session_state.keys())
    at.switch_page("ui/pages/handleguide.py").run()
    for key in ("g_images", "g_threats", "g_adult", "g_danger"):
        at.checkbox(key=key).check().run()
    at.radio(key="g_known").set_value("ja").run()
    widgets = {w.key for kind in ("checkbox", "radio", "selectbox", "download_button") for w in getattr(at, kind)}
    assert set(at.session_state.keys()) - before <= widgets


def test_ticks_survive_a_visit_to_another_page():
    at = AppTest.from_file(str(ROOT / "planner" / "app.py"), default_timeout=30).run()
    at.switch_page("ui/pages/handleguide.py").run()
    at.checkbox(key="g_afdaekning_0").check().run()
    at.radio(key="g_age").set_value("15-17").run()
    at.switch_page("ui/pages/kontakter.py").run()
    at.switch_page("ui/pages/handleguide.py").run()
    assert at.checkbox(key="g_afdaekning_0").value is True
    assert at.radio(key="g_age").value == "15-17"


def test_the_kommune_box_keeps_its_choice_after_a_tick():
    at = guide_page()
    assert at.selectbox(key="g_kommune").value == "national"
    at.checkbox(key="g_images").check().run()
    at.checkbox(key="g_afdaekning_0").check().run()
    assert at.selectbox(key="g_kommune").value == "national"  # never blank ("Choose an option")
    at.selectbox(key="g_kommune").select("Aarhus").run()
    at.checkbox(key="g_threats").check().run()
    assert at.selectbox(key="g_kommune").value == "Aarhus"
    assert not at.exception
