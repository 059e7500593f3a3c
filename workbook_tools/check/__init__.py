"""The check stage: the rule catalog (DESIGN §5) run over parsed workbooks.

Importing this package registers every rule (``check/rules/``). :func:`check_model`
runs the workbook, project and batch rules of a profile over one workbook; a batch
runs the batch rules once over all its workbooks (:func:`check_batch`).

The profile decides which rules run (``select`` / ``ignore``: a rule left out is not run
at all) and may give a rule's findings another severity (``[severity]``). A file that
cannot be read is always reported: :func:`read_error_findings` takes no profile.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

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


def selected(profile: Profile, scope: Scope) -> list[Any]:
    """The rules of one scope that a profile runs (its ``select`` and ``ignore``)."""
    return [rule for rule in rules_in(scope) if profile.runs(rule.code)]


def with_profile_severity(findings: Iterable[Finding], profile: Profile) -> Iterator[Finding]:
    """The findings, each with the severity the profile gives its code (``[severity]``)."""
    for finding in findings:
        override = profile.severity_for(finding.code)
        if override is None or override == finding.severity.value:
            yield finding
        else:
            yield dataclasses.replace(finding, severity=Severity(override))


def check_model(model: WorkbookModel, profile: Profile, batch_rules: bool = True) -> list[Finding]:
    """Every workbook and project rule the profile runs over one parsed workbook (and the
    batch rules over it alone, unless a batch runs them over all its workbooks later)."""
    ctx = Context(profile)
    found: list[Finding] = []
    for rule in selected(profile, Scope.WORKBOOK):
        found.extend(rule.check(model, ctx))
    project_rules = selected(profile, Scope.PROJECT)
    for project in model.projects:
        for rule in project_rules:
            found.extend(rule.check(project, ctx))
    if batch_rules:
        found.extend(f for rule in selected(profile, Scope.BATCH) for f in rule.check([model], ctx))
    return sort_findings(list(with_profile_severity(found, profile)), model.sheets)


def check_batch(models: Sequence[WorkbookModel], profile: Profile) -> dict[str, list[Finding]]:
    """The batch rules the profile runs over every workbook of a batch: findings by the file
    they belong to."""
    ctx = Context(profile)
    found: dict[str, list[Finding]] = {}
    for rule in selected(profile, Scope.BATCH):
        for finding in with_profile_severity(rule.check(models, ctx), profile):
            found.setdefault(finding.file, []).append(finding)
    return found


def read_error_findings(error: ReadError) -> list[Finding]:
    """The findings for a file that could not be read (X001, X002, X005): always reported, at
    their own severity, whatever a profile selects (a profile may not name them)."""
    return [f for rule in rules_in(Scope.READ) for f in rule.check(error)]
