"""Batch speed and memory, as ratios against baselines measured in the same run.

    python benchmarks/bench_batch.py [--files 1000] [--workers 2]

Makes N distinct unit workbooks (the seed sample with its unit and project codes
rewritten, so no code repeats across units), then prints:
  - reading one workbook: python-calamine vs openpyxl (the fidelity reader is the baseline);
  - a batch of N files with 1 worker and with --workers, files per second and the speed-up;
  - the cost of the batch per file relative to validating one file alone;
  - peak memory (RSS) of the process.
No target is asserted here; read the figures.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from workbook_tools.check.profile import load_profile
from workbook_tools.check.validation import validate_file
from workbook_tools.outputs.consolidation import build_batch, collect_files, write_batch_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "dingzhou_trade_union_2020.xlsx"


def make_units(folder: Path, count: int) -> list[Path]:
    """Copies of the sample whose unit code (711002) and code prefix (711-) are unique per file."""
    with zipfile.ZipFile(SAMPLE) as source:
        members = {info: source.read(info) for info in source.infolist()}
    paths = []
    for i in range(count):
        unit = f"{100 + i % 900:03d}{i // 900:03d}"
        path = folder / f"unit_{i:04d}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in members.items():
                if info.filename.startswith("xl/worksheets/") or info.filename == "xl/sharedStrings.xml":
                    tag = "".join(chr(65 + (i // 26**k) % 26) for k in range(3)).encode()
                    data = data.replace(b"711002", unit.encode()).replace(b"711-", unit[:3].encode() + b"-")
                    data = data.replace(b"-JBN-", b"-" + tag + b"-").replace(b"-YCN-", b"-" + tag + b"-")
                target.writestr(info, data)
        paths.append(path)
    return paths


def timed(fn, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    profile = load_profile()

    openpyxl_one = timed(lambda: validate_file(SAMPLE, profile, "openpyxl"), 10)
    calamine_one = timed(lambda: validate_file(SAMPLE, profile, "calamine"), 10)
    print(f"one workbook, openpyxl reader : {openpyxl_one * 1000:8.1f} ms  (baseline)")
    ratio = openpyxl_one / calamine_one
    print(f"one workbook, calamine reader : {calamine_one * 1000:8.1f} ms  ({ratio:.1f}x faster)")

    folder = Path(tempfile.mkdtemp(prefix="wt-bench-"))
    try:
        make_units(folder, args.files)
        paths = collect_files([folder])
        serial = timed(lambda: build_batch(paths, profile, workers=1))
        parallel = timed(lambda: build_batch(paths, profile, workers=args.workers))
        batch = build_batch(paths, profile, workers=args.workers)
        write = timed(lambda: write_batch_workbook(batch, folder / "out" / "all.xlsx"))
        codes = sum(1 for f in (f for r in batch.reports for f in r.findings) if f.code == "F004")
        n = len(paths)
        print(f"batch of {n} files, 1 worker     : {serial:8.2f} s   ({n / serial:6.0f} files/s)")
        print(
            f"batch of {len(paths)} files, {args.workers} workers    : {parallel:8.2f} s   "
            f"({len(paths) / parallel:6.0f} files/s, {serial / parallel:.2f}x the 1-worker speed)"
        )
        print(f"per file in the batch vs alone : {serial / len(paths) / calamine_one:8.2f}x")
        rows = len(batch.tables["指标明细表"])
        print(f"writing the consolidated book  : {write:8.2f} s   ({rows} indicator rows)")
        print(f"cross-unit duplicate codes     : {codes} (expected 0: codes are unique per unit)")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (RSS)              : {peak:8.0f} MB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
