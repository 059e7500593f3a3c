"""The command line: show, new, template, and clean failures with exit code 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLE, SEED_PROJECTS

from workbook_tools import jobs
from workbook_tools import labels as L
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


# --- where outputs go -----------------------------------------------------------------------------


def test_unit_target_defaults_to_the_out_folder() -> None:
    source = Path("samples") / "unit.xlsx"
    assert jobs.unit_target(source, None, False) == Path("out") / f"unit{L.UNIT_OUTPUT_SUFFIX}.xlsx"
    assert jobs.unit_target(source, Path("x.xlsx"), False) == Path("x.xlsx")
    assert jobs.unit_target(source, None, True) == source


def test_consolidate_the_sample_writes_into_out_not_samples(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    samples_before = sorted(p.name for p in SAMPLE.parent.iterdir())
    result = run("consolidate", SAMPLE)
    assert result.exit_code == 0, result.output
    target = Path("out") / f"{SAMPLE.stem}{L.UNIT_OUTPUT_SUFFIX}.xlsx"
    assert (tmp_path / target).is_file() and str(target) in result.output
    assert sorted(p.name for p in SAMPLE.parent.iterdir()) == samples_before


# --- README: the commands shown, for POSIX and Windows ----------------------------------------------

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


def _blocks(text: str, language: str) -> list[list[str]]:
    found = re.findall(rf"```{language}\n(.*?)```", text, re.S)
    return [
        [line for line in block.splitlines() if line.strip() and not line.startswith("#")] for block in found
    ]


def _on_windows(posix: str) -> str:
    """A quick-start line as PowerShell says it."""
    line = posix.replace("python3 -m venv", "py -m venv").replace(" && ", "; ").replace("'", '"')
    return line.replace(".venv/bin/", ".venv/Scripts/").replace("/", "\\")


@pytest.mark.parametrize("section", ["快速开始", "English"])
def test_quick_start_is_two_commands_with_their_windows_equivalents(section: str) -> None:
    text = _section(section)
    posix, windows = _blocks(text, "bash"), _blocks(text, "powershell")
    assert len(posix) == len(windows) == 1
    assert len(posix[0]) == 2 and posix[0][0].startswith("python3 -m venv .venv && ")
    assert "workbook-tools validate samples/" in posix[0][0] and posix[0][1].endswith(".venv/bin/pytest")
    assert windows[0] == [_on_windows(line) for line in posix[0]]


def test_readme_commands_on_the_samples_write_into_out() -> None:
    shown = [line for lang in ("bash", "powershell") for block in _blocks(README, lang) for line in block]
    shown += re.findall(r"`((?:\.venv\S*)?workbook-tools [^`]*)`", README)
    on_samples = [c for c in shown if "workbook-tools" in c and "samples" in c]
    assert len(on_samples) >= 6  # without -o, `consolidate FILE` writes into out/ too (tested above)
    for command in on_samples:
        written = re.findall(r"(?:-o|--output|--report|--csv) (\S+)", command)
        assert all(re.match(r"out[/\\]", path) for path in written), command
