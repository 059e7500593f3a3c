"""The unit sheets (项目汇总表, 指标明细表, 部门概况) as host-neutral sheet plans.

A :class:`SheetPlan` is blocks of worded values at fixed places plus native charts;
the file writer (:mod:`workbook_tools.outputs.table_sheets`) and the live Excel host
(:mod:`workbook_tools.hosts.excel`) both render these plans, so the two hosts show
the same figures in the same places.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from workbook_tools import labels as L
from workbook_tools.check.profile import Profile
from workbook_tools.check.validation import FileReport
from workbook_tools.outputs.figures import HUNDRED, UnitFigures
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
from workbook_tools.parse.money import ZERO, round2

AMOUNT_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00"
#: 部门概况's column widths (characters): facts A:B, a gap, the plan and budget tables D:F
#: (at 7 pt a character, 100 % on A4 landscape in every renderer).
OVERVIEW_WIDTHS = (24, 22, 3, 27, 21, 13)
CHART_CM_PER_BAR = 0.8
ROW_CM = 15 / 72 * 2.54  # a row of the default height (15 pt)


@dataclass
class Block:
    """A rectangle of values from (row, col), 1-based; the first row is a header.

    A ``note`` block is one sentence, written across the block's ``span`` columns, wrapped."""

    row: int
    col: int
    values: list[list[Any]]
    column_formats: dict[int, str] = field(default_factory=dict)  # column offset → number format
    title: str = ""  # a bold line just above the block
    note: bool = False
    span: int = 1

    @property
    def width(self) -> int:
        return max((len(r) for r in self.values), default=0)

    @property
    def last_row(self) -> int:
        return self.row + len(self.values) - 1


@dataclass
class ChartPlan:
    """A native chart: the values of one column of a block, labelled by another.

    Bars are drawn in the block's order from the top, each labelled with its value. A file's
    chart covers ``columns`` columns from the anchor and rows for ``height_cm`` (a live host
    sizes its own)."""

    kind: str  # "bar" or "line"
    title: str
    block: Block
    label_offset: int
    value_offset: int
    anchor_row: int
    anchor_col: int
    width_cm: float = 12.0
    height_cm: float = 7.0
    columns: int = 3


@dataclass
class SheetPlan:
    title: str
    blocks: list[Block]
    charts: list[ChartPlan] = field(default_factory=list)
    heading: str = ""  # a big title in A1
    widths: tuple[int, ...] = ()  # column widths from A (characters), when fixed


def table_values(table: Table) -> list[list[Any]]:
    """A table's header row and worded cells."""
    columns = table.columns
    rows = [[word(v, c) for v, c in zip(values, columns)] for values in table.rows]
    return [[header(c) for c in columns], *rows]


def table_plan(title: str, table: Table, heading: str = "") -> SheetPlan:
    """A table from A1, or from A2 under a ``heading`` line."""
    columns = table.columns
    formats = {i: AMOUNT_FORMAT for i, c in enumerate(columns) if c in AMOUNT_COLUMNS}
    return SheetPlan(title, [Block(2 if heading else 1, 1, table_values(table), formats)], heading=heading)


def unit_heading(figures: UnitFigures, title: str, amounts: bool = True) -> str:
    """The line above a unit's own table: the unit, the year, the table (and the amounts' unit)."""
    year = L.UNIT_HEADING_YEAR.format(year=figures.year) if figures.year else ""
    line = L.UNIT_HEADING.format(code=figures.unit_code, name=figures.unit_name, year=year, title=title)
    return line + (L.UNIT_HEADING_AMOUNTS if amounts else "")


def unit_tables(report: FileReport, profile: Profile) -> list[tuple[str, Table, str]]:
    """A unit's 项目汇总表 and 指标明细表 (no per-row unit columns) with their heading lines."""
    figures, _ = overview(report, profile)
    return [
        (
            L.SHEET_SUMMARY,
            project_table([report], profile, one_unit=True),
            unit_heading(figures, L.SHEET_SUMMARY),
        ),
        (
            L.SHEET_INDICATORS,
            indicator_table([report], profile, one_unit=True),
            unit_heading(figures, L.SHEET_INDICATORS, amounts=False),
        ),
    ]


