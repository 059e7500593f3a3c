"""The jobs the hosts run: one function each, typed results, typed exceptions.

The CLI (and any script) calls these, as sqlite-utils' ``cli.py`` calls ``db.py``: the
decisions — which files can be marked, where outputs go, backups, folders, exit codes —
live here; the CLI parses arguments, calls one function, renders and exits.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from workbook_tools.check import Finding, read_error_findings
from workbook_tools.check.profile import Profile
from workbook_tools.check.validation import FileReport, validate_file
from workbook_tools.read.files import WRITABLE, Engine, sniff
from workbook_tools.read.problems import ReadError, ReadProblem

if TYPE_CHECKING:
    from workbook_tools.outputs.consolidation import Batch
    from workbook_tools.outputs.figures import UnitFigures
    from workbook_tools.parse.model import WorkbookModel
    from workbook_tools.parse.published_document import Unplaced

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
T = TypeVar("T")


class Usage(str, Enum):
    """A command used wrongly (worded by ``labels.USAGE``)."""

    OUTPUT_AND_IN_PLACE = "output_and_in_place"
    OUTPUT_NOT_FOLDER = "output_not_folder"
    IN_PLACE_NEEDS_ONE = "in_place_needs_one"
    BATCH_NEEDS_OUTPUT = "batch_needs_output"
    NOT_FOUND = "not_found"  # paths
    NO_WORKBOOKS = "no_workbooks"
    EXISTS = "exists"  # path
    OUTPUT_IS_INPUT = "output_is_input"  # path
    REPORT_FORMAT = "report_format"  # path, format, implied
    REPORT_NOT_HTML = "report_not_html"  # path
    IMPORT_OUTPUT = "import_output"  # path: `import` writes a workbook (.xlsx/.xlsm) only
    DOCX_OUTPUT_FOLDER = "docx_output_folder"  # path
    DOCX_SUFFIX = "docx_suffix"  # path


class UsageProblem(Exception):
    def __init__(self, usage: Usage, **values: str) -> None:
        super().__init__(usage.value)
        self.usage = usage
        self.values = values


class FileProblem(Exception):
    """A file the job cannot use, with the rule findings (X001/X002) that say why."""

    def __init__(self, path: Path, findings: list[Finding]) -> None:
        super().__init__(str(path))
        self.path = path
        self.findings = findings


class WriteProblem(Exception):
    """An output that could not be saved (open in Excel, no permission, a folder …); the
    inputs are untouched."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def same_file(a: Path, b: Path) -> bool:
    """Whether two spellings name one file (links, ``..``, case on Windows resolved)."""
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def refuse_overwriting(outputs: Sequence[Path | None], inputs: Sequence[Path]) -> None:
    """An output that is one of the inputs is refused (``--in-place`` says so explicitly)."""
    for output in (o for o in outputs if o is not None):
        for path in inputs:
            if same_file(output, path):
                raise UsageProblem(Usage.OUTPUT_IS_INPUT, path=str(path))


def _saving(path: Path, write: Callable[[], T]) -> T:
    try:
        return write()
    except OSError:
        raise WriteProblem(path) from None


def _problem(path: Path, problem: ReadProblem, detail: str = "") -> FileProblem:
    return FileProblem(path, read_error_findings(ReadError(problem, detail)))


#: A report file's extension → the format written into it.
REPORT_EXTENSIONS = {".html": "html", ".htm": "html", ".json": "json", ".txt": "text"}


def report_format(report: Path | None, requested: str | None, default: str = "text") -> str:
    """The format of a report: the one asked for (``--format``), else the one the report file's
    extension names, else ``default``; asked for and named differently is refused, so plain text
    never lands in an .html file. An extension not in :data:`REPORT_EXTENSIONS` names nothing."""
    implied = REPORT_EXTENSIONS.get(report.suffix.lower()) if report is not None else None
    if requested is not None and implied is not None and requested != implied:
        raise UsageProblem(Usage.REPORT_FORMAT, path=str(report), format=requested, implied=implied)
    return requested or implied or default


