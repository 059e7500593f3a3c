"""A006 金额填成了文字."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, Severity, WorkbookRule, register
from workbook_tools.check.rules.a_amounts import all_amount_fields
from workbook_tools.parse.model import WorkbookModel, amount_kind, amount_value
from workbook_tools.parse.money import AmountKind, fmt


@register
class AmountTypedAsText(WorkbookRule):
    """## 说明

    金额单元格里填的是能读出数的文字，如「450万元」「450万」、全角数字「４５０」或文本格式的「450」。
    程序按读出的数继续校验，但给出警告。检查范围与 A001 相同。

    ## 为什么

    文字不是数字：Excel 的求和会把它漏掉，别的程序也可能读不出；统一填数字，各处算出的合计才会一致。

    ## 示例

    预算数填成「450万元」：
        「预算数」填的是文字「450万元」，已按 450.00 读取；请改为数字
    正确：填 450.00（表头已注明「单位：万元」）。

    ## 怎么改

    删去「万元」等文字，全角数字改成半角；单元格是「文本」格式的，先改为「数值」格式再重新输入数字。
    """

    code = "A006"
    severity = Severity.WARNING
    title = "金额填成了文字"
    message = "「{field}」填的是文字「{raw}」，已按 {value} 读取；请改为数字"
    fields = ("field", "raw", "value")

    @classmethod
    def check(cls, model: WorkbookModel, ctx: Context) -> Iterator[Finding]:
        for label, field in all_amount_fields(model):
            if amount_kind(field) is AmountKind.TEXT:
                yield cls.at(field.loc, field=label, raw=field.raw, value=fmt(amount_value(field)))
