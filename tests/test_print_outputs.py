"""The output sheets print readably on A4, and the batch's figures agree wherever they are shown.

Every sheet the tool writes (a unit's 项目汇总表 / 指标明细表 / 部门概况, the batch's five) is set
up for A4 landscape with its header rows repeated and its panes frozen, and the scale its fit
allows keeps every printed font at 8 pt or more: computed here from the column widths in the
file, at 7 pt a character (the widest renderer: LibreOffice without Calibri; Excel prints
5.25–6 pt a character). The batch's 单位汇总 has a row for every input file, so its totals are
the CLI's summary line and the HTML report's; the report puts the problems first.
"""

from __future__ import annotations

import re
import shutil
from itertools import pairwise
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLE
from openpyxl.utils import column_index_from_string, get_column_letter

from workbook_tools import labels as L
from workbook_tools.check.profile import load_profile
from workbook_tools.hosts.cli import main
from workbook_tools.outputs.consolidation import consolidate_workbook
from workbook_tools.outputs.tables import KEY_COLUMNS, PrintLayout, print_layout

PROFILE = load_profile()
UNITS = ROOT / "samples" / "units"
A4 = 9
PAGE_WIDE_PT = 841.89
PT_PER_CHAR = 7.0
MIN_PT = 8
UNIT_SHEETS = (L.SHEET_SUMMARY, L.SHEET_INDICATORS, L.SHEET_OVERVIEW)
BATCH_SHEETS = (L.SHEET_UNITS, L.SHEET_SUMMARY, L.SHEET_INDICATORS, L.SHEET_ISSUES, L.SHEET_FILES)


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def unit_book(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("unit") / "unit.xlsx"
    consolidate_workbook(SAMPLE, out, PROFILE)
    return out


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, Path, str]:
    """The demo units, the sample and one more file that cannot be read, through the CLI."""
    folder = tmp_path_factory.mktemp("batch")
    shutil.copytree(UNITS, folder / "units")
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    (folder / "units" / "716001_定州市某局（一个很长很长的文件名，内容不是工作簿）.xlsx").write_bytes(
        b"not a zip"
    )
    out, report = folder / "out" / "汇总.xlsx", folder / "out" / "报告.html"
    result = run("consolidate", folder, "-o", out, "--report", report)
    assert result.exit_code == 1, result.output  # written; the demo data has errors
    return out, report, result.output


# --- reading a sheet's print setup ---------------------------------------------------------------


def widths(ws) -> dict[int, float]:
    found = {}
    for dim in ws.column_dimensions.values():
        if dim.width and dim.min:
            for col in range(dim.min, (dim.max or dim.min) + 1):
                found[col] = dim.width
    return found


def printed_columns(ws) -> int:
    if ws.print_area:
        last = re.findall(r"\$?([A-Z]+)\$?\d+", ws.print_area.split("!")[-1])[-1]
        return column_index_from_string(last)
    return ws.max_column


def smallest_font(ws, columns: int) -> float:
    sizes = [
        float(cell.font.sz)
        for row in ws.iter_rows(max_col=columns)
        for cell in row
        if cell.value is not None and cell.font is not None and cell.font.sz
    ]
    return min(sizes)


def check_print_setup(ws, header_rows: int) -> None:
    """A4 landscape, header rows repeated, frozen panes, and no font printed below 8 pt."""
    setup = ws.page_setup
    assert int(setup.paperSize) == A4 and setup.orientation == "landscape", ws.title
    assert ws.print_title_rows in (f"1:{header_rows}", f"$1:${header_rows}"), (ws.title, ws.print_title_rows)
    assert ws.freeze_panes == f"A{header_rows + 1}", ws.title
    margins = ws.page_margins
    printable = PAGE_WIDE_PT - 72 * (margins.left + margins.right)
    columns = printed_columns(ws)
    width = widths(ws)
    sizes = [width.get(c, 8.43) * PT_PER_CHAR for c in range(1, columns + 1)]
    font = smallest_font(ws, columns)
    assert font >= MIN_PT, ws.title
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        assert int(setup.fitToWidth or 1) == 1, ws.title  # 1 is the default, XlsxWriter leaves it out
        scale = min(1.0, printable / sum(sizes))
        assert font * scale >= MIN_PT, (ws.title, font, scale)
    else:  # split into pages: a fixed scale, key columns repeated, each page fits
        scale = int(setup.scale or 100) / 100
        assert font * scale >= MIN_PT, ws.title
        repeat = (
            column_index_from_string(ws.print_title_cols.split(":")[-1].strip("$"))
            if ws.print_title_cols
            else 0
        )
        starts = [0] + [b.id for b in ws.col_breaks.brk] + [columns]
        for first, end in pairwise(starts):
            page = sizes[:repeat] + sizes[max(first, repeat) : end]
            assert sum(page) * scale <= printable, (ws.title, first, end)


