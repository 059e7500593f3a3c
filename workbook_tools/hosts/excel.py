"""Excel entry points: the 校验 / 汇总 / 清除标记 buttons on a live workbook (xlwings).

Each entry point takes an ``xlwings.Book`` or, when called from VBA's ``RunPython``,
finds it with ``xw.Book.caller()``. The book's values become grids and go through the
same parse → check → plan path as files; this module only reads values and applies
the host-neutral mark plan and tables with xlwings. With xlwings' remote engine
(xlwings Lite, Office.js) fill colours and note texts cannot be read back: a cell that
already has a note of the clerk's is then coloured but its note left untouched, so
nothing the clerk wrote is lost. Importing this module imports no openpyxl, pandas or
numpy (a button click starts a fresh Python process).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from workbook_tools import labels as L
from workbook_tools.check.profile import Profile, load_profile
from workbook_tools.check.validation import FileReport, validate_model
from workbook_tools.outputs import mark_plan as mp
from workbook_tools.parse import parse_grids
from workbook_tools.read.grid import Grid, whole

if TYPE_CHECKING:
    from workbook_tools.outputs.unit_sheets import ChartPlan

PROFILE_ENV = "WORKBOOK_TOOLS_PROFILE"
T = TypeVar("T")


def _book(book: Any = None) -> Any:
    if book is not None:
        return book
    import xlwings as xw

    return xw.Book.caller()


def _profile(profile: Profile | str | None) -> Profile:
    if isinstance(profile, Profile):
        return profile
    return load_profile(profile or os.environ.get(PROFILE_ENV))


def read_grids(book: Any) -> list[Grid]:
    """Every sheet's values from A1 to its last used cell (formats are not read: see spending_plan)."""
    grids = []
    for sheet in book.sheets:
        last = sheet.used_range.last_cell
        values = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value or [[]]
        rows = [["" if v is None else whole(v) for v in row] for row in values]
        grids.append(Grid(name=sheet.name, rows=rows, percent=None, hidden=not sheet.visible))
    return grids


def _hex(color: Any) -> str:
    """xlwings' colour (an RGB tuple, or None for no fill) → "#RRGGBB" or ""."""
    if not color:
        return ""
    if isinstance(color, str):
        return color if color.startswith("#") else f"#{color}"
    return "#{:02X}{:02X}{:02X}".format(*color)


def _try(read: Callable[[], T]) -> tuple[bool, T | None]:
    """(True, value), or (False, None) where this client cannot do it (remote engines raise
    NotImplementedError; a COM object without the attribute raises AttributeError)."""
    try:
        return True, read()
    except (NotImplementedError, AttributeError, TypeError, KeyError):
        return False, None


def _sheet_names(book: Any) -> list[str]:
    return [s.name for s in book.sheets]


def _delete_sheet(book: Any, title: str) -> None:
    if title in _sheet_names(book):
        book.sheets[title].delete()


def _saved_color(saved: str) -> str | None:
    """A stored previous fill as an xlwings colour: "#RRGGBB", a file host's solid fill XML, or None."""
    if saved.startswith("#"):
        return saved
    if saved.startswith("<") and 'rgb="' in saved and 'patternType="solid"' in saved:
        return "#" + saved.split('rgb="', 1)[1][2:8]
    return None


def _note_is_ours(note: Any) -> bool:
    known, text = _try(lambda: note.text)
    return not known or mp.is_our_note_text(text)


def _clear(book: Any) -> int:
    """Restore each marked cell's colour and note, drop the result sheets; cells restored."""
    names = _sheet_names(book)
    saved: list[mp.SavedCell] = []
    if L.SHEET_MARKS in names:
        _, saved = mp.read_store(book.sheets[L.SHEET_MARKS].used_range.options(ndim=2).value or [])
    for entry in (e for e in saved if e.sheet in names):
        cell = book.sheets[entry.sheet][entry.cell]
        known, color = _try(partial(getattr, cell, "color"))
        if mp.restores_fill(_hex(color), known):
            cell.color = _saved_color(entry.fill)
        _restore_note(cell, entry)
    _delete_sheet(book, L.SHEET_MARKS)
    _delete_sheet(book, L.SHEET_RESULTS)
    return sum(1 for e in saved if e.sheet in names)


