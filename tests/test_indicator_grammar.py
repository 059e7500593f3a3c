"""The 指标值 grammar on real-looking values of published 绩效目标表 (2019–2023).

Every expectation is written by hand: kind, operator, number, unit, upper, qualifier,
annotation, deadline, fraction.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from workbook_tools import labels
from workbook_tools.parse.indicator_value import IndicatorValue, ValueKind, parse_value

QUANT, WORDS, DEADLINE, INVALID = (
    ValueKind.QUANTITATIVE,
    ValueKind.QUALITATIVE,
    ValueKind.DEADLINE,
    ValueKind.INVALID,
)


def q(
    text: str,
    op: str,
    number: str,
    unit: str = "",
    *,
    upper: str | None = None,
    qual: str = "",
    note: str = "",
    fraction: bool = False,
) -> object:
    """A quantity: ``text`` reads as op / number / unit (/ upper, qualifier, annotation, fraction)."""
    expected = IndicatorValue(
        text,
        QUANT,
        op,
        Decimal(number),
        unit,
        None if upper is None else Decimal(upper),
        qual,
        note,
        "",
        fraction,
    )
    return pytest.param(text, expected, id=text)


def d(text: str, op: str, deadline: str, *, qual: str = "", note: str = "") -> object:
    """A deadline."""
    expected = IndicatorValue(text, DEADLINE, op, qualifier=qual, annotation=note, deadline=deadline)
    return pytest.param(text, expected, id=text)


def w(text: str) -> object:
    """Qualitative words."""
    return pytest.param(text, IndicatorValue(text, WORDS), id=text)


def bad(text: str) -> object:
    """Unparseable."""
    return pytest.param(text, IndicatorValue(text, INVALID), id=text)


CASES = [
    # --- the seed (定州市总工会 2020) -----------------------------------------------------------
    q("≥30人次", "≥", "30", "人次"),
    q("≥50百分比", "≥", "50", "%"),
    q(">50户次", ">", "50", "户次"),
    q(">50人次", ">", "50", "人次"),
    q("5人次", "", "5", "人次"),
    q("1座", "", "1", "座"),
    q("100百分比", "", "100", "%"),
    q("≥10次", "≥", "10", "次"),
    q("≥90百分比", "≥", "90", "%"),
    # --- counts ------------------------------------------------------------------------------
    q("≥1000人次", "≥", "1000", "人次"),
    q("≥200户", "≥", "200", "户"),
    q("≥12场次", "≥", "12", "场次"),
    q("4期", "", "4", "期"),
    q("≥20篇", "≥", "20", "篇"),
    q("≥3个", "≥", "3", "个"),
    q("6项", "", "6", "项"),
    q("≥500份", "≥", "500", "份"),
    q("2所", "", "2", "所"),
    q("≥15家", "≥", "15", "家"),
    q("120课时", "", "120", "课时"),
    q("≥40学时", "≥", "40", "学时"),
    q("1,200名", "", "1200", "名"),
    q("≥3000册", "≥", "3000", "册"),
    q("4批次", "", "4", "批次"),
    q("30人次以上", "≥", "30", "人次"),
    q("5场以上", "≥", "5", "场"),
    q("不少于6期", "≥", "6", "期"),
    q("至少2次", "≥", "2", "次"),
    q("≥5万人", "≥", "5", "万人"),
    q("≥30万人次", "≥", "30", "万人次"),
    q("≥5000平方米", "≥", "5000", "平方米"),
    q("≥20公里", "≥", "20", "公里"),
    q("3个乡镇", "", "3", "个乡镇"),
    q("≥30人次/年", "≥", "30", "人次/年"),
    q("≧１００ 人", "≥", "100", "人"),
    # --- percentages ---------------------------------------------------------------------------
    q("≥90%", "≥", "90", "%"),
    q("100%", "", "100", "%"),
    q("≥98％", "≥", "98", "%"),
    q("≤5%", "≤", "5", "%"),
    q("≥85百分比", "≥", "85", "%"),
    q("95%以上", "≥", "95", "%"),
    q("≥99.5%", "≥", "99.5", "%"),
    q("0.5%以下", "≤", "0.5", "%"),
    q("＞＝９０％", "≥", "90", "%"),
    q("≧90 ％", "≥", "90", "%"),
    q(">=95%", "≥", "95", "%"),
    q("⩾95%", "≥", "95", "%"),
    q("不低于90%", "≥", "90", "%"),
    q("大于等于95%", "≥", "95", "%"),
    q("不小于85%", "≥", "85", "%"),
    q("大于或等于80%", "≥", "80", "%"),
    q("达到100%", "≥", "100", "%"),
    q("至少80%", "≥", "80", "%"),
    q("不超过3%", "≤", "3", "%"),
    q("不大于2%", "≤", "2", "%"),
    q("小于或等于1%", "≤", "1", "%"),
    q("低于2%", "<", "2", "%"),
    q("小于1%", "<", "1", "%"),
    q("高于95%", ">", "95", "%"),
    q("超过90%", ">", "90", "%"),
    q("≤3‰", "≤", "3", "‰"),
    # percent with a note or punctuation after it
    q("100%(历史标准)", "", "100", "%", note="历史标准"),
    q("≥95%（含）", "≥", "95", "%", note="含"),
    q("≥95%；", "≥", "95", "%"),
    q("≥95%，", "≥", "95", "%"),
    q("100%完成", "", "100", "%", note="完成"),
    q("≥95%/年", "≥", "95", "%", note="/年"),
    q("95%以上。", "≥", "95", "%"),
    q("90%（含）以上", "≥", "90", "%", note="含"),
    q("≥90%(含90%)", "≥", "90", "%", note="含90%"),
    q("100%全覆盖", "", "100", "%", note="全覆盖"),
    # --- amounts --------------------------------------------------------------------------------
    q("≤450万元", "≤", "450", "万元"),
    q("1.2亿元", "", "1.2", "亿元"),
    q("≤300元/人", "≤", "300", "元/人"),
    q("5000元/人次", "", "5000", "元/人次"),
    q("25.18万元", "", "25.18", "万元"),
    q("≤2000元", "≤", "2000", "元"),
    q("不超过15.6万元", "≤", "15.6", "万元"),
    q("≤50万元/个", "≤", "50", "万元/个"),
    q("≤1,500元/人", "≤", "1500", "元/人"),
    q("3千元", "", "3", "千元"),
    # --- time -----------------------------------------------------------------------------------
    q("≤3个月", "≤", "3", "个月"),
    q("10个工作日", "", "10", "个工作日"),
    q("≤30天", "≤", "30", "天"),
    q("24小时内", "≤", "24", "小时"),
    q("7×24小时", "", "24", "小时", qual="7×"),
    q("≤2小时", "≤", "2", "小时"),
    q("3个工作日内完成", "≤", "3", "个工作日", note="完成"),
    q("1年", "", "1", "年"),
    q("≥10年", "≥", "10", "年"),
    q("≤15日", "≤", "15", "日"),
    q("30分钟内", "≤", "30", "分钟"),
    q("12个月", "", "12", "个月"),
    # --- deadlines ------------------------------------------------------------------------------
    d("2020年12月31日前", "≤", "2020-12-31"),
    d("12月底前", "≤", "12"),
    d("2020年底前完成", "≤", "2020", note="完成"),
    d("年底前", "≤", "12"),
    d("年内", "≤", "12"),
    d("2020.12.31", "", "2020-12-31"),
    d("2020-12-31", "", "2020-12-31"),
    d("2020/12/31", "", "2020-12-31"),
    d("2020年12月", "", "2020-12"),
    d("2020年6月底前", "≤", "2020-06"),
    d("2021年3月底前", "≤", "2021-03"),
    d("2020年", "", "2020"),
    d("2020年度", "", "2020"),
    d("2020年12月底前完成", "≤", "2020-12", note="完成"),
    d("6月30日前", "≤", "06-30"),
    d("11月底前拨付到位", "≤", "11", note="拨付到位"),
    d("10月份", "", "10"),
    d("12月31日", "", "12-31"),
    d("于2020年12月31日前", "≤", "2020-12-31", qual="于"),
    d("截至2020年12月31日", "", "2020-12-31", qual="截至"),
    d("每年12月底前", "≤", "12", qual="每年"),
    d("≤11月底", "≤", "11"),
    d("2020.1.1-2020.12.31", "", "2020-01-01/2020-12-31"),
    d("2020年1月-12月", "", "2020-01/2020-12"),
    d("2020年1-12月", "", "2020-01/2020-12"),
    d("1-12月", "", "01/12"),
    d("2020年1月1日至2020年12月31日", "", "2020-01-01/2020-12-31"),
    d("2020年1月1日至12月31日", "", "2020-01-01/2020-12-31"),
    d("2019-2020年", "", "2019/2020"),
    d("2020年2月29日前", "≤", "2020-02-29"),
    # --- ranges, tolerance, ratios ---------------------------------------------------------------
    q("10-20人", "range", "10", "人", upper="20"),
    q("10~20人", "range", "10", "人", upper="20"),
    q("10至20人", "range", "10", "人", upper="20"),
    q("10人-20人", "range", "10", "人", upper="20"),
    q("30-50人", "range", "30", "人", upper="50"),
    q("90%-100%", "range", "90", "%", upper="100"),
    q("80%～90%", "range", "80", "%", upper="90"),
    q("3-5个工作日", "range", "3", "个工作日", upper="5"),
    q("5-10万元", "range", "5", "万元", upper="10"),
    q("2~3次", "range", "2", "次", upper="3"),
    q("±5%", "±", "5", "%"),
    q("±10%", "±", "10", "%"),
    q("1:3", ":", "1", upper="3"),
    q("1：3", ":", "1", upper="3"),
    q("1:1.5", ":", "1", upper="1.5"),
    # --- changes and qualifiers --------------------------------------------------------------------
    q("提高10%", "", "10", "%", qual="提高"),
    q("增长5%", "", "5", "%", qual="增长"),
    q("下降3%", "", "3", "%", qual="下降"),
    q("减少10%", "", "10", "%", qual="减少"),
    q("同比增长≥5%", "≥", "5", "%", qual="同比增长"),
    q("同比下降5%", "", "5", "%", qual="同比下降"),
    q("较上年提高10%", "", "10", "%", qual="较上年提高"),
    q("较上年下降≥2%", "≥", "2", "%", qual="较上年下降"),
    q("较2019年增长5%", "", "5", "%", qual="较2019年增长"),
    q("年均增长8%", "", "8", "%", qual="年均增长"),
    q("人均≥2次", "≥", "2", "次", qual="人均"),
    q("提高5个百分点", "", "5", "个百分点", qual="提高"),
    q("控制在5%以内", "≤", "5", "%", qual="控制在"),
    q("降至3%以下", "≤", "3", "%", qual="降至"),
    q("提高到95%", "", "95", "%", qual="提高到"),
    q("保持在95%以上", "≥", "95", "%", qual="保持在"),
    q("约30人", "", "30", "人", qual="约"),
    q("100人左右", "", "100", "人", note="左右"),
    q("≤-5%", "≤", "-5", "%"),
    q("-3%", "", "-3", "%"),
    # --- Chinese numerals ---------------------------------------------------------------------------
    q("一次", "", "1", "次"),
    q("两次", "", "2", "次"),
    q("十二个月", "", "12", "个月"),
    q("三十人", "", "30", "人"),
    q("一百份", "", "100", "份"),
    q("一个", "", "1", "个"),
    q("三批", "", "3", "批"),
    q("每年两次", "", "2", "次", qual="每年"),
    q("不少于三次", "≥", "3", "次"),
    q("零事故", "", "0", "事故"),
    q("零投诉", "", "0", "投诉"),
    q("零差错", "", "0", "差错"),
    q("零安全事故", "", "0", "安全事故"),
    # --- bare numbers and fractions -------------------------------------------------------------------
    q("≥0.95", "≥", "0.95", fraction=True),
    q("0.9", "", "0.9", fraction=True),
    q("≥0.85", "≥", "0.85", fraction=True),
    q("1.0", "", "1.0", fraction=True),
    q("≤0.05", "≤", "0.05", fraction=True),
    q("1.5", "", "1.5"),
    q("0.5万元", "", "0.5", "万元"),
    q("0", "", "0"),
    q("95", "", "95"),
    q("2020.12", "", "2020.12"),
    # --- qualitative --------------------------------------------------------------------------------
    w("显著提升"),
    w("有效改善"),
    w("逐步完善"),
    w("持续发挥"),
    w("持续发挥作用"),
    w("一流水平"),
    w("一致好评"),
    w("万无一失"),
    w("一般"),
    w("两个确保"),
    w("效果明显"),
    w("明显提高"),
    w("良好"),
    w("长期"),
    w("进一步提升"),
    w("符合要求"),
    w("达标"),
    w("合格"),
    w("及时"),
    w("按时完成"),
    w("及时足额发放"),
    w("高于全国平均水平"),
    w("不低于上年水平"),
    w("较上年有所提高"),
    w("长效机制逐步建立"),
    # --- unparseable ---------------------------------------------------------------------------------
    bad("≥30人≤50"),
    bad("≥≥30"),
    bad("≥人次"),
    bad("≥%"),
    bad("≥"),
    bad("≥30人次以上"),
    bad("20-10人"),
    bad("2020年13月"),
    bad("12月32日"),
    bad("2019年2月29日"),
    bad("第3名"),
    bad("3+2"),
    bad("30人/50人"),
    bad("5%10"),
    bad("1-2-3"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_real_values(text: str, expected: IndicatorValue) -> None:
    assert parse_value(text) == expected


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 110


def test_text_is_the_cell_stripped() -> None:
    value = parse_value("  ≥ 90 %\n")
    assert (value.text, value.operator, value.number, value.unit) == ("≥ 90 %", "≥", Decimal(90), "%")


@pytest.mark.parametrize(
    ("raw", "percent_format", "expected"),
    [
        (95, None, IndicatorValue("95", QUANT, "", Decimal(95))),
        (0.6, True, IndicatorValue("60%", QUANT, "", Decimal(60), "%")),
        (1, True, IndicatorValue("100%", QUANT, "", Decimal(100), "%")),
        (0.95, None, IndicatorValue("0.95", QUANT, "", Decimal("0.95"), fraction=True)),
        (0.95, False, IndicatorValue("0.95", QUANT, "", Decimal("0.95"), fraction=True)),
        (Decimal("12.5"), None, IndicatorValue("12.5", QUANT, "", Decimal("12.5"))),
        (None, None, IndicatorValue("", ValueKind.EMPTY)),
        (True, None, IndicatorValue("True", INVALID)),
        (float("nan"), None, IndicatorValue("nan", INVALID)),
    ],
)
def test_number_cells(raw: object, percent_format: bool | None, expected: IndicatorValue) -> None:
    assert parse_value(raw, percent_format) == expected


@pytest.mark.parametrize(
    ("text", "nature", "is_percent", "is_amount"),
    [
        ("≥30人次", "≥", False, False),
        ("5人次", "=", False, False),
        ("≥95%", "≥", True, False),
        ("90%-100%", "range", True, False),
        ("±5%", "±", True, False),
        ("1:3", ":", False, False),
        ("12月底前", "deadline", False, False),
        ("显著提升", "qualitative", False, False),
        ("≥≥30", "", False, False),
        ("≤450万元", "≤", False, True),
        ("1.2亿元", "=", False, True),
        ("≤300元/人", "≤", False, True),
        ("≤50万元/个", "≤", False, True),
        ("5000元/人次", "=", False, True),
        ("3千元", "=", False, True),
        ("≥5万人", "≥", False, False),
    ],
)
def test_properties(text: str, nature: str, is_percent: bool, is_amount: bool) -> None:
    value = parse_value(text)
    assert (value.nature, value.is_percent, value.is_amount) == (nature, is_percent, is_amount)


def test_natures_of_the_seed_have_words() -> None:
    """The seed's natures are worded in the 指标明细表 (the new ones fall back to their machine value)."""
    for text in ("≥30人次", ">50户次", "5人次", "显著提升"):
        assert parse_value(text).nature in labels.NATURE
