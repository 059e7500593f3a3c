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
