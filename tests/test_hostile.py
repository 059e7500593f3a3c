"""Every hostile input answered (issue 9, second acceptance bullet).

Each input of ``hostile_files.CASES`` goes through ``validate --format json``, ``show`` and
``clear -o`` in a subprocess limited to 30 s and 1 GB of address space: no native crash, no
traceback, no internal error, JSON on stdout, codes from the catalog, the exit code the
findings imply, the code the input calls for, and the input left as it was. Then one batch
over a folder holding one of each plus the good sample must finish, list every file in
文件清单 and still summarise the good unit.

The files are built once per test session (shared by the xdist workers under a lock).
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLE
from hostile_files import CASES, GOOD_NAME, UNREADABLE, Case, build_all

from workbook_tools import labels as L
from workbook_tools.check import RULES

CLI = "workbook_tools.hosts.cli"
TIME_LIMIT = 30.0
MEMORY_LIMIT = 1 << 30
BATCH_KILL_AFTER = 120.0  # the batch is killed later than it must finish, to see what it did
READ_CODES = {"X001", "X002", "X005"}  # the file could not be read: exit 2
INTERNAL_ERROR = L.CLI_INTERNAL_ERROR.split("{", 1)[0]
GOOD_UNIT = ("711002", "定州市总工会")


# --- running the command line -----------------------------------------------------------------


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float
    timed_out: bool

    def describe(self) -> str:
        def tail(text: str, size: int = 1500) -> str:
            return text if len(text) <= size else "…" + text[-size:]

        return (
            f"\n$ workbook-tools {' '.join(self.args)}\n"
            f"exit {self.returncode}{' (killed after the time limit)' if self.timed_out else ''}, "
            f"{self.seconds:.2f} s, max RSS {self.max_rss_mb:.0f} MB\n"
            f"--- stderr ---\n{tail(self.stderr)}\n--- stdout ---\n{tail(self.stdout, 800)}"
        )


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(args: list[str], kill_after: float = TIME_LIMIT) -> Run:
    """Run the CLI with a 1 GB address-space limit; measure wall time and peak RSS."""
    env = {**os.environ, "PYTHONUTF8": "1", "NO_COLOR": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", CLI, *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=env,
            preexec_fn=_limit_memory,
            start_new_session=True,
        )
        timed_out = False
        delay = 0.002
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > kill_after:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        with contextlib.suppress(ProcessLookupError, PermissionError):  # workers left running
            os.killpg(proc.pid, signal.SIGKILL)
        out.seek(0)
        err.seek(0)
        return Run(
            args=[_shown(a) for a in args],
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            max_rss_mb=usage.ru_maxrss / 1024,
            timed_out=timed_out,
        )


def _shown(arg: str) -> str:
    return arg.encode("unicode_escape").decode("ascii") if any(ord(c) < 32 for c in arg) else arg


def sane(run: Run) -> list[str]:
    """What every run must satisfy: in time, no signal, no traceback, no internal error."""
    problems = []
    if run.timed_out or run.seconds >= TIME_LIMIT:
        problems.append(f"took {run.seconds:.1f} s (limit {TIME_LIMIT:.0f} s)")
    if run.returncode < 0:
        problems.append(f"killed by signal {-run.returncode} ({signal.Signals(-run.returncode).name})")
    if "Traceback" in run.stdout or "Traceback" in run.stderr:
        problems.append("a traceback was printed")
    if INTERNAL_ERROR in run.stdout or INTERNAL_ERROR in run.stderr:
        problems.append("ended in 内部错误 (an unhandled exception)")
    return problems


#: Characters that must not reach a terminal raw: C0/C1 controls (but newline and tab),
#: DEL, and the bidirectional formatting characters.
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def raw_controls(text: str) -> list[str]:
    found = {ch for ch in text if (unicodedata.category(ch) == "Cc" and ch not in "\n\t") or ch in BIDI}
    return sorted(f"U+{ord(ch):04X}" for ch in found)


# --- the inputs, built once -------------------------------------------------------------------


@dataclass
class Built:
    folder: Path
    problems: dict[str, str | None]
    baseline: list[list[str]]  # the good sample's findings: [code, sheet, cell]
    root: Path

    def path(self, case: Case) -> Path:
        problem = self.problems.get(case.name, "not built")
        if problem is not None and problem.startswith("skip:"):
            pytest.skip(problem[len("skip:") :].strip())
        if problem is not None:
            pytest.fail(f"could not build {case.name}:\n{problem}")
        if case.needs_non_root and os.geteuid() == 0:
            pytest.skip("running as root: chmod 000 does not stop root from reading the file")
        return self.folder / case.filename


def _shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


class _Locked:
    """An exclusive lock on a file, across the xdist workers of one session."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> None:
        self.handle = self.path.open("w")
        fcntl.flock(self.handle, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = _shared_root(tmp_path_factory) / "hostile"
    root.mkdir(parents=True, exist_ok=True)
    manifest = root / "manifest.json"
    with _Locked(root / "build.lock"):
        if not manifest.exists():
            problems = build_all(root / "inputs", root / "work")
            good = run_cli(["validate", str(SAMPLE), "--format", "json"])
            findings = json.loads(good.stdout)["files"][0]["findings"]
            baseline = [[f["code"], f["sheet"], f["cell"]] for f in findings]
            manifest.write_text(json.dumps({"problems": problems, "baseline": baseline}), encoding="utf-8")
        data = json.loads(manifest.read_text(encoding="utf-8"))
    return Built(root / "inputs", data["problems"], data["baseline"], root)


def fingerprint(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.lstat()
    except OSError:
        return None
    return (st.st_mode, st.st_size, st.st_mtime_ns)


def _ids(case: Case) -> str:
    return case.name


# --- the cases are what they claim ----------------------------------------------------------------


def key(text: str) -> str:
    """A file's name as letters and digits only: survives escaping of control characters."""
    return "".join(ch for ch in text if ch.isalnum())


def test_at_least_40_distinct_inputs() -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    assert len({c.filename for c in CASES}) == len(CASES)
    keys = [key(c.filename) for c in CASES] + [key(GOOD_NAME)]
    clashes = [(a, b) for a in keys for b in keys if a != b and b.endswith(a)]
    assert not clashes, "a name's key is a suffix of another's: 文件清单 matching would be ambiguous"


# --- validate --------------------------------------------------------------------------------


def implied_exit(findings: list[dict]) -> int:
    codes = {f["code"] for f in findings}
    if codes & READ_CODES:
        return 2
    if any(RULES[c].severity.value == "error" for c in codes if c in RULES):
        return 1
    return 0


def expectations(case: Case, findings: list[dict], baseline: list[list[str]]) -> list[str]:
    problems = []
    got = [(f["code"], f["sheet"], f["cell"]) for f in findings]
    for code, sheet in case.codes:
        if not any(c == code and (sheet is None or s == sheet) for c, s, _ in got):
            where = f" on sheet {sheet}" if sheet else ""
            problems.append(f"expected {code}{where}")
    if case.one_of and not {c for c, _, _ in got} & set(case.one_of):
        problems.append(f"expected one of {', '.join(case.one_of)}")
    if case.same_as_sample and Counter(got) != Counter(tuple(f) for f in baseline):
        problems.append("expected exactly the good sample's findings")
    if case.new_on_sheet:
        known = {tuple(f) for f in baseline}
        if not any(s == case.new_on_sheet and (c, s, cell) not in known for c, s, cell in got):
            problems.append(f"expected a finding on sheet {case.new_on_sheet} that the good sample has not")
    return problems


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_validate(case: Case, built: Built) -> None:
    path = built.path(case)
    before = fingerprint(path)
    run = run_cli(["validate", str(path), "--format", "json"])
    problems = sane(run)
    try:
        report = json.loads(run.stdout)
    except ValueError:
        problems.append("stdout is not JSON")
        report = None
    files = report.get("files") if isinstance(report, dict) else None
    if report is not None and (not isinstance(files, list) or len(files) != 1):
        problems.append("the JSON does not report exactly one file")
    elif files:
        findings = files[0].get("findings", [])
        codes = [f["code"] for f in findings]
        unknown = sorted({c for c in codes if c not in RULES})
        if unknown:
            problems.append(f"codes not in the catalog: {unknown}")
        wrong = sorted(
            {
                f["code"]
                for f in findings
                if f["code"] in RULES and f["severity"] != RULES[f["code"]].severity.value
            }
        )
        if wrong:
            problems.append(f"severity differs from the catalog for {wrong}")
        implied = implied_exit(findings)
        if run.returncode != implied:
            problems.append(f"exit {run.returncode}, but the findings ({sorted(set(codes))}) imply {implied}")
        problems += expectations(case, findings, built.baseline)
    if case.exit is not None and run.returncode != case.exit:
        problems.append(f"exit {run.returncode}, expected {case.exit}")
    if case.secret and (case.secret in run.stdout or case.secret in run.stderr):
        problems.append("leaked the content of /etc/passwd")
    if fingerprint(path) != before:
        problems.append("the input was changed")
    assert not problems, "; ".join(problems) + run.describe()


@pytest.mark.parametrize("case", [c for c in CASES if c.terminal], ids=_ids)
def test_validate_text_is_safe_for_a_terminal(case: Case, built: Built) -> None:
    path = built.path(case)
    run = run_cli(["validate", str(path)])
    problems = sane(run)
    if run.returncode not in (0, 1, 2):
        problems.append(f"exit {run.returncode}")
    controls = raw_controls(run.stdout + run.stderr)
    if controls:
        problems.append(f"raw control/bidi characters on the terminal: {controls}")
    assert not problems, "; ".join(problems) + run.describe()


# --- show and clear --------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_show(case: Case, built: Built) -> None:
    path = built.path(case)
    before = fingerprint(path)
    run = run_cli(["show", str(path)])
    problems = sane(run)
    if run.returncode not in (0, 2):
        problems.append(f"exit {run.returncode}, expected 0 or 2")
    if case.exit == UNREADABLE and run.returncode != 2:
        problems.append(f"exit {run.returncode} for a file validate cannot read, expected 2")
    controls = raw_controls(run.stdout + run.stderr)
    if controls:
        problems.append(f"raw control/bidi characters on the terminal: {controls}")
    if case.secret and (case.secret in run.stdout or case.secret in run.stderr):
        problems.append("leaked the content of /etc/passwd")
    if fingerprint(path) != before:
        problems.append("the input was changed")
    assert not problems, "; ".join(problems) + run.describe()


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_clear(case: Case, built: Built, tmp_path: Path) -> None:
    path = built.path(case)
    before = fingerprint(path)
    outdir = tmp_path / "out"
    outdir.mkdir()
    target = outdir / ("cleared" + (Path(case.filename).suffix or ".xlsx"))
    run = run_cli(["clear", str(path), "-o", str(target)])
    problems = sane(run)
    if run.returncode not in (0, 2):
        problems.append(f"exit {run.returncode}, expected 0 or 2")
    if case.exit == UNREADABLE and run.returncode != 2:
        problems.append(f"exit {run.returncode} for a file validate cannot read, expected 2")
    left = sorted(p.name for p in outdir.iterdir())
    if run.returncode == 0 and not target.is_file():
        problems.append("exit 0 but no output written")
    if run.returncode == 2 and left:
        problems.append(f"failed but left files behind: {left}")
    if case.secret and (
        case.secret in run.stdout or case.secret in run.stderr or _zip_holds(target, case.secret)
    ):
        problems.append("leaked the content of /etc/passwd")
    if fingerprint(path) != before:
        problems.append("the input was changed")
    assert not problems, "; ".join(problems) + run.describe()


def _zip_holds(path: Path, text: str) -> bool:
    """Whether any part of the package at ``path`` (if it is one) contains ``text``."""
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as zf:
        return any(text.encode() in zf.read(info) for info in zf.infolist() if info.file_size < 50 << 20)


# --- one batch over one of each --------------------------------------------------------------


@dataclass
class Batch:
    run: Run
    output: Path
    report: Path
    csv_dir: Path
    changed_inputs: list[str]


@pytest.fixture(scope="module")
def batch(built: Built) -> Batch:
    out = built.root / "batch"
    saved = built.root / "batch.json"
    with _Locked(built.root / "batch.lock"):
        if not saved.exists():
            inputs = _walk(built.folder)
            before = {p: fingerprint(p) for p in inputs}
            run = run_cli(
                [
                    "consolidate",
                    str(built.folder),
                    "-o",
                    str(out / "汇总.xlsx"),
                    "--report",
                    str(out / "报告.html"),
                    "--csv",
                    str(out / "csv"),
                ],
                kill_after=BATCH_KILL_AFTER,
            )
            changed = [str(p.relative_to(built.folder)) for p in inputs if fingerprint(p) != before[p]]
            saved.write_text(json.dumps({"run": asdict(run), "changed": changed}), encoding="utf-8")
        data = json.loads(saved.read_text(encoding="utf-8"))
    return Batch(Run(**data["run"]), out / "汇总.xlsx", out / "报告.html", out / "csv", data["changed"])


def _walk(folder: Path) -> list[Path]:
    """Every entry under ``folder`` without following links."""
    found = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        found += [Path(top) / name for name in dirs + files]
    return found


def _column(sheet, title: str) -> list[str]:
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    index = header.index(title)
    return [("" if row[index] is None else str(row[index])) for row in rows[1:]]


def test_batch_consolidates_the_good_files(batch: Batch, built: Built) -> None:
    run = batch.run
    problems = sane(run)
    if run.returncode != 1:
        problems.append(f"exit {run.returncode}, expected 1 (findings and unreadable files)")
    if batch.changed_inputs:
        problems.append(f"inputs changed: {batch.changed_inputs}")
    if not batch.report.is_file():
        problems.append("no HTML report")
    if not batch.csv_dir.is_dir() or not list(batch.csv_dir.glob("*.csv")):
        problems.append("no CSV files")
    if not batch.output.is_file():
        problems.append("no consolidated workbook")
        pytest.fail("; ".join(problems) + run.describe())
    wb = openpyxl.load_workbook(batch.output, read_only=True)
    listed = _column(wb["文件清单"], "文件")
    keys = [key(text) for text in listed]
    expected = [c for c in CASES if c.listed and built.problems.get(c.name) is None]
    missing = []
    for case in expected:
        wanted = {key(case.filename)}
        if "/" in case.filename:  # a link inside a folder: the link or its folder
            wanted.add(key(case.filename.rsplit("/", 1)[0]))
        if not any(k.endswith(w) for k in keys for w in wanted):
            missing.append(_shown(case.filename))
    if not any(k.endswith(key(GOOD_NAME)) for k in keys):
        missing.append(GOOD_NAME)
    if missing:
        problems.append(f"not in 文件清单 ({len(missing)} of {len(expected) + 1}): {missing}")
    units = wb["单位汇总"]
    rows = list(units.iter_rows(values_only=True))
    header = list(rows[0])
    good = [
        row
        for row in rows[1:]
        if row[header.index("文件")] and key(str(row[header.index("文件")])).endswith(key(GOOD_NAME))
    ]
    if not any((str(r[header.index("单位编码")]), r[header.index("单位名称")]) == GOOD_UNIT for r in good):
        problems.append(f"the good sample's unit {GOOD_UNIT} is not in 单位汇总")
    wb.close()
    assert not problems, "; ".join(problems) + run.describe()


FORMULA_START = re.compile(r"^[=+@\t\r]|^-(?!\d+(\.\d+)?$)")


def test_batch_writes_no_formulas(batch: Batch) -> None:
    """Formula-like text from the inputs (names, values, sheet and file names) stays text."""
    if not batch.output.is_file():
        pytest.fail("no consolidated workbook" + batch.run.describe())
    wb = openpyxl.load_workbook(batch.output)
    formulas = [
        f"{ws.title}!{cell.coordinate}: {cell.value!r}"[:120]
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    unsafe = []
    for path in sorted(batch.csv_dir.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            csv.field_size_limit(1 << 24)  # the 1 MB strings input keeps its text in the tables
            for number, row in enumerate(csv.reader(handle), start=1):
                unsafe += [
                    f"{path.name}:{number}: {value!r}"[:120] for value in row if FORMULA_START.match(value)
                ]
    assert not formulas, f"{len(formulas)} formula cells in the consolidated workbook: {formulas[:10]}"
    assert not unsafe, f"{len(unsafe)} CSV cells not neutralised: {unsafe[:10]}"
