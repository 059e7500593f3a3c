"""Marks on a workbook file (openpyxl): fills, notes and the 校验结果 sheet, and clearing them.

Before a cell is marked, its fill and note are saved in a very hidden sheet
(``_校验标记``) inside the workbook itself, so :func:`clear_marks` can restore every
marked cell exactly, even in another session. Marking always clears old marks first,
so validating twice gives the same workbook as once. The live Excel host
(:mod:`workbook_tools.excel`) keeps the same sheet, so either host can clear the other's
marks: one row per cell — sheet, cell, previous fill, previous note (JSON).
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.fills import Fill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from . import labels
from .atomic import save_workbook
from .rules import ERROR, WARNING, Finding

FILLS = {ERROR: "FFC7CE", WARNING: "FFEB9C"}  # Excel's own Bad / Neutral
FONT_COLORS = {ERROR: "9C0006", WARNING: "9C5700"}
NOTE_AUTHOR = "workbook-tools"
NOTE_SIZE = (320, 120)
ACTIVE = "active"  # first row of the marks sheet: which sheet was active before marking
KEEP_NOTE = "keep"  # the cell's own note was left in place (a live host that could not read it)


def _top_left(ws: Worksheet, cell: str) -> str:
    for rng in ws.merged_cells.ranges:
        if cell in rng:
            return rng.start_cell.coordinate
    return cell


def _fill_xml(fill: Fill) -> str:
    return ElementTree.tostring(fill.to_tree(), encoding="unicode")


def _is_mark(cell) -> bool:
    fill = cell.fill  # a StyleProxy: compare attributes, not types
    rgb = fill.fgColor.rgb if getattr(fill, "fgColor", None) is not None else None
    return (
        getattr(fill, "patternType", None) == "solid" and isinstance(rgb, str) and rgb[-6:] in FILLS.values()
    )


def is_our_note(comment: Comment | None) -> bool:
    """A note this tool wrote (by its author, or by its first line when a live host wrote it)."""
    return comment is not None and (
        comment.author == NOTE_AUTHOR or (comment.text or "").startswith(labels.NOTE_HEADER)
    )


def previous_fill(saved: str) -> Fill:
    """The fill saved before marking: openpyxl's fill XML (file host), or "#RRGGBB" / ""
    (no fill) as the live Excel host records it."""
    if saved.startswith("<"):
        return Fill.from_tree(ElementTree.fromstring(saved))
    if saved.startswith("#"):
        return PatternFill("solid", fgColor=saved[1:].upper())
    return PatternFill()


def note_text(findings: list[Finding]) -> str:
    lines = [labels.NOTE_HEADER]
    lines += [f"{f.code} {f.severity_label}：{f.message}" for f in findings]
    return "\n".join(lines)


def mark_workbook(wb: Workbook, findings: list[Finding], summary: str) -> None:
    """Mark the findings' cells and (re)write the 校验结果 sheet."""
    clear_marks(wb)
    saved: list[list[str]] = []
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.sheet in wb.sheetnames and finding.cell:
            target = _top_left(wb[finding.sheet], finding.cell)
            by_cell[(finding.sheet, target)].append(finding)
    for (sheet, ref), group in by_cell.items():
        cell = wb[sheet][ref]
        comment = cell.comment
        previous = {"text": comment.text, "author": comment.author} if comment else None
        saved.append([sheet, ref, _fill_xml(cell.fill), json.dumps(previous, ensure_ascii=False)])
        severity = ERROR if any(f.severity == ERROR for f in group) else WARNING
        cell.fill = PatternFill("solid", fgColor=FILLS[severity])
        note = Comment(note_text(group), NOTE_AUTHOR)
        note.width, note.height = NOTE_SIZE
        cell.comment = note
    active = wb.active.title if wb.active is not None else ""
    _results_sheet(wb, findings, summary)
    _marks_sheet(wb, saved, active)


def _marks_sheet(wb: Workbook, saved: list[list[str]], active: str) -> None:
    ws = wb.create_sheet(labels.SHEET_MARKS)
    ws.append([ACTIVE, active, "", ""])
    for row in saved:
        ws.append(row)
    ws.sheet_state = "veryHidden"


def clear_marks(wb: Workbook) -> int:
    """Remove marks and the 校验结果 sheet, restoring each marked cell's fill and note.

    A cell whose fill or note the clerk changed after marking keeps the clerk's change.
    Returns the number of cells restored.
    """
    restored = 0
    active = ""
    if labels.SHEET_MARKS in wb.sheetnames:
        for sheet, ref, fill_xml, note_json in wb[labels.SHEET_MARKS].iter_rows(values_only=True):
            if sheet == ACTIVE:
                active = ref or ""
                continue
            if sheet not in wb.sheetnames:
                continue
            cell = wb[sheet][ref]
            if _is_mark(cell):
                cell.fill = previous_fill(fill_xml or "")
            if note_json != KEEP_NOTE and is_our_note(cell.comment):
                previous = json.loads(note_json) if note_json else None
                cell.comment = Comment(previous["text"], previous["author"]) if previous else None
            restored += 1
        del wb[labels.SHEET_MARKS]
    if labels.SHEET_RESULTS in wb.sheetnames:
        del wb[labels.SHEET_RESULTS]
    if active in wb.sheetnames:
        wb.active = wb.sheetnames.index(active)
    return restored


def result_rows(findings: list[Finding]) -> list[list[str]]:
    """The 校验结果 table, header first: 工作表 · 单元格 · 级别 · 代码 · 说明 (both hosts write it)."""
    rows = [list(labels.RESULT_HEADERS)]
    rows += [
        [f.sheet or labels.RESULT_WORKBOOK, f.cell, f.severity_label, f.code, f.message] for f in findings
    ]
    return rows if findings else [*rows, ["", "", "", "", labels.RESULT_NONE]]


def _results_sheet(wb: Workbook, findings: list[Finding], summary: str) -> None:
    ws = wb.create_sheet(labels.SHEET_RESULTS, 0)
    for col, width in zip("ABCDE", (22, 10, 8, 8, 90)):
        ws.column_dimensions[col].width = width
    ws.merge_cells("A1:E1")
    ws["A1"] = labels.RESULT_TITLE
    ws["A1"].font = Font(size=14, bold=True)
    ws.merge_cells("A2:E2")
    ws["A2"] = summary
    ws.append([])
    for values in result_rows(findings):
        ws.append(values)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
    for row, finding in enumerate(findings, 5):
        if finding.sheet and finding.cell:
            link = ws.cell(row, 2)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{finding.sheet}'!{finding.cell}")
            link.font = Font(color="0563C1", underline="single")
        level = ws.cell(row, 3)
        level.fill = PatternFill("solid", fgColor=FILLS[finding.severity])
        level.font = Font(color=FONT_COLORS[finding.severity])
        ws.cell(row, 5).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A5"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "4:4"
    wb.active = 0
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False


def _open(path: Path) -> Workbook:
    return load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm", rich_text=True)


def backup_path(path: Path) -> Path:
    """Where --in-place keeps the original: ``name.xlsx.bak`` beside it."""
    return path.with_name(path.name + ".bak")


def write_marked(source: Path, target: Path, findings: list[Finding], summary: str) -> Path:
    """Write a marked copy of ``source`` to ``target`` (atomically; target may equal source,
    in which case the original is kept as ``name.xlsx.bak`` first)."""
    wb = _open(source)
    mark_workbook(wb, findings, summary)
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
