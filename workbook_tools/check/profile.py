"""Profiles: a region's and year's indicator taxonomy and review thresholds, as data files.

A profile is a TOML file (see ``profiles/hebei-2020.toml``). ``load_profile`` takes a
bundled name or a path to a user's own file and fails with a clear Chinese message
(:class:`ProfileError`) when the file is malformed.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

from workbook_tools import labels as L

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_PROFILE = "hebei-2020"
KINDS = ("output", "effect", "satisfaction", "cost")


class ProfileError(Exception):
    """A profile that cannot be used; the message says why, in Chinese."""


@dataclass(frozen=True)
class Category:
    """A first-level indicator category (一级指标) and what may stand under it."""

    name: str
    kind: str
    level2: tuple[str, ...]
    synonyms: tuple[str, ...] = ()
    timeliness: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    categories: tuple[Category, ...]
    required: tuple[str, ...]
    project_code_pattern: re.Pattern[str]
    project_code_example: str
    project_code_prefix_digits: int
    amount_tolerance: Decimal
    min_satisfaction: Decimal
    satisfaction_words: tuple[str, ...]
    time_words: tuple[str, ...]
    source: str = ""

    def category(self, level1: str | None) -> Category | None:
        """The category a 一级指标 text names (synonyms included), or None."""
        if not level1:
            return None
        for category in self.categories:
            if level1 == category.name or level1 in category.synonyms:
                return category
        return None

    @property
    def level1_names(self) -> list[str]:
        return [c.name for c in self.categories]

    @property
    def level2_names(self) -> list[str]:
        names: list[str] = []
        for category in self.categories:
            names.extend(n for n in category.level2 if n not in names)
        return names


def bundled_profiles() -> list[str]:
    """Names of the profiles shipped with the package."""
    folder = resources.files("workbook_tools") / "profiles"
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def load_profile(name_or_path: str | Path | None = None) -> Profile:
    """Load a bundled profile by name, or a user's profile file by path."""
    name_or_path = name_or_path or DEFAULT_PROFILE
    path = Path(name_or_path)
    if path.suffix.lower() == ".toml" or path.exists():
        if not path.is_file():
            raise ProfileError(L.PROFILE_MISSING.format(path=path))
        data_bytes = path.read_bytes()
        source = str(path)
    else:
        if str(name_or_path) not in bundled_profiles():
            known = L.LIST_SEPARATOR.join(bundled_profiles())
            raise ProfileError(L.PROFILE_UNKNOWN.format(name=name_or_path, known=known))
        resource = resources.files("workbook_tools") / "profiles" / f"{name_or_path}.toml"
        data_bytes = resource.read_bytes()
        source = str(name_or_path)
    try:
        data = tomllib.loads(data_bytes.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(L.PROFILE_NOT_TOML.format(source=source, error=exc)) from None
    return _build(data, source)


def _build(data: dict, source: str) -> Profile:
    def need(key: str, kind: type | tuple[type, ...]):
        if key not in data:
            raise ProfileError(L.PROFILE_KEY_MISSING.format(source=source, key=key))
        value = data[key]
        if not isinstance(value, kind):
            raise ProfileError(L.PROFILE_KEY_TYPE.format(source=source, key=key, value=repr(value)))
        return value

    def strings(value: object, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise ProfileError(L.PROFILE_NOT_STRINGS.format(source=source, key=where))
        return tuple(value)

    categories = []
    raw_categories = need("categories", list)
    if not raw_categories:
        raise ProfileError(L.PROFILE_NO_CATEGORIES.format(source=source))
    for i, raw in enumerate(raw_categories, 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw.get("name"):
            raise ProfileError(L.PROFILE_CATEGORY_NAME.format(source=source, number=i))
        kind = raw.get("kind", "output")
        if kind not in KINDS:
            raise ProfileError(L.PROFILE_KIND.format(source=source, name=raw["name"], kinds="/".join(KINDS)))
        level2 = strings(raw.get("level2"), f"{raw['name']}.level2")
        timeliness = (
            strings(raw.get("timeliness", []) or [], f"{raw['name']}.timeliness")
            if raw.get("timeliness")
            else ()
        )
        synonyms = strings(raw.get("synonyms"), f"{raw['name']}.synonyms") if raw.get("synonyms") else ()
        categories.append(Category(raw["name"], kind, level2, synonyms, timeliness))
    names = {c.name for c in categories} | {s for c in categories for s in c.synonyms}
    required = strings(need("required", list), "required")
    for name in required:
        if name not in names:
            raise ProfileError(L.PROFILE_REQUIRED_UNKNOWN.format(source=source, name=name))
    try:
        pattern = re.compile(need("project_code_pattern", str))
    except re.error as exc:
        raise ProfileError(L.PROFILE_BAD_PATTERN.format(source=source, error=exc)) from None
    try:
        tolerance = Decimal(str(need("amount_tolerance", (str, int, float))))
        minimum = Decimal(str(need("min_satisfaction", (str, int, float))))
    except InvalidOperation:
        raise ProfileError(L.PROFILE_NOT_NUMBER.format(source=source)) from None
    return Profile(
        name=need("name", str),
        title=str(data.get("title", data["name"])),
        categories=tuple(categories),
        required=required,
        project_code_pattern=pattern,
        project_code_example=str(data.get("project_code_example", "")),
        project_code_prefix_digits=int(need("project_code_prefix_digits", int)),
        amount_tolerance=tolerance,
        min_satisfaction=minimum,
        satisfaction_words=strings(need("satisfaction_words", list), "satisfaction_words"),
        time_words=strings(need("time_words", list), "time_words"),
        source=source,
    )
