"""A004 资金明细合计不符."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.parse.model import Project, amount_value
from workbook_tools.parse.money import ZERO, fmt


@register
class BreakdownSumsToBudget(ProjectRule):
    """## 说明

    选填的「资金明细」（用途 | 金额）各行金额之和应等于预算数，误差不超过 0.005 万元。只有预算数是数字、
    且每一行明细金额都是数字时才比较，问题标在第一行明细的金额格上；没填资金明细的项目不检查。

    ## 为什么

    资金明细说明预算数花在哪里；合计对不上，说明明细漏了一项、多了一项或数字抄错了。

    ## 示例

    「工会经费」预算数 450.00，资金明细只填了 活动经费 300.00、帮扶 100.00：
        资金明细合计 400.00 ≠ 预算数 450.00（2 行）

    ## 怎么改

    补上漏掉的用途或改正金额，使各行之和等于预算数；不需要明细的，把明细行整行清空。
    """

    code = "A004"
    severity = Severity.ERROR
    title = "资金明细合计不符"
    message = "资金明细合计 {total} ≠ 预算数 {budget}（{count} 行）"
    fields = ("total", "budget", "count")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        budget = project.budget_value
        items = [i for i in project.breakdown if amount_value(i.amount) is not None]
        if budget is None or not items or len(items) != len(project.breakdown):
            return
        total = sum((amount_value(i.amount) or ZERO for i in items), ZERO)
        if abs(total - budget) > ctx.profile.amount_tolerance:
            yield cls.at(items[0].amount.loc, total=fmt(total), budget=fmt(budget), count=len(items))
