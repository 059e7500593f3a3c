"""Plain-text tables for the terminal (CJK-aware column widths via tabulate + wcwidth)."""

from __future__ import annotations

from tabulate import tabulate

from workbook_tools import labels
from workbook_tools.check.profile import Profile
from workbook_tools.outputs.cell_text import for_terminal
from workbook_tools.outputs.figures import UnitFigures
from workbook_tools.parse.money import fmt


def _percent(value) -> str:
    return "" if value is None else f"{value:.2f}"


def unit_table(figures: UnitFigures, profile: Profile, source: str) -> str:
    """The `show` view: a header line, a row per project, and the totals."""
    categories = profile.level1_names
    headers = [
        labels.COL_SERIAL,
        labels.CODE,
        labels.NAME,
        labels.BUDGET,
        labels.COL_FISCAL,
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
            labels.TOTAL_ROW,
            labels.SHOW_PROJECT_COUNT.format(count=len(figures.projects)),
            "",
            fmt(figures.budget),
            fmt(figures.fiscal),
            fmt(figures.other),
            *(fmt(v) for v in figures.planned_spending()),
            *(figures.counts.get(c, 0) for c in categories),
        ]
    )
    year = labels.SHOW_YEAR.format(year=figures.year) if figures.year else labels.SHOW_NO_YEAR
    head = labels.SHOW_HEAD.format(code=figures.unit_code, name=figures.unit_name, year=year, source=source)
    table = tabulate(
        rows,
        headers=headers,
        disable_numparse=True,
        colalign=("left", "left", "left", *("right",) * (len(headers) - 3)),
    )
    totals = labels.SHOW_TOTALS.format(budget=fmt(figures.budget), indicators=figures.indicator_total)
    return for_terminal(f"{head}\n{table}\n{totals}\n{labels.SHOW_NOTE}")
