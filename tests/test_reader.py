"""The reader: the seed sample parses to DESIGN §8 exactly, with both readers, whatever clerks do."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import SAMPLE, SEED_PLAN, SEED_PROJECTS, convert, insert_rows

from workbook_tools.check.profile import load_profile
from workbook_tools.outputs.figures import unit_figures
from workbook_tools.parse import load
from workbook_tools.parse.money import AmountKind

ENGINES = ["calamine", "openpyxl"]


@pytest.mark.parametrize("engine", ENGINES)
def test_sample_gives_the_known_answers(engine: str) -> None:
    model = load(SAMPLE, engine)
    assert (model.unit_code, model.unit_name, model.year) == ("711002", "定州市总工会", 2020)
    assert len(model.projects) == 6
    assert model.total_budget == Decimal("538.18")
    figures = unit_figures(model, load_profile())
    assert figures.indicator_total == 21
    assert figures.counts == {"产出指标": 9, "效果指标": 6, "满意度指标": 6}
    for project, (code, name, budget) in zip(model.projects, SEED_PROJECTS):
        assert project.code.value == code
        assert project.name.value == name
        assert project.budget_value == budget
        assert project.fiscal_value == budget
        assert project.other_value == 0 and project.other.value.kind is AmountKind.EMPTY
        assert project.plan_percents() == SEED_PLAN
        assert all(isinstance(v, Decimal) for v in (project.budget_value, project.fiscal_value))


def test_both_readers_give_the_same_model() -> None:
    assert load(SAMPLE, "calamine") == load(SAMPLE, "openpyxl")


def test_fields_remember_sheet_and_cell() -> None:
    project = load(SAMPLE).projects[1]
    assert project.code.loc.sheet == project.sheet == "困难职工及劳模帮扶救助"
    assert (project.code.loc.cell, project.budget.loc.cell, project.plan[3].loc.cell) == ("B3", "C4", "E7")
    assert [i.value.loc.cell for i in project.indicators] == ["F10", "F11", "F12"]


def test_blank_level1_continues_the_row_above_as_in_the_form() -> None:
    first = load(SAMPLE).projects[0]
    assert [i.level1.value for i in first.indicators] == ["产出指标", "产出指标", "效果指标", "满意度指标"]
    assert [i.level1_inherited for i in first.indicators] == [False, True, False, False]


def both(path):
    models = [load(path, engine) for engine in ENGINES]
    assert models[0] == models[1]
    return models[0]


def test_inserted_indicator_rows(edit_sample) -> None:
    def change(wb):
        ws = wb["工会经费"]
        insert_rows(ws, 12, 2)
        ws["A12"], ws["B12"], ws["C12"], ws["D12"] = (
            "产出指标",
            "质量指标",
            "培训合格率",
            "培训考核合格的比例",
        )
        ws["F12"], ws["G12"] = "≥95%", "计划标准"
        # a clerk's row inserted after the table was extended; the breakdown block moved down too
        insert_rows(ws, 30, 3)

    model = both(edit_sample(change))
    project = model.projects[0]
    assert [i.level3.value for i in project.indicators] == [
        "用工矛盾法律援助人次",
        "厂务公开建制率",
        "培训合格率",
        "参赛职工和参加技能培训职工比率",
        "职工满意度",
    ]
    assert project.indicators[2].value.value.number == Decimal(95)
    assert project.budget_value == Decimal(450)


def test_rows_inserted_above_the_table_move_every_field(edit_sample) -> None:
    model = both(edit_sample(lambda wb: insert_rows(wb["送温暖资金"], 2, 3)))
    project = model.projects[3]
    assert project.code.value == "711-0105-JBN-ZYC3" and project.code.loc.cell == "B6"
    assert project.plan_percents() == SEED_PLAN
    assert len(project.indicators) == 4


def test_renamed_moved_and_reordered_sheets_and_an_unrelated_sheet(edit_sample) -> None:
    def change(wb):
        wb["工会经费"].title = "Sheet7"
        wb.move_sheet("Sheet7", offset=3)
        wb._sheets.reverse()
        extra = wb.create_sheet("备注", 0)
        extra["A1"] = "本表项目编码、项目名称请与预算系统一致"
        extra["B3"] = "项目编码"
        extra["C3"] = "随手记"

    model = both(edit_sample(change))
    assert len(model.projects) == 6
    assert {p.code.value for p in model.projects} == {code for code, _, _ in SEED_PROJECTS}
    assert model.total_budget == Decimal("538.18")
    assert "Sheet7" in [p.sheet for p in model.projects]
    assert model.department is not None and model.department.unit_code.value == "711002"


def test_percent_formatted_plan_cell_reads_as_percent(edit_sample) -> None:
    def change(wb):
        ws = wb["劳模体检及保险费"]
        ws["B7"], ws["C7"] = 0.25, 0.5
        ws["B7"].number_format = ws["C7"].number_format = "0%"

    assert both(edit_sample(change)).projects[2].plan_percents() == SEED_PLAN


def test_whole_plan_typed_as_percentages(edit_sample) -> None:
    def change(wb):
        ws = wb["五一系列活动经费"]
        for ref, value in zip(("B7", "C7", "D7", "E7"), (0.25, 0.5, 0.75, 1)):
            ws[ref] = value
            ws[ref].number_format = "0.00%"

    assert both(edit_sample(change)).projects[4].plan_percents() == SEED_PLAN


def test_trailing_spaces_in_labels_and_values(edit_sample) -> None:
    def change(wb):
        ws = wb["招商引资工作经费"]
        ws["B4"] = "预算数 "
        ws["A3"] = " 项目编码\u3000"
        ws["B3"] = "711-0301-YCN-I3GB  "
        ws["E3"] = "招商引资工作经费 "
        ws["B6"] = "3月底  "

    project = both(edit_sample(change)).projects[5]
    assert project.code.value == "711-0301-YCN-I3GB"
    assert project.name.value == "招商引资工作经费"
    assert project.budget_value == Decimal(3)
    assert project.plan_percents() == SEED_PLAN


def test_full_width_digits_in_an_amount(edit_sample) -> None:
    def change(wb):
        wb["工会经费"]["C4"] = "４５０．００"
        wb["工会经费"]["E4"] = "450万元"

    project = both(edit_sample(change)).projects[0]
    assert project.budget_value == Decimal("450.00")
    assert project.budget.value.kind is AmountKind.TEXT
    assert project.fiscal_value == Decimal(450) and project.fiscal.value.kind is AmountKind.TEXT


def test_output_and_lists_sheets_are_not_projects(edit_sample) -> None:
    def change(wb):
        out = wb.create_sheet("项目汇总表")
        out.append(["项目编码", "项目名称", "预算数", "一级指标"])
        out.append(["711-0301-JBN-BFBQ", "工会经费", 450, "产出指标"])

    model = both(edit_sample(change))
    assert len(model.projects) == 6
    assert "下拉列表" in model.sheets


def test_legacy_xls_file(tmp_path) -> None:
    """An old .xls (saved by LibreOffice here, as by Excel 2003) reads the same, via python-calamine."""
    xls = convert(SAMPLE, tmp_path, "xls")
    model = load(xls, "openpyxl")  # openpyxl cannot read .xls: the reader falls back to calamine
    assert len(model.projects) == 6 and model.total_budget == Decimal("538.18")
    assert [p.code.value for p in model.projects] == [code for code, _, _ in SEED_PROJECTS]
    assert all(p.plan_percents() == SEED_PLAN for p in model.projects)
