"""`export-docx`: the published Word document (部门预算公开) of a workbook, laid out as the seed.

The bundled sample is exported and read back with python-docx: the headings in the seed's
order, six project tables titled as the seed's, the first table's cells in the seed's order
with the seed's values, the merged cells, the fonts and the page. Then the batch export of
folders (one document per unit, or one combined), a broken file in the batch, the usage
errors, and LibreOffice turning the document into a PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLE, SEED_PROJECTS, convert_to_pdf, soffice
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from workbook_tools import jobs
from workbook_tools import labels as L
from workbook_tools.check.profile import load_profile
from workbook_tools.hosts.cli import main
from workbook_tools.outputs.public_document import TOC_FIELD, build_document, write_document
from workbook_tools.parse import load

UNITS = ROOT / "samples" / "units"
BROKEN = next(UNITS.glob("715002_*.xlsx"))
UNIT = "711002定州市总工会"
UNIT_DOC = f"{UNIT}_绩效目标.docx"
DEMO_DOCS = [
    "712001定州市教育局（示例）_绩效目标.docx",
    "713005定州市卫生健康局（示例）_绩效目标.docx",
    "714003定州市民政局（示例）_绩效目标.docx",
]

#: The seed's first table (its text: a cell a line, a row a paragraph), the long texts aside:
#: a merged cell continuing from the row above shows as "" as in the seed's text.
USE, GOALS = object(), object()
SEED_FIRST_TABLE = [
    ["711002定州市总工会", "单位：万元"],
    ["项目编码", "711-0301-JBN-BFBQ", "项目名称", "工会经费"],
    ["预算规模及资金用途", "预算数", "450.00", "其中：财政资金", "450.00", "其他资金", ""],
    ["", USE],
    ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"],
    ["", "25.00", "50.00", "75.00", "100.00"],
    ["绩效目标", GOALS],
    ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"],
    [
        "产出指标",
        "数量指标",
        "用工矛盾法律援助人次",
        "为企业和职工用工矛盾提供法律援助的人次",
        "≥30人次",
        "职责活动目标",
    ],
    [
        "",
        "时效指标",
        "厂务公开建制率",
        "建立厂务公开制度的企业占全部建会企业的比重",
        "≥50百分比",
        "职责活动目标",
    ],
    [
        "效果指标",
        "社会效益指标",
        "参赛职工和参加技能培训职工比率",
        "规模以上企业参赛职工和参加技能培训职工占规模以上企业全部职工总数的比重",
        "≥50百分比",
        "职责活动目标",
    ],
    ["满意度指标", "服务对象满意度指标", "职工满意度", "职工满意度", "≥70百分比", "职责活动目标"],
]
#: The seed's headings, in order (a part's number and title are one heading on two lines).
SEED_HEADINGS = [
    (1, "第一部分\n部门整体绩效目标"),
    (2, "一、总体绩效目标"),
    (2, "二、分项绩效目标"),
    (2, "三、工作保障措施"),
    (1, "第二部分\n预算项目绩效目标"),
    *((2, f"{i}、{name}绩效目标表") for i, (_, name, _) in enumerate(SEED_PROJECTS, 1)),
]


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "sample.docx"
    assert write_document([load(SAMPLE)], path) == path
    return path


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def headings(document) -> list[tuple[int, str]]:
    found = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name
        if name.startswith("Heading "):
            found.append((int(name.split()[1]), paragraph.text))
    return found


def shown_rows(table) -> list[list[str]]:
    """A table's cells as its text shows them: a cell merged across columns once, a cell
    continuing a merge from the row above as ""."""
    rows = []
    for r, row in enumerate(table.rows):
        texts, previous = [], None
        for c, cell in enumerate(row.cells):
            if cell._tc is previous:
                continue
            previous = cell._tc
            continued = r > 0 and table.cell(r - 1, c)._tc is cell._tc
            texts.append("" if continued else cell.text)
        rows.append(texts)
    return rows


# --- the sample's document ----------------------------------------------------------------------


def test_headings_are_the_seeds_in_order(sample_docx: Path) -> None:
    document = docx.Document(str(sample_docx))
    assert headings(document) == SEED_HEADINGS
    texts = [p.text for p in document.paragraphs]
    title = texts.index(L.DOC_TITLE.format(name="定州市总工会", year="2020年"))
    assert title < texts.index("第一部分\n部门整体绩效目标")  # the title and the contents come first
    for (section, lead), following in zip(
        L.DOC_SECTIONS, ("提高职工代表大会制度", "维护职工合法权益", "组织职工开展民主选举")
    ):
        body = texts[texts.index(section) + 1]
        assert body.startswith(lead + following), body
    overall = texts.index("一、总体绩效目标")
    assert texts[overall + 2].startswith("维护好以工资为核心")  # each line of the goal a paragraph
    assert texts[overall + 5] == "切实提高工会综合事务管理水平，保障单位的正常运转。"


def test_six_project_tables_titled_as_the_seed(sample_docx: Path) -> None:
    document = docx.Document(str(sample_docx))
    assert len(document.tables) == 6
    body = document.element.body
    titles = []
    for table in document.tables:
        before = table._tbl.getprevious()
        titles.append("".join(t.text or "" for t in before.iter(qn("w:t"))))
        assert table.style.name == "Table Grid"
    assert titles == [f"{i}、{name}绩效目标表" for i, (_, name, _) in enumerate(SEED_PROJECTS, 1)]
    assert body.index(document.tables[0]._tbl) < body.index(document.tables[1]._tbl)


def test_the_first_table_is_the_seeds_cell_by_cell(sample_docx: Path, seed_data: dict) -> None:
    table = docx.Document(str(sample_docx)).tables[0]
    project = seed_data["projects"][0]
    expected = [
        [project["use"] if c is USE else project["goals"] if c is GOALS else c for c in row]
        for row in SEED_FIRST_TABLE
    ]
    shown = shown_rows(table)
    assert [[squeeze(c) for c in row] for row in shown] == [[squeeze(c) for c in row] for row in expected]
    assert shown[2][2] == "450.00" and shown[2][6] == ""  # two decimals; 其他资金 blank as in the seed
    assert shown[5][1:] == ["25.00", "50.00", "75.00", "100.00"]
    goals = table.cell(6, 1).paragraphs  # a multi-line text: a paragraph a line, none empty
    assert [p.text for p in goals] == project["goals"].split("\n")


def test_merged_cells_span_their_rows(sample_docx: Path) -> None:
    table = docx.Document(str(sample_docx)).tables[0]
    tc = lambda r, c: table.cell(r, c)._tc  # noqa: E731
    assert tc(2, 0) is tc(3, 0)  # 预算规模及资金用途 over the amounts and the use of funds
    assert tc(4, 0) is tc(5, 0)  # 资金支出计划（%） over the checkpoints and the percentages
    assert tc(8, 0) is tc(9, 0)  # 产出指标 over its two indicators
    assert tc(9, 0) is not tc(10, 0) and tc(10, 0) is not tc(11, 0)
    assert tc(8, 1) is not tc(9, 1)  # 数量指标, 时效指标: different 二级 are not merged
    last = len(table.columns) - 1
    assert tc(3, 1) is tc(3, last) and tc(6, 1) is tc(6, last)  # the texts run across
    assert tc(0, 0) is not tc(0, last)  # the unit line: two cells
    merge = tc(9, 0).tcPr.find(qn("w:vMerge"))
    assert tc(8, 0).tcPr.find(qn("w:vMerge")).get(qn("w:val")) == "restart" and merge is not None


def test_every_table_has_the_seeds_amounts_plans_and_merges(sample_docx: Path, seed_data: dict) -> None:
    document = docx.Document(str(sample_docx))
    for table, (code, name, budget), project in zip(document.tables, SEED_PROJECTS, seed_data["projects"]):
        shown = shown_rows(table)
        assert shown[0] == [UNIT, L.AMOUNT_UNIT]
        assert shown[1] == [L.CODE, code, L.NAME, name]
        assert shown[2][2] == f"{budget:.2f}" == shown[2][4] and shown[2][6] == ""
        assert shown[5][1:] == ["25.00", "50.00", "75.00", "100.00"]
        indicators = shown[8:]
        assert len(indicators) == len(project["indicators"])
        for row, seed_row in zip(indicators, project["indicators"]):
            assert row == seed_row  # a 一级 going on from the row above is blank in both
        for r in range(8, len(table.rows)):  # a blank 一级 is the merged cell above
            if shown[r][0] == "":
                assert table.cell(r, 0)._tc is table.cell(r - 1, 0)._tc


def test_fonts_sizes_and_page(sample_docx: Path) -> None:
    document = docx.Document(str(sample_docx))

    def fonts(style_name: str):
        return document.styles[style_name].element.rPr.rFonts

    for name, east_asian in (
        ("Normal", L.FONT_FANGSONG_GB),
        ("Heading 1", L.FONT_HEITI),
        ("Heading 2", L.FONT_HEITI),
        (L.DOC_STYLE_TABLE, L.FONT_FANGSONG_GB),
    ):
        rfonts = fonts(name)
        assert rfonts.get(qn("w:eastAsia")) == east_asian, name
        assert rfonts.get(qn("w:asciiTheme")) is None and rfonts.get(qn("w:eastAsiaTheme")) is None
    assert document.styles[L.DOC_STYLE_TABLE].font.size == Pt(10.5)
    assert document.styles["Normal"].font.size == Pt(16)
    assert document.styles["Heading 1"].font.color.rgb == docx.shared.RGBColor(0, 0, 0)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:eastAsia")) == "zh-CN"
    runs = [r for p in document.paragraphs for r in p.runs if r.text.strip()]
    runs += [
        r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
    ]
    assert runs and all(
        r._element.rPr.rFonts.get(qn("w:eastAsia")) in (L.FONT_FANGSONG_GB, L.FONT_HEITI) for r in runs
    )
    cell_paragraphs = [p for row in document.tables[0].rows for c in row.cells for p in c.paragraphs]
    assert {p.style.name for p in cell_paragraphs} == {L.DOC_STYLE_TABLE}
    font_table = document.part.part_related_by(docx.opc.constants.RELATIONSHIP_TYPE.FONT_TABLE).blob
    assert f'w:name="{L.FONT_FANGSONG_GB}"><w:altName w:val="{L.FONT_FANGSONG}"/>'.encode() in font_table
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
        for margin in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin):
            assert abs(margin - Cm(2.5)) < Mm(0.5)


def test_contents_field_page_numbers_and_unit_line(sample_docx: Path) -> None:
    document = docx.Document(str(sample_docx))
    body = document.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert instructions == [TOC_FIELD] and 'TOC \\o "1-3" \\h' in TOC_FIELD
    begins = [f for f in body.iter(qn("w:fldChar")) if f.get(qn("w:fldCharType")) == "begin"]
    assert len(begins) == 1
    footer = document.sections[0].footer._element
    assert [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))] == ["PAGE"]
    for table in document.tables:
        for cell in table.rows[0].cells:  # the unit line: no box, only the form's top line below it
            borders = cell._tc.tcPr.find(qn("w:tcBorders"))
            assert {b.tag.split("}")[1]: b.get(qn("w:val")) for b in borders} == {
                "top": "nil",
                "left": "nil",
                "right": "nil",
            }
        header = [r._tr.trPr.find(qn("w:tblHeader")) is not None for r in table.rows]
        assert header[:3] == [True, True, False]  # repeated where a table runs over a page


def test_text_a_document_cannot_hold_is_escaped(tmp_path: Path) -> None:
    model = load(SAMPLE)
    model.projects[0].use.value = "第一行\t制表符\x1b转义\n\n第二行"
    model.projects[0].name.value = "名称\x01"
    document = build_document([model])
    table = document.tables[0]
    assert [p.text for p in table.cell(3, 1).paragraphs] == ["第一行 制表符\\u001b转义", "第二行"]
    assert headings(document)[5][1] == "1、名称\\u0001绩效目标表"
    path = write_document([model], tmp_path / "escaped.docx")
    assert shown_rows(docx.Document(str(path)).tables[0])[1][3] == "名称\\u0001"


# --- the command --------------------------------------------------------------------------------


def test_one_workbook(tmp_path: Path) -> None:
    result = run("export-docx", SAMPLE, "-o", tmp_path / "公开文本.docx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "公开文本.docx").is_file()
    assert (
        L.CLI_DOCX_WRITTEN.format(
            path=tmp_path / "公开文本.docx", unit=UNIT, projects=6, status=L.STATUS["warnings"]
        )
        in result.output
    )
    into_folder = run("export-docx", SAMPLE, "-o", tmp_path)  # a folder: the unit's name in it
    assert into_folder.exit_code == 0 and (tmp_path / UNIT_DOC).is_file()


def test_one_workbook_by_default_into_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export-docx", SAMPLE)
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == [UNIT_DOC]


def test_a_folder_gives_a_document_per_unit_and_lists_the_broken_file(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    result = run("export-docx", UNITS, SAMPLE, "-o", out)
    assert result.exit_code == jobs.EXIT_FINDINGS, result.output  # the broken file (and 713005's errors)
    assert sorted(p.name for p in out.iterdir()) == sorted([UNIT_DOC, *DEMO_DOCS])
    assert f"X001 {BROKEN}" in result.output
    assert L.CLI_DOCX_SUMMARY.format(files=5, exported=4, failed=1, errors=1) in result.output
    for name in DEMO_DOCS:
        document = docx.Document(str(out / name))
        unit = name.removesuffix("_绩效目标.docx")
        assert shown_rows(document.tables[0])[0] == [unit, L.AMOUNT_UNIT]
        assert headings(document)[0] == (1, "第一部分\n部门整体绩效目标")


def test_the_batch_goes_on_past_the_broken_file_in_the_library(tmp_path: Path) -> None:
    run_ = jobs.export_docx([BROKEN, SAMPLE], load_profile(), tmp_path)
    assert [p.path for p in run_.failed] == [BROKEN] and run_.failed[0].findings[0].code == "X001"
    assert [d.path.name for d in run_.documents] == [UNIT_DOC]
    assert run_.exit_code == jobs.EXIT_FINDINGS and run_.errors == 0


def test_combined_one_document_a_section_per_unit(tmp_path: Path) -> None:
    target = tmp_path / "全部.docx"
    result = run("export-docx", UNITS, SAMPLE, "--combined", "-o", target)
    assert result.exit_code == jobs.EXIT_FINDINGS, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["全部.docx"]
    assert L.CLI_DOCX_COMBINED.format(path=target, units=4, projects=14) in result.output
    document = docx.Document(str(target))
    units = [text for level, text in headings(document) if level == 1]
    assert units == [UNIT, *(n.removesuffix("_绩效目标.docx") for n in DEMO_DOCS)]
    assert [text for level, text in headings(document) if level == 2].count("第一部分\n部门整体绩效目标") == 4
    assert len(document.tables) == 14
    sections = document.sections
    assert len(sections) == 5 and all(s.start_type == WD_SECTION.NEW_PAGE for s in sections[1:])
    assert document.core_properties.title == L.DOC_TITLE_COMBINED.format(year="2020年", count=4)


def test_an_unreadable_workbook_is_refused_with_its_code(tmp_path: Path) -> None:
    result = run("export-docx", BROKEN, "-o", tmp_path / "x.docx")
    assert result.exit_code == jobs.EXIT_FINDINGS
    assert result.output.startswith(f"X001 {BROKEN}")
    assert list(tmp_path.iterdir()) == []


def test_a_unit_met_twice_gets_two_documents(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.xlsx", "b.xlsx"):
        shutil.copy(SAMPLE, folder / name)
    result = run("export-docx", folder, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [UNIT_DOC, f"{UNIT}_绩效目标_2.docx"]


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        ([UNITS, "-o", "x.docx"], "docx_output_folder"),
        ([SAMPLE, "-o", "x.pdf"], "docx_suffix"),
        (["no-such.xlsx"], "not_found"),
    ],
)
def test_usage_errors(
    args: list[object], usage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export-docx", *args)
    assert result.exit_code == jobs.EXIT_UNUSABLE, result.output
    assert L.USAGE[usage].split("{")[0] in result.output
    assert not (tmp_path / "out").exists()


def test_the_output_is_never_an_input(tmp_path: Path) -> None:
    same = tmp_path / "a.docx"
    same.write_bytes(b"not a workbook")
    result = run("export-docx", same, "-o", same)
    assert result.exit_code == jobs.EXIT_UNUSABLE
    assert L.USAGE["output_is_input"].format(path=same) in result.output
    assert same.read_bytes() == b"not a workbook"


# --- LibreOffice ---------------------------------------------------------------------------------


def _writer_missing() -> bool:
    """Whether LibreOffice is there without Writer (a calc-only install cannot open a .docx)."""
    binary = soffice()
    if binary is None:
        return False  # convert_to_pdf skips (or fails on CI)
    program = Path(os.path.realpath(binary)).parent
    return not any(program.glob("*swlo*")) and not any(program.glob("*sw*.dll"))


def test_libreoffice_prints_the_document(sample_docx: Path, tmp_path: Path) -> None:
    if _writer_missing() and not os.environ.get("CI"):
        pytest.skip("LibreOffice Writer not installed (libreoffice-writer-nogui)")
    source = tmp_path / "sample.docx"
    shutil.copy(sample_docx, source)
    pdf = convert_to_pdf(source, tmp_path)
    if shutil.which("pdftotext") is None:
        return
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = squeeze(text)
    for expected in ("第一部分", "一、总体绩效目标", "1、工会经费绩效目标表", "711-0301-JBN-BFBQ", "≥30人次"):
        assert expected in flat, expected
    assert re.search(r"450\.00\s+其中：财政资金\s+450\.00", text)
    assert "25.00" in text and "100.00" in text
