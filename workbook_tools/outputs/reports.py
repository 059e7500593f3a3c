"""Validation and batch reports: text for people, JSON for scripts, HTML (jinja2) for printing."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from workbook_tools import __version__
from workbook_tools import labels as L
from workbook_tools.check import Finding, Severity
from workbook_tools.check.profile import Profile
from workbook_tools.check.validation import FileReport, Status
from workbook_tools.outputs.cell_text import for_terminal
from workbook_tools.outputs.mark_plan import summary_line

if TYPE_CHECKING:
    import jinja2

    from workbook_tools.outputs.consolidation import Batch

JSON_SCHEMA = "workbook-tools/validate/1"
#: CSS class of each status and severity in the HTML reports.
CSS: dict[Status | Severity, str] = {
    Status.OK: "ok",
    Status.WARNINGS: "warning",
    Status.ERRORS: "error",
    Status.UNREADABLE: "unreadable",
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "info",
}
CSS_BY_VALUE = {str(key.value): css for key, css in CSS.items()}
#: Short columns that never wrap (a code broken over lines reads as two).
CODE_COLUMNS = {"code", "unit_code", "rule", "cell", "severity", "year", "nature", "value_unit"}
NUMERIC_COLUMNS = {"budget", "fiscal", "other", "number"}
#: Columns of long text: a minimum width, so a narrow page never wraps them a character a line.
TEXT_CLASSES = {
    "file": "file",
    "message": "long",
    "description": "long",
    "basis": "text",
    "name": "text",
    "unit_name": "text",
    "sheet": "text",
    "level1": "text",
    "level2": "text",
    "level3": "text",
    "value": "text",
}
STATUS_COLUMNS = ("status", "result", "severity")
#: The batch report's sections: what needs action first (problems, files that could not be
#: read), the units, then the long detail tables, folded (``<details>``).
SECTIONS = (L.SHEET_ISSUES, L.SHEET_FILES, L.SHEET_UNITS, L.SHEET_SUMMARY, L.SHEET_INDICATORS)
FOLDED = {L.SHEET_SUMMARY: 50, L.SHEET_INDICATORS: 0}  # folded above this many rows


def where(finding: Finding) -> str:
    """``sheet!cell``, the sheet alone, or the whole-workbook label."""
    if finding.sheet and finding.cell:
        return f"{finding.sheet}!{finding.cell}"
    return finding.sheet or L.RESULT_WORKBOOK


def render_text(reports: list[FileReport], profile: Profile) -> str:
    """``sheet!cell CODE severity message`` lines under each file, with a summary line."""
    lines = []
    for report in reports:
        lines.append(f"{report.path}  [{L.STATUS[report.status.value]}]")
        for f in report.findings:
            lines.append(f"  {where(f)} {f.code} {L.SEVERITY[f.severity.value]} {f.message}")
        lines.append(f"  {summary_line(report, profile)}")
    if len(reports) > 1:
        lines.append(
            L.TEXT_TOTALS.format(
                files=len(reports),
                errors=sum(r.errors for r in reports),
                warnings=sum(r.warnings for r in reports),
                unreadable=sum(1 for r in reports if r.model is None),
            )
        )
    return for_terminal("\n".join(lines))


def render_json(reports: list[FileReport], profile: Profile) -> str:
    """A stable schema: ``schema``, ``profile``, ``files`` (each with its findings), ``summary``."""
    data = {
        "schema": JSON_SCHEMA,
        "profile": profile.name,
        "files": [r.as_json() for r in reports],
        "summary": {
            "files": len(reports),
            "errors": sum(r.errors for r in reports),
            "warnings": sum(r.warnings for r in reports),
            "unreadable": sum(1 for r in reports if r.model is None),
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_json_error(kind: str, message: str) -> str:
    """The JSON a script gets when the command itself could not run (same schema name)."""
    return json.dumps(
        {"schema": JSON_SCHEMA, "error": {"kind": kind, "message": message}}, ensure_ascii=False
    )


def environment() -> jinja2.Environment:
    """The jinja2 environment of the HTML reports (autoescaping every value)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("workbook_tools.outputs", "report_templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals |= {"L": L, "css": CSS, "where": where, "version": __version__}
    env.globals["generated"] = datetime.now().strftime("%Y-%m-%d %H:%M")
    return env


def render_html(reports: list[FileReport], profile: Profile) -> str:
    """A readable, printable page: per file its status and a table of findings."""
    template = environment().get_template("validate.html.j2")
    summaries = {r.path: summary_line(r, profile) for r in reports}
    return template.render(reports=reports, profile=profile, summaries=summaries)


def _html_cell(value: Any, column: str) -> dict[str, str]:
    from workbook_tools.outputs.tables import word

    shown = word(value, column)
    if shown is None:
        text = ""
    elif isinstance(shown, Decimal):
        text = f"{shown:,.2f}"
    else:
        text = str(shown)
    if column in STATUS_COLUMNS and value in CSS_BY_VALUE:
        kind = f"status {CSS_BY_VALUE[value]}"
    else:
        kind = _column_class(column)
    return {"text": text, "class": kind}


def _column_class(column: str) -> str:
    """The CSS class of a column's cells (and header): numbers, codes, long or short text."""
    if column in CODE_COLUMNS:
        return "code"
    if column in NUMERIC_COLUMNS or column.startswith("plan_"):
        return "num"
    if column in TEXT_CLASSES:
        return TEXT_CLASSES[column]
    return "" if column in STATUS_COLUMNS else "num"  # the rest count (indicators per category …)


def render_batch_html(batch: Batch, profile: Profile) -> str:
    """The batch report: the batch's figures, then its tables, problems first and the long
    detail tables last, folded; each heading counts the table's rows (its 合计 row not)."""
    from workbook_tools.outputs.tables import TOTAL, header

    tables = []
    for title in [t for t in SECTIONS if t in batch.tables] + [t for t in batch.tables if t not in SECTIONS]:
        table = batch.tables[title]
        columns = table.columns
        rows = [
            {"total": values[0] is TOTAL, "cells": [_html_cell(v, c) for v, c in zip(values, columns)]}
            for values in table.rows
        ]
        count = sum(1 for row in rows if not row["total"])
        folded = title in FOLDED and count > FOLDED[title]
        tables.append(
            {
                "title": title,
                "count": L.REPORT_COUNTS.get(title, "{count}").format(count=count),
                "columns": [{"text": header(c), "class": _column_class(c)} for c in columns],
                "rows": rows,
                "details": title in FOLDED,
                "open": not folded,
            }
        )
    units = batch.tables[L.SHEET_UNITS]
    total = units.column("budget")[-1] if len(units) else None
    return (
        environment()
        .get_template("consolidate.html.j2")
        .render(batch=batch, tables=tables, total=_html_cell(total, "budget")["text"], profile=profile)
    )
