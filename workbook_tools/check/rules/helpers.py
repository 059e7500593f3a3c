"""Helpers shared by the rule modules."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TypeVar

from workbook_tools import labels
from workbook_tools.parse.model import Field, Indicator

T = TypeVar("T")

#: Model attribute → the template label a message names it by.
FIELD_LABELS = {
    "unit": labels.UNIT,
    "code": labels.CODE,
    "name": labels.NAME,
    "budget": labels.BUDGET,
    "fiscal": labels.FISCAL,
    "other": labels.OTHER,
    "use": labels.USE,
    "goals": labels.GOALS,
    "level1": labels.IND_LEVEL1,
    "level2": labels.IND_LEVEL2,
    "level3": labels.IND_LEVEL3,
    "description": labels.IND_DESCRIPTION,
    "value": labels.IND_VALUE,
    "basis": labels.IND_BASIS,
    "unit_code": labels.DEPT_UNIT_CODE,
    "unit_name": labels.DEPT_UNIT_NAME,
    "year": labels.DEPT_YEAR,
    "overall_goal": labels.DEPT_OVERALL,
    "duty_goals": labels.DEPT_DUTIES,
    "safeguards": labels.DEPT_SAFEGUARDS,
    "declared_total": labels.DEPT_TOTAL,
    "purpose": labels.BREAKDOWN_PURPOSE,
    "amount": labels.BREAKDOWN_AMOUNT,
}


def blank(field: Field) -> bool:
    """Empty, and not because a formula lacks its computed value (that is X004)."""
    return field.empty and not field.uncomputed


def repeats(items: Iterable[T], key: Callable[[T], str | None]) -> Iterator[tuple[T, T]]:
    """(item, first item with the same key) for every item whose non-empty key came before."""
    first: dict[str, T] = {}
    for item in items:
        value = key(item)
        if not value:
            continue
        if value in first:
            yield item, first[value]
        else:
            first[value] = item


def walk_fields(obj: object, prefix: str = "") -> Iterator[tuple[str, Field]]:
    """Every Field inside a model object (recursively), with a readable label."""
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            label = FIELD_LABELS.get(f.name, f.name)
            if f.name == "plan":
                label = labels.CHECKPOINTS[i]
            if isinstance(item, Field):
                yield label, item
            elif dataclasses.is_dataclass(item):
                yield from walk_fields(item, prefix)


def indicator_name(indicator: Indicator) -> str:
    """How a message names an indicator: its 三级指标, or its row."""
    if indicator.level3.value:
        return indicator.level3.value
    loc = indicator.value.loc or indicator.level1.loc
    row = "".join(ch for ch in (loc.cell if loc else "") if ch.isdigit())
    return f"第 {row} 行" if row else "（无名）"


def num(value: Decimal) -> str:
    """A number for a message without trailing zeros (25, 25.5); money uses amounts.fmt."""
    return f"{value.normalize():f}"
