"""I007 百分比超出 0–100."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.check.rules.i_indicators import HUNDRED, quantitative
from workbook_tools.parse.indicator_value import PERCENT
from workbook_tools.parse.model import Project


@register
class PercentOutOfRange(ProjectRule):
    """## 说明

    指标值是百分比（单位写 %、％ 或「百分比」，或单元格设为百分比格式），而数值不在 0–100 之间
    （实际就是大于 100）时报错。比较符不影响判断，「≥120%」「≤150百分比」都报；
    百分比格式的单元格中 1.2 读作 120%。

    ## 为什么

    比率最多是 100%，超过 100 的目标要么是笔误（多打了一个 0），要么是把人数、次数误写成了百分比，
    都无法考核。

    ## 示例

        错：效果指标 / 社会效益指标 / 受训学员持证上岗率（%） / ≥900百分比
            → 指标「受训学员持证上岗率（%）」的指标值 ≥900百分比 是百分比，应在 0–100 之间
        对：≥90百分比

    ## 怎么改

    改正数值，使其在 0 到 100 之间；本意是人数、次数的，改用相应单位（如「人次」）。
    单元格是百分比格式而显示成 9000% 时，重新输入 90%。
    """

    code = "I007"
    severity = Severity.ERROR
    title = "百分比超出 0–100"
    message = "指标「{name}」的指标值 {value} 是百分比，应在 0–100 之间"
    fields = ("name", "value")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            value = quantitative(indicator)
            if value is None or value.number is None:
                continue
            if value.unit == PERCENT and not 0 <= value.number <= HUNDRED:
                yield cls.at(indicator.value.loc, name=indicator_name(indicator), value=value.text)
