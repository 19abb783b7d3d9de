"""Helplines on paper: the ways to reach each one, in a list with codes to scan or side by side in a letter."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from ..content.translations import DANISH, Wording
from .docx_base import add_p, add_text, clean, keep_row_together, para, set_style, set_widths
from .qr import QR_SYMBOL_CM, add_qr, qr_image_cm, shown_url


def contact_lines(h, with_status: bool = False, compact: bool = False, say: Wording = DANISH) -> list[str]:
    """The ways to reach a helpline, printed beside its QR code for pupils without a phone; `say` words the compact
    lines of a parent letter in its language (numbers and addresses stay as they are)."""
    lines = []
    if h.phone:
        call = say("label.call_sms" if h.sms == h.phone else "label.call", phone=h.phone)
        lines.append(call + (f" – {h.phone_label}" if h.phone_label else ""))
    if compact:
        if h.url:
            lines.append(say("label.chat", url=shown_url(h.url)) if h.chat else shown_url(h.url))
        return lines
    if h.sms and h.sms != h.phone:
        lines.append(f"SMS {h.sms}")
    if h.chat:
        lines.append("Chat på hjemmesiden" if h.url else "Chat")
    if h.email:
        lines.append(f"Mail {h.email}")
    if h.url:
        lines.append(shown_url(h.url))
    if h.opening_hours:
        lines.append(h.opening_hours)
    if with_status and h.status != "confirmed":
        lines.append("OBS: fra kommunens pjece, ikke bekræftet – tjek før brug")
    if h.advice_conflict:  # for the adult reading the full list; pupils' sheets print the correction instead
        lines.append(f"OBS: {h.advice_conflict}" + (f" Elevarket siger: »{h.correction}«" if h.correction else ""))
    return lines


def helpline_table(doc, helplines, text_style: str = "Kontakt", with_status: bool = False,
                   qr_cm: float = QR_SYMBOL_CM, name_size: float | None = None, compact: bool = False,
                   simple: bool = False, width_cm: float = 17.0):
    """Two columns: QR code (when the URL leads to the service itself) and name, purpose and contact details.
    `simple` leaves out words a young child does not know (a number's label such as "servicenummer")."""
    t = doc.add_table(rows=0, cols=2)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    widest = 0.0
    for h in helplines:
        row = t.add_row()
        keep_row_together(row)
        left, right = row.cells
        lp = left.paragraphs[0]
        lp.paragraph_format.space_before = Pt(3 if compact else 6)
        if h.url and h.url_kind != "info":  # an information page is printed as an address, never scanned
            add_qr(lp, h.url, h.name, symbol_cm=qr_cm)
            widest = max(widest, qr_image_cm(h.url, qr_cm))
        rp = right.paragraphs[0]
        set_style(rp, doc, text_style)
        rp.paragraph_format.space_before = Pt(3 if compact else 6)
        add_text(rp, clean(h.name), bold=True, size=name_size)
        add_p(right, clean(h.purpose), text_style)
        shown = h.model_copy(update={"phone_label": ""}) if simple else h
        for line in contact_lines(shown, with_status, compact):
            if simple and h.phone and line.startswith("Ring") and h.phone in h.purpose:
                continue  # "Ring 112, hvis …" is said once, not twice
            add_text(add_p(right, "", text_style), clean(line), bold=line.startswith("Ring"))
    left_cm = widest + 0.4 if widest else 0.4
    set_widths(t, [left_cm, width_cm - left_cm])
    return t


def contact_row(doc, helplines, qr_cm: float = QR_SYMBOL_CM, width_cm: float = 17.0, size: float = 11,
                say: Wording = DANISH):
    """A few contacts side by side, each with its number, its QR code (services only) and its address: the
    compact form that keeps a one-page letter on one page."""
    if not helplines:
        return None
    t = doc.add_table(rows=1, cols=len(helplines))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    keep_row_together(t.rows[0])
    for cell, h in zip(t.rows[0].cells, helplines, strict=False):
        add_text(cell.paragraphs[0], clean(h.name), bold=True)
        for n, line in enumerate([h.purpose] + contact_lines(h, compact=True, say=say)):
            q = cell.add_paragraph()
            q.paragraph_format.space_after = Pt(1)
            add_text(q, clean(line), bold=n == 1 and bool(h.phone), size=size)  # the number to call stands out
        if h.url and h.url_kind != "info":
            add_qr(cell.add_paragraph(), h.url, h.name, symbol_cm=qr_cm)
    set_widths(t, [width_cm / len(helplines)] * len(helplines))
    return t


def emergency_line(doc, text: str, style: str) -> None:
    """"Ring 112 …" in bold, when the sheet's contacts call for it (planning words it: pupil_help.emergency_text)."""
    if text:
        para(doc, text, style=style).runs[0].bold = True
