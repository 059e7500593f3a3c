"""The Excel entry points, driven with a real xlwings.Book from xlwings' remote engine.

No Excel is needed: the remote engine records every action (colours, notes, new
sheets, values) in ``book.json()``, which these tests assert.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import SAMPLE

from workbook_tools import labels as L
from workbook_tools.check import Severity
from workbook_tools.hosts import excel
from workbook_tools.outputs import mark_plan as mp
from workbook_tools.outputs import print_form as pf
from workbook_tools.read.files import read_grids
from workbook_tools.read.grid import Grid

# xlwings reads its licence when first imported; the remote engine is free for noncommercial use.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
xw = pytest.importorskip("xlwings")


def book_json(path: Path, notes: dict[str, list[str]] | None = None, extra=()) -> dict:
    """What the Office.js client sends for a workbook: its sheets' values and notes."""
    sheets = []
    for grid in [*read_grids(path), *extra]:
        width = max((len(r) for r in grid.rows), default=1)
        values = [list(r) + [""] * (width - len(r)) for r in grid.rows] or [[""]]
        sheets.append(
            {
                "name": grid.name,
                "values": values,
                "pictures": [],
                "tables": [],
                "notes": [{"address": a} for a in (notes or {}).get(grid.name, [])],
                "visibility": "Hidden" if grid.hidden else "Visible",
            }
        )
    return {
        "client": "Office.js",
        "version": xw.__version__,
        "book": {"name": path.name, "active_sheet_index": 1, "selection": "A1"},
        "names": [],
        "sheets": sheets,
    }


def actions(book, func: str) -> list[dict]:
    return [a for a in book.json()["actions"] if a["func"] == func]


def test_validate_marks_the_live_workbook() -> None:
    book = xw.Book(json=book_json(SAMPLE))
    report = excel.validate(book)
    assert report.errors == 0 and report.warnings == 11
    colors = actions(book, "setRangeColor")
    sheet_names = [s["name"] for s in book_json(SAMPLE)["sheets"]]
    marked = {(sheet_names[a["sheet_position"]], a["start_row"], a["start_column"]) for a in colors[:11]}
    # 工会经费!C11 is row 10, column 2 (0-based); 招商引资工作经费!F10 is row 9, column 5.
    assert ("工会经费", 10, 2) in marked and ("招商引资工作经费", 9, 5) in marked
    assert {a["args"][0].upper() for a in colors[:11]} == {"#FFEB9C"}
    notes = actions(book, "addNote")
    assert len(notes) == 11 and all(n["args"][1].startswith(L.NOTE_HEADER) for n in notes)
    assert [a["args"][1] for a in actions(book, "addSheet")] == [L.SHEET_RESULTS, L.SHEET_MARKS]
    written = [a["values"] for a in actions(book, "setValues")]
    results = next(v for v in written if v[0][0] == L.RESULT_TITLE)
    assert results[3] == list(L.RESULT_HEADERS)
    assert results[4][2:4] == ["提示", "P006"]
    assert results[5][:4] == ["工会经费", "C11", "警告", "I009"]
    assert "错误 0 条，警告 11 条" in results[1][0]
    links = actions(book, "addHyperlink")
    assert links[0]["args"][0] == "#'工会经费'!C11"
    assert actions(book, "setSheetVisibility")[-1]["args"] == ["Hidden"]


def positioned(book, func: str) -> dict[tuple[str, int, int], object]:
    """A kind of action by (sheet name, first row, rows), 1-based rows, with its argument."""
    names = [s.name for s in book.sheets]
    return {
        (names[a["sheet_position"]], a["start_row"] + 1, a["row_count"]): a["args"][0]
        for a in actions(book, func)
    }


def test_validate_grows_the_row_of_a_long_text_and_hides_empty_rows(edit_sample) -> None:
    """The print form on a live book: the remote engine cannot read row heights or merges,
    so the template's are assumed; a row is set where its text needs more than that."""
    long_use = "组织职工开展民主选举、民主决策、民主管理和民主监督工作；" * 30
    book = xw.Book(json=book_json(edit_sample(lambda wb: wb["工会经费"].__setitem__("C5", long_use))))
    assert excel.validate(book) is not None
    heights = positioned(book, "setRowHeight")
    needed = pf.text_height(long_use, sum(pf.PROJECT_WIDTHS[2:]))  # 资金用途 merged over C:G
    assert heights[("工会经费", 5, 1)] == needed > pf.ROW_HEIGHTS[L.USE]
    assert all(points > pf.INDICATOR_ROW_HEIGHT for (_, row, _), points in heights.items() if row > 9)
    hidden = positioned(book, "setRowHidden")
    assert hidden[("工会经费", 10, 4)] is False  # the four indicators
    assert hidden[("工会经费", 14, 17)] is True  # empty indicator rows 14–24 and 资金明细 25–30
    assert not [a for a in actions(book, "setValues") if a["values"][0][0] == "1、工会经费绩效目标表"]

    again = client_book("officejs-with-notes")  # clear leaves the heights: no row action at all
    excel.clear(again)
    assert not actions(again, "setRowHeight") and not actions(again, "setRowHidden")


