"""The parent letter: what the class learns, how to talk about it at home, what to do if something happens, and
confirmed contacts, on one calm page."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..content import translations as T
from ..planning.lesson import LessonPlan
from ..planning.lesson.details import KitInfo
from ..planning.lesson.kit_view import MAX_PARENT_HELPLINES, KitView, kit_view
from . import contacts as C
from . import docx_base as D
from . import qr as QR
from . import rtl as R

__all__ = ["MAX_LETTER_TOPICS", "MAX_PARENT_HELPLINES", "TRANSLATED_PT", "letter_of", "parent_letter",
           "parent_letter_in", "worded_letter"]

MAX_LETTER_TOPICS = 4
"""A theme day touches more; the letter names its four main themes so it stays one page."""
TRANSLATED_PT = 10
"""The body text of a translated letter, a point smaller than the Danish letter's so it, too, fits one page."""


def parent_letter(plan: LessonPlan, info: KitInfo | None = None) -> bytes:
    return letter_of(kit_view(plan, info or KitInfo()))


def letter_of(view: KitView) -> bytes:
    """The kit's letter in Danish."""
    return render_letter(view, T.DANISH)


def parent_letter_in(code: str):
    """The builder of the letter in one of T.LANGUAGES from a plan and the class's details, or from a kit's view:
    None when the class did not choose the language."""

    def build(plan: LessonPlan | KitView, info: KitInfo | None = None) -> bytes | None:
        view = plan if isinstance(plan, KitView) else kit_view(plan, info)
        return render_letter(view, T.wording(code)) if code in view.info.letter_languages else None

    return build


def worded_letter(plan: LessonPlan, info: KitInfo, say: T.Wording) -> bytes:
    """The letter as `say` words it: in Danish, or in a translation (with the notice while it is unreviewed)."""
    return render_letter(kit_view(plan, info), say)


def render_letter(view: KitView, say: T.Wording) -> bytes:
    """The kit's letter as `say` words it."""
    plan, info = view.plan, view.info
    letter = plan.parent_letter
    title = say("label.title")
    doc = D.new_document(title, header=info.header() or f"Klassekit · {title}", page_numbers=False)  # always one page
    D.style(doc, "Heading 2").paragraph_format.space_before = Pt(6)
    if say.language is not None:  # a translation is longer than the Danish and carries the notice: still one page
        normal = D.style(doc, "Normal")
        normal.font.size = Pt(TRANSLATED_PT)
        normal.paragraph_format.line_spacing = 1.0
    D.heading(doc, say("label.heading"), 1)
    greeting = say("letter.greeting", letter.greeting)
    D.para(doc, say("label.greeting_class", greeting=greeting, class_name=info.class_name) if info.class_name
           else greeting)
    D.para(doc, say("letter.intro", letter.intro))
    D.para(doc, info.date or "_______________", bold_prefix=say("label.when") + " ")
    D.heading(doc, say("label.learns"), 2)
    topics = [say(f"theme.{t.id}", t.parent_text or t.title) for t in view.themes][:MAX_LETTER_TOPICS]
    if len(topics) <= 3:
        D.bullets(doc, topics)
    else:  # a theme day: two columns keep the letter on one page
        D.list_in_columns(doc, topics, 2, style_name="List Bullet")
    D.para(doc, say("letter.why", letter.why))

    pair = doc.add_table(rows=1, cols=2)
    tips = [say(f"letter.talk_tips.{i}", x) for i, x in enumerate(letter.talk_tips[:3])]
    steps = [say(f"letter.if_something_happens.{i}", x) for i, x in enumerate(letter.if_something_happens[:3])]
    for cell, (title, items) in zip(pair.rows[0].cells, ((say("label.talk"), tips), (say("label.happens"), steps)),
                                    strict=False):
        D.set_style(cell.paragraphs[0], doc, "Heading 3")
        D.add_text(cell.paragraphs[0], title)
        for n, item in enumerate(items, 1):
            p = D.add_p(cell, "", "Normal")
            p.paragraph_format.left_indent = Cm(0.5)
            p.paragraph_format.first_line_indent = Cm(-0.5)
            D.add_text(p, f"{n}.\t{D.clean(item)}")
    D.set_widths(pair, [8.5, 8.5])

    D.heading(doc, say("label.help"), 2)
    sos, police = view.parent_emergency
    if sos:
        line = say("label.emergency_police", phone=sos, police=police) if police else say("label.emergency", phone=sos)
        D.para(doc, line, style_name="Normal").runs[0].bold = True
    C.contact_row(doc, [_worded(h, say) for h in view.parent_contacts], qr_cm=QR.QR_SYMBOL_CM, say=say,
                  size=11 if say.language is None else TRANSLATED_PT - 0.5)
    closing = say("letter.closing", letter.closing)
    D.para(doc, f"{closing} {say('label.write', teacher=info.teacher or say('label.teachers'))}"
           ).paragraph_format.keep_with_next = True  # the signature never stands alone on a new page
    sign = D.para(doc, say("label.regards"))
    for line in [x for x in (info.teacher, info.school) if x] or ["_______________"]:
        sign.runs[-1].add_break()
        sign.add_run(D.clean(line))
    sign.paragraph_format.keep_together = True
    danish = _notice(doc, say) if not say.reviewed else set()
    if say.language is not None:
        _language(doc, say.language)
        if say.language.rtl:
            R.right_to_left(doc, say.language.lang_tag, say.language.font, keep_ltr=danish)
    return D.to_bytes(doc)


def _language(doc, language: T.Language) -> None:
    """The letter's language for Word's spelling, hyphenation and screen readers (the base file says Danish). In a
    right-to-left letter the script's language is set on its runs (w:lang w:bidi) and the Latin text – names,
    addresses – stays Danish."""
    doc.core_properties.language = language.lang_tag
    if not language.rtl:
        rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        rpr.find(qn("w:lang")).set(qn("w:val"), language.lang_tag)


def _notice(doc, say: T.Wording) -> set:
    """At the top, in the letter's language and in Danish: the Danish letter is the one that holds. Decided once the
    letter is worded, so a text the translator has not seen (new or changed Danish) also makes the letter unreviewed.
    Returns the Danish notice's paragraph, which reads left to right in any letter."""
    notice, danish = D.para(doc, say("label.notice")), D.para(doc, T.NOTICE_DA)
    for p in (notice, danish):
        for r in p.runs:
            r.italic, r.font.size = True, Pt(9)
    for r in danish.runs:
        lang = r._r.get_or_add_rPr().makeelement(qn("w:lang"), {qn("w:val"): "da-DK"})
        r._r.get_or_add_rPr().append(lang)
        p.paragraph_format.space_after = Pt(0)
    notice.paragraph_format.keep_with_next = True
    first = doc.element.body[0]
    first.addprevious(notice._p)
    first.addprevious(danish._p)
    return {danish._p}


def _worded(h, say: T.Wording):
    """A contact as the letter's language describes it: its name, numbers and addresses stay as they are."""
    if say.language is None:
        return h
    update = {"purpose": say(f"contact.{h.id}.purpose", h.purpose)}
    if h.phone_label:
        update["phone_label"] = say(f"contact.{h.id}.phone_label", h.phone_label)
    return h.model_copy(update=update)

