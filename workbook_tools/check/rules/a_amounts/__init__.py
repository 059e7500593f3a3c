"""A rules: amounts are numbers, non-negative, and add up."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.rules.helpers import FIELD_LABELS
from workbook_tools.parse.model import Field, Project, WorkbookModel, amount_kind
from workbook_tools.parse.money import AmountKind

PROJECT_AMOUNTS = ("budget", "fiscal", "other")


def amount_fields(project: Project) -> Iterator[tuple[str, Field]]:
    for name in PROJECT_AMOUNTS:
        yield FIELD_LABELS[name], getattr(project, name)
    for item in project.breakdown:
        yield FIELD_LABELS["amount"], item.amount


def all_amount_fields(model: WorkbookModel) -> Iterator[tuple[str, Field]]:
    if model.department is not None:
        yield FIELD_LABELS["declared_total"], model.department.declared_total
    for project in model.projects:
        yield from amount_fields(project)


def usable(field: Field) -> bool:
    return amount_kind(field) is not AmountKind.INVALID and not field.uncomputed
