"""I017 预算执行类指标不作绩效指标."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.check.rules.i_indicators import has_any
from workbook_tools.parse.model import Project

#: Budget-execution measures, scored by the finance bureau on their own.
EXECUTION_WORDS = (
    "预算执行率", "资金执行率", "预算执行进度", "资金下达率", "资金到位率", "资金支付率", "资金拨付率",
    "预算支出率", "资金支出率", "支出进度",
)  # fmt: skip


@register
class ScoredSeparately(ProjectRule):
    """## 说明

    三级指标是预算执行率、资金下达率、资金到位率、资金支付率、支出进度一类的预算执行指标。

    ## 为什么

    预算执行情况由财政部门单独考核打分（绩效评价中的「预算执行率」一项），不是项目本身的产出或效益；
    写进绩效指标会挤掉真正反映项目成效的指标，审核时会被退回。

    ## 示例

        产出指标 / 时效指标 / 预算执行率 / 100%
            → 指标「预算执行率」是预算执行指标，由财政单独考核，不作为项目的绩效指标

    ## 怎么改

    删去这一行，换成项目自己的产出或效益，如「补助资金按时发放率」「12月底前完成发放」。
    """

    code = "I017"
    severity = Severity.WARNING
    title = "预算执行类指标不作绩效指标"
    message = "指标「{name}」是预算执行指标，由财政单独考核，不作为项目的绩效指标"
    fields = ("name",)

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            if has_any(indicator.level3.value or "", EXECUTION_WORDS):
                yield cls.at(indicator.level3.loc, name=indicator_name(indicator))
