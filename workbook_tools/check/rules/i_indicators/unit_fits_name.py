"""I010 指标值单位与名称不符."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.check.rules.i_indicators import quantitative
from workbook_tools.parse.indicator_value import PERCENT
from workbook_tools.parse.model import Indicator, Project


@register
class UnitFitsName(ProjectRule):
    """## 说明

    检查指标值的单位与三级指标名称是否矛盾（只看含数字且写了单位的指标值，只写数字的不报）：
    1. 名称含「率」「(%)」「（%）」或「百分比」，指标值的单位却不是百分比（%、％、百分比）；
    2. 名称末尾括号里写明了单位，如「（个）」「（人/户）」（几个单位用 / 、 或 分隔），
       指标值的单位却不是其中之一；以声明的单位开头也算相符，如「人」对「人次」、「户」对「户次」。

    ## 为什么

    单位对不上说明名称和目标说的不是同一件事（要数「个」却写了「座」），年底无法对照实际完成情况考核。

    ## 示例

        错：产出指标 / 数量指标 / 新增创业平台数量（个） / 1座
            → 指标「新增创业平台数量（个）」名称写明单位「个」，但指标值「1座」的单位是「座」
        对：1个，或把名称改为「新增创业平台数量（座）」
        错：补助金发放率 / ≥60人
            → 指标「补助金发放率」名称是比率（率/%），但指标值「≥60人」不是百分比

    ## 怎么改

    让两者一致：改指标值的单位，或改名称括号里的单位；比率类指标的指标值写成「≥60%」或「≥60百分比」。
    """

    code = "I010"
    severity = Severity.WARNING
    title = "指标值单位与名称不符"
    message = "指标「{name}」{reason}"
    fields = ("name", "reason")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            reason = unit_problem(indicator)
            if reason:
                yield cls.at(indicator.value.loc, name=indicator_name(indicator), reason=reason)


DECLARED_UNIT = re.compile(r"[(（]([^()（）]+)[)）]\s*$")


RATE = re.compile(r"率|[(（]\s*[%％]\s*[)）]|百分比")


def declared_units(name: str) -> list[str]:
    """Units a name declares in trailing brackets: "数量（人/户）" → ["人", "户"]."""
    match = DECLARED_UNIT.search(name)
    if not match:
        return []
    inner = unicodedata.normalize("NFKC", match.group(1)).strip()
    return [part.strip() for part in re.split(r"[/、,，或]", inner) if part.strip()]


def unit_problem(indicator: Indicator) -> str | None:
    value = quantitative(indicator)
    name = indicator.level3.value or ""
    if value is None or not name:
        return None
    if RATE.search(name):
        if value.unit and value.unit != PERCENT:
            return RATE_NOT_PERCENT.format(raw=value.text)
        return None
    declared = [u for u in declared_units(name) if u not in ("%", "百分比")]
    if declared and value.unit and not any(value.unit.startswith(u) for u in declared):
        return UNIT_MISMATCH.format(declared="/".join(declared), raw=value.text, unit=value.unit)
    return None


RATE_NOT_PERCENT = "名称是比率（率/%），但指标值「{raw}」不是百分比"
UNIT_MISMATCH = "名称写明单位「{declared}」，但指标值「{raw}」的单位是「{unit}」"
