"""P rules: the cumulative spending plan (资金支出计划（%）)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from workbook_tools import labels
from workbook_tools.parse.model import Field, PlanKind, PlanValue, Project

HUNDRED = 100


def numbers(project: Project) -> Iterator[tuple[str, Field[PlanValue], Decimal]]:
    """(checkpoint, field, percent) for each plan cell that holds a number."""
    for checkpoint, field in zip(labels.CHECKPOINTS, project.plan):
        if (
            field.value is not None
            and field.value.kind is PlanKind.NUMBER
            and field.value.percent is not None
        ):
            yield checkpoint, field, field.value.percent
