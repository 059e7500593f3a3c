"""The host-neutral mark plan: what validation does to a workbook, whatever writes it.

Validation turns findings into a :class:`MarkPlan` — which cells get which fill and
note, and the 校验结果 sheet's rows with their links. A writer applies it: the file
writer (:mod:`workbook_tools.outputs.file_marks`, openpyxl) or the live Excel writer
(:mod:`workbook_tools.hosts.excel`, xlwings). Both record each marked cell's previous
fill and note in the very hidden ``_校验标记`` sheet (the *store*, one row per cell:
sheet, cell, previous fill, previous note as JSON) and follow one restore policy on
clear (:func:`restores_fill`, :func:`restores_note`): a cell the clerk recoloured or
re-noted after marking keeps the clerk's change.

The plan also carries each project sheet's print form (:mod:`~workbook_tools.outputs.print_form`):
its title and year line as the model says (:attr:`MarkPlan.titles`), and — once a writer has
read its sheets' geometry and called :meth:`MarkPlan.with_print_form` — the texts to write, the
rows that need more height (:attr:`MarkPlan.row_heights`, only where a text needs MORE than
the row has) and the rows to hide or show. These are fixes, not marks: clear leaves them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from workbook_tools import labels
from workbook_tools.check import Finding, Severity
from workbook_tools.check.profile import Profile
from workbook_tools.check.validation import FileReport
from workbook_tools.outputs import print_form as pf

FILLS = {
    Severity.ERROR: "FFC7CE",
    Severity.WARNING: "FFEB9C",
    Severity.INFO: "DDEBF7",
}  # Excel's Bad / Neutral
FONT_COLORS = {Severity.ERROR: "9C0006", Severity.WARNING: "9C5700", Severity.INFO: "1F4E79"}
LINK_COLOR = "0563C1"
HEADER_FILL = "F2F2F2"
NOTE_AUTHOR = "workbook-tools"
NOTE_SIZE = (320, 120)
RESULT_WIDTHS = (22, 10, 8, 8, 90)
RESULT_HEADER_ROW = 4  # 1-based: title, summary, blank, header, then one row per finding
ACTIVE = "active"  # first store row: which sheet was active before marking
KEEP_NOTE = "keep"
RESERVED = frozenset({ACTIVE, "created", "selected"})  # store rows that are not cells


@dataclass(frozen=True)
class CellMark:
    """One marked cell: the fill of its worst finding and a note listing them all."""

    sheet: str
    cell: str
    severity: Severity
    note: str

    @property
    def fill(self) -> str:
        return FILLS[self.severity]


@dataclass(frozen=True)
class ResultRow:
    """One row of the 校验结果 table: its five values, the cell it links to, its level."""

    values: tuple[str, str, str, str, str]
    link: str = ""  # "'sheet'!C4", or "" for a workbook-level finding
    severity: Severity | None = None


@dataclass(frozen=True)
class ProjectTitle:
    """What a project sheet's title and the right end of its unit line should read."""

    sheet: str
    title: str
    year_line: str


@dataclass(frozen=True)
class CellText:
    """A text the tool keeps current on a project sheet (its title, its year line)."""

    sheet: str
    cell: str
    text: str


@dataclass(frozen=True)
class RowHeight:
    """A row (1-based) that needs ``points`` for its texts: more than it has."""

    sheet: str
    row: int
    points: float


@dataclass(frozen=True)
class RowShown:
    """A row (1-based) of a project sheet to hide (an empty indicator row, an empty 资金明细) or show."""

    sheet: str
    row: int
    hidden: bool


@dataclass(frozen=True)
class MarkPlan:
    """Everything a writer needs to mark a workbook (old marks are cleared first)."""

    marks: list[CellMark]
    summary: str
    rows: list[ResultRow]
    titles: tuple[ProjectTitle, ...] = ()
    texts: tuple[CellText, ...] = ()
    row_heights: tuple[RowHeight, ...] = ()
    hidden_rows: tuple[RowShown, ...] = ()

    @property
    def title(self) -> str:
        return labels.RESULT_TITLE

    @property
    def header(self) -> tuple[str, ...]:
        return labels.RESULT_HEADERS

    def with_summary(self, summary: str) -> MarkPlan:
        return replace(self, summary=summary)

    def with_print_form(self, forms: Mapping[str, pf.SheetForm]) -> MarkPlan:
        """The plan with the print-form fixes of the project sheets a writer has read."""
        texts, heights, hidden = [], [], []
        for wanted in self.titles:
            form = forms.get(wanted.sheet)
            if form is None:
                continue
            fix = pf.fix_sheet(form, wanted.title, wanted.year_line)
            texts += [CellText(wanted.sheet, cell, text) for cell, text in fix.texts]
            heights += [RowHeight(wanted.sheet, row, points) for row, points in fix.heights]
            hidden += [RowShown(wanted.sheet, row, state) for row, state in fix.hidden]
        return replace(self, texts=tuple(texts), row_heights=tuple(heights), hidden_rows=tuple(hidden))

    @property
    def print_form(self) -> bool:
        """Whether the plan changes anything of the project sheets' print form."""
        return bool(self.texts or self.row_heights or self.hidden_rows)

    def table(self) -> list[list[str]]:
        """The 校验结果 sheet from A1 as values: title, summary, blank, header, rows."""
        blank = [""] * len(self.header)
        return [
            [self.title, *blank[1:]],
            [self.summary, *blank[1:]],
            blank,
            list(self.header),
            *[list(r.values) for r in self.rows],
        ]


