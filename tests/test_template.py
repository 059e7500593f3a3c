"""The template: built by code, committed, shaped like the seed's form, and openable by LibreOffice."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from conftest import SAMPLE, SEED_JSON, TEMPLATE, convert_to_pdf

from workbook_tools import labels
from workbook_tools.outputs.filled_book import build_workbook
from workbook_tools.outputs.template_book import new_workbook


def snapshot(wb: openpyxl.Workbook) -> dict:
    """What must not drift: sheets, cell values/formats/locks, merges, validations, protection."""
    result = {}
    for ws in wb.worksheets:
        cells = {
            c.coordinate: (c.value, c.number_format, c.protection.locked, c.fill.fgColor.rgb)
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or c.protection.locked is False
        }
        validations = sorted(
            (str(v.sqref), v.type, v.formula1, v.showErrorMessage) for v in ws.data_validations.dataValidation
        )
        result[ws.title] = {
            "state": ws.sheet_state,
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "validations": validations,
            "protected": ws.protection.sheet,
            "paper": (ws.page_setup.paperSize, ws.page_setup.orientation, ws.print_area),
        }
    return result


def reload(wb: openpyxl.Workbook, tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "fresh.xlsx"
    wb.save(path)
    return openpyxl.load_workbook(path)


def test_committed_template_matches_a_fresh_build(tmp_path: Path) -> None:
    assert snapshot(openpyxl.load_workbook(TEMPLATE)) == snapshot(reload(new_workbook(), tmp_path))


def test_committed_sample_matches_a_fresh_build(tmp_path: Path) -> None:
    data = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    assert snapshot(openpyxl.load_workbook(SAMPLE)) == snapshot(reload(build_workbook(data), tmp_path))


def test_template_sheets_and_form() -> None:
    wb = openpyxl.load_workbook(TEMPLATE)
    assert wb.sheetnames == [labels.SHEET_GUIDE, labels.SHEET_DEPARTMENT, "项目1", labels.SHEET_LISTS]
    assert wb[labels.SHEET_LISTS].sheet_state == "hidden"
    ws = wb["项目1"]
    texts = {labels.norm(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for label in (
        labels.UNIT, labels.AMOUNT_UNIT, labels.CODE, labels.NAME, labels.BUDGET_BLOCK, labels.BUDGET,
        labels.FISCAL, labels.OTHER, labels.PLAN_BLOCK, *labels.CHECKPOINTS, labels.GOALS,
        *labels.INDICATOR_HEADERS, labels.BREAKDOWN,
    ):  # fmt: skip
        assert labels.norm(label) in texts, label  # a label may be printed on two lines
    assert ws["A1"].value == "1、项目绩效目标表" and ws["E2"].value == labels.AMOUNT_UNIT
    # labels locked, inputs unlocked, amounts 0.00
    assert ws["B4"].protection.locked and not ws["C4"].protection.locked
    assert ws["C4"].number_format == ws["E4"].number_format == ws["G4"].number_format == "0.00"
    assert ws.protection.sheet and ws.protection.insertRows is False
    # at least 12 indicator rows between the header and the breakdown block
    header = next(c.row for c in ws["A"] if c.value == labels.IND_LEVEL1)
    breakdown = next(c.row for c in ws["A"] if labels.is_label(c.value, labels.BREAKDOWN))
    assert breakdown - header - 1 >= 12
    # dropdowns for 一级/二级 from the hidden lists sheet, and for 指标值确定依据
    sources = {str(v.sqref)[0]: v.formula1 for v in ws.data_validations.dataValidation}
    assert set(sources) == {"A", "B", "G"}
    assert all(labels.SHEET_LISTS in f for f in sources.values())
    lists = wb[labels.SHEET_LISTS]
    assert [c.value for c in lists["A"][1:] if c.value] == ["产出指标", "效果指标", "满意度指标"]
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)  # A4
    assert "E3:G3" in {str(r) for r in ws.merged_cells.ranges}


def test_template_and_sample_convert_to_pdf(tmp_path: Path) -> None:
    for path in (TEMPLATE, SAMPLE):
        convert_to_pdf(path, tmp_path)
