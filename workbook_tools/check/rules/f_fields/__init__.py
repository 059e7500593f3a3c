"""F rules: required fields, project codes and names."""

from __future__ import annotations

from workbook_tools.parse.model import Project, WorkbookModel

DUPLICATE_IN_SHEET = "与工作表「{sheet}」相同"
REQUIRED = ("code", "name", "budget", "use", "goals")


def unit_code(project: Project, model: WorkbookModel) -> str:
    return model.unit_code or project.unit_code
