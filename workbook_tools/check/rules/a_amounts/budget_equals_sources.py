"""A003 预算数与资金来源不符."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.a_amounts import PROJECT_AMOUNTS, usable
from workbook_tools.parse.model import Project
from workbook_tools.parse.money import fmt


@register
class BudgetEqualsSources(ProjectRule):
    """## 说明

    预算数应等于「其中：财政资金」加「其他资金」，空着的资金来源按 0 计，允许 0.005 万元以内的误差
    （配置中的 amount_tolerance）。预算数为空，或三项中有不是数字、没有计算结果的公式时，
    不做此项比较（由 A001、X004 报告）。

    ## 为什么

    这是表格自身的算术：预算数是两项资金来源之和；对不上，说明其中一个数填错了，审核人无法判断哪个对。

    ## 示例

    「工会经费」预算数 450.00，财政资金误填 400.00，其他资金空着：
        预算数 450.00 ≠ 财政资金 400.00 + 其他资金 0.00
    正确：预算数 450.00，财政资金 450.00，其他资金留空。

    ## 怎么改

    以批复的预算为准，改正预算数或资金来源中填错的数，使预算数等于两项之和。
    """

    code = "A003"
    severity = Severity.ERROR
    title = "预算数与资金来源不符"
    message = "预算数 {budget} ≠ 财政资金 {fiscal} + 其他资金 {other}"
    fields = ("budget", "fiscal", "other")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        budget = project.budget_value
        if budget is None or not all(usable(getattr(project, n)) for n in PROJECT_AMOUNTS):
            return
        if abs(budget - (project.fiscal_value + project.other_value)) > ctx.profile.amount_tolerance:
            yield cls.at(
                project.budget.loc,
                budget=fmt(budget),
                fiscal=fmt(project.fiscal_value),
                other=fmt(project.other_value),
            )
