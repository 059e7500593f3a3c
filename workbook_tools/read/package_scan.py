"""One bounded look inside an xlsx/xlsm package before any reader allocates for it.

It checks the zip against :data:`LIMITS` (parts, sizes, compression ratio — a zip bomb
stops here), finds each sheet's real extent from its cell references (a far cell such as
XFD1048576 would make python-calamine allocate a dense grid of 17 billion cells and abort
the process), and collects what values alone do not tell: %-formatted cells and formulas
saved without a computed value (X004). XML is parsed with defusedxml (no entities, no DTD).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from workbook_tools.read.grid import Pos, parse_ref
from workbook_tools.read.problems import ReadError, ReadProblem

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/?)>")
_ATTR_R = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
_ATTR_S = re.compile(rb'\bs="(\d+)"')
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d{1,7})"')
_CELL_COLUMN = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})\d')
#: A formula (<f>, with or without a prefix) or an error value: only then is the sheet parsed.
_FORMULA_OR_ERROR = (b"<f>", b"<f ", b":f>", b":f ", b't="e"')


@dataclass(frozen=True)
class Limits:
    """What a workbook of this kind may hold; a file beyond them is refused (X005)."""

    parts: int = 5_000
    part_mb: int = 64  # one uncompressed part
    total_mb: int = 256  # all parts together, uncompressed
    ratio: int = 1000  # uncompressed / compressed, for parts over 1 MB (ordinary sheets: 5–50)
    cells: int = 4_000_000  # a sheet's extent, rows × columns, as a dense grid


LIMITS = Limits()
MB = 1 << 20


@dataclass
class SheetFacts:
    percent: set[Pos] = field(default_factory=set)
    uncomputed: set[Pos] = field(default_factory=set)
    errors: dict[Pos, str] = field(default_factory=dict)  # error values (#DIV/0!, #REF! …)
    rows: int = 0
    columns: int = 0


def check_zip(archive: zipfile.ZipFile, limits: Limits = LIMITS, read: frozenset[str] = frozenset()) -> None:
    """Refuse a package whose declared sizes are beyond the limits (nothing is unpacked), or
    whose XML declares a DTD (the parts in ``read`` were already looked at whole)."""
    check_sizes(archive, limits)
    for info in archive.infolist():  # a DTD (entities, external references) has no place in a workbook
        if info.filename.endswith((".xml", ".rels", ".vml")) and info.file_size and info.filename not in read:
            with archive.open(info) as part:
                if _declares_dtd(part.read(4096)):
                    raise ReadError(ReadProblem.UNSAFE_XML)


def _declares_dtd(head: bytes) -> bool:
    return b"<!DOCTYPE" in head[:4096].upper()


def check_sizes(archive: zipfile.ZipFile, limits: Limits = LIMITS) -> None:
    """Refuse a package whose declared sizes are beyond the limits (nothing is unpacked)."""
    infos = archive.infolist()
    if len(infos) > limits.parts:
        raise ReadError(ReadProblem.TOO_LARGE, f"parts:{len(infos)}:{limits.parts}")
    total = sum(i.file_size for i in infos)
    if total > limits.total_mb * MB:
        raise ReadError(ReadProblem.TOO_LARGE, f"total:{total // MB}:{limits.total_mb}")
    for info in infos:
        if info.file_size > limits.part_mb * MB:
            raise ReadError(ReadProblem.TOO_LARGE, f"part:{info.file_size // MB}:{limits.part_mb}")
        if info.file_size > MB and info.file_size > limits.ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise ReadError(ReadProblem.TOO_LARGE, f"ratio:{ratio}:{limits.ratio}")


def check_package_sizes(path: Path, limits: Limits = LIMITS) -> None:
    """The zip limits alone (an .ods package: its content is not scanned here)."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive, limits)
    except (zipfile.BadZipFile, OSError):
        return  # the reader reports a broken package


