"""Sheets built by openpyxl (or any writer) in a donor workbook, transplanted into a user's package.

The user's parts stay byte for byte except the four a new sheet must be listed in; the
transplanted sheets look in openpyxl as they did in the donor (values, number formats,
fonts, fills, borders, alignment, merges, freeze panes, widths, links, conditional
formats, print titles, autofilter, charts); LibreOffice opens the result; consolidating
twice gives the very same file as once.
"""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import openpyxl
import pytest
import xlsxwriter
from conftest import SAMPLE, convert_to_pdf
from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles.cell_style import StyleArray
from rich_book import build_rich_book

from workbook_tools import labels as L
from workbook_tools.check.profile import load_profile
from workbook_tools.check.validation import validate_file
from workbook_tools.outputs.consolidation import UNIT_SHEETS, consolidate_workbook
from workbook_tools.outputs.package import Package
from workbook_tools.outputs.sheet_transplant import transplant_sheets
from workbook_tools.outputs.table_sheets import write_overview, write_table
from workbook_tools.outputs.tables import overview
from workbook_tools.outputs.unit_sheets import overview_plan, unit_tables

PROFILE = load_profile()
#: The parts a transplant may change: the sheets' list, its relationships, the content types
#: of the new parts, and the formats the new sheets' cells use.
OWNED = frozenset({"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"})
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
STYLED = "样式样例"
#: 部门概况's charts for the seed's data: the budgets' bars; its cumulative plan (25/50/75/100
#: in every project) gets a sentence, not a chart.
SEED_CHARTS = 1


# --- donors ------------------------------------------------------------------------------------


def saved(wb: Workbook) -> bytes:
    data = io.BytesIO()
    wb.save(data)
    return data.getvalue()


def consolidation_donor(book: Path) -> bytes:
    """The three sheets ``consolidate`` writes for a unit's workbook, as openpyxl saves them."""
    report = validate_file(book, PROFILE)
    wb = Workbook()
    wb.remove(wb.active)
    for title, table, heading in unit_tables(report, PROFILE):
        write_table(wb, title, table, heading=heading)
    write_overview(wb, overview_plan(*overview(report, PROFILE)))
    return saved(wb)


def styled_donor() -> bytes:
    """A donor with what openpyxl's writers do not make: shared strings and rich text,
    a merge, custom number formats, row and column formats, internal and external
    links, a conditional format, print titles and an autofilter (XlsxWriter)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = book.add_worksheet(STYLED)
    bold = book.add_format({"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE", "border": 2})
    money = book.add_format({"num_format": '#,##0.0"万元"', "italic": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top", "font_name": "宋体", "font_size": 12})
    ws.merge_range("A1:D1", "标题", bold)
    ws.write_rich_string("A2", "普通 ", bold, "加粗", " 结尾")
    ws.write_string("B2", "  前后有空格  ")
    ws.write_number("C2", 1234.5, money)
    ws.write_string("D2", "=1+1")  # text that looks like a formula stays text
    ws.write_url("A3", f"internal:'{STYLED}'!A1", string="回到顶部")
    ws.write_url("B3", "https://example.org/", string="外部链接")
    ws.write_string("A4", "重复")
    ws.write_string("B4", "重复", wrap)
    ws.write_number("C4", 99, money)
    ws.set_column("A:A", 30)
    ws.set_column("B:B", 18, wrap)
    ws.set_row(5, 30, money)
    ws.freeze_panes(2, 0)
    ws.repeat_rows(0)
    ws.autofilter("A2:D4")
    ws.conditional_format("C2:C4", {"type": "cell", "criteria": ">", "value": 100, "format": bold})
    book.close()
    return out.getvalue()


@pytest.fixture
def rich(tmp_path: Path, seed_data: dict) -> Path:
    return build_rich_book(seed_data, tmp_path / "单位.xlsm")


@pytest.fixture(params=["sample", "rich"])
def book(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The bundled sample (written by openpyxl) and the rich book (XlsxWriter: shared strings,
    a chart of its own, a custom number format, notes, VBA)."""
    if request.param == "sample":
        return Path(shutil.copy(SAMPLE, tmp_path / SAMPLE.name))
    return request.getfixturevalue("rich")


