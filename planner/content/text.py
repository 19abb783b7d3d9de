"""Characters that must never reach a document, a spreadsheet or a calendar, in one place for every layer."""

from __future__ import annotations

import re

# Characters XML (Word, Excel) cannot store.
XML_ILLEGAL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff"
# Bidi controls can make printed text read differently from what was typed (e.g. a reversed phone number).
BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069"

UNPRINTABLE = re.compile(f"[{XML_ILLEGAL}{BIDI}]")


def printable(text: str) -> str:
    """The text without characters that cannot be stored or that change how it reads."""
    return UNPRINTABLE.sub("", text)
