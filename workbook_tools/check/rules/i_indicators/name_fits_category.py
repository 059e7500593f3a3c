"""I009 指标与类别不符."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.profile import Profile
from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.check.rules.i_indicators import category_of, has_any
from workbook_tools.parse.indicator_value import ValueKind
from workbook_tools.parse.model import Indicator, Project


@register
class NameFitsCategory(ProjectRule):
    """## 说明

    按审核人的常识检查三级指标与类别是否相符（标在「三级指标」单元格，一级指标不认识的行不查）：
    1. 名称含「满意」（满意度、满意率）却不在满意度指标下；2. 在满意度指标下，名称却不含「满意」；
    3. 时效指标的三级指标、绩效指标描述和指标值都没提到时间：指标值不是期限或日期（如「12月底前」
       「2020年12月31日前」「2020.12.31」），三处也都没有配置中的时间词（如时间、及时、按时、按期、当年、
       期限、工期、截止、进度、月、日、天、年底、季度）。名称里只有「时效」二字不算说到了时间。
    满意度按配置认定：旧表把「社会公众或服务对象满意度指标」放在效益指标下，也算满意度指标。

    ## 为什么

    类别放错会让三类指标的统计失真，也常说明指标没想清楚：满意率属于满意度，「补助覆盖率」不是满意度，
    时效指标要说明何时完成。

    ## 示例

        效果指标 / 社会效益指标 / 市劳模休养活动满意率 / ≥70百分比
            → 指标「市劳模休养活动满意率」是满意度指标，应放在「满意度指标」下，而不是「效果指标」
        产出指标 / 时效指标 / 厂务公开建制率 / ≥50百分比
            → 指标「厂务公开建制率」是「时效指标」，但名称、描述和指标值都没有说到时间（…）

    ## 怎么改

    把指标移到相符的类别下（满意率放到满意度指标 / 服务对象满意度指标），或换成与类别相符的指标；
    时效指标写明完成时限，如「12月底前完成」「补助按时发放率」。
    """

    code = "I009"
    severity = Severity.WARNING
    title = "指标与类别不符"
    message = "指标「{name}」{reason}"
    fields = ("name", "reason")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            for reason in fit_problems(indicator, ctx.profile):
                yield cls.at(indicator.level3.loc, name=indicator_name(indicator), reason=reason)


def fit_problems(indicator: Indicator, profile: Profile) -> Iterator[str]:
    category = category_of(indicator, profile)
    if category is None:
        return
    name = indicator.level3.value or ""
    kind = profile.kind_of(indicator.level1.value, indicator.level2.value)
    satisfaction_kind = next((c for c in profile.categories if c.kind == "satisfaction"), None)
    names_satisfaction = has_any(name, profile.satisfaction_words)
    if names_satisfaction and kind != "satisfaction" and satisfaction_kind is not None:
        yield SATISFACTION_OUTSIDE.format(expected=satisfaction_kind.name, level1=category.name)
    elif kind == "satisfaction" and name and not names_satisfaction:
        yield NOT_SATISFACTION_INSIDE.format(level1=category.name)
    if profile.canonical_level2(indicator.level2.value or "") in category.timeliness and not says_when(
        indicator, profile
    ):
        yield TIMELINESS_WITHOUT_TIME.format(level2=indicator.level2.value)


def says_when(indicator: Indicator, profile: Profile) -> bool:
    """A deadline or date as the value, or a time word in the name, description or value."""
    value = indicator.value.value
    if value is not None and value.kind is ValueKind.DEADLINE:
        return True
    said = " ".join(
        (indicator.level3.value or "", indicator.description.value or "", value.text if value else "")
    )
    return has_any(said, profile.time_words)


SATISFACTION_OUTSIDE = "是满意度指标，应放在「{expected}」下，而不是「{level1}」"
NOT_SATISFACTION_INSIDE = "放在「{level1}」下，但名称不是满意度（满意度/满意率）"
TIMELINESS_WITHOUT_TIME = "是「{level2}」，但名称、描述和指标值都没有说到时间（如完成时间、及时率、×月底前）"
