"""The standard template (templates/target_template.xlsx), built by code so it can be rebuilt.

A project sheet reproduces the seed's form (DESIGN §3): the title (``1、工会经费绩效目标表``),
the unit line (the unit on the left, the year and ``单位：万元`` on the right; the 单位 label
the reader anchors on is kept in A2 but not shown, so 单位 does not mean two things on one
line), 项目编码/名称, 预算规模及资金用途, 资金支出计划（%）, 绩效目标, the indicator table and an
optional 资金明细 block; labels are locked, input cells unlocked, amounts ``0.00``. It prints
on A4 portrait, one page wide (:mod:`~workbook_tools.outputs.print_form` has the widths and
heights), with the title rows on every page. In the indicator table a 一级/二级 category that
goes on over several rows reads as one spanning cell, as in the seed: conditional formatting
draws no line between rows of one category and shows the repeated name blank (white) —
nothing is merged, so a clerk can still insert, delete, copy and sort rows and pick each
row's category from its dropdown. :class:`ProjectLayout` records where each input cell is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools import labels
from workbook_tools.check.profile import Profile, load_profile
from workbook_tools.outputs import print_form as pf

if TYPE_CHECKING:
    from workbook_tools.outputs.macro_book import Button, WebButton

INDICATOR_ROWS = 15
BUTTON_COLUMNS = {labels.SHEET_GUIDE: "C"}  # project sheets: right of the form, past a gap
PROJECT_BUTTON_COLUMN = "I"
BUTTON_COLUMN_WIDTH = 16
GUIDE_BUTTON_COLUMN_WIDTH = 22  # room for the web buttons' longer captions
WEB_BUTTON_WIDTH = 112.0
BUTTON_SIZE = (80.0, 26.0)  # points
BUTTON_GAP = 6.0
BREAKDOWN_ROWS = 5
AMOUNT_FORMAT = "0.00"
FONT_NAME = labels.FONT_SONG
GUIDE_WIDTH = 80  # a wider single column is clipped when LibreOffice centres it on the page
GUIDE_CHARS_PER_LINE = 38

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SIDES = Border(left=_THIN, right=_THIN)  # a category cell: its top and bottom lines come from _group_rules
HIDDEN_FORMAT = ";;;"  # shows nothing: the 单位 label the reader anchors on, not printed
CONTINUED_COLOR = "FFFFFF"  # a category repeated on the next row reads blank, as in a spanning cell
_CONTINUED = Font(color=CONTINUED_COLOR)
_LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
_BODY = Font(name=FONT_NAME, size=10)
_BOLD = Font(name=FONT_NAME, size=10, bold=True)
_TITLE = Font(name=FONT_NAME, size=16, bold=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")
_UNLOCKED = Protection(locked=False)


@dataclass(frozen=True)
class ProjectLayout:
    """Input cells of a project sheet built by :func:`add_project_sheet` (1-based rows)."""

    indicator_rows: int = INDICATOR_ROWS
    title: str = "A1"
    unit: str = "B2"
    unit_line: str = "E2"  # the year and 单位：万元, kept current by the tool
    code: str = "B3"
    name: str = "E3"
    budget: str = "C4"
    fiscal: str = "E4"
    other: str = "G4"
    use: str = "C5"
    plan: tuple[str, ...] = ("B7", "C7", "D7", "E7")
    goals: str = "B8"
    header_row: int = 9
    indicator_columns: tuple[str, ...] = ("A", "B", "C", "D", "F", "G")

    @property
    def first_indicator_row(self) -> int:
        return self.header_row + 1

    @property
    def last_indicator_row(self) -> int:
        return self.header_row + self.indicator_rows

    @property
    def breakdown_row(self) -> int:
        return self.last_indicator_row + 1

    @property
    def last_row(self) -> int:
        return self.breakdown_row + BREAKDOWN_ROWS


@dataclass(frozen=True)
class DepartmentLayout:
    unit_code: str = "B2"
    unit_name: str = "D2"
    year: str = "B3"
    declared_total: str = "D3"
    overall_goal: str = "B4"
    duty_goals: str = "B5"
    safeguards: str = "B6"


DEPARTMENT = DepartmentLayout()


def _label(ws: Worksheet, ref: str, text: str, *, bold: bool = False, align: Alignment = _CENTER) -> None:
    cell = ws[ref]
    cell.value = text
    cell.font = _BOLD if bold else _BODY
    cell.alignment = align
    cell.fill = _LABEL_FILL
    cell.border = _BOX


def _input(ws: Worksheet, ref: str, *, number: bool = False, align: Alignment = _LEFT) -> None:
    cell = ws[ref]
    cell.font = _BODY
    cell.alignment = _CENTER if number else align
    cell.border = _BOX
    cell.protection = _UNLOCKED
    if number:
        cell.number_format = AMOUNT_FORMAT


def _merge(ws: Worksheet, area: str) -> None:
    """Merge an area and draw the box on every cell of it (Excel draws merged borders per cell)."""
    ws.merge_cells(area)
    for row in ws[area]:
        for cell in row:
            cell.border = _BOX


def _protect(ws: Worksheet) -> None:
    """Protect without password; clerks may still insert/delete rows and format cells."""
    protection = ws.protection
    protection.sheet = True
    protection.insertRows = False
    protection.deleteRows = False
    protection.formatCells = False
    protection.formatRows = False
    protection.formatColumns = False


def _print_setup(ws: Worksheet, last_col: str, last_row: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = pf.MARGIN_SIDE_IN
    ws.page_margins.top = ws.page_margins.bottom = pf.MARGIN_TOP_IN
    ws.print_area = f"A1:{last_col}{last_row}"
    ws.sheet_view.showGridLines = False


def add_project_sheet(
    wb: Workbook, title: str, layout: ProjectLayout = ProjectLayout(), number: int = 1
) -> Worksheet:
    """Append a blank project sheet in the seed's form (``number``: its place among the
    project sheets, for the title)."""
    ws = wb.create_sheet(title)
    for col, width in zip(pf.PROJECT_COLUMNS, pf.PROJECT_WIDTHS):
        ws.column_dimensions[col].width = width
    ws.column_dimensions[PROJECT_BUTTON_COLUMN].width = BUTTON_COLUMN_WIDTH  # the .xlsm's buttons

    ws.merge_cells("A1:G1")
    ws[layout.title].value = pf.project_title(number, None)
    ws[layout.title].font = _TITLE
    ws[layout.title].alignment = _CENTER
    ws[layout.title].protection = _UNLOCKED  # the tool rewrites it (a live Excel cannot write a locked cell)
    ws.row_dimensions[1].height = pf.TITLE_HEIGHT

    ws["A2"].value = labels.UNIT
    ws["A2"].font = _BODY
    ws["A2"].number_format = HIDDEN_FORMAT
    ws.merge_cells("B2:D2")
    ws[layout.unit].font = _BODY
    ws[layout.unit].alignment = _LEFT
    ws[layout.unit].protection = _UNLOCKED
    ws.merge_cells("E2:G2")
    ws[layout.unit_line].value = pf.unit_line(None)
    ws[layout.unit_line].font = _BODY
    ws[layout.unit_line].alignment = _RIGHT
    ws[layout.unit_line].protection = _UNLOCKED
    ws.row_dimensions[2].height = pf.ROW_HEIGHTS[labels.UNIT]

    _label(ws, "A3", labels.CODE)
    _merge(ws, "B3:C3")
    _input(ws, "B3")
    _label(ws, "D3", labels.NAME)
    _merge(ws, "E3:G3")
    _input(ws, "E3")
    ws.row_dimensions[3].height = pf.ROW_HEIGHTS[labels.CODE]

    _merge(ws, "A4:A5")
    _label(ws, "A4", labels.BUDGET_BLOCK_SHOWN)
    for label_ref, value_ref, text in (
        ("B4", "C4", labels.BUDGET),
        ("D4", "E4", labels.FISCAL),
        ("F4", "G4", labels.OTHER),
    ):
        _label(ws, label_ref, text)
        _input(ws, value_ref, number=True)
    ws.row_dimensions[4].height = pf.ROW_HEIGHTS[labels.BUDGET]
    _label(ws, "B5", labels.USE)
    _merge(ws, "C5:G5")
    _input(ws, "C5", align=_TOP_LEFT)
    ws.row_dimensions[5].height = pf.ROW_HEIGHTS[labels.USE]

    _merge(ws, "A6:A7")
    _label(ws, "A6", labels.PLAN_BLOCK_SHOWN)
    _merge(ws, "E6:G6")
    _merge(ws, "E7:G7")
    for label_ref, value_ref, text in zip(("B6", "C6", "D6", "E6"), layout.plan, labels.CHECKPOINTS):
        _label(ws, label_ref, text)
        _input(ws, value_ref, number=True)
        ws[value_ref].alignment = _CENTER
    ws.row_dimensions[6].height = pf.ROW_HEIGHTS[labels.PLAN_BLOCK]
    ws.row_dimensions[7].height = pf.PLAN_VALUES_HEIGHT

    _label(ws, "A8", labels.GOALS)
    _merge(ws, "B8:G8")
    _input(ws, "B8", align=_TOP_LEFT)
    ws.row_dimensions[8].height = pf.ROW_HEIGHTS[labels.GOALS]

    header = layout.header_row
    _merge(ws, f"D{header}:E{header}")
    for col, text in zip(layout.indicator_columns, labels.INDICATOR_HEADERS):
        _label(ws, f"{col}{header}", text, bold=True)
    ws.row_dimensions[header].height = pf.ROW_HEIGHTS[labels.IND_LEVEL1]
    for row in range(layout.first_indicator_row, layout.last_indicator_row + 1):
        _merge(ws, f"D{row}:E{row}")
        for col in layout.indicator_columns:
            _input(ws, f"{col}{row}", align=_CENTER if col in "ABFG" else _LEFT)
        for col in GROUPED_COLUMNS:
            ws[f"{col}{row}"].border = _SIDES
        ws.row_dimensions[row].height = pf.INDICATOR_ROW_HEIGHT
    _group_rules(ws, layout)

    top = layout.breakdown_row
    _merge(ws, f"A{top}:A{layout.last_row}")
    _label(ws, f"A{top}", labels.BREAKDOWN_SHOWN)
    _merge(ws, f"B{top}:E{top}")
    _label(ws, f"B{top}", labels.BREAKDOWN_PURPOSE)
    _merge(ws, f"F{top}:G{top}")
    _label(ws, f"F{top}", labels.BREAKDOWN_AMOUNT)
    for row in range(top + 1, layout.last_row + 1):
        _merge(ws, f"B{row}:E{row}")
        _merge(ws, f"F{row}:G{row}")
        _input(ws, f"B{row}")
        _input(ws, f"F{row}", number=True)

    _add_validations(ws, layout)
    _protect(ws)
    _print_setup(ws, "G", layout.last_row)
    ws.print_title_rows = pf.TITLE_ROWS
    ws.oddFooter.center.text = labels.PROJECT_FOOTER
    ws.oddFooter.center.size = 9
    return ws


GROUPED_COLUMNS = ("A", "B")  # 一级指标, 二级指标: a category spans the rows it goes on over


def _group_rules(ws: Worksheet, layout: ProjectLayout) -> None:
    """Draw a category (一级, then 二级 within it) as one cell over the rows it goes on for.

    A row *continues* the category above when it has content and its 一级 is blank (the reader
    takes the one above, as in the seed) or the same as the row above's; for 二级 also the same
    二级. A continuing cell has no line above it and its repeated name is white; a line is drawn
    below a cell whose next row does not continue it. Four exclusive rules, so that every
    program (Excel, LibreOffice, WPS) applies exactly one.
    """
    first, last = layout.first_indicator_row, layout.last_indicator_row
    edge = layout.indicator_columns[-1]

    def continues(col: str, row: int) -> str:
        level1 = f'AND(COUNTA($A{row}:${edge}{row})>0,OR($A{row}="",$A{row}=$A{row - 1}))'
        if col == "A":
            return level1
        return f'AND({level1},${col}{row}<>"",${col}{row}=${col}{row - 1})'

    for col in GROUPED_COLUMNS:
        here, below = continues(col, first), continues(col, first + 1)
        for condition, border, font in (  # every side named: some programs take a rule's border whole
            (f"AND(NOT({here}),NOT({below}))", _BOX, None),
            (f"AND(NOT({here}),{below})", Border(left=_THIN, right=_THIN, top=_THIN), None),
            (f"AND({here},NOT({below}))", Border(left=_THIN, right=_THIN, bottom=_THIN), _CONTINUED),
            (f"AND({here},{below})", _SIDES, _CONTINUED),
        ):
            rule = FormulaRule(formula=[condition], border=border, font=font)
            ws.conditional_formatting.add(f"{col}{first}:{col}{last}", rule)


def _list_ref(col: str, count: int) -> str:
    return f"'{labels.SHEET_LISTS}'!${col}$2:${col}${count + 1}"


def _add_validations(ws: Worksheet, layout: ProjectLayout) -> None:
    first, last = layout.first_indicator_row, layout.last_indicator_row
    lists = ws.parent[labels.SHEET_LISTS]
    counts = {col: sum(1 for c in lists[col][1:] if c.value) for col in "ABC"}
    for col, list_col, strict, prompt in (
        ("A", "A", True, labels.PROMPT_LEVEL1),
        ("B", "B", True, labels.PROMPT_LEVEL2),
        ("G", "C", False, labels.PROMPT_BASIS),
    ):
        validation = DataValidation(
            type="list",
            formula1=_list_ref(list_col, counts[list_col]),
            allow_blank=True,
            showErrorMessage=strict,
            errorTitle=labels.LIST_ERROR_TITLE,
            error=labels.LIST_ERROR,
            showInputMessage=True,
            prompt=prompt,
        )
        validation.add(f"{col}{first}:{col}{last}")
        ws.add_data_validation(validation)


def _lists_sheet(wb: Workbook, profile: Profile) -> None:
    ws = wb.create_sheet(labels.SHEET_LISTS)
    columns = (
        (labels.IND_LEVEL1, profile.level1_names),
        (labels.IND_LEVEL2, profile.level2_names),
        (labels.IND_BASIS, list(labels.BASIS_CHOICES)),
    )
    for col, (header, values) in enumerate(columns, 1):
        ws.cell(1, col, header)
        for row, value in enumerate(values, 2):
            ws.cell(row, col, value)
    ws.sheet_state = "hidden"


def _guide_sheet(wb: Workbook) -> None:
    ws = wb.active
    ws.title = labels.SHEET_GUIDE
    ws.column_dimensions["A"].width = GUIDE_WIDTH
    ws.column_dimensions[BUTTON_COLUMNS[labels.SHEET_GUIDE]].width = GUIDE_BUTTON_COLUMN_WIDTH
    ws["A1"].value = labels.GUIDE_TITLE
    ws["A1"].font = _TITLE
    ws["A1"].alignment = _CENTER
    ws.row_dimensions[1].height = 36
    for row, line in enumerate(labels.GUIDE_LINES, 2):
        cell = ws.cell(row, 1, line)
        cell.font = Font(name=FONT_NAME, size=11)
        cell.alignment = _LEFT
        lines = -(-len(line) // GUIDE_CHARS_PER_LINE)  # ceiling: wrapped lines of CJK text
        ws.row_dimensions[row].height = 8 + 16 * lines
    _protect(ws)
    _print_setup(ws, "A", len(labels.GUIDE_LINES) + 1)


def _department_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(labels.SHEET_DEPARTMENT)
    for col, width in zip("ABCD", (24, 26, 26, 26)):
        ws.column_dimensions[col].width = width
    ws.merge_cells("A1:D1")
    ws["A1"].value = labels.DEPT_TITLE
    ws["A1"].font = _TITLE
    ws["A1"].alignment = _CENTER
    ws.row_dimensions[1].height = 36
    d = DEPARTMENT
    _label(ws, "A2", labels.DEPT_UNIT_CODE)
    _input(ws, d.unit_code)
    _label(ws, "C2", labels.DEPT_UNIT_NAME)
    _input(ws, d.unit_name)
    _label(ws, "A3", labels.DEPT_YEAR)
    _input(ws, d.year)
    _label(ws, "C3", labels.DEPT_TOTAL)
    _input(ws, d.declared_total, number=True)
    for row in (2, 3):
        ws.row_dimensions[row].height = 24
    for row, text in ((4, labels.DEPT_OVERALL), (5, labels.DEPT_DUTIES), (6, labels.DEPT_SAFEGUARDS)):
        _label(ws, f"A{row}", text)
        _merge(ws, f"B{row}:D{row}")
        _input(ws, f"B{row}", align=_TOP_LEFT)
        ws.row_dimensions[row].height = 150
    _protect(ws)
    _print_setup(ws, "D", 6)


def project_sheet_title(number: int) -> str:
    return f"{labels.SHEET_PROJECT_PREFIX}{number}"


def new_workbook(
    project_titles: list[str] | None = None,
    profile: Profile | None = None,
    layout: ProjectLayout = ProjectLayout(),
) -> Workbook:
    """A blank workbook in the template's form with the given project sheets."""
    profile = profile or load_profile()
    wb = Workbook()
    _guide_sheet(wb)
    _department_sheet(wb)
    _lists_sheet(wb, profile)
    for number, title in enumerate(project_titles or [project_sheet_title(1)], 1):
        add_project_sheet(wb, title, layout, number)
    lists = wb[labels.SHEET_LISTS]
    wb.move_sheet(lists, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(lists.title))
    wb.active = 1
    return wb


