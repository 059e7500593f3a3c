"""The unit sheets (项目汇总表, 指标明细表, 部门概况) as host-neutral sheet plans.

A :class:`SheetPlan` is blocks of worded values at fixed places plus native charts;
the file writer (:mod:`workbook_tools.outputs.table_sheets`) and the live Excel host
(:mod:`workbook_tools.hosts.excel`) both render these plans, so the two hosts show
the same figures in the same places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbook_tools import labels as L
from workbook_tools.check.profile import Profile
from workbook_tools.check.validation import FileReport
from workbook_tools.outputs.figures import UnitFigures
from workbook_tools.outputs.tables import (
    AMOUNT_COLUMNS,
    Table,
    header,
    indicator_table,
    overview,
    plan_rows,
    project_table,
    word,
)

AMOUNT_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00"


@dataclass
class Block:
    """A rectangle of values from (row, col), 1-based; the first row is a header."""

    row: int
    col: int
    values: list[list[Any]]
    column_formats: dict[int, str] = field(default_factory=dict)  # column offset → number format
    title: str = ""  # a bold line just above the block

    @property
    def width(self) -> int:
        return max((len(r) for r in self.values), default=0)

    @property
    def last_row(self) -> int:
        return self.row + len(self.values) - 1


@dataclass
class ChartPlan:
    """A native chart: the values of one column of a block, labelled by another."""

    kind: str  # "bar" or "line"
    title: str
    block: Block
    label_offset: int
    value_offset: int
    anchor_row: int
    anchor_col: int


@dataclass
class SheetPlan:
    title: str
    blocks: list[Block]
    charts: list[ChartPlan] = field(default_factory=list)
    heading: str = ""  # a big title in A1


def table_values(table: Table) -> list[list[Any]]:
    """A table's header row and worded cells."""
    columns = table.columns
    rows = [[word(v, c) for v, c in zip(values, columns)] for values in table.rows]
    return [[header(c) for c in columns], *rows]


def table_plan(title: str, table: Table) -> SheetPlan:
    columns = table.columns
    formats = {i: AMOUNT_FORMAT for i, c in enumerate(columns) if c in AMOUNT_COLUMNS}
    return SheetPlan(title, [Block(1, 1, table_values(table), formats)])


def overview_plan(figures: UnitFigures, rows: list[tuple[str, object]]) -> SheetPlan:
    """部门概况: key figures (A3), cumulative planned spending (D3), budget by project, two charts."""
    facts = Block(3, 1, [[L.OVERVIEW_FIELDS, L.OVERVIEW_VALUE]])
    facts.values += [[L.OVERVIEW_ROWS.get(key, key), word(value)] for key, value in rows]
    facts.column_formats = {1: AMOUNT_FORMAT}
    plan = Block(3, 4, [list(L.OVERVIEW_PLAN_HEADERS)], {1: AMOUNT_FORMAT, 2: PERCENT_FORMAT})
    plan.values += [[c, amount, share] for c, amount, share in plan_rows(figures)]
    plan.title = L.OVERVIEW_PLAN_TITLE
    budgets = Block(plan.last_row + 3, 4, [[L.COL_NAME, L.COL_BUDGET]], {1: AMOUNT_FORMAT})
    budgets.values += [[p.name or p.sheet, p.budget] for p in figures.projects]
    budgets.title = L.OVERVIEW_BUDGET_TITLE
    charts_row = max(facts.last_row, budgets.last_row) + 2
    charts = [ChartPlan("line", L.CHART_PLAN, plan, 0, 1, charts_row, 4)]
    if figures.projects:
        charts.insert(0, ChartPlan("bar", L.CHART_BUDGET, budgets, 0, 1, charts_row, 1))
    heading = f"{figures.unit_code} {figures.unit_name} {L.OVERVIEW_TITLE}"
    return SheetPlan(L.SHEET_OVERVIEW, [facts, plan, budgets], charts, heading)


def unit_sheet_plans(report: FileReport, profile: Profile) -> list[SheetPlan]:
    """The three sheets the 汇总 button (or `consolidate FILE`) adds to a unit's workbook."""
    figures, rows = overview(report, profile)
    return [
        table_plan(L.SHEET_SUMMARY, project_table([report], profile)),
        table_plan(L.SHEET_INDICATORS, indicator_table([report], profile)),
        overview_plan(figures, rows),
    ]
