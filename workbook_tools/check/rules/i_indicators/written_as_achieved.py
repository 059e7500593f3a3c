"""I018 目标写成了已完成的结果."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.parse.model import Project

#: A result stated as done: 已/已经…, or a verb of change followed by 了.
ACHIEVED = re.compile(
    r"^已|已经|(?:提升|提高|改善|增强|完成|实现|加强|达到|促进|推动|保障|降低|减少|增加|扩大|"
    r"解决|得到|取得|落实|满足|发挥)了"
)


@register
class WrittenAsAchieved(ProjectRule):
    """## 说明

    指标值写成了已经发生的结果：以「已」开头、含「已经」，或「提升了」「得到了」「实现了」这样的「动词＋了」。

    ## 为什么

    绩效目标是预算年度要达到的目标，年底拿实际完成情况来对照；「显著提升了…」「已完成」是总结的写法，
    说明目标没有写成可考核的标准。

    ## 示例

        效益指标 / 社会效益指标 / 职工技能水平 / 显著提升了职工技能
            → 指标「职工技能水平」的指标值「显著提升了职工技能」写成了已完成的结果，应写成要达到的目标

    ## 怎么改

    写成要达到的目标，最好可量化：「技能等级证书取得人数 ≥50人」「职工技能水平明显提升」。
    """

    code = "I018"
    severity = Severity.WARNING
    title = "目标写成了已完成的结果"
    message = "指标「{name}」的指标值「{value}」写成了已完成的结果，应写成要达到的目标"
    fields = ("name", "value")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            value = indicator.value.value
            if value is not None and ACHIEVED.search(value.text):
                yield cls.at(indicator.value.loc, name=indicator_name(indicator), value=value.text)
