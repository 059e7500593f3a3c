"""I008 三级指标重复."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import repeats
from workbook_tools.parse.model import Project


@register
class DuplicateLevel3(ProjectRule):
    """## 说明

    同一个项目（同一张项目表）中三级指标名称完全相同的行，从第二次出现起，每次在其「三级指标」单元格
    给出警告，并指出第一次出现的单元格。三级指标为空的行不参与比较，不同项目之间也不比较。

    ## 为什么

    重复的指标多半是复制行后忘了修改，既让指标显得比实际多，也让审核人分不清哪一行才算数。

    ## 示例

        错：C10 和 C12 都是「用工矛盾法律援助人次」（复制第 10 行后没改）
            → 三级指标「用工矛盾法律援助人次」在本项目中重复（另见 C10）
        对：把 C12 改成这一行实际要考核的指标，如「厂务公开建制率」，并相应改描述和指标值

    ## 怎么改

    把重复的一行改成另一个指标，或删除多余的行；若两行确是不同的指标，把名称改得能区分开。
    """

    code = "I008"
    severity = Severity.WARNING
    title = "三级指标重复"
    message = "三级指标「{name}」在本项目中重复（另见 {other}）"
    fields = ("name", "other")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator, first in repeats(project.indicators, lambda i: i.level3.value):
            other = first.level3.loc.cell if first.level3.loc else ""
            yield cls.at(indicator.level3.loc, name=indicator.level3.value, other=other)
