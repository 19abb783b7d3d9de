"""The classroom kit: teacher plan, props ("Kort og skilte"), student handout, parent letter and poster.

Each builder is a pure function from a LessonPlan (plus optional, user-typed class details) to .docx bytes.
Pupils and parents only ever see confirmed contacts; unconfirmed ones appear in the teacher's plan, marked.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from ..planning.lesson import LessonPlan
from ..planning.lesson.details import KitInfo  # noqa: F401 - the documents' callers name it here
from ..planning.lesson import overview as O
from ..planning.lesson import pupil_help as H
from . import docx_base as D
from . import pictures
from . import props as P
from .slides import slide_deck

MAX_HANDOUT_HELPLINES = 5
"""Rows with a code to scan are tall: with the key messages and their pictures, three to five keep the sheet one page."""
MAX_EASY_HELPLINES = 3
MAX_PARENT_HELPLINES = 3
MAX_LETTER_TOPICS = 4
"""A theme day touches more; the letter names its four main themes so it stays one page."""
HANDOUT_QR_CM = 2.5
POSTER_QR_CM = 4.0
BAND_COLOURS = D.BAND_COLOURS  # the poster's band colours, shared with the slides


def slug(text: str) -> str:
    """A file-name-safe version of user text, e.g. '5.a' -> '5a'."""
    return re.sub(r"[^0-9a-zæøå]+", "", text.casefold())[:20]


# --- Choosing contacts ---------------------------------------------------------------------


def _emergency_line(doc, plan: LessonPlan, style: str, shown: list | None = None) -> None:
    text = H.emergency_text(plan, shown if shown is not None else plan.helplines)
    if text:
        D.para(doc, text, style=style).runs[0].bold = True


def _subtitle(plan: LessonPlan, info: KitInfo) -> str:
    length = plan.template_title if plan.request.template else f"{plan.minutes} minutter"
    return " · ".join(x for x in (plan.band_label, length, info.class_name, info.date) if x)


def materials_lines(plan: LessonPlan, info: KitInfo) -> list[str]:
    """'1 snor', '4 hjørneskilte (kort og skilte s. 2–5)', '28 elevark': what to bring and print, with the page."""
    pages = P.where(plan, info.pupils)
    out = []
    for need in O.needs(plan, info.pupils):
        line = f"{need.quantity} {need.name}"
        where = pages.get((need.exercise_id, need.prop)) if need.exercise_id else None
        detail = []
        if need.printed and need.exercise_id:  # two exercises may both have "udsagnskort": say whose
            detail.append(P.short_title(plan.exercise(need.exercise_id).title, limit=26))
        if where:
            detail.append(f"kort og skilte {where.pages()}")
            if where.copies > 1:
                detail.append(f"print {where.copies} gange")
        if need.note:
            detail.append(need.note)
        out.append(line + (f" ({', '.join(detail)})" if detail else ""))
    return out


def _page_one(doc, plan: LessonPlan, info: KitInfo) -> None:
    """"Lektionen på én side": clock times, what to say, what to bring, and what to do if a pupil tells."""
    D.heading(doc, O.lesson_title(plan), 1)
    D.para(doc, _subtitle(plan, info))
    rows = O.schedule(plan, info.start)
    modular = any(r.module for r in rows)
    table_rows = []
    for r in rows:
        what = r.title if r.kind != "exercise" else f"Øvelse: {r.title}"
        if r.kind == "break":
            what = f"{r.title} ({r.minutes} min)"
        table_rows.append(([f"Modul {r.module}" if r.module else "–"] if modular else [])
                          + [f"{r.start}–{r.end}", what])
    header = (["Modul"] if modular else []) + ["Kl.", "Hvad"]
    widths = ([2.0] if modular else []) + [2.8, 12.2 if modular else 14.2]
    t = D.table(doc, header, table_rows, widths=widths)
    for row, r in zip(t.rows[1:], rows):
        if r.kind == "break":
            for cell in row.cells:
                D.shade(cell, "EDEDED")
    # A short lesson gets larger type; a theme day's many rows get smaller type to stay on the first page.
    size = 12 if len(rows) <= 8 else 11 if len(rows) <= 10 else 9.5
    _small_table_text(t, size)

    say = {a.kind: a.text for a in plan.activities if a.kind in ("starter", "closing")}
    _page_one_heading(doc, "Det siger du")
    pair = doc.add_table(rows=1, cols=2)
    for cell, (label, text) in zip(pair.rows[0].cells, (("Start: ", say.get("starter", "")),
                                                         ("Slut: ", say.get("closing", "")))):
        p = cell.paragraphs[0]
        D.add_text(p, label, bold=True)
        D.add_text(p, D.clean(text), size=size)
    D.set_widths(pair, [8.5, 8.5])

    # What to do if a pupil tells comes before the materials: on a long day the list may run on, the box never.
    summary = plan.disclosure.summary or [s.split(". ")[0].rstrip(".") + "." for s in plan.disclosure.steps[:3]]
    box = D.box(doc, plan.disclosure.title, summary + [
        "Kontaktperson på skolen: ______________________  Tlf.: ______________",
        "Tal med din leder samme dag, og skriv ned, hvad eleven sagde – med elevens egne ord.",
        "Ved akut fare: ring 112. Du har skærpet underretningspligt (se »Hvis en elev fortæller noget« bagest).",
    ])
    for cell_p in box.rows[0].cells[0].paragraphs[1:]:
        for run in cell_p.runs:
            run.font.size = Pt(size)

    _page_one_heading(doc, "Det skal du bruge")
    lines = materials_lines(plan, info)
    long_list = len(lines) > 14
    D.list_in_columns(doc, lines, 3 if long_list else 2, size=min(size, 9) if long_list else size, prefix="☐ ")


def _page_one_heading(doc, text: str) -> None:
    """A section of page one: a level-2 heading under the lesson's title (a screen reader and the PDF's tags never
    skip a level), set at the size of a level-3 heading so page one still fits one sheet."""
    for run in D.heading(doc, text, 2).runs:
        run.font.size = Pt(12.5)


def _small_table_text(t, size: float) -> None:
    for row in t.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.space_after = Pt(0)
                for run in p.runs:
                    run.font.size = Pt(size)


def _preparation(plan: LessonPlan, info: KitInfo) -> list[str]:
    """The lesson's own list: what to print and find for these exercises, then the school's standing advice."""
    out = []
    pages = P.where(plan, info.pupils)
    if pages:
        first = 2
        last = max(w.last for w in pages.values())
        out.append(f"Print »Kort og skilte« (s. {first}–{last}; se oversigten på s. 1), klip kortene ud, og hæng "
                   "skiltene op før timen.")
    things = [n for n in O.needs(plan, info.pupils) if n.kind == "item"]
    if things:
        out.append("Find: " + ", ".join(f"{n.quantity} {n.name}" for n in things) + ".")
    out.append(f"Print {info.pupils} elevark.")
    for e in O.lesson_exercises(plan):
        name = P.short_title(e.title)
        out.append(f"{name}{'' if name.endswith(('?', '!')) else ':'} {e.preparation}")
    # The school's standing advice, less what the lines above already say about printing.
    out += [x for x in plan.preparation if not x.startswith(("Print ", "Udskriv "))]
    return out


def teacher_plan(plan: LessonPlan, info: KitInfo | None = None) -> bytes:
    info = info or KitInfo()
    doc = D.new_document(f"Lærerplan – {O.lesson_title(plan)}", header=info.header() or "Klassekit · Lærerplan")
    _page_one(doc, plan, info)
    doc.add_page_break()

    D.heading(doc, "Forberedelse", 2)
    D.checklist(doc, _preparation(plan, info))

    D.heading(doc, "Læringsmål", 2)
    cur = plan.curriculum
    D.para(doc, f"{cur.subject}, trinforløb {cur.step}. Kompetenceområder: {', '.join(cur.areas)}.")
    D.para(doc, cur.goal)
    D.bullets(doc, plan.learning_goals)
    D.para(doc, f"Fagformål: »{cur.purpose_quote}«")
    if info.teacher or info.school:
        D.para(doc, " · ".join(x for x in (info.teacher, info.school) if x), bold_prefix="Lærer: ")

    D.heading(doc, "Klassens aftaler", 2)
    D.bullets(doc, plan.ground_rules)

    D.heading(doc, "Øvelserne", 2)
    for n, act in enumerate(plan.exercise_activities, 1):
        e = plan.exercise(act.exercise_id)
        D.heading(doc, f"{n}. {e.title} ({act.minutes} min)", 3)
        # The heading, its method, goal and preparation and the first steps stay on one page.
        for label, text in (("Metode: ", f"{e.method_label} · {e.group_form} · {e.minutes_min}–{e.minutes_max} min"),
                            ("Læringsmål: ", e.learning_goal)):
            D.para(doc, text, bold_prefix=label).paragraph_format.keep_with_next = True
        D.para(doc, e.preparation, bold_prefix="Forberedelse: ")
        D.para(doc, "", bold_prefix="Sådan gør du:")
        D.numbered(doc, e.steps)
        if e.statements:
            D.para(doc, "", bold_prefix="Svar står i parentes; kortene viser kun spørgsmålene:"
                   if e.method == "quiz" else "Udsagn (kortene ligger i »Kort og skilte«):")
            D.bullets(doc, e.statements)
        for case in e.cases:
            D.para(doc, case.text, bold_prefix=f"{case.title}: ")
        D.para(doc, "", bold_prefix="Spørgsmål til samtalen:")
        D.bullets(doc, e.discussion_questions)
        D.para(doc, e.teacher_notes, bold_prefix="Til dig som lærer: ")
        D.para(doc, e.safety_note, bold_prefix="Tryghed: ")

    if plan.facts:
        D.heading(doc, "Det siger loven", 2)
        if not any(a.kind == "facts" for a in plan.activities):
            D.para(doc, "Lektionen har ikke et afsnit om loven. Faktaene her er baggrund, hvis eleverne spørger.")
        for f in plan.facts:
            D.para(doc, f.pupil_text, bold_prefix=f"{f.title} ({f.law_ref}): ")
            if f.max_penalty and plan.age_band == "udskoling":
                D.para(doc, f.max_penalty.rstrip(".") + ".", bold_prefix="Strafferamme: ")
        D.para(doc, "Noter til dig og kilderne står i tillægget bagest.", style="Kilde")

    D.heading(doc, plan.disclosure.title, 2)
    D.numbered(doc, plan.disclosure.steps)
    D.para(doc, f"Lovgrundlag: {plan.disclosure.legal_basis}.", style="Kilde")

    # A page of its own: a heading can be kept with a paragraph, but LibreOffice leaves it alone above a table.
    D.heading(doc, "Hjælp og kontakter", 2).paragraph_format.page_break_before = True
    confirmed = [h for h in plan.helplines if h.status == "confirmed"]
    unconfirmed = [h for h in plan.helplines if h.status != "confirmed"]
    if unconfirmed:
        D.para(doc, f"{len(unconfirmed)} lokale kontakter fra kommunens pjece er ikke efterprøvet. De står i tillægget "
                    "bagest – ikke her og aldrig på elevarket, plakaten eller forældrebrevet.")
    D.helpline_table(doc, confirmed, text_style="Normal", qr_cm=HANDOUT_QR_CM)

    if plan.related_materials:
        D.heading(doc, "Brug også", 2)
        for x in plan.related_materials:
            D.para(doc, f"{x.provider}. {x.purpose or x.form} {D.shown_url(x.url)}".replace("  ", " "),
                   bold_prefix=f"{x.title}: ")

    _appendix(doc, plan, unconfirmed)
    return D.to_bytes(doc)


def _appendix(doc, plan: LessonPlan, unconfirmed: list) -> None:
    """Notes on the law, what is uncertain and where every fact comes from: for the teacher who prepares, kept
    out of the run sheet so a substitute reads the lesson plainly."""
    doc.add_page_break()
    D.heading(doc, "Tillæg: noter om loven og kilder", 2)
    D.para(doc, "Tjek paragraffer og strafferammer på retsinformation.dk, før du deler dem med eleverne. Fakta, der "
                "ikke er efterprøvet i en officiel kilde, står kun her – aldrig på elevarket.")
    for f in plan.facts:
        if f.teacher_note:
            D.para(doc, f.teacher_note, bold_prefix=f"{f.title}: ")
    if plan.related_facts:
        D.para(doc, "", bold_prefix="Nævnt ovenfor:")
        for f in plan.related_facts:
            D.para(doc, f.pupil_text, bold_prefix=f"{f.title} ({f.law_ref}): ")
    D.heading(doc, "Kilder og forbehold", 3)
    for f in plan.facts + plan.related_facts:
        p = D.para(doc, f"{D.shown_url(f.source)} (tjekket {f.checked:%d.%m.%Y}).", style="Kilde",
                   bold_prefix=f"{f.law_ref}: ")
        if f.uncertain:
            D.add_text(p, " Forbehold: " + D.clean(f.uncertain))
    cur = plan.curriculum
    D.para(doc, f"{D.shown_url(cur.source)}.", style="Kilde", bold_prefix=f"{cur.subject}: ")
    D.para(doc, f"{D.shown_url(plan.disclosure.source)}.", style="Kilde", bold_prefix=f"{plan.disclosure.title}: ")
    if unconfirmed:
        D.heading(doc, "Lokale kontakter – ikke bekræftet", 3)
        D.para(doc, "Fra kommunens pjece. Tjek nummer og adresse, før du bruger dem.")
        D.helpline_table(doc, unconfirmed, text_style="Normal", with_status=True, qr_cm=HANDOUT_QR_CM)


# --- Student handout ----------------------------------------------------------------------------


def _messages(doc, messages: list[str], icons: list[str], style: str, icon_cm: float) -> None:
    """Each message beside its pictogram, or as a plain list when there are no pictures."""
    if not icons:
        for msg in messages:
            D.add_p(doc, D.clean(msg), "List Bullet").runs[0].font.size = Pt(12)
        return
    t = doc.add_table(rows=0, cols=2)
    for msg, icon in zip(messages, icons):
        row = t.add_row()
        D.keep_row_together(row)
        pictures.add(row.cells[0].paragraphs[0], icon, icon_cm)
        p = row.cells[1].paragraphs[0]
        D.set_style(p, doc, style)
        p.paragraph_format.space_after = Pt(2)
        D.add_text(p, D.clean(msg))
        row.cells[0].paragraphs[0].paragraph_format.space_after = Pt(2)
        D.middle(row.cells[1])
    D.set_widths(t, [icon_cm + 0.5, 17.0 - icon_cm - 0.5])


def student_handout(plan: LessonPlan, easy_read: bool | None = None, info: KitInfo | None = None) -> bytes:
    info = info or KitInfo()
    easy = plan.band == "special" if easy_read is None else easy_read
    young = plan.age_band == "indskoling"
    simple = easy or young
    body = "Letlæst" if easy else "Elevtekst"
    header = info.header() or "Navn: ______________________________"
    doc = D.new_document("Elevark – Her kan du få hjælp", header=header, page_numbers=False)  # always one page
    if easy:
        D.add_p(doc, "Pas på dig selv", "Letlæst overskrift")
    else:
        D.heading(doc, "Min krop og mine grænser" if young else "Pas på dig selv og hinanden", 1)
    if young and not easy:
        D.para(doc, "Læs det sammen med en voksen.", style=body)
    sub = "Letlæst underoverskrift" if easy else "Heading 2"
    D.add_p(doc, "Det vigtigste", sub)
    messages = plan.easy_read_messages if easy else plan.key_messages
    icons = _icons_for(plan, messages)
    _messages(doc, messages, icons, body if easy else "Elevtekst", 1.3 if easy else 1.0)
    if simple:
        D.para(doc, "Sig det til en voksen, du stoler på: en voksen derhjemme, din lærer, en pædagog eller en "
                    "anden voksen. Hvis den første voksne ikke hjælper, så sig det til en anden voksen.", style=body)
    law = H.pupil_facts(plan) if plan.age_band == "udskoling" and not easy else []
    if law:
        D.box(doc, "Det siger loven", [f.pupil_text for f in law], text_style=body)
    # Pictures and a law box take room: fewer contacts keep the handout on one sheet.
    room = MAX_EASY_HELPLINES if easy else max(3, MAX_HANDOUT_HELPLINES - (2 if law else 0) - (2 if icons else 0)
                                                - (1 if len(messages) > 5 else 0))
    D.add_p(doc, "Her kan du få hjælp", sub)
    hs = [H.as_child(h, plan.age_band, simple) for h in H.helplines_for_pupils(plan, room, simple)]
    if simple:  # the plain sheet gives the numbers in large type; codes to scan are on the poster and the board
        hs = [h.model_copy(update={"url": None}) for h in hs]
    if not simple:
        _emergency_line(doc, plan, body, hs)
    instruction = ("Scan QR-koden med en telefon, eller skriv adressen ind. " if any(
        h.url and h.url_kind != "info" for h in hs) else "") + "Du kan også bede en voksen om hjælp til at ringe."
    D.para(doc, instruction, style=body if easy else "Elevtekst")
    D.helpline_table(doc, hs, text_style=body, qr_cm=3.0 if easy else HANDOUT_QR_CM, compact=True, simple=simple)
    if icons:  # in the footer: the credit never pushes the last contact onto a second sheet
        foot = doc.sections[0].footer.paragraphs[0]
        D.add_text(foot, pictures.CREDIT, size=7, color="595959")
    return D.to_bytes(doc)


def _icons_for(plan: LessonPlan, messages: list[str]) -> list[str]:
    """The pictograms of the band's key messages, matched by text so the easy-read subset keeps its pictures."""
    icons = dict(zip(plan.key_messages, plan.key_message_pictograms))
    picked = [icons.get(msg) for msg in messages]
    return picked if picked and all(picked) else []