CONF_SHEET = "xlwings.conf"
VENV_PARTS = ("workbook-tools", "venv")  # under %LOCALAPPDATA%, where excel-setup installs
#: What the standalone xlwings VBA module reads first (values get %VAR% expansion in VBA).
CONF_ROWS: tuple[tuple[str, str], ...] = (
    ("INTERPRETER_WIN", "%LOCALAPPDATA%\\" + "\\".join(VENV_PARTS) + "\\Scripts\\pythonw.exe"),
    ("ADD_WORKBOOK_TO_PYTHONPATH", "False"),
)


class _Geometry:
    """Cell edges of a sheet in points, from its column widths and row heights."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws

    def col_width(self, col: int) -> float:  # 0-based
        letter = get_column_letter(col + 1)  # look, don't index: indexing adds a dimension
        chars = self.ws.column_dimensions[letter].width if letter in self.ws.column_dimensions else 8.43
        return int(chars * 7 + 5) * 0.75  # Excel: pixels from characters of the default font

    def row_height(self, row: int) -> float:  # 0-based
        dimension = self.ws.row_dimensions.get(row + 1)
        return (dimension.height if dimension is not None else None) or 15.0

    def left(self, col: int) -> float:
        return sum(self.col_width(c) for c in range(col))

    def top(self, row: int) -> float:
        return sum(self.row_height(r) for r in range(row))

    def cell_at(self, x: float, y: float) -> tuple[int, float, int, float]:
        """The cell holding a point, and the point's offset in it (pixels): col, dx, row, dy."""
        col = 0
        while x >= self.col_width(col):
            x, col = x - self.col_width(col), col + 1
        row = 0
        while y >= self.row_height(row):
            y, row = y - self.row_height(row), row + 1
        return col, x / 0.75, row, y / 0.75


