"""Validate workbooks: read → parse → check, one :class:`FileReport` per file.

This is the `validate` path: it imports neither pandas nor jinja2 (a button click
starts a fresh Python process, so it must start fast).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from workbook_tools.check import Finding, Severity, check_model, read_error_findings
from workbook_tools.check.profile import Profile
from workbook_tools.parse import load
from workbook_tools.parse.model import WorkbookModel
from workbook_tools.read.files import Engine
from workbook_tools.read.problems import ReadError


class Status(str, Enum):
    """A file's validation outcome (worded by ``labels.STATUS``)."""

    OK = "ok"
    WARNINGS = "warnings"
    ERRORS = "errors"
    UNREADABLE = "unreadable"


@dataclass
class FileReport:
    """What validating one file found. ``model`` is None when the file could not be read."""

    path: str
    model: WorkbookModel | None
    findings: list[Finding] = field(default_factory=list)
    #: What a batch worker already computed for the tables (``outputs.tables.Digest``), the
    #: model then slimmed: only this and the findings travel back to the parent.
    digest: Any = None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def infos(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.INFO)

    @property
    def status(self) -> Status:
        if self.model is None:
            return Status.UNREADABLE
        if self.errors:
            return Status.ERRORS
        return Status.WARNINGS if self.warnings else Status.OK

    def as_json(self) -> dict[str, Any]:
        model = self.model
        return {
            "file": self.path,
            "status": self.status.value,
            "unit_code": model.unit_code if model else "",
            "unit_name": model.unit_name if model else "",
            "projects": len(model.projects) if model else 0,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.as_json() for f in self.findings],
        }


def validate_model(model: WorkbookModel, profile: Profile, batch_rules: bool = True) -> FileReport:
    return FileReport(model.path, model, check_model(model, profile, batch_rules))


def validate_file(
    path: str | Path, profile: Profile, engine: Engine = "calamine", batch_rules: bool = True
) -> FileReport:
    """Validate one file; an unreadable file gives its X finding instead of raising."""
    try:
        model = load(path, engine)
    except ReadError as error:
        return FileReport(str(path), None, read_error_findings(error))
    return validate_model(model, profile, batch_rules)