def _restore_note(cell: Any, entry: mp.SavedCell) -> None:
    note = cell.note
    if not mp.restores_note(entry, note is not None and _note_is_ours(note), note is not None):
        return
    previous = entry.previous_note()
    _try(note.delete) if note is not None else None
    if previous:
        _try(partial(cell.add_note, previous["text"]))


def _apply_plan(book: Any, plan: mp.MarkPlan) -> bool:
    """Colour and annotate the plan's cells and write 校验结果 (old marks cleared first).

    Returns whether notes were written: a client without notes (Office.js before ExcelApi
    1.18, the VBA remote client) gets the fills and 校验结果 only.
    """
    _clear(book)
    names = _sheet_names(book)
    _refuse_protected(book, {m.sheet for m in plan.marks if m.sheet in names})
    saved: list[mp.SavedCell] = []
    notes = True
    for mark in (m for m in plan.marks if m.sheet in names):
        cell = book.sheets[mark.sheet][mark.cell]
        known_color, color = _try(partial(getattr, cell, "color"))
        note = cell.note
        known_note, text = _try(partial(getattr, note, "text")) if note is not None else (True, None)
        keep_note = note is not None and not known_note
        previous = mp.KEEP_NOTE if keep_note or not notes else mp.encode_note(text)
        saved.append(mp.SavedCell(mark.sheet, mark.cell, _hex(color) if known_color else "", previous))
        cell.color = f"#{mark.fill}"
        if keep_note or not notes:
            continue
        if note is not None:
            note.delete()
        notes, _ = _try(partial(cell.add_note, mark.note))
        if not notes:
            saved[-1] = mp.SavedCell(mark.sheet, mark.cell, saved[-1].fill, mp.KEEP_NOTE)
    _results_sheet(book, plan if notes else plan.with_summary(plan.summary + L.EXCEL_NO_NOTES))
    store = book.sheets.add(L.SHEET_MARKS, after=book.sheets[-1])
    store["A1"].value = mp.store_rows(_active(book, names), saved)
    store.visible = False
    return notes


def _refuse_protected(book: Any, sheets: set[str]) -> None:
    """Desktop Excel refuses fills on a sheet protected against formatting: say so first."""
    for name in sorted(sheets):
        known, locked = _try(partial(_locked_for_formatting, book.sheets[name]))
        if known and locked:
            raise ExcelProblem(L.EXCEL_PROTECTED.format(sheet=name))


def _locked_for_formatting(sheet: Any) -> bool:
    api = sheet.api  # a COM Worksheet on Windows; remote engines have no such attributes
    return bool(api.ProtectContents) and not api.Protection.AllowFormattingCells


def _active(book: Any, names: list[str]) -> str:
    known, active = _try(lambda: book.sheets.active.name)
    return active if known and active in names else ""


def _results_sheet(book: Any, plan: mp.MarkPlan) -> None:
    sheet = book.sheets.add(L.SHEET_RESULTS, before=book.sheets[0])
    sheet["A1"].value = plan.table()
    sheet["A1"].font.bold = True
    header = mp.RESULT_HEADER_ROW
    sheet[f"A{header}:E{header}"].font.bold = True
    for row, result in enumerate(plan.rows, header + 1):
        if result.link:
            sheet[f"B{row}"].add_hyperlink(f"#{result.link}", result.values[1])
        if result.severity is not None:
            sheet[f"C{row}"].color = f"#{mp.FILLS[result.severity]}"
    for column, width in zip("ABCDE", mp.RESULT_WIDTHS):
        sheet[f"{column}:{column}"].column_width = width
    sheet.activate()


class ExcelProblem(Exception):
    """Something the clerk can fix, worded for them (a protected sheet, no project sheet)."""


