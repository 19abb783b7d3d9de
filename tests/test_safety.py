"""Safeguarding rules that hold for every combination a teacher can ask for, not just for examples:
every band × pupils' age × theme × length either gives a plan that keeps the rules or a Danish refusal that says
which themes fit."""

import io
import re
import itertools
import json

import pytest
from docx import Document

from support import codes_in_picture
from planner.documents import kit as K
from planner.planning import lesson as L
from planner.content.bands import AGE_BANDS, band_rank
from planner.content.loader import load_pictograms
from planner.content.models import NOT_A_SERVICE_PAGE

LENGTHS = [{"template": "klassens-tid"}, {"template": "lektion"}, {"template": "dobbeltlektion"},
           {"template": "temadag"}, {"minutes": 15}, {"minutes": 30}, {"minutes": 60}, {"minutes": 135}]
CLASSES = [("indskoling", None), ("mellemtrin", None), ("udskoling", None)] + [("special", a) for a in AGE_BANDS]


def every_request(content):
    theme_choices = [[]] + [[t.id] for t in content.themes]
    for (band, age), themes, length in itertools.product(CLASSES, theme_choices, LENGTHS):
        yield {"band": band, "age_band": age, "themes": themes, **length}


@pytest.fixture(scope="module")
def outcomes(content):
    """Every request with its plan, or the refusal it got."""
    out = []
    for req in every_request(content):
        try:
            out.append((req, L.assemble(content, req), None))
        except L.PlanError as exc:
            out.append((req, None, str(exc)))
    return out


def test_the_templates_swept_are_the_ones_shipped(content):
    assert {x["template"] for x in LENGTHS if "template" in x} == {t.id for t in content.templates}


def test_a_theme_the_pupils_are_too_young_for_is_refused_naming_the_themes_that_fit(content, outcomes):
    by_id = content.by_id("themes")
    refused = 0
    for req, plan, error in outcomes:
        ab = req["age_band"] or req["band"]
        unfit = [t for t in req["themes"] if not by_id[t].suits(req["band"], ab)]
        if unfit:
            refused += 1
            assert plan is None and "passer ikke til" in error, req
            assert all(t.title in error for t in L.themes_for(content, req["band"], ab)), error
    assert refused > 50


def test_every_fitting_request_gives_a_plan_or_says_what_to_shorten(content, outcomes):
    """Only a whole theme day can outgrow the exercises that suit a class; it then says so and what to change."""
    by_id = content.by_id("themes")
    for req, plan, error in outcomes:
        ab = req["age_band"] or req["band"]
        if all(by_id[t].suits(req["band"], ab) for t in req["themes"]):
            if req.get("template") == "temadag" or req.get("minutes", 0) > 120:
                assert plan is not None or "kortere lektion" in error, (req, error)
            else:
                assert plan is not None, (req, error)


def test_no_plan_serves_an_exercise_above_the_pupils_age(content, outcomes):
    for req, plan, _ in outcomes:
        if plan:
            for e in plan.exercises:
                assert e.suits(plan.band, plan.age_band), (req, e.id)
                assert band_rank(e.min_age_band) <= band_rank(plan.age_band), (req, e.id)


def test_no_law_for_6_to_9_year_olds_and_law_that_follows_the_themes_for_the_rest(content, outcomes):
    for req, plan, _ in outcomes:
        if not plan:
            continue
        if plan.age_band == "indskoling":
            assert plan.facts == [] and not any(a.kind == "facts" for a in plan.activities), req
            continue
        lesson_themes = {t.id for t in plan.themes} | {t for e in plan.exercises for t in e.themes}
        for f in plan.facts:
            assert band_rank(f.min_band) <= band_rank(plan.age_band), (req, f.id)
            assert set(f.themes) & (lesson_themes | {"hvor-kan-jeg-faa-hjaelp"}), (req, f.id)


def test_every_lesson_about_images_has_paragraph_235_from_mellemtrin(content, outcomes):
    image_themes = {"billeddeling-og-samtykke", "sextortion", "deepfakes-og-falske-profiler", "lovgivning"}
    for req, plan, _ in outcomes:
        if plan and plan.age_band != "indskoling" and image_themes & {t.id for t in plan.themes}:
            assert "straffeloven-235-deling-og-besiddelse" in {f.id for f in plan.facts}, req


