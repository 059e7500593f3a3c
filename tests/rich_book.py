"""A unit's workbook carrying what real ones carry besides the form, built with XlsxWriter.

The form's cells come from the bundled sample's data (``build_workbook`` of the seed
JSON, two projects and the department), with the template's number formats and sheet
protection (input cells unlocked). XlsxWriter writes them into a package that also has
what openpyxl does not model or rewrites: a picture (a unit's seal), a text box, a chart,
a formula with its cached value (工会经费's 预算数 ``=E4+G4`` → 450), notes with their own
sizes (one on a cell validation marks, one on a cell it does not), a defined name,
conditional formatting, data validation, a hidden sheet and a VBA project (.xlsm).
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import xlsxwriter
from openpyxl.cell.cell import MergedCell

from workbook_tools import labels
from workbook_tools.outputs.filled_book import build_workbook

ROOT = Path(__file__).resolve().parent.parent
VBA = ROOT / "workbook_tools" / "outputs" / "vba" / "vbaProject.bin"
PROJECTS = ("工会经费", "招商引资工作经费")
FORMULA_SHEET, FORMULA_CELL, FORMULA, CACHED = "工会经费", "C4", "=E4+G4", 450
MARKED_NOTE = ("工会经费", "C11")  # validation marks this cell (I009): the clerk's note is saved
OWN_NOTE = ("工会经费", "A2")  # a note on a cell validation leaves alone (部门整体 B3 has one too)
NOTE_SIZE = (300, 160)  # pixels, not the default 128 × 74
DEFINED_NAME = "预算合计"


def png(width: int = 8, height: int = 8, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A small solid PNG (a stand-in for a unit's seal)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _copy_sheet(source: Any, target: Any, book: xlsxwriter.Workbook, formats: dict[str, Any]) -> None:
    """Values, number formats and merges of an openpyxl sheet, strings always as strings."""

    def fmt(cell: Any) -> Any:
        key = f"{cell.number_format}|{cell.protection.locked}"
        if key not in formats:
            style = {"num_format": cell.number_format, "text_wrap": True, "locked": cell.protection.locked}
            formats[key] = book.add_format(style)
        return formats[key]

    tops = {}
    for rng in source.merged_cells.ranges:
        tops[(rng.min_row, rng.min_col)] = rng
    for row in source.iter_rows():
        for cell in row:
            if isinstance(cell, MergedCell) or (cell.row, cell.column) in tops:
                continue
            _write(target, cell.row - 1, cell.column - 1, cell.value, fmt(cell))
    for (r, c), rng in tops.items():
        value = source.cell(r, c).value
        style = fmt(source.cell(r, c))
        target.merge_range(rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1, "", style)
        _write(target, r - 1, c - 1, value, style)
    for letter, dimension in source.column_dimensions.items():
        if dimension.width:
            target.set_column(f"{letter}:{letter}", dimension.width)
    if source.protection.sheet:  # the template's: labels locked, input cells not
        target.protect("", {"format_cells": True, "insert_rows": True, "delete_rows": True})


def _write(ws: Any, row: int, col: int, value: Any, style: Any) -> None:
    if value is None:
        ws.write_blank(row, col, None, style)
    elif isinstance(value, str):
        ws.write_string(row, col, value, style)
    else:
        ws.write_number(row, col, value, style)


def build_rich_book(seed_data: dict[str, Any], path: Path) -> Path:
    """Write the rich workbook to ``path`` (an ``.xlsm``: it holds a VBA project)."""
    data = dict(seed_data)
    data["projects"] = [p for p in seed_data["projects"] if p["sheet"] in PROJECTS]
    source = build_workbook(data)
    book = xlsxwriter.Workbook(str(path))
    book.add_vba_project(str(VBA))
    formats: dict[str, Any] = {}
    sheets = {}
    for title in (labels.SHEET_DEPARTMENT, *PROJECTS, labels.SHEET_LISTS):
        sheets[title] = book.add_worksheet(title)
        _copy_sheet(source[title], sheets[title], book, formats)

    project = sheets[FORMULA_SHEET]
    project.write_formula(FORMULA_CELL, FORMULA, formats["0.00|False"], CACHED)
    project.insert_image("I2", "seal.png", {"image_data": io.BytesIO(png()), "x_scale": 4, "y_scale": 4})
    for (_, cell), author, text in (
        (MARKED_NOTE, "张会计", "待与科室核实"),
        (OWN_NOTE, "李科长", "单位名称按财政系统填写"),
    ):
        project.write_comment(cell, text, {"author": author, "width": NOTE_SIZE[0], "height": NOTE_SIZE[1]})
    red = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    project.conditional_format("C4", {"type": "cell", "criteria": ">", "value": 1000, "format": red})
    project.data_validation(
        "A10:A24", {"validate": "list", "source": f"='{labels.SHEET_LISTS}'!$A$2:$A$4", "ignore_blank": True}
    )

    department = sheets[labels.SHEET_DEPARTMENT]
    department.write_comment("B3", "年度按预算年度填写", {"author": "李科长", "width": 240, "height": 90})
    department.insert_textbox(
        "F2", "审核意见：已复核（财务科）", {"width": 220, "height": 60, "object_position": 1}
    )

    chart = book.add_chart({"type": "column"})
    other = PROJECTS[1]
    chart.add_series(
        {"name": "支出计划", "categories": f"='{other}'!$B$6:$E$6", "values": f"='{other}'!$B$7:$E$7"}
    )
    chart.set_title({"name": "资金支出计划"})
    sheets[other].insert_chart("I10", chart)

    book.define_name(DEFINED_NAME, f"='{FORMULA_SHEET}'!$C$4")
    sheets[labels.SHEET_LISTS].hide()
    sheets[labels.SHEET_DEPARTMENT].activate()
    book.close()
    return path