def button_layout(wb: Workbook, project_titles: list[str]) -> dict[str, list[Button]]:
    """The form buttons of the guide sheet and every project sheet, stacked clear of the form."""
    from workbook_tools.outputs.macro_book import COMMANDS, Button

    layout: dict[str, list[Button]] = {}
    for title in [labels.SHEET_GUIDE, *project_titles]:
        geometry = _Geometry(wb[title])
        column = column_index_from_string(BUTTON_COLUMNS.get(title, PROJECT_BUTTON_COLUMN)) - 1
        x, y = geometry.left(column) + 4, geometry.top(1) + 2
        buttons = []
        for i, (macro, _, key, _) in enumerate(COMMANDS):
            top = y + i * (BUTTON_SIZE[1] + BUTTON_GAP)
            start = geometry.cell_at(x, top)
            end = geometry.cell_at(x + BUTTON_SIZE[0], top + BUTTON_SIZE[1])
            buttons.append(Button(labels.BUTTONS[key], macro, x, top, *BUTTON_SIZE, (*start, *end)))
        layout[title] = buttons
    return layout


WEB_BUTTON_COLUMN = "C"
WEB_BUTTON_ROWS = (8, 9, 10)  # on the guide sheet, below the form buttons


def web_button_refs() -> dict[str, str]:
    """Command key → the ``button=`` reference xlwings Lite's ``@script`` takes."""
    from workbook_tools.outputs.macro_book import COMMANDS

    return {
        key: f"[wtWeb{macro}]{labels.SHEET_GUIDE}!{WEB_BUTTON_COLUMN}{row}"
        for row, (macro, _, key, _) in zip(WEB_BUTTON_ROWS, COMMANDS)
    }


