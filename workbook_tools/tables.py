"""Consolidation tables (pandas): 项目汇总表, 指标明细表, 单位汇总, 校验问题, 文件清单, 部门概况.

Amounts stay exact: ``Decimal`` all the way, totals summed exactly and rounded half-up
(四舍五入) to the cent only when shown, so a total matches a hand sum to the cent.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pandas as pd

from . import labels as L
from .amounts import ZERO, round2
from .profile import Profile
from .summary import UnitFigures, unit_figures
from .validate import FileReport

AMOUNT_COLUMNS = (L.COL_BUDGET, L.COL_FISCAL, L.COL_OTHER)


def plan_columns() -> list[str]:
    return [L.COL_PLAN.format(checkpoint=c) for c in L.CHECKPOINTS]


def _counts_by_sheet(report: FileReport) -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    for finding in report.findings:
        counts.setdefault(finding.sheet, Counter())[finding.severity] += 1
    return counts


def _unit_columns(report: FileReport) -> dict[str, str]:
    model = report.model
    return {
        L.COL_UNIT_CODE: model.unit_code if model else "",
        L.COL_UNIT_NAME: model.unit_name if model else "",
    }


def project_table(reports: list[FileReport], profile: Profile, with_file: bool = False) -> pd.DataFrame:
    """A row per project, in file then sheet order, with a totals row."""
    categories = profile.level1_names
    rows = []
    for report in reports:
        if report.model is None:
            continue
        by_sheet = _counts_by_sheet(report)
        figures = unit_figures(report.model, profile)
        for project in figures.projects:
            found = by_sheet.get(project.sheet, Counter())
            row = {L.COL_FILE: report.path} if with_file else {}
            row |= _unit_columns(report)
            row |= {
                L.COL_SHEET: project.sheet,
                L.COL_CODE: project.code,
                L.COL_NAME: project.name,
                L.COL_BUDGET: round2(project.budget),
                L.COL_FISCAL: round2(project.fiscal),
                L.COL_OTHER: round2(project.other),
            }
            row |= dict(zip(plan_columns(), project.plan))
            row |= {c: project.counts.get(c, 0) for c in categories}
            row |= {
                L.COL_INDICATORS: project.indicator_total,
                L.COL_ERRORS: found["error"],
                L.COL_WARNINGS: found["warning"],
            }
            rows.append(row)
    columns = (
        ([L.COL_FILE] if with_file else [])
        + [L.COL_UNIT_CODE, L.COL_UNIT_NAME, L.COL_SHEET, L.COL_CODE, L.COL_NAME, *AMOUNT_COLUMNS]
        + plan_columns()
        + [*categories, L.COL_INDICATORS, L.COL_ERRORS, L.COL_WARNINGS]
    )
    table = pd.DataFrame(rows, columns=columns)
    return _with_totals(table, AMOUNT_COLUMNS, [*categories, L.COL_INDICATORS, L.COL_ERRORS, L.COL_WARNINGS])


def _with_totals(table: pd.DataFrame, amounts: tuple[str, ...], counts: list[str]) -> pd.DataFrame:
    """Append a 合计 row: amounts summed exactly (Decimal) then rounded half-up, counts summed."""
    total: dict[str, object] = {column: None for column in table.columns}
    total[table.columns[0]] = L.TOTAL_ROW
    for column in amounts:
        total[column] = round2(sum(table[column], ZERO))
    for column in counts:
        total[column] = int(table[column].sum()) if len(table) else 0
    return pd.concat([table, pd.DataFrame([total], columns=table.columns)], ignore_index=True)


def indicator_table(reports: list[FileReport], profile: Profile, with_file: bool = False) -> pd.DataFrame:
    """A row per indicator, the value split into 指标性质 · 数值 · 计量单位."""
    rows = []
    for report in reports:
        if report.model is None:
            continue
        for project in report.model.projects:
            for indicator in project.indicators:
                value = indicator.value.value
                category = profile.category(indicator.level1.value)
                row = {L.COL_FILE: report.path} if with_file else {}
                row |= _unit_columns(report)
                row |= {
                    L.COL_CODE: project.code.value or "",
                    L.COL_NAME: project.name.value or "",
                    L.IND_LEVEL1: category.name if category else (indicator.level1.value or ""),
                    L.IND_LEVEL2: indicator.level2.value or "",
                    L.IND_LEVEL3: indicator.level3.value or "",
                    L.IND_DESCRIPTION: indicator.description.value or "",
                    L.IND_VALUE: value.text if value else "",
                    L.COL_NATURE: value.nature if value else "",
                    L.COL_NUMBER: value.number if value else None,
                    L.COL_VALUE_UNIT: value.unit if value else "",
                    L.IND_BASIS: indicator.basis.value or "",
                    L.COL_SHEET: project.sheet,
                    L.COL_CELL: indicator.value.loc.cell if indicator.value.loc else "",
                }
                rows.append(row)
    columns = (
        ([L.COL_FILE] if with_file else [])
        + [L.COL_UNIT_CODE, L.COL_UNIT_NAME, L.COL_CODE, L.COL_NAME]
        + [L.IND_LEVEL1, L.IND_LEVEL2, L.IND_LEVEL3, L.IND_DESCRIPTION, L.IND_VALUE]
        + [L.COL_NATURE, L.COL_NUMBER, L.COL_VALUE_UNIT, L.IND_BASIS, L.COL_SHEET, L.COL_CELL]
    )
    return pd.DataFrame(rows, columns=columns)


def issues_table(reports: list[FileReport]) -> pd.DataFrame:
    """Every finding with its file, unit, sheet and cell."""
    rows = [
        {
            L.COL_FILE: report.path,
            **_unit_columns(report),
            L.COL_SHEET: f.sheet,
            L.COL_CELL: f.cell,
            L.COL_SEVERITY: f.severity_label,
            L.COL_RULE: f.code,
            L.COL_MESSAGE: f.message,
        }
        for report in reports
        for f in report.findings
    ]
    columns = [L.COL_FILE, L.COL_UNIT_CODE, L.COL_UNIT_NAME, L.COL_SHEET, L.COL_CELL]
    return pd.DataFrame(rows, columns=[*columns, L.COL_SEVERITY, L.COL_RULE, L.COL_MESSAGE])


def unit_table(reports: list[FileReport], profile: Profile) -> pd.DataFrame:
    """A row per readable workbook (unit), with a totals row."""
    rows = []
    for report in reports:
        if report.model is None:
            continue
        figures = unit_figures(report.model, profile)
        rows.append(
            {
                L.COL_UNIT_CODE: figures.unit_code,
                L.COL_UNIT_NAME: figures.unit_name,
                L.COL_YEAR: figures.year,
                L.COL_PROJECTS: len(figures.projects),
                L.COL_BUDGET: round2(figures.budget),
                L.COL_FISCAL: round2(figures.fiscal),
                L.COL_OTHER: round2(figures.other),
                L.COL_INDICATORS: figures.indicator_total,
                L.COL_ERRORS: report.errors,
                L.COL_WARNINGS: report.warnings,
                L.COL_STATUS: report.status_label,
                L.COL_FILE: report.path,
            }
        )
    columns = [L.COL_UNIT_CODE, L.COL_UNIT_NAME, L.COL_YEAR, L.COL_PROJECTS, *AMOUNT_COLUMNS]
    columns += [L.COL_INDICATORS, L.COL_ERRORS, L.COL_WARNINGS, L.COL_STATUS, L.COL_FILE]
    table = pd.DataFrame(rows, columns=columns)
    counts = [L.COL_PROJECTS, L.COL_INDICATORS, L.COL_ERRORS, L.COL_WARNINGS]
    return _with_totals(table, AMOUNT_COLUMNS, counts)


def files_table(reports: list[FileReport]) -> pd.DataFrame:
    """Every input file and what became of it: read (with its projects) or the X code that stopped it."""
    rows = []
    for report in reports:
        stopped = report.findings[0] if report.model is None and report.findings else None
        rows.append(
            {
                L.COL_FILE: report.path,
                **_unit_columns(report),
                L.COL_PROJECTS: len(report.model.projects) if report.model else 0,
                L.COL_RESULT: report.status_label,
                L.COL_RULE: stopped.code if stopped else "",
                L.COL_MESSAGE: stopped.message if stopped else "",
            }
        )
    columns = [L.COL_FILE, L.COL_UNIT_CODE, L.COL_UNIT_NAME, L.COL_PROJECTS, L.COL_RESULT]
    return pd.DataFrame(rows, columns=[*columns, L.COL_RULE, L.COL_MESSAGE])


def overview(report: FileReport, profile: Profile) -> tuple[UnitFigures, list[tuple[str, object]]]:
    """The 部门概况 figures and its label/value rows."""
    assert report.model is not None
    figures = unit_figures(report.model, profile)
    rows: list[tuple[str, object]] = [
        (L.COL_UNIT_CODE, figures.unit_code),
        (L.COL_UNIT_NAME, figures.unit_name),
        (L.COL_YEAR, figures.year),
        (L.COL_PROJECTS, len(figures.projects)),
        (f"{L.COL_BUDGET}（万元）", round2(figures.budget)),
        (f"其中：{L.COL_FISCAL}（万元）", round2(figures.fiscal)),
        (f"{L.COL_OTHER}（万元）", round2(figures.other)),
        (L.COL_INDICATORS, figures.indicator_total),
    ]
    rows += [(name, count) for name, count in figures.counts.items()]
    status = (
        f"{report.status_label}（{L.COL_ERRORS} {report.errors} 条，{L.COL_WARNINGS} {report.warnings} 条）"
    )
    rows.append((L.COL_STATUS, status))
    return figures, rows


def plan_rows(figures: UnitFigures) -> list[tuple[str, Decimal, Decimal]]:
    """Cumulative planned spending in 万元 and as % of the budget, per checkpoint."""
    result = []
    for checkpoint, amount in zip(L.CHECKPOINTS, figures.planned_spending()):
        share = round2(amount / figures.budget * 100) if figures.budget else ZERO
        result.append((checkpoint, amount, share))
    return result
