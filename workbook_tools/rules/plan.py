"""P rules: the cumulative spending plan (资金支出计划（%）)."""

from __future__ import annotations

from collections.abc import Iterable

from .. import labels
from ..model import Loc, PlanKind, Project
from . import messages
from .common import num
from .registry import RULES, Context, Finding, rule

HUNDRED = 100


def _numbers(project: Project):
    """(checkpoint, field, percent) for each plan cell that holds a number."""
    for checkpoint, field in zip(labels.CHECKPOINTS, project.plan):
        if field.value is not None and field.value.kind is PlanKind.NUMBER:
            yield checkpoint, field, field.value.percent


@rule("P001", "project")
def plan_missing(project: Project, ctx: Context) -> Iterable[Finding]:
    """A spending-plan percentage (3月底, 6月底, 10月底, 12月底) is empty or not a number."""
    for checkpoint, field in zip(labels.CHECKPOINTS, project.plan):
        if field.uncomputed:
            continue
        kind = field.value.kind if field.value is not None else PlanKind.EMPTY
        if kind is PlanKind.EMPTY:
            problem = messages.NOT_FILLED
        elif kind is PlanKind.INVALID:
            problem = messages.NOT_A_NUMBER.format(raw=field.raw)
        else:
            continue
        yield RULES["P001"].at(field.loc or Loc(project.sheet), checkpoint=checkpoint, problem=problem)


@rule("P002", "project")
def plan_out_of_range(project: Project, ctx: Context) -> Iterable[Finding]:
    """A spending-plan percentage is below 0 or above 100."""
    for checkpoint, field, percent in _numbers(project):
        if not 0 <= percent <= HUNDRED:
            yield RULES["P002"].at(field.loc, checkpoint=checkpoint, value=num(percent))


@rule("P003", "project")
def plan_decreases(project: Project, ctx: Context) -> Iterable[Finding]:
    """The plan is cumulative: a later checkpoint may not be below an earlier one."""
    previous = None
    for checkpoint, field, percent in _numbers(project):
        if previous is not None and percent < previous[1]:
            yield RULES["P003"].at(
                field.loc,
                checkpoint=checkpoint,
                value=num(percent),
                previous=previous[0],
                previous_value=num(previous[1]),
            )
        previous = (checkpoint, percent)


@rule("P004", "project")
def plan_ends_at_hundred(project: Project, ctx: Context) -> Iterable[Finding]:
    """By 12月底 the whole budget is planned to be spent: the last checkpoint must be 100."""
    last = project.plan[-1] if project.plan else None
    if last is None or last.value is None or last.value.kind is not PlanKind.NUMBER:
        return
    if last.value.percent != HUNDRED and 0 <= last.value.percent <= HUNDRED:
        yield RULES["P004"].at(last.loc, value=num(last.value.percent))
