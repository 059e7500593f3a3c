"""X003 没有项目表."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, Severity, WorkbookRule, register
from workbook_tools.parse.model import WorkbookModel


@register
class NoProjectSheet(WorkbookRule):
    """## 说明

    工作簿里一张项目表也没有。程序按内容识别项目表：同一张工作表上同时有「项目编码」「预算数」「一级指标」
    三个标签，工作表叫什么名字都可以；本工具生成的校验结果、项目汇总表等输出表不算。

    ## 为什么

    没有项目表就没有可审核的项目、金额和指标；通常是交错了文件（如只交了部门整体），
    或标签文字被改掉、删掉了。

    ## 示例

    工作簿只有「部门整体」一张表，或唯一的项目表把标签「预算数」改成了「预算金额」：
        没有找到项目表（应有带「项目编码」「预算数」「一级指标」标签的工作表）

    ## 怎么改

    用标准模板填报：每个项目复制一张空白「项目」表来填，不要改动或删除标签文字；
    确认提交的是填好的那份工作簿。
    """

    code = "X003"
    severity = Severity.ERROR
    title = "没有项目表"
    message = "没有找到项目表（应有带「项目编码」「预算数」「一级指标」标签的工作表）"
    fields = ()

    @classmethod
    def check(cls, model: WorkbookModel, ctx: Context) -> Iterator[Finding]:
        if not model.projects:
            yield cls.at(None)