# --- Parent letter ------------------------------------------------------------------------------


def parent_letter(plan: LessonPlan, info: KitInfo | None = None) -> bytes:
    info = info or KitInfo()
    letter = plan.parent_letter
    doc = D.new_document("Brev til forældre", header=info.header() or "Klassekit · Brev til forældre",
                         page_numbers=False)  # always one page
    D.style(doc, "Heading 2").paragraph_format.space_before = Pt(6)
    D.heading(doc, "Vi taler om krop, grænser og livet på nettet", 1)
    D.para(doc, f"{letter.greeting}{' i ' + info.class_name if info.class_name else ''}")
    D.para(doc, letter.intro)
    D.para(doc, info.date or "_______________", bold_prefix="Hvornår: ")
    D.heading(doc, "Det lærer jeres barn", 2)
    topics = [t.parent_text or t.title for t in O.taught_themes(plan)][:MAX_LETTER_TOPICS]
    if len(topics) <= 3:
        D.bullets(doc, topics)
    else:  # a theme day: two columns keep the letter on one page
        D.list_in_columns(doc, topics, 2, style_name="List Bullet")
    D.para(doc, letter.why)

    pair = doc.add_table(rows=1, cols=2)
    for cell, (title, items) in zip(pair.rows[0].cells, (("Tal med jeres barn", letter.talk_tips[:3]),
                                                          ("Hvis der sker noget", letter.if_something_happens[:3]))):
        D.set_style(cell.paragraphs[0], doc, "Heading 3")
        D.add_text(cell.paragraphs[0], title)
        for n, item in enumerate(items, 1):
            p = D.add_p(cell, "", "Normal")
            p.paragraph_format.left_indent = Cm(0.5)
            p.paragraph_format.first_line_indent = Cm(-0.5)
            D.add_text(p, f"{n}.\t{D.clean(item)}")
    D.set_widths(pair, [8.5, 8.5])

    D.heading(doc, "Her kan I få hjælp", 2)
    _emergency_line(doc, plan, "Normal")
    D.contact_row(doc, _for_parents(plan), qr_cm=HANDOUT_QR_CM)
    D.para(doc, f"{letter.closing} Skriv på Aula til {info.teacher or 'klassens lærere'}."
           ).paragraph_format.keep_with_next = True  # the signature never stands alone on a new page
    sign = D.para(doc, "Med venlig hilsen")
    for line in [x for x in (info.teacher, info.school) if x] or ["_______________"]:
        sign.runs[-1].add_break()
        sign.add_run(D.clean(line))
    sign.paragraph_format.keep_together = True
    return D.to_bytes(doc)


