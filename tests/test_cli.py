"""The command line: show, new, template, and clean failures with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLE, SEED_PROJECTS

from workbook_tools.hosts.cli import main
from workbook_tools.parse import load


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_show_prints_six_projects_and_the_total() -> None:
    result = run("show", SAMPLE)
    assert result.exit_code == 0, result.output
    for code, name, budget in SEED_PROJECTS:
        assert code in result.output and name in result.output and f"{budget:.2f}" in result.output
    assert "538.18" in result.output
    assert "134.55" in result.output and "403.64" in result.output


def test_show_json() -> None:
    result = run("show", SAMPLE, "--json")
    data = json.loads(result.output)
    assert data["budget"] == "538.18"
    assert data["project_count"] == 6
    assert data["indicators"] == {"产出指标": 9, "效果指标": 6, "满意度指标": 6}
    assert data["planned_spending"] == {
        "3月底": "134.55",
        "6月底": "269.09",
        "10月底": "403.64",
        "12月底": "538.18",
    }
    assert [p["code"] for p in data["projects"]] == [code for code, _, _ in SEED_PROJECTS]


def test_new_makes_a_workbook_for_the_unit(tmp_path: Path) -> None:
    out = tmp_path / "unit.xlsx"
    result = run(
        "new",
        "-o",
        out,
        "--unit-code",
        "712001",
        "--unit-name",
        "定州市教育局",
        "--year",
        "2021",
        "--projects",
        "3",
    )
    assert result.exit_code == 0, result.output
    model = load(out)
    assert (model.unit_code, model.unit_name, model.year) == ("712001", "定州市教育局", 2021)
    assert [p.sheet for p in model.projects] == ["项目1", "项目2", "项目3"]
    assert all(p.unit.value == "712001定州市教育局" for p in model.projects)
    assert run("new", "-o", out, "--unit-code", "1", "--unit-name", "x", "--year", "2021").exit_code == 2


def test_template_command_rebuilds(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert run("template", "-o", out).exit_code == 0
    model = load(out)
    assert len(model.projects) == 1 and model.department is not None


def test_unreadable_file_exits_2_with_code(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"this is not a workbook")
    result = run("show", bad)
    assert result.exit_code == 2
    assert "X001" in result.output and "Traceback" not in result.output
    assert run("show", tmp_path / "missing.xlsx").exit_code == 2
