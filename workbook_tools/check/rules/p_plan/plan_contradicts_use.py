"""P005 支出计划与资金用途中的月份矛盾."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import num
from workbook_tools.check.rules.p_plan import CHECKPOINT_MONTHS, HUNDRED, even_plan
from workbook_tools.parse.model import Project

#: "4、5月份", "12月", "10月份前", "3至5月": one or more month numbers before 月 (not "3个月").
MONTHS = re.compile(r"(?<![\d.])((?:\d{1,2}\s*[、,，和及至到~\-－]\s*)*\d{1,2})\s*月(份)?")
MONTH_NUMBER = re.compile(r"\d{1,2}")
BEFORE = ("前", "之前", "以前")


@register
class PlanContradictsUse(ProjectRule):
    """## 说明

    资金支出计划正好是 25、50、75、100（模板的示例值，常常没有改）时，对照「资金用途」里写到的月份
    （如「4、5月份完成」「10月份前」「12月」）：
    1. 写到花钱的最早月份之前的时间点（如 4、5 月体检而 3月底）计划了支出；
    2. 写到的最晚月份（含「10月份前」这样的期限）及之后的时间点（如 10月底）还不到 100。
    每个项目各报第一个矛盾的时间点；只看 1–12 的月份数字，「3个月」这样的时长不算。

    ## 为什么

    支出计划要和项目怎么花钱一致，财政据此安排用款；照抄 25/50/75/100 而与资金用途写的时间对不上，
    是审核时最常被退回的情形之一。

    ## 示例

    资金用途「劳模体检4、5月份完成，劳模保险12月份完成」，计划 3月底 25：
        资金用途写到的最早月份是 4 月，但支出计划「3月底」为 25（4 月前应为 0）
    资金用途「计划于10月份前技能大赛」，计划 10月底 75：
        资金用途写明 10 月完成，但支出计划「10月底」只有 75（应为 100）

    ## 怎么改

    按资金用途写的时间重排累计支出计划（如 3月底 0、6月底 60、10月底 60、12月底 100），
    或把资金用途里的时间改准。
    """

    code = "P005"
    severity = Severity.WARNING
    title = "支出计划与资金用途中的月份矛盾"
    message = "{reason}"
    fields = ("reason",)

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        spent, deadlines = named_months(project.use.value or "")
        if not (spent or deadlines) or not even_plan(project):
            return
        first, last = min(spent, default=None), max(spent + deadlines)
        plan = [
            (m, f, f.value.percent)
            for m, f in zip(CHECKPOINT_MONTHS, project.plan)
            if f.value and f.value.percent is not None
        ]
        early = next(((m, f, p) for m, f, p in plan if first is not None and m < first and p > 0), None)
        if early is not None and first is not None:
            month, field, percent = early
            yield cls.at(field.loc, reason=EARLY.format(first=first, month=month, value=num(percent)))
        late = next(((m, f, p) for m, f, p in plan if m >= last and p < HUNDRED), None)
        if late is not None:
            month, field, percent = late
            yield cls.at(field.loc, reason=LATE.format(last=last, month=month, value=num(percent)))


def named_months(text: str) -> tuple[list[int], list[int]]:
    """The month numbers (1–12) a text names, as (months money is spent in, months named as a
    deadline): "劳模体检4、5月份完成" → ([4, 5], []); "10月份前" → ([], [10])."""
    spent: list[int] = []
    deadlines: list[int] = []
    for match in MONTHS.finditer(text):
        months = [int(n) for n in MONTH_NUMBER.findall(match.group(1)) if 1 <= int(n) <= 12]
        before = text[match.end() : match.end() + 3].lstrip("底末")
        (deadlines if before.startswith(BEFORE) else spent).extend(months)
    return spent, deadlines


EARLY = "资金用途写到的最早月份是 {first} 月，但支出计划「{month}月底」为 {value}（{first} 月前应为 0）"
LATE = "资金用途写明 {last} 月完成，但支出计划「{month}月底」只有 {value}（应为 100）"