class _GeometrySheet:
    """What desktop Excel answers through xlwings about a sheet's geometry (from a real form)."""

    def __init__(self, form: pf.SheetForm) -> None:
        self.form = form

    def range(self, first, last=None):
        form, (row, col) = self.form, (first[0] - 1, first[1] - 1)
        end = form.span((row, col))
        cell = form.cells.get((row, col), pf.FormCell(""))
        point = type("Point", (), {"row": end[0] + 1, "column": end[1] + 1})
        return type(
            "Range",
            (),
            {
                "column_width": form.width(col) - 5 / pf.DIGIT_PX,  # Excel's ColumnWidth: no padding
                "row_height": form.height(row),
                "merge_area": type("Area", (), {"last_cell": point})(),
                "font": type("Font", (), {"size": cell.size})(),
                "wrap_text": cell.wrap,
                "rows": type("Rows", (), {"hidden": row in (form.hidden or ())})(),
            },
        )()


def test_desktop_excel_reads_the_sheet_as_the_file_writer_does() -> None:
    """On desktop Excel the live geometry is read; the sample then needs nothing."""
    import openpyxl

    from workbook_tools.outputs.filled_book import sheet_form

    grids = {g.name: g for g in read_grids(SAMPLE)}
    real = sheet_form(openpyxl.load_workbook(SAMPLE)["工会经费"])
    live = excel._live_form(_GeometrySheet(real), grids["工会经费"])
    assert live.hidden == real.hidden and live.merged.items() <= real.merged.items()
    assert all(abs(live.width(c) - real.width(c)) < 1e-9 for c in range(7))
    assert not pf.fix_sheet(live, "1、工会经费绩效目标表", "2020年度　单位：万元")


def test_the_title_of_a_renamed_project_is_written_where_excel_shows_the_sheet(edit_sample) -> None:
    """Desktop Excel: the renamed project's title is written. A remote engine cannot read the
    sheet (nor whether its title cell is locked): it leaves the title to the next validation."""
    import openpyxl

    from workbook_tools.outputs.filled_book import sheet_form

    path = edit_sample(lambda wb: wb["送温暖资金"].__setitem__("E3", "冬季送温暖资金"))
    grids = {g.name: g for g in read_grids(path)}
    report, _ = excel._check(xw.Book(json=book_json(path)), excel._profile(None))
    plan = mp.plan_report(report, excel._profile(None))

    class Sheet(_GeometrySheet):
        def __getitem__(self, ref: str) -> _Cell:
            return cells.setdefault(ref, _Cell())

    cells: dict[str, _Cell] = {}
    wb = openpyxl.load_workbook(path)
    desktop = _DesktopBook([Sheet(sheet_form(wb[name])) for name in grids])
    for sheet, name in zip(desktop.sheets, grids):
        sheet.name = name
    fixed = excel._with_print_form(desktop, grids, plan)
    assert [(t.sheet, t.cell, t.text) for t in fixed.texts] == [
        ("送温暖资金", "A1", "4、冬季送温暖资金绩效目标表")
    ]
    excel._apply_print_form(desktop, fixed)
    assert cells["A1"].value == "4、冬季送温暖资金绩效目标表"

    remote = xw.Book(json=book_json(path))
    excel.validate(remote)
    assert not [a for a in actions(remote, "setValues") if "冬季送温暖资金绩效目标表" in str(a["values"])]


def test_consolidate_keeps_the_print_form_too() -> None:
    book = xw.Book(json=book_json(SAMPLE))
    excel.consolidate(book)
    assert ("工会经费", 5, 1) in positioned(book, "setRowHeight")


def test_validate_reports_an_error_in_red(edit_sample) -> None:
    path = edit_sample(lambda wb: wb["工会经费"].__setitem__("E4", 400))
    book = xw.Book(json=book_json(path))
    report = excel.validate(book)
    assert [f.code for f in report.findings if f.severity == "error"] == ["A003"]
    red = [a for a in actions(book, "setRangeColor") if a["args"][0].upper() == "#FFC7CE"]
    assert (red[0]["start_row"], red[0]["start_column"]) == (3, 2)  # C4


