"""`workbook-tools import`: a published document (部门预算公开) → a filled workbook (issue 13).

``tests/data/seed_2020.txt`` is a copy of ``../shared/seed/000_ed2af21bd3572665.txt``: the plain
text extracted from the published Word document of 定州市总工会 2020 (a public document, 部门预算
公开). ``samples/dingzhou_trade_union_2020.json`` transcribes the same content by hand, and the
sample workbook is built from it: importing the text, or a .docx in the seed's layout, must give
a workbook whose parsed model equals the sample's on every field (sheet names aside), and the
same findings. Whatever cannot be placed is reported with where it was found, never dropped.
"""

from __future__ import annotations

import codecs
import importlib.util
import io
import json
import zipfile
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT, SAMPLE, SEED_JSON

from workbook_tools import labels as L
from workbook_tools.check.profile import load_profile
from workbook_tools.check.validation import FileReport, validate_file
from workbook_tools.hosts.cli import main
from workbook_tools.parse.model import Field, WorkbookModel
from workbook_tools.parse.published_document import describe, parse_document, sheet_name, sheet_names
from workbook_tools.read.document import DocumentError, Where, read_document, read_text

SEED_TEXT = ROOT / "tests" / "data" / "seed_2020.txt"
NEXT_STEP = "下一步：workbook-tools validate"


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def report(path: Path) -> FileReport:
    return validate_file(path, load_profile())


def values(model: WorkbookModel | None) -> dict[str, Any]:
    """Every field's value of a model (no locations, no sheet names, nothing the layout adds)."""
    assert model is not None and model.department is not None

    def value(f: Field[Any]) -> Any:
        return f.value

    d = model.department
    department = {
        key: value(getattr(d, key))
        for key in (
            "unit_code",
            "unit_name",
            "year",
            "overall_goal",
            "duty_goals",
            "safeguards",
            "declared_total",
        )
    }
    projects = [
        {
            **{
                key: value(getattr(p, key))
                for key in ("unit", "code", "name", "budget", "fiscal", "other", "use", "goals")
            },
            "plan": [value(f) for f in p.plan],
            "breakdown": [(value(b.purpose), value(b.amount)) for b in p.breakdown],
            "indicators": [
                [
                    value(getattr(i, key))
                    for key in ("level1", "level2", "level3", "description", "value", "basis")
                ]
                + [i.level1_inherited]
                for i in p.indicators
            ],
        }
        for p in model.projects
    ]
    return {"department": department, "projects": projects}


def codes(found: FileReport) -> Counter[str]:
    return Counter(f.code for f in found.findings)


@pytest.fixture(scope="module")
def sample_report() -> FileReport:
    return report(SAMPLE)


def test_the_test_copy_is_the_seed() -> None:
    seed = ROOT.parent / "shared" / "seed" / "000_ed2af21bd3572665.txt"
    if not seed.exists():
        pytest.skip("the shared seed is not beside this checkout")
    assert SEED_TEXT.read_bytes() == seed.read_bytes()


# --- the seed text ------------------------------------------------------------------------------


def test_the_seed_text_imports_to_the_sample(tmp_path: Path, sample_report: FileReport) -> None:
    out = tmp_path / "单位.xlsx"
    result = run("import", SEED_TEXT, "-o", out)
    assert result.exit_code == 0, result.output
    assert (
        "711002 定州市总工会" in result.output
        and "6 个项目" in result.output
        and "21 个指标" in result.output
    )
    assert L.CLI_IMPORT_ALL_PLACED in result.output
    assert result.output.rstrip().endswith(f"{NEXT_STEP} {out}")
    imported = report(out)
    assert values(imported.model) == values(sample_report.model)
    assert codes(imported) == codes(sample_report)
    assert imported.errors == 0


