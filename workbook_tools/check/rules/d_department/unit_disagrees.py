"""D003 单位不一致."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools import labels
from workbook_tools.check.registry import Context, Finding, Severity, WorkbookRule, register
from workbook_tools.parse.model import WorkbookModel, split_unit


@register
class UnitDisagrees(WorkbookRule):
    """## 说明

    项目表「单位」行写的单位与部门整体的单位编码、名称不一致（忽略全角半角和空格；一方没写名称时只比编码）。
    没有部门整体或其单位编码为空时，以第一张填了单位的项目表为准；单位行空着的表不检查。这是警告。

    ## 为什么

    一个工作簿只属于一个单位；单位不同，多半是从别的单位的工作簿复制了工作表，整张表的数据可能都是别人的。

    ## 示例

    定州市总工会的工作簿里，「送温暖资金」表的单位行是 712001定州市教育局：
        本表单位「712001定州市教育局」与部门整体「711002定州市总工会」不一致

    ## 怎么改

    确认这张表确属本单位后，把单位行改为「711002定州市总工会」；若是别的单位的项目，删除该表或交给该单位。
    """

    code = "D003"
    severity = Severity.WARNING
    title = "单位不一致"
    message = "本表单位「{unit}」与部门整体「{department}」不一致"
    fields = ("unit", "department")

    @classmethod
    def check(cls, model: WorkbookModel, ctx: Context) -> Iterator[Finding]:
        department = model.department
        if department is not None and department.unit_code.value:
            reference = (department.unit_code.value, department.unit_name.value or "")
        else:
            first = next((p for p in model.projects if p.unit.value), None)
            if first is None:
                return
            reference = split_unit(first.unit.value)
        for project in model.projects:
            if not project.unit.value:
                continue
            code, name = split_unit(project.unit.value)
            same_name = not name or not reference[1] or labels.norm(name) == labels.norm(reference[1])
            if labels.norm(code) != labels.norm(reference[0]) or not same_name:
                yield cls.at(project.unit.loc, unit=project.unit.value, department="".join(reference))
