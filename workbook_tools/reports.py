"""Validation reports: text for people, JSON for scripts, HTML (jinja2) for printing."""

from __future__ import annotations

import json
from datetime import datetime

from . import __version__
from .profile import Profile
from .validate import FileReport, summary_line

JSON_SCHEMA = "workbook-tools/validate/1"


def render_text(reports: list[FileReport], profile: Profile) -> str:
    """``sheet!cell CODE severity message`` lines under each file, with a summary line."""
    lines = []
    for report in reports:
        lines.append(f"{report.path}  [{report.status_label}]")
        for f in report.findings:
            lines.append(f"  {f.where} {f.code} {f.severity_label} {f.message}")
        lines.append(f"  {summary_line(report, profile)}")
    if len(reports) > 1:
        errors = sum(r.errors for r in reports)
        warnings = sum(r.warnings for r in reports)
        unreadable = sum(1 for r in reports if r.model is None)
        lines.append(
            f"合计 {len(reports)} 个文件：错误 {errors} 条，警告 {warnings} 条，无法读取 {unreadable} 个"
        )
    return "\n".join(lines)


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


def environment():
    """The jinja2 environment of the HTML reports (autoescaping every value)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("workbook_tools", "report_templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(reports: list[FileReport], profile: Profile) -> str:
    """A readable, printable page: per file its status and a table of findings."""
    template = environment().get_template("validate.html.j2")
    return template.render(
        reports=reports,
        profile=profile,
        summaries={r.path: summary_line(r, profile) for r in reports},
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        version=__version__,
    )


def _cell(value: object) -> str:
    """A table value for HTML: amounts with two decimals, blanks for missing."""
    import math
    from decimal import Decimal

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def render_batch_html(batch, profile: Profile) -> str:
    """The batch report: overview figures, then every table of the consolidated workbook."""
    from . import labels

    env = environment()
    env.filters["cell"] = _cell
    numeric = {labels.COL_BUDGET, labels.COL_FISCAL, labels.COL_OTHER, labels.COL_NUMBER}
    tables = [
        {
            "title": title,
            "columns": list(table.columns),
            "rows": table.to_dict("records"),
            "numeric": numeric | {c for c in table.columns if str(c).startswith("计划")},
        }
        for title, table in batch.tables.items()
    ]
    units = batch.tables[labels.SHEET_UNITS]
    total = units.iloc[-1][labels.COL_BUDGET] if len(units) else None
    return env.get_template("consolidate.html.j2").render(
        batch=batch,
        tables=tables,
        total=_cell(total),
        profile=profile,
        total_row=labels.TOTAL_ROW,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        version=__version__,
    )
