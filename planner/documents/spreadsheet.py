"""Excel workbooks as every spreadsheet of Klassekit writes them: text stays text.

XlsxWriter would turn a string that starts with '=' into a formula and one that looks like an address into a link;
both are off. And every text cell that a spreadsheet program could read as a formula after a round trip through
CSV (= + - @) gets an apostrophe in front (content.text.spreadsheet_text), whichever sheet writes it.
"""

from __future__ import annotations

from typing import BinaryIO

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ..content.text import FORMULA_START, spreadsheet_text


def _text_cell(worksheet: Worksheet, row: int, col: int, value: str, *args):
    if value.startswith(FORMULA_START):
        return worksheet.write_string(row, col, spreadsheet_text(value), *args)
    return None  # XlsxWriter's own handling: a plain string, since formulas and links from strings are off


class Workbook(xlsxwriter.Workbook):
    """An in-memory workbook whose every worksheet writes text through _text_cell (write and write_row)."""

    def __init__(self, out: BinaryIO):
        super().__init__(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})

    def add_worksheet(self, name: str | None = None, worksheet_class=None) -> Worksheet:
        ws = super().add_worksheet(name, worksheet_class)
        ws.add_write_handler(str, _text_cell)
        return ws
