"""Consolidation: one unit's workbook (adds 项目汇总表/指标明细表/部门概况) and a batch of many.

A batch reads every workbook under the given folders (python-calamine, in parallel
with ``workers`` processes), validates each, finds project codes repeated across
units (F004), and writes one workbook (单位汇总, 项目汇总表, 指标明细表, 校验问题,
文件清单), optionally an HTML report and CSV files. One broken file never stops it;
the output order is the sorted input order whatever the number of workers.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook

from . import labels as L
from .atomic import save_workbook, write_atomically
from .profile import Profile
from .readers import EXTENSIONS
from .rules import RULES, sort_findings
from .rules.messages import DUPLICATE_IN_FILE, DUPLICATE_MORE
from .sheets import write_overview, write_table
from .tables import files_table, indicator_table, issues_table, overview, project_table, unit_table
from .validate import FileReport, validate_file

UNIT_SHEETS = (L.SHEET_SUMMARY, L.SHEET_INDICATORS, L.SHEET_OVERVIEW)
MAX_LISTED = 3  # other files named in a cross-file F004 message


def consolidate_workbook(source: Path, target: Path, profile: Profile) -> FileReport:
    """Add (or refresh) 项目汇总表, 指标明细表 and 部门概况 to a unit's workbook.

    The input sheets are not changed; the result is written atomically to ``target``
    (which may be ``source`` itself). Returns the validation report the tables count.
    """
    report = validate_file(source, profile)
    if report.model is None:
        return report
    wb = load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", rich_text=True)
    for title in UNIT_SHEETS:
        if title in wb.sheetnames:
            del wb[title]
    write_table(wb, L.SHEET_SUMMARY, project_table([report], profile))
    write_table(wb, L.SHEET_INDICATORS, indicator_table([report], profile))
    figures, rows = overview(report, profile)
    write_overview(wb, figures, rows)
    save_workbook(wb, target)
    return report


def collect_files(inputs: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """Workbooks under the given folders (recursively) and the given files, sorted, de-duplicated.

    Excel's lock files (``~$name.xlsx``) and the excluded paths (the outputs) are skipped;
    a file named explicitly is kept whatever its extension, so it shows up as unreadable.
    """
    skip = {p.resolve() for p in exclude}
    found: dict[Path, Path] = {}
    for item in inputs:
        if item.is_dir():
            candidates = [p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS]
        else:
            candidates = [item]
        for path in candidates:
            if path.name.startswith("~$") or path.resolve() in skip:
                continue
            found.setdefault(path.resolve(), path)
    return sorted(found.values(), key=lambda p: str(p))


def _validate(job: tuple[Path, Profile]) -> FileReport:
    path, profile = job
    return validate_file(path, profile)


def validate_many(
    paths: list[Path], profile: Profile, workers: int = 1, progress: bool = False
) -> list[FileReport]:
    """Validate files in input order, with a process pool when ``workers`` > 1."""
    from tqdm import tqdm

    jobs = [(path, profile) for path in paths]
    bar = {"total": len(jobs), "disable": not progress, "unit": "个文件", "file": sys.stderr, "desc": "读取"}
    if workers <= 1 or len(jobs) <= 1:
        return [_validate(job) for job in tqdm(jobs, **bar)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunk = max(1, min(32, len(jobs) // (workers * 8)))
        return list(tqdm(pool.map(_validate, jobs, chunksize=chunk), **bar))


def add_cross_file_duplicates(reports: list[FileReport]) -> None:
    """F004 for a project code that appears in the workbooks of two or more files."""
    where: dict[str, list[tuple[FileReport, object]]] = {}
    for report in reports:
        if report.model is None:
            continue
        for project in report.model.projects:
            if project.code.value:
                where.setdefault(project.code.value, []).append((report, project))
    for code, places in where.items():
        if len({report.path for report, _ in places}) < 2:
            continue
        for report, project in places:
            others = [(r, p) for r, p in places if r.path != report.path]
            listed = "；".join(
                DUPLICATE_IN_FILE.format(file=r.path, unit=r.model.unit_name, sheet=p.sheet)
                for r, p in others[:MAX_LISTED]
            )
            if len(others) > MAX_LISTED:
                listed += DUPLICATE_MORE.format(count=len(others))
            report.findings.append(RULES["F004"].at(project.code.loc, code=code, other=listed))
    for report in reports:
        if report.model is not None:
            report.findings[:] = sort_findings(report.findings, report.model.sheets)


@dataclass
class Batch:
    """The result of a batch: the per-file reports and the tables built from them."""

    reports: list[FileReport]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def units(self) -> int:
        return sum(1 for r in self.reports if r.model is not None)

    @property
    def unreadable(self) -> int:
        return sum(1 for r in self.reports if r.model is None)

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.reports)

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.reports)


def build_batch(paths: list[Path], profile: Profile, workers: int = 1, progress: bool = False) -> Batch:
    reports = validate_many(paths, profile, workers, progress)
    add_cross_file_duplicates(reports)
    batch = Batch(reports)
    batch.tables = {
        L.SHEET_UNITS: unit_table(reports, profile),
        L.SHEET_SUMMARY: project_table(reports, profile),
        L.SHEET_INDICATORS: indicator_table(reports, profile),
        L.SHEET_ISSUES: issues_table(reports),
        L.SHEET_FILES: files_table(reports),
    }
    return batch


def write_batch_workbook(batch: Batch, target: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, table in batch.tables.items():
        write_table(wb, title, table)
    return save_workbook(wb, target)


def write_csv(batch: Batch, folder: Path) -> list[Path]:
    """Each table as a CSV file (UTF-8 with BOM, so Excel opens the Chinese correctly)."""
    written = []
    for title, table in batch.tables.items():
        path = folder / f"{title}.csv"
        written.append(
            write_atomically(path, lambda tmp, t=table: t.to_csv(tmp, index=False, encoding="utf-8-sig"))
        )
    return written


def write_report(batch: Batch, target: Path, profile: Profile) -> Path:
    from .reports import render_batch_html

    html = render_batch_html(batch, profile)
    return write_atomically(target, lambda tmp: tmp.write_text(html, encoding="utf-8"))
