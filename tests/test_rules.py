"""One test per rule code: the sample with one planted mistake yields exactly that finding.

Every test compares against the sample's own findings (warnings only, see
test_seed_findings), so "exactly" means: the planted finding is the only new one.
"""

from __future__ import annotations

from pathlib import Path

import msoffcrypto.format.ooxml
import pytest
from conftest import SAMPLE

from workbook_tools.check import RULES, Severity
from workbook_tools.check.profile import load_profile
from workbook_tools.check.validation import validate_file

PROFILE = load_profile()
UNION, AID, CHECKUP, WARMTH, MAYDAY, INVEST = (
    "工会经费",
    "困难职工及劳模帮扶救助",
    "劳模体检及保险费",
    "送温暖资金",
    "五一系列活动经费",
    "招商引资工作经费",
)
DEPT = "部门整体"


def keys(report) -> set[tuple[str, str, str]]:
    return {(f.code, f.sheet, f.cell) for f in report.findings}


BASELINE = keys(validate_file(SAMPLE, PROFILE))


def new_findings(path: Path):
    report = validate_file(path, PROFILE)
    added = [f for f in report.findings if (f.code, f.sheet, f.cell) not in BASELINE]
    return report, added


def setter(sheet: str, **cells):
    def change(wb):
        for ref, value in cells.items():
            wb[sheet][ref] = value

    return change


# (code, change, sheet, cell, text the message must contain)
PLANTED = [
    ("X004", setter(UNION, E4="=C4"), UNION, "E4", "财政资金"),
    ("F001", setter(UNION, B8=None), UNION, "B8", "绩效目标"),
    ("F001", setter(UNION, C4=None), UNION, "C4", "预算数"),  # an empty amount is not 0
    ("A001", setter(UNION, C4="#DIV/0!"), UNION, "C4", "#DIV/0!"),  # an error value, both readers
    ("F002", setter(UNION, B3="711-301-JBN-BFBQ"), UNION, "B3", "711-301-JBN-BFBQ"),
    ("F003", setter(UNION, B3="712-0301-JBN-BFBQ"), UNION, "B3", "712"),
    ("F004", setter(WARMTH, B3="711-0301-JBN-BFBQ"), WARMTH, "B3", UNION),
    ("F005", setter(MAYDAY, E3="工会经费"), MAYDAY, "E3", "工会经费"),
    ("F006", setter(UNION, I1="预算数", J1=450), UNION, "I1", "「预算数」在本表出现 2 次（I1、B4）"),
    ("A001", setter(CHECKUP, G4="待定"), CHECKUP, "G4", "待定"),
    ("A002", setter(CHECKUP, E4=8, G4=-1), CHECKUP, "G4", "-1.00"),
    ("A003", setter(UNION, E4=400), UNION, "C4", "预算数 450.00 ≠ 财政资金 400.00 + 其他资金 0.00"),
    ("A004", setter(UNION, B26="活动经费", F26=300, B27="帮扶", F27=100), UNION, "F26", "400.00"),
    (
        "A005",
        setter(AID, C5="用于帮扶救助，其中预计生活救助15.6万元，医疗救助5.43万元，子女助学5.15万元。"),
        AID,
        "C5",
        "26.18",
    ),
    ("A006", setter(UNION, C4="450万元"), UNION, "C4", "450万元"),
    ("P001", setter(UNION, C7=None), UNION, "C7", "6月底"),
    ("P002", setter(UNION, E7=120), UNION, "E7", "120"),
    ("P003", setter(UNION, D7=40), UNION, "D7", "40"),
    ("P004", setter(UNION, E7=90), UNION, "E7", "90"),
    ("I001", setter(MAYDAY, **{f"{c}{r}": None for c in "ABCDFG" for r in (10, 11, 12)}), MAYDAY, "A9", ""),
    ("I002", setter(WARMTH, A11="产品指标"), WARMTH, "A11", "产品指标"),
    ("I003", setter(UNION, B10="社会效益指标"), UNION, "B10", "社会效益指标"),
    ("I004", setter(MAYDAY, **{f"{c}12": None for c in "ABCDFG"}), MAYDAY, "A9", "满意度指标"),
    ("I005", setter(UNION, D10=None), UNION, "D10", "绩效指标描述"),
    ("I006", setter(UNION, F10="≥人次"), UNION, "F10", "≥人次"),
    ("I007", setter(UNION, F11="≥150%"), UNION, "F11", "150"),
    ("I008", setter(MAYDAY, C11="指导管理工作次数", F11="≥10次"), MAYDAY, "C11", "C10"),
    ("I009", setter(MAYDAY, C10="职工满意度调查次数"), MAYDAY, "C10", "满意度指标"),
    ("I010", setter(AID, F10=">50座"), AID, "F10", "座"),
    ("I011", setter(INVEST, F12="≥75%"), INVEST, "F12", "80"),
    ("I012", setter(UNION, F10="显著提升"), UNION, "F10", "显著提升"),
    ("I013", setter(UNION, F10="≥95%"), UNION, "F10", "分子和分母"),
    ("I014", setter(UNION, F10="30"), UNION, "F10", "没有单位"),
    ("I015", setter(UNION, B10="成本指标", C10="成本控制率", F10="100%"), UNION, "F10", "成本控制率"),
    ("I016", setter(UNION, C10="群众投诉率", F10="≥5%"), UNION, "F10", "越少越好"),
    ("I017", setter(UNION, C10="预算执行率", F10="100%"), UNION, "C10", "财政单独考核"),
    ("I019", setter(UNION, F10="≥30人次(历史标准)"), UNION, "F10", "历史标准"),
    ("I020", setter(UNION, F13="≥0.95"), UNION, "F13", "95%"),
    ("P005", setter(INVEST, C5="培训班4月起陆续开展，12月份完成"), INVEST, "B7", "最早月份是 4 月"),
    ("D001", setter(DEPT, B2=None), DEPT, "B2", "单位编码"),
    ("D002", setter(DEPT, D3=500), DEPT, "D3", "538.18"),
    ("D003", setter(WARMTH, B2="712001定州市教育局"), WARMTH, "B2", "712001定州市教育局"),
]


