"""I019 指标值里写了确定依据."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.parse.model import Project

#: The kinds of basis a target's value is set from (指标值确定依据), not part of the value.
BASIS_WORDS = ("计划标准", "历史标准", "行业标准", "其他标准", "国家标准", "计划要求", "参考标准", "预算标准")


@register
class BasisInValue(ProjectRule):
    """## 说明

    指标值里写了「计划标准」「历史标准」「行业标准」「其他标准」等，如「100%(历史标准)」。

    ## 为什么

    这些词说的是指标值从哪里来，属于「指标值确定依据」一栏；写在指标值里会让汇总和核对数值出错，
    依据一栏反而空着或写了别的。

    ## 示例

        满意度指标 / 服务对象满意度指标 / 职工满意度 / ≥90%（历史标准）
            → 指标「职工满意度」的指标值「≥90%（历史标准）」里的「历史标准」是确定依据，
              应写在「指标值确定依据」栏

    ## 怎么改

    指标值只写「≥90%」，把「历史标准」写到同一行的「指标值确定依据」。
    """

    code = "I019"
    severity = Severity.WARNING
    title = "指标值里写了确定依据"
    message = "指标「{name}」的指标值「{value}」里的「{word}」是确定依据，应写在「指标值确定依据」栏"
    fields = ("name", "value", "word")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            value = indicator.value.value
            word = next((w for w in BASIS_WORDS if value is not None and w in value.text), None)
            if value is not None and word is not None:
                yield cls.at(indicator.value.loc, name=indicator_name(indicator), value=value.text, word=word)
