"""I014 数量或成本指标值没有单位."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.check.rules.i_indicators import category_of, quantitative
from workbook_tools.parse.model import Project

#: Second-level categories whose values are counts or amounts, so need a unit.
COUNTED = ("数量指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标")


@register
class CountWithoutUnit(ProjectRule):
    """## 说明

    数量指标、成本指标（二级指标，或一级指标为成本指标）的指标值只写了数字，没有单位，如「2」「≥30」。
    百分比和写成小数的比例不在此列。

    ## 为什么

    「2」是 2 个、2 场还是 2 万元？没有单位的数量无法考核，成本指标更要写明是万元还是元/人。

    ## 示例

        产出指标 / 数量指标 / 举办培训班 / 2
            → 指标「举办培训班」是数量或成本指标，指标值「2」没有单位

    ## 怎么改

    在数字后写上计量单位：2期、≥30人次、≤450万元、≤300元/人。
    """

    code = "I014"
    severity = Severity.WARNING
    title = "数量或成本指标值没有单位"
    message = "指标「{name}」是数量或成本指标，指标值「{value}」没有单位"
    fields = ("name", "value")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            value = quantitative(indicator)
            category = category_of(indicator, ctx.profile)
            counted = indicator.level2.value in COUNTED or (category is not None and category.kind == "cost")
            if counted and value is not None and not value.unit and not value.fraction:
                yield cls.at(indicator.value.loc, name=indicator_name(indicator), value=value.text)
