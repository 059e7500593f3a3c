"""X rules: whether the file could be read and holds what the tool needs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import WorkbookModel
from ..readers import ReadError
from .common import walk_fields
from .registry import RULES, Context, Finding, rule


@rule("X001", "read")
def file_unreadable(error: ReadError) -> Iterator[Finding]:
    """The file cannot be read as a workbook: missing, empty, not a workbook, corrupt, or a
    wrong extension. The batch lists it and goes on; `validate` exits with 2."""
    if error.code == "X001":
        yield RULES["X001"].at(None, reason=error.reason)


@rule("X002", "read")
def file_encrypted(error: ReadError) -> Iterator[Finding]:
    """The file is password-protected (encrypted with an open password) and cannot be read
    without the password; the clerk must save it without one."""
    if error.code == "X002":
        yield RULES["X002"].at(None, reason=error.reason)


def read_error_findings(error: ReadError) -> list[Finding]:
    """The findings for a file that could not be read."""
    found: list[Finding] = []
    for code in ("X001", "X002"):
        found.extend(RULES[code].check(error))
    return found


@rule("X003", "workbook")
def no_project_sheet(model: WorkbookModel, ctx: Context) -> Iterable[Finding]:
    """No sheet carries the project-table labels (项目编码, 预算数, 一级指标): the file is not
    a filled-in template, or its labels were overwritten."""
    if not model.projects:
        yield RULES["X003"].at(None)


@rule("X004", "workbook")
def formula_without_value(model: WorkbookModel, ctx: Context) -> Iterable[Finding]:
    """A field holds a formula saved without its computed value (written by a program that
    does not calculate), so every reader sees it empty; opening and saving in Excel fixes it."""
    for part in [model.department, *model.projects]:
        if part is None:
            continue
        for label, field in walk_fields(part):
            if field.uncomputed:
                yield RULES["X004"].at(field.loc, field=label)