def test_the_seed_text_data_equals_the_hand_transcription() -> None:
    imported = parse_document(read_document(SEED_TEXT))
    assert imported.unplaced == []
    seed = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    assert imported.data["department"] == seed["department"]
    for got, want in zip(imported.data["projects"], seed["projects"], strict=True):
        assert {**got, "sheet": None} == {**want, "sheet": None}
    assert [p["sheet"] for p in imported.data["projects"]] == [
        "工会经费",
        "困难职工及劳模帮扶救助专项资金",  # 冀财行【2019】46号 and 2020年 left out
        "劳模体检及保险费",
        "送温暖资金",
        "五一系列活动经费",
        "招商引资工作经费",
    ]


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("gb18030"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with its BOM, as Word's 「Unicode」 text
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),  # Windows line ends
    ],
    ids=["gb18030", "utf-8-bom", "utf-16", "crlf"],
)
def test_encodings_are_detected(encode: Callable[[str], bytes]) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    expected = parse_document(read_text(text.encode("utf-8"))).data
    imported = parse_document(read_text(encode(text)))
    assert imported.data == expected and imported.unplaced == []


def test_the_xlsm_with_buttons(tmp_path: Path, sample_report: FileReport) -> None:
    result = run("import", SEED_TEXT, "-o", tmp_path / "单位.xlsx", "--xlsm")
    assert result.exit_code == 0, result.output
    out = tmp_path / "单位.xlsm"
    assert zipfile.ZipFile(out).getinfo("xl/vbaProject.bin").file_size > 0
    with zipfile.ZipFile(out) as package:  # the buttons: on 填报说明 and on every project sheet
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        with_buttons = [n for n in sheets if b"<legacyDrawing" in package.read(n)]
    assert len(with_buttons) == 1 + len(sample_report.model.projects)
    assert f"{NEXT_STEP} {out}" in result.output
    imported = report(out)
    assert values(imported.model) == values(sample_report.model)
    assert codes(imported) == codes(sample_report)


# --- a .docx in the seed's layout -------------------------------------------------------------------


def _put(table: Any, row: int, col: int, text: str | None, to: tuple[int, int] | None = None) -> None:
    """Write a cell (merged with the cells up to ``to``), a paragraph per line."""
    cell = table.cell(row, col) if to is None else table.cell(row, col).merge(table.cell(*to))
    first, *rest = (text or "").split("\n")
    cell.text = first
    for paragraph in rest:
        cell.add_paragraph(paragraph)


