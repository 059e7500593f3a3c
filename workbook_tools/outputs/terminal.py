"""Plain-text tables for the terminal (CJK-aware column widths via tabulate + wcwidth)."""

from __future__ import annotations

from tabulate import tabulate

from workbook_tools import labels
from workbook_tools.check.profile import Profile
from workbook_tools.outputs.figures import UnitFigures
from workbook_tools.parse.money import fmt


def _percent(value) -> str:
    return "" if value is None else f"{value:.2f}"


def unit_table(figures: UnitFigures, profile: Profile, source: str) -> str:
    """The `show` view: a header line, a row per project, and the totals."""
    categories = profile.level1_names
    headers = [
        "序号",
        labels.CODE,
        labels.NAME,
        labels.BUDGET,
        "财政资金",
        labels.OTHER,
        *labels.CHECKPOINTS,
        *categories,
    ]
    rows = [
        [
            i,
            p.code,
            p.name,
            fmt(p.budget),
            fmt(p.fiscal),
            fmt(p.other),
            *(_percent(v) for v in p.plan),
            *(p.counts.get(c, 0) for c in categories),
        ]
        for i, p in enumerate(figures.projects, 1)
    ]
    rows.append(
        [
            "合计",
            f"{len(figures.projects)} 个项目",
            "",
            fmt(figures.budget),
            fmt(figures.fiscal),
            fmt(figures.other),
            *(fmt(v) for v in figures.planned_spending()),
            *(figures.counts.get(c, 0) for c in categories),
        ]
    )
    year = f"{figures.year} 年" if figures.year else "年度未填"
    head = f"{figures.unit_code} {figures.unit_name}　{year}　{source}"
    table = tabulate(
        rows,
        headers=headers,
        disable_numparse=True,
        colalign=("left", "left", "left", *("right",) * (len(headers) - 3)),
    )
    note = "（合计行的 3月底…12月底 为累计计划支出金额，单位：万元）"
    return f"{head}\n{table}\n预算合计 {fmt(figures.budget)} 万元，指标 {figures.indicator_total} 个\n{note}"
