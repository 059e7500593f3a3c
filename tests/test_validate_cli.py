"""`workbook-tools validate / clear / rules`: formats, exit codes, never touching the input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from conftest import SAMPLE

from workbook_tools import labels
from workbook_tools.check import RULES
from workbook_tools.hosts.cli import main


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_text_output_and_exit_0_for_the_seed() -> None:
    result = run("validate", SAMPLE)
    assert result.exit_code == 0, result.output
    assert "工会经费!C11 I009 警告" in result.output
    assert "共 12 条：错误 0 条，警告 11 条，提示 1 条" in result.output


def test_errors_exit_1_and_json_schema(edit_sample) -> None:
    bad = edit_sample(lambda wb: wb["工会经费"].__setitem__("E4", 400))
    result = run("validate", bad, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == "workbook-tools/validate/1" and data["profile"] == "hebei-2020"
    file = data["files"][0]
    assert (file["status"], file["errors"], file["warnings"], file["unit_code"]) == (
        "errors",
        1,
        11,
        "711002",
    )
    a003 = next(f for f in file["findings"] if f["code"] == "A003")
    assert a003 == {
        "code": "A003",
        "severity": "error",
        "sheet": "工会经费",
        "cell": "C4",
        "message": "预算数 450.00 ≠ 财政资金 400.00 + 其他资金 0.00",
    }


def test_unreadable_exits_2_and_the_batch_goes_on(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    result = run("validate", broken, SAMPLE, "--format", "json")
    assert result.exit_code == 2
    files = json.loads(result.stdout)["files"]
    assert [f["status"] for f in files] == ["unreadable", "warnings"]
    assert files[0]["findings"][0]["code"] == "X001"
    assert "Traceback" not in result.output


def test_input_never_modified_and_output_writes_a_marked_copy(tmp_path: Path) -> None:
    before = digest(SAMPLE)
    out = tmp_path / "marked.xlsx"
    assert run("validate", SAMPLE).exit_code == 0
    assert run("validate", SAMPLE, "--output", out).exit_code == 0
    assert digest(SAMPLE) == before
    assert labels.SHEET_RESULTS in openpyxl.load_workbook(out).sheetnames


def test_output_folder_for_several_files(tmp_path: Path, edit_sample) -> None:
    other = edit_sample(lambda wb: None, "other.xlsx")
    folder = tmp_path / "marked"
    assert run("validate", SAMPLE, other, "--output", folder).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["dingzhou_trade_union_2020.xlsx", "other.xlsx"]


def test_in_place_keeps_a_backup_and_clear_restores(tmp_path: Path, edit_sample) -> None:
    path = edit_sample(lambda wb: None, "unit.xlsx")
    original = digest(path)
    assert run("validate", path, "--in-place").exit_code == 0
    backup = path.with_name("unit.xlsx.bak")
    assert digest(backup) == original
    wb = openpyxl.load_workbook(path)
    assert labels.SHEET_RESULTS in wb.sheetnames
    assert wb["工会经费"]["C11"].comment is not None
    result = run("clear", path)
    assert result.exit_code == 0 and "恢复 11 个单元格" in result.output
    wb = openpyxl.load_workbook(path)
    assert labels.SHEET_RESULTS not in wb.sheetnames and wb["工会经费"]["C11"].comment is None
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".unit")]
    assert leftovers == []  # no temporary files left behind


def test_html_report_escapes_user_strings(edit_sample, tmp_path: Path) -> None:
    bad = edit_sample(lambda wb: wb["工会经费"].__setitem__("F10", "<script>alert(1)</script>"))
    report = tmp_path / "report.html"
    result = run("validate", bad, "--format", "html", "--report", report)
    assert result.exit_code == 1  # has a digit but not the grammar: I006
    html = report.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "绩效目标表校验报告" in html and "I006" in html


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    assert run("validate").exit_code == 2
    assert run("validate", SAMPLE, "--output", tmp_path / "x.xlsx", "--in-place").exit_code == 2
    assert run("clear", tmp_path / "missing.xlsx").exit_code == 2


def test_rules_lists_the_registry() -> None:
    result = run("rules")
    assert result.exit_code == 0
    for code, rule in RULES.items():
        assert code in result.output and rule.title in result.output
    data = json.loads(run("rules", "--json").output)
    assert [r["code"] for r in data] == sorted(RULES)
    assert all(r["doc"] and r["message"] for r in data)
    assert len(data) == len(RULES) >= 35
