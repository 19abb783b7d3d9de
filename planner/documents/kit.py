"""The classroom kit as one list of document kinds: teacher plan, cards and signs, pupil sheet, parent letter, poster
and the deck for the board.

A kind is one entry (its label, file name, MIME type, which plans it applies to, how it is built, whether it becomes
a PDF); the lesson page, the zip, the CLI, the PDF step, the year's kits and the tests all iterate KIT. Adding a
document is one builder module and one entry here. Each builder is a pure function from the kit's view (the plan,
the class's details and what planning made of them, worked out once for the whole kit: planning.lesson.kit_view) to
bytes; pupils and parents only ever see confirmed contacts.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Callable

from ..content.text import slug
from ..content.translations import LANGUAGES, language_label
from ..planning.lesson import LessonPlan
from ..planning.lesson.details import KitInfo
from ..planning.lesson.kit_view import KitView, kit_view
from . import props as P
from .handout import handout_of, student_handout
from .letter import MAX_PARENT_HELPLINES, letter_of, parent_letter, parent_letter_in  # noqa: F401 - named by callers
from .poster import PosterSize, poster, poster_of  # noqa: F401
from .slides import deck_of, slide_deck  # noqa: F401
from .teacher_plan import materials_lines, teacher_plan, teacher_plan_of  # noqa: F401

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document in the kit."""

    name: str
    file_name: str
    label: Callable[[LessonPlan], str]
    """The download button's Danish label for this plan."""
    build: Callable[[KitView], bytes | None]
    """The document from the kit's view (None when the kit has nothing for it)."""
    mime: str = DOCX
    applies: Callable[[KitView], bool] = lambda view: True
    printed: bool = True
    """Part of the printed kit (the year's kits and the accessibility checks hold these); the deck is for the board."""
    own_button: bool = True
    """Offered on its own on the lesson page (an extra copy for special classes comes only in the zip)."""
    pdf: bool = True


def _special(plan: LessonPlan) -> bool:
    return plan.band == "special"


KIT: tuple[DocumentKind, ...] = (
    DocumentKind("teacher_plan", "laererplan.docx", lambda plan: "Lærerplan", teacher_plan_of),
    DocumentKind("props", "kort-og-skilte.docx", lambda plan: "Kort og skilte", P.props_document,
                 applies=P.has_pages),
    DocumentKind("handout", "elevark.docx", lambda plan: "Elevark" + (" (letlæst)" if _special(plan) else ""),
                 handout_of),
    DocumentKind("handout_plain", "elevark-almindeligt.docx", lambda plan: "Elevark (almindeligt)",
                 lambda view: handout_of(view, easy_read=False), applies=lambda view: _special(view.plan),
                 own_button=False),
    DocumentKind("parent_letter", "foraeldrebrev.docx", lambda plan: "Forældrebrev", letter_of),
    DocumentKind("poster", "plakat.docx", lambda plan: "Plakat", poster_of),
    DocumentKind("deck", "praesentation.pptx", lambda plan: "Præsentation til tavlen", deck_of, mime=PPTX,
                 printed=False),
)
LETTER = next(k for k in KIT if k.name == "parent_letter")


def _letter_in(code: str) -> DocumentKind:
    """The parent letter in a language the class chose, beside the Danish one: same date, themes, tips and contacts."""
    stem, _, ext = LETTER.file_name.rpartition(".")
    return DocumentKind(f"parent_letter_{code}", f"{stem}-{code}.{ext}",
                        lambda plan: f"{LETTER.label(plan)} på {language_label(code)}", parent_letter_in(code),
                        applies=lambda view: code in view.plan.kit.letter_languages)


_at = KIT.index(LETTER) + 1
KIT = KIT[:_at] + tuple(_letter_in(code) for code in LANGUAGES) + KIT[_at:]
BY_FILE = {k.file_name: k for k in KIT}


def kinds_of(plan: LessonPlan | KitView, printed_only: bool = False) -> list[DocumentKind]:
    """The kinds this plan's kit holds, in the order a teacher uses them."""
    view = plan if isinstance(plan, KitView) else kit_view(plan)
    return [k for k in KIT if k.applies(view) and (k.printed or not printed_only)]


