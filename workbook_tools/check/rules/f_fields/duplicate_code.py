"""F004 项目编码重复."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from workbook_tools.check.registry import BatchRule, Context, Finding, Severity, register
from workbook_tools.check.rules.f_fields import DUPLICATE_IN_SHEET
from workbook_tools.check.rules.helpers import repeats
from workbook_tools.parse.model import Project, WorkbookModel

MAX_LISTED = 3  # other files named in one cross-file message
DUPLICATE_IN_FILE = "与 {file}（{unit}）工作表「{sheet}」相同"
DUPLICATE_MORE = " 等共 {count} 个文件"


@register
class DuplicateCode(BatchRule):
    """## 说明

    项目编码重复。同一个工作簿里两张项目表编码相同时，在后一张表的编码格报错，并指出与哪张表相同。
    批量汇总（`workbook-tools consolidate 文件夹`）时还跨工作簿比较：同一编码出现在几个文件中，
    每个文件都报，并列出其他文件及其单位（最多列 3 个，再多写「等共 N 个文件」）。

    ## 为什么

    一个编码只对应一个预算项目；重复多半是复制工作表后忘了改编码，汇总时项目对不上号，金额也可能重复计算。

    ## 示例

    复制「工会经费」表做「送温暖资金」表，编码没改，仍是 711-0301-JBN-BFBQ：
        项目编码「711-0301-JBN-BFBQ」重复：与工作表「工会经费」相同
    批量汇总时，另一个单位的文件也用了这个编码：
        项目编码「711-0301-JBN-BFBQ」重复：与 收文/712001教育局.xlsx（定州市教育局）工作表「项目1」相同

    ## 怎么改

    把复制来的表改成该项目自己的编码（以预算系统为准）；跨单位重复时，由填错编码的一方改正。
    """

    code = "F004"
    severity = Severity.ERROR
    title = "项目编码重复"
    message = "项目编码「{code}」重复：{other}"
    fields = ("code", "other")

    @classmethod
    def check(cls, models: Sequence[WorkbookModel], ctx: Context) -> Iterator[Finding]:
        for model in models:
            for project, first in repeats(model.projects, lambda p: p.code.value):
                other = DUPLICATE_IN_SHEET.format(sheet=first.sheet)
                yield cls.at(project.code.loc, in_file=model.path, code=project.code.value, other=other)
        if len(models) > 1:
            yield from cls._across_files(models)

    @classmethod
    def _across_files(cls, models: Sequence[WorkbookModel]) -> Iterator[Finding]:
        where: dict[str, list[tuple[WorkbookModel, Project]]] = {}
        for model in models:
            for project in model.projects:
                if project.code.value:
                    where.setdefault(project.code.value, []).append((model, project))
        for code, places in where.items():
            if len({model.path for model, _ in places}) < 2:
                continue
            for model, project in places:
                others = [(m, p) for m, p in places if m.path != model.path]
                listed = "；".join(
                    DUPLICATE_IN_FILE.format(file=m.path, unit=m.unit_name, sheet=p.sheet)
                    for m, p in others[:MAX_LISTED]
                )
                if len(others) > MAX_LISTED:
                    listed += DUPLICATE_MORE.format(count=len(others))
                yield cls.at(project.code.loc, in_file=model.path, code=code, other=listed)
