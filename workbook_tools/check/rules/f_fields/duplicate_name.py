"""F005 项目名称重复."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, Severity, WorkbookRule, register
from workbook_tools.check.rules.f_fields import DUPLICATE_IN_SHEET
from workbook_tools.check.rules.helpers import repeats
from workbook_tools.parse.model import WorkbookModel


@register
class DuplicateName(WorkbookRule):
    """## 说明

    同一个工作簿中两张项目表的项目名称完全相同，在后一张表的名称格给出警告，并指出与哪张表相同。
    只在一个工作簿内比较；这是警告，不算错误。

    ## 为什么

    名称重复通常是复制了工作表却没改内容，这张表可能整张还是上一个项目的数据；也可能同一个项目填了两遍。

    ## 示例

    「五一系列活动经费」表的项目名称仍是复制来的「工会经费」：
        项目名称「工会经费」重复：与工作表「工会经费」相同

    ## 怎么改

    把名称改成本项目的名称，并检查这张表的编码、金额、指标是否也都改过；确实是同一个项目的，删掉多余的一张。
    """

    code = "F005"
    severity = Severity.WARNING
    title = "项目名称重复"
    message = "项目名称「{name}」重复：{other}"
    fields = ("name", "other")

    @classmethod
    def check(cls, model: WorkbookModel, ctx: Context) -> Iterator[Finding]:
        for project, first in repeats(model.projects, lambda p: p.name.value):
            other = DUPLICATE_IN_SHEET.format(sheet=first.sheet)
            yield cls.at(project.name.loc, name=project.name.value, other=other)
