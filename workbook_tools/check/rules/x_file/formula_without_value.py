"""X004 公式没有计算结果."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, Severity, WorkbookRule, register
from workbook_tools.check.rules.helpers import walk_fields
from workbook_tools.parse.model import WorkbookModel


@register
class FormulaWithoutValue(WorkbookRule):
    """## 说明

    部门整体或项目表的某个填报项（金额、支出计划、指标等）是公式，但文件里没有保存公式的计算结果，
    程序读到的是空值。这种文件通常由不计算公式的程序（导出工具、脚本）生成。该项只报本条，
    不再按「未填写」或「不是数字」另报。

    ## 为什么

    没有计算结果，审核人和汇总程序都看不到这个数，金额也无从核对；而在 Excel 里打开、保存一次就能补上结果。

    ## 示例

    预算数填的是公式 =E4+G4，文件由导出程序生成，从未在 Excel 中保存过：
        「预算数」是公式，但文件中没有计算结果（由不计算公式的程序保存）；请用 Excel 打开并保存后再提交

    ## 怎么改

    用 Excel 打开文件，确认公式算出了正确的数（如 450.00），点「保存」后再提交；
    也可以把公式改成直接填写的数字。
    """

    code = "X004"
    severity = Severity.ERROR
    title = "公式没有计算结果"
    message = (
        "「{field}」是公式，但文件中没有计算结果（由不计算公式的程序保存）；请用 Excel 打开并保存后再提交"
    )
    fields = ("field",)

    @classmethod
    def check(cls, model: WorkbookModel, ctx: Context) -> Iterator[Finding]:
        if not model.uncomputed:
            return  # no formula without a value anywhere: nothing to walk
        for part in [model.department, *model.projects]:
            if part is None:
                continue
            for label, field in walk_fields(part):
                if field.uncomputed:
                    yield cls.at(field.loc, field=label)
