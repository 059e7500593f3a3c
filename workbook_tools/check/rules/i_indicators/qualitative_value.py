"""I012 定性指标值."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.parse.indicator_value import ValueKind
from workbook_tools.parse.model import Project


@register
class QualitativeValue(ProjectRule):
    """## 说明

    指标值既没有数字也不是期限时视为定性描述，给出警告，如「显著提升」「有效保障」；
    汉字数字加量词（「三十人次」「一次」「零事故」）按数量读，不算定性。这只是提醒，不算错误。

    ## 为什么

    定性目标年底很难判断是否完成，财政局评审时通常要求能量化的尽量量化。

    ## 示例

        错：效果指标 / 社会效益指标 / 职工技能水平 / 显著提升
            → 指标「职工技能水平」的指标值「显著提升」是定性描述，建议量化
        对：效果指标 / 社会效益指标 / 参赛职工和参加技能培训职工比率 / ≥50百分比

    ## 怎么改

    尽量改用可计量的指标和数值（比较符 + 阿拉伯数字 + 单位），汉字数字改成阿拉伯数字；
    确实只能定性的可以保留，并在绩效指标描述中写清判断标准。
    """

    code = "I012"
    severity = Severity.WARNING
    title = "定性指标值"
    message = "指标「{name}」的指标值「{raw}」是定性描述，建议量化"
    fields = ("name", "raw")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            value = indicator.value.value
            if value is not None and value.kind is ValueKind.QUALITATIVE:
                yield cls.at(indicator.value.loc, name=indicator_name(indicator), raw=value.text)
