"""A project sheet (项目绩效目标表) → :class:`Project`, found by its labels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbook_tools import labels
from workbook_tools.parse.cells import field_at, right_of, text
from workbook_tools.parse.indicator_value import parse_value
from workbook_tools.parse.model import Field, FundItem, Indicator, Loc, Project
from workbook_tools.parse.money import parse_amount
from workbook_tools.parse.spending_plan import parse_plan
from workbook_tools.read.grid import Grid, LabelIndex, ref

#: Labels whose value the parser takes from beside them: each must stand once on a sheet.
FIELD_LABELS = (
    labels.UNIT,
    labels.CODE,
    labels.NAME,
    labels.BUDGET,
    labels.FISCAL,
    labels.OTHER,
    labels.USE,
    labels.GOALS,
    *labels.CHECKPOINTS,
    labels.IND_LEVEL1,
)
#: Labels whose presence makes a sheet a project sheet (its name does not matter).
SIGNATURE = (labels.CODE, labels.BUDGET, labels.IND_LEVEL1)


def is_project_sheet(index: LabelIndex) -> bool:
    return index.grid.name not in labels.OUTPUT_SHEETS and index.has(*SIGNATURE)


def parse_project(index: LabelIndex) -> Project:
    """Parse a recognised project sheet."""
    grid = index.grid
    header = index.find(labels.IND_LEVEL1)
    assert header is not None  # guaranteed by is_project_sheet
    breakdown_pos = index.find(labels.BREAKDOWN)
    end_row = breakdown_pos[0] if breakdown_pos and breakdown_pos[0] > header[0] else len(grid.rows)
    return Project(
        sheet=grid.name,
        unit=right_of(index, labels.UNIT),
        code=right_of(index, labels.CODE),
        name=right_of(index, labels.NAME),
        budget=right_of(index, labels.BUDGET, parse_amount),
        fiscal=right_of(index, labels.FISCAL, parse_amount),
        other=right_of(index, labels.OTHER, parse_amount),
        use=right_of(index, labels.USE),
        goals=right_of(index, labels.GOALS),
        plan=parse_plan(index),
        indicators=_indicators(grid, header[0], end_row),
        indicator_header=Loc(grid.name, ref(*header)),
        breakdown=_breakdown(grid, breakdown_pos),
        repeated_labels=[
            (label, [Loc(grid.name, ref(*pos)) for pos in index.all(label)])
            for label in FIELD_LABELS
            if len(index.all(label)) > 1
        ],
    )


def _indicators(grid: Grid, header_row: int, end_row: int) -> list[Indicator]:
    columns: dict[str, int] = {}
    for c, value in enumerate(grid.rows[header_row]):
        for name in labels.INDICATOR_HEADERS:
            if labels.is_label(value, name) and name not in columns:
                columns[name] = c
    rows = []
    previous_level1: str | None = None
    for r in range(header_row + 1, end_row):
        if _blank_row(grid, r, columns):
            continue  # most of the template's rows: no Field objects made for them
        row = _indicator_row(grid, r, columns)
        content = (row.level2, row.level3, row.description, row.basis)
        if row.level1.empty and all(f.empty for f in content) and row.value.raw in (None, ""):
            continue  # a blank row of the table
        if row.level1.empty and previous_level1:
            row.level1.value = previous_level1
            row.level1_inherited = True
        previous_level1 = row.level1.value
        rows.append(row)
    return rows


def _blank_row(grid: Grid, r: int, columns: dict[str, int]) -> bool:
    """Whether an indicator row is blank: no text in its columns (a value cell holding only
    spaces is not blank: I006 reports it)."""
    for name, col in columns.items():
        raw = grid.value(r, col)
        if raw is None or (name != labels.IND_VALUE and isinstance(raw, str) and not raw.strip()):
            continue
        return False
    return True


def _indicator_row(grid: Grid, r: int, columns: dict[str, int]) -> Indicator:
    def at(name: str, parse: Callable[[Any], Any] = text) -> Field:
        col = columns.get(name)
        return field_at(grid, None if col is None else (r, col), parse)

    value_col = columns.get(labels.IND_VALUE)
    percent = None if value_col is None else grid.is_percent((r, value_col))
    return Indicator(
        level1=at(labels.IND_LEVEL1),
        level2=at(labels.IND_LEVEL2),
        level3=at(labels.IND_LEVEL3),
        description=at(labels.IND_DESCRIPTION),
        value=at(labels.IND_VALUE, lambda raw: parse_value(raw, percent)),
        basis=at(labels.IND_BASIS),
    )


def _breakdown(grid: Grid, label_pos: tuple[int, int] | None) -> list[FundItem]:
    if label_pos is None:
        return []
    purpose_col = amount_col = None
    r = label_pos[0]
    for r in range(label_pos[0], min(label_pos[0] + 3, len(grid.rows))):
        for c, value in enumerate(grid.rows[r]):
            if labels.is_label(value, labels.BREAKDOWN_PURPOSE):
                purpose_col = c
            elif labels.is_label(value, labels.BREAKDOWN_AMOUNT):
                amount_col = c
        if purpose_col is not None and amount_col is not None:
            break
    if purpose_col is None or amount_col is None:
        return []
    items = []
    for row in range(r + 1, len(grid.rows)):
        purpose = field_at(grid, (row, purpose_col), text)
        value = field_at(grid, (row, amount_col), parse_amount)
        if purpose.empty and value.raw in (None, ""):
            continue
        items.append(FundItem(purpose, value))
    return items
