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

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any

from workbook_tools import labels as L
from workbook_tools.check.profile import Profile
from workbook_tools.check.validation import FileReport, Status
from workbook_tools.outputs.cell_text import display_width
from workbook_tools.outputs.figures import UnitFigures, unit_figures
from workbook_tools.parse.model import Field
from workbook_tools.parse.money import ZERO, round2


class Mark(Enum):
    """The first cell of a totals row (worded ``labels.TOTAL_ROW``)."""

    TOTAL = "total"


TOTAL = Mark.TOTAL
UNIT_COLUMNS = ("unit_code", "unit_name")
#: 指标明细表: what a reviewer reads first, then the value's machine split and the place (on
#: screen, for filters; left out of the print area, see :func:`print_layout`).
INDICATOR_COLUMNS = [
    *(*UNIT_COLUMNS, "code", "name", "level1", "level2", "level3", "description", "value", "basis"),
    *("nature", "number", "value_unit", "sheet", "cell"),
]
AMOUNT_COLUMNS = ("budget", "fiscal", "other")
#: Fills (RGB hex) of statuses and severities, as in the HTML report and the marks (Good / Neutral / Bad).
STATUS_FILLS = {
    "ok": "C6EFCE",
    "warnings": "FFEB9C",
    "errors": "FFC7CE",
    "unreadable": "D9D9D9",
    "error": "FFC7CE",
    "warning": "FFEB9C",
    "info": "DDEBF7",
}
STATUS_COLUMNS = ("status", "result", "severity")


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


def project_table(
    reports: list[FileReport], profile: Profile, with_file: bool = False, one_unit: bool = False
) -> Table:
    """A row per project, in file then sheet order, with a totals row. A batch's rows say
    their unit and sheet; ``one_unit`` (a unit's own 项目汇总表, the unit named once above
    the table) leaves those columns out."""
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
        + ([] if one_unit else list(UNIT_COLUMNS))
        + ["code", "name", *AMOUNT_COLUMNS]
        + [*categories, "indicators", "errors", "warnings"]
        + plan_columns()  # last but the sheet: a page too narrow for them leaves them out
        + ([] if one_unit else ["sheet"])
    )
    table = Table.from_records(columns, rows)
    return _with_totals(table, AMOUNT_COLUMNS, [*categories, "indicators", "errors", "warnings"])


def _with_totals(table: Table, amounts: tuple[str, ...], counts: list[str]) -> Table:
    """Append a 合计 row: amounts summed exactly (Decimal) then rounded half-up, counts summed."""
    total: dict[str, object] = {table.columns[0]: TOTAL}
    for column in amounts:  # an unreadable file's row has no amounts
        total[column] = round2(sum((v for v in table.column(column) if v is not None), ZERO))
    for column in counts:
        total[column] = sum(v for v in table.column(column) if v is not None)
    return Table(table.columns, [*table.rows, tuple(total.get(c) for c in table.columns)])


