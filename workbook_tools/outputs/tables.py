"""Consolidation tables: 项目汇总表, 指标明细表, 单位汇总, 校验问题, 文件清单, 部门概况.

A :class:`Table` is plain Python (column keys and row tuples), so the live-workbook path
needs no pandas or numpy (xlwings Lite installs only pure-Python packages).
Columns are machine keys ("budget", "plan_1", a profile's category names) and cells hold
machine values (a status "errors", a severity "warning", an operator "≥"); writers word
them with :func:`header` and :func:`word` from the labels module.

Amounts stay exact: ``Decimal`` all the way, totals summed exactly and rounded half-up
(四舍五入) to the cent only when shown, so a total matches a hand sum to the cent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from typing import Any

from workbook_tools import labels as L
from workbook_tools.check.profile import Profile
from workbook_tools.check.validation import FileReport, Status
from workbook_tools.outputs.figures import UnitFigures, unit_figures
from workbook_tools.parse.model import Field
from workbook_tools.parse.money import ZERO, round2


class Mark(Enum):
    """The first cell of a totals row (worded ``labels.TOTAL_ROW``)."""

    TOTAL = "total"


TOTAL = Mark.TOTAL
INDICATOR_COLUMNS = [
    *("unit_code", "unit_name", "code", "name", "level1", "level2", "level3", "description", "value"),
    *("nature", "number", "value_unit", "basis", "sheet", "cell"),
]
AMOUNT_COLUMNS = ("budget", "fiscal", "other")


@dataclass
class Table:
    """Rows of cells under column keys; an empty cell is ``None``. Equal when columns and cells are."""

    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    @classmethod
    def from_records(cls, columns: list[str], records: Iterable[Mapping[str, object]]) -> Table:
        """A table of the given columns from dicts (a key a record lacks is an empty cell)."""
        return cls(list(columns), [tuple(record.get(c) for c in columns) for record in records])

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, key: str) -> list[Any]:
        """The cells of one column, top to bottom."""
        i = self.columns.index(key)
        return [row[i] for row in self.rows]

    def records(self) -> list[dict[str, Any]]:
        """Each row as a dict keyed by column."""
        return [dict(zip(self.columns, row)) for row in self.rows]


def plan_columns() -> list[str]:
    return [f"plan_{i}" for i in range(1, len(L.CHECKPOINTS) + 1)]


def _counts_by_sheet(report: FileReport) -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    for finding in report.findings:
        counts.setdefault(finding.sheet, Counter())[finding.severity] += 1
    return counts


def _unit_columns(report: FileReport) -> dict[str, str]:
    model = report.model
    return {
        "unit_code": model.unit_code if model else "",
        "unit_name": model.unit_name if model else "",
    }


@dataclass
class Digest:
    """A report's share of the tables, computed where the report was made (a batch worker)."""

    figures: UnitFigures
    indicator_rows: list[dict[str, object]]
    rendered: Any = None  # the rows as worksheet XML (batch_book.Rendered), until written


def digest(report: FileReport, profile: Profile) -> FileReport:
    """The report with its table rows computed and its model slimmed to what the merge step
    still reads (sheets, unit, project codes, names and places): what a batch keeps per
    file, small to send between processes and to hold for thousands of files."""
    if report.model is None:
        return report
    model = report.model
    report.digest = Digest(unit_figures(model, profile), list(_indicator_rows(report, profile)))
    empty: Field[Any] = Field(None)
    slim: dict[str, Any] = {"budget": empty, "fiscal": empty, "other": empty, "use": empty, "goals": empty}
    slim |= {"plan": [], "indicators": [], "breakdown": [], "repeated_labels": []}
    projects = [replace(p, **slim) for p in model.projects]
    department = model.department
    if department is not None:
        texts: dict[str, Any] = {"overall_goal": empty, "duty_goals": empty, "safeguards": empty}
        texts["declared_total"] = empty
        department = replace(department, **texts)
    report.model = replace(model, projects=projects, department=department)
    return report


def _figures(report: FileReport, profile: Profile) -> UnitFigures:
    assert report.model is not None
    return report.digest.figures if report.digest else unit_figures(report.model, profile)