def scan_package(path: Path, limits: Limits = LIMITS) -> dict[str, SheetFacts]:
    """Check the package and every sheet's extent; the facts per sheet name."""
    try:
        with zipfile.ZipFile(path) as archive:  # one pass: each part read once
            check_sizes(archive, limits)
            facts, read = _scan_sheets(archive, limits)
            check_zip(archive, limits, read)
            return facts
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ParseError):
        return {}  # the reader reports a broken package
    except DefusedXmlException:
        raise ReadError(ReadProblem.UNSAFE_XML) from None


def _scan_sheets(archive: zipfile.ZipFile, limits: Limits) -> tuple[dict[str, SheetFacts], frozenset[str]]:
    """The facts per sheet, and the parts read whole on the way (defusedxml refuses a DTD in
    the ones it parses; the sheets are checked for one here)."""
    members = set(archive.namelist())
    book = fromstring(archive.read("xl/workbook.xml"))
    rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    read = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"}
    percent_styles = set()
    if "xl/styles.xml" in members:
        percent_styles = _percent_styles(fromstring(archive.read("xl/styles.xml")))
        read.add("xl/styles.xml")
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    facts: dict[str, SheetFacts] = {}
    for sheet in book.iter(f"{_NS}sheet"):
        target = targets.get(sheet.get(f"{_REL_NS}id"), "")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if member in members:
            name = sheet.get("name", "")
            data = archive.read(member)
            if _declares_dtd(data):
                raise ReadError(ReadProblem.UNSAFE_XML)
            facts[name] = _scan_sheet(data, percent_styles)
            read.add(member)
            if facts[name].rows * facts[name].columns > limits.cells:
                size = f"{name}:{facts[name].rows}:{facts[name].columns}:{limits.cells}"
                raise ReadError(ReadProblem.TOO_LARGE, f"sheet:{size}")
    return facts, frozenset(read)


def _percent_styles(styles: Element) -> set[bytes]:
    percent_formats = {"9", "10"}  # Excel's built-in 0% and 0.00%
    for fmt in styles.iter(f"{_NS}numFmt"):
        code = (fmt.get("formatCode") or "").replace('"%"', "").replace("\\%", "")
        if "%" in code:
            percent_formats.add(fmt.get("numFmtId", ""))
    xfs = styles.find(f"{_NS}cellXfs")
    if xfs is None:
        return set()
    return {
        str(i).encode()
        for i, xf in enumerate(xfs.findall(f"{_NS}xf"))
        if xf.get("numFmtId") in percent_formats
    }


def _scan_sheet(data: bytes, percent_styles: set[bytes]) -> SheetFacts:
    facts = SheetFacts()
    rows = _ROW_NUMBER.findall(data)
    columns = set(_CELL_COLUMN.findall(data))
    facts.rows = max((int(r) for r in rows), default=0)
    last = max(columns, key=lambda c: (len(c), c), default=None)  # AB > Z: longer, then later
    facts.columns = parse_ref(last.decode() + "1")[1] + 1 if last else 0
    if percent_styles:
        for match in _CELL.finditer(data):
            style = _ATTR_S.search(match.group(1))
            where = _ATTR_R.search(match.group(1)) if style and style.group(1) in percent_styles else None
            if where:
                facts.percent.add(parse_ref((where.group(1) + where.group(2)).decode()))
    if any(marker in data for marker in _FORMULA_OR_ERROR):
        for cell in fromstring(data).iter(f"{_NS}c"):
            value = cell.find(f"{_NS}v")
            if cell.get("t") == "e" and value is not None and value.text and cell.get("r"):
                facts.errors[parse_ref(cell.get("r", ""))] = value.text
            if cell.find(f"{_NS}f") is None:
                continue
            if value is None or (not value.text and cell.get("t") != "str"):
                facts.uncomputed.add(parse_ref(cell.get("r", "")))
    return facts
