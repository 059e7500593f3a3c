"""F002 项目编码格式不对."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.parse.model import Project


@register
class CodePattern(ProjectRule):
    """## 说明

    项目编码不符合配置规定的格式。默认配置 hebei-2020 要求形如 711-0301-JBN-BFBQ：
    3 位数字、4 位数字、3 个大写字母、4 个大写字母或数字，用半角「-」连接；整格都要符合，
    中间不能有空格。编码未填时由 F001 报告。

    ## 为什么

    项目编码是项目在预算系统中的唯一标识；格式不对多半是抄错或漏了位，财政局无法把这张表和预算项目对上。

    ## 示例

    项目编码第二段少了一位：
        项目编码「711-301-JBN-BFBQ」格式不对，应形如 711-0301-JBN-BFBQ
    正确：711-0301-JBN-BFBQ

    ## 怎么改

    按预算系统中的项目编码原样填写（最好复制粘贴），核对位数、大小写和连接符。
    """

    code = "F002"
    severity = Severity.ERROR
    title = "项目编码格式不对"
    message = "项目编码「{code}」格式不对，应形如 {example}"
    fields = ("code", "example")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        code = project.code.value
        if code and not ctx.profile.project_code_pattern.fullmatch(code):
            example = ctx.profile.project_code_example or ctx.profile.project_code_pattern.pattern
            yield cls.at(project.code.loc, code=code, example=example)
