"""One-time setup of a clerk's Windows PC for the workbook's Excel buttons (``excel-setup``).

The template workbook carries xlwings' *standalone* VBA module (no add-in, no VBA
reference). It finds Python through its config, first match wins: the hidden sheet
``xlwings.conf`` in the workbook, then ``xlwings.conf`` beside the workbook, then the user
file ``%USERPROFILE%\\.xlwings\\xlwings.conf``. The setup makes a per-user virtual
environment at ``%LOCALAPPDATA%\\workbook-tools\\venv``, installs ``workbook-tools[cli,excel]``
into it (from a folder of wheels when the PC is offline), writes the interpreter into the
user file (keeping its other settings) and checks the result with the environment's Python.

:func:`plan_setup` decides everything and changes nothing; :func:`run_setup` carries a plan
out; :func:`describe_plan` and :func:`describe` say what would be done and what was done.
"""

from __future__ import annotations

import locale
import platform
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from workbook_tools import labels as L
from workbook_tools.outputs.template_book import CONF_ROWS, CONF_SHEET, VENV_PARTS

PACKAGE_SPEC = "workbook-tools[cli,excel]"

#: The rows (key, value) of the workbook's hidden ``xlwings.conf`` sheet, written to the user
#: file too. Both readers expand ``%LOCALAPPDATA%`` (the VBA module and xlwings' Python); left
#: unexpanded it stays ASCII, so a Chinese user name cannot garble it in the ANSI file.
CONF_SHEET_ROWS = CONF_ROWS
CONF_SHEET_NAME = CONF_SHEET
INTERPRETER_WIN = dict(CONF_ROWS)["INTERPRETER_WIN"]
SELF_CHECK_CODE = "import workbook_tools.hosts.excel, xlwings; print(xlwings.__version__)"

Runner = Callable[..., "subprocess.CompletedProcess[Any]"]


class SetupRefused(Exception):
    """The setup cannot run here; the message (Chinese) says why."""


@dataclass(frozen=True)
class SetupPlan:
    """Everything the setup will do, decided before anything is done."""

    python: str  # the interpreter that makes the venv
    venv: Path
    venv_python: Path  # runs pip and the self-check
    interpreter: Path  # what Excel runs: INTERPRETER_WIN, expanded
    wheelhouse: Path | None
    commands: tuple[tuple[str, ...], ...]  # make the venv, install the package
    config_path: Path
    config: bytes  # the whole user config file as it will be written
    check_command: tuple[str, ...]
    xlwings_version: str | None  # expected by the self-check; None: any
    windows: bool


@dataclass
class SetupReport:
    """What :func:`run_setup` did: return codes in order, the config, the self-check."""

    plan: SetupPlan
    returncodes: list[int] = field(default_factory=list)
    config_written: bool = False
    found_version: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def pinned_xlwings() -> str | None:
    """The xlwings version to expect: the ``==`` pin in workbook-tools' metadata, else the installed one."""
    try:
        requirements = metadata.requires("workbook-tools") or []
    except metadata.PackageNotFoundError:
        requirements = []
    for requirement in requirements:
        pinned = re.match(r"xlwings\s*\(?\s*==\s*([\w.+!-]+)", requirement, re.IGNORECASE)
        if pinned:
            return pinned.group(1)
    try:
        return metadata.version("xlwings")
    except metadata.PackageNotFoundError:
        return None


def default_localappdata(home: Path, environ: dict[str, str]) -> Path:
    """``%LOCALAPPDATA%``, or where Windows puts it under ``home`` when the variable is unset."""
    value = environ.get("LOCALAPPDATA")
    return Path(value) if value else home / "AppData" / "Local"


def config_line_key(line: bytes) -> str:
    """The key of one config line, lower-cased, quoted or bare, as VBA's ``Input #`` reads it."""
    text = line.removeprefix(b"\xef\xbb\xbf").decode("latin-1").strip()
    if text.startswith('"'):
        return text[1:].split('"', 1)[0].strip().lower()
    return text.split(",", 1)[0].strip().lower()


