"""A rules: amounts are numbers, non-negative, and add up."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..amounts import ZERO, AmountKind, fmt, stated_breakdown
from ..model import Field, Project, WorkbookModel, amount_kind, amount_value
from .common import FIELD_LABELS, num
from .registry import RULES, Context, Finding, rule

_PROJECT_AMOUNTS = ("budget", "fiscal", "other")


def _amount_fields(project: Project) -> Iterator[tuple[str, Field]]:
    for name in _PROJECT_AMOUNTS:
        yield FIELD_LABELS[name], getattr(project, name)
    for item in project.breakdown:
        yield FIELD_LABELS["amount"], item.amount


def _all_amount_fields(model: WorkbookModel) -> Iterator[tuple[str, Field]]:
    if model.department is not None:
        yield FIELD_LABELS["declared_total"], model.department.declared_total
    for project in model.projects:
        yield from _amount_fields(project)


@rule("A001", "workbook")
def amount_not_number(model: WorkbookModel, ctx: Context) -> Iterable[Finding]:
    """An amount cell (预算数, 财政资金, 其他资金, 资金明细 金额, 部门预算总额) holds something
    that is not a number ("待定", "约450")."""
    for label, field in _all_amount_fields(model):
        if amount_kind(field) is AmountKind.INVALID:
            yield RULES["A001"].at(field.loc, field=label, raw=field.raw)


@rule("A002", "workbook")
def amount_negative(model: WorkbookModel, ctx: Context) -> Iterable[Finding]:
    """An amount is negative; budgets and fund sources are never below zero."""
    for label, field in _all_amount_fields(model):
        value = amount_value(field)
        if value is not None and value < 0:
            yield RULES["A002"].at(field.loc, field=label, value=fmt(value))


def _usable(field: Field) -> bool:
    return amount_kind(field) not in (AmountKind.INVALID,) and not field.uncomputed


@rule("A003", "project")
def budget_equals_sources(project: Project, ctx: Context) -> Iterable[Finding]:
    """预算数 must equal 财政资金 + 其他资金 (a blank source counts as 0) within the
    profile's tolerance (0.005 万元): the form's own arithmetic."""
    budget = project.budget_value
    if budget is None or not all(_usable(getattr(project, n)) for n in _PROJECT_AMOUNTS):
        return
    if abs(budget - (project.fiscal_value + project.other_value)) > ctx.profile.amount_tolerance:
        yield RULES["A003"].at(
            project.budget.loc,
            budget=fmt(budget),
            fiscal=fmt(project.fiscal_value),
            other=fmt(project.other_value),
        )


@rule("A004", "project")
def breakdown_sums_to_budget(project: Project, ctx: Context) -> Iterable[Finding]:
    """The optional 资金明细 rows (用途 | 金额) must add up to 预算数."""
    budget = project.budget_value
    items = [i for i in project.breakdown if amount_value(i.amount) is not None]
    if budget is None or not items or len(items) != len(project.breakdown):
        return
    total = sum((amount_value(i.amount) or ZERO for i in items), ZERO)
    if abs(total - budget) > ctx.profile.amount_tolerance:
        yield RULES["A004"].at(items[0].amount.loc, total=fmt(total), budget=fmt(budget), count=len(items))


@rule("A005", "project")
def stated_amounts_match_budget(project: Project, ctx: Context) -> Iterable[Finding]:
    """The breakdown that 资金用途 states after 其中 ("其中生活救助15.6万元，医疗救助5.43万元，
    子女助学4.15万元") should add up to 预算数. Only the amounts after 其中 count, not every
    amount in the text ("预计需50万元" is the total, not an item)."""
    budget = project.budget_value
    items = stated_breakdown(project.use.value)
    if budget is None or not items:
        return
    total = sum((i.amount for i in items), ZERO)
    if abs(total - budget) > ctx.profile.amount_tolerance:
        listed = "、".join(f"{i.label}{num(i.amount)}" for i in items)
        yield RULES["A005"].at(project.use.loc, items=listed, total=num(total), budget=fmt(budget))


@rule("A006", "workbook")
def amount_typed_as_text(model: WorkbookModel, ctx: Context) -> Iterable[Finding]:
    """An amount typed as text ("450万元", full-width "４５０"): it is read, but Excel cannot
    sum it, so it is flagged for the clerk to retype as a number."""
    for label, field in _all_amount_fields(model):
        if amount_kind(field) is AmountKind.TEXT:
            yield RULES["A006"].at(field.loc, field=label, raw=field.raw, value=fmt(amount_value(field)))
