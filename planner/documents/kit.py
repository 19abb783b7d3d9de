"""The classroom kit: teacher plan, student handout, parent letter and poster as Word documents.

Each builder is a pure function from a LessonPlan (plus optional, user-typed class details) to .docx bytes.
Pupils and parents only ever see confirmed contacts; unconfirmed ones appear in the teacher's plan, marked.
"""

from __future__ import annotations

import io
import re
import zipfile

from pydantic import BaseModel, ConfigDict, field_validator

from ..content.bands import BAND_LABELS
from ..planning.lesson import LessonPlan
from . import docx_base as D

MAX_HANDOUT_HELPLINES = 6
MAX_EASY_HELPLINES = 3
MAX_POSTER_HELPLINES = 4
MAX_PARENT_HELPLINES = 6  # the letter is two sheets; the text itself names Datatilsynet


class KitInfo(BaseModel):
    """Optional details the teacher types; cleaned and cut so any text makes a valid document."""

    model_config = ConfigDict(extra="forbid")
    school: str = ""
    class_name: str = ""
    date: str = ""
    teacher: str = ""

    @field_validator("school", "class_name", "date", "teacher", mode="before")
    @classmethod
    def _clean(cls, v):
        return D.clean(str(v or ""), 120).strip()

    def header(self) -> str:
        return " · ".join(x for x in (self.school, self.class_name, self.date) if x)


def slug(text: str) -> str:
    """A file-name-safe version of user text, e.g. '5.a' -> '5a'."""
    return re.sub(r"[^0-9a-zæøå]+", "", text.casefold())[:20]


# --- Choosing contacts ---------------------------------------------------------------------


EMERGENCY = "alarm-112"


def _for_pupils(plan: LessonPlan, limit: int, simple: bool) -> list:
    """Confirmed helplines for the pupils' age; for the youngest and easy-read only those with a child text.
    Older pupils get the emergency number as a line of its own (see _emergency_line), not as a row."""
    hs = [h for h in plan.helplines if {"børn", "unge"} & set(h.audience) and h.status == "confirmed"]
    if simple:
        hs = [h for h in hs if h.child_text]
    else:
        hs = [h for h in hs if h.id != EMERGENCY]
    # A number to call works for every pupil, with or without a phone to scan with; then the services made for
    # what the lesson is about (removal help in a lesson about images), then the general ones.
    lesson = {t.id for t in plan.themes}
    return sorted(hs, key=lambda h: (h.phone is None, not lesson & set(h.themes)))[:limit]


MAX_HANDOUT_FACTS = 1


def pupil_facts(plan: LessonPlan) -> list:
    """The law facts a pupil may read: checked ones only (never low confidence), and only the lesson's leading one,
    so the handout stays one sheet."""
    return [f for f in plan.facts if f.confidence != "low"][:MAX_HANDOUT_FACTS]


def _emergency_line(doc, plan: LessonPlan, style: str) -> None:
    h = next((x for x in plan.helplines if x.id == EMERGENCY and x.phone), None)
    if h:
        D.para(doc, f"Ring {h.phone}, hvis nogen er i fare lige nu.", style=style).runs[0].bold = True


def _simple(plan: LessonPlan) -> bool:
    return plan.age_band == "indskoling" or plan.band == "special"


def _as_child(h, age_band: str, simple: bool):
    """What a pupil reads: only addresses that lead pupils to help, and the child sentence for the youngest or
    where the adult text points at an address the pupil does not get."""
    hidden = bool(h.url) and not h.for_pupils_of(age_band)
    update = {"purpose": h.child_text} if h.child_text and (simple or hidden) else {}
    if hidden:
        update["url"] = None
    return h.model_copy(update=update)


# --- Teacher plan --------------------------------------------------------------------------


