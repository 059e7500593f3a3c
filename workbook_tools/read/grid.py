"""The host-neutral view of a workbook: a grid of cell values per sheet.

Readers (files via python-calamine or openpyxl, a live workbook via xlwings) produce
grids; parsing and rules only ever see grids, never a library object (DESIGN §4).
Rows and columns are 0-based here; :func:`ref` turns them into ``"C4"``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from workbook_tools import labels

Pos = tuple[int, int]


def column_letter(col: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def ref(row: int, col: int) -> str:
    """0-based (row, col) → an A1 reference."""
    return f"{column_letter(col)}{row + 1}"


def whole(value: object) -> object:
    """A whole float as an int (450.0 → 450), as openpyxl reads "450" from the file."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def parse_ref(reference: str) -> Pos:
    """An A1 reference → 0-based (row, col)."""
    letters = "".join(ch for ch in reference if ch.isalpha())
    digits = "".join(ch for ch in reference if ch.isdigit())
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


@dataclass
class Grid:
    """One sheet's cell values.

    ``percent`` holds the cells whose number format is a percentage, or is None when
    the reader cannot see formats (python-calamine); ``uncomputed`` holds formula
    cells saved without a computed value; ``merged`` maps each merged range's
    top-left cell to its bottom-right cell.
    """

    name: str
    rows: list[list[Any]]
    percent: frozenset[Pos] | None = None
    uncomputed: frozenset[Pos] = frozenset()
    merged: dict[Pos, Pos] = field(default_factory=dict)
    hidden: bool = False

    def value(self, row: int, col: int) -> Any:
        """The value at (row, col); None for empty or outside the sheet."""
        if row < 0 or col < 0 or row >= len(self.rows):
            return None
        cells = self.rows[row]
        if col >= len(cells):
            return None
        value = cells[col]
        return None if value == "" else value

    def put(self, row: int, col: int, value: Any) -> None:
        """Set a cell where a reader left it blank (growing the grid if needed)."""
        while len(self.rows) <= row:
            self.rows.append([])
        cells = self.rows[row]
        cells.extend([""] * (col + 1 - len(cells)))
        if cells[col] in (None, ""):
            cells[col] = value

    def cells(self) -> Iterator[tuple[int, int, Any]]:
        """Every non-empty cell as (row, col, value), in reading order."""
        for r, cells in enumerate(self.rows):
            for c, value in enumerate(cells):
                if value is not None and value != "":
                    yield r, c, value

    def is_percent(self, pos: Pos) -> bool | None:
        """True/False when the format is known, None when the reader cannot tell."""
        return None if self.percent is None else pos in self.percent

    def span_end(self, pos: Pos) -> Pos:
        """The bottom-right cell of the merged range starting at pos (or pos itself)."""
        return self.merged.get(pos, pos)


LABEL_MAX = 40  # characters: the longest label is far shorter


class LabelIndex:
    """Where each label text sits on a grid, for label-anchored lookups."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self._where: dict[str, list[Pos]] = {}
        for r, c, value in grid.cells():
            if isinstance(value, str) and len(value) <= LABEL_MAX:  # long texts are never labels
                self._where.setdefault(labels.norm(value), []).append((r, c))

    def find(self, label: str) -> Pos | None:
        """The first cell (reading order) whose text is the label."""
        hits = self._where.get(labels.norm(label))
        return hits[0] if hits else None

    def all(self, label: str) -> list[Pos]:
        """Every cell whose text is the label, in reading order."""
        return list(self._where.get(labels.norm(label), []))

    def has(self, *names: str) -> bool:
        """Whether every given label is on the sheet."""
        return all(self.find(name) is not None for name in names)

    def right_of(self, label: str) -> Pos | None:
        """The value cell right of a label (past the label's own merged range)."""
        pos = self.find(label)
        if pos is None:
            return None
        end = self.grid.span_end(pos)
        return (pos[0], end[1] + 1)

    def below(self, label: str) -> Pos | None:
        """The value cell below a label (past the label's own merged range)."""
        pos = self.find(label)
        if pos is None:
            return None
        end = self.grid.span_end(pos)
        return (end[0] + 1, pos[1])
