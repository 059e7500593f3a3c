"""The rule registry: a rule is one class that declares everything about itself.

Like a ruff rule (the violation, its docs and the check in one file), each rule in
``check/rules/<group>/<rule_name>.py`` declares its stable code, severity, Chinese title,
Chinese message template with the named fields it fills, Chinese documentation with
fixed sections (its docstring), and its check. The catalog (``workbook-tools rules``,
``rules --json``, the README list) is generated from these classes.

A rule's scope says what its ``check`` receives:

- :class:`ReadRule` — ``check(error)`` for a file that could not be read;
- :class:`WorkbookRule` — ``check(model, ctx)`` once per workbook;
- :class:`ProjectRule` — ``check(project, ctx)`` for each project sheet;
- :class:`BatchRule` — ``check(models, ctx)`` over every workbook of a run (one when
  validating a file, all of them in a batch); its findings name their file.
"""

from __future__ import annotations

import inspect
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, TypeVar

from workbook_tools import labels
from workbook_tools.check.profile import Profile
from workbook_tools.parse.model import Loc, Project, WorkbookModel
from workbook_tools.read.problems import ReadError


class Severity(str, Enum):
    """How bad a finding is: an error makes ``validate`` exit 1, a warning does not, an info is a note."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # a note for the summary: counts as neither, changes no status or exit code


class Scope(str, Enum):
    READ = "read"
    WORKBOOK = "workbook"
    PROJECT = "project"
    BATCH = "batch"


#: A rule's domain tag, from the first letter of its code.
DOMAINS = {
    "X": "file",
    "F": "fields",
    "A": "amounts",
    "P": "plan",
    "I": "indicators",
    "D": "department",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: its rule code, severity, place and Chinese message (from the rule)."""

    code: str
    severity: Severity
    sheet: str
    cell: str
    message: str
    file: str = ""

    def as_json(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message,
        }


@dataclass(frozen=True)
class Context:
    """What every check may consult."""

    profile: Profile


class Rule:
    """The declarations every rule makes; subclasses add ``check`` for their scope."""

    code: ClassVar[str]
    severity: ClassVar[Severity]
    title: ClassVar[str]
    message: ClassVar[str]
    fields: ClassVar[tuple[str, ...]] = ()
    scope: ClassVar[Scope]
    extra_tags: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def tags(cls) -> tuple[str, ...]:
        return (DOMAINS[cls.code[0]], *cls.extra_tags)

    @classmethod
    def doc(cls) -> str:
        """The rule's Chinese documentation (its docstring, dedented)."""
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def sections(cls) -> dict[str, str]:
        """The documentation's sections (``## 说明`` …) → their text."""
        found: dict[str, str] = {}
        current = None
        for line in cls.doc().splitlines():
            if line.startswith("## "):
                current = line[3:].strip()
                found[current] = ""
            elif current is not None:
                found[current] = (found[current] + "\n" + line).strip()
        return found

    @classmethod
    def template_fields(cls) -> set[str]:
        """The placeholders its message template uses."""
        return {name for _, name, _, _ in string.Formatter().parse(cls.message) if name}

    @classmethod
    def at(cls, loc: Loc | None, /, *, in_file: str = "", **values: Any) -> Finding:
        """A finding of this rule at a location, its message filled with its declared fields."""
        if set(values) != set(cls.fields):
            raise TypeError(f"{cls.code} takes fields {cls.fields}, got {tuple(values)}")
        return Finding(
            code=cls.code,
            severity=cls.severity,
            sheet=loc.sheet if loc else "",
            cell=loc.cell if loc else "",
            message=cls.message.format(**{k: _short(v) for k, v in values.items()}),
            file=in_file,
        )


MESSAGE_VALUE_LIMIT = 1000  # characters of one value in a message (a 1 MB cell stays readable)


def _short(value: Any) -> Any:
    text = value if isinstance(value, str) else None
    if text is None or len(text) <= MESSAGE_VALUE_LIMIT:
        return value
    return text[:MESSAGE_VALUE_LIMIT] + labels.MESSAGE_TRIMMED.format(count=len(text))


class ReadRule(Rule):
    scope = Scope.READ

    @classmethod
    def check(cls, error: ReadError) -> Iterable[Finding]:
        raise NotImplementedError


class WorkbookRule(Rule):
    scope = Scope.WORKBOOK

    @classmethod
    def check(cls, model: WorkbookModel, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError


class ProjectRule(Rule):
    scope = Scope.PROJECT

    @classmethod
    def check(cls, project: Project, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError


class BatchRule(Rule):
    scope = Scope.BATCH

    @classmethod
    def check(cls, models: Sequence[WorkbookModel], ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError


RULES: dict[str, type[Rule]] = {}
R = TypeVar("R", bound=type[Rule])


def register(rule: R) -> R:
    """Class decorator: add a rule to the catalog (each code once)."""
    if rule.code in RULES:
        raise ValueError(f"rule {rule.code} registered twice")
    RULES[rule.code] = rule
    return rule


def rules_in(scope: Scope) -> list[Any]:
    """The rules of one scope, by code."""
    return [r for _, r in sorted(RULES.items()) if r.scope is scope]
