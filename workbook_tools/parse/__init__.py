"""One workbook, whatever the host: grids → :class:`WorkbookModel`."""

from __future__ import annotations

from pathlib import Path

from workbook_tools.parse.department_sheet import is_department_sheet, parse_department
from workbook_tools.parse.model import WorkbookModel
from workbook_tools.parse.project_sheet import is_project_sheet, parse_project
from workbook_tools.read.files import Engine, read_grids
from workbook_tools.read.grid import Grid, LabelIndex


def parse_grids(grids: list[Grid], path: str = "") -> WorkbookModel:
    """Recognise the department and project sheets by content and parse them."""
    department = None
    projects = []
    for grid in grids:
        index = LabelIndex(grid)
        if is_project_sheet(index):
            projects.append(parse_project(index))
        elif department is None and is_department_sheet(index):
            department = parse_department(index)
    uncomputed = any(grid.uncomputed for grid in grids)
    return WorkbookModel(path, [g.name for g in grids], department, projects, uncomputed)


def load(path: str | Path, engine: Engine = "calamine") -> WorkbookModel:
    """Read and parse a workbook file (raises :class:`~.readers.ReadError`)."""
    return parse_grids(read_grids(path, engine), str(path))
