"""I rules: the indicator table against the profile's taxonomy, and the indicator values."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from workbook_tools.check.profile import Category, Profile
from workbook_tools.parse.indicator_value import IndicatorValue, ValueKind
from workbook_tools.parse.model import Indicator, Project

HUNDRED = 100
EMPTY_VALUE = "（空）"


def category_of(indicator: Indicator, profile: Profile) -> Category | None:
    return profile.category(indicator.level1.value)


def quantitative(indicator: Indicator) -> IndicatorValue | None:
    value = indicator.value.value
    return value if value is not None and value.kind is ValueKind.QUANTITATIVE else None


def has_any(text: str, words: Iterable[str]) -> bool:
    return any(word in text for word in words)


def missing_categories(project: Project, profile: Profile, names: Iterable[str]) -> Iterator[Category]:
    """The categories among ``names`` that no indicator of the project counts toward
    (synonyms and an older form's satisfaction row under 效益 included); none for an empty table."""
    if not project.indicators:
        return  # I001 already says the table is empty
    counted = (profile.counts_for(i.level1.value, i.level2.value) for i in project.indicators)
    present = {c.name for c in counted if c}
    for name in names:
        category = profile.category(name)
        if category is not None and category.name not in present:
            yield category
