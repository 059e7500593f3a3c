"""Plain text for the terminal: tables and help text, CJK-aware (a Chinese character takes two
columns; tabulate + wcwidth)."""

from __future__ import annotations

from tabulate import tabulate
from wcwidth import wcwidth

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


# --- help text: wrapping by display width (a CJK character takes two columns) ------------------

_CLOSING = labels.LINE_NEVER_STARTS_WITH
_OPENING = labels.LINE_NEVER_ENDS_WITH


def display_width(text: str) -> int:
    """Terminal columns of ``text``: two for a CJK character, one for ASCII."""
    return sum(max(wcwidth(ch), 0) for ch in text)


def _wide(ch: str) -> bool:
    return wcwidth(ch) == 2


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: a CJK character, an ASCII word, each with the punctuation and
    spaces that must stay with it; a ``[…]`` note (``[默认：1]``) is one piece."""
    tokens: list[str] = []
    depth = 0
    for ch in text:
        prev = tokens[-1][-1] if tokens else ""
        breakable = prev and not depth and not ch.isspace() and ch not in _CLOSING and prev not in _OPENING
        if breakable and (prev.isspace() or _wide(prev) or _wide(ch)):
            tokens.append(ch)
        elif tokens:
            tokens[-1] += ch
        else:
            tokens.append(ch)
        depth = max(depth + (ch == "[") - (ch == "]"), 0)
    return tokens


def wrap(text: str, width: int) -> list[str]:
    """One paragraph as lines of at most ``width`` columns, broken between CJK characters or at
    spaces (a word longer than the width stands alone on its line)."""
    lines: list[str] = []
    line = ""
    for token in _tokens(" ".join(text.split())):
        if line and display_width((line + token).rstrip()) > width:
            lines.append(line.rstrip())
            line = token
        else:
            line += token
    lines.append(line.rstrip())
    return lines


def _join(lines: list[str]) -> str:
    text = ""
    for line in (line.strip() for line in lines):
        between = "" if not text or _wide(text[-1]) or _wide(line[:1]) else " "
        text += between + line
    return text


def paragraphs(text: str, width: int) -> list[str]:
    """Help text as lines: paragraphs (separated by a blank line) rewrapped, a paragraph whose
    first line is ``\\b`` kept as written (click's convention), a blank line between them."""
    out: list[str] = []
    for block in (b for b in text.strip("\n").split("\n\n") if b.strip()):
        lines = block.strip("\n").splitlines()
        if out:
            out.append("")
        if lines[0].strip() == "\b":
            out.extend(line.rstrip() for line in lines[1:])
        else:
            out.extend(wrap(_join(lines), width))
    return out


def definition_list(rows: list[tuple[str, str]], width: int, first_max: int = 30, gap: int = 2) -> list[str]:
    """Two columns (a term and its help) in ``width`` columns, as click lays out options and
    commands, measured in display columns so CJK text lines up and fits."""
    first = min(max((display_width(term) for term, _ in rows), default=0), first_max) + gap
    text_width = max(width - first, 10)
    out: list[str] = []
    for term, text in rows:
        lines = paragraphs(text, text_width) if text else []
        if not lines:
            out.append(term)
            continue
        if display_width(term) <= first - gap:
            out.append(term + " " * (first - display_width(term)) + lines[0])
        else:
            out += [term, " " * first + lines[0]]
        out += [" " * first + line if line else "" for line in lines[1:]]
    return out