# --- reading the results -----------------------------------------------------------------------


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def entries(data: bytes) -> dict[str, tuple[Any, ...]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: (i.date_time, i.compress_type, i.external_attr) for i in archive.infolist()}


def reach(pkg: Package, part: str) -> set[str]:
    """A part, its rels and every part it reaches through relationships."""
    seen: set[str] = set()
    todo = [part]
    while todo:
        current = todo.pop()
        if current in seen or not pkg.has(current):
            continue
        seen |= {current, pkg.rels_of(current)}
        todo += [target for _, _, target in pkg.relationships(current)]
    return {p for p in seen if pkg.has(p)}


def transplanted(source: Path, donor: bytes, titles: list[str], **where: Any) -> tuple[bytes, list[str]]:
    pkg = Package.open(source)
    new = transplant_sheets(pkg, donor, titles, **where)
    return pkg.to_bytes(), new


def style_lists(styles: bytes) -> dict[str, list[str]]:
    root = ET.fromstring(styles)
    return {
        tag: [ET.tostring(e, encoding="unicode") for e in root.find(MAIN + tag) or []]
        for tag in ("numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs")
    }


def look(ws: Any, defaults: Workbook) -> dict[str, object]:
    """What a reader sees of a sheet. A donor's default font, fill and border (index 0; fill 1
    is the reserved gray125) stand for the workbook's: ``defaults`` is the workbook read
    for them (the transplant maps them to the package's own)."""
    wb = ws.parent

    def pick(name: str, index: int, default_ids: tuple[int, ...]) -> object:
        return getattr(defaults if index in default_ids else wb, name)[index]

    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c, MergedCell):
                continue
            style = c._style or StyleArray()
            link = c.hyperlink
            cells[c.coordinate] = (
                c.value,
                c.number_format,
                pick("_fonts", style.fontId, (0,)),
                pick("_fills", style.fillId, (0, 1)),
                pick("_borders", style.borderId, (0,)),
                wb._alignments[style.alignmentId],
                wb._protections[style.protectionId],
                (link.target, link.location) if link else None,
            )
    return {
        "cells": cells,
        "merges": sorted(str(r) for r in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes,
        "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth},
        "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
        "conditional": [(str(cf.sqref), [r.dxf for r in cf.rules]) for cf in ws.conditional_formatting],
        "print titles": ws.print_title_rows,
        "autofilter": ws.auto_filter.ref,
        "page": (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth),
        "charts": [(type(c).__name__, c.anchor._from.row, c.anchor._from.col) for c in ws._charts],
        "state": ws.sheet_state,
    }


def assert_looks_alike(donor: bytes, result: bytes, titles: list[str]) -> None:
    before = openpyxl.load_workbook(io.BytesIO(donor), rich_text=True)
    after = openpyxl.load_workbook(io.BytesIO(result), rich_text=True)
    for title in titles:
        assert look(after[title], after) == look(before[title], after), title


# --- the tests ---------------------------------------------------------------------------------


def test_every_other_part_keeps_its_bytes(book: Path) -> None:
    original = book.read_bytes()
    donor = consolidation_donor(book)
    result, new = transplanted(book, donor, list(UNIT_SHEETS))
    before, after = parts(original), parts(result)
    assert {p for p in before if after.get(p) != before[p]} == OWNED
    kept = set(before) - OWNED
    zipped, was_zipped = entries(result), entries(original)
    assert {p: zipped[p] for p in kept} == {p: was_zipped[p] for p in kept}  # the same zip entries
    pkg = Package(result)
    assert set(after) - set(before) == set().union(*(reach(pkg, part) for part in new))
    charts = [p for p in set(after) - set(before) if re.fullmatch(r"xl/charts/chart\d+\.xml", p)]
    assert len(charts) == SEED_CHARTS


def test_styles_are_appended_only(book: Path) -> None:
    """The user's formats keep their indices (so their cells keep their look); the counts are right."""
    result, _ = transplanted(book, consolidation_donor(book), list(UNIT_SHEETS))
    was = style_lists(parts(book.read_bytes())["xl/styles.xml"])
    now = style_lists(parts(result)["xl/styles.xml"])
    for tag, items in was.items():
        assert now[tag][: len(items)] == items, tag
    assert len(now["cellXfs"]) > len(was["cellXfs"]) and len(now["fonts"]) > len(was["fonts"])
    root = ET.fromstring(parts(result)["xl/styles.xml"])
    for tag in ("numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"):
        element = root.find(MAIN + tag)
        if element is not None:
            assert element.get("count") == str(len(element)), tag
    xfs = root.findall(f"{MAIN}cellXfs/{MAIN}xf")
    assert {xf.get("xfId") for xf in xfs[len(was["cellXfs"]) :]} == {"0"}


def test_the_sheets_look_as_in_the_donor(book: Path) -> None:
    donor = consolidation_donor(book)
    result, _ = transplanted(book, donor, list(UNIT_SHEETS))
    assert_looks_alike(donor, result, list(UNIT_SHEETS))
    wb = openpyxl.load_workbook(io.BytesIO(result))
    assert len(wb[L.SHEET_OVERVIEW]._charts) == SEED_CHARTS
    assert wb.sheetnames[-3:] == list(UNIT_SHEETS)


def test_shared_strings_rich_text_links_and_formats(rich: Path) -> None:
    """A donor with shared strings: they become inline strings (rich text kept), and the
    package's shared strings are not touched; a custom number format gets a free id."""
    donor = styled_donor()
    result, (part,) = transplanted(rich, donor, [STYLED])
    assert_looks_alike(donor, result, [STYLED])
    sheet = parts(result)[part].decode()
    assert 't="s"' not in sheet and sheet.count('t="inlineStr"') == 8
    assert '<is><r><t xml:space="preserve">普通 </t></r><r><rPr><b/>' in sheet
    assert '<is><t xml:space="preserve">=1+1</t></is>' in sheet and "<f>" not in sheet
    assert parts(result)["xl/sharedStrings.xml"] == parts(rich.read_bytes())["xl/sharedStrings.xml"]
    formats = style_lists(parts(result)["xl/styles.xml"])["numFmts"]
    own = style_lists(parts(rich.read_bytes())["xl/styles.xml"])["numFmts"]
    assert formats[: len(own)] == own and 'numFmtId="164" formatCode="0.00"' in own[0]  # the book's own
    free = 1 + max(int(m) for f in own for m in re.findall(r'numFmtId="(\d+)"', f))
    assert len(formats) == len(own) + 1 and f'numFmtId="{free}"' in formats[-1] and "万元" in formats[-1]
    rels = Package(result).relationships(part)
    assert [(kind.rsplit("/", 1)[1], target) for _, kind, target in rels] == [
        ("hyperlink", "https://example.org/")
    ]


def test_position_state_and_defined_names() -> None:
    """At position 0: the user's sheet-scoped names and the active tab follow their sheets."""
    pkg = Package.open(SAMPLE)
    titles = [s.title for s in pkg.sheets()]
    active = titles[int(re.search(r'activeTab="(\d+)"', pkg.workbook).group(1))]  # type: ignore[union-attr]
    transplant_sheets(pkg, styled_donor(), [STYLED], position=0, state="veryHidden")
    result = Package(pkg.to_bytes())
    assert [(s.title, s.state) for s in result.sheets()] == [(STYLED, "veryHidden")] + [
        (s.title, s.state) for s in Package.open(SAMPLE).sheets()
    ]
    now = [s.title for s in result.sheets()]
    assert now[int(re.search(r'activeTab="(\d+)"', result.workbook).group(1))] == active  # type: ignore[union-attr]
    root = ET.fromstring(result.parts["xl/workbook.xml"])
    names = [
        (n.get("name"), now[int(n.get("localSheetId", "0"))], n.text) for n in root.iter(f"{MAIN}definedName")
    ]
    for name, sheet, text in names:  # every sheet-scoped name still points at its own sheet
        assert (text or "").startswith((f"'{sheet}'!", f"{sheet}!")), (name, sheet, text)
    assert ("_xlnm.Print_Titles", STYLED, f"{STYLED}!$1:$1") in names
    assert ("_xlnm._FilterDatabase", STYLED, f"{STYLED}!$A$2:$D$4") in names
    wb = openpyxl.load_workbook(io.BytesIO(pkg.to_bytes()))
    assert wb[STYLED].sheet_state == "veryHidden" and wb[STYLED].print_title_rows == "$1:$1"


def test_missing_lists_are_created_in_schema_order() -> None:
    """A package without <numFmts>, <dxfs> and <definedNames> gets them where the schema puts them."""
    pkg = Package.open(SAMPLE)
    lists = r"<(numFmts|dxfs)\b[^>]*/>|<(numFmts|dxfs)\b.*?</(numFmts|dxfs)>"  # whatever the sample has
    styles = re.sub(lists, "", pkg.text("xl/styles.xml"), flags=re.S)
    assert "<numFmts" not in styles and "<dxfs" not in styles
    pkg.put("xl/styles.xml", re.sub(r'numFmtId="1[6-9]\d"', 'numFmtId="0"', styles))
    for entry in pkg.sheets():  # nothing may point at what is gone
        pkg.put(
            entry.part,
            re.sub(
                r"<conditionalFormatting\b.*?</conditionalFormatting>", "", pkg.text(entry.part), flags=re.S
            ),
        )
    pkg.put("xl/workbook.xml", re.sub(r"<definedNames>.*</definedNames>", "", pkg.workbook))
    plain = pkg.to_bytes()
    pkg = Package(plain)
    transplant_sheets(pkg, styled_donor(), [STYLED])
    result = pkg.to_bytes()
    styles = Package(result).text("xl/styles.xml")
    assert styles.index("<styleSheet") < styles.index("<numFmts") < styles.index("<fonts")
    assert '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.0&quot;万元&quot;"/>' in styles
    assert styles.index("<cellStyles") < styles.index("<dxfs") < styles.index("<tableStyles")
    book = Package(result).workbook
    assert book.index("</sheets><definedNames>") < book.index("</definedNames><calcPr")
    assert_looks_alike(styled_donor(), result, [STYLED])


def test_transplanting_the_same_formats_again_appends_nothing(book: Path) -> None:
    """Formats equal to ones the package has are reused: refreshing the sheets does not grow styles.xml."""
    donor = consolidation_donor(book)
    pkg = Package.open(book)
    transplant_sheets(pkg, donor, list(UNIT_SHEETS))
    styles = pkg.text("xl/styles.xml")
    for title in UNIT_SHEETS:
        pkg.remove_sheet(title)
    transplant_sheets(pkg, donor, list(UNIT_SHEETS))
    assert pkg.text("xl/styles.xml") == styles


def test_a_title_the_package_has_is_refused(book: Path) -> None:
    pkg = Package.open(book)
    title = pkg.sheets()[0].title
    donor = Workbook()
    donor.active.title = title
    with pytest.raises(ValueError, match="already has"):
        transplant_sheets(pkg, saved(donor), [title])


def test_consolidating_twice_gives_the_same_file(book: Path, tmp_path: Path) -> None:
    once, twice = tmp_path / f"once{book.suffix}", tmp_path / f"twice{book.suffix}"
    consolidate_workbook(book, once, PROFILE)
    consolidate_workbook(once, twice, PROFILE)
    assert twice.read_bytes() == once.read_bytes()
    wb = openpyxl.load_workbook(once)
    assert wb.sheetnames[-3:] == list(UNIT_SHEETS)
    assert len(wb[L.SHEET_OVERVIEW]._charts) == SEED_CHARTS


def test_libreoffice_opens_the_result(rich: Path, tmp_path: Path) -> None:
    """LibreOffice converts a consolidated workbook (the user's chart, picture, notes and
    the transplanted sheets with their charts) to PDF; ``docProps/app.xml`` still lists
    the old titles, which LibreOffice does not mind."""
    target = tmp_path / "汇总.xlsm"
    consolidate_workbook(rich, target, PROFILE)
    pkg = Package.open(target)
    assert posixpath.basename(pkg.sheets()[-1].part).startswith("sheet")
    assert L.SHEET_OVERVIEW not in pkg.text("docProps/app.xml")
    convert_to_pdf(target, tmp_path)