@pytest.mark.parametrize(("code", "change", "sheet", "cell", "text"), PLANTED, ids=[p[0] for p in PLANTED])
def test_planted_mistake_gives_exactly_its_finding(edit_sample, code, change, sheet, cell, text) -> None:
    report, added = new_findings(edit_sample(change))
    assert [(f.code, f.sheet, f.cell) for f in added] == [(code, sheet, cell)]
    assert text in added[0].message
    assert added[0].severity == RULES[code].severity
    other_errors = [f for f in report.findings if f.severity is Severity.ERROR and f is not added[0]]
    assert other_errors == []


def test_x001_not_a_workbook(tmp_path: Path) -> None:
    for name, content in (("a.xlsx", b"PK\x03\x04 broken zip"), ("b.xlsx", b"hello"), ("c.csv", b"a,b")):
        path = tmp_path / name
        path.write_bytes(content)
        report = validate_file(path, PROFILE)
        assert [f.code for f in report.findings] == ["X001"] and report.model is None


def test_x002_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "encrypted.xlsx"
    with SAMPLE.open("rb") as source, path.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("secret", out)
    report = validate_file(path, PROFILE)
    assert [f.code for f in report.findings] == ["X002"]
    assert "密码" in report.findings[0].message


def test_x003_no_project_sheet(edit_sample) -> None:
    def change(wb):
        for name in (UNION, AID, CHECKUP, WARMTH, MAYDAY, INVEST):
            del wb[name]

    report = validate_file(edit_sample(change), PROFILE)
    assert [f.code for f in report.findings] == ["X003"]


