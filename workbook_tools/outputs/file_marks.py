"""The file writer of a mark plan (openpyxl): fills, notes, 校验结果, and clearing them.

It applies a :class:`~workbook_tools.outputs.mark_plan.MarkPlan` to a workbook file and
keeps each marked cell's previous fill (as openpyxl's fill XML) and note in the store
sheet, so :func:`clear_marks` restores them exactly, even in another session or after
the live Excel host marked the book. Marking always clears old marks first, so
validating twice gives the same workbook as once.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.fills import Fill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools import labels
from workbook_tools.outputs import mark_plan as mp
from workbook_tools.outputs.atomic import save_workbook


def _top_left(ws: Worksheet, cell: str) -> str:
    for rng in ws.merged_cells.ranges:
        if cell in rng:
            return str(rng.start_cell.coordinate)
    return cell


def _fill_xml(fill: Fill) -> str:
    return ElementTree.tostring(fill.to_tree(), encoding="unicode")


def _fill_rgb(cell: Cell) -> str | None:
    fill = cell.fill  # a StyleProxy: compare attributes, not types
    if getattr(fill, "patternType", None) != "solid" or getattr(fill, "fgColor", None) is None:
        return None
    rgb = fill.fgColor.rgb
    return rgb if isinstance(rgb, str) else None


def is_our_note(comment: Comment | None) -> bool:
    """A note this tool wrote (by its author, or by its first line when a live host wrote it)."""
    return comment is not None and (comment.author == mp.NOTE_AUTHOR or mp.is_our_note_text(comment.text))


def previous_fill(saved: str) -> Fill:
    """The fill saved before marking: fill XML (file host), "#RRGGBB" or "" (live host)."""
    if saved.startswith("<"):
        return Fill.from_tree(ElementTree.fromstring(saved))
    if saved.startswith("#"):
        return PatternFill("solid", fgColor=saved[1:].upper())
    return PatternFill()


def apply_plan(wb: Workbook, plan: mp.MarkPlan) -> None:
    """Mark the plan's cells and (re)write the 校验结果 sheet (old marks cleared first)."""
    clear_marks(wb)
    saved: dict[tuple[str, str], mp.SavedCell] = {}
    for mark in plan.marks:
        if mark.sheet not in wb.sheetnames:
            continue
        ref = _top_left(wb[mark.sheet], mark.cell)
        cell = wb[mark.sheet][ref]
        if (mark.sheet, ref) not in saved:
            note = cell.comment
            previous = mp.encode_note(note.text, note.author) if note else ""
            saved[(mark.sheet, ref)] = mp.SavedCell(mark.sheet, ref, _fill_xml(cell.fill), previous)
        cell.fill = PatternFill("solid", fgColor=mark.fill)
        comment = Comment(mark.note, mp.NOTE_AUTHOR)
        comment.width, comment.height = mp.NOTE_SIZE
        cell.comment = comment
    active = wb.active.title if wb.active is not None else ""
    _results_sheet(wb, plan)
    _store_sheet(wb, mp.store_rows(active, saved.values()))


def _store_sheet(wb: Workbook, rows: list[list[str]]) -> None:
    ws = wb.create_sheet(labels.SHEET_MARKS)
    for row in rows:
        ws.append(row)
    ws.sheet_state = "veryHidden"


def clear_marks(wb: Workbook) -> int:
    """Remove marks and the 校验结果 sheet, restoring each marked cell's fill and note.

    A cell whose fill or note the clerk changed after marking keeps the clerk's change.
    Returns the number of cells restored.
    """
    active, saved = "", list[mp.SavedCell]()
    if labels.SHEET_MARKS in wb.sheetnames:
        active, saved = mp.read_store(wb[labels.SHEET_MARKS].iter_rows(values_only=True))
        del wb[labels.SHEET_MARKS]
    restored = 0
    for entry in saved:
        if entry.sheet not in wb.sheetnames:
            continue
        cell = wb[entry.sheet][entry.cell]
        if mp.restores_fill(_fill_rgb(cell)):
            cell.fill = previous_fill(entry.fill)
        if mp.restores_note(entry, is_our_note(cell.comment), cell.comment is not None):
            previous = entry.previous_note()
            cell.comment = Comment(previous["text"], previous["author"]) if previous else None
        restored += 1
    if labels.SHEET_RESULTS in wb.sheetnames:
        del wb[labels.SHEET_RESULTS]
    if active in wb.sheetnames:
        wb.active = wb.sheetnames.index(active)
    return restored


def _results_sheet(wb: Workbook, plan: mp.MarkPlan) -> None:
    ws = wb.create_sheet(labels.SHEET_RESULTS, 0)
    for col, width in zip("ABCDE", mp.RESULT_WIDTHS):
        ws.column_dimensions[col].width = width
    for values in plan.table():
        ws.append([value or None for value in values])
    ws.merge_cells("A1:E1")
    ws.merge_cells("A2:E2")
    ws["A1"].font = Font(size=14, bold=True)
    header = mp.RESULT_HEADER_ROW
    for cell in ws[header]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=mp.HEADER_FILL)
    for row, result in enumerate(plan.rows, header + 1):
        if result.link:
            link = ws.cell(row, 2)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=result.link)
            link.font = Font(color=mp.LINK_COLOR, underline="single")
        if result.severity is not None:
            level = ws.cell(row, 3)
            level.fill = PatternFill("solid", fgColor=mp.FILLS[result.severity])
            level.font = Font(color=mp.FONT_COLORS[result.severity])
        ws.cell(row, 5).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = f"A{header + 1}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header}:{header}"
    wb.active = 0
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False


def _open(path: Path) -> Workbook:
    return load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm", rich_text=True)


def backup_path(path: Path) -> Path:
    """Where --in-place keeps the original: ``name.xlsx.bak`` beside it."""
    return path.with_name(path.name + ".bak")


def write_marked(source: Path, target: Path, plan: mp.MarkPlan) -> Path:
    """Write a marked copy of ``source`` to ``target`` (atomically; target may equal source,
    in which case the original is kept as ``name.xlsx.bak`` first)."""
    wb = _open(source)
    apply_plan(wb, plan)
    if target.resolve() == source.resolve():
        shutil.copy2(source, backup_path(source))
    return save_workbook(wb, target)


def write_cleared(source: Path, target: Path) -> int:
    """Write ``source`` without marks to ``target`` (atomically, backup when in place)."""
    wb = _open(source)
    restored = clear_marks(wb)
    if target.resolve() == source.resolve():
        shutil.copy2(source, backup_path(source))
    save_workbook(wb, target)
    return restored
