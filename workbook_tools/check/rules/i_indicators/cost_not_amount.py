"""I015 成本指标的指标值不是金额."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.check.rules.i_indicators import category_of
from workbook_tools.check.rules.i_indicators.count_without_unit import COUNTED
from workbook_tools.parse.indicator_value import ValueKind
from workbook_tools.parse.model import Project


@register
class CostNotAmount(ProjectRule):
    """## 说明

    成本指标（二级指标为成本指标，或一级指标为成本指标）的指标值不是金额或单位成本：
    如「成本控制率 100%」「参照政府采购成本控制」「≤2次」。
    金额指带 元、万元、亿元 的值，单位成本如 元/人、万元/个。
    只写数字没有单位的，报 I014。

    ## 为什么

    成本指标考核的是花多少钱办成事：总成本（≤450万元）或单位成本（≤300元/人）。
    「控制率 100%」「按标准执行」说不出成本是多少，无法与实际支出对照。

    ## 示例

        产出指标 / 成本指标 / 成本控制率 / 100%
            → 成本指标「成本控制率」的指标值「100%」不是金额或单位成本

    ## 怎么改

    写成金额或单位成本，如「≤450万元」「人均补助≤3000元/人」；控制率、节约率一类放到质量或效益指标下。
    """

    code = "I015"
    severity = Severity.WARNING
    title = "成本指标的指标值不是金额"
    message = "成本指标「{name}」的指标值「{value}」不是金额或单位成本（如 ≤450万元、≤300元/人）"
    fields = ("name", "value")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            value = indicator.value.value
            category = category_of(indicator, ctx.profile)
            cost = indicator.level2.value in COUNTED[1:] or (category is not None and category.kind == "cost")
            if not cost or value is None or value.kind in (ValueKind.EMPTY, ValueKind.INVALID):
                continue
            if value.kind is ValueKind.QUANTITATIVE and (value.is_amount or not value.unit):
                continue  # an amount, or no unit at all (I014)
            yield cls.at(indicator.value.loc, name=indicator_name(indicator), value=value.text)
