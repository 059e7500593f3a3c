"""Validate workbooks: read → parse → check, one :class:`FileReport` per file.

This is the `validate` path: it imports neither pandas nor jinja2 (a button click
starts a fresh Python process, so it must start fast).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import labels
from .model import WorkbookModel
from .profile import Profile
from .readers import Engine, ReadError
from .rules import ERROR, WARNING, Finding, check_model, read_error_findings
from .workbook import load

STATUS_OK, STATUS_WARNINGS, STATUS_ERRORS, STATUS_UNREADABLE = "ok", "warnings", "errors", "unreadable"
STATUS_LABEL = {
    STATUS_OK: "通过",
    STATUS_WARNINGS: "通过（有警告）",
    STATUS_ERRORS: "有错误",
    STATUS_UNREADABLE: "无法读取",
}


@dataclass
class FileReport:
    """What validating one file found. ``model`` is None when the file could not be read."""

    path: str
    model: WorkbookModel | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    @property
    def status(self) -> str:
        if self.model is None:
            return STATUS_UNREADABLE
        if self.errors:
            return STATUS_ERRORS
        return STATUS_WARNINGS if self.warnings else STATUS_OK

    @property
    def status_label(self) -> str:
        return STATUS_LABEL[self.status]

    def as_json(self) -> dict:
        model = self.model
        return {
            "file": self.path,
            "status": self.status,
            "unit_code": model.unit_code if model else "",
            "unit_name": model.unit_name if model else "",
            "projects": len(model.projects) if model else 0,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.as_json() for f in self.findings],
        }


def validate_model(model: WorkbookModel, profile: Profile) -> FileReport:
    return FileReport(model.path, model, check_model(model, profile))


def validate_file(path: str | Path, profile: Profile, engine: Engine = "calamine") -> FileReport:
    """Validate one file; an unreadable file gives its X finding instead of raising."""
    try:
        model = load(path, engine)
    except ReadError as error:
        return FileReport(str(path), None, read_error_findings(error))
    return validate_model(model, profile)


def summary_line(report: FileReport, profile: Profile) -> str:
    """The one-line summary for the 校验结果 sheet and the text output."""
    model = report.model
    unit = f"单位：{model.unit_code} {model.unit_name}。" if model and model.unit_code else ""
    return labels.RESULT_SUMMARY.format(
        total=len(report.findings),
        errors=report.errors,
        warnings=report.warnings,
        profile=profile.name,
        unit=unit,
    )
