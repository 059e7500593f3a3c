"""The check stage: the rule catalog (DESIGN §5) run over parsed workbooks.

Importing this package registers every rule (``check/rules/``). :func:`check_model`
runs the workbook, project and batch rules of a profile over one workbook; a batch
runs the batch rules once over all its workbooks (:func:`check_batch`).
"""

from __future__ import annotations

from collections.abc import Sequence

from workbook_tools.check import rules as _rules  # noqa: F401 - registers every rule
from workbook_tools.check.profile import Profile
from workbook_tools.check.registry import RULES, Context, Finding, Scope, Severity, rules_in
from workbook_tools.parse.model import WorkbookModel
from workbook_tools.read.grid import parse_ref
from workbook_tools.read.problems import ReadError

__all__ = [
    "RULES",
    "Finding",
    "Severity",
    "check_batch",
    "check_model",
    "read_error_findings",
    "sort_findings",
]


def sort_findings(findings: list[Finding], sheets: list[str]) -> list[Finding]:
    """Workbook-level first, then by sheet order, row, column and code."""
    order = {name: i for i, name in enumerate(sheets)}

    def key(f: Finding) -> tuple[int, int, int, str]:
        row, col = parse_ref(f.cell) if f.cell else (-1, -1)
        return (order.get(f.sheet, -1) if f.sheet else -2, row, col, f.code)

    return sorted(findings, key=key)


def check_model(model: WorkbookModel, profile: Profile, batch_rules: bool = True) -> list[Finding]:
    """Every workbook and project rule over one parsed workbook (and the batch rules over it
    alone, unless a batch runs them over all its workbooks later)."""
    ctx = Context(profile)
    found: list[Finding] = []
    for rule in rules_in(Scope.WORKBOOK):
        found.extend(rule.check(model, ctx))
    for project in model.projects:
        for rule in rules_in(Scope.PROJECT):
            found.extend(rule.check(project, ctx))
    if batch_rules:
        found.extend(f for rule in rules_in(Scope.BATCH) for f in rule.check([model], ctx))
    return sort_findings(found, model.sheets)


def check_batch(models: Sequence[WorkbookModel], profile: Profile) -> dict[str, list[Finding]]:
    """The batch rules over every workbook of a batch: findings by the file they belong to."""
    ctx = Context(profile)
    found: dict[str, list[Finding]] = {}
    for rule in rules_in(Scope.BATCH):
        for finding in rule.check(models, ctx):
            found.setdefault(finding.file, []).append(finding)
    return found


def read_error_findings(error: ReadError) -> list[Finding]:
    """The findings for a file that could not be read (X001, X002)."""
    return [f for rule in rules_in(Scope.READ) for f in rule.check(error)]
