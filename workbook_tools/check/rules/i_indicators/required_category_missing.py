"""I004 缺少必备的一级指标."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.i_indicators import missing_categories
from workbook_tools.parse.model import Project


@register
class RequiredCategoryMissing(ProjectRule):
    """## 说明

    项目已填写指标，但缺少配置要求的某类一级指标时报错，每缺一类报一次，标在表头「一级指标」单元格。
    默认配置（hebei-2020）要求产出指标、效果指标（填「效益指标」也算）、满意度指标各至少一行；
    central-2021 要求产出指标、效益指标、成本指标（满意度指标只是建议，见 I021）。
    只计一级指标能识别的行（包括留空沿用上一行的行）；旧版表式中效益指标下的
    「社会公众或服务对象满意度指标」（配置的 satisfaction_level2）算作满意度指标，不算效益指标。
    一行指标都没有时只报 I001。

    ## 为什么

    绩效目标要同时说明做多少（产出）、起什么作用（效果）、服务对象是否满意（满意度），
    缺一类目标就不完整，财政局会退回。

    ## 示例

        错：「劳模体检及保险费」只填了产出指标和效果指标的行
            → 缺少「满意度指标」（每个项目至少要有一项）
        对：再加一行 满意度指标 / 服务对象满意度指标 / 劳模满意度 / 100百分比

    ## 怎么改

    为缺少的一级指标添加至少一行并填完整；若明明有这类指标却仍报错，检查那一行的一级指标
    是否写错（见 I002）。
    """

    code = "I004"
    severity = Severity.ERROR
    title = "缺少必备的一级指标"
    message = "缺少「{category}」（每个项目至少要有一项）"
    fields = ("category",)

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for category in missing_categories(project, ctx.profile, ctx.profile.required):
            yield cls.at(project.indicator_header, category=category.name)
