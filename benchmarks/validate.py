"""Cold start of `validate` on the sample against merely opening it with openpyxl.

    python benchmarks/validate.py [--runs 7]

Two commands, each a fresh Python process, run alternately --runs times each, after one
unmeasured run of each (so that files are in the OS cache and compiled bytecode in a private
cache for both, as for an installed package: see use_bytecode_cache):

  ours      python -m workbook_tools.hosts.cli validate samples/dingzhou_trade_union_2020.xlsx
            (start-up, imports, reading, every rule, the report printed);
  openpyxl  python -c "import openpyxl; openpyxl.load_workbook('samples/…xlsx')"
            (start-up, import, loading the workbook, nothing else).

Figures: the median wall-clock time of each, in ms, and ours / openpyxl (target <= 0.5).
Nothing is asserted; read the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "dingzhou_trade_union_2020.xlsx"

COMMANDS = {
    "ours": [sys.executable, "-m", "workbook_tools.hosts.cli", "validate", str(SAMPLE)],
    "openpyxl": [sys.executable, "-c", f"import openpyxl; openpyxl.load_workbook({str(SAMPLE)!r})"],
}


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        models = [
            line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")
        ]
        cpu = models[0].split(":", 1)[1].strip() if models else cpu
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"machine: {os.cpu_count()} cores ({usable} usable), {cpu}; "
        f"Python {platform.python_version()} on {platform.system()} {platform.release()}; "
        f"load average {os.getloadavg()[0]:.2f} (other work on the machine skews the figures)"
    )


def use_bytecode_cache(folder: str) -> None:
    """Both processes read compiled bytecode, as from an installed package, even where
    PYTHONDONTWRITEBYTECODE is set and the source tree has no __pycache__ (the cache is a
    temporary folder, filled by the warm-up run; nothing is written into the tree)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = folder


def timed(command: list[str]) -> float:
    """Wall-clock seconds of one process; validate exits 1 when it finds errors, which is fine."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {' | '.join(tail)}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each command (>= 7)")
    args = parser.parse_args()
    print(machine())
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    with tempfile.TemporaryDirectory(prefix="wt-pyc-") as cache:
        use_bytecode_cache(cache)
        for command in COMMANDS.values():
            timed(command)  # warm-up: the OS file cache, the bytecode cache
        for run in range(max(args.runs, 1)):
            order = list(COMMANDS) if run % 2 == 0 else list(reversed(COMMANDS))
            for name in order:
                times[name].append(timed(COMMANDS[name]))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    for name, values in times.items():
        spread = f"min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f}"
        print(f"{name:>8}: median {medians[name]:6.0f} ms over {len(values)} runs ({spread})")
    ratio = medians["ours"] / medians["openpyxl"]
    print(f"ours / openpyxl.load_workbook: {ratio:.2f} (target <= 0.5)")


if __name__ == "__main__":
    main()
