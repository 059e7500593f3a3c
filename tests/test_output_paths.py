"""Outputs never overwrite an input by accident, write failures say so plainly, and an
interrupted run leaves the originals untouched and no temporary file behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLE

from workbook_tools.hosts.cli import main

UNITS = ROOT / "samples" / "units"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return Path(shutil.copy(SAMPLE, tmp_path / "单位.xlsx"))


@pytest.mark.parametrize("spelling", ["same", "dotted", "link", "folder"])
def test_validate_output_equal_to_the_input_is_refused(sample: Path, spelling: str) -> None:
    before = sample.read_bytes()
    output = {
        "same": sample,
        "dotted": sample.parent / "." / sample.name,
        "link": sample.parent / "link.xlsx",
        "folder": sample.parent,
    }[spelling]
    if spelling == "link":
        output.symlink_to(sample)
    result = run("validate", str(sample), "--output", str(output))
    assert result.exit_code == 2 and "--in-place" in result.output
    assert sample.read_bytes() == before and not (sample.parent / (sample.name + ".bak")).exists()


def test_consolidate_outputs_equal_to_an_input_are_refused(sample: Path, tmp_path: Path) -> None:
    before = sample.read_bytes()
    assert run("consolidate", str(sample), "-o", str(sample)).exit_code == 2
    assert run("consolidate", str(sample), str(UNITS), "-o", str(sample)).exit_code == 2
    batch = ["consolidate", str(sample), str(UNITS), "-o", str(tmp_path / "all.xlsx"), "--report"]
    assert run(*batch, str(sample)).exit_code == 2
    assert sample.read_bytes() == before


def test_a_write_failure_is_said_plainly(sample: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    for args in (
        ["validate", str(sample), "--output", str(blocker / "x.xlsx")],
        ["consolidate", str(UNITS), "-o", str(blocker / "x.xlsx")],
        ["consolidate", str(sample), "-o", str(blocker / "x.xlsx")],
    ):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert "无法保存" in result.output and "X001" not in result.output
        assert "Error" not in result.output.replace("Error:", "") and ".tmp" not in result.output
        assert not any(p.name.startswith(".") for p in tmp_path.rglob("*"))


def test_consolidate_one_file_exits_1_when_it_found_errors(tmp_path: Path) -> None:
    health = next(UNITS.glob("713005*.xlsx"))
    result = run("consolidate", str(health), "-o", str(tmp_path / "u.xlsx"))
    assert result.exit_code == 1 and (tmp_path / "u.xlsx").exists()
    assert run("consolidate", str(SAMPLE), "-o", str(tmp_path / "s.xlsx")).exit_code == 0


def test_sigterm_during_a_batch_leaves_no_partial_or_temporary_file(tmp_path: Path, seed_data) -> None:
    from workbook_tools.outputs.filled_book import write_workbook

    inputs = tmp_path / "in"
    for i in range(120):
        data = {**seed_data, "department": {**seed_data["department"], "unit_code": f"{711000 + i}"}}
        write_workbook(data, inputs / f"u{i:03}.xlsx")
    before = {p.name: p.read_bytes() for p in inputs.iterdir()}
    out = tmp_path / "out"
    command = [sys.executable, "-m", "workbook_tools.hosts.cli", "consolidate", str(inputs), "-o"]
    process = subprocess.Popen(
        [*command, str(out / "all.xlsx")], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(1.5)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert {p.name: p.read_bytes() for p in inputs.iterdir()} == before
    leftovers = [p.name for p in out.rglob("*")] if out.exists() else []
    assert leftovers == [] or leftovers == ["all.xlsx"]  # nothing, or the finished file
    assert not any(name.startswith(".") for name in os.listdir(tmp_path))
