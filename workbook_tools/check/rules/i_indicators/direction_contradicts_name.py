"""I016 指标值的方向与名称相反."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.check.rules.i_indicators import has_any, quantitative
from workbook_tools.parse.model import Project

#: Names of things that should be few, low or short.
LESS_IS_BETTER = (
    "投诉", "事故", "差错", "失误", "错误", "故障", "违规", "违纪", "返工", "超支", "损失",
    "延误", "逾期", "死亡", "流失", "空置", "闲置", "耗时", "用时", "天数", "时限", "时长", "周期", "发病",
)  # fmt: skip
#: Names of things that should be many or high.
MORE_IS_BETTER = (
    "满意", "覆盖", "完成率", "合格", "达标", "及时率", "知晓", "参与率", "到位", "发放率", "受益",
    "利用率", "使用率", "验收", "通过率", "成功率", "就业率", "入学率", "回收率", "准确率", "正确率", "出勤",
)  # fmt: skip
AT_LEAST, AT_MOST = ("≥", ">"), ("≤", "<")


@register
class DirectionContradictsName(ProjectRule):
    """## 说明

    指标值的比较方向与指标名称的好坏方向相反：
    1. 越少越好的指标（投诉、事故、差错、故障、逾期、天数、时限、时长……）写成 ≥ 或 >；
    2. 越多越好的指标（满意度、覆盖率、完成率、合格率、达标率、及时率、知晓率……）写成 ≤ 或 <。
    名称同时含两类词（如「投诉处理满意度」）时不报。

    ## 为什么

    「投诉率 ≥5%」等于要求至少有 5% 的投诉，「覆盖率 ≤90%」等于限制覆盖面，考核时会得出相反的结论。

    ## 示例

        效益指标 / 社会效益指标 / 群众投诉率 / ≥5%
            → 指标「群众投诉率」越少越好，指标值「≥5%」却是下限（应为 ≤ 或 <）

    ## 怎么改

    把运算符改过来：投诉率 ≤5%、办结时限 ≤15个工作日、覆盖率 ≥90%。
    """

    code = "I016"
    severity = Severity.WARNING
    title = "指标值的方向与名称相反"
    message = "指标「{name}」{reason}"
    fields = ("name", "reason")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            value = quantitative(indicator)
            name = indicator.level3.value or ""
            if value is None or not name:
                continue
            less, more = has_any(name, LESS_IS_BETTER), has_any(name, MORE_IS_BETTER)
            if less and not more and value.operator in AT_LEAST:
                reason = LESS.format(value=value.text)
            elif more and not less and value.operator in AT_MOST:
                reason = MORE.format(value=value.text)
            else:
                continue
            yield cls.at(indicator.value.loc, name=indicator_name(indicator), reason=reason)


LESS = "越少越好，指标值「{value}」却是下限（应为 ≤ 或 <）"
MORE = "越多越好，指标值「{value}」却是上限（应为 ≥ 或 >）"
