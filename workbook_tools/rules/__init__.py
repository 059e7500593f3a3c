"""The rule catalog (DESIGN §5): a registry of checks with stable codes.

Importing this package registers every rule. :func:`check_model` runs the workbook and
project rules of a profile over a parsed workbook and returns the findings in sheet
order.
"""

from __future__ import annotations

from ..grid import parse_ref
from ..model import WorkbookModel
from ..profile import Profile
from . import amounts, department, fields, indicators, plan, read  # noqa: F401 - registers rules
from .read import read_error_findings
from .registry import ERROR, RULES, WARNING, Context, Finding, Rule, rules_in

__all__ = [
    "ERROR",
    "RULES",
    "WARNING",
    "Context",
    "Finding",
    "Rule",
    "check_model",
    "read_error_findings",
    "sort_findings",
]


def sort_findings(findings: list[Finding], sheets: list[str]) -> list[Finding]:
    """Workbook-level first, then by sheet order, row, column and code."""
    order = {name: i for i, name in enumerate(sheets)}

    def key(f: Finding):
        row, col = parse_ref(f.cell) if f.cell else (-1, -1)
        return (order.get(f.sheet, -1) if f.sheet else -2, row, col, f.code)

    return sorted(findings, key=key)


def check_model(model: WorkbookModel, profile: Profile) -> list[Finding]:
    """Every workbook and project rule over one parsed workbook."""
    ctx = Context(profile)
    found: list[Finding] = []
    for rule in rules_in("workbook"):
        found.extend(rule.check(model, ctx))
    for project in model.projects:
        for rule in rules_in("project"):
            found.extend(rule.check(project, ctx))
    return sort_findings(found, model.sheets)
