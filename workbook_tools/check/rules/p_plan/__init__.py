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


CHECKPOINT_MONTHS = (3, 6, 10, 12)  # the months whose end each plan column is (labels.CHECKPOINTS)
TEMPLATE_PLAN = (Decimal(25), Decimal(50), Decimal(75), Decimal(100))  # the even plan clerks leave as it was


def even_plan(project: Project) -> bool:
    """The plan is exactly 25/50/75/100: most often the template's example, not a plan."""
    return tuple(project.plan_percents()) == TEMPLATE_PLAN
