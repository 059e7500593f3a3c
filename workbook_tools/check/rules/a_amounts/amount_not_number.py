"""A001 金额不是数字."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, Severity, WorkbookRule, register
from workbook_tools.check.rules.a_amounts import all_amount_fields
from workbook_tools.parse.model import WorkbookModel, amount_kind
from workbook_tools.parse.money import AmountKind


@register
class AmountNotNumber(WorkbookRule):
    """## 说明

    金额单元格里填的不是数字，程序读不出数。检查的单元格：预算数、其中：财政资金、其他资金、资金明细的金额，
    以及部门整体的部门预算总额。空着的单元格不报；「450万元」、全角数字这类能读出数的文字报 A006，不报本项。

    ## 为什么

    金额不是数字，就无法核对「预算数 = 财政资金 + 其他资金」，也无法汇总到项目汇总表和部门概况。

    ## 示例

    「劳模体检及保险费」表的其他资金填了「待定」：
        「其他资金」不是数字：待定
    正确：没有其他资金就留空（按 0 计），有就填数字。

    ## 怎么改

    改成以万元为单位的数字（两位小数），如 450.00；没有的金额留空。
    """

    code = "A001"
    severity = Severity.ERROR
    title = "金额不是数字"
    message = "「{field}」不是数字：{raw}"
    fields = ("field", "raw")

    @classmethod
    def check(cls, model: WorkbookModel, ctx: Context) -> Iterator[Finding]:
        for label, field in all_amount_fields(model):
            if amount_kind(field) is AmountKind.INVALID:
                yield cls.at(field.loc, field=label, raw=field.raw)
