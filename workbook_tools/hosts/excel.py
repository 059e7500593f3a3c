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
    try:
        return True, read()
    except NotImplementedError:  # the remote engine cannot read this synchronously
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


def clear(book: Any = None) -> int:
    """The 清除标记 button: restore each marked cell's colour and note, drop the result sheets."""
    book = _book(book)
    names = _sheet_names(book)
    saved: list[mp.SavedCell] = []
    if L.SHEET_MARKS in names:
        _, saved = mp.read_store(book.sheets[L.SHEET_MARKS].used_range.options(ndim=2).value or [])
    restored = 0
    for entry in saved:
        if entry.sheet not in names:
            continue
        cell = book.sheets[entry.sheet][entry.cell]
        known, color = _try(partial(getattr, cell, "color"))
        if mp.restores_fill(_hex(color), known):
            cell.color = _saved_color(entry.fill)
        note = cell.note
        if mp.restores_note(entry, note is not None and _note_is_ours(note)) or (
            note is None and entry.note != mp.KEEP_NOTE
        ):
            if note is not None:
                note.delete()
            previous = entry.previous_note()
            if previous:
                cell.add_note(previous["text"])
        restored += 1
    _delete_sheet(book, L.SHEET_MARKS)
    _delete_sheet(book, L.SHEET_RESULTS)
    return restored


def apply_plan(book: Any, plan: mp.MarkPlan) -> None:
    """Colour and annotate the plan's cells and write 校验结果 (old marks cleared first)."""
    clear(book)
    names = _sheet_names(book)
    saved: list[mp.SavedCell] = []
    for mark in plan.marks:
        if mark.sheet not in names:
            continue
        cell = book.sheets[mark.sheet][mark.cell]
        known_color, color = _try(partial(getattr, cell, "color"))
        note = cell.note
        known_note, text = _try(partial(getattr, note, "text")) if note is not None else (True, None)
        keep_note = note is not None and not known_note
        previous = mp.KEEP_NOTE if keep_note else mp.encode_note(text)
        saved.append(mp.SavedCell(mark.sheet, mark.cell, _hex(color) if known_color else "", previous))
        cell.color = f"#{mark.fill}"
        if keep_note:
            continue
        if note is not None:
            note.delete()
        cell.add_note(mark.note)
    _results_sheet(book, plan)
    store = book.sheets.add(L.SHEET_MARKS, after=book.sheets[-1])
    store["A1"].value = mp.store_rows(_active(book, names), saved)
    store.visible = False


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


def validate(book: Any = None, profile: Profile | str | None = None) -> FileReport:
    """The 校验 button: check the open workbook and mark it."""
    book = _book(book)
    profile = _profile(profile)
    report = validate_model(parse_grids(read_grids(book), book.name), profile)
    apply_plan(book, mp.plan_report(report, profile))
    return report


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


def consolidate(book: Any = None, profile: Profile | str | None = None) -> FileReport:
    """The 汇总 button: add (or refresh) 项目汇总表, 指标明细表 and 部门概况 in the open workbook."""
    from workbook_tools.outputs.unit_sheets import unit_sheet_plans

    book = _book(book)
    profile = _profile(profile)
    report = validate_model(parse_grids(read_grids(book), book.name), profile)
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