def _tell(book: Any, message: str) -> None:
    """Show one sentence to the clerk: a message box (desktop, VBA) or the task pane (Lite)."""
    print(message)
    with contextlib.suppress(Exception):  # a host without message boxes still has the printed line
        book.app.alert(message, L.EXCEL_TITLE)


def _button(book: Any, action: Callable[[Any], tuple[T, str]]) -> T | None:
    """Run a button's action: its result sentence, or one Chinese sentence for any failure."""
    try:
        book = _book(book)
        result, message = action(book)
    except ExcelProblem as problem:
        message, result = str(problem), None
    except Exception as exc:  # noqa: BLE001 - a clerk sees one sentence, never a traceback
        message, result = L.EXCEL_FAILED.format(kind=type(exc).__name__), None
    if book is not None and not isinstance(book, str):
        _tell(book, message)
    return result


def _check(book: Any, profile: Profile) -> FileReport:
    return validate_model(parse_grids(read_grids(book), book.name), profile)


def validate(book: Any = None, profile: Profile | str | None = None) -> FileReport | None:
    """The 校验 button: check the open workbook, mark it, and say what was found."""

    def run(book: Any) -> tuple[FileReport, str]:
        chosen = _profile(profile)
        report = _check(book, chosen)
        notes = _apply_plan(book, mp.plan_report(report, chosen))
        message = L.EXCEL_VALIDATED.format(errors=report.errors, warnings=report.warnings)
        return report, message + ("" if notes else L.EXCEL_NO_NOTES)

    return _button(book, run)


def clear(book: Any = None) -> int | None:
    """The 清除标记 button: restore each marked cell's colour and note, drop the result sheets."""
    return _button(book, lambda b: (n := _clear(b), L.EXCEL_CLEARED.format(count=n)))


def _excel(value: Any) -> Any:
    """A value for Excel: Decimal → float (already rounded to the cent), NaN → blank."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and value != value:
        return None
    return value


CHART_TYPES = {"bar": "bar_clustered", "line": "line"}


def _add_chart(sheet: Any, chart: ChartPlan) -> None:
    """A native chart at about the plan's anchor cell (Excel places charts in points)."""
    added = sheet.charts.add(left=20 + 64 * (chart.anchor_col - 1), top=20 * (chart.anchor_row - 1))
    added.chart_type = CHART_TYPES[chart.kind]
    block = chart.block
    first = (block.row, block.col + chart.label_offset)
    added.set_source_data(sheet.range(first, (block.last_row, block.col + chart.value_offset)))


def consolidate(book: Any = None, profile: Profile | str | None = None) -> FileReport | None:
    """The 汇总 button: add (or refresh) 项目汇总表, 指标明细表 and 部门概况 in the open workbook."""

    def run(book: Any) -> tuple[FileReport, str]:
        report = _consolidate(book, _profile(profile))
        projects = len(report.model.projects) if report.model else 0
        return report, L.EXCEL_CONSOLIDATED.format(projects=projects)

    return _button(book, run)


def _consolidate(book: Any, profile: Profile) -> FileReport:
    from workbook_tools.outputs.unit_sheets import unit_sheet_plans

    report = _check(book, profile)
    if report.model is None or not report.model.projects:
        raise ExcelProblem(L.EXCEL_NO_PROJECTS)
    for plan in unit_sheet_plans(report, profile):
        _delete_sheet(book, plan.title)
        sheet = book.sheets.add(plan.title, after=book.sheets[-1])
        for block in plan.blocks:
            sheet.range((block.row, block.col)).value = [[_excel(v) for v in row] for row in block.values]
            sheet.range((block.row, block.col), (block.row, block.col + block.width - 1)).font.bold = True
            for offset, number_format in block.column_formats.items():
                column = block.col + offset
                last = block.row + len(block.values) - 1
                sheet.range((block.row + 1, column), (last, column)).number_format = number_format
        sheet.autofit("columns")
        for chart in plan.charts:
            _add_chart(sheet, chart)
    return report
