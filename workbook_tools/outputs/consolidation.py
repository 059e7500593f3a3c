"""Consolidation: one unit's workbook (adds 项目汇总表/指标明细表/部门概况) and a batch of many.

A batch reads every workbook under the given folders (python-calamine, in parallel
with ``workers`` processes), validates each, finds project codes repeated across
units (F004), and writes one workbook (单位汇总, 项目汇总表, 指标明细表, 校验问题,
文件清单), optionally an HTML report and CSV files. One broken file never stops it;
the output order is the sorted input order whatever the number of workers.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from workbook_tools import labels as L
from workbook_tools.check import check_batch, read_error_findings, sort_findings
from workbook_tools.check.profile import Profile
from workbook_tools.check.validation import FileReport, validate_file
from workbook_tools.outputs.atomic import save_workbook, write_atomically
from workbook_tools.outputs.cell_text import for_csv
from workbook_tools.outputs.file_marks import apply_print_form
from workbook_tools.outputs.mark_plan import print_plan
from workbook_tools.outputs.package import Package
from workbook_tools.outputs.sheet_transplant import transplant_sheets
from workbook_tools.outputs.table_sheets import write_overview, write_table
from workbook_tools.outputs.tables import (
    INDICATOR_COLUMNS,
    TOTAL,
    Table,
    combined_totals,
    digest,
    files_table,
    indicator_table,
    issues_table,
    overview,
    project_table,
    unit_table,
    worded,
)
from workbook_tools.outputs.unit_sheets import overview_plan, unit_tables
from workbook_tools.read.files import EXTENSIONS, OTHER_SPREADSHEETS
from workbook_tools.read.problems import ReadError, ReadProblem

BATCH_SHEETS = (L.SHEET_UNITS, L.SHEET_SUMMARY, L.SHEET_INDICATORS, L.SHEET_ISSUES, L.SHEET_FILES)
PART_FILES = 250  # files whose rows of a table are built at a time when nothing keeps the tables
IN_FLIGHT = 4  # files queued per worker, so no worker waits for the parent between files
UNIT_SHEETS = (L.SHEET_SUMMARY, L.SHEET_INDICATORS, L.SHEET_OVERVIEW)


def consolidate_workbook(
    source: Path, target: Path, profile: Profile, report: FileReport | None = None
) -> FileReport:
    """Add (or refresh) 项目汇总表, 指标明细表 and 部门概况 to a unit's workbook.

    The sheets are written by openpyxl into a fresh workbook and transplanted into the
    user's package, so every other part keeps its bytes (pictures, shapes, charts, VBA,
    cached formula values...), but for the project sheets' print form as validate keeps it
    (titles, rows that need more height for their text, empty rows hidden); old copies of
    the three sheets are replaced, so refreshing gives the same workbook as consolidating once.
    The result is written atomically to ``target`` (which may be ``source`` itself). Returns
    the validation report the tables count.
    """
    report = report or validate_file(source, profile)
    if report.model is None:
        return report
    donor = Workbook()
    donor.remove(donor.active)
    for title, table, heading in unit_tables(report, profile):
        write_table(donor, title, table, heading=heading)
    write_overview(donor, overview_plan(*overview(report, profile)))
    data = io.BytesIO()
    donor.save(data)
    package = Package.open(source)
    apply_print_form(package, print_plan(report))  # titles kept current, rows tall enough for their text
    for title in UNIT_SHEETS:
        package.remove_sheet(title)
    transplant_sheets(package, data.getvalue(), list(UNIT_SHEETS))
    write_atomically(target, lambda tmp: tmp.write_bytes(package.to_bytes()))
    return report


def collect_files(inputs: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """Workbooks under the given folders (recursively) and the given files, sorted, de-duplicated.

    Excel's lock files (``~$name.xlsx``) and the excluded paths (the outputs) are skipped;
    a file named explicitly is kept whatever its extension, so it shows up as unreadable.
    """
    skip = {real_path(p) for p in exclude}
    found: dict[Path, Path] = {}
    for item in inputs:
        candidates = _spreadsheets_under(item) if item.is_dir() else [item]
        for path in candidates:
            if path.name.startswith("~$") or real_path(path) in skip:
                continue
            found.setdefault(real_path(path), path)
    return sorted(found.values(), key=lambda p: str(p))


def real_path(path: Path) -> Path:
    """The path with links resolved, or as it is when they lead in a circle."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _spreadsheets_under(folder: Path) -> list[Path]:
    """Every spreadsheet-like file below a folder, read or not (the others are listed with a
    reason), and links that lead nowhere or in a circle. Links to folders are not followed."""
    listed = (*EXTENSIONS, *OTHER_SPREADSHEETS)
    found = []
    for path in folder.rglob("*"):
        if path.suffix.lower() in listed and (path.is_file() or (path.is_symlink() and not path.exists())):
            found.append(path)
        elif path.is_symlink() and path.is_dir() and real_path(path.parent).is_relative_to(real_path(path)):
            found.append(path)  # a folder link back up the tree: listed as a loop
    return found