def _for_parents(plan: LessonPlan) -> list:
    """The letter's contacts: confirmed ones only, and at most three, so the letter is one page."""
    return H.parent_contacts(plan, MAX_PARENT_HELPLINES)


# --- Poster -----------------------------------------------------------------------------------


PosterSize = Literal["A4", "A3"]


def poster(plan: LessonPlan, size: PosterSize = "A4") -> bytes:
    """A wall poster: one short line, the number a child needs in very large type, up to three QR codes."""
    k = 1.0 if size == "A4" else 2 ** 0.5
    simple = H.simple(plan)
    doc = D.new_document("Plakat – Her kan du få hjælp", page_numbers=False)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0 * k), Cm(29.7 * k)
    sec.top_margin = sec.bottom_margin = Cm(1.2 * k)
    sec.left_margin = sec.right_margin = Cm(1.5 * k)
    width = (21.0 - 3.0) * k

    band = doc.add_table(rows=1, cols=1)
    band.alignment = WD_TABLE_ALIGNMENT.CENTER
    D.set_widths(band, [width])
    D.row_height(band.rows[0], 1.6 * k)
    D.shade(band.rows[0].cells[0], BAND_COLOURS[plan.band])
    D.middle(band.rows[0].cells[0])
    lab = band.rows[0].cells[0].paragraphs[0]
    lab.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = lab.add_run(plan.band_label.split(" · ")[0])
    r.font.size, r.font.bold, r.font.color.rgb = Pt(20 * k), True, RGBColor(0xFF, 0xFF, 0xFF)

    title = D.add_p(doc, "", "Heading 1")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(16 * k)
    title.paragraph_format.space_after = Pt(4 * k)
    first = title.add_run("Sig det til en voksen,")
    first.add_break()
    title.add_run("du stoler på")
    for run in title.runs:
        run.font.size = Pt(44 * k)

    line = H.child_line(plan)
    codes = H.scan_codes(plan)
    if line:
        icon = doc.add_paragraph()
        icon.alignment = WD_ALIGN_PARAGRAPH.CENTER
        icon.paragraph_format.space_before = Pt(6 * k)
        icon.paragraph_format.space_after = Pt(0)
        for pid in ("voksen-og-barn", line.pictogram or "telefon"):
            pictures.add(icon, pid, (2.0 if codes else 4.2) * k)
            icon.add_run("   ")
        num = doc.add_paragraph()
        num.alignment = WD_ALIGN_PARAGRAPH.CENTER
        num.paragraph_format.space_after = Pt(0)
        rn = num.add_run(line.phone)
        rn.font.size, rn.font.bold = Pt((90 if codes else 120) * k), True
        rn.font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
        sub = doc.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        rs = sub.add_run(f"{line.name}: {H.ways(line)}")
        rs.font.size = Pt(24 * k)
    if not simple:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(10 * k)
        h = H.emergency(plan)
        if h:
            rr = p.add_run(f"Er nogen i fare lige nu? Ring {h.phone}.")
            rr.font.size, rr.font.bold = Pt(22 * k), True

    if not codes:  # the youngest: who they can tell, in pictures, instead of codes to scan
        t = doc.add_table(rows=1, cols=len(H.TRUSTED_ADULTS))
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        D.set_widths(t, [width / len(H.TRUSTED_ADULTS)] * len(H.TRUSTED_ADULTS))
        for cell, (pid, label) in zip(t.rows[0].cells, H.TRUSTED_ADULTS):
            pp = cell.paragraphs[0]
            pp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pp.paragraph_format.space_before = Pt(24 * k)
            pictures.add(pp, pid, 3.6 * k)
            lp = cell.add_paragraph()
            lp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            rl = lp.add_run(label)
            rl.font.size, rl.font.bold = Pt(24 * k), True
    if codes:
        t = doc.add_table(rows=1, cols=len(codes))
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        D.set_widths(t, [width / len(codes)] * len(codes))
        for cell, h in zip(t.rows[0].cells, codes):
            head = cell.paragraphs[0]
            head.alignment = WD_ALIGN_PARAGRAPH.CENTER
            head.paragraph_format.space_before = Pt(10 * k)
            if h.pictogram:
                pictures.add(head, h.pictogram, 1.2 * k)
                head.add_run(" ")
            rh = head.add_run(h.name)
            rh.font.size, rh.font.bold = Pt((20 if len(codes) < 3 else 18) * k), True
            qp = cell.add_paragraph()
            qp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            D.add_qr(qp, h.url, h.name, symbol_cm=POSTER_QR_CM * k)
            ap = cell.add_paragraph()
            ap.alignment = WD_ALIGN_PARAGRAPH.CENTER
            D.add_text(ap, D.shown_url(h.url), size=12 * k)
            if h.correction:  # the page behind the code advises against the sheet: say what to do instead
                cp = cell.add_paragraph()
                cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
                D.add_text(cp, D.clean(h.correction), size=(11 if len(codes) < 3 else 9.5) * k, bold=True)
    credit = doc.add_paragraph()
    credit.alignment = WD_ALIGN_PARAGRAPH.CENTER
    credit.paragraph_format.space_before = Pt(10 * k)
    rc = credit.add_run(pictures.CREDIT)
    rc.font.size = Pt(7)
    rc.font.color.rgb = RGBColor(0x70, 0x70, 0x70)
    return D.to_bytes(doc)


