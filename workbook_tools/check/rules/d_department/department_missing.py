"""D001 部门整体缺失或单位未填."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, Severity, WorkbookRule, register
from workbook_tools.check.rules.helpers import FIELD_LABELS, blank
from workbook_tools.parse.model import WorkbookModel


@register
class DepartmentMissing(WorkbookRule):
    """## 说明

    找不到「部门整体」工作表，或部门整体的「单位编码」「单位名称」没填。程序按内容识别部门整体：
    表上要有「单位编码」和「部门年度发展规划目标」两个标签，工作表名称不限。没有计算结果的公式报 X004。

    ## 为什么

    单位编码和名称决定这份工作簿属于哪个单位；缺了，财政局无法把它归到单位，也无法核对项目编码。

    ## 示例

    部门整体的单位编码空着，或整张部门整体表被删掉：
        部门整体的「单位编码」未填写
        没有找到「部门整体」工作表（应有带「单位编码」「部门年度发展规划目标」标签的工作表）
    正确：单位编码 711002，单位名称 定州市总工会。

    ## 怎么改

    在部门整体表中补填单位编码和单位名称；表被删掉或标签被改掉的，从模板复制一张「部门整体」表填好。
    """

    code = "D001"
    severity = Severity.ERROR
    title = "部门整体缺失或单位未填"
    message = "{reason}"
    fields = ("reason",)

    @classmethod
    def check(cls, model: WorkbookModel, ctx: Context) -> Iterator[Finding]:
        department = model.department
        if department is None:
            yield cls.at(None, reason=NO_DEPARTMENT_SHEET)
            return
        for name in ("unit_code", "unit_name"):
            field = getattr(department, name)
            if blank(field):
                reason = DEPARTMENT_FIELD_EMPTY.format(field=FIELD_LABELS[name])
                yield cls.at(field.loc, reason=reason)


NO_DEPARTMENT_SHEET = "没有找到「部门整体」工作表（应有带「单位编码」「部门年度发展规划目标」标签的工作表）"
DEPARTMENT_FIELD_EMPTY = "部门整体的「{field}」未填写"
