"""I005 指标内容未填."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import FIELD_LABELS, blank, indicator_name
from workbook_tools.parse.model import Project


@register
class IndicatorTextEmpty(ProjectRule):
    """## 说明

    逐行检查指标的「三级指标」「绩效指标描述」「指标值确定依据」，哪个单元格为空就在哪个单元格报错，
    一行可报多次。提示用三级指标称呼该指标，三级指标也空时写「第 N 行」。
    指标值为空由 I006 检查；公式没有计算结果造成的空值由 X004 报告，这里不重复报。

    ## 为什么

    三级指标是名称，描述说明怎么计量，确定依据说明目标值从何而来；缺一项，审核人就无法判断指标是否合理。

    ## 示例

        错：产出指标 / 数量指标 / 用工矛盾法律援助人次 / （描述空着） / ≥30人次 / 职责活动目标
            → 指标「用工矛盾法律援助人次」的「绩效指标描述」未填写
        对：描述填「为企业和职工用工矛盾提供法律援助的人次」
        三级指标空着时提示为：指标「第 12 行」的「三级指标」未填写

    ## 怎么改

    在标红的单元格里补上内容；指标值确定依据可从下拉框选择（如「职责活动目标」）。
    若这一行是多余的，整行删除即可。
    """

    code = "I005"
    severity = Severity.ERROR
    title = "指标内容未填"
    message = "指标「{name}」的「{field}」未填写"
    fields = ("name", "field")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            for name in ("level3", "description", "basis"):
                field = getattr(indicator, name)
                if blank(field):
                    yield cls.at(field.loc, name=indicator_name(indicator), field=FIELD_LABELS[name])
