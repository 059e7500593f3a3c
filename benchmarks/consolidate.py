"""Batch consolidation against the naive script and the job's floor, measured in one run.

    python benchmarks/consolidate.py --units 100 1000 5000 [--workers 2] [--repeat 1] [--keep DIR]

For each N it makes N distinct unit workbooks (8 projects x 4-8 indicators each: a few
shapes built from samples/dingzhou_trade_union_2020.json by ``write_workbook``, then copied
with the unit code, unit name and project codes rewritten in the package's XML, so that no
code repeats across units), and runs four jobs over the folder, each in a process of its
own, so that times include start-up and memory is comparable:

  (a) naive   the script a Python user writes: ``pandas.read_excel(path, sheet_name=None,
              header=None, engine="openpyxl")`` per file, ``pd.concat`` of the department
              sheets and of the project sheets, ``DataFrame.to_excel`` (openpyxl) of as many
              rows and columns per sheet as our output has;
  (b) floor   the least any tool must do: python-calamine reading every sheet's values of
              every file, XlsxWriter (``constant_memory``) writing the same number of rows and
              columns per sheet as our output (a row per unit, project, indicator, finding and
              file), as plain values taken from the cells read;
  (c1, c2)    ``workbook-tools consolidate DIR -o OUT.xlsx --workers 1`` and ``--workers W``.

Before measuring, each job runs once on 2 units (to fill the OS file cache and a private
bytecode cache: see use_bytecode_cache).

Figures (the ratios use the median over --repeat rounds; jobs alternate within a round):
  ms/file         wall-clock time of the whole process divided by N;
  naive/ours      a / c2: how many times faster than the naive script (target >= 5 at N=1000);
  ours/floor      c2 / b: how far from the floor (target <= 1.5 at N=1000);
  speed-up        c1 / c2: what the second worker brings (target >= 1.4);
  peak RSS        the largest single process of the job (its maxrss by GNU time, exact), and the
                  whole process tree (parent + workers: RSS summed, sampled every 50 ms; pages
                  a forked worker shares with its parent count twice, so this overstates, and
                  a peak shorter than 50 ms can be missed). Target: <= 250 MB at every N;
  linear in N?    ms/file of each job per N side by side (flat = linear).

Nothing is asserted; read the figures. pandas is needed for (a) only (the job is skipped
with a message without it), python-calamine and XlsxWriter for (b).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "dingzhou_trade_union_2020.json"
SHAPES = 5  # distinct workbook shapes (indicator counts per project); units cycle through them
PROJECTS = 8
SAMPLE_EVERY = 0.05  # seconds between memory samples of a job's process tree
GNU_TIME = "/usr/bin/time"

# The seed's unit code, unit name and the parts of its project codes rewritten per unit.
SEED_UNIT = "711002"
SEED_NAME = "定州市总工会"
PATCHED_PARTS = ("xl/sharedStrings.xml", "xl/worksheets/")


# --------------------------------------------------------------------------- the machine


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "?"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"machine: {os.cpu_count()} cores ({usable} usable), {cpu}; "
        f"Python {platform.python_version()} on {platform.system()} {platform.release()}; "
        f"load average {os.getloadavg()[0]:.2f} (other work on the machine skews the figures)"
    )


# --------------------------------------------------------------------------- unit workbooks


def _indicator_pool(seed: dict[str, Any]) -> list[list[str]]:
    """The seed's indicator rows, each with its level-1 category filled in, one per name."""
    pool: dict[str, list[str]] = {}
    for project in seed["projects"]:
        level1 = ""
        for row in project["indicators"]:
            level1 = row[0] or level1
            pool.setdefault(row[2], [level1, *row[1:]])
    return list(pool.values())


