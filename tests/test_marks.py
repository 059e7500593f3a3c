"""Marked workbooks: fills, notes and 校验结果; clearing restores the original exactly."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLE, convert_to_pdf
from openpyxl.comments import Comment
from openpyxl.styles import Color, PatternFill

from workbook_tools import labels
from workbook_tools.check.profile import load_profile
from workbook_tools.check.validation import validate_file
from workbook_tools.outputs.file_marks import write_cleared, write_marked
from workbook_tools.outputs.mark_plan import FILLS, NOTE_AUTHOR, plan_report

PROFILE = load_profile()


def look(path: Path) -> dict:
    """What a clerk sees: every cell's value, fill and note; merges; validations; sheets."""
    wb = openpyxl.load_workbook(path)
    state = {"sheets": [(ws.title, ws.sheet_state) for ws in wb.worksheets]}
    for ws in wb.worksheets:
        state[ws.title] = {
            "cells": {
                c.coordinate: (
                    c.value,
                    repr(c.fill),
                    (c.comment.text, c.comment.author) if c.comment else None,
                )
                for row in ws.iter_rows()
                for c in row
            },
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "validations": sorted((str(v.sqref), v.formula1) for v in ws.data_validations.dataValidation),
        }
    return state


def decorated_sample(tmp_path: Path) -> Path:
    """The sample with a clerk's own fill and note on cells that validation will mark."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["工会经费"]
    ws["C11"].fill = PatternFill("solid", fgColor=Color(theme=4, tint=0.6))
    ws["C11"].comment = Comment("待与科室核实", "张会计")
    ws["F13"].fill = PatternFill("darkGrid", fgColor="FF00B050", bgColor="FFFFFF00")
    path = tmp_path / "decorated.xlsx"
    wb.save(path)
    return path


def test_marked_copy_has_fills_notes_and_results(tmp_path: Path) -> None:
    source = decorated_sample(tmp_path)
    before = source.read_bytes()
    report = validate_file(source, PROFILE)
    target = write_marked(source, tmp_path / "marked.xlsx", plan_report(report, PROFILE))
    assert source.read_bytes() == before  # the input is never modified
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames[0] == labels.SHEET_RESULTS
    cell = wb["招商引资工作经费"]["F10"]
    assert cell.fill.fgColor.rgb.endswith(FILLS["warning"])
    assert cell.comment.author == NOTE_AUTHOR and "I010" in cell.comment.text
    results = wb[labels.SHEET_RESULTS]
    assert "错误 0 条，警告 11 条，提示 1 条" in results["A2"].value
    rows = list(results.iter_rows(min_row=5, values_only=True))
    assert len(rows) == len(report.findings) == 12
    assert rows[0][2:4] == ("提示", "P006")  # the workbook-level note first
    assert rows[1][:4] == ("工会经费", "C11", "警告", "I009")
    assert results["B6"].hyperlink.location == "'工会经费'!C11"


def test_error_fill_wins_when_a_cell_has_error_and_warning(edit_sample, tmp_path: Path) -> None:
    source = edit_sample(lambda wb: wb["工会经费"].__setitem__("F13", "≥150%"))
    report = validate_file(source, PROFILE)
    wb = openpyxl.load_workbook(write_marked(source, tmp_path / "m.xlsx", plan_report(report, PROFILE)))
    assert wb["工会经费"]["F13"].fill.fgColor.rgb.endswith(FILLS["error"])


def test_validate_then_clear_restores_the_original(tmp_path: Path) -> None:
    source = decorated_sample(tmp_path)
    report = validate_file(source, PROFILE)
    marked = write_marked(source, tmp_path / "marked.xlsx", plan_report(report, PROFILE))
    assert look(marked) != look(source)
    restored = write_cleared(marked, tmp_path / "cleared.xlsx")
    assert restored == 11
    assert look(tmp_path / "cleared.xlsx") == look(source)


def test_validating_twice_equals_once(tmp_path: Path) -> None:
    source = decorated_sample(tmp_path)
    report = validate_file(source, PROFILE)
    once = write_marked(source, tmp_path / "once.xlsx", plan_report(report, PROFILE))
    again = validate_file(once, PROFILE)
    assert [f.message for f in again.findings] == [f.message for f in report.findings]
    twice = write_marked(once, tmp_path / "twice.xlsx", plan_report(again, PROFILE))
    assert look(twice) == look(once)
    write_cleared(twice, tmp_path / "cleared.xlsx")
    assert look(tmp_path / "cleared.xlsx") == look(source)


def test_clerk_changes_after_marking_are_kept(tmp_path: Path) -> None:
    report = validate_file(SAMPLE, PROFILE)
    marked = write_marked(SAMPLE, tmp_path / "m.xlsx", plan_report(report, PROFILE))
    wb = openpyxl.load_workbook(marked)  # the clerk's program re-saves the book (formats renumbered)
    wb["工会经费"]["C11"].fill = PatternFill("solid", fgColor="FF0000FF")  # and recolours one mark
    wb.save(marked)
    write_cleared(marked, marked)
    wb = openpyxl.load_workbook(marked)
    assert wb["工会经费"]["C11"].fill.fgColor.rgb == "FF0000FF"
    assert wb["工会经费"]["F13"].fill.fgColor.rgb in ("00000000", None)  # the other marks are gone
    assert wb["工会经费"]["C11"].comment is None
    assert labels.SHEET_RESULTS not in wb.sheetnames and labels.SHEET_MARKS not in wb.sheetnames


def test_marked_copy_converts_to_pdf(tmp_path: Path) -> None:
    report = validate_file(SAMPLE, PROFILE)
    marked = write_marked(SAMPLE, tmp_path / "marked.xlsx", plan_report(report, PROFILE))
    convert_to_pdf(marked, tmp_path)


def test_text_that_looks_like_a_formula_stays_text_in_the_tool_sheets(edit_sample, tmp_path: Path) -> None:
    """A sheet named "=1+1" and an indicator value "=11个" never become formulas."""

    def change(wb):
        wb["工会经费"].title = "=1+1"
        wb["=1+1"]["F10"] = "=11个"
        wb["=1+1"]["F10"].data_type = "s"

    source = edit_sample(change)
    report = validate_file(source, PROFILE)
    marked = write_marked(source, tmp_path / "m.xlsx", plan_report(report, PROFILE))
    wb = openpyxl.load_workbook(marked)
    for title in (labels.SHEET_RESULTS, labels.SHEET_MARKS):
        assert all(c.data_type != "f" for row in wb[title].iter_rows() for c in row), title
    assert any(c.value == "=1+1" for row in wb[labels.SHEET_RESULTS].iter_rows() for c in row)


def test_a_workbook_written_through_lxml_gets_its_marks(tmp_path: Path) -> None:
    """Writers built on lxml (openpyxl with lxml, others) declare the relationships namespace on
    each <sheet> rather than on <workbook>: the sheets the tool adds must declare it too."""
    import subprocess
    import sys
    import zipfile

    source = tmp_path / "lxml.xlsx"
    code = (
        "import os; os.environ['OPENPYXL_LXML'] = 'True'\n"
        "import openpyxl\n"
        f"openpyxl.load_workbook({str(SAMPLE)!r}).save({str(source)!r})\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    root = zipfile.ZipFile(source).read("xl/workbook.xml").decode()
    if "<sheet xmlns:r=" not in root:
        pytest.skip("lxml is not installed: openpyxl wrote the root-declared form")
    out = tmp_path / "marked.xlsx"
    write_marked(source, out, plan_report(validate_file(source, PROFILE), PROFILE))
    assert labels.SHEET_RESULTS in openpyxl.load_workbook(out).sheetnames