def seed_docx(data: dict[str, Any], path: Path) -> Path:
    """The seed's document as Word: headings, the department's texts, and per project a title,
    the unit line and one table on a 7-column grid with merged cells (预算规模及资金用途 and
    资金支出计划 over two rows, the use of funds and the goals across the row, 一级指标 down
    its category's rows)."""
    import docx

    document = docx.Document()
    department = data["department"]
    document.add_paragraph("第一部分")
    document.add_paragraph("部门整体绩效目标")
    leads = [
        ("一、总体绩效目标", "部门年度发展规划目标：", "overall_goal"),
        ("二、分项绩效目标", "部门职责分类绩效目标情况说明：", "duty_goals"),
        ("三、工作保障措施", "实现本年度发展规划目标的保障措施：", "safeguards"),
    ]
    for heading, lead, key in leads:
        document.add_heading(heading, level=1)
        first, *rest = department[key].split("\n")
        document.add_paragraph(lead + first)
        for paragraph in rest:
            document.add_paragraph("")  # empty paragraphs between, as a clerk types them
            document.add_paragraph(paragraph)
    document.add_paragraph("第二部分")
    document.add_paragraph("预算项目绩效目标")
    unit = f"{department['unit_code']}{department['unit_name']}"
    for number, project in enumerate(data["projects"], 1):
        document.add_heading(f"{number}、{project['name']}绩效目标表", level=2)
        document.add_paragraph(f"{unit}\t\t单位：万元")
        indicators = project["indicators"]
        table = document.add_table(rows=7 + len(indicators), cols=7)

        put = partial(_put, table)
        put(0, 0, "项目编码")
        put(0, 1, project["code"], (0, 2))
        put(0, 3, "项目名称")
        put(0, 4, project["name"], (0, 6))
        put(1, 0, "预算规模及资金用途", (2, 0))
        for col, (label, key) in enumerate(
            [("预算数", "budget"), ("其中：财政资金", "fiscal"), ("其他资金", "other")]
        ):
            put(1, 1 + 2 * col, label)
            put(1, 2 + 2 * col, project[key])
        put(2, 1, project["use"], (2, 6))
        put(3, 0, "资金支出计划（%）", (4, 0))
        for col, (checkpoint, percent) in enumerate(zip(L.CHECKPOINTS, project["plan"]), 1):
            last = (3, 6) if col == 4 else None
            put(3, col, checkpoint, last)
            put(4, col, percent, (4, 6) if last else None)
        put(5, 0, "绩效目标")
        put(5, 1, project["goals"], (5, 6))
        for col, header in enumerate(L.INDICATOR_HEADERS):
            put(6, col, header, (6, 6) if col == 5 else None)
        first_of_category = 7
        for offset, row in enumerate(indicators):
            r = 7 + offset
            for col, text in enumerate(row[1:], 1):
                put(r, col, text, (r, 6) if col == 5 else None)
            continues = offset + 1 < len(indicators) and indicators[offset + 1][0] == ""
            if not continues:  # the category's last row: 一级指标 merged down its rows
                put(
                    first_of_category,
                    0,
                    indicators[first_of_category - 7][0],
                    (r, 0) if r > first_of_category else None,
                )
                first_of_category = r + 1
    document.save(str(path))
    return path


def test_a_docx_in_the_seeds_layout_imports_to_the_sample(
    tmp_path: Path, seed_data: dict[str, Any], sample_report: FileReport
) -> None:
    source = seed_docx(seed_data, tmp_path / "公开文本.docx")
    body = zipfile.ZipFile(source).read("word/document.xml").decode("utf-8")
    assert "w:gridSpan" in body and 'w:vMerge w:val="restart"' in body  # merged cells indeed
    out = tmp_path / "单位.xlsx"
    result = run("import", source, "-o", out)
    assert result.exit_code == 0, result.output
    imported = report(out)
    assert values(imported.model) == values(sample_report.model)
    assert codes(imported) == codes(sample_report)


def test_docx_blocks_say_where_they_are(tmp_path: Path, seed_data: dict[str, Any]) -> None:
    document = read_document(seed_docx(seed_data, tmp_path / "d.docx"))
    tables = [b for b in document.blocks if hasattr(b, "rows")]
    assert len(tables) == 6
    budget_row = tables[0].rows[1]
    assert [c.text for c in budget_row] == [
        "预算规模及资金用途",
        "预算数",
        "450.00",
        "其中：财政资金",
        "450.00",
        "其他资金",
        "",
    ]
    use_row = tables[0].rows[2]
    assert [c.continued for c in use_row] == [True, False] and use_row[1].column == 1
    assert describe(use_row[1].where) == "表 1 第 3 行第 2 格"
    heading = next(b for b in document.blocks if getattr(b, "text", "") == "一、总体绩效目标")
    assert heading.heading and describe(heading.where).startswith("第 ")


def test_the_exported_document_imports_back(tmp_path: Path, sample_report: FileReport) -> None:
    """sample → export-docx → import gives the sample's model back (when the export exists)."""
    if importlib.util.find_spec("workbook_tools.outputs.public_document") is None:
        pytest.skip("workbook_tools.outputs.public_document is not there yet")
    if "export-docx" not in main.commands:
        pytest.skip("the export-docx command is not there yet")
    exported = tmp_path / "公开文本.docx"
    result = run("export-docx", SAMPLE, "-o", exported)
    assert exported.exists(), result.output
    out = tmp_path / "单位.xlsx"
    result = run("import", exported, "-o", out)
    assert result.exit_code == 0, result.output
    imported = report(out)
    assert values(imported.model) == values(sample_report.model)
    assert codes(imported) == codes(sample_report)