def teacher_plan(plan: LessonPlan, info: KitInfo | None = None) -> bytes:
    info = info or KitInfo()
    doc = D.new_document(f"Lærerplan – {plan.title}", header=info.header() or "Klassekit · Lærerplan")
    D.heading(doc, plan.title, 1)
    length = plan.template_title  # "Én lektion (45 minutter)" already says how long
    if str(plan.minutes) not in length:
        length += f" · {plan.minutes} minutter"
    D.para(doc, f"{plan.band_label} · {length}")
    for label, value in (("Skole: ", info.school), ("Klasse: ", info.class_name), ("Dato: ", info.date),
                         ("Lærer: ", info.teacher)):
        if value:
            D.para(doc, value, bold_prefix=label)

    D.heading(doc, "Læringsmål", 2)
    cur = plan.curriculum
    D.para(doc, f"{cur.subject}, trinforløb {cur.step}. Kompetenceområder: {', '.join(cur.areas)}.")
    D.para(doc, cur.goal)
    D.bullets(doc, plan.learning_goals)
    D.para(doc, f"Fagformål: »{cur.purpose_quote}«")

    D.heading(doc, "Forberedelse", 2)
    D.checklist(doc, plan.preparation)

    D.heading(doc, "Tidsplan", 2)
    D.table(doc, ["Tid", "Min.", "Aktivitet", "Indhold"],
            [[f"{a.start}–{a.end}", a.minutes, a.title, a.text] for a in plan.activities],
            widths=[2.0, 1.3, 4.5, 9.2])

    D.heading(doc, "Klassens aftaler", 2)
    D.bullets(doc, plan.ground_rules)

    D.heading(doc, "Øvelserne", 2)
    for n, act in enumerate(plan.exercise_activities, 1):
        e = plan.exercise(act.exercise_id)
        D.heading(doc, f"{n}. {e.title} ({act.minutes} min)", 3)
        D.para(doc, f"{e.method_label} · {e.group_form} · {e.minutes_min}–{e.minutes_max} min", bold_prefix="Metode: ")
        D.para(doc, e.learning_goal, bold_prefix="Læringsmål: ")
        D.para(doc, e.preparation, bold_prefix="Forberedelse: ")
        D.para(doc, "", bold_prefix="Sådan gør du:")
        D.numbered(doc, e.steps)
        if e.statements:
            D.para(doc, "", bold_prefix="Svar står i parentes; kortene bagest viser kun spørgsmålene:"
                   if e.method == "quiz" else "Udsagn (klip kortene ud bagest):")
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
            if f.teacher_note:
                D.para(doc, f.teacher_note, bold_prefix="Til dig som lærer: ")
        if plan.related_facts:
            D.para(doc, "", bold_prefix="Nævnt ovenfor:")
            for f in plan.related_facts:
                D.para(doc, f.pupil_text, bold_prefix=f"{f.title} ({f.law_ref}): ")

    D.heading(doc, plan.disclosure.title, 2)
    D.numbered(doc, plan.disclosure.steps)
    D.para(doc, f"Lovgrundlag: {plan.disclosure.legal_basis}.", style="Kilde")

    D.heading(doc, "Hjælp og kontakter", 2)
    D.para(doc, "Kontakter markeret 'ikke bekræftet' kommer fra kommunens pjece og er ikke efterprøvet. De står ikke "
                "på elevarket, plakaten eller forældrebrevet.")
    D.helpline_table(doc, plan.helplines, text_style="Normal", with_status=True, qr=D.Cm(2.5))

    _sources(doc, plan)
    _cards(doc, plan)
    return D.to_bytes(doc)


def _sources(doc, plan: LessonPlan) -> None:
    """Where every fact comes from and what is not certain, in one place at the end, so the lesson reads plainly."""
    D.heading(doc, "Kilder og forbehold", 2)
    D.para(doc, "Tjek paragraffer og strafferammer på retsinformation.dk, før du deler dem med eleverne. Fakta, der "
                "ikke er efterprøvet i en officiel kilde, står kun her i lærerplanen – aldrig på elevarket.")
    for f in plan.facts + plan.related_facts:
        p = D.para(doc, f"{f.source} (tjekket {f.checked:%d.%m.%Y}).", style="Kilde", bold_prefix=f"{f.law_ref}: ")
        if f.uncertain:
            p.add_run(" Forbehold: " + D.clean(f.uncertain))
    cur = plan.curriculum
    D.para(doc, f"{cur.source}.", style="Kilde", bold_prefix=f"{cur.subject}: ")
    D.para(doc, f"{plan.disclosure.source}.", style="Kilde", bold_prefix=f"{plan.disclosure.title}: ")


def _cards(doc, plan: LessonPlan) -> None:
    """Statements and cases as cut-out cards, two per row, never split over a page."""
    items = []
    for act in plan.exercise_activities:
        e = plan.exercise(act.exercise_id)
        items += [(e.title, None, s) for s in e.card_statements]
        items += [(e.title, c.title, c.text) for c in e.cases]
    if not items:
        return
    doc.add_page_break()
    D.heading(doc, "Kort til at klippe ud", 2)
    t = doc.add_table(rows=0, cols=2, style="Table Grid")
    for i in range(0, len(items), 2):
        row = t.add_row()
        D.keep_row_together(row)
        for cell, (source, title, text) in zip(row.cells, items[i:i + 2]):
            p = cell.paragraphs[0]
            p.style = doc.styles["Kort"]
            if title:
                p.add_run(D.clean(title) + "\n").bold = True
            p.add_run(D.clean(text))
            cell.add_paragraph(D.clean(source), style="Kilde")
    D.set_widths(t, [8.5, 8.5])


# --- Student handout ----------------------------------------------------------------------------