def sheet_link(sheet: str, cell: str) -> str:
    """A workbook-internal reference, the sheet name quoted (a ``'`` doubled)."""
    return "'{}'!{}".format(sheet.replace("'", "''"), cell)


def note_text(findings: Iterable[Finding]) -> str:
    lines = [labels.NOTE_HEADER]
    lines += [
        labels.NOTE_LINE.format(code=f.code, severity=labels.SEVERITY[f.severity.value], message=f.message)
        for f in findings
    ]
    return "\n".join(lines)


def worst(findings: Iterable[Finding]) -> Severity:
    return Severity.ERROR if any(f.severity is Severity.ERROR for f in findings) else Severity.WARNING


def result_row(finding: Finding) -> ResultRow:
    values = (
        finding.sheet or labels.RESULT_WORKBOOK,
        finding.cell,
        labels.SEVERITY[finding.severity.value],
        finding.code,
        finding.message,
    )
    link = sheet_link(finding.sheet, finding.cell) if finding.sheet and finding.cell else ""
    return ResultRow(values, link, finding.severity)


def plan_marks(findings: list[Finding], summary: str, sheets: Iterable[str]) -> MarkPlan:
    """The plan for a workbook with these sheets: one mark per cell, one result row per finding."""
    present = set(sheets)
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.sheet in present and finding.cell:
            by_cell[(finding.sheet, finding.cell)].append(finding)
    marks = [CellMark(s, c, worst(group), note_text(group)) for (s, c), group in by_cell.items()]
    rows = [result_row(f) for f in findings] or [ResultRow(("", "", "", "", labels.RESULT_NONE))]
    return MarkPlan(marks, summary, rows)


def summary_line(report: FileReport, profile: Profile) -> str:
    """The one-line summary for the 校验结果 sheet and the text output."""
    model = report.model
    unit = labels.RESULT_UNIT.format(code=model.unit_code, name=model.unit_name) if model else ""
    return labels.RESULT_SUMMARY.format(
        total=len(report.findings),
        errors=report.errors,
        warnings=report.warnings,
        infos=labels.RESULT_INFOS.format(count=report.infos) if report.infos else "",
        profile=profile.name,
        unit=unit if model and model.unit_code else "",
    )


def plan_report(report: FileReport, profile: Profile) -> MarkPlan:
    """The mark plan of a validated workbook (with its project sheets' titles)."""
    sheets = report.model.sheets if report.model else []
    plan = plan_marks(report.findings, summary_line(report, profile), sheets)
    return replace(plan, titles=project_titles(report))


def project_titles(report: FileReport) -> tuple[ProjectTitle, ...]:
    """Each project sheet's title (its number among the project sheets, in workbook order, and
    its project's name) and year line (the year of 部门整体)."""
    model = report.model
    if model is None:
        return ()
    year_line = pf.unit_line(model.year)
    return tuple(
        ProjectTitle(project.sheet, pf.project_title(number, project.name.value), year_line)
        for number, project in enumerate(model.projects, 1)
    )


def print_plan(report: FileReport) -> MarkPlan:
    """A plan of the print form alone (consolidation writes the workbook, marks nothing)."""
    return MarkPlan([], "", [], titles=project_titles(report))


# --- the store of previous looks, and the restore policy ----------------------------------


@dataclass(frozen=True)
class SavedCell:
    """A marked cell's look before marking, as the marking host encoded it.

    ``fill`` is openpyxl's fill XML (file host), ``"#RRGGBB"`` or ``""`` (no fill;
    live host); ``note`` is ``{"text", "author"}`` JSON, ``""`` for none, or
    :data:`KEEP_NOTE`.
    """

    sheet: str
    cell: str
    fill: str
    note: str
    style: str = ""  # the file host's cell formats: "original|marked" (see file_marks)

    def previous_note(self) -> dict[str, str] | None:
        return json.loads(self.note) if self.note and self.note != KEEP_NOTE else None


def encode_note(text: str | None, author: str = "") -> str:
    return json.dumps({"text": text, "author": author}, ensure_ascii=False) if text else ""


def store_rows(active: str, saved: Iterable[SavedCell]) -> list[list[str]]:
    return [[ACTIVE, active, "", "", ""], *([s.sheet, s.cell, s.fill, s.note, s.style] for s in saved)]


def read_store(rows: Iterable[Iterable[object]]) -> tuple[str, list[SavedCell]]:
    """The active sheet and the saved cells from the store's rows (either host's)."""
    active, saved = "", []
    for row in rows:
        sheet, cell, fill, note, style = [("" if v is None else str(v)) for v in (*row, *[None] * 5)][:5]
        if sheet == ACTIVE:
            active = cell
        elif sheet and cell and sheet not in RESERVED:
            saved.append(SavedCell(sheet, cell, fill, note, style))
    return active, saved


def is_mark_color(rgb: str | None) -> bool:
    """Whether a colour ("FFFFC7CE", "#FFC7CE") is one of the marks' fills."""
    return bool(rgb) and str(rgb).lstrip("#").upper()[-6:] in FILLS.values()


def restores_fill(current_rgb: str | None, known: bool = True) -> bool:
    """Restore the previous fill unless the clerk recoloured the cell after marking
    (a host that cannot read the current colour restores)."""
    return not known or is_mark_color(current_rgb)


def restores_note(saved: SavedCell, current_is_ours: bool, has_note: bool) -> bool:
    """Restore the previous note when the current note is the tool's own, or when the cell
    has none left (a clerk's own note is never lost); a note the clerk wrote since stays."""
    return saved.note != KEEP_NOTE and (current_is_ours or not has_note)


def is_our_note_text(text: str | None) -> bool:
    return (text or "").startswith(labels.NOTE_HEADER)