# --- damaged documents ----------------------------------------------------------------------------


def damaged_seed() -> str:
    """The seed with: a paragraph between two projects that belongs nowhere; project 3 without
    its 项目编码; an indicator row of project 4 with 3 cells; project 6 cut short after the plan."""
    lines = SEED_TEXT.read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines)
    title = "2、冀财行【2019】46号"
    text = text.replace(f"\n{title}", f"\n注：本表由财政局汇总公开。\n\n{title}", 1)
    text = text.replace("\t项目编码\n\t711-0109-JBN-K0K5\n", "", 1)
    text = text.replace(
        "\t质量指标\n\t补助覆盖率(%)\n\t已补助人数占应补助人群的比率\n\t≥60百分比\n\t职责活动目标\n",
        "\t质量指标\n\t补助覆盖率(%)\n",
        1,
    )
    cut = text.index("\t绩效目标\n\t1、坚持公益性服务型")
    return text[:cut]


def test_a_damaged_document_imports_what_it_can(tmp_path: Path, sample_report: FileReport) -> None:
    source = tmp_path / "damaged.txt"
    source.write_text(damaged_seed(), encoding="utf-8")
    lines = source.read_text(encoding="utf-8").split("\n")
    out = tmp_path / "单位.xlsx"
    result = run("import", source, "-o", out)
    assert result.exit_code == 1, result.output
    assert out.exists() and f"{NEXT_STEP} {out}" in result.output
    output = result.output
    paragraph_line = lines.index("注：本表由财政局汇总公开。") + 1
    assert f"第 {paragraph_line} 行：这一段不属于部门整体绩效目标的三项内容" in output
    assert "注：本表由财政局汇总公开。" in output
    # project 3 is tables 5 and 6 of the text; its code is missing
    first_line = (
        lines.index("3、劳模体检及保险费绩效目标表 TC 3、劳模体检及保险费绩效目标表 \\f C \\l 1 ") + 2
    )
    assert (
        f"表 5（文本第 {first_line} 行）：项目「劳模体检及保险费」中没有找到「项目编码」，该项留空" in output
    )
    # project 4's second indicator row (row 3 of table 8) has 3 cells
    row_line = lines.index("\t质量指标")
    assert f"表 8 第 3 行（文本第 {row_line} 行）：指标行有 3 格，与指标表表头的 6 格对不上" in output
    assert "补助覆盖率(%)" in output
    # project 6 stops after its plan: its goals and indicator table are missing
    assert "项目「招商引资工作经费」中没有找到「绩效目标」" in output
    assert f"项目「招商引资工作经费」中没有找到「{L.IMPORT_INDICATOR_TABLE}」" in output
    model = report(out).model
    assert model is not None and len(model.projects) == 6
    expected = values(sample_report.model)["projects"]
    got = values(model)["projects"]
    assert got[0] == expected[0] and got[1] == expected[1]  # the intact projects are whole
    assert got[2]["code"] is None and got[2]["name"] == "劳模体检及保险费"
    assert len(got[3]["indicators"]) == 3  # the short row left out, the others kept
    assert (
        got[5]["goals"] is None and got[5]["indicators"] == [] and got[5]["budget"] == expected[5]["budget"]
    )


