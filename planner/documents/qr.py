"""QR codes on paper and on the board: one image per address, printed so a phone camera reads it from a desk.

Only a service's own page gets a code (a child who scans one must land on help); the address is also printed."""

from __future__ import annotations

import io
from functools import lru_cache
from urllib.parse import unquote

import qrcode
from docx.shared import Cm
from qrcode.constants import ERROR_CORRECT_M

from .docx_base import add_image, clean

QR_SYMBOL_CM = 2.5  # the printed symbol, quiet zone not counted: a phone camera reads it from a desk

QR_BORDER = 4  # modules of quiet zone: the standard's minimum, printed as white inside the image


@lru_cache(maxsize=256)
def qr_symbol(url: str) -> tuple[bytes, int]:
    """One PNG per URL for the whole process, and the symbol's width in modules (without the quiet zone)."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=10, border=QR_BORDER)
    qr.add_data(url)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buf, format="PNG")
    return buf.getvalue(), qr.modules_count


def qr_png(url: str) -> bytes:
    return qr_symbol(url)[0]


def qr_image_cm(url: str, symbol_cm: float) -> float:
    """The image width that prints the symbol itself (finder pattern to finder pattern) at `symbol_cm`."""
    modules = qr_symbol(url)[1]
    return symbol_cm * (modules + 2 * QR_BORDER) / modules


def add_qr(paragraph, url: str, label: str, symbol_cm: float = QR_SYMBOL_CM):
    """Insert the QR code for `url`, its symbol `symbol_cm` wide, with alt text that says where it leads."""
    png, _ = qr_symbol(url)
    shape = add_image(paragraph, f"qr:{url}", png, Cm(qr_image_cm(url, symbol_cm)))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", clean(f"QR-kode til {label}: {shown_url(url)}"))
    doc_pr.set("title", clean(f"QR-kode til {label}"))
    return shape


def shown_url(url: str) -> str:
    """An address as a person types it: no scheme, no trailing slash, no percent-encoding."""
    return unquote(url).removeprefix("https://").removeprefix("www.").rstrip("/")
