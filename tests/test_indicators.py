"""The 指标值 grammar: examples from the seed and property-based tests."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook_tools import labels
from workbook_tools.parse.indicator_value import (
    PREFIX_OPERATORS,
    SUFFIX_OPERATORS,
    IndicatorValue,
    ValueKind,
    parse_value,
)

SEED_EXAMPLES = [
    ("≥30人次", "≥", "30", "人次"),
    ("≥50百分比", "≥", "50", "%"),
    (">50户次", ">", "50", "户次"),
    ("5人次", "", "5", "人次"),
    ("1座", "", "1", "座"),
    ("100百分比", "", "100", "%"),
    ("≥10次", "≥", "10", "次"),
    ("＞＝３０％", "≥", "30", "%"),
    (">=95%", "≥", "95", "%"),
    ("≧90 ％", "≥", "90", "%"),
    ("≤ 3个月", "≤", "3", "个月"),
    ("30人次以上", "≥", "30", "人次"),
    ("不低于95%", "≥", "95", "%"),
    ("1,200人", "", "1200", "人"),
]


@pytest.mark.parametrize(("text", "operator", "number", "unit"), SEED_EXAMPLES)
def test_examples(text: str, operator: str, number: str, unit: str) -> None:
    value = parse_value(text)
    assert value.kind is ValueKind.QUANTITATIVE
    assert (value.operator, value.number, value.unit) == (operator, Decimal(number), unit)


def test_bare_and_percent_formatted_numbers() -> None:
    assert parse_value(95).number == Decimal(95) and parse_value(95).unit == ""
    formatted = parse_value(0.6, percent_format=True)
    assert (formatted.number, formatted.unit, formatted.text) == (Decimal(60), "%", "60%")


@pytest.mark.parametrize("text", ["显著提升", "有效改善", "逐步完善"])
def test_qualitative(text: str) -> None:
    value = parse_value(text)
    assert value.kind is ValueKind.QUALITATIVE and labels.NATURE[value.nature] == "定性"


@pytest.mark.parametrize("text", ["≥≥30", "≥30人≤50", "≥30人次以上", "≥人次", "≥%", "≥", "50-30人"])
def test_unparseable(text: str) -> None:
    assert parse_value(text).kind is ValueKind.INVALID


def test_forms_once_unparseable() -> None:
    """The grammar of real tables reads what used to be rejected: ranges, 约 (kept as qualifier)."""
    assert parse_value("30-50人") == IndicatorValue(
        "30-50人", ValueKind.QUANTITATIVE, "range", Decimal(30), "人", Decimal(50)
    )
    assert parse_value("约30人") == IndicatorValue(
        "约30人", ValueKind.QUANTITATIVE, "", Decimal(30), "人", qualifier="约"
    )


def test_empty() -> None:
    assert parse_value(None).kind is parse_value("  ").kind is ValueKind.EMPTY


CANONICAL = {"≥", "≤", ">", "<", "="}
numbers = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
units = st.sampled_from(["人次", "户", "个", "座", "次", "万元", "%", "％", "百分比", "天", ""])
operators = st.sampled_from(sorted(PREFIX_OPERATORS))


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(operators, numbers, units)
def test_operator_number_unit_round_trip(op: str, number: Decimal, unit: str) -> None:
    text = f"{op}{number}{unit}"
    value = parse_value(text)
    assert value.kind is ValueKind.QUANTITATIVE
    assert value.operator == PREFIX_OPERATORS[op] and value.operator in CANONICAL
    assert value.number == number
    assert value.unit == ("%" if unit in ("%", "％", "百分比") else unit)
    assert value.is_percent == (unit in ("%", "％", "百分比"))


@given(operators, numbers, units)
def test_full_width_forms_parse_the_same(op: str, number: Decimal, unit: str) -> None:
    text = f"{op}{number}{unit}"
    assert parse_value(full_width(text)) == replace(parse_value(text), text=full_width(text))


@given(st.text(max_size=30))
def test_never_raises(text: str) -> None:
    value = parse_value(text)
    assert value.kind in ValueKind and value.text == text.strip()
    if value.kind is ValueKind.QUANTITATIVE:
        assert value.number is not None


@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    assert parse_value(text).kind in ValueKind


# The grammar of real tables: `{qualifier}{op}{n}{unit}{suffix}{annotation}` built from the lists.
QUALIFIERS = ("", "人均", "约", "每年", "同比增长", "较上年提高", "较2019年增长", "控制在", "7×")
UNITS = ("", "人次", "户", "个", "场次", "篇", "期", "小时", "个工作日", "万元", "元/人", "亿元")
qualifiers = st.sampled_from(QUALIFIERS)
more_units = st.sampled_from((*UNITS, "%", "％", "百分比"))
annotations = st.sampled_from(["", "(含)", "（含）", "(历史标准)", "（历史标准）", "完成", "左右"])
endings = st.sampled_from(["", "；", "。", ";", "，"])
suffixes = st.sampled_from(sorted(SUFFIX_OPERATORS))
PERCENT_FORMS = ("%", "％", "百分比")


def expected_annotation(annotation: str) -> str:
    return annotation.strip("()（）")


@given(qualifiers, operators, numbers, more_units, annotations, endings)
def test_grammar_with_qualifier_and_annotation(
    qualifier: str, op: str, number: Decimal, unit: str, annotation: str, ending: str
) -> None:
    value = parse_value(f"{qualifier}{op}{number}{unit}{annotation}{ending}")
    assert value.kind is ValueKind.QUANTITATIVE
    assert (value.qualifier, value.operator, value.number) == (qualifier, PREFIX_OPERATORS[op], number)
    assert value.unit == ("%" if unit in PERCENT_FORMS else unit)
    assert value.annotation == expected_annotation(annotation)
    assert value.fraction == (not unit and "." in str(number) and 0 < number <= 1)


@given(numbers, more_units, suffixes, annotations)
def test_suffix_operators(number: Decimal, unit: str, suffix: str, annotation: str) -> None:
    value = parse_value(f"{number}{unit}{suffix}{annotation}")
    assert value.kind is ValueKind.QUANTITATIVE
    assert (value.operator, value.number) == (SUFFIX_OPERATORS[suffix], number)
    assert value.unit == ("%" if unit in PERCENT_FORMS else unit)
    assert value.annotation == expected_annotation(annotation)


@given(numbers, numbers, more_units, st.sampled_from(["-", "~", "～", "至", "到"]), st.booleans())
def test_ranges(a: Decimal, b: Decimal, unit: str, sep: str, unit_twice: bool) -> None:
    lower, upper = min(a, b), max(a, b)
    text = f"{lower}{unit if unit_twice else ''}{sep}{upper}{unit}"
    value = parse_value(text)
    assert (value.kind, value.operator, value.number, value.upper) == (
        ValueKind.QUANTITATIVE,
        "range",
        lower,
        upper,
    )
    assert value.unit == ("%" if unit in PERCENT_FORMS else unit) and value.nature == "range"
    if lower < upper:
        assert parse_value(f"{upper}{sep}{lower}{unit}").kind is ValueKind.INVALID


@given(
    st.integers(1990, 2099),
    st.dates(),
    st.sampled_from(["{y}年{m}月{d}日", "{y}.{m}.{d}", "{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}"]),
    st.sampled_from(["", "前", "之前", "以前"]),
)
def test_dates_are_deadlines(year: int, day: datetime.date, form: str, before: str) -> None:
    try:
        when = day.replace(year=year)
    except ValueError:  # 2月29日 of a year that has none
        return
    value = parse_value(form.format(y=when.year, m=when.month, d=when.day) + before)
    assert (value.kind, value.deadline) == (ValueKind.DEADLINE, when.isoformat())
    assert value.operator == ("≤" if before else "") and value.nature == "deadline"


@given(st.text())
def test_full_width_folding_never_changes_the_parse(text: str) -> None:
    assert replace(parse_value(full_width(text)), text="") == replace(parse_value(text), text="")


@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_percent_formatted_cells_scale_by_100(fraction: float) -> None:
    value = parse_value(fraction, percent_format=True)
    assert value.unit == "%" and value.number == (Decimal(str(fraction)) * 100).normalize()