def merge_user_config(existing: bytes | None) -> bytes:
    """The user config file: ``existing`` less blank lines and lines setting our keys, then ours.

    The format is what VBA's ``Write #`` writes, ``Input #`` reads (``GetConfigFromFile``) and
    xlwings' own ``update_user_config`` appends: one ``"KEY","VALUE"`` per line, CRLF. Other
    lines are kept byte for byte (they may be in the PC's ANSI code page). Keys compare
    without case, as both readers do.
    """
    ours = {key.lower() for key, _ in CONF_SHEET_ROWS}
    lines = [
        line for line in (existing or b"").splitlines() if line.strip() and config_line_key(line) not in ours
    ]
    lines += [f'"{key}","{value}"'.encode("ascii") for key, value in CONF_SHEET_ROWS]
    return b"".join(line + b"\r\n" for line in lines)


def plan_setup(
    home: Path,
    localappdata: Path,
    wheelhouse: Path | None,
    python: str,
    *,
    windows: bool | None = None,
    xlwings_version: str | None = None,
) -> SetupPlan:
    """Decide the setup for the user whose profile is ``home``; read the user config, change nothing.

    ``localappdata`` must be that user's ``%LOCALAPPDATA%`` (the config names it by the
    variable). ``windows`` picks the venv layout (default: this OS); ``xlwings_version``
    defaults to :func:`pinned_xlwings`.
    """
    windows = sys.platform == "win32" if windows is None else windows
    venv = localappdata.joinpath(*VENV_PARTS)
    scripts = venv / ("Scripts" if windows else "bin")
    venv_python = scripts / ("python.exe" if windows else "python")
    source = ("--no-index", "--find-links", str(wheelhouse.absolute())) if wheelhouse else ()
    pip = (str(venv_python), "-m", "pip", "install", "--upgrade", "--disable-pip-version-check")
    config_path = home / ".xlwings" / "xlwings.conf"
    return SetupPlan(
        python=python,
        venv=venv,
        venv_python=venv_python,
        interpreter=scripts / "pythonw.exe" if windows else venv_python,
        wheelhouse=wheelhouse.absolute() if wheelhouse else None,
        commands=((python, "-m", "venv", str(venv)), (*pip, *source, PACKAGE_SPEC)),
        config_path=config_path,
        config=merge_user_config(config_path.read_bytes() if config_path.is_file() else None),
        # -I: the environment's own packages only, never the current folder or PYTHONPATH.
        check_command=(str(venv_python), "-I", "-c", SELF_CHECK_CODE),
        xlwings_version=xlwings_version or pinned_xlwings(),
        windows=windows,
    )


def is_store_python(python: str) -> bool:
    """Whether ``python`` is the Microsoft Store's: its writes to AppData go to a private copy."""
    return "\\windowsapps\\" in python.lower()


def run_setup(plan: SetupPlan, runner: Runner = subprocess.run, *, force: bool = False) -> SetupReport:
    """Carry ``plan`` out: venv, pip, config (atomically), self-check; stop at the first failure.

    Failures are reported in Chinese in the report, never raised. Raises :class:`SetupRefused`
    on a non-Windows OS unless ``force``, and for the Microsoft Store's Python.
    """
    if sys.platform != "win32" and not force:
        raise SetupRefused(L.SETUP_NOT_WINDOWS.format(system=platform.system()))
    if is_store_python(plan.python):
        raise SetupRefused(L.SETUP_STORE_PYTHON.format(python=plan.python))
    report = SetupReport(plan)
    for step, command in enumerate(plan.commands):
        code = _run_step(command, runner, report)
        report.returncodes.append(code)
        if code != 0:
            report.problems.insert(0, L.SETUP_STEP_FAILED.format(step=L.SETUP_STEPS[step], code=code))
            return report
    if _write_config(plan, report):
        _self_check(plan, runner, report)
    return report


def _run_step(command: tuple[str, ...], runner: Runner, report: SetupReport) -> int:
    """Run one step with its output on the terminal (pip's progress, pip's errors); -1 if it cannot start."""
    try:
        return runner(list(command), check=False).returncode
    except OSError as exc:
        report.problems.append(L.SETUP_NOT_STARTED.format(command=command[0], error=exc))
        return -1


def _write_config(plan: SetupPlan, report: SetupReport) -> bool:
    from workbook_tools.outputs.atomic import write_atomically

    try:
        write_atomically(plan.config_path, lambda tmp: tmp.write_bytes(plan.config))
    except OSError as exc:
        report.problems.append(L.SETUP_CONFIG_FAILED.format(path=plan.config_path, error=exc))
        return False
    report.config_written = True
    return True


