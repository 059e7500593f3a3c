"""I021 缺少建议的一级指标."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.i_indicators import missing_categories
from workbook_tools.parse.model import Project


@register
class RecommendedCategoryMissing(ProjectRule):
    """## 说明

    项目已填写指标，但缺少配置建议具备（recommended）的某类一级指标时给出警告，每缺一类报一次，
    标在表头「一级指标」单元格（与 I004 相同）。默认配置（hebei-2020）没有建议项；central-2021
    （财预〔2021〕101号）建议设满意度指标：没有服务对象的项目可以不设，所以只警告不报错。
    计数方法与 I004 相同：效益指标下的「社会公众或服务对象满意度指标」算作满意度指标；
    一行指标都没有时只报 I001。

    ## 为什么

    建议具备的指标是大多数项目都应当有的，只有少数项目可以不设（如满意度指标之于没有服务对象的项目）；
    缺少时请确认项目确实属于这种情形，否则财政局审核时会要求补上。

    ## 示例

        （central-2021）「招商引资工作经费」只填了成本、产出、效益指标的行
            → 缺少「满意度指标」（建议每个项目都设置；确实不适用的项目可以不设）
        对：再加一行 满意度指标 / 服务对象满意度指标 / 参训学员满意度 / ≥90%

    ## 怎么改

    项目有服务对象时，为缺少的一级指标添加至少一行并填完整；确实没有服务对象的项目可以不改。
    若明明有这类指标却仍有警告，检查那一行的一级指标是否写错（见 I002）。
    """

    code = "I021"
    severity = Severity.WARNING
    title = "缺少建议的一级指标"
    message = "缺少「{category}」（建议每个项目都设置；确实不适用的项目可以不设）"
    fields = ("category",)

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for category in missing_categories(project, ctx.profile, ctx.profile.recommended):
            yield cls.at(project.indicator_header, category=category.name)
