"""P002 支出计划超出 0–100."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import num
from workbook_tools.check.rules.p_plan import HUNDRED, numbers
from workbook_tools.parse.model import Project


@register
class PlanOutOfRange(ProjectRule):
    """## 说明

    资金支出计划某个时间点的百分比小于 0 或大于 100。百分比格式的单元格按百分数读取（25% 即 25）。

    ## 为什么

    计划填的是到该时点累计支出占预算数的百分比，不可能是负数，也不会超过 100。

    ## 示例

    12月底填了 120：
        资金支出计划「12月底」为 120，应在 0–100 之间

    ## 怎么改

    改成 0 到 100 之间的累计百分比；注意填的是百分比，不是金额（万元）。
    """

    code = "P002"
    severity = Severity.ERROR
    title = "支出计划超出 0–100"
    message = "资金支出计划「{checkpoint}」为 {value}，应在 0–100 之间"
    fields = ("checkpoint", "value")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for checkpoint, field, percent in numbers(project):
            if not 0 <= percent <= HUNDRED:
                yield cls.at(field.loc, checkpoint=checkpoint, value=num(percent))
