"""``workbook-tools excel-setup``: everything about a clerk's PC setup that does not need Windows.

The plan (paths, pip commands, the user config xlwings reads), ``run_setup`` with a fake
runner (order, config, self-check failures reported in Chinese), the refusals, the CLI's
``--dry-run`` and ``macros/setup.cmd``. One slow test (``WT_SLOW=1``) runs the setup for
real on this machine: a real venv and a real offline pip install from a wheelhouse.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT

from workbook_tools import labels as L
from workbook_tools.hosts import pc_setup
from workbook_tools.hosts.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")
CONF_LINES = [
    '"INTERPRETER_WIN","%LOCALAPPDATA%\\workbook-tools\\venv\\Scripts\\pythonw.exe"',
    '"ADD_WORKBOOK_TO_PYTHONPATH","False"',
]
CONF = "".join(line + "\r\n" for line in CONF_LINES).encode("ascii")
PYTHON = "C:\\Python311\\python.exe"


class FakeRunner:
    """Records every command; answers the self-check with ``stdout`` and ``code``."""

    def __init__(self, stdout: str = "0.37.8\n", code: int = 0, fail_step: int | None = None) -> None:
        self.calls: list[list[str]] = []
        self.kwargs: list[dict[str, Any]] = []
        self.stdout, self.code, self.fail_step = stdout, code, fail_step

    def __call__(self, command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        self.calls.append(command)
        self.kwargs.append(kwargs)
        if len(self.calls) - 1 == self.fail_step:
            return subprocess.CompletedProcess(command, 1)
        if "-c" in command:
            return subprocess.CompletedProcess(command, self.code, self.stdout, "ImportError: no xlwings\n")
        return subprocess.CompletedProcess(command, 0)


def plan(tmp_path: Path, wheelhouse: Path | None = None, windows: bool = False) -> pc_setup.SetupPlan:
    home, local = tmp_path / "home", tmp_path / "local"
    return pc_setup.plan_setup(home, local, wheelhouse, PYTHON, windows=windows, xlwings_version="0.37.8")


def test_sheet_rows_are_the_decided_settings() -> None:
    assert dict(pc_setup.CONF_SHEET_ROWS) == {
        "INTERPRETER_WIN": "%LOCALAPPDATA%\\workbook-tools\\venv\\Scripts\\pythonw.exe",
        "ADD_WORKBOOK_TO_PYTHONPATH": "False",
    }


def test_planned_paths_on_windows(tmp_path: Path) -> None:
    p = plan(tmp_path, windows=True)
    venv = tmp_path / "local" / "workbook-tools" / "venv"
    assert p.venv == venv
    assert p.venv_python == venv / "Scripts" / "python.exe"
    assert p.interpreter == venv / "Scripts" / "pythonw.exe"
    assert p.config_path == tmp_path / "home" / ".xlwings" / "xlwings.conf"
    assert p.commands[0] == (PYTHON, "-m", "venv", str(venv))
    assert p.check_command == (str(venv / "Scripts" / "python.exe"), "-I", "-c", pc_setup.SELF_CHECK_CODE)


def test_planned_paths_elsewhere_use_bin(tmp_path: Path) -> None:
    p = plan(tmp_path, windows=False)
    assert p.venv_python == p.venv / "bin" / "python" == p.interpreter


def test_localappdata_from_the_environment_or_under_home(tmp_path: Path) -> None:
    assert pc_setup.default_localappdata(tmp_path, {"LOCALAPPDATA": "D:\\L"}) == Path("D:\\L")
    assert pc_setup.default_localappdata(tmp_path, {}) == tmp_path / "AppData" / "Local"


def test_pip_uses_the_wheelhouse_offline(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    pip = plan(tmp_path, wheels).commands[1]
    assert pip[1:4] == ("-m", "pip", "install")
    assert pip[-4:] == ("--no-index", "--find-links", str(wheels), "workbook-tools[cli,excel]")


def test_pip_uses_the_index_without_a_wheelhouse(tmp_path: Path) -> None:
    pip = plan(tmp_path).commands[1]
    assert "--no-index" not in pip and "--find-links" not in pip
    assert pip[-1] == "workbook-tools[cli,excel]"


def test_relative_wheelhouse_becomes_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    p = plan(tmp_path, Path("wheels"))
    assert p.wheelhouse == tmp_path / "wheels"
    assert str(tmp_path / "wheels") in p.commands[1]


def test_new_config_is_the_two_lines_in_xlwings_format(tmp_path: Path) -> None:
    assert plan(tmp_path).config == CONF
    assert pc_setup.merge_user_config(None) == CONF


def test_existing_config_keeps_other_keys_and_replaces_ours(tmp_path: Path) -> None:
    existing = (
        '"LICENSE_KEY","abc"\n\n"interpreter_win","C:\\old\\pythonw.exe"\n'
        'INTERPRETER_WIN,C:\\bare\\pythonw.exe\n"PYTHONPATH","D:\\\xb9\xa4\xbe\xdf"\r\n'  # cp936 bytes kept
        '"ADD_WORKBOOK_TO_PYTHONPATH","True"\n"CONDA PATH","C:\\conda"'
    ).encode("latin-1")
    config = tmp_path / "home" / ".xlwings" / "xlwings.conf"
    config.parent.mkdir(parents=True)
    config.write_bytes(existing)
    assert plan(tmp_path).config == (
        b'"LICENSE_KEY","abc"\r\n"PYTHONPATH","D:\\\xb9\xa4\xbe\xdf"\r\n"CONDA PATH","C:\\conda"\r\n' + CONF
    )
    assert config.read_bytes() == existing  # planning changes nothing


def test_xlwings_reads_our_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """xlwings' own Python reader (``read_user_config``) finds both settings in the file we write."""
    import xlwings
    from xlwings.utils import read_user_config

    path = tmp_path / "xlwings.conf"
    path.write_bytes(pc_setup.merge_user_config(b'"LICENSE_KEY","abc"\n'))
    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(path))
    monkeypatch.setenv("LOCALAPPDATA", "X")
    config = read_user_config()
    assert config["add_workbook_to_pythonpath"] == "False"
    assert config["license_key"] == "abc"
    assert config["interpreter_win"].startswith(("X\\", "%LOCALAPPDATA%\\"))  # expanded on Windows only


