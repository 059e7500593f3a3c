"""The 部门整体 sheet → :class:`Department`, found by its labels."""

from __future__ import annotations

from . import labels
from .amounts import parse_amount
from .fields import right_of, year
from .grid import LabelIndex
from .model import Department

SIGNATURE = (labels.DEPT_UNIT_CODE, labels.DEPT_OVERALL)


def is_department_sheet(index: LabelIndex) -> bool:
    return index.grid.name not in labels.OUTPUT_SHEETS and index.has(*SIGNATURE)


def parse_department(index: LabelIndex) -> Department:
    return Department(
        sheet=index.grid.name,
        unit_code=right_of(index, labels.DEPT_UNIT_CODE),
        unit_name=right_of(index, labels.DEPT_UNIT_NAME),
        year=right_of(index, labels.DEPT_YEAR, year),
        overall_goal=right_of(index, labels.DEPT_OVERALL),
        duty_goals=right_of(index, labels.DEPT_DUTIES),
        safeguards=right_of(index, labels.DEPT_SAFEGUARDS),
        declared_total=right_of(index, labels.DEPT_TOTAL, parse_amount),
    )
