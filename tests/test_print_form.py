"""Issue 12a: a project sheet prints like the published table.

No text is clipped (row heights from the texts, merged cells included), the title and the unit
line read like the seed's, the labels do not break inside a word, a category spans its rows,
empty rows do not print, and the page is A4, one page wide, with no font below 8 pt. The file
writer keeps all this when it validates a clerk's workbook (and clear does not undo it).
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLE, SEED_JSON, SEED_PROJECTS, TEMPLATE
from hypothesis import given
from hypothesis import strategies as st

from workbook_tools import labels
from workbook_tools.check.profile import load_profile
from workbook_tools.check.validation import validate_file
from workbook_tools.outputs import print_form as pf
from workbook_tools.outputs.file_marks import apply_print_form, write_cleared, write_marked
from workbook_tools.outputs.filled_book import build_workbook, sheet_form
from workbook_tools.outputs.mark_plan import plan_report, print_plan
from workbook_tools.outputs.package import Package
from workbook_tools.read.files import read_grids

PROFILE = load_profile()
PROJECT_SHEETS = [
    "工会经费",
    "困难职工及劳模帮扶救助",
    "劳模体检及保险费",
    "送温暖资金",
    "五一系列活动经费",
    "招商引资工作经费",
]
CJK = "资金用途绩效目标组织职工开展民主选举"
TEXT = st.text(alphabet=st.sampled_from([*CJK, *"abc 123", "，", "。"]), max_size=200)


# --- the height of one text ------------------------------------------------------------------


@given(TEXT, TEXT, st.floats(8, 120), st.sampled_from([9.0, 10.0, 11.0, 16.0]))
def test_height_grows_with_the_text(text: str, more: str, width: float, size: float) -> None:
    assert pf.text_height(text + more, width, size) >= pf.text_height(text, width, size)


@given(TEXT, st.floats(8, 120), st.floats(1, 40))
def test_a_narrower_column_never_needs_less(text: str, width: float, less: float) -> None:
    assert pf.text_height(text, max(1.0, width - less)) >= pf.text_height(text, width)


@given(st.floats(10, 120), st.floats(15, 100), st.integers(0, 200))
def test_a_one_line_text_keeps_the_default(width: float, default: float, length: int) -> None:
    text = "职" * min(length, pf.columns_per_line(width) // 2)  # what fits on one line
    assert pf.wrapped_lines(text, width) == 1
    assert pf.text_height(text, width, 10.0, default) == default


@given(st.lists(TEXT, min_size=1, max_size=6), st.floats(8, 120))
def test_each_line_break_starts_a_line(paragraphs: list[str], width: float) -> None:
    joined = "\n".join(paragraphs)
    assert pf.wrapped_lines(joined, width) == sum(pf.wrapped_lines(p, width) for p in paragraphs)
    assert pf.text_height(joined, width, 10.0, 0.0) >= len(paragraphs) * 10.0 * pf.LINE_FACTOR


def test_a_cjk_character_takes_two_columns() -> None:
    width = 20.6  # 144 px: (144 - 6) × 0.97 / (10 pt: 6.67 px a column) = 20 columns
    assert pf.columns_per_line(width) == 20
    assert pf.wrapped_lines("职" * 10, width) == 1 and pf.wrapped_lines("职" * 11, width) == 2
    assert pf.wrapped_lines("a" * 20, width) == 1 and pf.wrapped_lines("a" * 21, width) == 2
    assert pf.wrapped_lines("职" * 9 + "。", width) == 1  # 20 columns exactly
    assert pf.wrapped_lines("职" * 10 + "。", width) == 2  # the full stop does not start a line
    assert pf.text_height("职" * 11, width) == 28.5  # 2 × 10 × 1.35 + 1.5
    assert pf.text_height("职", width, 16.0) == 23.25  # one line of the title's 16 pt


# --- the sample and the template, as printed ---------------------------------------------------


def fresh_sample(tmp_path: Path) -> Path:
    path = tmp_path / "fresh.xlsx"
    build_workbook(json.loads(SEED_JSON.read_text(encoding="utf-8"))).save(path)
    return path


def clipped(ws) -> list[str]:
    """Every shown text cell whose rows are lower than its text needs (by :func:`text_height`)."""
    form = sheet_form(ws)
    found = []
    for (row, col), cell in form.cells.items():
        if row in form.hidden or not cell.wrap:
            continue
        end_row, end_col = form.span((row, col))
        width = sum(form.width(c) for c in range(col, end_col + 1))
        have = sum(form.height(r) for r in range(row, end_row + 1) if r not in form.hidden)
        need = pf.text_height(cell.text, width, cell.size, default=0.0)
        if need > have + 0.01:
            found.append(f"{ws.title}!{ws.cell(row + 1, col + 1).coordinate}: {need} > {have}")
    return found


@pytest.mark.parametrize("which", ["committed", "regenerated"])
def test_no_text_of_the_sample_is_clipped(which: str, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(SAMPLE if which == "committed" else fresh_sample(tmp_path))
    problems = [p for title in PROJECT_SHEETS for p in clipped(wb[title])]
    assert problems == []
    ws = wb["工会经费"]  # the seed's long 资金用途 needs nine lines, not the template's 78 pt
    assert ws.row_dimensions[5].height > 100


def test_title_and_unit_line_of_every_project_sheet() -> None:
    wb = openpyxl.load_workbook(SAMPLE)
    for number, (title, (_, name, _)) in enumerate(zip(PROJECT_SHEETS, SEED_PROJECTS), 1):
        ws = wb[title]
        assert ws["A1"].value == f"{number}、{name}绩效目标表"  # 2、冀财行【2019】46号  2020年…
        assert ws["B2"].value == "711002定州市总工会"
        assert ws["E2"].value == "2020年度　单位：万元"  # the year on every project sheet
        shown = [c.value for c in ws[2] if isinstance(c.value, str) and c.number_format != ";;;"]
        assert sum(text.count("单位") for text in shown) == 1  # 单位 means one thing on the line
        assert ws["A2"].value == labels.UNIT  # the reader's anchor, kept but not shown
    model = validate_file(SAMPLE, PROFILE).model
    assert model is not None and all(p.unit.value == "711002定州市总工会" for p in model.projects)


def test_labels_do_not_break_inside_a_word() -> None:
    """Each label takes exactly the lines it is written on, in its column at its font."""
    ws = openpyxl.load_workbook(TEMPLATE)["项目1"]
    form = sheet_form(ws)
    labelled = [
        (pos, cell)
        for pos, cell in form.cells.items()
        if ws.cell(pos[0] + 1, pos[1] + 1).protection.locked and pos[0] > 1  # labels, below the title
    ]
    assert len(labelled) >= 20
    for (row, col), cell in labelled:
        end = form.span((row, col))[1]
        width = sum(form.width(c) for c in range(col, end + 1))
        assert pf.wrapped_lines(cell.text, width, cell.size) == cell.text.count("\n") + 1, cell.text
    # and the longest 二级指标 of the profiles fits on one line of its column
    level2 = form.width(1)
    for name in ("服务对象满意度指标", "生态环境成本指标", "可持续影响指标"):
        assert pf.wrapped_lines(name, level2) == 1, name


@pytest.mark.parametrize("path", [TEMPLATE, SAMPLE], ids=["template", "sample"])
def test_print_setup_is_a4_one_page_wide_and_readable(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if labels.is_label(ws["A9"].value, labels.IND_LEVEL1):
            setup = ws.page_setup
            assert int(setup.paperSize) == int(ws.PAPERSIZE_A4) and setup.orientation == "portrait"
            assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1
            assert setup.fitToHeight == 0  # as many pages down as it takes
            assert ws.print_title_rows == "$1:$2"  # title and unit line on every page
            assert ws.page_margins.left == ws.page_margins.right == pf.MARGIN_SIDE_IN
            widths = [ws.column_dimensions[c].width for c in pf.PROJECT_COLUMNS]
            scale = pf.fit_scale(widths)
            smallest = min(c.font.sz for row in ws.iter_rows(max_col=7) for c in row if c.value is not None)
            assert smallest * scale >= pf.MIN_PRINTED_SIZE, (ws.title, scale, smallest)
            assert ws.print_area.endswith("$G$30") or ws.print_area.endswith(f"$G${ws.max_row}")


def test_empty_rows_do_not_print_in_a_filled_sheet_and_do_in_a_blank_one() -> None:
    ws = openpyxl.load_workbook(SAMPLE)["工会经费"]
    hidden = sorted(r for r, d in ws.row_dimensions.items() if d.hidden)
    assert hidden == list(range(14, 31))  # indicator rows 14–24 and the empty 资金明细 25–30
    assert all(ws.cell(r, c).value is None for r in range(14, 25) for c in range(1, 8))
    blank = openpyxl.load_workbook(TEMPLATE)["项目1"]
    assert not any(d.hidden for d in blank.row_dimensions.values())


def test_categories_span_rows_by_formatting_not_merging() -> None:
    """一级/二级 cells are never merged (rows can be inserted and sorted, each row keeps its
    dropdown); four exclusive rules per column draw a category over its rows."""
    ws = openpyxl.load_workbook(SAMPLE)["工会经费"]
    for merged in ws.merged_cells.ranges:  # A10:B24 are the 一级 and 二级 cells of the table
        assert merged.min_col > 2 or merged.max_row < 10 or merged.min_row > 24, str(merged)
    rules = {str(cf.sqref): [r.formula[0] for r in cf.rules] for cf in ws.conditional_formatting}
    assert set(rules) == {"A10:A24", "B10:B24"}
    for formulas in rules.values():
        assert len(formulas) == 4
    assert ws["A11"].value is None and ws["A10"].value == "产出指标"  # the seed's second 产出 row


# --- the file writer ---------------------------------------------------------------------------

LONG_USE = "组织职工开展民主选举、民主决策、民主管理和民主监督工作；" * 30


def test_validated_copy_gets_a_taller_row_for_a_long_text(edit_sample, tmp_path: Path) -> None:
    source = edit_sample(lambda wb: wb["工会经费"].__setitem__("C5", LONG_USE))
    before = openpyxl.load_workbook(source)["工会经费"].row_dimensions[5].height
    report = validate_file(source, PROFILE)
    marked = write_marked(source, tmp_path / "marked.xlsx", plan_report(report, PROFILE))
    ws = openpyxl.load_workbook(marked)["工会经费"]
    width = sum(ws.column_dimensions[c].width for c in "CDEFG")
    assert ws.row_dimensions[5].height == pf.text_height(LONG_USE, width) > before
    assert clipped(ws) == []
    cleared = write_cleared(marked, tmp_path / "cleared.xlsx")
    assert cleared >= 0
    again = openpyxl.load_workbook(tmp_path / "cleared.xlsx")["工会经费"]
    assert again.row_dimensions[5].height == ws.row_dimensions[5].height  # a fix, not a mark


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_the_patch_changes_one_row_tag_and_nothing_else(edit_sample, tmp_path: Path) -> None:
    source = edit_sample(lambda wb: wb["工会经费"].__setitem__("C5", LONG_USE))
    package = Package.open(source)
    plan = apply_print_form(package, print_plan(validate_file(source, PROFILE)))
    assert [(h.sheet, h.row) for h in plan.row_heights] == [("工会经费", 5)]
    assert plan.texts == () and plan.hidden_rows == ()
    target = tmp_path / "patched.xlsx"
    target.write_bytes(package.to_bytes())
    before, after = _parts(source), _parts(target)
    changed = [name for name in before if before[name] != after[name]]
    part = next(s.part for s in package.sheets() if s.title == "工会经费")
    assert changed == [part] and set(before) == set(after)
    old, new = before[part].decode(), after[part].decode()
    row = re.compile(r'<row\b[^>]*\br="5"[^>]*>')
    assert row.sub("", old) == row.sub("", new)
    assert 'customHeight="1"' in row.search(new).group(0)  # type: ignore[union-attr]


def test_a_renamed_project_gets_its_title_and_added_rows_are_shown(edit_sample, tmp_path: Path) -> None:
    def change(wb) -> None:
        ws = wb["工会经费"]
        ws["E3"] = "=工会经费（调整）"  # a name that looks like a formula stays text in the title
        ws["E3"].data_type = "s"
        for col, value in zip(
            "ABCDFG", ("产出指标", "质量指标", "培训合格率", "培训考核合格的人数占比", "≥90%", "计划标准")
        ):
            ws[f"{col}14"] = value

    source = edit_sample(change)
    report = validate_file(source, PROFILE)
    marked = write_marked(source, tmp_path / "m.xlsx", plan_report(report, PROFILE))
    ws = openpyxl.load_workbook(marked)["工会经费"]
    assert ws["A1"].value == "1、=工会经费（调整）绩效目标表" and ws["A1"].data_type == "s"
    assert not ws.row_dimensions[14].hidden and ws.row_dimensions[15].hidden
    assert validate_file(marked, PROFILE).findings == report.findings


def test_the_clerks_own_title_and_a_formula_title_are_left_alone(edit_sample, tmp_path: Path) -> None:
    def change(wb) -> None:
        wb["工会经费"]["A1"] = "工会经费项目说明"  # not the form's title: the clerk's own
        wb["送温暖资金"]["A1"] = '="4、"&E3&"绩效目标表"'

    source = edit_sample(change)
    report = validate_file(source, PROFILE)
    package = Package.open(source)
    plan = apply_print_form(package, plan_report(report, PROFILE))
    assert plan.texts == ()


@pytest.mark.parametrize(
    "path",
    [SAMPLE, TEMPLATE, *sorted((SAMPLE.parent / "units").glob("71[234]*.xlsx"))],
    ids=lambda p: p.stem[:6],
)
def test_validating_a_built_workbook_changes_nothing_of_its_print_form(path: Path) -> None:
    """The builder and the file writer read a sheet alike: what was built is already as it prints."""
    package = Package.open(path)
    plan = apply_print_form(package, print_plan(validate_file(path, PROFILE)))
    assert plan.titles and not plan.print_form


def test_a_host_that_cannot_read_geometry_assumes_the_template() -> None:
    """The remote engines' fallback infers the template's merges from the values alone."""
    wb = openpyxl.load_workbook(SAMPLE)
    grids = {g.name: g for g in read_grids(SAMPLE)}
    for title in PROJECT_SHEETS:
        real = sheet_form(wb[title])
        assumed = pf.standard_form(grids[title])
        for pos, cell in real.cells.items():
            if pos[0] >= 25 or pos == (1, 0):  # the hidden unit label is not a text that prints
                continue
            widths = [sum(f.width(c) for c in range(pos[1], f.span(pos)[1] + 1)) for f in (assumed, real)]
            lines = [pf.wrapped_lines(cell.text, w, cell.size) for w in widths]
            assert lines[0] == lines[1], (title, pos, widths)  # the same lines as on the real sheet
            assert assumed.span(pos)[0] == real.span(pos)[0], (title, pos)
        fix = pf.fix_sheet(assumed)
        grown = dict(fix.heights)
        assert all(points <= real.height(row - 1) for row, points in grown.items())  # never too high
        assert dict(fix.hidden) == {r + 1: True for r in real.hidden} | {
            r + 1: False for r in range(9, 30) if r not in real.hidden
        }


def test_consolidate_keeps_the_print_form_too(edit_sample, tmp_path: Path) -> None:
    """A unit consolidated after the clerk lengthened 资金用途 and renamed the project gets the
    taller row and the current title, as validate would give it."""
    from workbook_tools.outputs.consolidation import consolidate_workbook

    def change(wb) -> None:
        wb["工会经费"]["C5"] = LONG_USE
        wb["工会经费"]["E3"] = "工会经费（调整）"

    source = edit_sample(change)
    out = tmp_path / "unit.xlsx"
    consolidate_workbook(source, out, PROFILE)
    ws = openpyxl.load_workbook(out)["工会经费"]
    width = sum(ws.column_dimensions[c].width for c in "CDEFG")
    assert ws.row_dimensions[5].height == pf.text_height(LONG_USE, width)
    assert ws["A1"].value == "1、工会经费（调整）绩效目标表"
    assert clipped(ws) == []