def test_d001_no_department_sheet(edit_sample) -> None:
    def change(wb):
        del wb[DEPT]

    _, added = new_findings(edit_sample(change))
    assert [(f.code, f.sheet, f.cell) for f in added] == [("D001", "", "")]


def test_i018_a_target_written_as_done(edit_sample) -> None:
    """A value written as a result already reached; it is qualitative too (I012)."""
    _, added = new_findings(edit_sample(setter(UNION, F10="显著提升了职工维权意识")))
    assert {(f.code, f.sheet, f.cell) for f in added} == {("I018", UNION, "F10"), ("I012", UNION, "F10")}


def test_i009_a_deadline_says_when_but_the_word_时效_does_not(edit_sample) -> None:
    """厂务公开建制率 (a 时效指标 the seed flags): a deadline as its value settles it; renaming it
    「…时效」 does not."""
    fixed = validate_file(edit_sample(setter(UNION, F11="2020年12月31日前")), PROFILE)
    assert not [f for f in fixed.findings if f.code == "I009" and f.cell == "C11" and f.sheet == UNION]
    renamed = validate_file(edit_sample(setter(UNION, C11="厂务公开建制时效")), PROFILE)
    assert [f for f in renamed.findings if f.code == "I009" and f.cell == "C11" and f.sheet == UNION]


def test_i007_a_change_may_be_negative_or_above_100(edit_sample) -> None:
    for change in (
        {"C11": "厂务公开建制率同比增长", "F11": "≥150%"},
        {"F11": "提高120%"},
        {"C11": "成本降低率", "F11": "≤-5%"},
    ):
        _, added = new_findings(edit_sample(setter(UNION, **change)))
        assert not [f for f in added if f.code == "I007"], change
    for share in ("≥150%", "90%-120%"):
        _, added = new_findings(edit_sample(setter(UNION, F11=share)))
        assert [f.code for f in added] == ["I007"], share


def test_p006_one_note_when_every_plan_is_the_same(edit_sample) -> None:
    """The seed's six projects all plan 25/50/75/100: one workbook-level note, not one per project;
    a unit with one plan of its own gets none."""
    seed = [f for f in validate_file(SAMPLE, PROFILE).findings if f.code == "P006"]
    assert [(f.sheet, f.cell, f.severity) for f in seed] == [("", "", Severity.INFO)]
    assert "全部 6 个项目" in seed[0].message and "25/50/75/100" in seed[0].message
    report = validate_file(edit_sample(setter(INVEST, B7=0, C7=40)), PROFILE)
    assert not [f for f in report.findings if f.code == "P006"]


def test_every_catalog_code_is_tested() -> None:
    tested = {p[0] for p in PLANTED} | {"X001", "X002", "X003", "X005", "I018", "P006"}
    tested |= {"I021"}  # needs a profile with recommended categories: tests/test_profile_options.py
    assert tested == set(RULES)


# The seed is published and approved: no errors. Each warning it yields is one a reviewer wants.
SEED_WARNINGS = {
    # 厂务公开建制率 is filed as a 时效指标 but is a coverage rate: nothing about time.
    ("I009", UNION, "C11"),
    # 职工满意度 ≥70%: below the 80% review threshold.
    ("I011", UNION, "F13"),
    # 补助覆盖率 sits under 满意度指标 but measures coverage, not satisfaction.
    ("I009", AID, "C12"),
    # 市困难劳模救助率 is filed as a 时效指标 but is a rate with no time element.
    ("I009", CHECKUP, "C11"),
    # 市劳模休养活动满意率 is a satisfaction rate filed under 效果指标.
    ("I009", CHECKUP, "C12"),
    # ... and its target ≥70% is below the threshold.
    ("I011", CHECKUP, "F12"),
    # 服务对象满意度 ≥60%: below the threshold (送温暖资金 and 五一系列活动经费).
    ("I011", WARMTH, "F13"),
    ("I011", MAYDAY, "F12"),
    # 新增创业平台数量（个） is declared in 个 but its value is 1座.
    ("I010", INVEST, "F10"),
    # 劳模体检4、5月份完成 … 12月份完成, yet the plan spends 25% by the end of March.
    ("P005", CHECKUP, "B7"),
    # 计划于10月份前技能大赛, yet only 75% is spent by the end of October.
    ("P005", MAYDAY, "D7"),
    # All six projects keep the template's 25/50/75/100 (a note for the summary, not a warning).
    ("P006", "", ""),
}


