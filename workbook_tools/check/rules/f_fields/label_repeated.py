"""F006 标签重复."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.parse.model import Project


@register
class LabelRepeated(ProjectRule):
    """## 说明

    同一张项目表上，某个字段的标签（如「预算数」「项目编码」「3月底」「一级指标」）出现了不止一次。
    程序按标签找值，标签重复时只能取第一个，另一个位置上填的数可能才是对的；因此报错，而不是悄悄选一个。
    错误标在程序实际取值的那个标签上（阅读顺序的第一个），消息列出所有出现的位置。

    ## 为什么

    常见原因是从别的表粘贴了一块内容，或在表格上方留了一行草稿（如「预算数 500」）。
    审核人按表格读到的数和程序取到的数可能不同，金额合计会出错。

    ## 示例

    在表格上方第 1 行写了「预算数」「500」，表格中 C4 是 450：
        「预算数」在本表出现 2 次（A1、B4），已按第一个（A1）取值；请删除多余的标签（标在 A1）
    正确：每个标签只出现一次，草稿写在表格外的其他工作表里。

    ## 怎么改

    删除多余的标签（或把它改成别的文字），只保留表格里的那一个，然后重新校验。
    """

    code = "F006"
    severity = Severity.ERROR
    title = "标签重复"
    message = "「{label}」在本表出现 {count} 次（{cells}），已按第一个（{first}）取值；请删除多余的标签"
    fields = ("label", "count", "cells", "first")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for label, places in project.repeated_labels:
            cells = "、".join(p.cell for p in places)
            yield cls.at(places[0], label=label, count=len(places), cells=cells, first=places[0].cell)
