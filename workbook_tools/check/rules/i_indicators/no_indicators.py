"""I001 没有绩效指标."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.parse.model import Project


@register
class NoIndicators(ProjectRule):
    """## 说明

    项目表的指标表（「一级指标」表头以下）一行指标也没有填写时报错；整行空白的行不算指标。
    错误标在表头「一级指标」单元格上，提示中写出项目名称（项目名称未填时写工作表名）。

    ## 为什么

    没有绩效指标，就说不清这笔预算要做成什么、做到多少，财政局不会受理这样的目标表。

    ## 示例

        错：「工会经费」表的表头下面全是空行
            → 项目「工会经费」没有填写任何绩效指标
        对：表头下至少填写产出、效果、满意度指标各一行，例如
            产出指标 / 数量指标 / 用工矛盾法律援助人次 / … / ≥30人次 / 职责活动目标

    ## 怎么改

    在表头下逐行填写一级指标、二级指标、三级指标、绩效指标描述、指标值和指标值确定依据；
    产出、效果（效益）、满意度三类指标各至少一行（见 I004）。
    """

    code = "I001"
    severity = Severity.ERROR
    title = "没有绩效指标"
    message = "项目「{project}」没有填写任何绩效指标"
    fields = ("project",)

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        if not project.indicators:
            yield cls.at(project.indicator_header, project=project.name.value or project.sheet)
