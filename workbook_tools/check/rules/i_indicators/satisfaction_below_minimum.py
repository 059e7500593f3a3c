"""I011 满意度目标偏低."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.profile import Profile
from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name, num
from workbook_tools.check.rules.i_indicators import has_any, quantitative
from workbook_tools.parse.indicator_value import PERCENT
from workbook_tools.parse.model import Indicator, Project


@register
class SatisfactionBelowMinimum(ProjectRule):
    """## 说明

    三级指标名称含「满意」（满意度、满意率）、指标值是百分比或只写数字时，若目标低于配置的审核下限
    （min_satisfaction，默认配置 hebei-2020 为 80%），给出警告。不论这一行放在哪个一级指标下都检查。
    算作满意度指标的行（满意度指标下，或旧版表式中效益指标下的「社会公众或服务对象满意度指标」）
    名称没写满意、但绩效指标描述写了满意（如「群众认可度：群众对服务的满意程度」）时也检查。
    比较符为「≤」「<」的指标值和其他单位（如「分」）的指标值不检查；写成小数的指标值
    （如「≥0.95」，本意是 95%）不与下限比较，由 I020 提示改写。

    ## 为什么

    服务对象满意度是财政局重点看的指标，目标定得过低等于事先接受大量不满意，审核时会被要求提高。

    ## 示例

        错：满意度指标 / 服务对象满意度指标 / 职工满意度 / ≥70百分比
            → 满意度指标「职工满意度」目标 ≥70百分比 低于审核下限 80%
        对：满意度指标 / 服务对象满意度指标 / 职工满意度 / ≥80百分比

    ## 怎么改

    把满意度目标提高到不低于下限，如「≥80百分比」「≥90%」。注意在普通单元格里只写 0.9
    会读成 0.9 而不是 90%，应写成「≥90%」或「≥90百分比」。
    """

    code = "I011"
    severity = Severity.WARNING
    title = "满意度目标偏低"
    message = "满意度指标「{name}」目标 {value} 低于审核下限 {minimum}%"
    fields = ("name", "value", "minimum")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        minimum = ctx.profile.min_satisfaction
        for indicator in project.indicators:
            value = quantitative(indicator)
            if value is None or not _is_satisfaction(indicator, ctx.profile):
                continue
            if value.fraction:
                continue  # ≥0.95 means 95%: I020 asks for a percentage instead
            if value.unit not in (PERCENT, "") or value.operator in ("≤", "<"):
                continue
            if value.number is not None and value.number < minimum:
                yield cls.at(
                    indicator.value.loc,
                    name=indicator_name(indicator),
                    value=value.text,
                    minimum=num(minimum),
                )


def _is_satisfaction(indicator: Indicator, profile: Profile) -> bool:
    """Its name says satisfaction, or it counts as satisfaction and its description says so."""
    words = profile.satisfaction_words
    if has_any(indicator.level3.value or "", words):
        return True
    kind = profile.kind_of(indicator.level1.value, indicator.level2.value)
    return kind == "satisfaction" and has_any(indicator.description.value or "", words)
