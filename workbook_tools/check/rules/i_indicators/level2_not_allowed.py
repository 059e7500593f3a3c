"""I003 二级指标不属于其一级指标."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.i_indicators import EMPTY_VALUE, category_of
from workbook_tools.parse.model import Project


@register
class Level2NotAllowed(ProjectRule):
    """## 说明

    检查每行的「二级指标」是否属于该行的一级指标，名称须与配置一致或是配置的同义词（level2_synonyms）。
    默认配置（hebei-2020）的对应关系：
        产出指标：数量指标、质量指标、时效指标、成本指标
        效果指标（效益指标）：经济效益指标、社会效益指标、生态效益指标（环境效益指标）、可持续影响指标
        满意度指标：服务对象满意度指标（社会公众或服务对象满意度指标）
    旧版表式把满意度放在效益指标下（效益指标 / 社会公众或服务对象满意度指标），配置的
    satisfaction_level2 中的二级指标在效果（效益）指标下也可以用，这一行算作满意度指标。
    二级指标不沿用上一行，留空报「（空）」。一级指标本身不认识的行不在此报（见 I002）。

    ## 为什么

    二级指标放错一级指标（如把社会效益指标放在满意度指标下），说明指标归错了类，审核和汇总时会算错类别。

    ## 示例

        错：满意度指标 / 社会效益指标 / 职工满意度 / ≥80百分比
            → 二级指标「社会效益指标」不属于「满意度指标」（可选：服务对象满意度指标）
        对：满意度指标 / 服务对象满意度指标 / 职工满意度 / ≥80百分比

    ## 怎么改

    从下拉框选择提示中列出的二级指标；若这一行本该属于另一类，就改正一级指标（二级指标每行都要填）。
    """

    code = "I003"
    severity = Severity.ERROR
    title = "二级指标不属于其一级指标"
    message = "二级指标「{level2}」不属于「{level1}」（可选：{allowed}）"
    fields = ("level2", "level1", "allowed")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            category = category_of(indicator, ctx.profile)
            if category is None or indicator.level2.uncomputed:
                continue
            if not ctx.profile.level2_allowed(category, indicator.level2.value):
                yield cls.at(
                    indicator.level2.loc,
                    level2=indicator.level2.value or EMPTY_VALUE,
                    level1=category.name,
                    allowed="、".join(category.level2),
                )
