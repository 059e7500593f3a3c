"""Indicator values (指标值): the grammar of real 绩效目标表 cells.

A text cell is folded first: NFKC (``＞＝３０％`` is ``>=30%``), whitespace and thousands
separators removed, trailing punctuation (``；。，``) dropped. The first reading that fits wins:

1. **Deadline** (kind DEADLINE): ``2020年12月31日前``, ``2020.12.31``, ``2020-12-31``, ``2020/12/31``,
   ``2020年12月``, ``2020年底前完成``, ``12月底前``, ``6月30日前``, ``年底前``, ``年内``, ``≤11月底``,
   periods ``2020.1.1-2020.12.31``, ``2020年1月-12月``, ``1-12月``, ``2019-2020年``. After the date,
   前/之前/以前 (and 内/以内/之内) make the operator ``≤``; a written operator is kept; else ``""``.
   ``deadline`` is normalised: ``2020-12-31``, ``2020-12`` (month end), ``2020`` (year end),
   ``12-31`` / ``12`` (no year; 年底 is ``12``), a period ``2020-01-01/2020-12-31``.
   The text ``2020.12`` stays the decimal number 2020.12 (a date needs ``-``, ``/`` or 年).
2. **Ratio** ``1:3`` (operator ``:``, number 1, upper 3).
3. **Range** ``10-20人``, ``10~20人``, ``10至20人``, ``90%-100%`` (operator ``range``, number 10,
   upper 20); the lower bound may repeat the unit; lower > upper is invalid.
4. **Quantity** ``[qualifier][operator]number[unit][suffix operator][annotation]``:

   - qualifier: 人均, 约, 每年, 同比增长, 较上年提高, 较2019年增长, 提高到, 控制在, ``7×`` (``7×24小时``);
   - operator: ``≥ ≤ > < =`` written as signs (``>=``, ``⩾``, ``≧`` …) or words (不低于, 至少, 达到,
     超过 …), or ``±`` (tolerance ``±5%``);
   - number: digits with an optional sign (``≤-5%``) and decimals; or a Chinese numeral before a
     measure word (``两次``, ``十二个月``, ``一百份``), or 零 before a noun (``零事故``: 0 事故).
     Other words starting with a numeral stay words (``一流水平``, ``一致好评``, ``万无一失``);
   - unit: ``%`` for %, ％ and 百分比, after which any text is annotation (``≥95%/年``,
     ``100%完成``); else the text as written (人次, 万元, 元/人, 人次/年);
   - suffix operator: 以上, 及以上, 以下, 以内, 内 … (``24小时内`` is ≤24 小时); not together with
     a prefix operator (``≥30人次以上`` is invalid);
   - annotation: a bracketed note (``(含)``, ``(历史标准)``, brackets dropped) or 完成, 左右 ….

   A number with a decimal point, 0 < x ≤ 1 and no unit (``≥0.95``) is marked ``fraction``.
5. Otherwise: text with a digit, an operator sign or % and no number (``≥人次``, ``≥%``,
   ``≥30人≤50``, ``≥≥30``) is INVALID; anything else is QUALITATIVE (``显著提升``). Operator
   *words* without a number (``不低于上年水平``) stay qualitative.

Number cells: the number; a %-formatted cell (Excel stores 0.6 for 60%) is ×100 with unit %;
an unformatted 0 < x < 1 is a ``fraction``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from workbook_tools import labels
from workbook_tools.parse.money import to_decimal

PERCENT = "%"
PERCENT_UNITS = frozenset({"%", labels.PERCENT_WORD})
RANGE = "range"
TOLERANCE = "±"
RATIO = ":"
SYMBOL_OPERATORS = {
    ">=": "≥",
    "=>": "≥",
    "≥": "≥",
    "≧": "≥",
    "⩾": "≥",
    "<=": "≤",
    "=<": "≤",
    "≤": "≤",
    "≦": "≤",
    "⩽": "≤",
    ">": ">",
    "<": "<",
    "=": "=",
}

#: Written operator forms (after NFKC folding) → canonical operator.
PREFIX_OPERATORS = {**SYMBOL_OPERATORS, **labels.WORD_OPERATORS}
SUFFIX_OPERATORS = labels.SUFFIX_OPERATORS
_OPERATORS = {**PREFIX_OPERATORS, TOLERANCE: TOLERANCE}
_AMOUNT_UNITS = frozenset(labels.VALUE_AMOUNT_UNITS)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_NUM = r"[0-9]+(?:\.[0-9]+)?"
_YEAR_NUM = r"(?:19|20)[0-9]{2}"
_YEAR = re.escape(labels.YEAR_SUFFIX)
_MONTH = re.escape(labels.DATE_MONTH)
_SEP = rf"(?:[-~—–―\u301c]|{_alt(labels.VALUE_RANGE_WORDS)})"  # \u301c: 〜
_NUMERAL = f"[{''.join(labels.NUMERAL_DIGITS)}{''.join(labels.NUMERAL_MULTIPLIERS)}]+"
_SIGNS = re.compile(f"[{''.join(SYMBOL_OPERATORS)}{TOLERANCE}{PERCENT}]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_WHITESPACE = re.compile(r"\s+")
_TRAILING_PUNCTUATION = re.compile(r"[;,.\u3002\u3001!?]+$")  # 。、 after NFKC
_TIMES = re.compile(r"([0-9]+)[xX*]")

_QUALIFIER = "(?:{})+".format(
    "|".join(
        (
            _alt(labels.VALUE_QUALIFIERS),
            rf"(?:{_alt(labels.VALUE_VERBS)})(?:{_alt(labels.VALUE_VERB_LINKS)})?",
            rf"(?:{_alt(labels.VALUE_COMPARE)})(?:{_alt(labels.VALUE_COMPARE_BASES)}|{_YEAR_NUM}{_YEAR})",
            r"[0-9]+[×xX*]",
        )
    )
)
_QUANTITY = re.compile(
    rf"^(?P<qual>{_QUALIFIER})?(?P<op>{_alt(_OPERATORS)})?(?P<num>[-+]?{_NUM}|{_NUMERAL})(?P<tail>.*)$"
)
_RANGE = re.compile(
    rf"^(?P<qual>{_QUALIFIER})?(?P<lo>{_NUM})(?P<lo_unit>\D*?){_SEP}(?P<hi>{_NUM})(?P<tail>.*)$"
)
_RATIO = re.compile(rf"^(?P<a>{_NUM})[:∶](?P<b>{_NUM})$")

# The text after the number: unit, suffix operator, annotation (a bracketed note may sit before
# the suffix operator too: 90%(含)以上).
_NOTE = r"(?:\([^()]*\))?"
_SUFFIX = rf"(?P<suffix>{_alt(SUFFIX_OPERATORS)})?"
_PERCENT_TAIL = re.compile(
    rf"^(?P<pct>{_alt(PERCENT_UNITS)})(?P<pre>{_NOTE}){_SUFFIX}(?P<note>[^0-9<>=≥≤±()%~\-]*{_NOTE})$"
)
_UNIT_TAIL = re.compile(
    rf"^(?P<unit>[^0-9<>=≥≤±()%~:\-]*?)(?P<pre>{_NOTE}){_SUFFIX}"
    rf"(?P<note>(?:{_alt(labels.VALUE_ANNOTATIONS)})?{_NOTE})$"
)

# A date at the start of the text, tried in order; groups y/m/d, or `ye` for a year end with no number.
_Y, _M, _D = rf"(?P<y>{_YEAR_NUM})", r"(?P<m>[0-9]{1,2})", r"(?P<d>[0-9]{1,2})"
_DAY = f"(?:{_alt(labels.DATE_DAYS)})"
_YEAR_TAIL = f"(?:{_alt(labels.DATE_YEAR_TAILS)})?"
_MONTH_TAIL = f"(?:{_alt(labels.DATE_MONTH_TAILS)})?"
_DATES = [
    re.compile(p)
    for p in (
        rf"{_Y}(?P<s>[./-]){_M}(?P=s){_D}(?![0-9])",  # 2020.12.31  2020-12-31  2020/12/31
        rf"{_Y}{_YEAR}{_M}{_MONTH}{_D}{_DAY}",  # 2020年12月31日
        rf"{_Y}{_YEAR}{_M}(?={_SEP}[0-9]{{1,2}}{_MONTH})",  # 2020年1-12月
        rf"{_Y}{_YEAR}{_M}{_MONTH}{_MONTH_TAIL}",  # 2020年12月
        rf"{_Y}[/-]{_M}(?![0-9./-])",  # 2020-12  2020/12
        rf"{_Y}(?={_SEP}{_YEAR_NUM}{_YEAR})",  # 2019-2020年
        rf"{_Y}{_YEAR}{_YEAR_TAIL}",  # 2020年  2020年度
        rf"{_M}{_MONTH}{_D}{_DAY}",  # 12月31日
        rf"{_M}(?={_SEP}[0-9]{{1,2}}{_MONTH})",  # 1-12月
        rf"{_M}{_MONTH}{_MONTH_TAIL}",  # 12月  6月份
        rf"(?P<ye>{_alt(labels.DATE_THIS_YEAR)})(?={_alt(labels.DATE_ENDS + labels.DATE_BEFORE)})",  # 年底
    )
]
_DATE_END = re.compile(_alt(labels.DATE_ENDS))
_DATE_BEFORE = re.compile(_alt(labels.DATE_BEFORE))
_DATE_LEAD = re.compile(_alt(labels.DATE_LEADS))
_DATE_SEP = re.compile(_SEP)
_PREFIX = re.compile(_alt(PREFIX_OPERATORS))

_DateParts = tuple[int | None, int | None, int | None]  # year, month, day


class ValueKind(Enum):
    """What an indicator value turned out to be."""

    EMPTY = "empty"
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"
    DEADLINE = "deadline"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """A parsed 指标值 (see the module docstring for the grammar)."""

    text: str  # the cell's text as is, stripped
    kind: ValueKind
    operator: str = ""  # "≥" "≤" ">" "<" "=" or ""; "range", "±", ":"
    number: Decimal | None = None  # a range's lower bound, a ratio's left side
    unit: str = ""  # "%" for any percent form, else as written
    upper: Decimal | None = None  # a range's upper bound, a ratio's right side
    qualifier: str = ""  # words before the operator: 人均, 同比增长, 7×
    annotation: str = ""  # trailing text that is not the unit: 含, 历史标准, 完成, /年
    deadline: str = ""  # DEADLINE only: 2020-12-31, 2020-12, 2020, 12-31, 12, or start/end
    fraction: bool = False  # a bare 0 < x <= 1 with a decimal point and no unit: probably a percent

    @property
    def is_percent(self) -> bool:
        return self.unit == PERCENT

    @property
    def is_amount(self) -> bool:
        """The unit is money: 元, 万元, 亿元, 千元, or a unit cost such as 元/人, 万元/个."""
        return self.unit.split("/", 1)[0] in _AMOUNT_UNITS

    @property
    def nature(self) -> str:
        """指标性质 as a machine value: the operator ("=" for none; "range", "±", ":"),
        "qualitative", "deadline", or "" when empty or invalid."""
        if self.kind in (ValueKind.QUALITATIVE, ValueKind.DEADLINE):
            return self.kind.value
        return (self.operator or "=") if self.kind is ValueKind.QUANTITATIVE else ""


def parse_value(raw: object, percent_format: bool | None = None) -> IndicatorValue:
    """Parse a 指标值 cell. ``percent_format`` says the cell is %-formatted (None: unknown)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return IndicatorValue("", ValueKind.EMPTY)
    if isinstance(raw, bool) or (isinstance(raw, float) and not math.isfinite(raw)):
        return IndicatorValue(str(raw), ValueKind.INVALID)
    if isinstance(raw, (int, float, Decimal)):
        return _number_cell(raw, percent_format)
    text = str(raw).strip()
    folded = _fold(text)
    for read in (_deadline, _ratio, _range, _quantity):
        value = read(text, folded)
        if value is not None:
            return value
    if any(ch.isdigit() for ch in folded) or _SIGNS.search(folded):
        return IndicatorValue(text, ValueKind.INVALID)
    return IndicatorValue(text, ValueKind.QUALITATIVE)


