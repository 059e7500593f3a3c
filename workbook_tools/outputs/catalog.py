"""The rule catalog rendered from the rule units: `rules`, `rules CODE`, `rules --json`, README."""

from __future__ import annotations

from typing import Any

from workbook_tools import labels as L
from workbook_tools.check import RULES
from workbook_tools.check.registry import Rule

README_BEGIN = "<!-- rules:begin -->"
README_END = "<!-- rules:end -->"


def codes() -> list[str]:
    return sorted(RULES)


def rule_json(rule: type[Rule]) -> dict[str, Any]:
    return {
        "code": rule.code,
        "severity": rule.severity.value,
        "title": rule.title,
        "message": rule.message,
        "fields": list(rule.fields),
        "scope": rule.scope.value,
        "tags": list(rule.tags()),
        "doc": rule.doc(),
    }


def as_json(code: str | None = None) -> list[dict[str, Any]]:
    chosen = [code.upper()] if code else codes()
    return [rule_json(RULES[c]) for c in chosen]


def _headline(rule: type[Rule]) -> str:
    return L.CATALOG_LINE.format(code=rule.code, severity=L.SEVERITY[rule.severity.value], title=rule.title)


def catalog_text() -> str:
    """Every rule: its headline, message template and the first section of its docs."""
    lines = []
    for code in codes():
        rule = RULES[code]
        lines.append(_headline(rule))
        lines.append("      " + L.CATALOG_MESSAGE.format(message=rule.message))
        first = rule.sections().get(L.RULE_DOC_SECTIONS[0], "")
        lines.extend("      " + line for line in first.splitlines())
    return "\n".join(lines)


def rule_text(code: str) -> str:
    """One rule's full documentation."""
    rule = RULES[code.upper()]
    lines = [_headline(rule), L.CATALOG_MESSAGE.format(message=rule.message)]
    for section, text in rule.sections().items():
        lines += ["", L.CATALOG_SECTION.format(section=section), text]
    return "\n".join(lines)


def readme_table() -> str:
    """The README's rule list, between its markers."""
    rows = [L.README_RULES_HEADER, "|---|---|---|---|"]
    for code in codes():
        rule = RULES[code]
        message = rule.message.replace("|", "\\|")
        rows.append(f"| {code} | {L.SEVERITY[rule.severity.value]} | {rule.title} | {message} |")
    return "\n".join([README_BEGIN, *rows, README_END])
