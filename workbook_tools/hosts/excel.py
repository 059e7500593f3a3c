"""Excel entry points: the 校验 / 汇总 / 清除标记 buttons on a live workbook (xlwings).

Each entry point takes an ``xlwings.Book`` or, when called from VBA's ``RunPython``,
finds it with ``xw.Book.caller()``. The book's values become grids and go through the
same parse → check → plan path as files; this module only reads values and applies
the host-neutral mark plan and tables with xlwings. With xlwings' remote engine
(xlwings Lite, Office.js) fill colours and note texts cannot be read back: a cell that
already has a note of the clerk's is then coloured but its note left untouched, so
nothing the clerk wrote is lost. Importing this module imports no openpyxl, pandas or
numpy (a button click starts a fresh Python process).

Validate and consolidate also keep the project sheets printable, as the file writer does
(:mod:`~workbook_tools.outputs.print_form`): titles, rows tall enough for the clerk's texts
(``range.row_height``), empty rows hidden. Desktop Excel tells the sheets' geometry; a
remote engine cannot read it synchronously, so the template's is assumed there (a row is
then never set lower than the template's own height for it) and titles are not written.
Clear leaves these fixes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from workbook_tools import labels as L
from workbook_tools.check.profile import Profile, load_profile
from workbook_tools.check.validation import FileReport, validate_model
from workbook_tools.outputs import mark_plan as mp
from workbook_tools.outputs import print_form as pf
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
    _apply_print_form(book, plan)
    return notes


# --- the print form of project sheets ---------------------------------------------------------


def _with_print_form(book: Any, grids: dict[str, Grid], plan: mp.MarkPlan) -> mp.MarkPlan:
    """The plan with its project sheets' print form, read from the live book, or from the
    template's geometry where this client cannot read a sheet's (remote engines). There the
    titles are left to the next validation by a host that can see the sheet: a remote client
    cannot tell whether a title cell is locked, and a write Excel refuses could stop the
    whole batch of the button's changes (heights and hidden rows are allowed on the
    template's protected sheets)."""
    forms, assumed = {}, set()
    for wanted in (t for t in plan.titles if t.sheet in grids):
        grid = grids[wanted.sheet]
        known, form = _try(partial(_live_form, book.sheets[wanted.sheet], grid))
        if not known or form is None:
            form = pf.standard_form(grid)
            assumed.add(wanted.sheet)
        forms[wanted.sheet] = form
    fixed = plan.with_print_form(forms)
    return replace(fixed, texts=tuple(t for t in fixed.texts if t.sheet not in assumed))


def _live_form(sheet: Any, grid: Grid) -> pf.SheetForm:
    """Desktop Excel: column widths, row heights, hidden rows, merges, fonts of the text cells."""
    rows, columns = pf.form_rows(grid), max((len(r) for r in grid.rows), default=0)
    cells, merged = {}, {}
    for row, col, value in grid.cells():
        cell = sheet.range((row + 1, col + 1))
        last = cell.merge_area.last_cell
        if (last.row, last.column) != (row + 1, col + 1):
            merged[(row, col)] = (last.row - 1, last.column - 1)
        text = str(value)
        cells[(row, col)] = pf.FormCell(text, float(cell.font.size or pf.BODY_SIZE), bool(cell.wrap_text))
    return pf.SheetForm(
        cells=cells,
        # Excel's ColumnWidth leaves out the 5-pixel padding a file's width includes
        widths={c: sheet.range((1, c + 1)).column_width + 5 / pf.DIGIT_PX for c in range(columns)},
        heights={r: float(sheet.range((r + 1, 1)).row_height) for r in range(rows)},
        merged=merged,
        hidden=frozenset(r for r in range(rows) if sheet.range((r + 1, 1)).rows.hidden),
        last_row=rows - 1,
    )


def _runs(rows: list[tuple[int, Any]]) -> list[tuple[int, int, Any]]:
    """Consecutive rows with the same value, as (first, last, value)."""
    runs: list[tuple[int, int, Any]] = []
    for row, value in sorted(rows, key=lambda item: item[0]):
        if runs and runs[-1][1] == row - 1 and runs[-1][2] == value:
            runs[-1] = (runs[-1][0], row, value)
        else:
            runs.append((row, row, value))
    return runs


def _apply_print_form(book: Any, plan: mp.MarkPlan) -> None:
    """Write the plan's titles, row heights and hidden rows. Each is a fix the clerk can do
    without: one Excel refuses (a sheet protected against formatting rows) is left out."""
    for text in plan.texts:
        with contextlib.suppress(Exception):
            book.sheets[text.sheet][text.cell].value = text.text
    for sheet in {h.sheet for h in plan.row_heights} | {r.sheet for r in plan.hidden_rows}:
        target = book.sheets[sheet]
        heights = [(h.row, h.points) for h in plan.row_heights if h.sheet == sheet]
        for first, last, points in _runs(heights):
            with contextlib.suppress(Exception):
                target.range((first, 1), (last, 1)).row_height = points
        shown = [(r.row, r.hidden) for r in plan.hidden_rows if r.sheet == sheet]
        for first, last, hidden in _runs(shown):
            with contextlib.suppress(Exception):
                target.range((first, 1), (last, 1)).rows.hidden = hidden


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


def _check(book: Any, profile: Profile) -> tuple[FileReport, dict[str, Grid]]:
    grids = read_grids(book)
    return validate_model(parse_grids(grids, book.name), profile), {g.name: g for g in grids}


def validate(book: Any = None, profile: Profile | str | None = None) -> FileReport | None:
    """The 校验 button: check the open workbook, mark it, and say what was found."""

    def run(book: Any) -> tuple[FileReport, str]:
        chosen = _profile(profile)
        report, grids = _check(book, chosen)
        plan = mp.plan_report(report, chosen)
        notes = _apply_plan(book, _with_print_form(book, grids, plan))
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

    report, grids = _check(book, profile)
    if report.model is None or not report.model.projects:
        raise ExcelProblem(L.EXCEL_NO_PROJECTS)
    for plan in unit_sheet_plans(report, profile):
        _delete_sheet(book, plan.title)
        sheet = book.sheets.add(plan.title, after=book.sheets[-1])
        if plan.heading:  # the unit, year and table on one line above, as the file writer does
            sheet.range((1, 1)).value = plan.heading
            sheet.range((1, 1)).font.bold = True
        for block in plan.blocks:
            sheet.range((block.row, block.col)).value = [[_excel(v) for v in row] for row in block.values]
            if not block.note:  # a sentence is not a header row
                sheet.range((block.row, block.col), (block.row, block.col + block.width - 1)).font.bold = True
            for offset, number_format in block.column_formats.items():
                column = block.col + offset
                last = block.row + len(block.values) - 1
                sheet.range((block.row + 1, column), (last, column)).number_format = number_format
        sheet.autofit("columns")
        for chart in plan.charts:
            _add_chart(sheet, chart)
    _apply_print_form(book, _with_print_form(book, grids, mp.print_plan(report)))
    return report