def backup_path(path: Path) -> Path:
    """Where an in-place write keeps the original: ``name.xlsx.bak`` beside it."""
    return path.with_name(path.name + ".bak")


# --- validate -------------------------------------------------------------------------------


@dataclass
class ValidateRun:
    """The reports, the marked copies written, and the files that could not be marked."""

    reports: list[FileReport]
    written: list[Path] = field(default_factory=list)
    unwritable: list[FileProblem] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.unwritable or any(r.model is None for r in self.reports):
            return EXIT_UNUSABLE
        return EXIT_FINDINGS if any(r.errors for r in self.reports) else EXIT_OK


def validate_paths(
    paths: Sequence[Path],
    profile: Profile,
    output: Path | None = None,
    in_place: bool = False,
    engine: Engine = "calamine",
) -> ValidateRun:
    """Validate files; with ``output`` write marked copies (a folder for several files),
    with ``in_place`` mark the files themselves (``.bak`` kept, atomic)."""
    if output is not None and in_place:
        raise UsageProblem(Usage.OUTPUT_AND_IN_PLACE)
    into_folder = output is not None and (len(paths) > 1 or output.is_dir())
    if output is not None and into_folder:
        if output.exists() and not output.is_dir():
            raise UsageProblem(Usage.OUTPUT_NOT_FOLDER)
        _saving(output, lambda: output.mkdir(parents=True, exist_ok=True))
    targets = [
        path if in_place else (output / path.name if into_folder else output) if output else None
        for path in paths
    ]
    if not in_place:
        refuse_overwriting(targets, paths)
    run = ValidateRun([validate_file(p, profile, engine) for p in paths])
    for path, report, target in zip(paths, run.reports, targets):
        if target is None or report.model is None:
            continue
        try:
            run.written.append(mark_file(path, target, report, profile))
        except FileProblem as problem:
            run.unwritable.append(problem)
    return run


def mark_file(source: Path, target: Path, report: FileReport, profile: Profile) -> Path:
    """Write ``source`` marked with its report's findings to ``target`` (may be ``source``)."""
    if source.suffix.lower() not in WRITABLE:
        raise _problem(source, ReadProblem.LEGACY_FORMAT, source.suffix)
    from workbook_tools.outputs.file_marks import write_marked
    from workbook_tools.outputs.mark_plan import plan_report

    _backup_if_in_place(source, target)
    try:
        return write_marked(source, target, plan_report(report, profile))
    except OSError:
        raise WriteProblem(target) from None
    except Exception as exc:  # noqa: BLE001 - a workbook openpyxl cannot rewrite is left alone
        raise _problem(source, ReadProblem.NOT_REWRITABLE, type(exc).__name__) from None


def _backup_if_in_place(source: Path, target: Path) -> None:
    if source.exists() and target.resolve() == source.resolve():
        shutil.copy2(source, backup_path(source))


# --- clear ----------------------------------------------------------------------------------


def clear_path(path: Path, output: Path | None = None) -> int:
    """Remove the marks of ``path`` (into ``output``, or in place with a ``.bak``); returns
    the number of cells restored."""
    from workbook_tools.read.files import read_grids

    try:
        if sniff(path) != "zip" or path.suffix.lower() not in WRITABLE:
            raise ReadError(ReadProblem.LEGACY_FORMAT, path.suffix)
        read_grids(path)  # the same bounded reading as validate: what it cannot read is not rewritten
    except ReadError as error:
        raise FileProblem(path, read_error_findings(error)) from None
    from workbook_tools.outputs.file_marks import write_cleared

    target = output or path
    _backup_if_in_place(path, target)
    try:
        return write_cleared(path, target)
    except OSError:
        raise WriteProblem(target) from None
    except Exception as exc:  # noqa: BLE001 - a package the patcher cannot follow is left alone
        raise _problem(path, ReadProblem.CORRUPT, type(exc).__name__) from None


# --- show, new --------------------------------------------------------------------------------


