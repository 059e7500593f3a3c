"""I rules: the indicator table against the profile's taxonomy, and the indicator values."""

from __future__ import annotations

from collections.abc import Iterable

from workbook_tools.check.profile import Category, Profile
from workbook_tools.parse.indicator_value import IndicatorValue, ValueKind
from workbook_tools.parse.model import Indicator

HUNDRED = 100
EMPTY_VALUE = "（空）"


def category_of(indicator: Indicator, profile: Profile) -> Category | None:
    return profile.category(indicator.level1.value)


def quantitative(indicator: Indicator) -> IndicatorValue | None:
    value = indicator.value.value
    return value if value is not None and value.kind is ValueKind.QUANTITATIVE else None


def has_any(text: str, words: Iterable[str]) -> bool:
    return any(word in text for word in words)