def test_seed_findings() -> None:
    report = validate_file(SAMPLE, PROFILE)
    assert report.errors == 0
    assert keys(report) == SEED_WARNINGS
    assert [f.code for f in report.findings if f.severity is not Severity.WARNING] == ["P006"]


def test_seed_under_central_profile_accepts_synonym() -> None:
    """central-2021 names the category 效益指标; the seed's 效果指标 is its synonym: its only
    errors are the 成本指标 that profile requires and the 2020 form did not have."""
    report = validate_file(SAMPLE, load_profile("central-2021"))
    errors = {(f.code, f.message.count("成本指标")) for f in report.findings if f.severity is Severity.ERROR}
    assert errors == {("I004", 1)}


def test_a005_passes_when_text_states_total_then_items() -> None:
    """送温暖资金: 预计需50万元 … 其中 20+15+5+3+7 = 50 must pass (only items after 其中 count)."""
    report = validate_file(SAMPLE, PROFILE)
    assert not [f for f in report.findings if f.code == "A005"]


def test_findings_are_sorted_by_sheet_then_cell(edit_sample) -> None:
    report = validate_file(edit_sample(setter(UNION, F10="显著提升", B3="bad")), PROFILE)
    order = [(f.sheet, f.cell) for f in report.findings]
    assert order.index((UNION, "B3")) < order.index((UNION, "F10")) < order.index((AID, "C12"))


def test_d003_compares_units_whatever_the_bracket_width(edit_sample) -> None:
    """（示例） on 部门整体 and (示例) on a project sheet name the same unit."""

    def change(wb):
        wb[DEPT]["D2"] = "定州市总工会（机关）"
        for name in (UNION, AID):
            wb[name]["B2"] = "711002 定州市总工会(机关)"

    _, added = new_findings(edit_sample(change))
    assert [f.code for f in added] == ["D003"] * 4  # the four sheets still saying 定州市总工会


def zip_with(path: Path, source: Path, change) -> Path:
    import zipfile

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            zout.writestr(name, change(name, zin.read(name)))
    return path


def test_x005_far_cell_is_refused_before_reading(tmp_path: Path) -> None:
    """A value in XFD1048576 would make python-calamine allocate a 17-billion-cell grid."""
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    path = zip_with(
        tmp_path / "far.xlsx",
        SAMPLE,
        lambda n, d: d.replace(b"</sheetData>", far) if n == "xl/worksheets/sheet3.xml" else d,
    )
    for engine in ("calamine", "openpyxl"):
        report = validate_file(path, PROFILE, engine)
        assert [f.code for f in report.findings] == ["X005"] and report.model is None
        assert "1048576 行 × 16384 列" in report.findings[0].message


def test_x005_zip_bomb_and_entities(tmp_path: Path) -> None:
    bomb = zip_with(
        tmp_path / "bomb.xlsx",
        SAMPLE,
        lambda n, d: (
            d.replace(b"</sheetData>", b"</sheetData>" + b" " * (80 << 20)) if n.endswith("sheet2.xml") else d
        ),
    )
    assert bomb.stat().st_size < 2 << 20
    assert [f.code for f in validate_file(bomb, PROFILE).findings] == ["X005"]
    entity = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
    xxe = zip_with(
        tmp_path / "xxe.xlsx",
        SAMPLE,
        lambda n, d: entity + d.split(b"?>", 1)[-1] if n == "xl/workbook.xml" else d,
    )
    report = validate_file(xxe, PROFILE)
    assert [f.code for f in report.findings] == ["X005"] and "实体" in report.findings[0].message
