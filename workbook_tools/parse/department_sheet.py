"""The 部门整体 sheet → :class:`Department`, found by its labels."""

from __future__ import annotations

from workbook_tools import labels
from workbook_tools.parse.cells import right_of, year
from workbook_tools.parse.model import Department
from workbook_tools.parse.money import parse_amount
from workbook_tools.read.grid import LabelIndex

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