def project_table(reports: list[FileReport], profile: Profile, with_file: bool = False) -> Table:
    """A row per project, in file then sheet order, with a totals row."""
    categories = profile.level1_names
    rows = []
    for report in reports:
        if report.model is None:
            continue
        by_sheet = _counts_by_sheet(report)
        figures = _figures(report, profile)
        for project in figures.projects:
            found = by_sheet.get(project.sheet, Counter())
            row: dict[str, object] = {"file": report.path} if with_file else {}
            row |= _unit_columns(report)
            row |= {
                "sheet": project.sheet,
                "code": project.code,
                "name": project.name,
                "budget": round2(project.budget),
                "fiscal": round2(project.fiscal),
                "other": round2(project.other),
            }
            row |= dict(zip(plan_columns(), project.plan))
            row |= {c: project.counts.get(c, 0) for c in categories}
            row |= {
                "indicators": project.indicator_total,
                "errors": found["error"],
                "warnings": found["warning"],
            }
            rows.append(row)
    columns = (
        (["file"] if with_file else [])
        + ["unit_code", "unit_name", "sheet", "code", "name", *AMOUNT_COLUMNS]
        + plan_columns()
        + [*categories, "indicators", "errors", "warnings"]
    )
    table = Table.from_records(columns, rows)
    return _with_totals(table, AMOUNT_COLUMNS, [*categories, "indicators", "errors", "warnings"])


def _with_totals(table: Table, amounts: tuple[str, ...], counts: list[str]) -> Table:
    """Append a 合计 row: amounts summed exactly (Decimal) then rounded half-up, counts summed."""
    total: dict[str, object] = {table.columns[0]: TOTAL}
    for column in amounts:
        total[column] = round2(sum(table.column(column), ZERO))
    for column in counts:
        total[column] = sum(table.column(column))
    return Table(table.columns, [*table.rows, tuple(total.get(c) for c in table.columns)])


