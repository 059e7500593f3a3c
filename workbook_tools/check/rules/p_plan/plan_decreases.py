"""P003 累计支出计划减少."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import num
from workbook_tools.check.rules.p_plan import numbers
from workbook_tools.parse.model import Project


@register
class PlanDecreases(ProjectRule):
    """## 说明

    资金支出计划是累计进度：后一个时间点的百分比不能小于前一个。
    依次比较已填数字的时间点（跳过没填或不是数字的格），问题标在变小的那一格。

    ## 为什么

    累计支出只增不减；变小说明把当期支出当成累计数填了，或者数字填错。

    ## 示例

    3月底 25、6月底 50、10月底 40、12月底 100：
        资金支出计划「10月底」40 小于「6月底」50，累计进度不能减少
    正确：25、50、75、100。

    ## 怎么改

    按累计数填写：每个时间点填到该时点为止累计支出的百分比，逐期不减少，12月底为 100。
    """

    code = "P003"
    severity = Severity.ERROR
    title = "累计支出计划减少"
    message = "资金支出计划「{checkpoint}」{value} 小于「{previous}」{previous_value}，累计进度不能减少"
    fields = ("checkpoint", "value", "previous", "previous_value")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        previous = None
        for checkpoint, field, percent in numbers(project):
            if previous is not None and percent < previous[1]:
                yield cls.at(
                    field.loc,
                    checkpoint=checkpoint,
                    value=num(percent),
                    previous=previous[0],
                    previous_value=num(previous[1]),
                )
            previous = (checkpoint, percent)
