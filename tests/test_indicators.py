"""The 指标值 grammar: examples from the seed and property-based tests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook_tools import labels
from workbook_tools.parse.indicator_value import PREFIX_OPERATORS, ValueKind, parse_value

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


@pytest.mark.parametrize("text", ["30-50人", "≥≥30", "约30人", "≥30人≤50", "≥30人次以上"])
def test_unparseable(text: str) -> None:
    assert parse_value(text).kind is ValueKind.INVALID


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
    assert parse_value(full_width(text)) == parse_value(text).__class__(
        full_width(text), *[getattr(parse_value(text), k) for k in ("kind", "operator", "number", "unit")]
    )


@given(st.text(max_size=30))
def test_never_raises(text: str) -> None:
    value = parse_value(text)
    assert value.kind in ValueKind
    if value.kind is ValueKind.QUANTITATIVE:
        assert value.number is not None and value.number >= 0


@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_percent_formatted_cells_scale_by_100(fraction: float) -> None:
    value = parse_value(fraction, percent_format=True)
    assert value.unit == "%" and value.number == (Decimal(str(fraction)) * 100).normalize()