def _plan_text(percents: tuple[Decimal | None, ...] | list[Decimal]) -> str:
    """``25/50/75/100``: a spending plan as a clerk writes it."""
    return "/".join("—" if p is None else f"{p.normalize():f}" for p in percents)


def plan_note(figures: UnitFigures) -> str:
    """A sentence instead of the cumulative-spending chart when the chart would tell nothing
    the table does not: every project has the same plan, or together they spend as the
    template's default plan (25/50/75/100) does; "" when the chart is worth drawing."""
    if not figures.projects or figures.budget == ZERO:
        return L.OVERVIEW_PLAN_NONE
    plans = {p.plan for p in figures.projects}
    if len(plans) == 1:
        return L.OVERVIEW_PLAN_SAME.format(count=len(figures.projects), plan=_plan_text(next(iter(plans))))
    shares = [share for _, _, share in plan_rows(figures)]
    even = [round2(HUNDRED * i / len(shares)) for i in range(1, len(shares) + 1)]
    if shares == even:
        return L.OVERVIEW_PLAN_EVEN.format(plan=_plan_text(shares))
    return ""


def overview_plan(figures: UnitFigures, rows: list[tuple[str, object]]) -> SheetPlan:
    """部门概况: key figures (A3); cumulative planned spending (D3) with a sentence under it when
    a chart would tell nothing, else its chart under the key figures; the projects' budgets
    largest first (D) and, across the page below, their bar chart, every bar labelled with its
    value (a bar of 3 beside one of 450 still reads)."""
    facts = Block(3, 1, [[L.OVERVIEW_FIELDS, L.OVERVIEW_VALUE]])
    facts.values += [[L.OVERVIEW_ROWS.get(key, key), word(value)] for key, value in rows]
    facts.column_formats = {1: AMOUNT_FORMAT}
    plan = Block(3, 4, [list(L.OVERVIEW_PLAN_HEADERS)], {1: AMOUNT_FORMAT, 2: PERCENT_FORMAT})
    plan.values += [[c, amount, share] for c, amount, share in plan_rows(figures)]
    plan.title = L.OVERVIEW_PLAN_TITLE
    blocks, charts = [facts, plan], []
    right, left = plan.last_row + 2, facts.last_row + 2
    note = plan_note(figures)
    if note:
        blocks.append(Block(right, 4, [[note]], note=True, span=3))
        right += 2
    else:
        line = ChartPlan("line", L.CHART_PLAN, plan, 0, 1, left, 1, 12.0, 6.5, columns=2)
        charts.append(line)
        left += math.ceil(line.height_cm / ROW_CM) + 1
    budgets = Block(right + 2, 4, [[L.COL_NAME, L.COL_BUDGET, L.OVERVIEW_SHARE]])
    budgets.column_formats = {1: AMOUNT_FORMAT, 2: PERCENT_FORMAT}
    budgets.title = L.OVERVIEW_BUDGET_SORTED
    ranked = sorted(figures.projects, key=lambda p: p.budget, reverse=True)  # stable: ties keep sheet order
    for project in ranked:
        share = round2(project.budget / figures.budget * HUNDRED) if figures.budget else ZERO
        budgets.values.append([project.name or project.sheet, round2(project.budget), share])
    blocks.append(budgets)
    if figures.projects:
        height = max(6.5, 2.0 + CHART_CM_PER_BAR * len(figures.projects))
        below = max(left, budgets.last_row + 2)
        width = len(OVERVIEW_WIDTHS)
        charts.insert(0, ChartPlan("bar", L.CHART_BUDGET, budgets, 0, 1, below, 1, 24.0, height, width))
    heading = f"{figures.unit_code} {figures.unit_name} {L.OVERVIEW_TITLE}"
    return SheetPlan(L.SHEET_OVERVIEW, blocks, charts, heading, OVERVIEW_WIDTHS)


def unit_sheet_plans(report: FileReport, profile: Profile) -> list[SheetPlan]:
    """The three sheets the 汇总 button (or `consolidate FILE`) adds to a unit's workbook."""
    figures, rows = overview(report, profile)
    tables = [table_plan(title, table, heading) for title, table, heading in unit_tables(report, profile)]
    return [*tables, overview_plan(figures, rows)]
