"""`workbook-tools validate / clear / rules`: formats, exit codes, never touching the input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from workbook_tools import jobs, labels
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


# --- the report's format follows its file name ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "requested", "expected"),
    [
        ("r.html", None, "html"),
        ("r.HTM", None, "html"),
        ("r.json", None, "json"),
        ("r.txt", None, "text"),
        ("r.log", None, "text"),  # an extension that names no format: --format, else text
        ("r.log", "json", "json"),
        ("r.html", "html", "html"),
    ],
)
def test_report_format_by_extension(name: str, requested: str | None, expected: str) -> None:
    assert jobs.report_format(Path(name), requested) == expected


def test_report_format_without_a_report_file() -> None:
    assert jobs.report_format(None, None) == "text" and jobs.report_format(None, "json") == "json"


@pytest.mark.parametrize(("name", "requested"), [("r.html", "text"), ("r.htm", "json"), ("r.json", "html")])
def test_a_format_contradicting_the_extension_is_refused(name: str, requested: str) -> None:
    with pytest.raises(jobs.UsageProblem) as raised:
        jobs.report_format(Path(name), requested)
    assert raised.value.usage is jobs.Usage.REPORT_FORMAT


def test_validate_report_written_by_its_extension(tmp_path: Path) -> None:
    for name in ("r.html", "r.htm"):
        assert run("validate", SAMPLE, "--report", tmp_path / name).exit_code == 0
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert page.lstrip().lower().startswith("<!doctype html") and "绩效目标表校验报告" in page
    assert run("validate", SAMPLE, "--report", tmp_path / "r.json").exit_code == 0
    assert (
        json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["schema"] == "workbook-tools/validate/1"
    )
    assert run("validate", SAMPLE, "--report", tmp_path / "r.txt").exit_code == 0
    assert "共 12 条：错误 0 条" in (tmp_path / "r.txt").read_text(encoding="utf-8")


def test_validate_refuses_plain_text_into_an_html_file(tmp_path: Path) -> None:
    report = tmp_path / "r.html"
    result = run("validate", SAMPLE, "--format", "text", "--report", report)
    assert result.exit_code == 2 and not report.exists()
    said = labels.USAGE["report_format"].format(path=report, format="text", implied="html")
    assert labels.CLICK_ERROR.format(message=said) in result.output
    as_json = run("validate", SAMPLE, "--format", "json", "--report", report)  # a script gets JSON
    assert as_json.exit_code == 2 and not report.exists()
    assert json.loads(as_json.stdout)["error"]["kind"] == "report_format"


def test_consolidate_report_is_html_only(tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    for name in ("r.json", "r.txt"):
        result = run("consolidate", SAMPLE, "--batch", "-o", out, "--report", tmp_path / name)
        assert result.exit_code == 2 and not (tmp_path / name).exists() and not out.exists()
        said = labels.USAGE["report_not_html"].format(path=tmp_path / name)
        assert labels.CLICK_ERROR.format(message=said) in result.output