def _self_check(plan: SetupPlan, runner: Runner, report: SetupReport) -> None:
    """Import the Excel entry points and xlwings with the venv's Python; compare xlwings' version."""
    try:
        done = runner(list(plan.check_command), capture_output=True, text=True, errors="replace", check=False)
    except OSError as exc:
        report.problems.append(L.SETUP_NOT_STARTED.format(command=plan.check_command[0], error=exc))
        return
    if done.returncode != 0:
        detail = _last_line(done.stderr) or _last_line(done.stdout)
        report.problems.append(L.SETUP_CHECK_FAILED.format(code=done.returncode, detail=detail))
        return
    report.found_version = _last_line(done.stdout)
    if plan.xlwings_version and report.found_version != plan.xlwings_version:
        report.problems.append(
            L.SETUP_CHECK_VERSION.format(found=report.found_version, expected=plan.xlwings_version)
        )
    if plan.windows:
        report.problems += _windows_files_missing(plan, report.found_version)


def _windows_files_missing(plan: SetupPlan, version: str) -> list[str]:
    """What the VBA module needs on disk: pythonw.exe, and xlwings' DLL beside it or one folder up."""
    missing = [] if plan.interpreter.is_file() else [L.SETUP_MISSING.format(path=plan.interpreter)]
    folders = (plan.interpreter.parent, plan.interpreter.parent.parent)
    names = [f"xlwings{bits}-{version}.dll" for bits in ("64", "32")]
    if not any((folder / name).is_file() for folder in folders for name in names):
        missing.append(L.SETUP_MISSING.format(path=plan.venv / names[0]))
    return missing


def _last_line(text: str | None) -> str:
    lines = (text or "").strip().splitlines()
    return lines[-1].strip() if lines else ""


def _shown(command: tuple[str, ...]) -> str:
    return subprocess.list2cmdline(command)


def config_text(plan: SetupPlan) -> str:
    """The planned user config file as text, in the code page xlwings reads it with."""
    return plan.config.decode(locale.getpreferredencoding(False), errors="replace")


def describe_plan(plan: SetupPlan) -> str:
    """What :func:`run_setup` would do with ``plan`` (``--dry-run``), in Chinese."""
    lines = [L.SETUP_PLAN_TITLE, L.SETUP_VENV.format(path=plan.venv)]
    if is_store_python(plan.python):
        lines.append(L.SETUP_STORE_PYTHON.format(python=plan.python))
    for number, (step, command) in enumerate(zip(L.SETUP_STEPS, plan.commands), start=1):
        lines += [L.SETUP_PLAN_STEP.format(number=number, step=step), f"   {_shown(command)}"]
    wheels = plan.wheelhouse
    lines.append(L.SETUP_SOURCE_WHEELS.format(path=wheels) if wheels else L.SETUP_SOURCE_INDEX)
    lines.append(L.SETUP_PLAN_CONFIG.format(number=3, path=plan.config_path))
    lines += [f"   {line}" for line in config_text(plan).splitlines()]
    lines.append(L.SETUP_PLAN_CHECK.format(number=4, version=plan.xlwings_version or L.SETUP_ANY_VERSION))
    lines += [f"   {_shown(plan.check_command)}", L.SETUP_INTERPRETER.format(path=plan.interpreter)]
    return "\n".join(lines)


def describe(report: SetupReport) -> str:
    """What :func:`run_setup` did, step by step, and whether Excel's buttons are ready, in Chinese."""
    plan = report.plan
    lines = [L.SETUP_VENV.format(path=plan.venv)]
    for step, code in enumerate(report.returncodes):
        done = L.SETUP_STEP_DONE if code == 0 else L.SETUP_STEP_NOT_DONE
        lines.append(done.format(step=L.SETUP_STEPS[step], command=_shown(plan.commands[step])))
    if report.config_written:
        lines.append(L.SETUP_CONFIG_WRITTEN.format(path=plan.config_path))
        lines += [f"   {line}" for line in config_text(plan).splitlines()]
    if report.found_version:
        lines.append(L.SETUP_CHECKED.format(version=report.found_version, python=plan.venv_python))
    lines += report.problems
    lines.append(L.SETUP_READY.format(interpreter=plan.interpreter) if report.ok else L.SETUP_NOT_READY)
    return "\n".join(lines)