def read_unit(path: Path, profile: Profile) -> FileReport:
    """The per-file step of a batch, a pure function of a path: read, parse, check, digest.

    Its result is small (table rows and findings) and can be made on any machine; the
    merge step (:func:`merge_batch`) takes the results of every part of a batch."""
    return digest(validate_file(path, profile, batch_rules=False), profile)


@dataclass(frozen=True)
class Render:
    """What a worker renders of its file for the sheet the parent streams (指标明细表)."""

    styles: dict[Any, int]
    keep_rows: bool  # a report or CSV wants the rows themselves too


Job = tuple[Path, Profile, Render | None]


def _validate(job: Job) -> FileReport:
    path, profile, render = job
    report = read_unit(path, profile)
    if render is not None and report.digest is not None:
        from workbook_tools.outputs.batch_book import render_rows

        rows = indicator_table([report], profile).rows
        report.digest.rendered = render_rows(INDICATOR_COLUMNS, rows, render.styles)
        if not render.keep_rows:
            report.digest.indicator_rows = []
    return report


class _InOrder:
    """Hands results on in input order as they complete (out of order) in the workers."""

    def __init__(self, done: dict[int, FileReport], on_report: Callable[[FileReport], None] | None) -> None:
        self.done, self.on_report, self.next = done, on_report, 0

    def __call__(self) -> None:
        while self.next in self.done:
            if self.on_report is not None:
                self.on_report(self.done[self.next])
            self.next += 1


def validate_many(
    paths: list[Path],
    profile: Profile,
    workers: int = 1,
    progress: bool = False,
    batch_rules: bool = True,
    on_report: Callable[[FileReport], None] | None = None,
    render: Render | None = None,
) -> list[FileReport]:
    """Validate files in worker processes; ``on_report`` gets each report in input order as
    soon as it and those before it are read (the parent writes while workers read). Then
    the batch rules (F004 across files) run over all of them. With ``render``, the workers
    also render their rows of the streamed sheet (see :class:`Render`)."""
    jobs: list[Job] = [(path, profile, render) for path in paths]
    reports: dict[int, FileReport] = {}
    arrived = _InOrder(reports, on_report)
    bar = _progress(range(len(jobs)), len(jobs), progress)
    pending = list(range(len(jobs)))
    while pending:
        suspects = _read_in_pool(jobs, pending, workers, reports, bar, arrived)
        for i in suspects:  # the pool broke: read each file it was reading on its own
            reports[i] = _read_alone(jobs[i])
            next(bar, None)
            arrived()
        pending = [i for i in pending if i not in reports]
    ordered = [reports[i] for i in range(len(jobs))]
    if batch_rules:
        add_batch_findings(ordered, profile)
    return ordered


