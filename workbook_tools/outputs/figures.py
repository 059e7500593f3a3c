"""Per-project and per-unit figures shared by `show`, the summary sheets and batch tables."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from workbook_tools import labels
from workbook_tools.check.profile import Profile
from workbook_tools.parse.model import Project, WorkbookModel
from workbook_tools.parse.money import ZERO, fmt, round2

HUNDRED = Decimal(100)


def category_counts(project: Project, profile: Profile) -> dict[str, int]:
    """Indicators per first-level category of the profile (synonyms folded, a satisfaction
    二级指标 of an older form under 效益 counted as 满意度); unknown ones apart."""
    counts = {name: 0 for name in profile.level1_names}
    for indicator in project.indicators:
        category = profile.counts_for(indicator.level1.value, indicator.level2.value)
        key = category.name if category else labels.CATEGORY_OTHER
        counts[key] = counts.get(key, 0) + 1
    return counts


@dataclass(frozen=True, slots=True)
class ProjectFigures:
    """One project's row of 项目汇总表 (amounts exact, plan in %)."""

    sheet: str
    code: str
    name: str
    budget: Decimal
    fiscal: Decimal
    other: Decimal
    plan: tuple[Decimal | None, ...]
    counts: dict[str, int]

    @property
    def indicator_total(self) -> int:
        return sum(self.counts.values())

    def as_json(self) -> dict:
        return {
            "sheet": self.sheet,
            "code": self.code,
            "name": self.name,
            "budget": fmt(self.budget),
            "fiscal": fmt(self.fiscal),
            "other": fmt(self.other),
            "plan": [None if p is None else f"{p:.2f}" for p in self.plan],
            "indicators": self.counts,
            "indicator_total": self.indicator_total,
        }


def project_figures(project: Project, profile: Profile) -> ProjectFigures:
    return ProjectFigures(
        sheet=project.sheet,
        code=project.code.value or "",
        name=project.name.value or "",
        budget=project.budget_value or ZERO,
        fiscal=project.fiscal_value,
        other=project.other_value,
        plan=tuple(project.plan_percents()),
        counts=category_counts(project, profile),
    )


@dataclass(frozen=True, slots=True)
class UnitFigures:
    """A unit's totals: the 部门概况 figures."""

    unit_code: str
    unit_name: str
    year: int | None
    projects: tuple[ProjectFigures, ...]

    @property
    def budget(self) -> Decimal:
        return sum((p.budget for p in self.projects), ZERO)

    @property
    def fiscal(self) -> Decimal:
        return sum((p.fiscal for p in self.projects), ZERO)

    @property
    def other(self) -> Decimal:
        return sum((p.other for p in self.projects), ZERO)

    @property
    def counts(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for project in self.projects:
            for key, count in project.counts.items():
                total[key] = total.get(key, 0) + count
        return total

    @property
    def indicator_total(self) -> int:
        return sum(self.counts.values())

    def planned_spending(self) -> list[Decimal]:
        """Cumulative planned spending in 万元 at each checkpoint, exact then rounded half-up."""
        result = []
        for i in range(len(labels.CHECKPOINTS)):
            exact = sum(
                (p.budget * (p.plan[i] or ZERO) / HUNDRED for p in self.projects if i < len(p.plan)),
                ZERO,
            )
            result.append(round2(exact))
        return result

    def as_json(self) -> dict:
        return {
            "unit_code": self.unit_code,
            "unit_name": self.unit_name,
            "year": self.year,
            "project_count": len(self.projects),
            "budget": fmt(self.budget),
            "fiscal": fmt(self.fiscal),
            "other": fmt(self.other),
            "indicators": self.counts,
            "indicator_total": self.indicator_total,
            "planned_spending": dict(zip(labels.CHECKPOINTS, (fmt(v) for v in self.planned_spending()))),
            "projects": [p.as_json() for p in self.projects],
        }


def unit_figures(model: WorkbookModel, profile: Profile) -> UnitFigures:
    return UnitFigures(
        unit_code=model.unit_code,
        unit_name=model.unit_name,
        year=model.year,
        projects=tuple(project_figures(p, profile) for p in model.projects),
    )
