"""D002 部门预算总额不符."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, Severity, WorkbookRule, register
from workbook_tools.parse.model import WorkbookModel, amount_value
from workbook_tools.parse.money import fmt


@register
class DeclaredTotal(WorkbookRule):
    """## 说明

    部门整体中选填的「部门预算总额（万元，选填）」应等于各项目表预算数之和，误差不超过 0.005 万元。
    部门预算总额没填、不是数字（报 A001）或没有部门整体表时不检查；预算数没填的项目按 0 计。

    ## 为什么

    部门预算总额就是各项目之和；对不上，说明漏交了项目表、多了作废的表，或者总额本身填错。

    ## 示例

    定州市总工会 6 个项目的预算数合计 538.18，部门预算总额却填了 500：
        部门预算总额 500.00 ≠ 各项目预算数合计 538.18（6 个项目）

    ## 怎么改

    先核对每个项目是否都有一张项目表、有没有多余的表，再改正部门预算总额或填错的项目预算数。
    """

    code = "D002"
    severity = Severity.ERROR
    title = "部门预算总额不符"
    message = "部门预算总额 {declared} ≠ 各项目预算数合计 {total}（{count} 个项目）"
    fields = ("declared", "total", "count")

    @classmethod
    def check(cls, model: WorkbookModel, ctx: Context) -> Iterator[Finding]:
        if model.department is None:
            return
        declared = amount_value(model.department.declared_total)
        if declared is None:
            return
        total = model.total_budget
        if abs(declared - total) > ctx.profile.amount_tolerance:
            yield cls.at(
                model.department.declared_total.loc,
                declared=fmt(declared),
                total=fmt(total),
                count=len(model.projects),
            )