def combined_totals(totals: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    """The 合计 row of a table built in parts, from the parts' 合计 rows (exact: the parts'
    amounts are already rounded to the cent, so their sums need no rounding)."""
    combined: list[Any] = [TOTAL]
    for i in range(1, len(totals[0])):
        cells = [row[i] for row in totals if row[i] is not None]
        combined.append(sum(cells[1:], cells[0]) if cells else None)
    return tuple(combined)


def indicator_table(reports: list[FileReport], profile: Profile, with_file: bool = False) -> Table:
    """A row per indicator, the value split into 指标性质 · 数值 · 计量单位."""
    rows = []
    for report in reports:
        if report.model is None:
            continue
        own = report.digest.indicator_rows if report.digest else _indicator_rows(report, profile)
        head: dict[str, object] = {"file": report.path} if with_file else {}
        rows += [head | row for row in own]
    return Table.from_records((["file"] if with_file else []) + INDICATOR_COLUMNS, rows)


def _indicator_rows(report: FileReport, profile: Profile) -> Iterator[dict[str, object]]:
    assert report.model is not None
    for project in report.model.projects:
        for indicator in project.indicators:
            value = indicator.value.value
            category = profile.category(indicator.level1.value)
            yield _unit_columns(report) | {
                "code": project.code.value or "",
                "name": project.name.value or "",
                "level1": category.name if category else (indicator.level1.value or ""),
                "level2": indicator.level2.value or "",
                "level3": indicator.level3.value or "",
                "description": indicator.description.value or "",
                "value": value.text if value else "",
                "nature": value.nature if value else "",
                "number": value.number if value else None,
                "value_unit": value.unit if value else "",
                "basis": indicator.basis.value or "",
                "sheet": project.sheet,
                "cell": indicator.value.loc.cell if indicator.value.loc else "",
            }


def issues_table(reports: list[FileReport]) -> Table:
    """Every finding with its file, unit, sheet and cell."""
    rows = [
        {
            "file": report.path,
            **_unit_columns(report),
            "sheet": f.sheet,
            "cell": f.cell,
            "severity": f.severity.value,
            "rule": f.code,
            "message": f.message,
        }
        for report in reports
        for f in report.findings
    ]
    columns = ["file", "unit_code", "unit_name", "sheet", "cell"]
    return Table.from_records([*columns, "severity", "rule", "message"], rows)


def unit_table(reports: list[FileReport], profile: Profile) -> Table:
    """A row per readable workbook (unit), with a totals row."""
    rows = []
    for report in reports:
        if report.model is None:
            continue
        figures = _figures(report, profile)
        rows.append(
            {
                "unit_code": figures.unit_code,
                "unit_name": figures.unit_name,
                "year": figures.year,
                "projects": len(figures.projects),
                "budget": round2(figures.budget),
                "fiscal": round2(figures.fiscal),
                "other": round2(figures.other),
                "indicators": figures.indicator_total,
                "errors": report.errors,
                "warnings": report.warnings,
                "status": report.status.value,
                "file": report.path,
            }
        )
    columns = ["unit_code", "unit_name", "year", "projects", *AMOUNT_COLUMNS]
    columns += ["indicators", "errors", "warnings", "status", "file"]
    table = Table.from_records(columns, rows)
    counts = ["projects", "indicators", "errors", "warnings"]
    return _with_totals(table, AMOUNT_COLUMNS, counts)


def files_table(reports: list[FileReport]) -> Table:
    """Every input file and what became of it: read (with its projects) or the X code that stopped it."""
    rows = []
    for report in reports:
        stopped = report.findings[0] if report.model is None and report.findings else None
        rows.append(
            {
                "file": report.path,
                **_unit_columns(report),
                "projects": len(report.model.projects) if report.model else 0,
                "result": report.status.value,
                "rule": stopped.code if stopped else "",
                "message": stopped.message if stopped else "",
            }
        )
    columns = ["file", "unit_code", "unit_name", "projects", "result"]
    return Table.from_records([*columns, "rule", "message"], rows)


def overview(report: FileReport, profile: Profile) -> tuple[UnitFigures, list[tuple[str, object]]]:
    """The 部门概况 figures and its key/value rows (keys worded by ``labels.OVERVIEW_ROWS``)."""
    figures = _figures(report, profile)
    rows: list[tuple[str, object]] = [
        ("unit_code", figures.unit_code),
        ("unit_name", figures.unit_name),
        ("year", figures.year),
        ("projects", len(figures.projects)),
        ("budget", round2(figures.budget)),
        ("fiscal", round2(figures.fiscal)),
        ("other", round2(figures.other)),
        ("indicators", figures.indicator_total),
    ]
    rows += [(name, count) for name, count in figures.counts.items()]
    rows.append(("status", (report.status, report.errors, report.warnings)))
    return figures, rows


#: Columns whose machine values are worded (statuses, severities, natures).
WORDS = {"status": L.STATUS, "result": L.STATUS, "severity": L.SEVERITY, "nature": L.NATURE}


def word(value: object, column: str = "") -> object:
    """A table value as the reader sees it: statuses, severities, natures and marks in words."""
    if value is TOTAL:
        return L.TOTAL_ROW
    words = WORDS.get(column)
    if words is not None and isinstance(value, str):
        return words.get(value, value)
    if isinstance(value, tuple) and value and isinstance(value[0], Status):
        status, errors, warnings = value
        return L.OVERVIEW_STATUS.format(status=L.STATUS[status.value], errors=errors, warnings=warnings)
    return value


def header(column: str) -> str:
    return L.COLUMNS.get(column, column)


def plan_rows(figures: UnitFigures) -> list[tuple[str, Decimal, Decimal]]:
    """Cumulative planned spending in 万元 and as % of the budget, per checkpoint."""
    result = []
    for checkpoint, amount in zip(L.CHECKPOINTS, figures.planned_spending()):
        share = round2(amount / figures.budget * 100) if figures.budget else ZERO
        result.append((checkpoint, amount, share))
    return result


def worded(table: Table) -> Table:
    """The table as a reader sees it: Chinese headers and worded values (for CSV)."""
    columns = table.columns
    rows = [tuple(word(v, c) for v, c in zip(row, columns)) for row in table.rows]
    return Table([header(c) for c in columns], rows)