def test_a_fund_breakdown_is_imported(tmp_path: Path) -> None:
    goals = "\t2、主要用于对我市困难职工的生活救助、医疗救助、子女助学等\n"
    rows = [
        ["资金明细（选填）"],
        ["用途", "金额"],
        ["生活救助", "15.60"],
        ["医疗救助", "5.43"],
        ["子女助学", "4.15"],
    ]
    block = "".join("\n" + "".join(f"\t{c}\n" for c in row) for row in rows)
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert text.count(goals.replace("\t2、", "2、")) == 1
    text = text.replace(goals.replace("\t2、", "2、"), goals.replace("\t2、", "2、") + block, 1)
    imported = parse_document(read_text(text.encode("utf-8")))
    assert imported.unplaced == []
    assert imported.data["projects"][1]["breakdown"] == [
        ["生活救助", "15.60"],
        ["医疗救助", "5.43"],
        ["子女助学", "4.15"],
    ]
    out = tmp_path / "单位.xlsx"
    result = run("import", read_path(tmp_path, text), "-o", out)
    assert result.exit_code == 0, result.output
    model = report(out).model
    assert model is not None and [b.purpose.value for b in model.projects[1].breakdown] == [
        "生活救助",
        "医疗救助",
        "子女助学",
    ]


def read_path(folder: Path, text: str) -> Path:
    path = folder / "document.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_document_without_a_year_leaves_it_empty_and_says_so(tmp_path: Path) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8").replace("2020年", "")
    imported = parse_document(read_text(text.encode("utf-8")))
    assert imported.data["department"]["year"] is None
    assert [u.message for u in imported.unplaced] == [L.IMPORT_NO_YEAR]


def test_the_unit_line_states_the_year(seed_data: dict[str, Any], tmp_path: Path) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8").replace("\t单位：万元\n", "\t2021年度　单位：万元\n")
    imported = parse_document(read_text(text.encode("utf-8")))
    assert imported.data["department"]["year"] == 2021  # the unit line comes before the names
    assert imported.unplaced == []


def test_units_that_disagree_are_reported(tmp_path: Path) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    last = text.rindex("\t711002定州市总工会\n")
    text = text[:last] + "\t712001定州市教育局\n" + text[last + len("\t711002定州市总工会\n") :]
    imported = parse_document(read_text(text.encode("utf-8")))
    assert imported.data["department"]["unit_code"] == "711002"
    [problem] = imported.unplaced
    assert problem.where is not None and problem.where.table == 11
    assert "「712001定州市教育局」" in problem.message and problem.message.startswith("表 11 第 1 行第 1 格")


def test_a_formula_never_reaches_the_workbook(tmp_path: Path) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8").replace(
        "\t≥30人次\n", '\t=HYPERLINK("http://x","≥30人次")\n'
    )
    imported = parse_document(read_text(text.encode("utf-8")))
    value = imported.data["projects"][0]["indicators"][0][4]
    assert value.startswith(L.IMPORT_FULL_WIDTH_EQUALS)
    [problem] = imported.unplaced
    assert "表 2 第 2 行第 5 格" in problem.message


# --- hostile inputs ---------------------------------------------------------------------------------