def _fold(text: str) -> str:
    folded = _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))
    return _TRAILING_PUNCTUATION.sub("", _THOUSANDS.sub("", folded))


def _number_cell(raw: int | float | Decimal, percent_format: bool | None) -> IndicatorValue:
    number = raw if isinstance(raw, Decimal) else to_decimal(raw)
    if percent_format:
        number = (number * 100).normalize()
        return IndicatorValue(f"{number:f}%", ValueKind.QUANTITATIVE, "", number, PERCENT)
    return IndicatorValue(f"{number:f}", ValueKind.QUANTITATIVE, "", number, fraction=0 < number < 1)


def _quantity(text: str, folded: str) -> IndicatorValue | None:
    """``[qualifier][operator]number[unit][suffix operator][annotation]``."""
    match = _QUANTITY.match(folded)
    tail = _tail(match["tail"]) if match else None
    if match is None or tail is None:
        return None
    unit, suffix_op, annotation = tail
    operator = _OPERATORS.get(match["op"] or "", "")
    if operator and suffix_op:
        return None  # two operators: ≥30人次以上
    written = match["num"]
    if written[-1].isdigit():
        number = Decimal(written)
    else:
        numeral = _numeral(written)
        counted = unit in labels.MEASURE_WORDS or (numeral == 0 and unit in labels.ZERO_NOUNS)
        if numeral is None or not counted:
            return None  # a word, not a number: 一流水平, 两个确保
        number = Decimal(numeral)
    return IndicatorValue(
        text,
        ValueKind.QUANTITATIVE,
        operator or suffix_op,
        number,
        unit,
        qualifier=_qualifier(match["qual"]),
        annotation=annotation,
        fraction=not unit and "." in written and 0 < number <= 1,
    )


