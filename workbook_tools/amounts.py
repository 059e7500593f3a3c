"""Money amounts in 万元: exact ``Decimal`` parsing of cell values and 四舍五入 rounding."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum

CENT = Decimal("0.01")
ZERO = Decimal("0")

_TEXT_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)(?:万元|万)?$")


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
    try:
        return Amount(Decimal(match.group(1)), AmountKind.TEXT)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return Amount(None, AmountKind.INVALID)


def round2(value: Decimal) -> Decimal:
    """Round half-up (四舍五入) to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(value: Decimal | None) -> str:
    """Format an amount the way the form prints it: two decimals, blank for None."""
    return "" if value is None else f"{round2(value):.2f}"
