"""I013 百分比指标值的名称不是比率."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.check.rules.i_indicators import has_any, quantitative
from workbook_tools.parse.model import Project

#: Words that make a name a rate or a share: a percentage is then what it measures.
RATE_WORDS = (
    "率", "比例", "占比", "比重", "覆盖", "满意", "百分比", "%", "％", "程度", "完成度",
    "增长", "增幅", "下降", "降幅", "提高", "降低", "节约", "增加", "减少",
)  # fmt: skip


@register
class PercentOnCount(ProjectRule):
    """## 说明

    指标值是百分比（如 ≥95%），三级指标名称却不是比率或占比（名称里没有率、比例、占比、比重、覆盖、
    满意、程度、增长/下降等词）时提醒。

    ## 为什么

    审核人最常见的批注是「请说明分子和分母」：「培训人数 ≥95%」看不出 95% 是谁占谁的比例，年底无法考核。

    ## 示例

        产出指标 / 数量指标 / 培训人数 / ≥95%
            → 指标「培训人数」的指标值「≥95%」是百分比，但名称不是比率或占比

    ## 怎么改

    名称写成比率并在绩效指标描述里写明分子分母（如「培训覆盖率：参训人数占应训人数的比例」），
    或把指标值改成数量（如 ≥200人次）。
    """

    code = "I013"
    severity = Severity.WARNING
    title = "百分比指标值的名称不是比率"
    message = "指标「{name}」的指标值「{value}」是百分比，但名称不是比率或占比，请写明分子和分母"
    fields = ("name", "value")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            value = quantitative(indicator)
            name = indicator.level3.value or ""
            if value is not None and value.is_percent and name and not has_any(name, RATE_WORDS):
                yield cls.at(indicator.value.loc, name=indicator_name(indicator), value=value.text)
