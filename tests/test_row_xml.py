"""Rows rendered as worksheet XML (in batch workers) read back exactly as XlsxWriter's own cells."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from workbook_tools.outputs.batch_book import BatchBook
from workbook_tools.outputs.cell_text import for_sheet
from workbook_tools.outputs.row_xml import ROW, column_letters, escape_text, numbered, render_row
from workbook_tools.outputs.tables import TOTAL, Table

COLUMNS = ["unit_name", "message", "budget", "status"]
TRICKY = [
    "<r><t>x</t></r>",  # XlsxWriter writes this unescaped as a rich string; a clerk's text is never markup
    "<r></is></c></row>",
    "_x0041_ and _x005F_",  # Excel's escape syntax typed literally
    " leading and trailing ",
    "a\tb\nc\rd",
    "=SUM(A1:A2)",
    "&amp; <b> \"quoted\" 'single'",
    "定州市总工会（工会经费）≥95%",
    "\U0001f600 emoji \ufffe",
    "",
]


def _write(path: Path, rows: list[tuple[object, ...]], stream: bool) -> None:
    book = BatchBook(path, ["表"])
    if stream:
        sheet = book.stream("表", COLUMNS)
        half = len(rows) // 2
        sheet.add(rows[:half])
        sheet.add(rows[half:])
        book.finish([])
    else:
        book.finish([("表", Table(COLUMNS, rows))])


def _read(path: Path) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("表").to_python()[1:]


def _expected(value: object) -> object:
    return for_sheet(value) if isinstance(value, str) else value


@pytest.mark.parametrize("stream", [True, False])
def test_tricky_texts_read_back_as_typed(tmp_path: Path, stream: bool) -> None:
    rows: list[tuple[object, ...]] = [(t, t, Decimal("1234.5"), "errors") for t in TRICKY]
    rows.append((TOTAL, None, Decimal("-0.01"), "ok"))
    path = tmp_path / "t.xlsx"
    _write(path, rows, stream)
    got = _read(path)  # python-calamine decodes Excel's _xHHHH_ escapes as Excel does
    assert [r[:2] for r in got[:-1]] == [[_expected(t), _expected(t)] for t in TRICKY]
    assert got[-1][:3] == ["合计", "", -0.01]
    sheet = load_workbook(path)["表"]  # the formats, by openpyxl
    assert sheet["C2"].number_format == "#,##0.00" and sheet["D2"].fill.fgColor.rgb.endswith("FFC7CE")
    assert sheet["A12"].font.b and sheet.auto_filter.ref == "A1:D12" and sheet.freeze_panes == "A2"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=40), min_size=1, max_size=6))
def test_any_text_reads_back_as_typed(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / "h.xlsx"
    _write(path, [(t, t, None, "warnings") for t in texts], stream=True)
    assert [row[0] for row in _read(path)] == [_expected(t) for t in texts]


def test_a_cell_is_rendered_in_xlsxwriters_own_form() -> None:
    row = render_row(["a<b", 1.5, None, True], [3, 4, 5, 6], column_letters(4))
    assert numbered(row, 7) == (
        '<row r="7"><c r="A7" s="3" t="inlineStr"><is><t>a&lt;b</t></is></c>'
        '<c r="B7" s="4"><v>1.5</v></c><c r="C7" s="5"/><c r="D7" s="6" t="b"><v>1</v></c></row>'
    )
    assert ROW not in escape_text("a\x00b") and escape_text("a\x00b") == "a_x0000_b"
    assert len(escape_text("字" * 40000)) == 32767
    assert column_letters(28)[-3:] == ["Z", "AA", "AB"]
