"""Consolidation: a unit's summary sheets and the batch over many units' workbooks."""

from __future__ import annotations

import csv as csv_module
import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLE, SEED_PROJECTS, convert_to_pdf

from workbook_tools import labels as L
from workbook_tools.check import Severity
from workbook_tools.check.profile import load_profile
from workbook_tools.check.validation import Status
from workbook_tools.hosts.cli import main
from workbook_tools.outputs.consolidation import build_batch, collect_files, consolidate_workbook
from workbook_tools.outputs.tables import TOTAL

PROFILE = load_profile()
UNITS = ROOT / "samples" / "units"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def rows(path: Path, sheet: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def as_dict(sheet_rows: list[tuple]) -> list[dict]:
    header, *body = sheet_rows
    return [dict(zip(header, r)) for r in body]


def unit_rows(path: Path, sheet: str) -> list[tuple]:
    """A unit's own table: the line naming the unit, then the header and the rows."""
    heading, *table = rows(path, sheet)
    assert heading[0].startswith("711002 定州市总工会") or heading[0][:6].isdigit()
    assert not any(heading[1:])
    return table


@pytest.fixture(scope="module")
def unit_book(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("unit") / "unit.xlsx"
    consolidate_workbook(SAMPLE, out, PROFILE)
    return out


def test_summary_sheet_of_the_seed(unit_book: Path) -> None:
    heading = rows(unit_book, L.SHEET_SUMMARY)[0][0]
    assert heading == "711002 定州市总工会　2020 年度　项目汇总表（金额单位：万元）"
    table = as_dict(unit_rows(unit_book, L.SHEET_SUMMARY))
    projects, total = table[:-1], table[-1]
    assert not {L.COL_UNIT_CODE, L.COL_UNIT_NAME, L.COL_SHEET} & set(total)  # the unit is said once, above
    assert [p[L.COL_CODE] for p in projects] == [code for code, _, _ in SEED_PROJECTS]
    assert [p[L.COL_NAME] for p in projects] == [name for _, name, _ in SEED_PROJECTS]
    assert [Decimal(str(p[L.COL_BUDGET])) for p in projects] == [budget for _, _, budget in SEED_PROJECTS]
    assert total[L.COL_CODE] == L.TOTAL_ROW
    assert Decimal(str(total[L.COL_BUDGET])) == Decimal("538.18")
    assert (total["产出指标"], total["效果指标"], total["满意度指标"], total[L.COL_INDICATORS]) == (
        9,
        6,
        6,
        21,
    )
    assert (total[L.COL_ERRORS], total[L.COL_WARNINGS]) == (0, 11)
    assert [p[L.COL_PLAN.format(checkpoint="10月底")] for p in projects] == [75] * 6


def test_indicator_sheet_splits_values(unit_book: Path) -> None:
    table = as_dict(unit_rows(unit_book, L.SHEET_INDICATORS))
    assert len(table) == 21
    assert L.COL_UNIT_CODE not in table[0] and table[0][L.COL_CODE] == SEED_PROJECTS[0][0]
    first = table[0]
    assert (first[L.IND_VALUE], first[L.COL_NATURE], first[L.COL_NUMBER], first[L.COL_VALUE_UNIT]) == (
        "≥30人次",
        "大于等于",
        30,
        "人次",
    )
    satisfaction = next(r for r in table if r[L.IND_LEVEL3] == "劳模满意度")
    assert (satisfaction[L.COL_NATURE], satisfaction[L.COL_NUMBER], satisfaction[L.COL_VALUE_UNIT]) == (
        "等于",
        100,
        "%",
    )


def test_overview_sheet(unit_book: Path) -> None:
    wb = openpyxl.load_workbook(unit_book)
    ws = wb[L.SHEET_OVERVIEW]
    facts = {r[0]: r[1] for r in ws.iter_rows(min_row=4, max_col=2, values_only=True) if r[0]}
    assert facts[L.COL_PROJECTS] == 6 and facts[L.COL_YEAR] == 2020
    assert Decimal(str(facts[f"{L.COL_BUDGET}（万元）"])) == Decimal("538.18")
    assert (facts["产出指标"], facts["效果指标"], facts["满意度指标"]) == (9, 6, 6)
    assert facts[L.COL_STATUS].startswith("通过")
    plan = {r[0]: r[1] for r in ws.iter_rows(min_row=4, max_row=7, min_col=4, max_col=5, values_only=True)}
    assert {k: Decimal(str(v)) for k, v in plan.items()} == {
        "3月底": Decimal("134.55"),
        "6月底": Decimal("269.09"),
        "10月底": Decimal("403.64"),
        "12月底": Decimal("538.18"),
    }


def test_overview_charts_the_budgets_and_says_why_no_plan_chart(unit_book: Path) -> None:
    """Every project of the seed plans 25/50/75/100: a cumulative chart would be a straight
    line telling nothing the table does not, so a sentence stands there instead; the budgets
    are sorted, largest first, beside their bar chart, each bar labelled with its value."""
    import zipfile

    with zipfile.ZipFile(unit_book) as archive:
        charts = [n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        (chart,) = [archive.read(n).decode() for n in charts]
    assert "barChart>" in chart and '<orientation val="maxMin"' in chart
    assert '<showVal val="1"' in chart and 'formatCode="#,##0"' in chart  # whole 万元 on the axis
    assert 'typeface="宋体"' in chart and 'typeface="Calibri"' not in chart
    ws = openpyxl.load_workbook(unit_book)[L.SHEET_OVERVIEW]
    values = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "全部 6 个项目的资金支出计划相同（25/50/75/100），累计计划支出见上表，不另作图。" in values
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == L.OVERVIEW_BUDGET_SORTED) + 2
    budgets = [ws.cell(r, 5).value for r in range(start, start + 6)]
    assert budgets == sorted(budgets, reverse=True) and budgets[0] == 450
    assert all(c.font.name == L.FONT_SONG for row in ws.iter_rows() for c in row if c.value is not None)


def test_a_plan_that_varies_gets_its_chart(tmp_path: Path) -> None:
    import zipfile

    health = next(UNITS.glob("713005*.xlsx"))  # its projects plan differently
    out = tmp_path / "health.xlsx"
    consolidate_workbook(health, out, PROFILE)
    with zipfile.ZipFile(out) as archive:
        kinds = sorted(
            "line" if "lineChart>" in archive.read(n).decode() else "bar"
            for n in archive.namelist()
            if re.fullmatch(r"xl/charts/chart\d+\.xml", n)
        )
    assert kinds == ["bar", "line"]


def test_input_sheets_unchanged_and_twice_equals_once(unit_book: Path, tmp_path: Path) -> None:
    original = openpyxl.load_workbook(SAMPLE)
    once = openpyxl.load_workbook(unit_book)
    for ws in original.worksheets:
        assert [[c.value for c in r] for r in ws.iter_rows()] == [
            [c.value for c in r] for r in once[ws.title].iter_rows()
        ]
    twice = tmp_path / "twice.xlsx"
    consolidate_workbook(unit_book, twice, PROFILE)
    again = openpyxl.load_workbook(twice)
    assert again.sheetnames == once.sheetnames
    for title in once.sheetnames:
        assert list(once[title].iter_rows(values_only=True)) == list(again[title].iter_rows(values_only=True))


def test_consolidate_cli_single_workbook(tmp_path: Path, monkeypatch) -> None:
    from workbook_tools.jobs import unit_target

    monkeypatch.chdir(tmp_path)  # the default output may be relative to the current folder
    copy = tmp_path / "unit.xlsx"
    shutil.copy(SAMPLE, copy)
    result = run("consolidate", copy)
    assert result.exit_code == 0, result.output
    assert (tmp_path / unit_target(copy, None, in_place=False)).exists()
    assert L.SHEET_SUMMARY not in openpyxl.load_workbook(copy).sheetnames  # the input is left alone
    assert run("consolidate", copy, "--in-place").exit_code == 0
    assert L.SHEET_OVERVIEW in openpyxl.load_workbook(copy).sheetnames
    assert (tmp_path / "unit.xlsx.bak").exists()


# --- batch ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    shutil.copytree(UNITS, folder / "units")
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    (folder / "units" / "~$712001_定州市教育局（示例）.xlsx").write_bytes(b"lock file")
    (folder / "units" / "说明.txt").write_text("not a workbook", encoding="utf-8")
    return folder


def test_collect_files_skips_lock_files_and_outputs(batch_dir: Path) -> None:
    output = batch_dir / "汇总.xlsx"
    output.write_bytes(b"old output")
    names = [p.name for p in collect_files([batch_dir], exclude=[output])]
    assert len(names) == 5
    assert not any(n.startswith("~$") or n.endswith(".txt") or n == "汇总.xlsx" for n in names)
    output.unlink()


def test_batch_totals_match_each_units_own_consolidation(batch_dir: Path, tmp_path: Path) -> None:
    batch = build_batch(collect_files([batch_dir]), PROFILE)
    units = batch.tables[L.SHEET_UNITS].records()
    for report in batch.reports:
        if report.model is None:
            continue
        own = tmp_path / f"{report.model.unit_code}.xlsx"
        consolidate_workbook(Path(report.path), own, PROFILE)
        own_total = as_dict(unit_rows(own, L.SHEET_SUMMARY))[-1]
        row = next(r for r in units if r["unit_code"] == report.model.unit_code)
        for column, header in (("budget", L.COL_BUDGET), ("fiscal", L.COL_FISCAL), ("other", L.COL_OTHER)):
            assert row[column] == Decimal(str(own_total[header])).quantize(Decimal("0.01"))
        assert row["projects"] == len(report.model.projects)
    total = units[-1]
    assert total["unit_code"] is TOTAL
    read = [r for r in units[:-1] if r["status"] != Status.UNREADABLE.value]
    assert total["budget"] == sum((r["budget"] for r in read), Decimal(0))
    assert total["budget"] == Decimal("2443.63")  # 538.18 + 235.50 + 323.60 + 1346.35
    unreadable = [r for r in units[:-1] if r["status"] == Status.UNREADABLE.value]  # listed too
    assert [(r["unit_code"], r["budget"], r["errors"]) for r in unreadable] == [(None, None, 1)]
    assert "已损坏" in unreadable[0]["file"]
    assert (total["errors"], total["warnings"]) == (batch.errors, batch.warnings)


def test_batch_lists_the_unreadable_file_and_cross_unit_duplicates(batch_dir: Path) -> None:
    batch = build_batch(collect_files([batch_dir]), PROFILE)
    files = batch.tables[L.SHEET_FILES].records()
    broken = next(r for r in files if "已损坏" in r["file"])
    assert (broken["rule"], broken["result"], broken["projects"]) == ("X001", Status.UNREADABLE.value, 0)
    issues = batch.tables[L.SHEET_ISSUES].records()
    f004 = [r for r in issues if r["rule"] == "F004"]
    assert sorted(r["unit_code"] for r in f004) == ["712001", "713005"]
    assert all("712-0101-JBN-JY01" in r["message"] for r in f004)
    health = next(r for r in batch.tables[L.SHEET_UNITS].records() if r["unit_code"] == "713005")
    assert health["status"] == Status.ERRORS.value
    planted = {
        r["rule"] for r in issues if r["unit_code"] == "713005" and r["severity"] == Severity.ERROR.value
    }
    assert planted == {"A003", "P003", "I004", "F004"}


def test_batch_is_identical_with_one_or_two_workers(batch_dir: Path) -> None:
    paths = collect_files([batch_dir])
    one = build_batch(paths, PROFILE, workers=1)
    two = build_batch(paths, PROFILE, workers=2)
    assert list(one.tables) == list(two.tables)
    for title in one.tables:
        assert one.tables[title] == two.tables[title]


def test_batch_cli_writes_workbook_report_and_csv(batch_dir: Path, tmp_path: Path) -> None:
    out, report, csv = tmp_path / "汇总.xlsx", tmp_path / "报告.html", tmp_path / "csv"
    result = run("consolidate", batch_dir, "-o", out, "--report", report, "--csv", csv, "--workers", "2")
    assert result.exit_code == 1, result.output  # written; the demo data has errors
    assert "读取 4 个单位，无法读取 1 个" in result.output
    assert "个文件/s" not in result.output  # no progress bar when the output is not a terminal
    assert openpyxl.load_workbook(out).sheetnames == [
        L.SHEET_UNITS,
        L.SHEET_SUMMARY,
        L.SHEET_INDICATORS,
        L.SHEET_ISSUES,
        L.SHEET_FILES,
    ]
    html = report.read_text(encoding="utf-8")
    assert "绩效目标汇总报告" in html and "2,443.63" in html and "X001" in html
    assert sorted(p.name for p in csv.iterdir()) == sorted(f"{t}.csv" for t in (
        L.SHEET_UNITS, L.SHEET_SUMMARY, L.SHEET_INDICATORS, L.SHEET_ISSUES, L.SHEET_FILES
    ))  # fmt: skip
    with (csv / f"{L.SHEET_UNITS}.csv").open(encoding="utf-8-sig", newline="") as handle:
        units_csv = list(csv_module.DictReader(handle))
    assert units_csv[-1][L.COL_BUDGET] == "2443.63"
    read = [r for r in units_csv[:-1] if r[L.COL_STATUS] != L.STATUS["unreadable"]]
    assert {r[L.COL_YEAR] for r in read} == {"2020"}  # whole years, not 2020.0


def test_batch_report_escapes_user_strings(tmp_path: Path, edit_sample) -> None:
    edit_sample(lambda wb: wb["工会经费"].__setitem__("E3", "<b>工会经费</b>"), "a.xlsx")
    out, report = tmp_path / "o.xlsx", tmp_path / "r.html"
    run("consolidate", tmp_path, "-o", out, "--report", report)
    html = report.read_text(encoding="utf-8")
    assert "<b>工会经费</b>" not in html and "&lt;b&gt;工会经费&lt;/b&gt;" in html


def test_batch_usage_errors(tmp_path: Path) -> None:
    assert run("consolidate", tmp_path).exit_code == 2  # no -o
    assert run("consolidate", tmp_path, "-o", tmp_path / "o.xlsx").exit_code == 2  # nothing found
    assert run("consolidate", tmp_path / "missing", "-o", tmp_path / "o.xlsx").exit_code == 2


def test_outputs_convert_to_pdf(batch_dir: Path, unit_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "batch.xlsx"
    run("consolidate", batch_dir, "-o", out)
    convert_to_pdf(out, tmp_path)
    convert_to_pdf(unit_book, tmp_path)


def test_code_repeated_in_many_files_names_a_few(tmp_path: Path) -> None:
    for i in range(6):
        shutil.copy(SAMPLE, tmp_path / f"copy{i}.xlsx")
    batch = build_batch(collect_files([tmp_path]), PROFILE)
    f004 = [f for f in batch.reports[0].findings if f.code == "F004"]
    assert len(f004) == 6  # each of the six project codes, in every copy
    assert f004[0].message.count("copy") == 3 and "等共 5 个文件" in f004[0].message


def _abort_on_crash_files(job):
    """Stands in for the reader in the worker: a native crash (SIGABRT) on files named *crash*."""
    import os

    from workbook_tools.outputs import consolidation

    if "crash" in job[0].name:
        os.abort()
    return consolidation.validate_file(job[0], job[1], batch_rules=False)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_reader_that_dies_costs_only_its_file(
    batch_dir: Path, tmp_path: Path, monkeypatch, workers
) -> None:
    """Workers are forked, so they run the patched reader; the dead file is listed, the rest go on."""
    import shutil

    from workbook_tools.outputs import consolidation

    folder = tmp_path / "in"
    shutil.copytree(batch_dir, folder)
    shutil.copy(SAMPLE, folder / "crash_me.xlsx")
    monkeypatch.setattr(consolidation, "_validate", _abort_on_crash_files)
    batch = build_batch(collect_files([folder]), PROFILE, workers=workers)
    by_name = {Path(r.path).name: r for r in batch.reports}
    crashed = by_name["crash_me.xlsx"]
    assert crashed.model is None and [f.code for f in crashed.findings] == ["X001"]
    assert "异常退出" in crashed.findings[0].message
    assert batch.units == 4  # every other readable unit is there


def test_a_batch_lists_every_spreadsheet_and_link_it_was_given(tmp_path: Path) -> None:
    """.ods is read (python-calamine); .et/.xlsb/.csv are listed with a reason; a link to
    nothing, a loop of links and a folder link back up the tree are listed, not hung on."""
    import shutil

    from conftest import convert

    folder = tmp_path / "in"
    folder.mkdir()
    ods = convert(SAMPLE, tmp_path, "ods")
    shutil.copy(ods, folder / "工会.ods")
    for name in ("wps.et", "binary.xlsb", "list.csv"):
        (folder / name).write_bytes(b"not read here")
    (folder / "gone.xlsx").symlink_to(folder / "nowhere.xlsx")
    (folder / "a.xlsx").symlink_to(folder / "b.xlsx")
    (folder / "b.xlsx").symlink_to(folder / "a.xlsx")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)
    batch = build_batch(collect_files([folder]), PROFILE)
    by_name = {Path(r.path).name: r for r in batch.reports}
    assert set(by_name) == {
        "工会.ods",
        "wps.et",
        "binary.xlsb",
        "list.csv",
        "gone.xlsx",
        "a.xlsx",
        "b.xlsx",
        "up",
    }
    assert by_name["工会.ods"].model is not None
    assert by_name["工会.ods"].digest.figures.budget == Decimal("538.18")
    for name in ("wps.et", "binary.xlsb", "list.csv"):
        assert ".xlsx" in by_name[name].findings[0].message and by_name[name].findings[0].code == "X001"
    for name in ("gone.xlsx", "a.xlsx", "b.xlsx"):
        assert "链接" in by_name[name].findings[0].message
    assert [f.code for f in by_name["up"].findings] == ["X001"]


def test_marks_cannot_go_into_an_ods_and_say_so(tmp_path: Path) -> None:
    from conftest import convert

    from workbook_tools.hosts.cli import main

    ods = convert(SAMPLE, tmp_path, "ods")
    result = CliRunner().invoke(main, ["validate", str(ods), "--output", str(tmp_path / "out.ods")])
    assert result.exit_code == 2 and ".ods 格式无法写入" in result.output


def test_a_batch_merged_from_parts_equals_one_batch(batch_dir: Path) -> None:
    """The per-file step is a pure function of a path; merging results read elsewhere (e.g. by
    Dask on other machines) gives the same batch, cross-file F004 included."""
    from workbook_tools.outputs.consolidation import merge_batch, read_unit

    paths = collect_files([batch_dir])
    whole = build_batch(paths, PROFILE)
    parts = [[read_unit(p, PROFILE) for p in paths[:2]], [read_unit(p, PROFILE) for p in paths[2:]]]
    merged = merge_batch([r for part in parts for r in part], PROFILE)
    assert merged.tables == whole.tables
    assert any(f.code == "F004" for r in merged.reports for f in r.findings)


@pytest.mark.parametrize(("workers", "keep"), [(1, True), (2, True), (2, False)])
def test_writing_while_reading_gives_the_same_workbook(
    batch_dir: Path, tmp_path: Path, workers: int, keep: bool, monkeypatch
) -> None:
    """The 指标明细表 streamed while workers read (rendered by the workers) equals the workbook
    written afterwards; so do the other tables when, kept by nothing, they are built and
    written two files at a time with their 合计 rows combined from the parts."""
    from workbook_tools.outputs import consolidation
    from workbook_tools.outputs.consolidation import build_and_write_batch, write_batch_workbook

    monkeypatch.setattr(consolidation, "PART_FILES", 2)
    paths = collect_files([batch_dir])
    streamed = tmp_path / "streamed.xlsx"
    build_and_write_batch(paths, PROFILE, streamed, workers, keep_indicators=keep)
    afterwards = write_batch_workbook(build_batch(paths, PROFILE), tmp_path / "after.xlsx")
    one, two = openpyxl.load_workbook(streamed), openpyxl.load_workbook(afterwards)
    assert one.sheetnames == two.sheetnames
    for title in one.sheetnames:
        assert list(one[title].values) == list(two[title].values), title
        assert one[title].auto_filter.ref == two[title].auto_filter.ref
        heights = [
            [ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)] for ws in (one[title], two[title])
        ]
        assert heights[0] == heights[1], title  # a worker knows its rows' heights: the text widths are fixed
        assert one[title].print_area == two[title].print_area, title


def test_a_pool_that_breaks_while_files_are_queued_costs_nothing(batch_dir: Path, monkeypatch) -> None:
    """A worker can die before the parent has queued the first files (the pool then refuses the
    next submit): every file is still read, and the batch equals one read without the break."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from workbook_tools.outputs import consolidation

    calls = {"n": 0}

    class BreaksOnce(ProcessPoolExecutor):
        def submit(self, *args, **kwargs):
            calls["n"] += 1
            if calls["n"] == 2:
                raise BrokenProcessPool("a worker died")
            return super().submit(*args, **kwargs)

    paths = collect_files([batch_dir])
    whole = build_batch(paths, PROFILE, workers=2)
    monkeypatch.setattr(consolidation, "ProcessPoolExecutor", BreaksOnce)
    broken = build_batch(paths, PROFILE, workers=2)
    assert calls["n"] > len(paths) and broken.tables == whole.tables