def student_handout(plan: LessonPlan, easy_read: bool | None = None) -> bytes:
    easy = plan.band == "special" if easy_read is None else easy_read
    simple = easy or plan.age_band == "indskoling"
    body = "Letlæst" if easy else "Elevtekst"
    doc = D.new_document("Elevark – Her kan du få hjælp", header="Klassekit · Elevark")
    if easy:
        doc.add_paragraph("Pas på dig selv", style="Letlæst overskrift")
    else:
        D.heading(doc, "Min krop og mine grænser" if plan.age_band == "indskoling" else "Pas på dig selv og hinanden", 1)
    D.heading(doc, "Det vigtigste", 2)
    for msg in plan.easy_read_messages if easy else plan.key_messages:
        run = doc.add_paragraph(style=body if easy else "List Bullet").add_run(D.clean(msg))
        if not easy:
            run.font.size = D.Pt(12)
    if plan.age_band == "indskoling" or easy:
        D.para(doc, "Sig det til en voksen, du stoler på: din mor eller far, din lærer, en pædagog eller en anden "
                    "voksen. Hvis den første voksne ikke hjælper, så sig det til en anden voksen.", style=body)
    law = pupil_facts(plan) if plan.age_band == "udskoling" and not easy else []
    if law:
        D.box(doc, "Det siger loven", [f.pupil_text for f in law], style=body)
    room = MAX_EASY_HELPLINES if easy else MAX_HANDOUT_HELPLINES - (2 if law else 0)
    D.heading(doc, "Her kan du få hjælp", 2)
    if not simple:
        _emergency_line(doc, plan, body)
    hs = [_as_child(h, plan.age_band, simple) for h in _for_pupils(plan, room, simple)]
    D.para(doc, ("Scan QR-koden med en telefon, eller skriv adressen ind. " if any(h.url for h in hs) else "")
           + "Du kan også bede en voksen om hjælp til at ringe eller skrive.", style="Kilde")
    D.helpline_table(doc, hs, text_style=body, qr=D.Cm(2.6), compact=True)
    return D.to_bytes(doc)


# --- Parent letter ------------------------------------------------------------------------------


def parent_letter(plan: LessonPlan, info: KitInfo | None = None) -> bytes:
    info = info or KitInfo()
    letter = plan.parent_letter
    doc = D.new_document("Brev til forældre", header=info.header() or "Klassekit · Brev til forældre")
    D.heading(doc, "Om undervisningen om digitale krænkelser og livet på nettet", 1)
    D.para(doc, f"{letter.greeting}{' i ' + info.class_name if info.class_name else ''}")
    D.para(doc, letter.intro)
    D.heading(doc, "Det arbejder vi med", 2)
    D.para(doc, f"Klassetrin: {BAND_LABELS[plan.band]}. Tid: {plan.minutes} minutter.")
    D.bullets(doc, [f"{t.title}: {t.description}" for t in plan.themes])
    D.heading(doc, "Hvorfor", 2)
    D.para(doc, letter.why)
    D.heading(doc, "Sådan kan I tale med jeres barn", 2)
    D.bullets(doc, letter.talk_tips)
    D.heading(doc, "Hvis der sker noget", 2)
    D.numbered(doc, letter.if_something_happens)
    D.heading(doc, "Her kan I få hjælp", 2)
    D.helpline_table(doc, _for_parents(plan), text_style="Normal")
    D.para(doc, letter.closing)
    D.para(doc, "Med venlig hilsen")
    for line in (info.teacher, info.school):
        if line:
            D.para(doc, line)
    return D.to_bytes(doc)


def _for_parents(plan: LessonPlan) -> list:
    """The letter's fixed contacts first, then other confirmed services for parents (not mere information pages)."""
    by_id = {h.id: h for h in plan.helplines}
    out = [by_id[x] for x in plan.parent_letter.contacts if x in by_id]
    out += [h for h in plan.helplines if "forældre" in h.audience and h.url_kind != "info" and h not in out]
    return [h for h in out if h.status == "confirmed"][:MAX_PARENT_HELPLINES]


# --- Poster -----------------------------------------------------------------------------------


def poster(plan: LessonPlan) -> bytes:
    simple = _simple(plan)
    doc = D.new_document("Plakat – Her kan du få hjælp")
    doc.add_paragraph("Her kan du få hjælp", style="Title")
    doc.add_paragraph("Sig det til en voksen, du stoler på – eller kontakt en af dem her." if not simple
                      else "Sig det til en voksen, du stoler på.", style="Plakattekst")
    if not simple:
        _emergency_line(doc, plan, "Plakattekst")
    # Older pupils' poster has the emergency number as a line above the table: one row less keeps it one sheet.
    room = MAX_POSTER_HELPLINES - (0 if simple else 1)
    hs = [_as_child(h, plan.age_band, simple) for h in _for_pupils(plan, room, simple)]
    D.helpline_table(doc, hs, text_style="Plakatkontakt", qr=D.Cm(4.0), name_size=24, compact=True)
    return D.to_bytes(doc)


# --- The whole kit --------------------------------------------------------------------------


def build_kit(plan: LessonPlan, info: KitInfo | None = None) -> dict[str, bytes]:
    info = info or KitInfo()
    files = {
        "laererplan.docx": teacher_plan(plan, info),
        "elevark.docx": student_handout(plan),
        "forældrebrev.docx": parent_letter(plan, info),
        "plakat.docx": poster(plan),
    }
    if plan.band == "special":
        files["elevark-almindeligt.docx"] = student_handout(plan, easy_read=False)
    return files


def zip_files(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def kit_zip(plan: LessonPlan, info: KitInfo | None = None) -> bytes:
    return zip_files(build_kit(plan, info))
