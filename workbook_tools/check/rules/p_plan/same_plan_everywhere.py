"""P006 所有项目的支出计划相同."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, Severity, WorkbookRule, register
from workbook_tools.check.rules.helpers import num
from workbook_tools.parse.model import WorkbookModel

MIN_PROJECTS = 2


@register
class SamePlanEverywhere(WorkbookRule):
    """## 说明

    一个单位的全部项目（至少 2 个）的资金支出计划完全相同，如每个项目都是 25、50、75、100。
    这是给整个工作簿的一条提示（写在校验结果的汇总里，不标在每个项目上），不算错误也不算警告。

    ## 为什么

    各项目花钱的时间不同（体检在春天，送温暖在年底），计划完全一样多半是照抄了模板的示例，
    财政按计划安排用款时会与实际脱节。

    ## 示例

    定州市总工会 6 个项目都是 3月底 25、6月底 50、10月底 75、12月底 100：
        全部 6 个项目的资金支出计划都是 25/50/75/100，请按各项目实际用款时间分别填写

    ## 怎么改

    逐个项目按资金用途写的用款时间填累计支出计划；确实均匀支出的项目可以保留。
    """

    code = "P006"
    severity = Severity.INFO
    title = "所有项目的支出计划相同"
    message = "全部 {count} 个项目的资金支出计划都是 {plan}，请按各项目实际用款时间分别填写"
    fields = ("count", "plan")

    @classmethod
    def check(cls, model: WorkbookModel, ctx: Context) -> Iterator[Finding]:
        plans = {tuple(p.plan_percents()) for p in model.projects}
        if len(model.projects) >= MIN_PROJECTS and len(plans) == 1:
            plan = next(iter(plans))
            if plan and all(p is not None for p in plan):
                yield cls.at(
                    None, count=len(model.projects), plan="/".join(num(p) for p in plan if p is not None)
                )