def _tail(tail: str) -> tuple[str, str, str] | None:
    """The text after a number → (unit, suffix operator, annotation), or None if it is no unit."""
    match = _PERCENT_TAIL.match(tail) or _UNIT_TAIL.match(tail)
    if match is None:
        return None
    unit = PERCENT if match.groupdict().get("pct") else match["unit"]
    annotation = "".join(_unbracket(match[g]) for g in ("pre", "note"))
    return unit, SUFFIX_OPERATORS.get(match["suffix"] or "", ""), annotation


def _unbracket(note: str) -> str:
    return note[1:-1] if note.startswith("(") and note.endswith(")") and note.count("(") == 1 else note


def _qualifier(words: str | None) -> str:
    return _TIMES.sub(r"\1×", words or "")


def _numeral(written: str) -> int | None:
    """A Chinese numeral (十二, 两, 一百零五, 三万五千) as an int; None if malformed (一一, 十十, 万万)."""
    total, section, digit, last = 0, 0, None, 10_000
    for ch in written:
        if ch in labels.NUMERAL_DIGITS:
            if digit:  # a digit after a digit; 零 is a placeholder (一百零五)
                return None
            digit = labels.NUMERAL_DIGITS[ch]
            continue
        multiplier = labels.NUMERAL_MULTIPLIERS[ch]
        if multiplier == 10_000:
            if total or (digit is None and section == 0):
                return None
            total, section, digit, last = (section + (digit or 0)) * 10_000, 0, None, 10_000
        elif multiplier >= last:
            return None
        else:
            section += (1 if digit is None else digit) * multiplier
            digit, last = None, multiplier
    return total + section + (digit or 0)