# --- the tests -------------------------------------------------------------------------------------


def test_a_units_sheets_print_on_a4_at_8_pt_or_more(unit_book: Path) -> None:
    wb = openpyxl.load_workbook(unit_book)
    for title in UNIT_SHEETS:
        check_print_setup(wb[title], 1 if title == L.SHEET_OVERVIEW else 2)


def test_every_written_cell_of_a_units_sheets_has_the_cjk_font(unit_book: Path) -> None:
    wb = openpyxl.load_workbook(unit_book)
    for title in UNIT_SHEETS:
        for row in wb[title].iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.font.name == L.FONT_SONG, (title, cell.coordinate)


def test_chart_text_prints_at_8_pt_or_more_in_the_cjk_font(unit_book: Path) -> None:
    """部门概况 fits at 80 % at the least: its charts' text is 10 pt or more, in 宋体."""
    import zipfile

    with zipfile.ZipFile(unit_book) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert charts
    for chart in charts:
        sizes = [int(size) for size in re.findall(r'\bsz="(\d+)"', chart)]
        assert sizes and min(sizes) * 0.8 >= MIN_PT * 100
        faces = set(re.findall(r'typeface="([^"]*)"', chart))
        assert faces == {L.FONT_SONG}


def test_a_units_summary_names_the_unit_once_above_the_table(unit_book: Path) -> None:
    ws = openpyxl.load_workbook(unit_book)[L.SHEET_SUMMARY]
    heading, head, *body = ws.iter_rows(values_only=True)
    assert heading[0].startswith("711002 定州市总工会") and not any(heading[1:])
    assert head[0] == L.COL_CODE and not {L.COL_UNIT_CODE, L.COL_UNIT_NAME, L.COL_SHEET} & set(head)
    assert not any(v in ("711002", "定州市总工会") for row in body for v in row)
    names = [row[head.index(L.COL_NAME)] for row in body[:-1]]
    assert "冀财行【2019】46号  2020年困难职工及劳模帮扶救助专项资金" in names  # whole, wrapped:
    column = get_column_letter(head.index(L.COL_NAME) + 1)
    assert ws[f"{column}3"].alignment.wrap_text
    long_row = 3 + names.index("冀财行【2019】46号  2020年困难职工及劳模帮扶救助专项资金")
    assert ws.row_dimensions[long_row].height and ws.row_dimensions[long_row].height > 15


def test_the_batchs_sheets_print_on_a4_at_8_pt_or_more(batch: tuple[Path, Path, str]) -> None:
    wb = openpyxl.load_workbook(batch[0])
    assert wb.sheetnames == list(BATCH_SHEETS)
    for title in BATCH_SHEETS:
        check_print_setup(wb[title], 1)
        assert wb[title].auto_filter.ref, title


def test_the_batchs_texts_wrap_whole(batch: tuple[Path, Path, str]) -> None:
    """校验问题 wraps its messages and file names (never cut: the row is as high as they need);
    文件清单 names the unit of every file it read and every file in full."""
    wb = openpyxl.load_workbook(batch[0])
    issues = wb[L.SHEET_ISSUES]
    head = [c.value for c in issues[1]]
    message, file = head.index(L.COL_MESSAGE) + 1, head.index(L.COL_FILE) + 1
    longest = max(range(2, issues.max_row + 1), key=lambda r: len(issues.cell(r, message).value or ""))
    assert (
        issues.cell(longest, message).alignment.wrap_text and issues.cell(longest, file).alignment.wrap_text
    )
    assert issues.row_dimensions[longest].height > 15
    files = wb[L.SHEET_FILES]
    rows = list(files.iter_rows(min_row=2, values_only=True))
    head = [c.value for c in files[1]]
    for row in rows:
        record = dict(zip(head, row))
        assert Path(record[L.COL_FILE]).suffix == ".xlsx"  # the whole name
        if record[L.COL_RESULT] != L.STATUS["unreadable"]:
            assert record[L.COL_UNIT_CODE] and record[L.COL_UNIT_NAME]
    assert any("很长很长的文件名" in r[0] for r in rows)