def documents_of(plan: LessonPlan) -> list[tuple[str, str]]:
    """(label, file name) of every document offered on its own, in the order a teacher uses them."""
    return [(k.label(plan), k.file_name) for k in kinds_of(plan) if k.own_button]


def build(plan: LessonPlan, info: KitInfo | None = None, file_names: list[str] | None = None,
          printed_only: bool = False) -> dict[str, bytes]:
    """The kit's files ({file name: bytes}), or just the named ones. What the documents show is worked out once, in
    one view for them all."""
    info = info or plan.kit
    if info is not plan.kit:  # which documents the kit holds (the letter's languages) follows the details given
        plan = plan.model_copy(update={"kit": info})
    return render(kit_view(plan, info), file_names, printed_only)


def render(view: KitView, file_names: list[str] | None = None, printed_only: bool = False) -> dict[str, bytes]:
    """The files of a kit's view, or just the named ones: every document renders the same view."""
    out = {}
    for k in kinds_of(view, printed_only):
        if file_names is None or k.file_name in file_names:
            data = k.build(view)
            if data:
                out[k.file_name] = data
    return out


def print_kit(plan: LessonPlan, info: KitInfo | None = None, poster_size: PosterSize | None = None) -> dict[str, bytes]:
    """The documents to print: teacher plan, cards and signs, handouts, parent letter and poster."""
    info = info or plan.kit
    return build(plan, info.model_copy(update={"poster": poster_size}) if poster_size else info, printed_only=True)


def build_kit(plan: LessonPlan, info: KitInfo | None = None, poster_size: PosterSize | None = None) -> dict[str, bytes]:
    """The whole classroom kit: the documents to print and the slide deck for the board."""
    info = info or plan.kit
    return build(plan, info.model_copy(update={"poster": poster_size}) if poster_size else info)


def mime_of(file_name: str) -> str:
    kind = BY_FILE.get(file_name)
    return kind.mime if kind else ("application/pdf" if file_name.endswith(".pdf") else "application/octet-stream")


PACKED = (".docx", ".pptx", ".xlsx", ".png", ".zip")
"""Files that are compressed already: stored as they are in a zip. Deflating them again saved 3 % of a kit's bytes and
cost 15 % of its time (issue 28)."""


def compression_of(name: str) -> int | None:
    """How a file goes into a zip: stored if it is compressed already (PACKED), else the zip's own (deflated)."""
    return zipfile.ZIP_STORED if name.endswith(PACKED) else None


def zip_files(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data, compress_type=compression_of(name))
    return buf.getvalue()


def kit_zip(plan: LessonPlan, info: KitInfo | None = None) -> bytes:
    return zip_files(build_kit(plan, info))


ZIP = "zip"
PDF_ZIP = "pdf.zip"


def kit_job(plan_json: str, want: str) -> bytes:
    """One job for the kit worker: the plan (with the class's details) as the page holds it, and what to hand back –
    one file of the kit, the whole kit as a zip, or the kit as PDF files in a zip. Only that travels back."""
    plan = LessonPlan.model_validate_json(plan_json)
    if want == ZIP:
        return kit_zip(plan)
    if want == PDF_ZIP:
        from . import pdf as PDF

        view = kit_view(plan)
        return zip_files(PDF.to_pdf(render(view, file_names=[k.file_name for k in kinds_of(view) if k.pdf])))
    if want not in BY_FILE:
        raise ValueError(f"unknown document {want!r}")
    return build(plan, file_names=[want])[want]


__all__ = ["KIT", "PDF_ZIP", "ZIP", "DocumentKind", "KitInfo", "KitView", "build", "build_kit", "compression_of",
           "documents_of", "kinds_of", "kit_job", "kit_view", "kit_zip", "render",
           "materials_lines", "mime_of", "parent_letter", "poster", "print_kit", "slug", "student_handout",
           "teacher_plan", "zip_files"]
