"""Profiles: a region's and year's indicator taxonomy and review thresholds, as data files.

A profile is a TOML file (see ``profiles/hebei-2020.toml``). ``load_profile`` takes a
bundled name or a path to a user's own file and fails with a clear Chinese message
(:class:`ProfileError`) when the file is malformed.

Besides the taxonomy a profile says:

- which second-level names are synonyms of which (``level2_synonyms`` of a category,
  alias → canonical; :meth:`Profile.canonical_level2`);
- which second-level names count as satisfaction wherever an effect category holds them
  (``satisfaction_level2``: older forms put 社会公众或服务对象满意度指标 under 效益指标;
  :meth:`Profile.kind_of` gives a row's effective kind);
- which first-level categories are required (I004) and which recommended (I021);
- which rules run, like a linter's configuration: ``select`` / ``ignore`` (code prefixes,
  the most specific match wins, ``ignore`` on a tie) and ``[severity]`` overrides per code.
  The read rules (a file that cannot be read: X001, X002, X005) always run at their own
  severity; naming one in ``ignore`` or ``[severity]`` is an error.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
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
    #: (alias, canonical) pairs: a 二级指标 written as the alias means the canonical name.
    level2_synonyms: tuple[tuple[str, str], ...] = ()


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
    description: str = ""
    #: Second-level names (canonical or alias) that count as satisfaction under an effect category.
    satisfaction_level2: tuple[str, ...] = ()
    #: First-level categories a project should have (I021 warns when one is missing).
    recommended: tuple[str, ...] = ()
    #: Code prefixes of the rules to run (empty: all) and of the rules not to run.
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: (code, severity value) pairs: a finding of that code gets that severity.
    severity: tuple[tuple[str, str], ...] = ()

    def category(self, level1: str | None) -> Category | None:
        """The category a 一级指标 text names (synonyms included), or None."""
        if not level1:
            return None
        for category in self.categories:
            if level1 == category.name or level1 in category.synonyms:
                return category
        return None

    def canonical_level2(self, name: str) -> str:
        """The canonical 二级指标 a name stands for (``level2_synonyms``); other names as given."""
        for category in self.categories:
            for alias, canonical in category.level2_synonyms:
                if name == alias:
                    return canonical
        return name

    def satisfaction_level2_here(self, category: Category, level2: str | None) -> bool:
        """Whether a 二级指标 under an effect category is a satisfaction one (an older form)."""
        if category.kind != "effect" or not level2:
            return False
        wanted = {self.canonical_level2(n) for n in self.satisfaction_level2}
        return self.canonical_level2(level2) in wanted

    def level2_allowed(self, category: Category, level2: str | None) -> bool:
        """Whether a 二级指标 (or its synonym) may stand under a category."""
        if not level2:
            return False
        if self.canonical_level2(level2) in category.level2:
            return True
        return self.satisfaction_level2_here(category, level2)

    def kind_of(self, level1: str | None, level2: str | None) -> str | None:
        """A row's effective kind ("output", "effect", "satisfaction", "cost"), or None when
        its 一级指标 is not in the profile: the category's kind, except that a
        ``satisfaction_level2`` name under an effect category makes it "satisfaction"."""
        category = self.category(level1)
        if category is None:
            return None
        return "satisfaction" if self.satisfaction_level2_here(category, level2) else category.kind

    def counts_for(self, level1: str | None, level2: str | None) -> Category | None:
        """The category a row counts toward (I004, I021): its own, or for a satisfaction
        second-level under an effect category, the profile's satisfaction category."""
        category = self.category(level1)
        kind = self.kind_of(level1, level2)
        if category is None or kind == category.kind:
            return category
        return next((c for c in self.categories if c.kind == kind), category)

    def runs(self, code: str) -> bool:
        """Whether the profile runs a rule: the most specific matching prefix of ``select``
        (none: every rule is selected) and ``ignore`` decides, ``ignore`` on a tie."""
        selected = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        if not self.select:
            selected = 0
        ignored = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return selected >= 0 and selected > ignored

    def severity_for(self, code: str) -> str | None:
        """The severity (value) a profile gives a rule's findings, or None to keep the rule's."""
        return dict(self.severity).get(code)

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

    def optional_strings(key: str) -> tuple[str, ...]:
        """A list that may be absent or empty."""
        value = data.get(key, [])
        return strings(value, key) if value != [] else ()

    categories = [_category(raw, i, source, strings) for i, raw in enumerate(need("categories", list), 1)]
    if not categories:
        raise ProfileError(L.PROFILE_NO_CATEGORIES.format(source=source))
    _check_level2_synonyms(categories, source)
    names = {c.name for c in categories} | {s for c in categories for s in c.synonyms}
    required = strings(need("required", list), "required")
    recommended = optional_strings("recommended")
    for name in required:
        if name not in names:
            raise ProfileError(L.PROFILE_REQUIRED_UNKNOWN.format(source=source, name=name))
    for name in recommended:
        if name not in names:
            raise ProfileError(L.PROFILE_RECOMMENDED_UNKNOWN.format(source=source, name=name))
    try:
        pattern = re.compile(need("project_code_pattern", str))
    except re.error as exc:
        raise ProfileError(L.PROFILE_BAD_PATTERN.format(source=source, error=exc)) from None
    try:
        tolerance = Decimal(str(need("amount_tolerance", (str, int, float))))
        minimum = Decimal(str(need("min_satisfaction", (str, int, float))))
    except InvalidOperation:
        raise ProfileError(L.PROFILE_NOT_NUMBER.format(source=source)) from None
    description = data.get("description", "")
    if not isinstance(description, str):
        problem = L.PROFILE_KEY_TYPE.format(source=source, key="description", value=repr(description))
        raise ProfileError(problem)
    select, ignore, severity = _rule_selection(data, source, strings, optional_strings)
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
        description=" ".join(description.split()),
        satisfaction_level2=optional_strings("satisfaction_level2"),
        recommended=recommended,
        select=select,
        ignore=ignore,
        severity=severity,
    )