def _read_in_pool(
    jobs: list[Job],
    pending: list[int],
    workers: int,
    done: dict[int, FileReport],
    bar: Iterator[Any],
    arrived: Callable[[], None],
) -> list[int]:
    """Read files in worker processes, a few queued per worker (a native crash in a reader
    kills only its process). Returns the files in flight when the pool broke, or [] when done."""
    queue = iter(pending)
    flying: dict[Future[FileReport], int] = {}
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        if not _submit(pool, flying, jobs, islice(queue, IN_FLIGHT * max(1, workers))):
            return sorted(flying.values())
        while flying:
            finished, _ = wait(flying, return_when=FIRST_COMPLETED)
            for future in finished:
                i = flying.pop(future)
                try:
                    done[i] = future.result()
                except BrokenProcessPool:
                    return sorted([i, *flying.values()])
                next(bar, None)
                if not _submit(pool, flying, jobs, islice(queue, 1)):  # keep the workers busy
                    return sorted(flying.values())
                arrived()
    return []


def _submit(
    pool: ProcessPoolExecutor, flying: dict[Future[FileReport], int], jobs: list[Job], indexes: Iterable[int]
) -> bool:
    """Queue files on the pool; False when the pool broke meanwhile (a worker died: the files
    in flight are the suspects, the one not queued is read again later)."""
    for i in indexes:
        try:
            flying[pool.submit(_validate, jobs[i])] = i
        except BrokenProcessPool:
            return False
    return True


def _read_alone(job: Job) -> FileReport:
    """Read one file in a process of its own; a crash makes it unreadable, not the batch."""
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(_validate, job).result()
    except BrokenProcessPool:
        return FileReport(str(job[0]), None, read_error_findings(ReadError(ReadProblem.CRASHED)))


def _progress(items: Iterable[Any], total: int, shown: bool) -> Iterator[Any]:
    """The items, with a progress bar on stderr when ``shown`` and tqdm is installed (the cli extra)."""
    if shown:
        try:
            from tqdm import tqdm
        except ImportError:
            pass
        else:
            bar = {"total": total, "unit": L.PROGRESS_UNIT, "file": sys.stderr}
            return iter(tqdm(items, desc=L.PROGRESS_READING, **bar))
    return iter(items)


def add_batch_findings(reports: list[FileReport], profile: Profile) -> None:
    """The batch rules' findings (a project code repeated in a workbook or across files)."""
    read = [r for r in reports if r.model is not None]
    found = check_batch([r.model for r in read if r.model is not None], profile)
    for report in read:
        assert report.model is not None
        report.findings[:] = sort_findings(report.findings + found.get(report.path, []), report.model.sheets)


@dataclass
class Batch:
    """The result of a batch: the per-file reports and the tables built from them."""

    reports: list[FileReport]
    tables: dict[str, Table] = field(default_factory=dict)

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
    return merge_batch(validate_many(paths, profile, workers, progress, batch_rules=False), profile)


def build_and_write_batch(
    paths: list[Path],
    profile: Profile,
    target: Path,
    workers: int = 1,
    progress: bool = False,
    keep_indicators: bool = True,
) -> Batch:
    """Read, check and write the batch workbook at ``target`` in one go: the largest sheet
    (指标明细表, which no batch rule changes) is written while the workers read; the others,
    which the batch rules complete, at the end. Without ``keep_indicators`` (no report or
    CSV wants them) each file's indicator rows are let go once written: memory stays flat."""
    from importlib.util import find_spec

    if find_spec("xlsxwriter") is None:  # pragma: no cover - the cli extra brings XlsxWriter
        batch = build_batch(paths, profile, workers, progress)
        _write_with_openpyxl(batch, target)
        return batch
    from workbook_tools.outputs.batch_book import BatchBook

    book = BatchBook(target, list(BATCH_SHEETS))
    stream = book.stream(L.SHEET_INDICATORS, INDICATOR_COLUMNS)
    reports = validate_many(
        paths,
        profile,
        workers,
        progress,
        batch_rules=False,
        on_report=lambda report: _stream_indicators(report, profile, stream),
        render=Render(book.styles, keep_indicators),
    )
    if keep_indicators:
        batch = merge_batch(reports, profile)
        book.finish(batch.tables.items())
    else:  # nothing else wants the tables: each is built, written and let go in turn
        add_batch_findings(reports, profile)
        batch = Batch(reports)
        book.finish(table_parts(reports, profile, skip=L.SHEET_INDICATORS))
    return batch


