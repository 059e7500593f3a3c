"""P004 12月底不是 100."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import num
from workbook_tools.check.rules.p_plan import HUNDRED
from workbook_tools.parse.model import Project


@register
class PlanEndsAtHundred(ProjectRule):
    """## 说明

    资金支出计划「12月底」应为 100，即年底前支出全部预算。只检查 12月底填了 0–100 之间数字的情形：
    没填或不是数字报 P001，超出 0–100 报 P002。

    ## 为什么

    年度预算应在当年执行完；12月底不到 100，说明计划有结余，或者把各期填成了当期数。

    ## 示例

    3月底 25、6月底 50、10月底 75、12月底 90：
        资金支出计划「12月底」为 90，应为 100

    ## 怎么改

    把 12月底改为 100，并检查前面几个时间点填的是否为累计数。
    """

    code = "P004"
    severity = Severity.ERROR
    title = "12月底不是 100"
    message = "资金支出计划「12月底」为 {value}，应为 100"
    fields = ("value",)

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        last = project.plan[-1] if project.plan else None
        if last is None or last.value is None or last.value.percent is None:
            return
        if last.value.percent != HUNDRED and 0 <= last.value.percent <= HUNDRED:
            yield cls.at(last.loc, value=num(last.value.percent))