def test_run_setup_runs_the_steps_in_order_and_writes_the_config(tmp_path: Path) -> None:
    p, runner = plan(tmp_path, tmp_path / "wheels"), FakeRunner()
    report = pc_setup.run_setup(p, runner, force=True)
    assert runner.calls == [list(p.commands[0]), list(p.commands[1]), list(p.check_command)]
    assert runner.kwargs[2]["capture_output"] is True
    assert p.config_path.read_bytes() == CONF
    assert list(p.config_path.parent.iterdir()) == [p.config_path]  # no temporary file left
    assert report.ok and report.returncodes == [0, 0] and report.found_version == "0.37.8"
    text = pc_setup.describe(report)
    assert str(p.venv) in text and CONF_LINES[0] in text and L.SETUP_READY.split("{")[0] in text


def test_a_failed_step_stops_before_the_config(tmp_path: Path) -> None:
    p, runner = plan(tmp_path), FakeRunner(fail_step=1)
    report = pc_setup.run_setup(p, runner, force=True)
    assert len(runner.calls) == 2 and report.returncodes == [0, 1]
    assert not p.config_path.exists() and not report.ok
    assert report.problems == [L.SETUP_STEP_FAILED.format(step=L.SETUP_STEPS[1], code=1)]
    assert L.SETUP_NOT_READY in pc_setup.describe(report)