def test_unit_totals_are_the_clis_and_the_reports(batch: tuple[Path, Path, str]) -> None:
    out, report, output = batch
    pattern = L.CLI_BATCH_SUMMARY.format(
        files=r"(\d+)", units=r"(\d+)", unreadable=r"(\d+)", errors=r"(\d+)", warnings=r"(\d+)"
    )
    files, units, unreadable, errors, warnings = map(int, re.search(pattern, output).groups())
    ws = openpyxl.load_workbook(out)[L.SHEET_UNITS]
    head, *body = ws.iter_rows(values_only=True)
    records = [dict(zip(head, row)) for row in body]
    rows, total = records[:-1], records[-1]
    assert total[L.COL_UNIT_CODE] == L.TOTAL_ROW
    assert len(rows) == files == 6
    assert sum(r[L.COL_STATUS] == L.STATUS["unreadable"] for r in rows) == unreadable == 2
    assert sum(r[L.COL_STATUS] != L.STATUS["unreadable"] for r in rows) == units == 4
    assert (total[L.COL_ERRORS], total[L.COL_WARNINGS]) == (errors, warnings)
    html = report.read_text(encoding="utf-8")
    figures = dict(re.findall(r"<tr><th>([^<]+)</th><td[^>]*>([^<]+)</td></tr>", html))
    assert int(figures["文件"]) == files and int(figures["无法读取的文件"]) == unreadable
    assert (int(figures["错误"]), int(figures["警告"])) == (errors, warnings)
    assert figures["预算数合计（万元）"] == f"{total[L.COL_BUDGET]:,.2f}"


def test_the_report_puts_problems_first_and_prints_on_a4(batch: tuple[Path, Path, str]) -> None:
    html = batch[1].read_text(encoding="utf-8")
    assert re.search(r"@page\s*\{\s*size:\s*A4 landscape", html)
    assert re.search(r"thead\s*\{\s*display:\s*table-header-group", html)  # headers repeat on each page
    headings = re.findall(r"<h2>([^<]+?)\s*<span class=\"count\">（([^）]+)）</span></h2>", html)
    assert [title for title, _ in headings] == [
        L.SHEET_ISSUES,
        L.SHEET_FILES,
        L.SHEET_UNITS,
        L.SHEET_SUMMARY,
        L.SHEET_INDICATORS,
    ]
    counts = dict(headings)
    assert counts[L.SHEET_UNITS] == "6 个文件" and counts[L.SHEET_SUMMARY] == "14 个项目"  # 合计 not counted
    assert counts[L.SHEET_INDICATORS] == "49 个指标"
    assert re.search(rf'<details id="{L.SHEET_INDICATORS}">', html)  # the long detail table folded
    assert 'class="code">711-0301-JBN-BFBQ<' in html  # codes never wrap


def test_the_validate_report_prints_on_a4(tmp_path: Path) -> None:
    report = tmp_path / "v.html"
    run("validate", SAMPLE, "--format", "html", "--report", report)
    assert re.search(r"@page\s*\{\s*size:\s*A4", report.read_text(encoding="utf-8"))


# --- the print layout ------------------------------------------------------------------------------


def test_a_narrow_table_fits_one_page_wide() -> None:
    assert print_layout(["code", "name", "budget"], [19, 20, 10]) == PrintLayout(3, True)


def test_what_a_page_can_do_without_is_left_out_first() -> None:
    """The place in the workbook always; the plan's columns only when the page needs the room."""
    columns = ["unit_code", "unit_name", "code", "name", "budget", "errors", "plan_1", "plan_2", "sheet"]
    assert print_layout(columns, [9, 14, 19, 20, 10, 6, 8, 8, 14]) == PrintLayout(8, True)
    wide = [9, 14, 19, 20, 10, 6, 60, 8, 14]
    assert print_layout(columns, wide) == PrintLayout(6, True)


def test_a_table_too_wide_is_split_with_its_key_columns_on_every_page() -> None:
    columns = ["unit_code", "unit_name", "code", "name", *(f"n{i}" for i in range(30))]
    sizes = [9, 14, 19, 20, *([10] * 30)]
    layout = print_layout(columns, sizes)
    assert not layout.fit and layout.scale * 10 / 100 >= MIN_PT
    assert layout.repeat > 0 and all(c in KEY_COLUMNS for c in columns[: layout.repeat])
    assert layout.breaks and list(layout.breaks) == sorted(layout.breaks)
    printable = PAGE_WIDE_PT - 72 * 0.8
    starts = [0, *layout.breaks, len(columns)]
    for first, end in pairwise(starts):
        page = sizes[: layout.repeat] + sizes[max(first, layout.repeat) : end]
        assert sum(page) * PT_PER_CHAR * layout.scale / 100 <= printable


def test_a_batch_sheet_too_wide_prints_in_pages_with_its_keys(tmp_path: Path) -> None:
    """Say a profile with many categories: the sheet is split into pages at 90 %, the unit's
    code and name and the project's code on every page, each page within A4."""
    from workbook_tools.outputs.batch_book import BatchBook
    from workbook_tools.outputs.tables import Table

    counts = [f"类别{i}" for i in range(24)]
    columns = ["unit_code", "unit_name", "code", "name", *counts]
    rows = [("711002", "定州市总工会", "711-0301-JBN-BFBQ", "工会经费", *range(100000, 100024))]
    path = tmp_path / "wide.xlsx"
    BatchBook(path, ["表"]).finish([("表", Table(columns, rows))])
    ws = openpyxl.load_workbook(path)["表"]
    assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_cols and ws.col_breaks.brk
    check_print_setup(ws, 1)
