"""D rules: the 部门整体 sheet and the unit across sheets."""

from __future__ import annotations

from collections.abc import Iterable

from .. import labels
from ..amounts import fmt
from ..model import WorkbookModel, amount_value, split_unit
from . import messages
from .common import FIELD_LABELS, blank
from .registry import RULES, Context, Finding, rule


@rule("D001", "workbook")
def department_missing(model: WorkbookModel, ctx: Context) -> Iterable[Finding]:
    """The 部门整体 sheet is missing, or its 单位编码 or 单位名称 is empty: the workbook
    cannot be attributed to a unit."""
    department = model.department
    if department is None:
        yield RULES["D001"].at(None, reason=messages.NO_DEPARTMENT_SHEET)
        return
    for name in ("unit_code", "unit_name"):
        field = getattr(department, name)
        if blank(field):
            reason = messages.DEPARTMENT_FIELD_EMPTY.format(field=FIELD_LABELS[name])
            yield RULES["D001"].at(field.loc, reason=reason)


@rule("D002", "workbook")
def declared_total(model: WorkbookModel, ctx: Context) -> Iterable[Finding]:
    """The optional declared department total (部门预算总额) must equal the sum of the
    projects' 预算数."""
    if model.department is None:
        return
    declared = amount_value(model.department.declared_total)
    if declared is None:
        return
    total = model.total_budget
    if abs(declared - total) > ctx.profile.amount_tolerance:
        yield RULES["D002"].at(
            model.department.declared_total.loc,
            declared=fmt(declared),
            total=fmt(total),
            count=len(model.projects),
        )


@rule("D003", "workbook")
def unit_disagrees(model: WorkbookModel, ctx: Context) -> Iterable[Finding]:
    """A project sheet's 单位 line names another unit than 部门整体 (or than the first project
    sheet, without 部门整体): a sheet copied from another unit's workbook."""
    department = model.department
    if department is not None and department.unit_code.value:
        reference = (department.unit_code.value, department.unit_name.value or "")
    else:
        first = next((p for p in model.projects if p.unit.value), None)
        if first is None:
            return
        reference = split_unit(first.unit.value)
    for project in model.projects:
        if not project.unit.value:
            continue
        code, name = split_unit(project.unit.value)
        same_name = not name or not reference[1] or labels.norm(name) == labels.norm(reference[1])
        if labels.norm(code) != labels.norm(reference[0]) or not same_name:
            yield RULES["D003"].at(project.unit.loc, unit=project.unit.value, department="".join(reference))