def test_a_clerks_own_note_is_never_overwritten() -> None:
    book = xw.Book(json=book_json(SAMPLE, notes={"工会经费": ["C11"]}))
    excel.validate(book)
    noted = [(a["sheet_position"], a["args"][0]) for a in actions(book, "addNote")]
    assert len(noted) == 10 and all("C11" not in address for _, address in noted)
    assert not actions(book, "deleteNote") and not actions(book, "setNoteText")


def test_clear_restores_from_the_marks_sheet(tmp_path: Path) -> None:
    saved = Grid(
        L.SHEET_MARKS,
        [
            ["active", "部门整体", "", ""],
            ["工会经费", "C11", "#00B050", json.dumps({"text": "待核实", "author": ""}, ensure_ascii=False)],
            ["工会经费", "F13", "", ""],
        ],
        hidden=True,
    )
    results = Grid(L.SHEET_RESULTS, [[L.RESULT_TITLE]])
    book = xw.Book(json=book_json(SAMPLE, notes={"工会经费": ["C11", "F13"]}, extra=(saved, results)))
    assert excel.clear(book) == 2
    colors = [(a["start_row"], a["start_column"], a["args"][0]) for a in actions(book, "setRangeColor")]
    assert colors == [(10, 2, "#00B050"), (12, 5, None)]
    assert [a["args"][1] for a in actions(book, "addNote")] == ["待核实"]
    assert len(actions(book, "deleteNote")) == 2
    assert len(actions(book, "sheetDelete")) == 2


def test_consolidate_adds_the_three_sheets() -> None:
    book = xw.Book(json=book_json(SAMPLE))
    report = excel.consolidate(book)
    assert report.errors == 0
    assert [a["args"][1] for a in actions(book, "addSheet")] == [
        L.SHEET_SUMMARY,
        L.SHEET_INDICATORS,
        L.SHEET_OVERVIEW,
    ]
    written = [a["values"] for a in actions(book, "setValues")]
    headings = [v[0][0] for v in written if len(v) == 1 and len(v[0]) == 1 and "定州市总工会" in str(v[0][0])]
    assert headings[0].startswith("711002 定州市总工会") and L.SHEET_SUMMARY in headings[0]  # the line above
    written = [v for v in written if len(v) > 1]
    summary = written[0]
    assert summary[-1][0] == L.TOTAL_ROW and summary[-1][summary[0].index(L.COL_BUDGET)] == 538.18
    assert len(written[1]) == 22  # header + 21 indicators
    plan = next(v for v in written if v[0] == list(L.OVERVIEW_PLAN_HEADERS))
    assert [row[1] for row in plan[1:]] == [134.55, 269.09, 403.64, 538.18]
    # the seed plans 25/50/75/100 everywhere: a sentence instead of the cumulative line chart
    assert [a["args"][1] for a in actions(book, "addChart")] == ["BarClustered"]


class _Note:
    def __init__(self, cell: _Cell, text: str) -> None:
        self.cell, self.text = cell, text

    def delete(self) -> None:
        self.cell.note = None


class _Cell:
    def __init__(self, color=None, note: str | None = None) -> None:
        self.color = color
        self.note = _Note(self, note) if note else None

    def add_note(self, text: str) -> None:
        self.note = _Note(self, text)


class _Sheet:
    def __init__(self, name: str, cells: dict, store=None) -> None:
        self.name, self.cells, self.store, self.deleted = name, cells, store, False

    def __getitem__(self, ref: str) -> _Cell:
        return self.cells.setdefault(ref, _Cell())

    @property
    def used_range(self):
        sheet = self

        class _Range:
            def options(self, **_):
                return self

            value = sheet.store

        return _Range()

    def delete(self) -> None:
        self.deleted = True


class _Sheets(list):
    def __getitem__(self, key):
        return next(s for s in self if s.name == key) if isinstance(key, str) else super().__getitem__(key)


class _DesktopBook:
    """What desktop Excel answers through xlwings for clear(): colours and notes are readable."""

    def __init__(self, sheets: list[_Sheet]) -> None:
        self.sheets = _Sheets(sheets)