def web_button_layout(wb: Workbook) -> dict[str, list[WebButton]]:
    """Named shapes for Excel on the web / xlwings Lite, each over the cell it links to."""
    from workbook_tools.outputs.macro_book import COMMANDS, WebButton

    geometry = _Geometry(wb[labels.SHEET_GUIDE])
    col = column_index_from_string(WEB_BUTTON_COLUMN) - 1
    shapes = []
    for row, (macro, _, key, _) in zip(WEB_BUTTON_ROWS, COMMANDS):
        width, height = WEB_BUTTON_WIDTH, min(geometry.row_height(row - 1) - 4, BUTTON_SIZE[1])
        anchor = (col, 5.0, row - 1, 3.0, col, 5 + width / 0.75, row - 1, 3 + height / 0.75)
        caption = labels.WEB_BUTTON.format(command=labels.BUTTONS[key])
        shapes.append(
            WebButton(
                caption,
                f"wtWeb{macro}",
                labels.SHEET_GUIDE,
                f"{WEB_BUTTON_COLUMN}{row}",
                width,
                height,
                anchor,
            )
        )
    return {labels.SHEET_GUIDE: shapes}


def macro_workbook(wb: Workbook, project_titles: list[str]) -> bytes:
    """The .xlsm package of a workbook built here: its cells, the VBA project, buttons, ribbon."""
    import io

    from workbook_tools.outputs.macro_book import bundled_vba, to_macro_book

    buttons = button_layout(wb, project_titles)
    conf = wb.create_sheet(CONF_SHEET)
    for key, value in CONF_ROWS:
        conf.append([key, value])
    conf.sheet_state = "hidden"
    data = io.BytesIO()
    wb.save(data)
    return to_macro_book(data.getvalue(), bundled_vba(), buttons, web_button_layout(wb))


def build_macro_template(path: str | Path, profile: Profile | None = None) -> Path:
    """Write the clerk's template with buttons (.xlsm), atomically."""
    from workbook_tools.outputs.atomic import write_atomically

    data = macro_workbook(new_workbook(profile=profile), [project_sheet_title(1)])
    return write_atomically(path, lambda tmp: tmp.write_bytes(data))


def build_template(path: str | Path, profile: Profile | None = None) -> Path:
    """Write the standard template file (atomically)."""
    from workbook_tools.outputs.atomic import save_workbook

    return save_workbook(new_workbook(profile=profile), path)
