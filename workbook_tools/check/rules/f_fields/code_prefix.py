"""F003 项目编码与单位不符."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, Severity, WorkbookRule, register
from workbook_tools.check.rules.f_fields import unit_code
from workbook_tools.parse.model import WorkbookModel


@register
class CodePrefix(WorkbookRule):
    """## 说明

    项目编码的前几位（hebei-2020 为前 3 位）与单位编码的前几位不同。单位编码取「部门整体」的单位编码，
    没有时取项目表「单位」行开头的数字。这是警告（黄色），不算错误。

    ## 为什么

    项目编码以单位编码开头；对不上，说明这张表可能是从别的单位的工作簿复制来的，或者编码打错了。

    ## 示例

    单位是 711002定州市总工会，项目编码却填成 712-0301-JBN-BFBQ：
        项目编码「712-0301-JBN-BFBQ」前 3 位「712」与单位编码 711002 不一致

    ## 怎么改

    按预算系统中本单位的项目编码改正；若这张表确实是别的单位的项目，把它移到该单位的工作簿。
    """

    code = "F003"
    severity = Severity.WARNING
    title = "项目编码与单位不符"
    message = "项目编码「{code}」前 {digits} 位「{prefix}」与单位编码 {unit} 不一致"
    fields = ("code", "digits", "prefix", "unit")

    @classmethod
    def check(cls, model: WorkbookModel, ctx: Context) -> Iterator[Finding]:
        digits = ctx.profile.project_code_prefix_digits
        for project in model.projects:
            code, unit = project.code.value, unit_code(project, model)
            if code and len(unit) >= digits and code[:digits] != unit[:digits]:
                yield cls.at(project.code.loc, code=code, digits=digits, prefix=code[:digits], unit=unit)
