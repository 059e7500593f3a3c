"""I rules: the indicator table against the profile's taxonomy, and the indicator values."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from ..indicators import PERCENT, ValueKind
from ..model import Indicator, Project
from ..profile import Category, Profile
from . import messages
from .common import FIELD_LABELS, blank, indicator_name, num, repeats
from .registry import RULES, Context, Finding, rule

HUNDRED = 100
_DECLARED_UNIT = re.compile(r"[(（]([^()（）]+)[)）]\s*$")
_RATE = re.compile(r"率|[(（]\s*[%％]\s*[)）]|百分比")


def _category(indicator: Indicator, profile: Profile) -> Category | None:
    return profile.category(indicator.level1.value)


def _quantitative(indicator: Indicator):
    value = indicator.value.value
    return value if value is not None and value.kind is ValueKind.QUANTITATIVE else None


@rule("I001", "project")
def no_indicators(project: Project, ctx: Context) -> Iterable[Finding]:
    """The indicator table is empty: every project needs performance indicators."""
    if not project.indicators:
        yield RULES["I001"].at(project.indicator_header, project=project.name.value or project.sheet)


@rule("I002", "project")
def level1_unknown(project: Project, ctx: Context) -> Iterable[Finding]:
    """A 一级指标 is not a category of the profile (synonyms such as 效益指标 for 效果指标
    are accepted), or the first row leaves it empty."""
    allowed = "、".join(ctx.profile.level1_names)
    for indicator in project.indicators:
        if indicator.level1.uncomputed:
            continue
        if _category(indicator, ctx.profile) is None:
            level1 = indicator.level1.value or messages.EMPTY_VALUE
            yield RULES["I002"].at(indicator.level1.loc, level1=level1, allowed=allowed)


@rule("I003", "project")
def level2_not_allowed(project: Project, ctx: Context) -> Iterable[Finding]:
    """A 二级指标 is not allowed under its 一级指标 (hebei-2020: 数量/质量/时效/成本指标 under
    产出指标, 经济/社会/生态效益 and 可持续影响指标 under 效果指标, 服务对象满意度指标 under
    满意度指标)."""
    for indicator in project.indicators:
        category = _category(indicator, ctx.profile)
        if category is None or indicator.level2.uncomputed:
            continue
        if indicator.level2.value not in category.level2:
            yield RULES["I003"].at(
                indicator.level2.loc,
                level2=indicator.level2.value or messages.EMPTY_VALUE,
                level1=category.name,
                allowed="、".join(category.level2),
            )


@rule("I004", "project")
def required_category_missing(project: Project, ctx: Context) -> Iterable[Finding]:
    """A required first-level category is missing: every project needs at least one 产出,
    one 效果 (效益) and one 满意度 indicator."""
    if not project.indicators:
        return  # I001 already says the table is empty
    present = {c.name for c in (_category(i, ctx.profile) for i in project.indicators) if c}
    for required in ctx.profile.required:
        category = ctx.profile.category(required)
        if category is not None and category.name not in present:
            yield RULES["I004"].at(project.indicator_header, category=category.name)


@rule("I005", "project")
def indicator_text_empty(project: Project, ctx: Context) -> Iterable[Finding]:
    """A 三级指标, 绩效指标描述 or 指标值确定依据 of an indicator row is empty."""
    for indicator in project.indicators:
        for name in ("level3", "description", "basis"):
            field = getattr(indicator, name)
            if blank(field):
                yield RULES["I005"].at(field.loc, name=indicator_name(indicator), field=FIELD_LABELS[name])


@rule("I006", "project")
def value_unparseable(project: Project, ctx: Context) -> Iterable[Finding]:
    """A 指标值 is empty, or has a number but not the form [operator] number [unit]
    ("≥≥30", "30-50人"), so it cannot be checked against the result."""
    for indicator in project.indicators:
        field = indicator.value
        if field.uncomputed or field.value is None:
            continue
        if field.value.kind is ValueKind.EMPTY:
            problem = messages.NOT_FILLED
        elif field.value.kind is ValueKind.INVALID:
            problem = messages.UNPARSEABLE.format(raw=field.raw)
        else:
            continue
        yield RULES["I006"].at(field.loc, name=indicator_name(indicator), problem=problem)


@rule("I007", "project")
def percent_out_of_range(project: Project, ctx: Context) -> Iterable[Finding]:
    """A percentage 指标值 is above 100 ("≥120%")."""
    for indicator in project.indicators:
        value = _quantitative(indicator)
        if value is not None and value.unit == PERCENT and not 0 <= value.number <= HUNDRED:
            yield RULES["I007"].at(indicator.value.loc, name=indicator_name(indicator), value=value.text)


@rule("I008", "project")
def duplicate_level3(project: Project, ctx: Context) -> Iterable[Finding]:
    """The same 三级指标 appears twice in one project: a row copied and not changed."""
    for indicator, first in repeats(project.indicators, lambda i: i.level3.value):
        other = first.level3.loc.cell if first.level3.loc else ""
        yield RULES["I008"].at(indicator.level3.loc, name=indicator.level3.value, other=other)


def _has_any(text: str, words: Iterable[str]) -> bool:
    return any(word in text for word in words)


def _fit_problems(indicator: Indicator, profile: Profile) -> Iterator[str]:
    category = _category(indicator, profile)
    if category is None:
        return
    name = indicator.level3.value or ""
    satisfaction_kind = next((c for c in profile.categories if c.kind == "satisfaction"), None)
    names_satisfaction = _has_any(name, profile.satisfaction_words)
    if names_satisfaction and category.kind != "satisfaction" and satisfaction_kind is not None:
        yield messages.SATISFACTION_OUTSIDE.format(expected=satisfaction_kind.name, level1=category.name)
    elif category.kind == "satisfaction" and name and not names_satisfaction:
        yield messages.NOT_SATISFACTION_INSIDE.format(level1=category.name)
    if indicator.level2.value in category.timeliness:
        value = indicator.value.value
        said = " ".join((name, indicator.description.value or "", value.text if value else ""))
        if not _has_any(said, profile.time_words):
            yield messages.TIMELINESS_WITHOUT_TIME.format(level2=indicator.level2.value)


@rule("I009", "project")
def name_fits_category(project: Project, ctx: Context) -> Iterable[Finding]:
    """The indicator's name does not fit its category, read as a reviewer would: a
    satisfaction rate (满意度/满意率) outside 满意度指标, an indicator under 满意度指标 whose
    name is not about satisfaction, or a 时效指标 whose name, description and value say
    nothing about time (完成时间, 及时率, ×月底前)."""
    for indicator in project.indicators:
        for reason in _fit_problems(indicator, ctx.profile):
            yield RULES["I009"].at(indicator.level3.loc, name=indicator_name(indicator), reason=reason)


def _declared_units(name: str) -> list[str]:
    """Units a name declares in trailing brackets: "数量（人/户）" → ["人", "户"]."""
    match = _DECLARED_UNIT.search(name)
    if not match:
        return []
    inner = unicodedata.normalize("NFKC", match.group(1)).strip()
    return [part.strip() for part in re.split(r"[/、,，或]", inner) if part.strip()]


def _unit_problem(indicator: Indicator) -> str | None:
    value = _quantitative(indicator)
    name = indicator.level3.value or ""
    if value is None or not name:
        return None
    if _RATE.search(name):
        if value.unit and value.unit != PERCENT:
            return messages.RATE_NOT_PERCENT.format(raw=value.text)
        return None
    declared = [u for u in _declared_units(name) if u not in ("%", "百分比")]
    if declared and value.unit and not any(value.unit.startswith(u) for u in declared):
        return messages.UNIT_MISMATCH.format(declared="/".join(declared), raw=value.text, unit=value.unit)
    return None


@rule("I010", "project")
def unit_fits_name(project: Project, ctx: Context) -> Iterable[Finding]:
    """The unit of the 指标值 contradicts the name: the name says 率 or (%) but the value is
    not a percentage, or the name declares a unit in brackets ("（个）", "（人/户）") and the
    value uses another ("1座"). A unit that extends the declared one (人 → 人次) fits."""
    for indicator in project.indicators:
        reason = _unit_problem(indicator)
        if reason:
            yield RULES["I010"].at(indicator.value.loc, name=indicator_name(indicator), reason=reason)


@rule("I011", "project")
def satisfaction_below_minimum(project: Project, ctx: Context) -> Iterable[Finding]:
    """A satisfaction target (an indicator named 满意度/满意率 with a percentage or bare value)
    is below the profile's review threshold (80% in the bundled profiles)."""
    minimum = ctx.profile.min_satisfaction
    for indicator in project.indicators:
        value = _quantitative(indicator)
        name = indicator.level3.value or ""
        if value is None or not _has_any(name, ctx.profile.satisfaction_words):
            continue
        if value.unit not in (PERCENT, "") or value.operator in ("≤", "<"):
            continue
        if value.number < minimum:
            yield RULES["I011"].at(indicator.value.loc, name=name, value=value.text, minimum=num(minimum))


@rule("I012", "project")
def qualitative_value(project: Project, ctx: Context) -> Iterable[Finding]:
    """A 指标值 is qualitative (定性, e.g. 显著提升): allowed, but hard to verify, so a
    reviewer may ask for a number."""
    for indicator in project.indicators:
        value = indicator.value.value
        if value is not None and value.kind is ValueKind.QUALITATIVE:
            yield RULES["I012"].at(indicator.value.loc, name=indicator_name(indicator), raw=value.text)
