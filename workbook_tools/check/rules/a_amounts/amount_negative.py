"""A002 金额为负数."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, Severity, WorkbookRule, register
from workbook_tools.check.rules.a_amounts import all_amount_fields
from workbook_tools.parse.model import WorkbookModel, amount_value
from workbook_tools.parse.money import fmt


@register
class AmountNegative(WorkbookRule):
    """## 说明

    金额为负数。检查范围与 A001 相同：预算数、其中：财政资金、其他资金、资金明细的金额、部门预算总额；
    写成文字的负数（如「-1万元」）也算。

    ## 为什么

    预算数和各项资金来源都不会小于零；出现负数，多半是把调减数或差额填进了表。

    ## 示例

    其他资金填了 -1：
        「其他资金」为负数：-1.00

    ## 怎么改

    填写实际的金额（正数）；没有这项资金就留空。
    """

    code = "A002"
    severity = Severity.ERROR
    title = "金额为负数"
    message = "「{field}」为负数：{value}"
    fields = ("field", "value")

    @classmethod
    def check(cls, model: WorkbookModel, ctx: Context) -> Iterator[Finding]:
        for label, field in all_amount_fields(model):
            value = amount_value(field)
            if value is not None and value < 0:
                yield cls.at(field.loc, field=label, value=fmt(value))
