"""Reading one field off a grid: the value at a cell, parsed, with its location."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from workbook_tools import labels
from workbook_tools.parse.model import Field, Loc
from workbook_tools.read.grid import Grid, LabelIndex, Pos, ref

T = TypeVar("T")


def field_at(grid: Grid, pos: Pos | None, parse: Callable[[Any], T | None]) -> Field[T]:
    """The field at a cell (an empty field without location when pos is None)."""
    if pos is None:
        return Field(None)
    raw = grid.value(*pos)
    return Field(
        parse(raw),
        raw=raw,
        loc=Loc(grid.name, ref(*pos)),
        uncomputed=pos in grid.uncomputed,
    )


def text(raw: Any) -> str | None:
    """A cell as trimmed text (None when blank); whole numbers lose their ``.0``."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, (datetime, date)):
        raw = raw.isoformat()
    value = str(raw).strip()
    return value or None


def year(raw: Any) -> int | None:
    """A year cell: 2020, 2020.0, "2020", "2020年"."""
    value = text(raw)
    if value is None:
        return None
    digits = value.removesuffix(labels.YEAR_SUFFIX).strip()
    return int(digits) if digits.isdigit() and len(digits) == 4 else None


def right_of(index: LabelIndex, label: str, parse: Callable[[Any], Any] = text) -> Field[Any]:
    """The field right of a label."""
    return field_at(index.grid, index.right_of(label), parse)