def test_clear_on_a_desktop_book_keeps_a_clerks_recolouring() -> None:
    """The file host's policy holds on a live book: a marked cell still showing our fill gets its
    previous fill back; a cell the clerk recoloured after marking keeps the clerk's colour."""
    mine = json.dumps({"text": "待核实", "author": ""}, ensure_ascii=False)
    cells = {
        "C11": _Cell((255, 235, 156), "workbook-tools 校验：\nI009 警告：…"),  # still our mark
        "F13": _Cell((0, 0, 255), "workbook-tools 校验：\nI011 警告：…"),  # recoloured by the clerk
    }
    store = [
        ["active", "工会经费", "", ""],
        ["工会经费", "C11", "#00B050", mine],
        ["工会经费", "F13", "", ""],
    ]
    book = _DesktopBook([_Sheet("工会经费", cells), _Sheet(L.SHEET_MARKS, {}, store)])
    assert excel.clear(book) == 2
    assert cells["C11"].color == "#00B050" and cells["C11"].note.text == "待核实"
    assert cells["F13"].color == (0, 0, 255) and cells["F13"].note is None
    assert book.sheets[L.SHEET_MARKS].deleted


CLIENTS = {
    "officejs-with-notes": lambda j: j,
    "officejs-without-notes": lambda j: [s.__setitem__("notes_supported", False) for s in j["sheets"]] and j,
    "vba": lambda j: [j.__setitem__("client", "VBA")] + [s.pop("notes") for s in j["sheets"]] and j,
}


def client_book(client: str, path: Path = SAMPLE, extra=()):
    return xw.Book(json=CLIENTS[client](book_json(path, extra=extra)))


@pytest.mark.parametrize("client", sorted(CLIENTS))
def test_every_client_validates_consolidates_and_clears(client: str) -> None:
    book = client_book(client)
    report = excel.validate(book)
    assert report is not None and (report.errors, report.warnings) == (0, 11)
    colored = [a for a in actions(book, "setRangeColor") if a["args"][0].upper() == "#FFEB9C"]
    sheet_names = [s["name"] for s in book_json(SAMPLE)["sheets"]]
    assert ("招商引资工作经费", 9, 5) in {
        (sheet_names[a["sheet_position"]], a["start_row"], a["start_column"]) for a in colored
    }
    alert = actions(book, "alert")[-1]["args"][0]
    assert "错误 0 条，警告 11 条" in alert
    with_notes = client == "officejs-with-notes"
    assert bool(actions(book, "addNote")) is with_notes
    assert ("不支持批注" in alert) is not with_notes
    # The store the validate wrote lets clear restore the marked cells on the same client.
    store = next(a["values"] for a in actions(book, "setValues") if a["values"][0][0] == "active")
    saved = Grid(L.SHEET_MARKS, store, hidden=True)
    again = client_book(client, extra=(saved, Grid(L.SHEET_RESULTS, [[L.RESULT_TITLE]])))
    assert excel.clear(again) == 11
    assert len(actions(again, "setRangeColor")) == 11 and len(actions(again, "sheetDelete")) == 2
    assert excel.consolidate(client_book(client)) is not None


def test_consolidate_without_project_sheet_says_so(edit_sample) -> None:
    def drop_projects(wb):
        for ws in list(wb.worksheets):
            if ws["A9"].value == "一级指标" or ws.title.startswith(
                ("工会", "冀", "劳模", "送温暖", "五一", "招商")
            ):
                del wb[ws.title]

    book = xw.Book(json=book_json(edit_sample(drop_projects)))
    assert excel.consolidate(book) is None
    assert actions(book, "alert")[-1]["args"][0] == L.EXCEL_NO_PROJECTS
    assert not actions(book, "addSheet")


def test_any_failure_reaches_the_clerk_as_one_sentence() -> None:
    messages = []
    broken = type("Book", (), {"name": "x.xlsx", "sheets": property(lambda s: 1 / 0), "app": None})()
    broken.app = type("App", (), {"alert": lambda self, m, t: messages.append((m, t))})()
    assert excel.validate(broken) is None
    assert messages == [(L.EXCEL_FAILED.format(kind="ZeroDivisionError"), L.EXCEL_TITLE)]
    assert "Traceback" not in messages[0][0]


def test_a_sheet_protected_against_formatting_is_named() -> None:
    class Api:
        ProtectContents = True
        Protection = type("Protection", (), {"AllowFormattingCells": False})()

    cells = {"C11": _Cell()}
    sheet = _Sheet("工会经费", cells)
    sheet.api = Api()
    book = _DesktopBook([sheet])
    plan = mp.MarkPlan([mp.CellMark("工会经费", "C11", Severity.WARNING, "n")], "", [])
    with pytest.raises(excel.ExcelProblem, match="工会经费"):
        excel._apply_plan(book, plan)
    assert cells["C11"].color is None  # nothing was half-marked