def test_a_step_that_cannot_start_is_reported(tmp_path: Path) -> None:
    def missing(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        raise FileNotFoundError(2, "No such file", command[0])

    report = pc_setup.run_setup(plan(tmp_path), missing, force=True)
    assert report.returncodes == [-1] and len(report.problems) == 2
    assert all(CJK.search(problem) for problem in report.problems)


@pytest.mark.parametrize(
    ("runner", "expected"),
    [
        (FakeRunner(stdout="0.30.0\n"), L.SETUP_CHECK_VERSION.format(found="0.30.0", expected="0.37.8")),
        (FakeRunner(code=1), L.SETUP_CHECK_FAILED.format(code=1, detail="ImportError: no xlwings")),
    ],
    ids=["wrong-version", "import-fails"],
)
def test_a_failed_self_check_is_reported_in_chinese(
    tmp_path: Path, runner: FakeRunner, expected: str
) -> None:
    p = plan(tmp_path)
    report = pc_setup.run_setup(p, runner, force=True)
    assert report.problems == [expected] and CJK.search(expected)
    assert report.config_written and not report.ok
    assert expected in pc_setup.describe(report) and L.SETUP_NOT_READY in pc_setup.describe(report)


def test_windows_self_check_looks_for_pythonw_and_the_dll(tmp_path: Path) -> None:
    p = plan(tmp_path, windows=True)
    report = pc_setup.run_setup(p, FakeRunner(), force=True)
    assert report.problems == [
        L.SETUP_MISSING.format(path=p.interpreter),
        L.SETUP_MISSING.format(path=p.venv / "xlwings64-0.37.8.dll"),
    ]
    p.interpreter.parent.mkdir(parents=True)
    p.interpreter.touch()
    (p.venv / "xlwings32-0.37.8.dll").touch()  # where the VBA module's LoadLibrary looks second
    assert pc_setup.run_setup(p, FakeRunner(), force=True).ok


@pytest.mark.skipif(sys.platform == "win32", reason="the refusal is for other systems")
def test_run_setup_refuses_other_systems(tmp_path: Path) -> None:
    runner = FakeRunner()
    with pytest.raises(pc_setup.SetupRefused, match="只能在 Windows 上运行"):
        pc_setup.run_setup(plan(tmp_path), runner)
    assert runner.calls == []


def test_run_setup_refuses_the_store_python(tmp_path: Path) -> None:
    store = "C:\\Users\\a\\AppData\\Local\\Microsoft\\WindowsApps\\python.exe"
    p = pc_setup.plan_setup(tmp_path, tmp_path, None, store, windows=True)
    with pytest.raises(pc_setup.SetupRefused, match="应用商店"):
        pc_setup.run_setup(p, FakeRunner(), force=True)


def test_expected_xlwings_version_is_the_installed_pin() -> None:
    from importlib.metadata import version

    assert pc_setup.pinned_xlwings() == version("xlwings")


def test_cli_dry_run_prints_the_plan_and_changes_nothing(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "USERPROFILE": str(tmp_path), "LOCALAPPDATA": str(tmp_path / "L")}
    result = CliRunner().invoke(main, ["excel-setup", "--dry-run", "--wheelhouse", str(tmp_path)], env=env)
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "L" / "workbook-tools" / "venv") in result.output
    assert all(line in result.output for line in CONF_LINES)
    assert "--no-index --find-links" in result.output and L.SETUP_PLAN_TITLE in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="the refusal is for other systems")
def test_cli_without_dry_run_refuses_here(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "USERPROFILE": str(tmp_path), "LOCALAPPDATA": str(tmp_path / "L")}
    result = CliRunner().invoke(main, ["excel-setup"], env=env)
    assert result.exit_code == 2 and "Windows" in result.output
    assert list(tmp_path.iterdir()) == []


def test_setup_cmd_is_a_crlf_batch_that_runs_excel_setup() -> None:
    raw = (ROOT / "macros" / "setup.cmd").read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 0 and not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    assert text.splitlines()[:2] == ["@echo off", "chcp 65001 >nul"]
    assert "-m workbook_tools.hosts.cli excel-setup --wheelhouse wheels" in text
    assert "--no-index --find-links wheels" in text and text.rstrip().endswith("pause")


def test_the_cli_module_runs_with_python_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "workbook_tools.hosts.cli", "excel-setup", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0 and "--wheelhouse" in out.stdout


def _drop_pip_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """This machine's pip settings dropped, so the wheelhouse is the only source, as on an offline PC."""
    for name in [n for n in os.environ if n.startswith(("PIP_", "PYTHON")) or n == "VIRTUAL_ENV"]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("WT_SLOW") != "1", reason="slow: set WT_SLOW=1")
def test_real_setup_from_a_wheelhouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real venv and a real offline pip install of this repository, then the real self-check."""
    source = tmp_path / "src"
    ignore = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*cache")
    shutil.copytree(ROOT, source, ignore=ignore)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "-w", str(wheels), f"{source}[cli,excel]"], check=True
    )
    _drop_pip_settings(monkeypatch)
    p = pc_setup.plan_setup(tmp_path / "home", tmp_path / "local", wheels, sys.executable)
    report = pc_setup.run_setup(p, force=True)
    assert report.ok, pc_setup.describe(report)
    assert report.found_version == pc_setup.pinned_xlwings()
    assert p.config_path.read_bytes() == CONF
