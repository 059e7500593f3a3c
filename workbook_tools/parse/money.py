"""Money amounts in 万元: exact ``Decimal`` parsing of cell values and 四舍五入 rounding."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from workbook_tools import labels

CENT = Decimal("0.01")
ZERO = Decimal("0")

_TEXT_NUMBER = re.compile(rf"^([+-]?\d+(?:\.\d+)?)(?:{'|'.join(labels.AMOUNT_UNITS)})?$")


class AmountKind(Enum):
    """How an amount cell was written."""

    EMPTY = "empty"
    NUMBER = "number"  # a real number cell
    TEXT = "text"  # a number typed as text ("450万元", full-width digits): read, but flagged
    INVALID = "invalid"  # not a number at all


@dataclass(frozen=True)
class Amount:
    """A parsed amount: the exact value (or None) and how it was written."""

    value: Decimal | None
    kind: AmountKind

    @property
    def is_empty(self) -> bool:
        return self.kind is AmountKind.EMPTY


def to_decimal(number: int | float) -> Decimal:
    """An exact Decimal for a cell number (a float goes through its shortest repr)."""
    return Decimal(str(number)) if isinstance(number, float) else Decimal(number)


def parse_amount(raw: object) -> Amount:
    """Parse an amount cell: numbers, text numbers with 万元, full-width digits, blanks."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Amount(None, AmountKind.EMPTY)
    if isinstance(raw, bool):
        return Amount(None, AmountKind.INVALID)
    if isinstance(raw, (int, float)):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return Amount(None, AmountKind.INVALID)
        return Amount(to_decimal(raw), AmountKind.NUMBER)
    if isinstance(raw, Decimal):
        return Amount(raw, AmountKind.NUMBER)
    text = unicodedata.normalize("NFKC", str(raw)).strip().replace(",", "").replace(" ", "")
    match = _TEXT_NUMBER.match(text)
    if not match:
        return Amount(None, AmountKind.INVALID)
    return Amount(Decimal(match.group(1)), AmountKind.TEXT)


def round2(value: Decimal) -> Decimal:
    """Round half-up (四舍五入) to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(value: Decimal | None) -> str:
    """Format an amount the way the form prints it: two decimals, blank for None."""
    return "" if value is None else f"{round2(value):.2f}"


_BREAKDOWN_START = labels.BREAKDOWN_START
_SENTENCE_END = re.compile(f"[{labels.SENTENCE_ENDS}]")
_STATED = re.compile(rf"(\d+(?:\.\d+)?)\s*({labels.WAN_YUAN}|{labels.YUAN})")
_ITEM_SEPARATORS = re.compile(rf"[{re.escape(labels.ITEM_SEPARATORS)}\s]")


@dataclass(frozen=True)
class StatedItem:
    """An amount a free text states: "医疗救助5.43万元" → ("医疗救助", 5.43)."""

    label: str
    amount: Decimal  # in 万元


def stated_breakdown(text: str | None) -> list[StatedItem]:
    """The breakdown a 资金用途 text states after 其中, up to the end of that sentence.

    Only amounts after 其中 count: in "预计需50万元……其中生活救助20万元，医疗救助15万元……"
    the 50 is the total, the items follow 其中. Amounts in 元 are converted to 万元.
    A 其中 clause with fewer than two amounts is not a breakdown.
    """
    if not text:
        return []
    folded = unicodedata.normalize("NFKC", text)
    start = folded.find(_BREAKDOWN_START)
    while start != -1:
        clause = folded[start + len(_BREAKDOWN_START) :]
        end = _SENTENCE_END.search(clause)
        clause = clause[: end.start()] if end else clause
        items = []
        previous_end = 0
        for match in _STATED.finditer(clause):
            value = Decimal(match.group(1))
            if match.group(2) == labels.YUAN:
                value = value / Decimal(10000)
            label = _ITEM_SEPARATORS.split(clause[previous_end : match.start()])[-1] or _BREAKDOWN_START
            items.append(StatedItem(label.removeprefix(labels.STATED_PREFIX), value))
            previous_end = match.end()
        if len(items) >= 2:
            return items
        start = folded.find(_BREAKDOWN_START, start + len(_BREAKDOWN_START))
    return []