def combined_totals(totals: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    """The 合计 row of a table built in parts, from the parts' 合计 rows (exact: the parts'
    amounts are already rounded to the cent, so their sums need no rounding)."""
    combined: list[Any] = [TOTAL]
    for i in range(1, len(totals[0])):
        cells = [row[i] for row in totals if row[i] is not None]
        combined.append(sum(cells[1:], cells[0]) if cells else None)
    return tuple(combined)


def indicator_table(
    reports: list[FileReport], profile: Profile, with_file: bool = False, one_unit: bool = False
) -> Table:
    """A row per indicator, the value split into 指标性质 · 数值 · 计量单位 (``one_unit``:
    without the unit's code and name, said once above a unit's own table)."""
    rows = []
    for report in reports:
        if report.model is None:
            continue
        own = report.digest.indicator_rows if report.digest else _indicator_rows(report, profile)
        head: dict[str, object] = {"file": report.path} if with_file else {}
        rows += [head | row for row in own]
    columns = [c for c in INDICATOR_COLUMNS if not (one_unit and c in UNIT_COLUMNS)]
    return Table.from_records((["file"] if with_file else []) + columns, rows)


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
    """A row per input file (unit), with a totals row: a file that could not be read has its
    row too (status 无法读取, its X error counted), so the totals are the batch's own."""
    rows: list[dict[str, object]] = []
    for report in reports:
        if report.model is None:
            rows.append(
                {
                    "errors": report.errors,
                    "warnings": report.warnings,
                    "status": report.status.value,
                    "file": report.path,
                }
            )
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


# --- print layout: A4 landscape, no printed font below 8 pt -----------------------------------

FONT_PT = 10  # the body font of every output table (bold headers and totals the same size)
MIN_PRINT_PT = 8  # no printed font below this
SPLIT_SCALE = 90  # % when a table too wide for one page is split across pages (9 pt)
LINE_PT = 14.0  # a line of 10 pt text with its leading, in a wrapped cell
PAGE_PT, PAGE_HEIGHT_PT = 841.89, 595.28  # A4 landscape
MARGINS_IN = {"left": 0.3, "right": 0.3, "top": 0.6, "bottom": 0.6, "header": 0.3, "footer": 0.3}
PRINTABLE_PT = PAGE_PT - 72 * (MARGINS_IN["left"] + MARGINS_IN["right"])
PRINTABLE_HEIGHT_PT = PAGE_HEIGHT_PT - 72 * (MARGINS_IN["top"] + MARGINS_IN["bottom"])
#: Points a column one character wide takes on paper, at the widest of the renderers: Excel
#: counts widths in the default font's digit (Calibri 11: 5.25 pt, 宋体 or 等线 11: 6 pt, plus
#: 3.75 pt of padding a column); LibreOffice without Calibri falls back to DejaVu Sans, 7 pt a
#: digit. Planned with the widest, a fitted page never prints smaller than planned.
PT_PER_CHAR = 7.0
#: Text columns wrap in a fixed width (characters), so a row's height follows from its own
#: cells (a batch worker renders its rows before the others are read). Other columns hold
#: numbers and are as wide as their widest cell.
TEXT_WIDTHS = {
    "file": 30,
    "unit_code": 9,
    "unit_name": 14,
    "sheet": 14,
    "cell": 7,
    "code": 19,
    "name": 20,
    "status": 15,
    "result": 15,
    "severity": 6,
    "rule": 6,
    "message": 46,
    "level1": 10,
    "level2": 12,
    "level3": 16,
    "description": 22,
    "value": 12,
    "basis": 16,
    "nature": 9,
    "value_unit": 9,
}
NUMBER_WIDTHS = {"budget": 10, "fiscal": 10, "other": 10, "year": 6, "number": 8}
MIN_NUMBER_WIDTH, MAX_NUMBER_WIDTH = 6, 16
#: Columns a printed page does without (the value's machine split, the place in the
#: workbook): trailing ones are left out of the print area.
NOT_PRINTED = frozenset({"sheet", "cell", "nature", "number", "value_unit"})
#: Columns left out of the print area too, a family at a time from the right, when the page
#: would otherwise print below 8 pt (a batch's 项目汇总表 and 指标明细表 are wider by the unit).
DROPPABLE = ({"basis"}, {f"plan_{i}" for i in range(1, len(L.CHECKPOINTS) + 1)})
#: Columns that say what a row is about: repeated on every page of a table split across pages.
KEY_COLUMNS = ("file", "unit_code", "unit_name", "code", "name")


def is_text(column: str) -> bool:
    return column in TEXT_WIDTHS


def column_width(column: str, longest: int | None = None) -> float:
    """A column's width in characters: a text column's fixed width (or less, when ``longest``,
    the widest cell, says all of it fits in less); a number column as wide as its widest cell."""
    if is_text(column):
        fixed = TEXT_WIDTHS[column]
        return fixed if longest is None else min(fixed, max(MIN_NUMBER_WIDTH, longest + 2))
    least = NUMBER_WIDTHS.get(column, MIN_NUMBER_WIDTH)
    return min(MAX_NUMBER_WIDTH, max(least, (longest or 0) + 2))


@lru_cache(maxsize=4096)  # a batch repeats its names, categories and bases row after row
def text_lines(text: str, width: float) -> int:
    """Lines a text takes wrapped in a column ``width`` characters wide (a CJK character
    counted two, a little slack for the cell's padding and breaks at word ends)."""
    room = max(1.0, width - 1.5)
    if 2 * len(text) <= room and "\n" not in text:  # the common case, no need to measure
        return 1
    return sum(max(1, math.ceil(display_width(line) / room)) for line in text.split("\n"))


def row_height(cells: Iterable[tuple[str, object]], widths: Mapping[str, float]) -> float | None:
    """The height (points) a row of ``(column, shown value)`` needs for its wrapped text, or
    None when one line is enough (the default height)."""
    lines = 1
    for column, value in cells:
        if isinstance(value, str) and column in widths:
            lines = max(lines, text_lines(value, widths[column]))
    return lines * LINE_PT + 2 if lines > 1 else None


def header_height(columns: list[str], widths: list[float]) -> float | None:
    """The header row's height: every header wraps in its column."""
    lines = max((text_lines(header(c), w) for c, w in zip(columns, widths)), default=1)
    return lines * LINE_PT + 2 if lines > 1 else None


def width_pt(width: float) -> float:
    """A column ``width`` characters wide, on paper at 100 % (points, see :data:`PT_PER_CHAR`)."""
    return width * PT_PER_CHAR


def fits(widths: Iterable[float]) -> bool:
    """Whether columns fit one A4 landscape page wide with the font still ≥ 8 pt."""
    return sum(width_pt(w) for w in widths) * MIN_PRINT_PT / FONT_PT <= PRINTABLE_PT


@dataclass(frozen=True)
class PrintLayout:
    """How a table prints on A4 landscape.

    ``columns`` are printed (from the first; trailing :data:`NOT_PRINTED` ones left out, and
    :data:`DROPPABLE` ones when that makes the table fit); ``fit``: one page wide, the
    application's scale keeping the font ≥ :data:`MIN_PRINT_PT`; else
    at ``scale`` % with the first ``repeat`` (key) columns on every page and a new page at
    each of ``breaks`` (0-based column indices)."""

    columns: int
    fit: bool
    scale: int = 100
    repeat: int = 0
    breaks: tuple[int, ...] = ()


def print_layout(columns: list[str], widths: list[float]) -> PrintLayout:
    """Fit one page wide when the scale keeps the font ≥ 8 pt (leaving out what a page can do
    without); else split the columns into pages (at 90 %), each starting with the key columns."""
    count = len(columns)
    while count > 1 and columns[count - 1] in NOT_PRINTED:
        count -= 1
    whole = count
    for family in DROPPABLE:
        if fits(widths[:count]):
            break
        while count > 1 and columns[count - 1] in family:
            count -= 1
    if fits(widths[:count]):
        return PrintLayout(count, True)
    count = whole  # split into pages: nothing need be left out
    sizes = [width_pt(w) for w in widths[:count]]
    room = PRINTABLE_PT * 100 / SPLIT_SCALE
    repeat = 0
    while repeat < count - 1 and columns[repeat] in KEY_COLUMNS and sum(sizes[: repeat + 1]) <= room * 0.4:
        repeat += 1
    breaks, used = [], sum(sizes[:repeat])
    for i in range(repeat, count):
        if used + sizes[i] > room and used > sum(sizes[:repeat]):
            breaks.append(i)
            used = sum(sizes[:repeat])
        used += sizes[i]
    return PrintLayout(count, False, SPLIT_SCALE, repeat, tuple(breaks))