Strings = Callable[[object, str], tuple[str, ...]]


def _category(raw: object, number: int, source: str, strings: Strings) -> Category:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw.get("name"):
        raise ProfileError(L.PROFILE_CATEGORY_NAME.format(source=source, number=number))
    name = raw["name"]
    kind = raw.get("kind", "output")
    if kind not in KINDS:
        raise ProfileError(L.PROFILE_KIND.format(source=source, name=name, kinds="/".join(KINDS)))
    level2 = strings(raw.get("level2"), f"{name}.level2")
    timeliness = strings(raw["timeliness"], f"{name}.timeliness") if raw.get("timeliness") else ()
    synonyms = strings(raw.get("synonyms"), f"{name}.synonyms") if raw.get("synonyms") else ()
    raw_aliases = raw.get("level2_synonyms", {})
    if not isinstance(raw_aliases, dict) or not all(
        isinstance(k, str) and k and isinstance(v, str) and v for k, v in raw_aliases.items()
    ):
        raise ProfileError(L.PROFILE_LEVEL2_SYNONYMS_TYPE.format(source=source, name=name))
    for alias, canonical in raw_aliases.items():
        if canonical not in level2:
            problem = L.PROFILE_LEVEL2_SYNONYM_TARGET.format(
                source=source, name=name, alias=alias, canonical=canonical
            )
            raise ProfileError(problem)
    return Category(name, kind, level2, synonyms, timeliness, tuple(raw_aliases.items()))


def _check_level2_synonyms(categories: list[Category], source: str) -> None:
    """An alias means one name in the whole profile, and is not itself a second-level name."""
    level2 = {n for c in categories for n in c.level2}
    meaning: dict[str, str] = {}
    for category in categories:
        for alias, canonical in category.level2_synonyms:
            if alias in level2 or meaning.get(alias, canonical) != canonical:
                raise ProfileError(L.PROFILE_LEVEL2_SYNONYM_CLASH.format(source=source, alias=alias))
            meaning[alias] = canonical


def _rule_selection(
    data: dict,
    source: str,
    strings: Strings,
    optional_strings: Callable[[str], tuple[str, ...]],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """``select``, ``ignore`` and ``[severity]``, checked against the rule registry."""
    from workbook_tools.check.registry import RULES, Scope, Severity

    always = sorted(code for code, rule in RULES.items() if rule.scope is Scope.READ)
    listed = L.LIST_SEPARATOR.join(always)
    select = tuple(p.upper() for p in strings(data["select"], "select")) if "select" in data else ()
    ignore = tuple(p.upper() for p in optional_strings("ignore"))
    for key, prefixes in (("select", select), ("ignore", ignore)):
        for prefix in prefixes:
            if not any(code.startswith(prefix) for code in RULES):
                raise ProfileError(L.PROFILE_RULE_UNKNOWN.format(source=source, key=key, code=prefix))
    for prefix in ignore:
        if prefix in always:
            raise ProfileError(
                L.PROFILE_RULE_ALWAYS.format(source=source, key="ignore", code=prefix, always=listed)
            )
    raw = data.get("severity", {})
    if not isinstance(raw, dict):
        raise ProfileError(L.PROFILE_KEY_TYPE.format(source=source, key="severity", value=repr(raw)))
    words = [s.value for s in Severity]
    severity = []
    for code, word in raw.items():
        code = code.upper()
        if code not in RULES:
            raise ProfileError(L.PROFILE_RULE_UNKNOWN.format(source=source, key="severity", code=code))
        if code in always:
            raise ProfileError(
                L.PROFILE_RULE_ALWAYS.format(source=source, key="severity", code=code, always=listed)
            )
        if word not in words:
            raise ProfileError(
                L.PROFILE_SEVERITY_WORD.format(source=source, code=code, value=word, words="/".join(words))
            )
        severity.append((code, str(word)))
    return select, ignore, tuple(severity)


def describe_profiles() -> list[dict[str, str | bool]]:
    """The bundled profiles: name, title, one-line description and whether it is the default."""
    found: list[dict[str, str | bool]] = []
    for name in bundled_profiles():
        profile = load_profile(name)
        found.append(
            {
                "name": name,
                "title": profile.title,
                "description": profile.description,
                "default": name == DEFAULT_PROFILE,
            }
        )
    return found
