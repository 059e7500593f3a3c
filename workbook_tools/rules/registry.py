"""The rule registry: each rule has a code, a severity, a message template and a docstring.

Rules register with :func:`rule` on a function whose docstring explains the rule.
The scope says what the function receives:

- ``project``: ``fn(project, ctx)`` for each project sheet;
- ``workbook``: ``fn(model, ctx)`` once per workbook;
- ``read``: ``fn(error)`` for a file the reader could not read.

Codes repeated across the workbooks of a batch (F004) are found by the batch itself
(:func:`workbook_tools.consolidate.add_cross_file_duplicates`) with the same rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Loc
from ..profile import Profile
from .messages import CATALOG, SEVERITY_LABEL

ERROR, WARNING = "error", "warning"
SCOPES = ("read", "workbook", "project")


@dataclass(frozen=True)
class Finding:
    """One problem: where it is, its rule code, severity and a Chinese message."""

    code: str
    severity: str
    sheet: str
    cell: str
    message: str
    file: str = ""

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABEL[self.severity]

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or "（工作簿）"

    def as_json(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message,
        }


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    title: str
    message: str
    scope: str
    check: Callable[..., Iterable[Finding]]

    @property
    def doc(self) -> str:
        return " ".join((self.check.__doc__ or "").split())

    def at(self, loc: Loc | None, **values: Any) -> Finding:
        """A finding of this rule at a location, its message filled with the values."""
        return Finding(
            code=self.code,
            severity=self.severity,
            sheet=loc.sheet if loc else "",
            cell=loc.cell if loc else "",
            message=self.message.format(**values),
        )


@dataclass(frozen=True)
class Context:
    """What every check may consult."""

    profile: Profile


RULES: dict[str, Rule] = {}


def rule(
    code: str, scope: str
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Register a check function as the rule ``code`` (severity and messages from the catalog)."""
    if scope not in SCOPES:
        raise ValueError(scope)

    def register(fn: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        if not fn.__doc__:
            raise ValueError(f"rule {code} has no docstring")
        severity, title, message = CATALOG[code]
        RULES[code] = Rule(code, severity, title, message, scope, fn)
        return fn

    return register


def rules_in(scope: str) -> Iterator[Rule]:
    return (r for r in sorted(RULES.values(), key=lambda r: r.code) if r.scope == scope)
