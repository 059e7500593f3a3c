"""User text on its way out: never a control sequence, never a formula, never an exception.

Cell text comes from clerks' files and may hold anything: terminal escapes (ESC, BEL),
characters XML 1.0 cannot carry (Excel's ``_x001B_`` escapes decode to them), bidi
overrides (RLO) that make a line read backwards, and text starting with ``=`` that a
spreadsheet would run as a formula. Each output gets its own treatment here.
"""

from __future__ import annotations

import re

#: C0/C1 controls (tab, newline and CR kept apart) and the bidi embedding/override/isolate marks.
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: What an XML 1.0 document cannot hold (openpyxl raises IllegalCharacterError on these).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: OWASP CSV injection: a cell starting with one of these is a formula to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def for_terminal(text: str) -> str:
    """Escape control and bidi characters visibly (``\\u001b``), so nothing acts on the terminal."""
    return _TERMINAL_UNSAFE.sub(_visible, text)


def for_sheet(text: str) -> str:
    """Escape what an xlsx cannot hold visibly; the writer stores the result as a string."""
    return text if text.isprintable() else _XML_ILLEGAL.sub(_visible, text)


def for_csv(value: object) -> object:
    """A CSV cell that a spreadsheet would take for a formula gets a leading apostrophe."""
    if isinstance(value, str):
        value = for_sheet(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


#: East Asian wide and fullwidth characters (CJK, kana, hangul, fullwidth forms): two columns each.
_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    r"\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width view (a CJK character takes two), computed in C."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))
