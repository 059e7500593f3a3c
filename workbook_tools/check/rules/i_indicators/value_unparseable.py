"""I006 指标值未填或无法识别."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Context, Finding, ProjectRule, Severity, register
from workbook_tools.check.rules.helpers import indicator_name
from workbook_tools.parse.indicator_value import ValueKind
from workbook_tools.parse.model import Project


@register
class ValueUnparseable(ProjectRule):
    """## 说明

    检查每行的「指标值」：为空，或含数字（或比较符）却读不出「[比较符] 数字 [单位]」时报错，
    如「≥≥30」「≥30人≤50」，以及只有比较符没有数字的「≥人次」「≥%」。能识别的写法很多：
    ≥30人次、>50户次、不低于90%、95%以上、人均≥2次、同比增长≥5%、≤-5%、10-20人、90%-100%、±5%、1:3、
    7×24小时、一次、零事故、≤450万元、≤300元/人、100%（历史标准）（括号里的字另由 I019 提示），
    期限和日期如 12月底前、2020年12月31日前、2020.12.31、2020.1.1-2020.12.31，全角字符也可。
    不含数字的文字（如「显著提升」）是定性值，由 I012 提示；公式没有计算结果时由 X004 报告。

    ## 为什么

    指标值是年底对照实际完成情况考核的标准，必须能读出比较方向、数值和单位，否则无法考核和汇总。

    ## 示例

        错：产出指标 / 数量指标 / 用工矛盾法律援助人次 / ≥人次
            → 指标「用工矛盾法律援助人次」的指标值「≥人次」无法识别，
              应写成「≥30人次」「≥90%」「100百分比」这样的形式
        对：≥30人次。指标值空着时提示为：指标「用工矛盾法律援助人次」的指标值未填写

    ## 怎么改

    把指标值改成一个比较符、一个阿拉伯数字和单位，如「≥30人次」「≥90%」；比较符只写一次，
    上下限都要写时写成区间「10-20人」。
    """

    code = "I006"
    severity = Severity.ERROR
    title = "指标值未填或无法识别"
    message = "指标「{name}」的指标值{problem}"
    fields = ("name", "problem")

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterator[Finding]:
        for indicator in project.indicators:
            field = indicator.value
            if field.uncomputed or field.value is None:
                continue
            if field.value.kind is ValueKind.EMPTY:
                problem = NOT_FILLED
            elif field.value.kind is ValueKind.INVALID:
                problem = UNPARSEABLE.format(raw=field.raw)
            else:
                continue
            yield cls.at(field.loc, name=indicator_name(indicator), problem=problem)


NOT_FILLED = "未填写"
UNPARSEABLE = "「{raw}」无法识别，应写成「≥30人次」「≥90%」「100百分比」这样的形式"
