"""The teacher's plan: »Lektionen på én side« (clock times, what to say, what to bring, what to do if a pupil
tells), then preparation, goals, every activity with its notes, the law and an appendix of sources."""

from __future__ import annotations


from docx.shared import Pt

from ..planning.lesson import LessonPlan
from ..planning.lesson.details import KitInfo
from ..planning.lesson.kit_view import KitView, kit_view
from . import contacts as C
from . import docx_base as D
from . import props as P
from . import qr as QR


def _subtitle(plan: LessonPlan, info: KitInfo) -> str:
    """Band and length under the title; the class and date stand in every page's header (KitInfo.header), so page 1
    does not say them twice."""
    length = plan.template_title if plan.request.template else f"{plan.minutes} minutter"
    return " · ".join(x for x in (plan.band_label, length) if x)


def materials_lines(plan: LessonPlan | KitView, info: KitInfo | None = None) -> list[str]:
    """'1 snor', '4 hjørneskilte (kort og skilte s. 2–5)', '28 elevark': what to bring and print, with the page."""
    view = plan if isinstance(plan, KitView) else kit_view(plan, info or KitInfo())
    plan = view.plan
    pages = P.where(view)
    out = []
    for need in view.needs:
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


def _page_one(doc, view: KitView) -> None:
    """"Lektionen på én side": clock times, what to say, what to bring, and what to do if a pupil tells."""
    plan = view.plan
    D.heading(doc, view.title, 1)
    D.para(doc, _subtitle(plan, view.info))
    rows = view.schedule
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
    for row, r in zip(t.rows[1:], rows, strict=False):
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
                                                         ("Slut: ", say.get("closing", ""))), strict=False):
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
    lines = materials_lines(view)
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


def _preparation(view: KitView) -> list[str]:
    """The lesson's own list: what to print and find for these exercises, then the school's standing advice."""
    plan, info = view.plan, view.info
    out = []
    pages = P.where(view)
    if pages:
        first = min(w.first for w in pages.values())
        last = max(w.last for w in pages.values())
        out.append(f"Print »Kort og skilte« (s. {first}–{last}; se oversigten på s. 1), klip kortene ud, og hæng "
                   "skiltene op før timen.")
    things = [n for n in view.needs if n.kind == "item"]
    if things:
        out.append("Find: " + ", ".join(f"{n.quantity} {n.name}" for n in things) + ".")
    out.append(f"Print {info.pupils} elevark.")
    for e in view.exercises:
        name = P.short_title(e.title)
        out.append(f"{name}{'' if name.endswith(('?', '!')) else ':'} {e.preparation}")
    # The school's standing advice, less what the lines above already say about printing.
    out += [x for x in plan.preparation if not x.startswith(("Print ", "Udskriv "))]
    return out


def teacher_plan(plan: LessonPlan, info: KitInfo | None = None) -> bytes:
    return teacher_plan_of(kit_view(plan, info or KitInfo()))


def teacher_plan_of(view: KitView) -> bytes:
    """The kit's teacher plan."""
    plan, info = view.plan, view.info
    doc = D.new_document(f"Lærerplan – {view.title}", header=info.header() or "Klassekit · Lærerplan")
    _page_one(doc, view)
    doc.add_page_break()

    D.heading(doc, "Forberedelse", 2)
    D.checklist(doc, _preparation(view))

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
        what = "1 lokal kontakt" if len(unconfirmed) == 1 else f"{len(unconfirmed)} lokale kontakter"
        D.para(doc, f"{what} fra kommunens pjece er ikke efterprøvet. {'Den' if len(unconfirmed) == 1 else 'De'} "
                    "står i tillægget bagest – ikke her og aldrig på elevarket, plakaten eller forældrebrevet.")
    C.helpline_table(doc, confirmed, text_style="Normal", qr_cm=QR.QR_SYMBOL_CM)

    if plan.related_materials:
        D.heading(doc, "Brug også", 2)
        for x in plan.related_materials:
            D.para(doc, f"{x.provider}. {x.purpose or x.form} {QR.shown_url(x.url or '')}".replace("  ", " "),
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
        p = D.para(doc, f"{QR.shown_url(f.source)} (tjekket {f.checked:%d.%m.%Y}).", style="Kilde",
                   bold_prefix=f"{f.law_ref}: ")
        if f.uncertain:
            D.add_text(p, " Forbehold: " + D.clean(f.uncertain))
    cur = plan.curriculum
    D.para(doc, f"{QR.shown_url(cur.source)}.", style="Kilde", bold_prefix=f"{cur.subject}: ")
    D.para(doc, f"{QR.shown_url(plan.disclosure.source)}.", style="Kilde", bold_prefix=f"{plan.disclosure.title}: ")
    if unconfirmed:
        D.heading(doc, "Lokale kontakter – ikke bekræftet", 3)
        D.para(doc, "Fra kommunens pjece. Tjek nummer og adresse, før du bruger dem.")
        C.helpline_table(doc, unconfirmed, text_style="Normal", with_status=True, qr_cm=QR.QR_SYMBOL_CM)
