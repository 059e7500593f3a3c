"""F001 必填项未填."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.f_fields import REQUIRED
from workbook_tools.check.rules.helpers import FIELD_LABELS, blank
from workbook_tools.parse.model import Loc, Project


@register
class RequiredFieldEmpty(ProjectRule):
    """## 说明

    项目表的必填项为空：项目编码、项目名称、预算数、资金用途、绩效目标，每个空项报一条。部门整体的单位编码、
    单位名称由 D001 检查；单元格是没有计算结果的公式时报 X004，不报本项。

    ## 为什么

    这几项是绩效目标表的基本内容，缺了任何一项，财政局就无法识别项目、核对金额，也不能公开。

    ## 示例

    「工会经费」表的绩效目标一栏空着：
        「绩效目标」未填写
    正确：填写「1、确保职工合法权益得到有效保障，改善困难劳模及困难职工生活困境……」

    ## 怎么改

    在该标签右边的单元格里补填内容；如果标签被删掉了，照模板恢复标签，内容填在它右边。
    """

    code = "F001"
    severity = Severity.ERROR
    title = "必填项未填"
    message = "「{field}」未填写"
    fields = ("field",)

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for name in REQUIRED:
            field = getattr(project, name)
            if blank(field):
                yield cls.at(field.loc or Loc(project.sheet), field=FIELD_LABELS[name])
