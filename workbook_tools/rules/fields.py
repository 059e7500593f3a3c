"""F rules: required fields, project codes and names."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Loc, Project, WorkbookModel
from . import messages
from .common import FIELD_LABELS, blank, repeats
from .registry import RULES, Context, Finding, rule

REQUIRED = ("code", "name", "budget", "use", "goals")


@rule("F001", "project")
def required_field_empty(project: Project, ctx: Context) -> Iterable[Finding]:
    """A required field of a project sheet is empty: 项目编码, 项目名称, 预算数, 资金用途 or
    绩效目标. (The department's 单位编码/单位名称 are checked by D001.)"""
    for name in REQUIRED:
        field = getattr(project, name)
        if blank(field):
            yield RULES["F001"].at(field.loc or Loc(project.sheet), field=FIELD_LABELS[name])


@rule("F002", "project")
def code_pattern(project: Project, ctx: Context) -> Iterable[Finding]:
    """The project code does not match the profile's pattern (hebei-2020: NNN-NNNN-AAA-XXXX,
    as 711-0301-JBN-BFBQ)."""
    code = project.code.value
    if code and not ctx.profile.project_code_pattern.fullmatch(code):
        example = ctx.profile.project_code_example or ctx.profile.project_code_pattern.pattern
        yield RULES["F002"].at(project.code.loc, code=code, example=example)


def _unit_code(project: Project, model: WorkbookModel) -> str:
    return model.unit_code or project.unit_code


@rule("F003", "workbook")
def code_prefix(model: WorkbookModel, ctx: Context) -> Iterable[Finding]:
    """The project code's first digits (3 in hebei-2020) differ from the unit code's: the
    project may belong to another unit, or the code was mistyped."""
    digits = ctx.profile.project_code_prefix_digits
    for project in model.projects:
        code, unit = project.code.value, _unit_code(project, model)
        if code and len(unit) >= digits and code[:digits] != unit[:digits]:
            yield RULES["F003"].at(
                project.code.loc, code=code, digits=digits, prefix=code[:digits], unit=unit
            )


@rule("F004", "workbook")
def duplicate_code(model: WorkbookModel, ctx: Context) -> Iterable[Finding]:
    """Two project sheets of one workbook carry the same project code (the batch also checks
    codes across the workbooks of different units)."""
    for project, first in repeats(model.projects, lambda p: p.code.value):
        other = messages.DUPLICATE_IN_SHEET.format(sheet=first.sheet)
        yield RULES["F004"].at(project.code.loc, code=project.code.value, other=other)


@rule("F005", "workbook")
def duplicate_name(model: WorkbookModel, ctx: Context) -> Iterable[Finding]:
    """Two project sheets carry the same project name: often a sheet copied and not changed."""
    for project, first in repeats(model.projects, lambda p: p.name.value):
        other = messages.DUPLICATE_IN_SHEET.format(sheet=first.sheet)
        yield RULES["F005"].at(project.name.loc, name=project.name.value, other=other)