def _stream_indicators(report: FileReport, profile: Profile, stream: Any) -> None:
    """Append a file's rows to the streamed sheet: rendered by its worker, or here."""
    if report.digest is not None and report.digest.rendered is not None:
        stream.add_rendered(report.digest.rendered)
        report.digest.rendered = None
    else:
        stream.add(indicator_table([report], profile).rows)


def merge_batch(reports: list[FileReport], profile: Profile) -> Batch:
    """The merge step: the batch rules over all reports (from one machine or many), then the tables."""
    add_batch_findings(reports, profile)
    return Batch(reports, dict(batch_tables(reports, profile)))


def batch_tables(reports: list[FileReport], profile: Profile) -> Iterator[tuple[str, Table]]:
    """The batch's tables in sheet order."""
    return ((title, build(reports)) for title, build in _table_builders(profile).items())


def _table_builders(profile: Profile) -> dict[str, Callable[[list[FileReport]], Table]]:
    return {
        L.SHEET_UNITS: lambda reports: unit_table(reports, profile),
        L.SHEET_SUMMARY: lambda reports: project_table(reports, profile),
        L.SHEET_INDICATORS: lambda reports: indicator_table(reports, profile),
        L.SHEET_ISSUES: issues_table,
        L.SHEET_FILES: files_table,
    }


def table_parts(reports: list[FileReport], profile: Profile, skip: str) -> Iterator[tuple[str, Table]]:
    """The batch's tables (but ``skip``) in sheet order, each in parts of ``PART_FILES`` files,
    its 合计 row last: so a part can be written and let go before the next is built."""
    for title, build in _table_builders(profile).items():
        if title == skip:
            continue
        totals = []
        for start in range(0, max(1, len(reports)), PART_FILES):
            part = build(reports[start : start + PART_FILES])
            if part.rows and part.rows[-1] and part.rows[-1][0] is TOTAL:
                totals.append(part.rows.pop())
            yield title, part
        if totals:
            yield title, Table(part.columns, [combined_totals(totals)])


def write_batch_workbook(batch: Batch, target: Path) -> Path:
    """The consolidated workbook: streamed by XlsxWriter, or openpyxl without it (core install)."""
    from importlib.util import find_spec

    if find_spec("xlsxwriter") is None:  # pragma: no cover - the cli extra brings XlsxWriter
        return _write_with_openpyxl(batch, target)
    from workbook_tools.outputs.batch_book import write_batch_book

    return write_atomically(target, partial(write_batch_book, batch))


def _write_with_openpyxl(batch: Batch, target: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, table in batch.tables.items():
        write_table(wb, title, table)
    return save_workbook(wb, target)


def write_csv(batch: Batch, folder: Path) -> list[Path]:
    """Each table as a CSV file (UTF-8 with BOM, so Excel opens the Chinese correctly)."""
    written = []
    for title, table in batch.tables.items():
        shown = worded(table)
        path = folder / f"{title}.csv"
        written.append(write_atomically(path, partial(_to_csv, shown)))
    return written


def _to_csv(table: Table, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator=os.linesep)
        writer.writerow([for_csv(c) for c in table.columns])
        writer.writerows([for_csv(v) for v in row] for row in table.rows)


def write_report(batch: Batch, target: Path, profile: Profile) -> Path:
    from workbook_tools.outputs.reports import render_batch_html

    html = render_batch_html(batch, profile)
    return write_atomically(target, lambda tmp: tmp.write_text(html, encoding="utf-8"))