def refused(result: Result, *words: str) -> None:
    """Exit 2 with a Chinese message and no traceback."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output


def test_an_empty_file(tmp_path: Path) -> None:
    for name in ("empty.txt", "empty.docx"):
        (tmp_path / name).write_bytes(b"")
        refused(run("import", tmp_path / name, "-o", tmp_path / "o.xlsx"), "X001", "文件是空的")
    assert not (tmp_path / "o.xlsx").exists()


def test_a_binary_file_renamed_txt(tmp_path: Path) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    refused(run("import", binary, "-o", tmp_path / "o.xlsx"), "X001", "不是文字")
    workbook = tmp_path / "workbook.txt"
    workbook.write_bytes(SAMPLE.read_bytes())
    refused(run("import", workbook, "-o", tmp_path / "o.xlsx"), "X001", "不是文字")
    unknown = tmp_path / "gbk.txt"
    unknown.write_bytes("部门".encode("gb18030") + b"\x80\x80abc")
    refused(run("import", unknown, "-o", tmp_path / "o.xlsx"), "X001", "文字编码")


def test_a_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("这不是 Word 文档", encoding="utf-8")
    refused(run("import", fake, "-o", tmp_path / "o.xlsx"), "X001", "内容不是 Word 文档")
    renamed = tmp_path / "workbook.docx"
    renamed.write_bytes(SAMPLE.read_bytes())
    refused(run("import", renamed, "-o", tmp_path / "o.xlsx"), "X001", "word/document.xml")
    old = tmp_path / "old.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    refused(run("import", old, "-o", tmp_path / "o.xlsx"), "X001", "旧版 Word")
    broken = tmp_path / "broken.docx"
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")
    broken.write_bytes(data.getvalue())
    refused(run("import", broken, "-o", tmp_path / "o.xlsx"), "X001", "Word 文档已损坏")


def test_a_huge_text(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        for _ in range(9 * 1024):
            handle.write(("\t项目编码\n\t711-0301-JBN-BFBQ\n\n" * 40).encode("utf-8")[:1024])
    refused(run("import", huge, "-o", tmp_path / "o.xlsx"), "X005", "超出导入的上限 8 MB")


def test_a_zip_bomb_docx(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (40 << 20))
    refused(run("import", bomb, "-o", tmp_path / "o.xlsx"), "X005")


def test_other_files_and_usage(tmp_path: Path) -> None:
    refused(run("import", tmp_path / "missing.txt", "-o", tmp_path / "o.xlsx"), "X001", "文件不存在")
    refused(run("import", tmp_path, "-o", tmp_path / "o.xlsx"), "X001", "文件夹")
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    refused(run("import", pdf, "-o", tmp_path / "o.xlsx"), "X001", "「.pdf」不能导入")
    other = tmp_path / "other.txt"
    other.write_text("会议通知\n\n请各单位准时参加。\n", encoding="utf-8")
    refused(run("import", other, "-o", tmp_path / "o.xlsx"), "X001", "不是部门预算公开的绩效目标文本")
    refused(run("import", SEED_TEXT, "-o", tmp_path / "o.docx"), "扩展名应为 .xlsx")
    copy = tmp_path / "seed.txt"
    copy.write_bytes(SEED_TEXT.read_bytes())
    refused(run("import", copy, "-o", tmp_path / "seed.txt"))
    assert copy.read_bytes() == SEED_TEXT.read_bytes()
    refused(run("import", SEED_TEXT), "-o")


def test_a_document_error_names_its_rule() -> None:
    from workbook_tools.read.document import DocumentProblem

    assert DocumentError(DocumentProblem.TOO_LARGE, "9.0:8").code == "X005"
    assert DocumentError(DocumentProblem.BINARY).code == "X001"


# --- sheet names and places ----------------------------------------------------------------------------


def test_sheet_names_from_project_names() -> None:
    assert (
        sheet_name("冀财行【2019】46号  2020年困难职工及劳模帮扶救助专项资金")
        == "困难职工及劳模帮扶救助专项资金"
    )
    assert sheet_name("冀工办发[2019]42号文 2020年度送温暖资金") == "送温暖资金"
    assert sheet_name("资金/用途:测试*?[1]") == "资金用途测试1"
    assert len(sheet_name("很" * 40)) == 31
    assert sheet_names(["工会经费", "工会经费", None, "部门整体", "", "工会经费"]) == [
        "工会经费",
        "工会经费(2)",
        "项目3",
        "部门整体(2)",
        "项目5",
        "工会经费(3)",
    ]
    long = ["长" * 40, "长" * 40]
    assert [len(n) for n in sheet_names(long)] == [31, 31] and len(set(sheet_names(long))) == 2


def test_places_are_said_in_chinese() -> None:
    assert describe(Where(table=3, row=5, cell=2)) == "表 3 第 5 行第 2 格"
    assert describe(Where(table=3, row=5, cell=2, line=120)) == "表 3 第 5 行第 2 格（文本第 120 行）"
    assert describe(Where(line=120)) == "第 120 行"
    assert describe(Where(paragraph=12)) == "第 12 段"
    assert describe(None) == ""
