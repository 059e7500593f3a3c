"""P001 支出计划未填或不是数字."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools import labels
from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.parse.model import Loc, PlanKind, Project


@register
class PlanMissing(ProjectRule):
    """## 说明

    资金支出计划（%）的四个时间点（3月底、6月底、10月底、12月底）中有一个没填或不是数字。可以填 25、
    25%、「25百分比」，百分比格式单元格中的 25% 也可以；「约25」「过半」这类读不出数的不行。
    没有计算结果的公式报 X004，不报本项。

    ## 为什么

    支出计划是考核项目执行进度的依据，财政局据此测算各时点的累计支出；缺一个数就无法测算。

    ## 示例

    「工会经费」6月底空着，或填成「约50」：
        资金支出计划「6月底」未填写
        资金支出计划「6月底」不是数字：约50
    正确：25、50、75、100。

    ## 怎么改

    在每个时间点下面的格里填累计支出百分比的数字，如 25、50、75、100。
    """

    code = "P001"
    severity = Severity.ERROR
    title = "支出计划未填或不是数字"
    message = "资金支出计划「{checkpoint}」{problem}"
    fields = ("checkpoint", "problem")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for checkpoint, field in zip(labels.CHECKPOINTS, project.plan):
            if field.uncomputed:
                continue
            kind = field.value.kind if field.value is not None else PlanKind.EMPTY
            if kind is PlanKind.EMPTY:
                problem = NOT_FILLED
            elif kind is PlanKind.INVALID:
                problem = NOT_A_NUMBER.format(raw=field.raw)
            else:
                continue
            yield cls.at(field.loc or Loc(project.sheet), checkpoint=checkpoint, problem=problem)


NOT_FILLED = "未填写"
NOT_A_NUMBER = "不是数字：{raw}"
