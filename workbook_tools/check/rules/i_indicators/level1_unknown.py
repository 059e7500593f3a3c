"""I002 一级指标不在指标体系中."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.i_indicators import EMPTY_VALUE, category_of
from workbook_tools.parse.model import Project


@register
class Level1Unknown(ProjectRule):
    """## 说明

    逐行检查指标表的「一级指标」，必须与配置中的一级指标完全一致：默认配置（hebei-2020）为产出指标、
    效果指标、满意度指标，另认「效益指标」为效果指标；「产出」「效果类」等写法不认。
    一级指标留空的行沿用上一行（表格合并单元格的样子），所以上一行填错时，下面留空的续行也各报一次；
    表格第一行就留空时没有可沿用的，报「（空）」。公式没有计算结果造成的空值由 X004 报告，这里不报。

    ## 为什么

    财政局按一级指标分类审核和汇总；不认识的类别既无法汇总，也无法判断三类指标是否齐全。

    ## 示例

        错：一级指标填「产出」
            → 一级指标「产出」不在指标体系中（可选：产出指标、效果指标、满意度指标）
        对：产出指标（「效益指标」也可以，按效果指标计）

    ## 怎么改

    在标红的单元格里从下拉框选择一级指标，或照提示中的可选项原样输入；
    同一类的后续行可以留空，沿用上一行。
    """

    code = "I002"
    severity = Severity.ERROR
    title = "一级指标不在指标体系中"
    message = "一级指标「{level1}」不在指标体系中（可选：{allowed}）"
    fields = ("level1", "allowed")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        allowed = "、".join(ctx.profile.level1_names)
        for indicator in project.indicators:
            if indicator.level1.uncomputed:
                continue
            if category_of(indicator, ctx.profile) is None:
                level1 = indicator.level1.value or EMPTY_VALUE
                yield cls.at(indicator.level1.loc, level1=level1, allowed=allowed)
