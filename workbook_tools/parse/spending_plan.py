"""The spending plan (资金支出计划（%）): cumulative percentages at four checkpoints."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from functools import partial
from typing import Any

from workbook_tools import labels
from workbook_tools.parse.cells import field_at
from workbook_tools.parse.model import Field, PlanKind, PlanValue
from workbook_tools.parse.money import to_decimal
from workbook_tools.read.grid import LabelIndex

_PERCENT_TEXT = re.compile(rf"^(\d+(?:\.\d+)?)(%|{labels.PERCENT_WORD})?$")
HUNDRED = Decimal(100)


def parse_plan_value(raw: Any, percent_format: bool | None = None) -> PlanValue:
    """One plan cell: 25, "25", "25%", or 0.25 in a %-formatted cell → 25."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return PlanValue(None, PlanKind.EMPTY)
    if isinstance(raw, bool):
        return PlanValue(None, PlanKind.INVALID)
    if isinstance(raw, float) and not math.isfinite(raw):
        return PlanValue(None, PlanKind.INVALID)
    if isinstance(raw, (int, float)):
        number = to_decimal(raw)
        return PlanValue((number * HUNDRED).normalize() if percent_format else number, PlanKind.NUMBER)
    folded = unicodedata.normalize("NFKC", str(raw)).replace(" ", "").strip()
    match = _PERCENT_TEXT.match(folded)
    if not match:
        return PlanValue(None, PlanKind.INVALID)
    return PlanValue(Decimal(match.group(1)), PlanKind.NUMBER)


def parse_plan(index: LabelIndex) -> list[Field[PlanValue]]:
    """The four checkpoint values, each found below its label (3月底 … 12月底).

    A reader that cannot see number formats (python-calamine) gets 0.25 for a
    %-formatted 25%; when every number of the plan is at most 1 the plan was typed
    as percentages and is scaled to 25, 50 …, as the openpyxl reader does from the format.
    """
    grid = index.grid
    fields: list[Field[PlanValue]] = []
    for checkpoint in labels.CHECKPOINTS:
        pos = index.below(checkpoint)
        percent = grid.is_percent(pos) if pos is not None else None
        fields.append(field_at(grid, pos, partial(parse_plan_value, percent_format=percent)))
    typed = {
        id(f): f.value.percent
        for f in fields
        if f.value and f.value.percent is not None and isinstance(f.raw, (int, float))
    }
    if grid.percent is None and typed and 0 < max(typed.values()) <= 1:
        for f in fields:
            if id(f) in typed:
                f.value = PlanValue((typed[id(f)] * HUNDRED).normalize(), PlanKind.NUMBER)
    return fields