def unit_summary(path: Path, profile: Profile) -> UnitFigures:
    """The parsed department and projects of one workbook, with their figures."""
    from workbook_tools.outputs.figures import unit_figures
    from workbook_tools.parse import load

    try:
        model = load(path)
    except ReadError as error:
        raise FileProblem(path, read_error_findings(error)) from None
    return unit_figures(model, profile)


def new_unit_workbook(
    path: Path,
    unit_code: str,
    unit_name: str,
    year: int,
    projects: int,
    profile: Profile,
    force: bool = False,
    macros: bool = False,
) -> Path:
    """A unit's blank workbook; with ``macros`` (or an .xlsm name) the one with buttons."""
    from workbook_tools.outputs.filled_book import new_unit_workbook as build

    macros = macros or path.suffix.lower() == ".xlsm"
    path = path.with_suffix(".xlsm") if macros else path
    if path.exists() and not force:
        raise UsageProblem(Usage.EXISTS, path=str(path))
    return build(path, unit_code, unit_name, year, projects, profile, macros)


# --- consolidate ------------------------------------------------------------------------------


#: Where `consolidate FILE` writes without ``-o``: relative to the current folder, created when
#: needed, so a bundled sample's folder (``samples/``) gets no output.
DEFAULT_OUTPUT_FOLDER = Path("out")


def unit_target(path: Path, output: Path | None, in_place: bool) -> Path:
    """Where `consolidate FILE` writes: the file itself, ``-o``, or ``out/名称_汇总.xlsx``."""
    from workbook_tools import labels

    if output is not None and in_place:
        raise UsageProblem(Usage.OUTPUT_AND_IN_PLACE)
    default = DEFAULT_OUTPUT_FOLDER / f"{path.stem}{labels.UNIT_OUTPUT_SUFFIX}{path.suffix}"
    return path if in_place else output or default


def consolidate_unit(
    path: Path, profile: Profile, output: Path | None = None, in_place: bool = False
) -> tuple[Path, FileReport]:
    """Add 项目汇总表, 指标明细表 and 部门概况 to a unit's workbook: where it went, what was found."""
    target = unit_target(path, output, in_place)
    if not in_place:
        refuse_overwriting([target], [path])
    if path.suffix.lower() not in WRITABLE:
        raise _problem(path, ReadProblem.LEGACY_FORMAT, path.suffix)
    report = validate_file(path, profile)
    if report.model is None:
        raise FileProblem(path, report.findings)
    from workbook_tools.outputs.consolidation import consolidate_workbook

    _backup_if_in_place(path, target)
    _saving(target, lambda: consolidate_workbook(path, target, profile, report))
    return target, report


@dataclass
class BatchRun:
    batch: Batch
    written: list[Path]

    @property
    def exit_code(self) -> int:
        return EXIT_FINDINGS if self.batch.errors else EXIT_OK


def consolidate_batch(
    inputs: Sequence[Path],
    profile: Profile,
    output: Path | None,
    report: Path | None = None,
    csv_dir: Path | None = None,
    workers: int = 1,
    progress: bool = False,
) -> BatchRun:
    """Consolidate every workbook under the inputs into one workbook (and a report, CSVs)."""
    from workbook_tools.outputs import consolidation as c
    from workbook_tools.outputs.atomic import write_atomically

    if output is None:
        raise UsageProblem(Usage.BATCH_NEEDS_OUTPUT)
    if report is not None and REPORT_EXTENSIONS.get(report.suffix.lower(), "html") != "html":
        raise UsageProblem(Usage.REPORT_NOT_HTML, path=str(report))  # no HTML into a .json or .txt
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise UsageProblem(Usage.NOT_FOUND, paths=", ".join(missing))
    outputs = [p for p in (output, report) if p is not None]
    refuse_overwriting(outputs, [p for p in inputs if p.is_file()])
    paths = c.collect_files(inputs, exclude=outputs)
    if not paths:
        raise UsageProblem(Usage.NO_WORKBOOKS)
    made: list[Batch] = []

    def read_and_write(tmp: Path) -> None:  # the workbook is written while the files are read
        keep = report is not None or csv_dir is not None  # they list every indicator too
        made.append(c.build_and_write_batch(paths, profile, tmp, workers, progress, keep))

    written = [_saving(output, lambda: write_atomically(output, read_and_write))]
    batch = made[0]
    if report is not None:
        written.append(_saving(report, lambda: c.write_report(batch, report, profile)))
    if csv_dir is not None:
        written.extend(_saving(csv_dir, lambda: c.write_csv(batch, csv_dir)))
    return BatchRun(batch, written)


