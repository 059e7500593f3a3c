"""A005 资金用途所列金额不符."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import num
from workbook_tools.parse.model import Project
from workbook_tools.parse.money import ZERO, fmt, stated_breakdown


@register
class StatedAmountsMatchBudget(ProjectRule):
    """## 说明

    资金用途文字中「其中」后面列出的分项金额（到该句的句号或分号为止，至少两项），
    合计应等于预算数，误差不超过 0.005 万元。
    只算「其中」之后的金额，「预计需50万元」这类总数不算一项；以「元」写的金额折算为万元。这是警告。

    ## 为什么

    资金用途是要公开的文字，里面写明的分项金额必须与表上的预算数一致，否则公开出去前后矛盾。

    ## 示例

    预算数 25.18，资金用途写「……其中预计生活救助15.6万元，医疗救助5.43万元，子女助学5.15万元。」：
        资金用途中列明的 生活救助15.6、医疗救助5.43、子女助学5.15 合计 26.18 万元，与预算数 25.18 不符
    正确：子女助学4.15万元（15.6 + 5.43 + 4.15 = 25.18）。

    ## 怎么改

    改正资金用途文字中写错的分项金额；如果分项没错，就核对预算数本身是否填错。
    """

    code = "A005"
    severity = Severity.WARNING
    title = "资金用途所列金额不符"
    message = "资金用途中列明的 {items} 合计 {total} 万元，与预算数 {budget} 不符"
    fields = ("items", "total", "budget")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        budget = project.budget_value
        items = stated_breakdown(project.use.value)
        if budget is None or not items:
            return
        total = sum((i.amount for i in items), ZERO)
        if abs(total - budget) > ctx.profile.amount_tolerance:
            listed = "、".join(f"{i.label}{num(i.amount)}" for i in items)
            yield cls.at(project.use.loc, items=listed, total=num(total), budget=fmt(budget))
