"""Characters that must never reach a document, a spreadsheet or a calendar, in one place for every layer."""

from __future__ import annotations

import re

# Characters XML (Word, Excel) cannot store.
XML_ILLEGAL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff"
# Bidi controls can make printed text read differently from what was typed (e.g. a reversed phone number).
BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069"

UNPRINTABLE = re.compile(f"[{XML_ILLEGAL}{BIDI}]")


_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def slug(text: str, limit: int = 30, empty: str = "x") -> str:
    """A name as it can stand in a file name or a calendar UID, readable and plain ASCII: 'Hjørring' → 'hjoerring',
    '7.c' → '7-c', 'Skovvangskolen' → 'skovvangskolen'. The one slug of the project."""
    text = " ".join(printable(str(text)).split()).casefold().translate(_DANISH)
    return (re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:limit].strip("-")) or empty


def printable(text: str) -> str:
    """The text without characters that cannot be stored or that change how it reads."""
    return UNPRINTABLE.sub("", text)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet program read a text cell as a formula once the sheet is saved as CSV and opened again
(OWASP: CSV injection), e.g. a school named '=HYPERLINK(…)' or a note '+45 …'."""


def cut(text: str, limit: int) -> str:
    """At most `limit` characters, marked with »…« where something was cut off."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def spreadsheet_text(value):
    """A text cell for a spreadsheet: one that would start a formula gets an apostrophe in front, so it stays text
    in Excel, LibreOffice and Google Sheets, also after a round trip through CSV. Anything but text is returned as
    it is."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value
