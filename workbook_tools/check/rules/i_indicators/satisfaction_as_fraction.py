"""I020 满意度写成了小数."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name, num
from workbook_tools.check.rules.i_indicators import HUNDRED, category_of, has_any, quantitative
from workbook_tools.parse.model import Project


@register
class SatisfactionAsFraction(ProjectRule):
    """## 说明

    满意度指标（在满意度类别下，或名称含「满意」）的指标值是不带单位的小数，如「≥0.95」「0.9」。

    ## 为什么

    满意度按百分比考核；「≥0.95」按百分比读是 0.95%，会被当成远低于审核下限的目标，
    其实填报人想写的是 95%。这条规则代替 I011 报告这种情形。

    ## 示例

        满意度指标 / 服务对象满意度指标 / 职工满意度 / ≥0.95
            → 指标「职工满意度」的指标值「≥0.95」是小数，应写成百分比「95%」

    ## 怎么改

    写成百分比：≥95%（或 ≥95百分比）。
    """

    code = "I020"
    severity = Severity.WARNING
    title = "满意度写成了小数"
    message = "指标「{name}」的指标值「{value}」是小数，应写成百分比「{percent}%」"
    fields = ("name", "value", "percent")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            value = quantitative(indicator)
            if value is None or not value.fraction or value.number is None:
                continue
            category = category_of(indicator, ctx.profile)
            satisfied = category is not None and category.kind == "satisfaction"
            if satisfied or has_any(indicator.level3.value or "", ctx.profile.satisfaction_words):
                percent = num(value.number * HUNDRED)
                yield cls.at(
                    indicator.value.loc, name=indicator_name(indicator), value=value.text, percent=percent
                )
