"""Indicator values (指标值): the grammar ``[operator] number [unit]`` and qualitative text.

Examples from the seed: ``≥30人次``, ``>50户次``, ``≥50百分比``, ``5人次``, ``1座``,
``100百分比``. Full-width and ASCII forms are folded (``＞＝３０％`` = ``≥30%``); 百分比, % and
％ all mean percent; ``30人次以上`` reads as ``≥30人次``. A value with no number is
qualitative (定性). A cell may also hold a bare number, or a %-formatted number (0.6 = 60%).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from workbook_tools import labels
from workbook_tools.parse.money import to_decimal

PERCENT = "%"
PERCENT_UNITS = frozenset({"%", labels.PERCENT_WORD})
SYMBOL_OPERATORS = {
    ">=": "≥",
    "=>": "≥",
    "≥": "≥",
    "≧": "≥",
    "<=": "≤",
    "=<": "≤",
    "≤": "≤",
    "≦": "≤",
    ">": ">",
    "<": "<",
    "=": "=",
}

#: Written operator forms (after NFKC folding) → canonical operator.
PREFIX_OPERATORS = {**SYMBOL_OPERATORS, **labels.WORD_OPERATORS}
SUFFIX_OPERATORS = labels.SUFFIX_OPERATORS


_OPERATOR_CHARS = set("<>=≥≤≧≦")
_PREFIX = "|".join(re.escape(op) for op in sorted(PREFIX_OPERATORS, key=len, reverse=True))
_GRAMMAR = re.compile(rf"^(?P<op>{_PREFIX})?(?P<num>\d+(?:\.\d+)?)(?P<unit>\D*)$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_WHITESPACE = re.compile(r"\s+")


class ValueKind(Enum):
    """What an indicator value turned out to be."""

    EMPTY = "empty"
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """A parsed 指标值."""

    text: str
    kind: ValueKind
    operator: str = ""
    number: Decimal | None = None
    unit: str = ""

    @property
    def is_percent(self) -> bool:
        return self.unit == PERCENT

    @property
    def nature(self) -> str:
        """指标性质 as a machine value: the operator ("" for none), "qualitative", or "" when unknown."""
        if self.kind is ValueKind.QUALITATIVE:
            return ValueKind.QUALITATIVE.value
        return (self.operator or "=") if self.kind is ValueKind.QUANTITATIVE else ""


def _canonical_unit(unit: str) -> str:
    return PERCENT if unit in PERCENT_UNITS else unit


def parse_value(raw: object, percent_format: bool | None = None) -> IndicatorValue:
    """Parse a 指标值 cell. ``percent_format`` says the cell is %-formatted (None: unknown)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return IndicatorValue("", ValueKind.EMPTY)
    if isinstance(raw, bool):
        return IndicatorValue(str(raw), ValueKind.INVALID)
    if isinstance(raw, float) and not math.isfinite(raw):
        return IndicatorValue(str(raw), ValueKind.INVALID)
    if isinstance(raw, (int, float, Decimal)):
        number = raw if isinstance(raw, Decimal) else to_decimal(raw)
        if percent_format:
            number = (number * 100).normalize()
            return IndicatorValue(f"{number:f}%", ValueKind.QUANTITATIVE, "", number, PERCENT)
        return IndicatorValue(f"{number:f}", ValueKind.QUANTITATIVE, "", number, "")
    text = str(raw).strip()
    folded = _THOUSANDS.sub("", _WHITESPACE.sub("", unicodedata.normalize("NFKC", text)))
    if not any(ch.isdigit() for ch in folded):
        return IndicatorValue(text, ValueKind.QUALITATIVE)
    match = _GRAMMAR.match(folded)
    if not match:
        return IndicatorValue(text, ValueKind.INVALID)
    operator = PREFIX_OPERATORS.get(match.group("op") or "", "")
    unit = match.group("unit")
    for suffix, suffix_op in SUFFIX_OPERATORS.items():
        if unit.endswith(suffix):
            if operator:
                return IndicatorValue(text, ValueKind.INVALID)
            operator, unit = suffix_op, unit[: -len(suffix)]
            break
    if _OPERATOR_CHARS & set(unit):
        return IndicatorValue(text, ValueKind.INVALID)
    return IndicatorValue(
        text, ValueKind.QUANTITATIVE, operator, Decimal(match.group("num")), _canonical_unit(unit)
    )