# --- The whole kit --------------------------------------------------------------------------


def documents_of(plan: LessonPlan) -> list[tuple[str, str]]:
    """(label, file name) of every document the kit holds, in the order a teacher uses them."""
    docs = [("Lærerplan", "laererplan.docx")]
    if P.has_pages(plan):
        docs.append(("Kort og skilte", "kort-og-skilte.docx"))
    docs.append(("Elevark" + (" (letlæst)" if plan.band == "special" else ""), "elevark.docx"))
    docs += [("Forældrebrev", "forældrebrev.docx"), ("Plakat", "plakat.docx"),
             ("Præsentation til tavlen", "præsentation.pptx")]
    return docs


def print_kit(plan: LessonPlan, info: KitInfo | None = None, poster_size: PosterSize = "A4") -> dict[str, bytes]:
    """The documents to print: teacher plan, cards and signs, handouts, parent letter and poster."""
    info = info or KitInfo()
    files = {"laererplan.docx": teacher_plan(plan, info)}
    props = P.props_document(plan, info.pupils)
    if props:
        files["kort-og-skilte.docx"] = props
    files["elevark.docx"] = student_handout(plan, info=info)
    if plan.band == "special":
        files["elevark-almindeligt.docx"] = student_handout(plan, easy_read=False, info=info)
    files["forældrebrev.docx"] = parent_letter(plan, info)
    files["plakat.docx"] = poster(plan, poster_size)
    return files


def build_kit(plan: LessonPlan, info: KitInfo | None = None, poster_size: PosterSize = "A4") -> dict[str, bytes]:
    """The whole classroom kit: the documents to print and the slide deck for the board."""
    info = info or KitInfo()
    files = print_kit(plan, info, poster_size)
    files["præsentation.pptx"] = slide_deck(plan, info.class_name, info.date)
    return files


def zip_files(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def kit_zip(plan: LessonPlan, info: KitInfo | None = None) -> bytes:
    return zip_files(build_kit(plan, info))