# --- export-docx ------------------------------------------------------------------------------


@dataclass
class ExportedDocument:
    """A Word document written, and the reports of the workbooks in it (one, or a unit each)."""

    path: Path
    reports: list[FileReport]


@dataclass
class ExportRun:
    """What `export-docx` did: every file's report, the documents written, the files that could
    not be read (with their X findings) and the documents that could not be saved."""

    reports: list[FileReport]
    documents: list[ExportedDocument] = field(default_factory=list)
    failed: list[FileProblem] = field(default_factory=list)
    unwritable: list[WriteProblem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """Exported workbooks whose validation found errors (their documents are written)."""
        return sum(1 for d in self.documents for r in d.reports if r.errors)

    @property
    def exit_code(self) -> int:
        """1 when a file could not be exported or an exported workbook has errors, else 0."""
        return EXIT_FINDINGS if self.failed or self.unwritable or self.errors else EXIT_OK


def export_docx(
    inputs: Sequence[Path], profile: Profile, output: Path | None = None, combined: bool = False
) -> ExportRun:
    """Write the published Word document (部门预算公开) of workbooks.

    One workbook file: one document, ``output`` (a .docx; a folder gets
    ``<单位编码><单位名称>_绩效目标.docx`` in it; default: that name in ``out/``). Folders or
    several files: every workbook under them (as `consolidate` finds them) gets its own document
    of that name in the folder ``output`` (default ``out/``), or with ``combined`` all go into one
    document (a section per unit; default ``out/绩效目标_汇总.docx``). A file that cannot be read
    is reported with its X finding and the others are exported; a workbook with validation
    errors is exported too, and counted (:attr:`ExportRun.exit_code`).
    """
    from workbook_tools import labels
    from workbook_tools.outputs.consolidation import collect_files
    from workbook_tools.outputs.public_document import document_name, write_document

    missing = [str(p) for p in inputs if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageProblem(Usage.NOT_FOUND, paths=", ".join(missing))
    single = len(inputs) == 1 and not inputs[0].is_dir()
    one_document = single or combined
    into_folder = output is not None and (output.is_dir() or not output.suffix)
    if output is not None and not into_folder:
        if not one_document:
            raise UsageProblem(Usage.DOCX_OUTPUT_FOLDER, path=str(output))
        if output.suffix.lower() != ".docx":
            raise UsageProblem(Usage.DOCX_SUFFIX, path=str(output))
    paths = list(inputs) if single else collect_files(inputs)
    if not paths:
        raise UsageProblem(Usage.NO_WORKBOOKS)
    folder = output if output is not None and into_folder else DEFAULT_OUTPUT_FOLDER
    if output is not None and not into_folder:
        refuse_overwriting([output], paths)
    run = ExportRun([validate_file(p, profile) for p in paths])
    readable = [r for r in run.reports if r.model is not None]
    run.failed = [FileProblem(Path(r.path), r.findings) for r in run.reports if r.model is None]
    if not readable:
        return run
    if one_document:
        if output is not None and not into_folder:
            target = output
        elif len(readable) == 1 and not combined:
            target = folder / document_name(_model(readable[0]), Path(readable[0].path).stem)
        else:
            target = folder / labels.DOC_COMBINED_NAME
        refuse_overwriting([target], paths)
        models = [_model(r) for r in readable]
        _saving(target, lambda: write_document(models, target))
        run.documents.append(ExportedDocument(target, readable))
        return run
    targets = _unit_targets(folder, readable, document_name)
    refuse_overwriting(targets, paths)
    for report, target in zip(readable, targets):
        try:
            _saving(target, lambda: write_document([_model(report)], target))  # noqa: B023 - called at once
        except WriteProblem as problem:
            run.unwritable.append(problem)
            continue
        run.documents.append(ExportedDocument(target, [report]))
    return run


def _model(report: FileReport) -> WorkbookModel:
    assert report.model is not None  # only readable reports get here
    return report.model


def _unit_targets(
    folder: Path, reports: Sequence[FileReport], name: Callable[[WorkbookModel, str], str]
) -> list[Path]:
    """One file per unit in ``folder``; a unit met twice (two versions of its workbook) gets
    ``_2``, ``_3`` … so that no document overwrites another of the same run."""
    targets: list[Path] = []
    taken: set[str] = set()
    for report in reports:
        wanted = Path(name(_model(report), Path(report.path).stem))
        candidate, number = wanted, 1
        while candidate.name.casefold() in taken:
            number += 1
            candidate = wanted.with_name(f"{wanted.stem}_{number}{wanted.suffix}")
        taken.add(candidate.name.casefold())
        targets.append(folder / candidate.name)
    return targets


# --- import a published document (issue 13) -----------------------------------------------------


#: What `import` writes: a workbook in the template's form (.xlsm: the one with buttons).
IMPORT_OUTPUTS = (".xlsx", ".xlsm")
#: Projects one import takes (as `new --projects`); a document with more is refused (X005).
MAX_IMPORT_PROJECTS = 500


@dataclass
class ImportRun:
    """The workbook written from a document, its data, and what could not be placed in it."""

    path: Path
    data: dict[str, object]  # as ``write_workbook`` takes it (department, projects)
    unplaced: list[Unplaced]
    unit: str = ""  # "711002 定州市总工会"
    year: int | None = None
    projects: int = 0
    indicators: int = 0

    @property
    def exit_code(self) -> int:
        return EXIT_FINDINGS if self.unplaced else EXIT_OK


def import_document(source: Path, output: Path, profile: Profile, macros: bool = False) -> ImportRun:
    """Turn a published document (.docx, or the plain text extracted from one) into a filled
    workbook; everything that could not be placed is in the run's ``unplaced``, with where it
    was found. With ``macros`` (or an .xlsm name) the workbook with buttons is written."""
    from workbook_tools.check import RULES
    from workbook_tools.parse.published_document import parse_document
    from workbook_tools.read.document import DocumentError, read_document

    suffix = output.suffix.lower()
    if suffix and suffix not in IMPORT_OUTPUTS:
        raise UsageProblem(Usage.IMPORT_OUTPUT, path=str(output))
    macros = macros or suffix == ".xlsm"
    output = output.with_suffix(".xlsm" if macros else ".xlsx")
    refuse_overwriting([output], [source])

    def refused(code: str, key: str, detail: str = "") -> FileProblem:
        from workbook_tools import labels

        reason = labels.IMPORT_REASONS[key].format(*detail.split(":"), detail=detail)
        return FileProblem(source, [RULES[code].at(None, reason=reason)])

    try:
        document = read_document(source)
    except ReadError as error:
        raise FileProblem(source, read_error_findings(error)) from None
    except DocumentError as error:
        raise refused(error.code, error.problem.value, error.detail) from None
    imported = parse_document(document)
    if not imported.recognised:
        raise refused("X001", "not_this_kind")
    if len(imported.projects) > MAX_IMPORT_PROJECTS:
        raise refused("X005", "too_many_projects", f"{len(imported.projects)}:{MAX_IMPORT_PROJECTS}")
    from workbook_tools.outputs.filled_book import write_workbook

    _saving(output, lambda: write_workbook(imported.data, output, profile, macros))
    department = imported.data["department"]
    unit = f"{department.get('unit_code') or ''} {department.get('unit_name') or ''}".strip()
    indicators = sum(len(p.get("indicators") or []) for p in imported.projects)
    year, projects = department.get("year"), len(imported.projects)
    return ImportRun(output, imported.data, imported.unplaced, unit, year, projects, indicators)