def _range(text: str, folded: str) -> IndicatorValue | None:
    """``10-20人``, ``10~20人``, ``10至20人``, ``90%-100%``."""
    match = _RANGE.match(folded)
    tail = _tail(match["tail"]) if match else None
    if match is None or tail is None or tail[1]:
        return None
    unit, _, annotation = tail
    lower, upper = Decimal(match["lo"]), Decimal(match["hi"])
    lower_unit = PERCENT if match["lo_unit"] in PERCENT_UNITS else match["lo_unit"]
    if lower_unit not in ("", unit) or lower > upper:
        return None
    return IndicatorValue(
        text, ValueKind.QUANTITATIVE, RANGE, lower, unit, upper, _qualifier(match["qual"]), annotation
    )


def _ratio(text: str, folded: str) -> IndicatorValue | None:
    """``1:3`` (also ``1：3``)."""
    match = _RATIO.match(folded)
    if match is None:
        return None
    return IndicatorValue(text, ValueKind.QUANTITATIVE, RATIO, Decimal(match["a"]), upper=Decimal(match["b"]))


def _deadline(text: str, folded: str) -> IndicatorValue | None:
    """``[lead][operator]date[-date][底][前][annotation]``: see the module docstring."""
    rest, lead = _take(_DATE_LEAD, folded)
    rest, written_op = _take(_PREFIX, rest)
    first = _date(rest, None)
    if first is None:
        return None
    start, rest = first
    end: _DateParts | None = None
    rest, sep = _take(_DATE_SEP, rest)
    if sep:
        second = _date(rest, start[0])
        if second is None or _sort_key(second[0]) < _sort_key(start):
            return None
        end, rest = second
    rest, before = _take(_DATE_BEFORE, rest)
    if any(ch.isdigit() for ch in rest) or _SIGNS.search(rest):
        return None
    deadline = _iso(start) + (f"/{_iso(end)}" if end else "")
    operator = PREFIX_OPERATORS[written_op] if written_op else ("≤" if before else "")
    return IndicatorValue(
        text, ValueKind.DEADLINE, operator, qualifier=lead, annotation=rest, deadline=deadline
    )


def _take(pattern: re.Pattern[str], text: str) -> tuple[str, str]:
    """Split off what ``pattern`` matches at the start: (rest, matched)."""
    match = pattern.match(text)
    return (text[match.end() :], match.group()) if match else (text, "")


def _date(text: str, year: int | None) -> tuple[_DateParts, str] | None:
    """The date at the start of ``text`` (a missing year taken from ``year``) and the rest."""
    match = next((m for m in (p.match(text) for p in _DATES) if m), None)
    if match is None:
        return None
    found = match.groupdict()
    y = int(found["y"]) if found.get("y") else year
    m = 12 if found.get("ye") else (int(found["m"]) if found.get("m") else None)
    d = int(found["d"]) if found.get("d") else None
    try:
        date(y or 2000, m or 1, d or 1)  # 2000: a leap year, so 2月29日 passes without a year
    except ValueError:
        return None
    rest, _ = _take(_DATE_END, text[match.end() :])
    return (y, m, d), rest


def _sort_key(parts: _DateParts) -> tuple[int, int, int]:
    y, m, d = parts
    return (y or 0, m or 12, d or 31)


def _iso(parts: _DateParts) -> str:
    y, m, d = parts
    return "-".join([*([f"{y}"] if y else []), *([f"{m:02d}"] if m else []), *([f"{d:02d}"] if d else [])])
