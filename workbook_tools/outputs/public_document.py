"""Parsed workbooks → the published Word document (部门预算公开), laid out as the seed.

The seed (``shared/seed/000_ed2af21bd3572665.txt``) is the text of such a document: 第一部分
部门整体绩效目标 with its three sections (一、总体绩效目标 … 三、工作保障措施, each text opened by
its lead words), then 第二部分 预算项目绩效目标 with one numbered table per project
(``1、工会经费绩效目标表``). A project table is the form clerks know, row by row as the seed
shows it: the unit line (the unit left, ``单位：万元`` right, no box), 项目编码 · 项目名称,
预算规模及资金用途 (预算数 · 其中：财政资金 · 其他资金, then the use of funds across) merged
down over its two rows, 资金支出计划（%） (the four checkpoints, then their percentages)
likewise, 绩效目标, the indicator header and one row per indicator with its 一级 (and 二级)
category merged down over the rows it goes on for.

The headings are Word's own (Heading 1 for the parts, Heading 2 for the sections and the
project titles), so the table of contents at the top (a ``TOC`` field) is filled in by Word
with F9. Fonts are those of Chinese government documents: 仿宋_GB2312 for the text (with 仿宋
as its alternative name in the font table, for a PC without it), 黑体 for headings, the East
Asian font set on the styles and on every run; tables in 10.5 pt; A4 portrait, 2.5 cm margins.

Several units make one document with a section per unit, each starting on a new page under
its own heading (``711002定州市总工会``, Heading 1), its parts and sections one level down, so
the table of contents names the unit of every part.

Everything is done through python-docx; XML is written by hand only where it has no API:
East Asian fonts and language, the font table's alternative names, theme fonts removed from
the built-in styles, the fields (contents, page number) and the unit line's missing borders.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Mm, Pt, RGBColor
from docx.table import _Cell

from workbook_tools import labels
from workbook_tools.outputs.atomic import write_atomically
from workbook_tools.outputs.cell_text import for_sheet
from workbook_tools.outputs.print_form import project_title
from workbook_tools.parse.model import Field, Indicator, PlanKind, PlanValue, Project, WorkbookModel
from workbook_tools.parse.money import Amount, AmountKind, fmt

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle
    from docx.table import Table
    from docx.text.paragraph import Paragraph

# --- page, fonts, sizes -------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)  # A4 portrait
MARGIN = Cm(2.5)
TEXT_WIDTH = Emu(PAGE_WIDTH - 2 * MARGIN)  # 16 cm: the tables' width
LATIN = "Times New Roman"  # digits and Latin letters of the text and the tables
FALLBACK_LATIN = {labels.FONT_FANGSONG: "FangSong", labels.FONT_HEITI: "SimHei"}
BODY_SIZE = Pt(16)  # 三号, as in government documents
BODY_LINE = Pt(28)  # exact line spacing of the text
BODY_INDENT = Pt(32)  # two characters
TABLE_SIZE = Pt(10.5)  # 五号
TITLE_SIZE = Pt(22)  # 二号: the document's title
TOC_TITLE_SIZE = Pt(16)
HEADING_SIZES = {1: Pt(18), 2: Pt(16), 3: Pt(16)}  # 小二, 三号
HEADING_SPACE = {1: (Pt(12), Pt(12)), 2: (Pt(12), Pt(6)), 3: (Pt(6), Pt(6))}
TOC_FIELD = ' TOC \\o "1-3" \\h \\z \\u '
EAST_ASIAN_LANGUAGE = "zh-CN"
#: The added styles' ids (Word shows their names; ids stay ASCII, as Word's own are).
STYLE_IDS = {labels.DOC_STYLE_TITLE: "DocumentTitle", labels.DOC_STYLE_TABLE: "TableText"}
AUTHOR = "workbook-tools"

# --- the project table's columns (cm; each row spans the text width) --------------------------

#: The first column holds the labels of the blocks and the 一级指标; wide enough for
#: 「资金支出计划」 and 「满意度指标」 on one line in 10.5 pt.
LABEL = 2.7
UNIT_ROW = (9.6, 6.4)
CODE_ROW = (LABEL, 3.8, 3.1, 6.4)
BUDGET_ROW = (LABEL, 1.8, 2.0, 3.1, 1.9, 2.3, 2.2)
WIDE_ROW = (LABEL, 16.0 - LABEL)  # the use of funds, 绩效目标
PLAN_ROW = (LABEL, *(4 * ((16.0 - LABEL) / 4,)))
INDICATOR_ROW = (LABEL, 2.7, 2.7, 3.4, 2.3, 2.2)
ROW_HEIGHT = Cm(0.75)  # the least height of a row of the form
HEADER_ROWS = 2  # the unit line and 项目编码: repeated on every page a table runs over

_CENTER = WD_ALIGN_PARAGRAPH.CENTER
_LEFT = WD_ALIGN_PARAGRAPH.LEFT
_RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
_JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
_UNSAFE_NAME = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


# --- the document -------------------------------------------------------------------------------


def write_document(models: Sequence[WorkbookModel], path: Path) -> Path:
    """Write the published document of one unit (or, for several, one with a section per
    unit) to ``path``, atomically; returns the path."""
    document = build_document(models)
    return write_atomically(path, lambda tmp: document.save(str(tmp)))


def build_document(models: Sequence[WorkbookModel]) -> Document:
    """The document of the given units (see the module's docstring)."""
    document = docx.Document()
    _page_setup(document)
    _styles(document)
    _font_table(document)
    combined = len(models) > 1
    _front_page(document, models)
    for model in models:
        if combined:
            document.add_section(WD_SECTION.NEW_PAGE)
            unit = labels.DOC_UNIT_HEADING.format(code=model.unit_code, name=model.unit_name)
            _heading(document, unit.strip() or Path(model.path).stem, 1, center=True)
        _unit(document, model, level=2 if combined else 1, new_page=not combined)
    properties = document.core_properties
    properties.title = document_title(models)
    properties.author = properties.last_modified_by = AUTHOR
    properties.created = properties.modified = datetime.now(timezone.utc).replace(microsecond=0)
    properties.revision = 1
    properties.comments = properties.keywords = properties.subject = ""
    return document


def document_title(models: Sequence[WorkbookModel]) -> str:
    """「定州市总工会2020年部门预算绩效目标」, or for several units the year and their count."""
    years = {m.year for m in models}
    year = next(iter(years)) if len(years) == 1 else None
    shown = labels.DOC_TITLE_YEAR.format(year=year) if year else ""
    if len(models) == 1:
        return labels.DOC_TITLE.format(name=models[0].unit_name, year=shown)
    return labels.DOC_TITLE_COMBINED.format(year=shown, count=len(models))


def document_name(model: WorkbookModel, fallback: str) -> str:
    """A unit's file name in a batch: ``711002定州市总工会_绩效目标.docx`` (the workbook's
    name when it names no unit); characters a file name cannot hold become ``_``."""
    unit = f"{model.unit_code}{model.unit_name}".strip() or fallback
    return labels.DOC_FILE_NAME.format(unit=safe_file_name(unit))


def safe_file_name(text: str) -> str:
    return _UNSAFE_NAME.sub("_", text).strip().rstrip(".") or "_"


def _front_page(document: Document, models: Sequence[WorkbookModel]) -> None:
    title = document.add_paragraph(style=labels.DOC_STYLE_TITLE)
    _run(title, document_title(models), labels.FONT_HEITI)
    contents = document.add_paragraph(style=labels.DOC_STYLE_TITLE)
    _run(contents, labels.DOC_TOC_TITLE, labels.FONT_HEITI).font.size = TOC_TITLE_SIZE
    _toc_field(document.add_paragraph())


def _unit(document: Document, model: WorkbookModel, level: int, new_page: bool) -> None:
    _heading(document, f"{labels.DOC_PART_ONE}\n{labels.DOC_PART_ONE_TITLE}", level, True, new_page)
    department = model.department
    texts = (
        (department.overall_goal, department.duty_goals, department.safeguards)
        if department is not None
        else (None, None, None)
    )
    for (title, lead), text in zip(labels.DOC_SECTIONS, texts):
        _heading(document, title, level + 1, indent=True)
        lines = _lines(text.value if text is not None else None) or [""]
        _body(document, lead + lines[0])
        for line in lines[1:]:
            _body(document, line)
    _heading(document, f"{labels.DOC_PART_TWO}\n{labels.DOC_PART_TWO_TITLE}", level, True, True)
    unit = f"{model.unit_code}{model.unit_name}"
    for number, project in enumerate(model.projects, 1):
        _heading(document, project_title(number, project.name.value), level + 1, center=True)
        _project_table(document, unit, project)


def _heading(
    document: Document,
    text: str,
    level: int,
    center: bool = False,
    page_break: bool = False,
    indent: bool = False,
) -> Paragraph:
    paragraph = document.add_paragraph(style=f"Heading {level}")
    _run(paragraph, _clean(text), labels.FONT_HEITI)
    if center:
        paragraph.alignment = _CENTER
    if indent:
        paragraph.paragraph_format.first_line_indent = BODY_INDENT
    if page_break:
        paragraph.paragraph_format.page_break_before = True
    return paragraph


def _body(document: Document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = _JUSTIFY
    paragraph.paragraph_format.first_line_indent = BODY_INDENT
    _run(paragraph, _clean(text), labels.FONT_FANGSONG_GB)


def _run(paragraph: Paragraph, text: str, east_asian: str) -> Any:
    """A run of ``text`` (line breaks kept) with its East Asian font named on the run itself,
    so the text keeps its font when copied into another document."""
    run = paragraph.add_run(text)
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    return run


def _clean(text: str | None) -> str:
    """User text as a document can hold it: no characters XML cannot carry (shown escaped),
    no tabs (which would read as a new table cell in the document's text)."""
    return for_sheet(str(text or "")).replace("\t", " ")


def _lines(text: str | None) -> list[str]:
    """The non-empty lines of a text: each a paragraph (an empty paragraph would read as the
    end of a table row in the document's text)."""
    return [line.strip() for line in _clean(text).splitlines() if line.strip()]


# --- a project's table --------------------------------------------------------------------------


@dataclass
class _Spec:
    """One cell of the form: its width (cm), text, alignment; ``continued`` merges it into the
    cell above (same columns); ``lines`` makes each line of the text a paragraph."""

    width: float
    text: str = ""
    align: WD_ALIGN_PARAGRAPH = _CENTER
    continued: bool = False
    lines: bool = False
    bold: bool = False
    edges: tuple[int, int] = field(default=(0, 0))


def _project_table(document: Document, unit: str, project: Project) -> Table:
    rows: list[list[_Spec]] = [
        [
            _Spec(UNIT_ROW[0], unit, _LEFT),
            _Spec(UNIT_ROW[1], labels.AMOUNT_UNIT, _RIGHT),
        ],
        _row(CODE_ROW, [labels.CODE, project.code.value, labels.NAME, project.name.value], (1, 3)),
        _row(
            BUDGET_ROW,
            [
                labels.BUDGET_BLOCK_SHOWN,
                labels.BUDGET,
                _amount(project.budget),
                labels.FISCAL,
                _amount(project.fiscal),
                labels.OTHER,
                _amount(project.other),
            ],
        ),
        [
            _Spec(WIDE_ROW[0], continued=True),
            _Spec(WIDE_ROW[1], _str(project.use.value), _JUSTIFY, lines=True),
        ],
        _row(PLAN_ROW, [labels.PLAN_BLOCK_SHOWN, *labels.CHECKPOINTS]),
        [
            _Spec(PLAN_ROW[0], continued=True),
            *(_Spec(w, _percent(p)) for w, p in zip(PLAN_ROW[1:], _plan(project))),
        ],
        [
            _Spec(WIDE_ROW[0], labels.GOALS),
            _Spec(WIDE_ROW[1], _str(project.goals.value), _JUSTIFY, lines=True),
        ],
        [_Spec(w, text, bold=True) for w, text in zip(INDICATOR_ROW, labels.INDICATOR_HEADERS)],
    ]
    rows.extend(_indicator_rows(project.indicators))
    table = _form_table(document, rows)
    _unboxed(table, 0)
    _kept_together(table)
    return table


def _row(widths: Sequence[float], texts: Sequence[str | None], left: tuple[int, ...] = ()) -> list[_Spec]:
    return [_Spec(w, _str(t), _LEFT if i in left else _CENTER) for i, (w, t) in enumerate(zip(widths, texts))]


def _indicator_rows(indicators: Sequence[Indicator]) -> list[list[_Spec]]:
    """One row per indicator; a 一级 category going on from the row above is merged into it,
    and within it so is a 二级 category going on."""
    rows = []
    previous: tuple[str, str] = ("", "")
    for indicator in indicators:
        level1, level2 = _str(indicator.level1.value), _str(indicator.level2.value)
        same1 = bool(level1) and level1 == previous[0]
        same2 = same1 and bool(level2) and level2 == previous[1]
        value = indicator.value.value
        texts = (
            level1,
            level2,
            _str(indicator.level3.value),
            _str(indicator.description.value),
            value.text if value is not None else _str(indicator.value.raw),
            _str(indicator.basis.value),
        )
        aligns = (_CENTER, _CENTER, _LEFT, _JUSTIFY, _CENTER, _CENTER)
        continued = (same1, same2, False, False, False, False)
        rows.append([_Spec(w, t, a, c) for w, t, a, c in zip(INDICATOR_ROW, texts, aligns, continued)])
        previous = (level1, level2)
    return rows


def _str(value: object) -> str:
    return "" if value is None else str(value).strip()


def _amount(amount: Field[Amount]) -> str:
    """Two decimals (``450.00``); blank when the cell is (the seed's 其他资金); a cell that is
    no number as it was written."""
    parsed = amount.value
    if parsed is None or parsed.kind is AmountKind.EMPTY:
        return ""
    if parsed.value is None:
        return _str(amount.raw)
    return fmt(parsed.value)


def _plan(project: Project) -> list[Field[PlanValue] | None]:
    plan: list[Field[PlanValue] | None] = list(project.plan[: len(labels.CHECKPOINTS)])
    return plan + [None] * (len(labels.CHECKPOINTS) - len(plan))


def _percent(entry: Field[PlanValue] | None) -> str:
    """A cumulative percentage with two decimals (``25.00``), as the seed prints them."""
    if entry is None or entry.value is None or entry.value.kind is PlanKind.EMPTY:
        return ""
    if entry.value.percent is None:
        return _str(entry.raw)
    return fmt(Decimal(entry.value.percent))


def _form_table(document: Document, rows: list[list[_Spec]]) -> Table:
    """A table whose rows divide the width each their own way: the grid has a column between
    every two edges any row has, a cell spans the grid columns between its edges, and a
    ``continued`` cell is merged into the one above it."""
    for row in rows:
        edge = 0
        for spec in row:
            end = edge + Cm(spec.width)
            spec.edges = (edge, end)
            edge = end
        row[-1].edges = (row[-1].edges[0], TEXT_WIDTH)  # rounding never leaves a sliver
    grid = sorted({e for row in rows for spec in row for e in spec.edges})
    column = {edge: i for i, edge in enumerate(grid)}
    table = document.add_table(rows=len(rows), cols=len(grid) - 1)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Emu(b - a) for a, b in pairwise(grid)]
    for col, width in zip(table.columns, widths):
        col.width = width
    rows_xml = [row._tr for row in table.rows]
    for tr in rows_xml:
        for tc, width in zip(tr.tc_lst, widths):
            tc.width = width

    def cell(r: int, i: int) -> _Cell:
        """Row ``r``'s ``i``-th cell of the form (a merged cell keeps its place in its row)."""
        return _Cell(rows_xml[r].tc_lst[i], table)

    for r, row in enumerate(rows):
        for spec in reversed(row):  # from the right, so the cells on the left keep their places
            first, last = column[spec.edges[0]], column[spec.edges[1]] - 1
            if last > first:
                cell(r, first).merge(cell(r, last))
    for r, row in enumerate(rows):
        for i, spec in enumerate(row):
            if spec.continued or _below(rows, r, spec.edges) is None:
                continue
            bottom, index = r, i
            while (found := _below(rows, bottom, spec.edges)) is not None:
                bottom, index = bottom + 1, found
            cell(r, i).merge(cell(bottom, index))
    for r, row in enumerate(rows):
        for i, spec in enumerate(row):
            if not spec.continued:
                _fill(cell(r, i), spec)
    return table


def _below(rows: list[list[_Spec]], r: int, edges: tuple[int, int]) -> int | None:
    """The place in row ``r + 1`` of a cell continuing the one at ``edges`` in row ``r``."""
    if r + 1 < len(rows):
        for i, spec in enumerate(rows[r + 1]):
            if spec.continued and spec.edges == edges:
                return i
    return None


def _fill(cell: _Cell, spec: _Spec) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    texts = _lines(spec.text) if spec.lines else [_clean(spec.text)]
    paragraph = cell.paragraphs[0]
    for i, text in enumerate(texts or [""]):
        if i:
            paragraph = cell.add_paragraph()
        paragraph._p.get_or_add_pPr().style = STYLE_IDS[labels.DOC_STYLE_TABLE]  # by id: fast
        paragraph.alignment = spec.align
        if text:
            run = _run(paragraph, text, labels.FONT_FANGSONG_GB)
            run.bold = spec.bold or None


def _unboxed(table: Table, r: int) -> None:
    """The unit line above the form: its cells have no border but the one under them."""
    for cell in table.rows[r].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        properties = cell._tc.get_or_add_tcPr()
        borders = OxmlElement("w:tcBorders")
        for side in ("top", "left", "right"):
            border = OxmlElement(f"w:{side}")
            border.set(qn("w:val"), "nil")
            borders.append(border)
        _insert_after(properties, borders, ("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge"))


def _kept_together(table: Table) -> None:
    """Print a table as a form: its rows at least :data:`ROW_HEIGHT` high, none broken across
    two pages, and the whole table on one page when it fits (every row kept with the next,
    as Word keeps tables together), so a table starts on a new page rather than run over;
    where it must run over (or a program splits it anyway, as LibreOffice does), the unit line
    and the 项目编码 row are repeated at the top of the next page."""
    rows = table.rows
    for index, row in enumerate(rows):
        if index:
            row.height, row.height_rule = ROW_HEIGHT, WD_ROW_HEIGHT_RULE.AT_LEAST
        properties = row._tr.get_or_add_trPr()
        flags = ("w:cantSplit", "w:tblHeader") if index < HEADER_ROWS else ("w:cantSplit",)
        for flag in flags:
            if properties.find(qn(flag)) is None:
                properties.append(OxmlElement(flag))
        if index < len(rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _insert_after(parent: Any, child: Any, predecessors: Sequence[str]) -> None:
    """Insert ``child`` in schema order: after the last of ``predecessors`` present."""
    anchor = None
    for tag in predecessors:
        found = parent.find(qn(tag))
        if found is not None:
            anchor = found
    if anchor is None:
        parent.insert(0, child)
    else:
        anchor.addnext(child)


# --- page, styles, fonts, fields ----------------------------------------------------------------


def _page_setup(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    footer = section.footer.paragraphs[0]
    footer.alignment = _CENTER
    before, after = labels.DOC_PAGE_NUMBER
    _run(footer, before, labels.FONT_FANGSONG_GB)
    number = OxmlElement("w:fldSimple")
    number.set(qn("w:instr"), " PAGE ")
    shown = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    shown.append(text)
    number.append(shown)
    footer._p.append(number)
    _run(footer, after, labels.FONT_FANGSONG_GB)


def _toc_field(paragraph: Paragraph) -> None:
    """A table-of-contents field over Heading 1–3, showing how to fill it in until Word does."""
    paragraph.alignment = _CENTER

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = TOC_FIELD
    paragraph.add_run()._r.append(instruction)
    char("separate")
    _run(paragraph, labels.DOC_TOC_PLACEHOLDER, labels.FONT_FANGSONG_GB)
    char("end")


def _fonts(properties: Any, latin: str, east_asian: str) -> None:
    """Name the fonts of a style's (or the defaults') run properties outright: the built-in
    styles name theme fonts, which win over named ones, so those go."""
    fonts = properties.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _styles(document: Document) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is not None:
        _fonts(properties, LATIN, labels.FONT_FANGSONG_GB)
        language = properties.find(qn("w:lang"))
        if language is not None:
            language.set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGE)

    normal = styles["Normal"]
    _fonts(normal.element.get_or_add_rPr(), LATIN, labels.FONT_FANGSONG_GB)
    normal.font.size = BODY_SIZE
    _spacing(normal, BODY_LINE)

    for level, size in HEADING_SIZES.items():
        heading = styles[f"Heading {level}"]
        _fonts(heading.element.get_or_add_rPr(), labels.FONT_HEITI, labels.FONT_HEITI)
        heading.font.size = size
        heading.font.bold = False  # 黑体 is bold enough; Word would embolden it artificially
        heading.font.italic = False
        heading.font.color.rgb = RGBColor(0, 0, 0)
        _spacing(heading, BODY_LINE, *HEADING_SPACE[level])

    title = styles.add_style(labels.DOC_STYLE_TITLE, WD_STYLE_TYPE.PARAGRAPH)
    title.style_id = STYLE_IDS[labels.DOC_STYLE_TITLE]
    title.base_style = normal
    _fonts(title.element.get_or_add_rPr(), labels.FONT_HEITI, labels.FONT_HEITI)
    title.font.size = TITLE_SIZE
    title.paragraph_format.alignment = _CENTER
    _spacing(title, None, Pt(72), Pt(48))

    table = styles.add_style(labels.DOC_STYLE_TABLE, WD_STYLE_TYPE.PARAGRAPH)
    table.style_id = STYLE_IDS[labels.DOC_STYLE_TABLE]
    table.base_style = normal
    _fonts(table.element.get_or_add_rPr(), LATIN, labels.FONT_FANGSONG_GB)
    table.font.size = TABLE_SIZE
    table.paragraph_format.first_line_indent = Pt(0)
    _spacing(table, None)


def _spacing(style: ParagraphStyle, exact: Length | None, before: int = 0, after: int = 0) -> None:
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Emu(before), Emu(after)
    if exact is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing = exact  # python-docx makes a length exact
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY


def _font_table(document: Document) -> None:
    """Add the Chinese fonts to the font table with their alternative names, the character
    set and the family: where 仿宋_GB2312 is not installed (Windows 10 has 仿宋 only), Word
    takes the alternative instead of a font of its own choosing."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    fonts = parse_xml(part.blob)
    known = {f.get(qn("w:name")) for f in fonts.findall(qn("w:font"))}
    entries = (
        (labels.FONT_FANGSONG_GB, labels.FONT_FANGSONG, "modern"),
        (labels.FONT_FANGSONG, FALLBACK_LATIN[labels.FONT_FANGSONG], "modern"),
        (labels.FONT_HEITI, FALLBACK_LATIN[labels.FONT_HEITI], "modern"),
    )
    for name, alternative, family in entries:
        if name in known:
            continue
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alternative), ("w:charset", "86"), ("w:family", family)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            font.append(element)
        pitch = OxmlElement("w:pitch")
        pitch.set(qn("w:val"), "fixed")
        font.append(pitch)
        fonts.append(font)
    part._blob = serialize_part_xml(fonts)  # a plain part: python-docx keeps its bytes
