"""The parsed workbook: department, projects, indicators, plan and fund breakdown.

Every field remembers where it came from (sheet and cell) so that rules can point
at it. Nothing here knows which library read the file.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

from workbook_tools.parse.indicator_value import IndicatorValue
from workbook_tools.parse.money import ZERO, Amount, AmountKind

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in a workbook: sheet name and A1 cell ("" when there is no cell)."""

    sheet: str
    cell: str = ""


@dataclass(slots=True)
class Field(Generic[T]):
    """A parsed value with its raw cell content and location.

    ``loc`` is None when the field's label is not on the sheet; ``uncomputed`` is set
    when the cell holds a formula saved without a computed value.
    """

    value: T | None
    raw: Any = None
    loc: Loc | None = None
    uncomputed: bool = False

    @property
    def empty(self) -> bool:
        return self.value is None or self.value == "" or bool(getattr(self.value, "is_empty", False))


class PlanKind(Enum):
    EMPTY = "empty"
    NUMBER = "number"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class PlanValue:
    """One cumulative spending-plan percentage."""

    percent: Decimal | None
    kind: PlanKind


@dataclass(slots=True)
class Indicator:
    """One row of the indicator table."""

    level1: Field[str]
    level2: Field[str]
    level3: Field[str]
    description: Field[str]
    value: Field[IndicatorValue]
    basis: Field[str]
    level1_inherited: bool = False  # blank 一级指标 continuing the row above (the form's merged look)


@dataclass(slots=True)
class FundItem:
    """One row of the optional 资金明细 block."""

    purpose: Field[str]
    amount: Field[Amount]


@dataclass(slots=True)
class Project:
    """One project sheet."""

    sheet: str
    unit: Field[str]
    code: Field[str]
    name: Field[str]
    budget: Field[Amount]
    fiscal: Field[Amount]
    other: Field[Amount]
    use: Field[str]
    goals: Field[str]
    plan: list[Field[PlanValue]]
    indicators: list[Indicator]
    indicator_header: Loc
    breakdown: list[FundItem] = field(default_factory=list)
    repeated_labels: list[tuple[str, list[Loc]]] = field(default_factory=list)  # labels found twice or more

    @property
    def unit_code(self) -> str:
        return split_unit(self.unit.value)[0]

    @property
    def budget_value(self) -> Decimal | None:
        return amount_value(self.budget)

    @property
    def fiscal_value(self) -> Decimal:
        return amount_value(self.fiscal) or ZERO

    @property
    def other_value(self) -> Decimal:
        return amount_value(self.other) or ZERO

    def plan_percents(self) -> list[Decimal | None]:
        return [f.value.percent if f.value else None for f in self.plan]


@dataclass(slots=True)
class Department:
    """The 部门整体 sheet."""

    sheet: str
    unit_code: Field[str]
    unit_name: Field[str]
    year: Field[int]
    overall_goal: Field[str]
    duty_goals: Field[str]
    safeguards: Field[str]
    declared_total: Field[Amount]


@dataclass(slots=True)
class WorkbookModel:
    """Everything parsed from one workbook."""

    path: str
    sheets: list[str]
    department: Department | None
    projects: list[Project]
    uncomputed: bool = True  # whether any cell holds a formula without its value (unknown: True)

    @property
    def unit_code(self) -> str:
        if self.department and self.department.unit_code.value:
            return self.department.unit_code.value
        return next((p.unit_code for p in self.projects if p.unit_code), "")

    @property
    def unit_name(self) -> str:
        if self.department and self.department.unit_name.value:
            return self.department.unit_name.value
        return next((split_unit(p.unit.value)[1] for p in self.projects if p.unit.value), "")

    @property
    def year(self) -> int | None:
        return self.department.year.value if self.department else None

    @property
    def total_budget(self) -> Decimal:
        return sum((p.budget_value or ZERO for p in self.projects), ZERO)


def amount_value(f: Field[Amount]) -> Decimal | None:
    """The number of an amount field, if it has one."""
    return f.value.value if f.value is not None else None


def amount_kind(f: Field[Amount]) -> AmountKind:
    return f.value.kind if f.value is not None else AmountKind.EMPTY


def split_unit(text: str | None) -> tuple[str, str]:
    """``"711002定州市总工会"`` or ``"711002 定州市总工会"`` → ("711002", "定州市总工会")."""
    if not text:
        return "", ""
    text = unicodedata.normalize("NFKC", str(text)).strip()
    digits = ""
    for ch in text:
        if not ch.isdigit():
            break
        digits += ch
    return digits, text[len(digits) :].strip()