def shape_data(seed: dict[str, Any], shape: int) -> dict[str, Any]:
    """The seed unit with 8 projects of 4-8 indicators each (the counts depend on ``shape``)."""
    data = copy.deepcopy(seed)
    projects: list[dict[str, Any]] = data["projects"]
    for source, suffix, code in ((0, "（二）", "711-0302-JBN-BFBR"), (3, "（二）", "711-0105-JBN-ZYC4")):
        twin = copy.deepcopy(projects[source])
        twin.update(sheet=twin["sheet"] + suffix, name=twin["name"] + suffix, code=code)
        projects.append(twin)
    assert len(projects) == PROJECTS
    pool = _indicator_pool(seed)
    order = {level1: i for i, level1 in enumerate(dict.fromkeys(row[0] for row in pool))}
    for j, project in enumerate(projects):
        count = 4 + (shape + 3 * j) % 5
        window = [pool[(7 * j + shape + k) % len(pool)] for k in range(len(pool))]
        # one indicator of each category first (a project needs all three), then the next ones
        picked = [next(row for row in window if row[0] == level1) for level1 in order]
        picked += [row for row in window if row not in picked][: count - len(picked)]
        rows = sorted((list(row) for row in picked), key=lambda r: order[r[0]])
        for above, row in zip([None, *rows], rows):
            if above is not None and above[0] == row[0]:
                row[0] = ""  # the category is written once, on its first row, as in the seed
        project["indicators"] = rows
    return data


