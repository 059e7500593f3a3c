"""Worksheet rows as SpreadsheetML text, made where the rows are made (a batch worker).

XlsxWriter writes the batch workbook (styles, sheet setup, the zip); in constant-memory
mode it keeps each sheet's ``<row>`` elements in a temporary file. Serialising the rows'
cells is most of the writing time, and a library object cannot be shared between
processes, so the workers render their rows here, in XlsxWriter's own cell form (inline
strings, ``_xHHHH_`` escapes, ``.16G`` numbers), with ``ROW`` standing for the row number
the parent knows only when the rows arrive. Unlike XlsxWriter, text that looks like a rich
string (``<r>…</r>``) is escaped too: a clerk's text is never markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Stands for the row number in a rendered row; text cannot contain it (it becomes ``_x0000_``).
ROW = "\x00"
MAX_TEXT = 32767  # Excel's limit on a cell's text, in UTF-16 code units

_ESCAPED_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_MARKUP = re.compile('[&<>"\n]')
_EDGE_SPACE = re.compile(r"^\s|\s$")


def column_letters(count: int) -> list[str]:
    """``A``, ``B``, … for the first ``count`` columns."""
    letters = []
    for index in range(1, count + 1):
        name = ""
        while index:
            index, rest = divmod(index - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


def _control(match: re.Match[str]) -> str:
    return f"_x{ord(match.group()):04X}_"


def escape_text(text: str) -> str:
    """Text as the content of ``<t>``: Excel's ``_xHHHH_`` escapes (a literal one guarded as
    ``_x005F_…``), then XML's ``&amp; &lt; &gt;``; cut to Excel's 32767 UTF-16 units."""
    if len(text) > MAX_TEXT // 2 and len(text.encode("utf-16-le")) > 2 * MAX_TEXT:
        text = text.encode("utf-16-le")[: 2 * MAX_TEXT].decode("utf-16-le", "ignore")
    if "_x" in text or not text.isprintable():  # the common text needs neither (checked in C)
        text = _CONTROL.sub(_control, _ESCAPED_ESCAPE.sub(r"_x005F\1", text))
    if _MARKUP.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def cell(ref: str, value: object, style: int) -> str:
    """One ``<c>``: text inline, a number, or an empty cell (no value, or "") that keeps its format."""
    if value is None or value == "":
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, str):
        space = ' xml:space="preserve"' if _EDGE_SPACE.search(value) else ""
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{escape_text(value)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}" s="{style}"><v>{value:.16G}</v></c>'
    raise TypeError(f"no cell form for {type(value).__name__}")


def render_row(values: Sequence[object], styles: Sequence[int], letters: Sequence[str]) -> str:
    """A ``<row>`` whose number is ``ROW`` (see :func:`numbered`)."""
    cells = "".join(cell(f"{letter}{ROW}", v, s) for letter, v, s in zip(letters, values, styles))
    return f'<row r="{ROW}">{cells}</row>'


def numbered(row: str, number: int) -> str:
    """A rendered row at its 1-based row number."""
    return row.replace(ROW, str(number))
