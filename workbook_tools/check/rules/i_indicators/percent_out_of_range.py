"""I007 百分比超出 0–100."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.check.rules.i_indicators import HUNDRED, has_any, quantitative
from workbook_tools.parse.indicator_value import PERCENT, IndicatorValue
from workbook_tools.parse.model import Indicator, Project

RANGE = "range"


@register
class PercentOutOfRange(ProjectRule):
    """## 说明

    指标值是百分比（单位写 %、％ 或「百分比」，或单元格设为百分比格式），而数值不在 0–100 之间
    （实际就是大于 100）时报错；区间的上下限都查（「90%-120%」）。
    比较符不影响判断，「≥120%」「≤150百分比」都报；
    百分比格式的单元格中 1.2 读作 120%。表示变化的值不查：指标值前有「提高」「同比增长」等词，
    或名称说的是增长、下降、变动（如「成本降低率 ≤-5%」「营业收入同比增长 ≥150%」）。

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
            bounds = [value.number] + (
                [value.upper] if value.operator == RANGE and value.upper is not None else []
            )
            outside = any(not 0 <= n <= HUNDRED for n in bounds)
            if value.unit == PERCENT and outside and not is_change(indicator, value):
                yield cls.at(indicator.value.loc, name=indicator_name(indicator), value=value.text)


#: Words of a change (a growth or a fall may be negative or above 100%).
CHANGE_WORDS = (
    "增长", "下降", "降低", "减少", "提高", "提升", "增加", "变动", "增幅", "降幅", "同比", "环比", "较上年",
)  # fmt: skip


def is_change(indicator: Indicator, value: IndicatorValue) -> bool:
    """A change (提高10%, 同比增长≥5%, 成本降低率 ≤-5%), not a share of a whole."""
    return bool(value.qualifier) or has_any(indicator.level3.value or "", CHANGE_WORDS)