def test_a_chosen_theme_brings_its_own_law(content, outcomes):
    for req, plan, _ in outcomes:
        if plan and plan.age_band != "indskoling" and len(req["themes"]) == 1:
            t = req["themes"][0]
            has_fact = any(t in f.themes and band_rank(f.min_band) <= band_rank(plan.age_band) for f in content.facts)
            if has_fact:
                assert any(t in f.themes for f in plan.facts), req
    sextortion = L.assemble(content, {"band": "udskoling", "template": "lektion", "themes": ["sextortion"]})
    assert "sextortion-trusler-og-afpresning" in {f.id for f in sextortion.facts}


PICTOGRAM_ALTS = {p.alt for p in load_pictograms()}


def qr_urls(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    urls = []
    for shape in doc.inline_shapes:
        blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        found = codes_in_picture(blob)
        if not shape._inline.docPr.get("descr", "").startswith("QR-kode"):
            # A pictogram: never a code in disguise, and its alt text is one of the catalog's.
            assert not found and shape._inline.docPr.get("descr") in PICTOGRAM_ALTS, shape._inline.docPr.get("descr")
            continue
        assert found, "a QR code that cannot be read"
        urls.append(found[0])
    return urls


def pupil_documents(plan):
    """The printed documents a pupil reads (handouts and poster), built as the kit builds them."""
    names = [k.file_name for k in K.kinds_of(plan, printed_only=True) if k.file_name.startswith(("elevark", "plakat"))]
    return K.build(plan, file_names=names, printed_only=True)


@pytest.fixture(scope="module")
def one_plan_per_class_and_theme(outcomes):
    seen, plans = set(), []
    for req, plan, _ in outcomes:
        key = (req["band"], req["age_band"], tuple(req["themes"]))
        if plan and key not in seen:
            seen.add(key)
            plans.append(plan)
    return plans


def test_a_child_who_scans_a_code_lands_on_help(content, one_plan_per_class_and_theme):
    """Every QR code on a handout or poster leads to a service's own page, never to a law or 'about us' page, and
    a report form only for udskoling."""
    by_url = {}
    for h in content.helplines:
        if h.url:
            by_url.setdefault(h.url, []).append(h)
    for plan in one_plan_per_class_and_theme:
        for name, data in pupil_documents(plan).items():
            for url in qr_urls(data):
                assert not NOT_A_SERVICE_PAGE.search(url), (plan.request, name, url)
                assert any(h.for_pupils_of(plan.age_band) for h in by_url[url]), (plan.request, name, url)


def test_services_for_older_pupils_never_reach_the_youngest(content, one_plan_per_class_and_theme):
    for plan in one_plan_per_class_and_theme:
        for name, data in pupil_documents(plan).items():
            if plan.age_band == "indskoling" or name == "elevark.docx" and plan.band == "special":
                text = "\n".join(p.text for t in Document(io.BytesIO(data)).tables for r in t.rows
                                 for c in r.cells for p in c.paragraphs)
                assert "SletDet" not in text and "Take It Down" not in text, (plan.request, name)


def test_unchecked_law_and_unconfirmed_contacts_never_reach_a_pupil(content, one_plan_per_class_and_theme):
    low = [f for f in content.facts if f.confidence == "low"]
    unconfirmed = [h for h in content.helplines if h.status == "unconfirmed"]
    assert low and unconfirmed
    for plan in one_plan_per_class_and_theme:
        for name, data in pupil_documents(plan).items():
            doc = Document(io.BytesIO(data))
            text = "\n".join([p.text for p in doc.paragraphs] + [p.text for t in doc.tables for r in t.rows
                                                                for c in r.cells for p in c.paragraphs])
            for f in low:
                assert f.pupil_text not in text, (name, f.id)
            for h in unconfirmed:
                assert h.name not in text, (name, h.id)


def test_a_request_to_talk_alone_stays_with_the_teacher(content):
    """A sheet where a child asks to talk to an adult alone is collected and kept: it never goes home."""
    asking = [e for e in content.exercises if any(p.help_request for p in e.props)]
    assert len(asking) >= 3
    for e in asking:
        handling = " ".join([e.preparation, *e.steps]).casefold()
        assert ("saml" in handling or "kassen" in handling) and "hjem" not in handling, e.id
    hand = content.by_id("exercises")["ind-min-hjaelpehaand"]
    assert hand not in asking and "hjem" in " ".join(hand.steps).casefold()
    assert "alene" in (hand.preparation + " ".join(hand.steps)).casefold()  # the request lives on its own slip


def test_every_number_address_age_and_penalty_carries_a_source_and_a_date(content):
    for h in content.helplines:
        if h.phone or h.url or h.age_min is not None or h.email:
            assert h.source and h.checked, h.id
    for f in content.facts:
        assert f.source and f.checked, f.id
        if f.max_penalty:
            assert f.confidence in ("high", "medium"), f.id
    for mat in content.materials:
        if mat.url:
            assert mat.source and mat.checked, mat.id


def test_every_fact_a_teacher_note_points_to_is_in_the_plan(content, outcomes):
    import re

    titles = {f.title for f in content.facts}
    for req, plan, _ in outcomes:
        if not plan:
            continue
        shown = {f.title for f in plan.facts + plan.related_facts}
        for f in plan.facts:
            for named in re.findall(r"»([^«]+)«", f.teacher_note):
                if named in titles:
                    assert named in shown, (req, f.id, named)


def test_swaps_additions_links_and_files_keep_the_age_floor_for_young_special_classes(content):
    plan = L.assemble(content, {"band": "special", "age_band": "indskoling", "template": "lektion"})
    too_old = next(e for e in content.exercises if "special" in e.bands and e.min_age_band != "indskoling")
    with pytest.raises(L.PlanError, match="passer ikke til"):
        L.swap_exercise(content, plan, 0, too_old.id)
    with pytest.raises(L.PlanError, match="passer ikke til"):
        L.add_exercise(content, plan, too_old.id)
    query = L.plan_to_query(plan)
    query["ex"] = f"{too_old.id}:{too_old.minutes_min}"
    with pytest.raises(L.PlanError, match="passer ikke til"):
        L.plan_from_query(content, query)
    data = json.loads(L.to_json(plan))
    data["activities"][[a["kind"] for a in data["activities"]].index("exercise")]["exercise_id"] = too_old.id
    with pytest.raises(L.PlanFileError, match="passer ikke til"):
        L.from_json(json.dumps(data), content)
    with pytest.raises(L.PlanError, match="passer ikke til"):
        L.assemble(content, {"band": "special", "age_band": "indskoling", "template": "lektion",
                             "include": [too_old.id]})


def test_the_first_chosen_theme_leads_and_every_chosen_theme_is_covered_or_explained(content):
    """Over every band, pupils' age, length and pair of themes: the first theme's main exercise is in the plan
    when one fits the lesson's time (else an exercise on the theme that fits), and a chosen theme left out is
    explained to the teacher."""
    from planner.planning.lesson import overview as O

    checked = 0
    for band in ("indskoling", "mellemtrin", "udskoling", "special"):
        for age in AGE_BANDS if band == "special" else [None]:
            themes = [t.id for t in L.themes_for(content, band, age)]
            pool = L.exercises_for(content, band, age)
            for template in ("klassens-tid", "lektion", "dobbeltlektion", "temadag"):
                for first in themes:
                    for second in [None, *themes]:
                        if second == first:
                            continue
                        chosen = [first] + ([second] if second else [])
                        try:
                            plan = L.assemble(content, {"band": band, "age_band": age, "template": template,
                                                        "themes": chosen})
                        except L.PlanError:
                            continue
                        checked += 1
                        room = sum(a.minutes for a in plan.exercise_activities)
                        got = [plan.exercise(a.exercise_id) for a in plan.exercise_activities]
                        if any(e.themes[0] == first and e.minutes_min <= room for e in pool):
                            assert any(e.themes[0] == first for e in got), (band, age, template, chosen)
                        if any(first in e.themes and e.minutes_min <= room for e in pool):
                            assert any(first in e.themes for e in got), (band, age, template, chosen)
                        notes = O.uncovered_themes(plan, pool)
                        for t in chosen:
                            title = next(x.title for x in plan.themes if x.id == t)
                            assert any(t in e.themes for e in got) or any(title in n for n in notes), (chosen, t)
    assert checked > 1500


# --- Content round 3: what a pupil reads agrees with the page behind the code, the law that leads, the help box ---

from planner.documents import props as P  # noqa: E402
from planner.planning.lesson import pupil_help as H  # noqa: E402
from planner.planning.lesson import slides as SL  # noqa: E402


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    return "\n".join([p.text for p in doc.paragraphs] + [p.text for t in doc.tables for r in t.rows
                                                        for c in r.cells for p in c.paragraphs])


def test_a_page_whose_advice_contradicts_the_sheet_is_named_in_the_data(content):
    """SletDet's page for the child who was shared advises screenshots of the images and a friend's help: the data
    says so, and says what the sheet prints instead."""
    sletdet = content.by_id("helplines")["sletdet"]
    assert "screenshots" in sletdet.advice_conflict and "ven" in sletdet.advice_conflict
    assert "selve billedet" in sletdet.correction and "ven" in sletdet.correction
    same_page = [h for h in content.helplines if h.url == sletdet.url]
    assert all(h.advice_conflict and h.correction for h in same_page)


def test_every_service_a_pupil_can_reach_carries_the_corrective_line_beside_it(content, outcomes):
    """Over every band × pupils' age × theme × length: a service whose page contradicts the sheet is never shown to
    a pupil (handout row, code on the wall or the board) without the line that says what to do instead."""
    conflicting = 0
    for req, plan, _ in outcomes:
        if not plan:
            continue
        plain = H.simple(plan)
        shown = [H.as_child(h, plan.age_band, plain) for h in H.helplines_for_pupils(plan, 8, plain)]
        for h in shown + H.scan_codes(plan):
            if h.url and h.advice_conflict:
                conflicting += 1
                assert h.correction in h.purpose, (req, h.id)
        board = SL.deck(plan).slides[SL.deck(plan).help_index].help
        by_url = {x.url: x for x in content.helplines if x.url}
        for card in board.codes:
            source = by_url.get(card.url)
            if source and source.advice_conflict:
                assert source.correction in card.text, (req, card.name)
    assert conflicting > 100


def test_handouts_and_posters_print_the_corrective_line_under_the_code_that_needs_it(content,
                                                                                   one_plan_per_class_and_theme):
    by_url = {h.url: h for h in content.helplines if h.url}
    printed = 0
    for plan in one_plan_per_class_and_theme:
        for name, data in pupil_documents(plan).items():
            text = docx_text(data)
            for url in qr_urls(data):
                h = by_url[url]
                if h.advice_conflict:
                    printed += 1
                    assert h.correction in text, (plan.request, name, url)
    assert printed > 20


def test_the_child_line_is_anonymous_and_its_chat_is_scanned_from_mellemtrin_never_by_the_youngest(
        content, one_plan_per_class_and_theme):
    line = content.by_id("helplines")["boernetelefonen"]
    assert line.url == "https://bornetelefonen.dk" and line.url_kind == "service"
    assert "behøver ikke sige, hvem du er" in line.child_text and "behøver ikke sige, hvem man er" in line.purpose
    for plan in one_plan_per_class_and_theme:
        for name, data in pupil_documents(plan).items():
            urls = qr_urls(data)
            if plan.age_band == "indskoling":
                assert urls == [], (plan.request, name)
            elif name in ("plakat.docx", "elevark.docx") and plan.band != "special":
                assert line.url in urls, (plan.request, name)


def test_take_it_down_reaches_pupils_from_udskoling_and_parents_of_younger_ones(content, outcomes):
    """Its page names nude images in English: a 10-year-old's sheet leaves it to the parent letter; a 13–16-year-old
    in a lesson about images finds it on the handout itself."""
    image_themes = {"billeddeling-og-samtykke", "sextortion", "deepfakes-og-falske-profiler"}
    for req, plan, _ in outcomes:
        if not plan or plan.age_band == "indskoling":
            continue
        pupils = [h.id for h in H.helplines_for_pupils(plan, 8, H.simple(plan))]
        if plan.age_band == "mellemtrin":
            assert "take-it-down" not in pupils, req
        theme_ids = {t.id for t in plan.themes}
        if image_themes & theme_ids:
            assert "take-it-down" in [h.id for h in H.parent_contacts(plan, K.MAX_PARENT_HELPLINES)], req
            if plan.age_band == "udskoling" and plan.band != "special":
                room = H.helplines_for_pupils(plan, 3, False)
                assert "take-it-down" in [h.id for h in room], req


def test_the_parent_letter_points_to_sletdets_page_for_adults(content, one_plan_per_class_and_theme):
    adults = content.by_id("helplines")["sletdet-voksne"]
    for plan in one_plan_per_class_and_theme:
        letter = K.parent_letter(plan)
        urls = qr_urls(letter)
        assert content.by_id("helplines")["sletdet"].url not in urls, plan.request
        if {t.id for t in plan.themes} & set(adults.themes):
            assert adults.url in urls, plan.request


def own_fact(content, theme, age_band):
    """The fact whose own (first) theme this is, for these pupils; a fact that lists the theme among many is not."""
    return next((f for f in content.facts if f.themes[0] == theme and not f.teacher_only
                 and band_rank(f.min_band) <= band_rank(age_band)), None)


def test_the_first_chosen_theme_brings_its_own_law_first(content):
    """Over every band × pupils' age × length × ordered pair of themes: the first theme's own law is in the plan and
    leads it (a pupil reads it first), whatever the other themes touch."""
    checked = 0
    for band in ("mellemtrin", "udskoling", "special"):
        for age in AGE_BANDS if band == "special" else [None]:
            themes = [t.id for t in L.themes_for(content, band, age)]
            for length in LENGTHS:
                for first in themes:
                    for second in [None, *themes]:
                        if second == first:
                            continue
                        chosen = [first] + ([second] if second else [])
                        try:
                            plan = L.assemble(content, {"band": band, "age_band": age, "themes": chosen, **length})
                        except L.PlanError:
                            continue
                        own = own_fact(content, first, plan.age_band)
                        if own is None or plan.age_band == "indskoling":
                            continue
                        checked += 1
                        assert plan.facts[0].id == own.id, (band, age, length, chosen, [f.id for f in plan.facts])
                        if own.confidence != "low":
                            assert H.pupil_facts(plan)[0].id == own.id, (band, age, length, chosen)
    assert checked > 500


def test_a_double_lesson_on_sextortion_shows_the_law_on_extortion(content):
    plan = L.assemble(content, {"band": "udskoling", "template": "dobbeltlektion",
                                "themes": ["sextortion", "billeddeling-og-samtykke", "lovgivning"]})
    ids = [f.id for f in plan.facts]
    assert ids[0] == "sextortion-trusler-og-afpresning" and "straffeloven-225-sextortion-2023" in ids
    assert "straffeloven-235-deling-og-besiddelse" in ids


def test_teacher_only_law_never_reaches_a_pupil(content, outcomes, one_plan_per_class_and_theme):
    only = [f for f in content.facts if f.teacher_only]
    assert only
    for _, plan, _ in outcomes:
        if plan:
            assert not any(f.teacher_only for f in H.pupil_facts(plan, limit=len(plan.facts)))
            assert not any(f.teacher_only for f in plan.related_facts if f in H.pupil_facts(plan, 99))
    for plan in one_plan_per_class_and_theme:
        for name, data in pupil_documents(plan).items():
            text = docx_text(data)
            assert not any(f.pupil_text[:60] in text for f in only), (plan.request, name)
    # The teacher of a lesson on images finds the age of consent where the partner exception points to it.
    plan = L.assemble(content, {"band": "udskoling", "template": "lektion", "themes": ["billeddeling-og-samtykke"]})
    assert "seksuel-lavalder" in {f.id for f in plan.related_facts}
    assert "Seksuel lavalder og kærester under 15 år" in docx_text(K.teacher_plan(plan))


HELP_REQUEST = re.compile(r"(vil gerne|vil) tale med en voksen", re.IGNORECASE)


def test_no_answer_boxes_beside_a_request_for_help(content):
    """A request to talk is never one of a sheet's statements, where it would get »Det ved jeg / Lidt / Ikke endnu«."""
    for e in content.exercises:
        for prop in e.props:
            if prop.kind == "sheet":
                assert not any(HELP_REQUEST.search(s) for s in e.card_statements), e.id
            if prop.help_request:
                assert HELP_REQUEST.search(prop.help_request), e.id


def test_a_help_request_on_any_sheet_or_slip_is_one_unambiguous_box(content):
    """Over every exercise that asks, in every class it suits: the printed request has exactly one box, and no row of
    answer boxes follows it."""
    asking = [e for e in content.exercises
              if any(p.help_request or any(HELP_REQUEST.search(f.text + " " + f.subtext) for f in p.faces)
                     for p in e.props)]
    assert len(asking) >= 4
    rendered = 0
    for e in asking:
        for band, age in CLASSES:
            if band not in e.bands or not e.suits(band, age or band):
                continue
            plan = L.assemble(content, {"band": band, "age_band": age, "template": "lektion", "include": [e.id]})
            doc = Document(io.BytesIO(P.props_document(plan)))
            paragraphs = [p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
            cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
            asks = [i for i, x in enumerate(paragraphs) if HELP_REQUEST.search(x)]
            assert asks, (e.id, band, age)
            for i in asks:
                rendered += 1
                following = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
                assert following.count("☐") <= 1 and "Ikke endnu" not in following, (e.id, following)
            # The printed slip or sheet (the cover page only names it): one box where the pupil says yes.
            slips = [c for c in cells if HELP_REQUEST.search(c) and c.startswith("s. ")]
            assert slips, (e.id, band, age)
            for cell in slips:
                lines = cell.split("\n")
                at = next(i for i, x in enumerate(lines) if HELP_REQUEST.search(x))
                boxes = [x for x in lines[at:] if "☐" in x]
                assert len(boxes) == 1 and boxes[0].count("☐") == 1, (e.id, cell)
    assert rendered >= 4


def test_key_messages_follow_the_themes_taught(content, outcomes):
    """Over every band × pupils' age × theme × length: a message about a theme is printed only when the lesson
    teaches it, and a sextortion lesson carries the sextortion rules."""
    by_id = content.by_id("themes")
    sextortion = 0
    for req, plan, _ in outcomes:
        if not plan:
            continue
        texts = content.texts.bands[plan.band]
        tags = dict(zip(texts.key_messages, texts.key_message_themes or [[]] * len(texts.key_messages)))
        taught = {t for t in [*req["themes"], *(t for e in plan.exercises for t in e.themes)]
                  if by_id[t].suits(plan.band, plan.age_band)}
        for msg in plan.key_messages + plan.easy_read_messages:
            assert not tags[msg] or set(tags[msg]) & taught, (req, msg)
        assert len(plan.key_message_pictograms) in (0, len(plan.key_messages)), req
        if "sextortion" in req["themes"]:
            sextortion += 1
            shown = plan.easy_read_messages if plan.band == "special" else plan.key_messages
            assert any("betal" in x.casefold() for x in shown), (req, shown)
    assert sextortion > 20


def test_young_special_classes_are_not_asked_about_what_they_were_not_taught(content, outcomes):
    """Their handout, board and exit slip speak neither of threats nor of sharing others' images."""
    untaught = re.compile(r"truer|afpres|andres billeder|dele andres|nøgen|betaler", re.IGNORECASE)
    for req, plan, _ in outcomes:
        if plan and plan.band == "special" and plan.age_band == "indskoling":
            for msg in plan.key_messages + plan.easy_read_messages:
                assert not untaught.search(msg), (req, msg)
            for e in plan.exercises:
                for s in e.card_statements:
                    assert not untaught.search(s), (req, e.id, s)


def test_nothing_a_6_to_9_year_old_reads_speaks_of_penalties_or_sex(content, outcomes, one_plan_per_class_and_theme):
    from test_age_fit import TOO_OLD

    for req, plan, _ in outcomes:
        if plan and plan.age_band == "indskoling":
            deck = SL.deck(plan)
            board = " ".join(x for s in deck.slides for x in (s.title, s.big, *s.lines))
            for card in [deck.slides[deck.help_index].help.child_line, *deck.slides[deck.help_index].help.codes]:
                if card:
                    board += " " + card.text
            assert not TOO_OLD.search(board), (req, TOO_OLD.search(board).group(0))
            assert not TOO_OLD.search(" ".join(plan.key_messages + plan.easy_read_messages)), req
    for plan in one_plan_per_class_and_theme:
        if plan.age_band == "indskoling":
            for name, data in pupil_documents(plan).items():
                text = docx_text(data)
                assert not TOO_OLD.search(text), (plan.request, name, TOO_OLD.search(text).group(0))