def _tag(i: int) -> str:
    return "".join(chr(65 + (i // 26**k) % 26) for k in range(3))


def unit_identity(i: int) -> tuple[str, str]:
    """Unit i's code and name: distinct for i < 17,576 (the 3-letter tag in its project codes)."""
    return f"{100 + i % 900:03d}{i // 900:03d}", f"定州市第{i + 1}基层工会"


def patch(data: bytes, i: int) -> bytes:
    """Unit i's copy of an XML part: its unit code and name, its project codes (prefix, tag)."""
    unit, name = unit_identity(i)
    tag = b"-" + _tag(i).encode() + b"-"
    data = data.replace(SEED_UNIT.encode(), unit.encode()).replace(SEED_NAME.encode(), name.encode())
    data = data.replace(SEED_UNIT[:3].encode() + b"-", unit[:3].encode() + b"-")
    return data.replace(b"-JBN-", tag).replace(b"-YCN-", tag)


def make_units(folder: Path, count: int) -> list[Path]:
    """``count`` unit workbooks in ``folder``: one per shape built with openpyxl, then copies
    whose XML parts are patched per unit (fast enough for thousands of files)."""
    from workbook_tools.outputs.filled_book import write_workbook

    seed = json.loads(SEED.read_text(encoding="utf-8"))
    shapes: list[list[tuple[zipfile.ZipInfo, bytes]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape in range(SHAPES):
            path = write_workbook(shape_data(seed, shape), Path(tmp) / f"shape{shape}.xlsx")
            with zipfile.ZipFile(path) as book:
                shapes.append([(info, book.read(info)) for info in book.infolist()])
    paths = []
    for i in range(count):
        unit, name = unit_identity(i)
        path = folder / f"{unit}_{name}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in shapes[i % SHAPES]:
                if info.filename.startswith(PATCHED_PARTS):
                    data = patch(data, i)
                target.writestr(info, data)
        paths.append(path)
    return paths


def link_units(source: list[Path], folder: Path) -> None:
    """The first files of a larger set, as hard links (copies where links are refused)."""
    for path in source:
        try:
            os.link(path, folder / path.name)
        except OSError:
            shutil.copyfile(path, folder / path.name)


# --------------------------------------------------------------------------- measuring a process


@dataclass
class Run:
    seconds: float
    largest_mb: float  # the largest single process (maxrss of the process and its children)
    tree_mb: float  # summed RSS of the process tree, sampled
    error: str = ""


def _children() -> dict[int, list[int]]:
    """Every process's children (from /proc/*/stat: /proc/PID/task/*/children may be absent)."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_bytes()
            except OSError:
                continue
            parent = int(stat.rsplit(b")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    """The resident set of a process in KiB; 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_kb(root: int) -> tuple[int, int]:
    """The summed and the largest RSS of a process and its descendants, in KiB."""
    children = _children()
    total, largest, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        rss = _rss_kb(pid)
        total, largest = total + rss, max(largest, rss)
        todo.extend(children.get(pid, []))
    return total, largest


def measure(command: list[str]) -> Run:
    """Run a command to its end: wall-clock time, largest process, sampled process tree.

    The largest process comes from GNU time (the maxrss of the process and of its children, as
    the kernel counts it). Not from ``os.wait4`` here: a child spawned by this process inherits
    this process's own peak as its maxrss (vfork then exec), so a small job would look as
    big as the benchmark. Without /usr/bin/time the largest sampled process is shown.
    """
    peaks = [0, 0]
    done = threading.Event()
    with tempfile.NamedTemporaryFile() as err, tempfile.NamedTemporaryFile("r") as maxrss:
        if Path(GNU_TIME).exists():
            command = [GNU_TIME, "-f", "%M", "-o", maxrss.name, *command]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)

        def sample() -> None:
            while not done.wait(SAMPLE_EVERY):
                peaks[:] = map(max, peaks, _tree_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = process.wait()
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        error = ""
        if returncode not in (0, 1):  # consolidate: 1 = written, errors found in the units
            err.seek(0)
            tail = err.read().decode(errors="replace").strip().splitlines()[-5:]
            error = f"exit code {returncode}: " + " | ".join(tail)
        counted = maxrss.read().split()
    largest = int(counted[-1]) / 1024 if counted and counted[-1].isdigit() else peaks[1] / 1024
    return Run(seconds, largest, max(largest, peaks[0] / 1024), error)  # a tree holds its largest


# --------------------------------------------------------------------------- the jobs


Shape = dict[str, tuple[int, int]]  # sheet title -> (rows, columns) of our output workbook


def output_shape(path: Path) -> Shape:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    shape = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        shape[name] = (len(rows), max((len(row) for row in rows), default=0))
    return shape


def repeated_codes(path: Path) -> int:
    """F004 findings in our output: 0 when every unit's project codes are its own, as generated."""
    from python_calamine import CalamineWorkbook

    from workbook_tools.labels import SHEET_ISSUES

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(SHEET_ISSUES).to_python()
    return sum(row.count("F004") for row in rows)


def _share(total: int, i: int, count: int) -> int:
    """File i's part of ``total`` rows spread evenly over ``count`` files."""
    return total * (i + 1) // count - total * i // count


def naive_job(folder: Path, out: Path, shape: Shape) -> None:
    """(a) What a Python user writes with pandas (openpyxl reads and writes)."""
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    departments, projects = [], []
    for path in sorted(folder.glob("*.xlsx")):
        sheets = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl")
        for title, frame in sheets.items():
            if title == "部门整体":
                departments.append(frame)
            elif title not in ("填报说明", "下拉列表"):
                projects.append(frame)
    tables = {"department": pd.concat(departments, ignore_index=True), "project": pd.concat(projects)}
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for title, (rows, columns) in shape.items():
            table = tables["department" if title == "单位汇总" else "project"]
            picked = table.iloc[[r % len(table) for r in range(max(rows - 1, 0))]]  # the header is a row
            picked = picked.iloc[:, [c % table.shape[1] for c in range(columns)]]
            picked.columns = range(columns)
            picked.to_excel(writer, sheet_name=title, index=False)


def floor_job(folder: Path, out: Path, shape: Shape) -> None:
    """(b) The floor: every value read with python-calamine, the output rows streamed by XlsxWriter."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    paths = sorted(folder.glob("*.xlsx"))
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    sheets = {title: book.add_worksheet(title) for title in shape}
    written = dict.fromkeys(shape, 0)
    for title, sheet in sheets.items():
        if shape[title][0]:
            sheet.write_row(0, 0, [f"列{c + 1}" for c in range(shape[title][1])])
            written[title] = 1
    for i, path in enumerate(paths):
        workbook = CalamineWorkbook.from_path(str(path))
        values = [
            value
            for name in workbook.sheet_names
            for row in workbook.get_sheet_by_name(name).to_python()
            for value in row
            if value != ""
        ] or [""]
        cycle = _cycle(values)
        for title, sheet in sheets.items():
            rows, columns = shape[title]
            for _ in range(_share(max(rows - 1, 0), i, len(paths))):
                sheet.write_row(written[title], 0, [next(cycle) for _ in range(columns)])
                written[title] += 1
    book.close()


def _cycle(values: list[Any]) -> Iterator[Any]:
    while True:
        yield from values


def ours_command(folder: Path, out: Path, workers: int) -> list[str]:
    script = Path(sys.executable).parent / "workbook-tools"
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "workbook_tools.hosts.cli"]
    return [*cli, "consolidate", str(folder), "-o", str(out), "--workers", str(workers)]


def job_command(job: str, folder: Path, out: Path, shape: Shape) -> list[str]:
    return [sys.executable, __file__, "--job", job, str(folder), str(out), json.dumps(shape)]


def pandas_missing() -> bool:
    probe = [sys.executable, "-c", "import pandas"]
    return subprocess.run(probe, capture_output=True, check=False).returncode != 0


# --------------------------------------------------------------------------- one N, and the report


@dataclass
class Result:
    units: int
    repeated: int = 0  # F004 findings (a project code in two units): 0 expected
    shape: Shape = field(default_factory=dict)
    runs: dict[str, list[Run]] = field(default_factory=dict)

    def ms(self, job: str) -> float | None:
        good = [run.seconds for run in self.runs.get(job, []) if not run.error]
        return statistics.median(good) * 1000 / self.units if good else None

    def peak(self, job: str) -> tuple[float, float] | None:
        good = [run for run in self.runs.get(job, []) if not run.error]
        if not good:
            return None
        return max(run.largest_mb for run in good), max(run.tree_mb for run in good)


def bench(n: int, units: Path, outs: Path, workers: int, repeat: int, naive: bool) -> Result:
    result = Result(n)
    ours = {"c1": 1, "c2": workers}
    shape_from = outs / "c1.xlsx"
    for round_ in range(repeat):
        for job, count in (ours if round_ % 2 == 0 else dict(reversed(ours.items()))).items():
            result.runs.setdefault(job, []).append(measure(ours_command(units, outs / f"{job}.xlsx", count)))
        if not result.shape:
            if not shape_from.exists():
                error = result.runs["c1"][-1].error
                print(f"  N={n}: consolidate wrote nothing ({error}); (a) and (b) skipped")
                return result
            result.shape = output_shape(shape_from)
            result.repeated = repeated_codes(shape_from)
        others = ["b", "a"] if naive else ["b"]
        for job in others if round_ % 2 == 0 else reversed(others):
            name = "naive" if job == "a" else "floor"
            command = job_command(name, units, outs / f"{job}.xlsx", result.shape)
            result.runs.setdefault(job, []).append(measure(command))
    return result


def _fmt(value: float | None, spec: str = "8.1f") -> str:
    return format(value, spec) if value is not None else format("-", ">" + spec.split(".")[0])


def _ratio(top: float | None, bottom: float | None) -> str:
    return f"{top / bottom:8.2f}x" if top is not None and bottom else f"{'-':>9}"


def report(results: list[Result], workers: int, repeat: int) -> None:
    print()
    print(f"time: ms per file, median of {repeat} (a naive, b floor, c1 ours 1 worker, c2 ours {workers})")
    print(
        f"{'N':>6} {'a naive':>8} {'b floor':>8} {'c1':>8} {'c2':>8} "
        f"{'naive/ours':>10} {'ours/floor':>10} {'speed-up':>9}"
    )
    for r in results:
        a, b, one, two = (r.ms(job) for job in ("a", "b", "c1", "c2"))
        print(
            f"{r.units:>6} {_fmt(a)} {_fmt(b, '8.2f')} {_fmt(one)} {_fmt(two)} "
            f"{_ratio(a, two):>10} {_ratio(two, b):>10} {_ratio(one, two):>9}"
        )
    print("  targets at N=1000: naive/ours >= 5x, ours/floor <= 1.5x, speed-up (c1/c2) >= 1.4x")
    print()
    print("peak RSS, MB: largest single process / whole process tree (summed, sampled); target <= 250")
    print(f"{'N':>6} {'a naive':>15} {'b floor':>15} {'c1':>15} {'c2':>15}")
    for r in results:
        cells = []
        for job in ("a", "b", "c1", "c2"):
            peak = r.peak(job)
            cells.append(f"{peak[0]:7.0f} /{peak[1]:6.0f}" if peak else f"{'-':>15}")
        print(f"{r.units:>6} " + " ".join(cells))
    print()
    print("time linear in N? ms per file at each N (flat = linear)")
    print(f"{'job':>8} " + " ".join(f"{'N=' + str(r.units):>9}" for r in results))
    for job, label in (("a", "a naive"), ("b", "b floor"), ("c1", "c1"), ("c2", "c2")):
        print(f"{label:>8} " + " ".join(f"{_fmt(r.ms(job), '9.2f')}" for r in results))
    failed = [(r.units, job, run.error) for r in results for job, runs in r.runs.items() for run in runs]
    for units, job, error in failed:
        if error:
            print(f"  N={units} {job} failed: {error}")


def subset(paths: list[Path], n: int, base: Path, name: str) -> Path:
    folder = base / f"units_{name}"
    folder.mkdir(exist_ok=True)
    link_units(paths[:n], folder)
    return folder


def outs_for(base: Path, name: str) -> Path:
    folder = base / f"out_{name}"
    folder.mkdir(exist_ok=True)
    return folder


def use_bytecode_cache(folder: Path) -> None:
    """The jobs' processes read compiled bytecode, as from an installed package, even where
    PYTHONDONTWRITEBYTECODE is set and the source tree has no __pycache__ (nothing is written
    into the tree: the cache is in the benchmark's folder; a warm-up run fills it)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, nargs="+", default=[100, 1000], metavar="N")
    parser.add_argument("--workers", type=int, default=2, help="workers of the second consolidate run")
    parser.add_argument("--repeat", type=int, default=1, help="rounds per N (the median is shown)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the units and outputs here")
    parser.add_argument("--job", nargs=4, help=argparse.SUPPRESS)  # a job's own process
    args = parser.parse_args()
    if args.job:
        job, folder, out, shape = args.job
        run_job = naive_job if job == "naive" else floor_job
        run_job(Path(folder), Path(out), {k: (v[0], v[1]) for k, v in json.loads(shape).items()})
        return

    print(machine())
    naive = not pandas_missing()
    if not naive:
        print("pandas is not installed: the naive baseline (a) is skipped (pip install pandas)")
    base = args.keep or Path(tempfile.mkdtemp(prefix="wt-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        everything = base / f"units_{max(args.units)}"
        everything.mkdir(exist_ok=True)
        paths = make_units(everything, max(args.units))
        generated = time.perf_counter() - start
        made = f"{len(paths)} unit workbooks ({SHAPES} shapes, {PROJECTS} projects each)"
        print(f"generated {made} in {generated:.1f} s")
        use_bytecode_cache(base / "pycache")
        bench(2, subset(paths, 2, base, "warm-up"), outs_for(base, "warm-up"), args.workers, 1, naive)
        results = []
        for n in sorted(set(args.units)):
            units = everything if n == len(paths) else subset(paths, n, base, str(n))
            outs = outs_for(base, str(n))
            start = time.perf_counter()
            result = bench(n, units, outs, args.workers, args.repeat, naive)
            rows = ", ".join(f"{title} {rows}" for title, (rows, _) in result.shape.items())
            took = time.perf_counter() - start
            print(
                f"N={n}: measured in {took:.0f} s; output rows: {rows}; F004 (expected 0): {result.repeated}"
            )
            results.append(result)
        report(results, args.workers, args.repeat)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"kept in {base}")


if __name__ == "__main__":
    main()
