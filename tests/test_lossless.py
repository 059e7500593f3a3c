"""Writes to a clerk's workbook are lossless: only the parts the tool owns change (issue 9).

The workbook (``rich_book``) carries a picture, a text box, a chart, a formula with its
cached value, sized notes, a defined name, conditional formatting, data validation, a
hidden sheet and a VBA project. After ``validate --in-place`` and ``clear``, after
``validate --output`` and ``clear -o``, and after ``consolidate --in-place``, every zip part
the tool does not own is byte for byte the original, the owned parts keep what the clerk
made in them, the tool's own parts are gone after ``clear``, validating again finds the
same, and the file keeps its mode.

The parts a write owns (:func:`owned_parts`), and why each:

- ``[Content_Types].xml``, ``xl/workbook.xml``, ``xl/_rels/workbook.xml.rels``: adding or
  removing a sheet lists it and its parts there; ``xl/workbook.xml`` also holds the active
  tab and the tool's sheets' print titles (defined names). Checked: every part that is
  kept keeps its content type, the clerk's sheets keep their order and visibility, the
  clerk's defined names are unchanged.
- ``docProps/app.xml``: it lists the sheet titles (TitlesOfParts).
- ``xl/styles.xml``: the marks' fills and the tool's sheets' fonts, borders and formats are
  cell formats there. Checked: a marked cell's format differs from its original in the fill
  only, every other cell of a marked sheet keeps its format, and after ``clear`` every cell
  has its original format again (font, fill, border, number format, alignment, protection).
- ``xl/sharedStrings.xml``: one table of every string in the workbook, the tool's sheets'
  strings included. Checked: the original strings keep their places (the tool may append).
- marking (and clearing) only — each marked sheet's XML and rels (a cell's format index,
  the link to its notes) and its notes' parts (``xl/commentsN.xml`` and the legacy VML
  drawing that places and sizes them); and the XML of the sheet that was selected, because
  marking makes 校验结果 the active tab and Excel groups every sheet whose ``tabSelected`` is
  still set. Checked: everything in them but the sheet views and the cells' format indices
  (cells, formulas and cached values, merges, conditional formatting, data validation,
  drawing links, print setup...), and the clerk's notes with text, author and geometry.
- the tool's own sheets (校验结果, ``_校验标记``, 项目汇总表, 指标明细表, 部门概况) and every part
  they reach (部门概况's drawing and charts); they must be gone after ``clear``.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from rich_book import (
    CACHED,
    DEFINED_NAME,
    FORMULA,
    FORMULA_CELL,
    FORMULA_SHEET,
    MARKED_NOTE,
    NOTE_SIZE,
    OWN_NOTE,
    build_rich_book,
)

from workbook_tools import jobs
from workbook_tools import labels as L
from workbook_tools.check.profile import load_profile
from workbook_tools.check.validation import validate_file
from workbook_tools.outputs.mark_plan import FILLS, NOTE_AUTHOR, plan_report

PROFILE = load_profile()
MODE = 0o664
MARK_SHEETS = frozenset({L.SHEET_RESULTS, L.SHEET_MARKS})
UNIT_SHEETS = frozenset({L.SHEET_SUMMARY, L.SHEET_INDICATORS, L.SHEET_OVERVIEW})
TOOL_SHEETS = MARK_SHEETS | UNIT_SHEETS
PACKAGE_PARTS = frozenset(
    {
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "docProps/app.xml",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
    }
)
NOTE_RELS = ("/comments", "/vmlDrawing")  # relationship types of a sheet's notes
NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "v": "urn:schemas-microsoft-com:vml",
    "x": "urn:schemas-microsoft-com:office:excel",
}
R_ID = f"{{{NS['r']}}}id"


# --- the package ----------------------------------------------------------------------------


@dataclass
class Package:
    parts: dict[str, bytes]

    @classmethod
    def read(cls, path: Path) -> Package:
        with zipfile.ZipFile(path) as z:
            return cls({name: z.read(name) for name in z.namelist() if not name.endswith("/")})

    def xml(self, part: str) -> ET.Element:
        return ET.fromstring(self.parts[part])

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id → (type, target part); external targets left out."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.parts:
            return {}
        found = {}
        for rel in self.xml(rels).findall("pr:Relationship", NS):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(resolved))
        return found

    def _sheet_elements(self) -> list[ET.Element]:
        return self.xml("xl/workbook.xml").findall("m:sheets/m:sheet", NS)

    def sheets(self) -> dict[str, str]:
        """Sheet name → its part, in workbook order."""
        rels = self.rels("xl/workbook.xml")
        return {s.get("name", ""): rels[s.get(R_ID, "")][1] for s in self._sheet_elements()}

    def states(self) -> dict[str, str]:
        return {s.get("name", ""): s.get("state", "visible") for s in self._sheet_elements()}

    def selected(self) -> set[str]:
        """The sheets whose tab is selected, and the active one."""
        found = {
            name
            for name, part in self.sheets().items()
            if any(
                v.get("tabSelected") in ("1", "true") for v in self.xml(part).iter(f"{{{NS['m']}}}sheetView")
            )
        }
        view = self.xml("xl/workbook.xml").find("m:bookViews/m:workbookView", NS)
        active = int(view.get("activeTab", "0")) if view is not None else 0
        return found | {list(self.sheets())[active]}

    def reach(self, part: str) -> set[str]:
        """A part, its rels part and every part it reaches through relationships."""
        seen: set[str] = set()
        todo = [part]
        while todo:
            current = todo.pop()
            if current in seen or current not in self.parts:
                continue
            seen.add(current)
            folder, name = posixpath.split(current)
            seen.add(posixpath.join(folder, "_rels", name + ".rels"))
            todo += [target for _, target in self.rels(current).values()]
        return seen & set(self.parts)

    def with_notes(self, sheet_part: str) -> set[str]:
        """A sheet's part, its rels part and its notes' parts."""
        folder, name = posixpath.split(sheet_part)
        notes = {t for kind, t in self.rels(sheet_part).values() if kind.endswith(NOTE_RELS)}
        return {sheet_part, posixpath.join(folder, "_rels", name + ".rels"), *notes} & set(self.parts)


@dataclass(frozen=True)
class Write:
    """What one of the tool's writes may touch (see the module docstring)."""

    marked: frozenset[str] = frozenset()  # sheets with marked cells
    tool_sheets: frozenset[str] = frozenset()
    selects: bool = False  # makes 校验结果 the active tab (and clear gives the tab back)
    print_form: frozenset[str] = frozenset()  # project sheets whose rows may grow (heights only)

    def touched(self, pkg: Package) -> set[str]:
        """The clerk's sheets whose XML the write may change."""
        sheets = set(pkg.sheets()) - TOOL_SHEETS
        chosen = set(self.marked) | set(self.print_form) | (pkg.selected() if self.selects else set())
        return chosen & sheets


def owned_parts(pkg: Package, write: Write) -> set[str]:
    sheets = pkg.sheets()
    owned = set(PACKAGE_PARTS)
    for title in write.touched(pkg):
        owned |= pkg.with_notes(sheets[title]) if title in write.marked else {sheets[title]}
    for title in write.tool_sheets & set(sheets):
        owned |= pkg.reach(sheets[title])
    return owned


def lost_or_changed(before: Package, after: Package, write: Write) -> list[str]:
    """The parts the write should have kept byte for byte but did not, and stray new parts."""
    kept = set(before.parts) - owned_parts(before, write)
    problems = [f"lost {p}" for p in sorted(kept) if p not in after.parts]
    problems += [
        f"changed {p}" for p in sorted(kept) if p in after.parts and after.parts[p] != before.parts[p]
    ]
    new = set(after.parts) - set(before.parts) - owned_parts(after, write)
    return problems + [f"new {p}" for p in sorted(new)]


# --- what the clerk made inside the owned parts ---------------------------------------------

OWN_ELEMENTS = ("sheetData", "sheetViews", "legacyDrawing", "dimension")  # compared on their own


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _canonical(element: ET.Element, sort: bool = False) -> str:
    """An element as text without namespaces: ``<f>E4+G4</f>`` (children sorted if ``sort``)."""
    attrs = "".join(f' {_local(k)}="{v}"' for k, v in sorted(element.attrib.items()))
    children = [_canonical(child, sort) for child in element]
    inner = (element.text or "").strip() + "".join(sorted(children) if sort else children)
    return f"<{_local(element.tag)}{attrs}>{inner}</{_local(element.tag)}>"


def sheet_features(pkg: Package, sheet: str) -> dict[str, object]:
    """A sheet's XML as the clerk made it: every element, cells by content (not format index);
    a drawing by the part it points at."""
    part = pkg.sheets()[sheet]
    root = pkg.xml(part)
    rels = pkg.rels(part)
    features: dict[str, list[str]] = {}
    for child in root:
        tag = _local(child.tag)
        if tag in OWN_ELEMENTS:
            continue
        text = rels[child.attrib[R_ID]][1] if R_ID in child.attrib else _canonical(child)
        features.setdefault(tag, []).append(text)
    strings = shared_strings(pkg)
    cells = {}
    for c in root.iterfind("m:sheetData/m:row/m:c", NS):
        content = [_canonical(e) for e in c]
        if c.get("t") == "s" and content:
            content = [strings[int(re.sub(r"<[^>]+>", "", content[-1]))]]
        if content:
            cells[c.get("r", "")] = (c.get("t", "n"), *content)
    return {**features, "cells": cells}


def shared_strings(pkg: Package) -> list[str]:
    if "xl/sharedStrings.xml" not in pkg.parts:
        return []
    return [_canonical(si) for si in pkg.xml("xl/sharedStrings.xml").findall("m:si", NS)]


def cell_formats(pkg: Package, sheet: str) -> dict[str, dict[str, str]]:
    """Each cell's format, resolved: font, fill, border, number format, alignment, protection."""
    styles = pkg.xml("xl/styles.xml")
    codes = {f.get("numFmtId"): f.get("formatCode", "") for f in styles.iterfind("m:numFmts/m:numFmt", NS)}

    def pick(kind: str, index: str | None) -> str:
        items = styles.findall(f"m:{kind}s/m:{kind}", NS)
        return _canonical(items[int(index or 0)], sort=True) if items else ""

    formats = []
    for xf in styles.findall("m:cellXfs/m:xf", NS):
        protection = {"locked": "1", "hidden": "0"}
        element = xf.find("m:protection", NS)
        protection |= {
            k: {"true": "1", "false": "0"}.get(v, v)
            for k, v in (element.attrib if element is not None else {}).items()
        }
        alignment = xf.find("m:alignment", NS)
        number = xf.get("numFmtId", "0")
        formats.append(
            {
                "font": pick("font", xf.get("fontId")),
                "fill": pick("fill", xf.get("fillId")),
                "border": pick("border", xf.get("borderId")),
                "number": codes.get(number, number),
                "alignment": _canonical(alignment) if alignment is not None else "",
                "protection": repr(sorted(protection.items())),
            }
        )
    root = pkg.xml(pkg.sheets()[sheet])
    return {c.get("r", ""): formats[int(c.get("s", "0"))] for c in root.iterfind("m:sheetData/m:row/m:c", NS)}


def notes(pkg: Package, sheet: str) -> dict[str, tuple[str, str, str]]:
    """Cell → (author, text, geometry) of a sheet's notes; geometry from the VML drawing."""
    targets = {kind.rsplit("/", 1)[1]: t for kind, t in pkg.rels(pkg.sheets()[sheet]).values()}
    if "comments" not in targets:
        return {}
    root = pkg.xml(targets["comments"])
    authors = [a.text or "" for a in root.findall("m:authors/m:author", NS)]
    found = {}
    for comment in root.findall("m:commentList/m:comment", NS):
        text = "".join(t.text or "" for t in comment.iter(f"{{{NS['m']}}}t"))
        found[comment.get("ref", "")] = (authors[int(comment.get("authorId", "0"))], text)
    geometry = {}
    for shape in ET.fromstring(pkg.parts[targets["vmlDrawing"]]).iter(f"{{{NS['v']}}}shape"):
        data = shape.find("x:ClientData", NS)
        if data is None or data.get("ObjectType") != "Note":
            continue
        row, col = int(data.findtext("x:Row", "0", NS)), int(data.findtext("x:Column", "0", NS))
        pairs = (item.split(":", 1) for item in (shape.get("style") or "").split(";") if ":" in item)
        style = {key.strip(): value.strip() for key, value in pairs}
        anchor = data.findtext("x:Anchor", "", NS).replace(" ", "")
        geometry[f"{chr(ord('A') + col)}{row + 1}"] = (
            f"{style.get('width')} × {style.get('height')} at {anchor}"
        )
    return {ref: (author, text, geometry.get(ref, "")) for ref, (author, text) in found.items()}


def defined_names(pkg: Package) -> dict[tuple[str, str], str]:
    """The clerk's defined names, scoped by sheet name (not index); the tool's sheets' left out."""
    names = list(pkg.sheets())
    found = {}
    for name in pkg.xml("xl/workbook.xml").findall("m:definedNames/m:definedName", NS):
        scope = name.get("localSheetId")
        sheet = names[int(scope)] if scope is not None else ""
        if sheet not in TOOL_SHEETS:
            found[(name.get("name", ""), sheet)] = name.text or ""
    return found


def content_types(pkg: Package) -> dict[str, str]:
    root = pkg.xml("[Content_Types].xml")
    defaults = {
        d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.findall("ct:Default", NS)
    }
    overrides = {
        o.get("PartName", "").lstrip("/"): o.get("ContentType", "") for o in root.findall("ct:Override", NS)
    }
    return {
        part: overrides.get(part, defaults.get(part.rsplit(".", 1)[-1].lower(), ""))
        for part in pkg.parts
        if part != "[Content_Types].xml"
    }


def clerk_view(pkg: Package, touched: set[str], marks: dict[str, set[str]]) -> dict[str, object]:
    """What the clerk made inside the owned parts, cells' formats aside; the notes of marked
    cells left out (a mark's note stands in for the clerk's until ``clear``)."""
    user = [s for s in pkg.sheets() if s not in TOOL_SHEETS]
    return {
        "sheets": [(s, pkg.states()[s]) for s in user],
        "defined names": defined_names(pkg),
        "touched sheets": {s: sheet_features(pkg, s) for s in sorted(touched)},
        "clerk's notes": {
            s: {r: n for r, n in notes(pkg, s).items() if r not in marks.get(s, set())} for s in user
        },
    }


def check_lossless(before: Package, after: Package, write: Write, marks: dict[str, set[str]]) -> None:
    """Byte for byte outside the owned parts; the clerk's things inside them; formats: only
    the marked cells' fills differ (``marks``: sheet → marked cells, empty after clear)."""
    assert lost_or_changed(before, after, write) == []
    touched = write.touched(before)
    assert clerk_view(after, touched, marks) == clerk_view(before, touched, marks)
    types_before, types_after = content_types(before), content_types(after)
    assert {p: types_after.get(p) for p in types_before if p in after.parts} == {
        p: t for p, t in types_before.items() if p in after.parts
    }
    old = shared_strings(before)
    assert shared_strings(after)[: len(old)] == old
    for sheet in write.marked:
        was, now = cell_formats(before, sheet), cell_formats(after, sheet)
        cells = marks.get(sheet, set())
        assert {r: f for r, f in now.items() if r in was and r not in cells} == {
            r: f for r, f in was.items() if r in now and r not in cells
        }
        written = notes(after, sheet)
        for ref in cells:  # a mark: its fill and its note, nothing else of the cell's format
            assert {**now[ref], "fill": ""} == {**was[ref], "fill": ""}, ref
            assert any(rgb in now[ref]["fill"] for rgb in FILLS.values()), ref
            assert written[ref][0] == NOTE_AUTHOR, ref


# --- the runs ---------------------------------------------------------------------------------


def findings(path: Path) -> list[tuple[str, str, str, str]]:
    return [(f.code, f.sheet, f.cell, f.message) for f in validate_file(path, PROFILE).findings]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def planned_marks(path: Path) -> dict[str, set[str]]:
    marks: dict[str, set[str]] = {}
    for mark in plan_report(validate_file(path, PROFILE), PROFILE).marks:
        marks.setdefault(mark.sheet, set()).add(mark.cell)
    return marks


@pytest.fixture
def rich(tmp_path: Path, seed_data: dict) -> Path:
    path = build_rich_book(seed_data, tmp_path / "单位.xlsm")
    os.chmod(path, MODE)
    return path


def test_the_rich_book_has_what_it_should(rich: Path) -> None:
    pkg = Package.read(rich)
    assert {"xl/vbaProject.bin", "xl/media/image1.png", "xl/charts/chart1.xml"} <= set(pkg.parts)
    assert content_types(pkg)["xl/workbook.xml"].startswith("application/vnd.ms-excel.sheet.macroEnabled")
    assert any(b"txBox" in data for part, data in pkg.parts.items() if part.startswith("xl/drawings/drawing"))
    assert pkg.states()[L.SHEET_LISTS] == "hidden"
    assert (DEFINED_NAME, "") in defined_names(pkg)
    features = sheet_features(pkg, FORMULA_SHEET)
    assert {"conditionalFormatting", "dataValidations", "drawing", "mergeCells"} <= set(features)
    assert features["cells"][FORMULA_CELL] == ("n", f"<f>{FORMULA[1:]}</f>", f"<v>{CACHED}</v>")  # type: ignore[index]
    width, height = (f"{n * 0.75:g}pt" for n in NOTE_SIZE)
    assert notes(pkg, FORMULA_SHEET)[OWN_NOTE[1]][2].startswith(f"{width} × {height}")
    assert notes(pkg, L.SHEET_DEPARTMENT)  # a note on a sheet validation does not mark
    model = validate_file(rich, PROFILE).model
    assert model is not None
    budget = next(p.budget for p in model.projects if p.budget.loc and p.budget.loc.sheet == FORMULA_SHEET)
    assert (budget.raw, budget.uncomputed) == (CACHED, False)  # python-calamine reads the cached value
    marks = planned_marks(rich)
    assert set(marks) == {FORMULA_SHEET, "招商引资工作经费"} and MARKED_NOTE[1] in marks[MARKED_NOTE[0]]
    assert L.SHEET_DEPARTMENT in pkg.selected()


@pytest.mark.parametrize("in_place", [True, False], ids=["in-place", "output"])
def test_validate_then_clear_is_lossless(rich: Path, tmp_path: Path, in_place: bool) -> None:
    before, found, marks = Package.read(rich), findings(rich), planned_marks(rich)
    write = Write(frozenset(marks), MARK_SHEETS, selects=True)
    target = rich if in_place else tmp_path / "校验后.xlsm"
    run = jobs.validate_paths([rich], PROFILE, output=None if in_place else target, in_place=in_place)
    assert (run.written, run.unwritable) == ([target], [])
    marked = Package.read(target)
    assert marked.states()[L.SHEET_MARKS] == "veryHidden" and L.SHEET_RESULTS in marked.sheets()
    check_lossless(before, marked, write, marks)
    assert findings(target) == found
    assert mode(target) == (MODE if in_place else new_file_mode())

    cleared_path = target if in_place else tmp_path / "清除后.xlsm"
    assert jobs.clear_path(target, None if in_place else cleared_path) == sum(map(len, marks.values()))
    cleared = Package.read(cleared_path)
    assert set(cleared.parts) == set(before.parts)  # the tool's own parts are gone, nothing new
    check_lossless(before, cleared, write, {})
    for sheet in marks:  # the clerk's note on a marked cell comes back whole, and nothing else
        assert notes(cleared, sheet) == notes(before, sheet)
    assert findings(cleared_path) == found
    assert mode(cleared_path) == (MODE if in_place else new_file_mode())


def test_consolidate_in_place_is_lossless(rich: Path) -> None:
    before, found = Package.read(rich), findings(rich)
    projects = frozenset(p.sheet for p in validate_file(rich, PROFILE).model.projects)
    write = Write(tool_sheets=UNIT_SHEETS, print_form=projects)  # consolidate keeps the print form too
    target, _ = jobs.consolidate_unit(rich, PROFILE, in_place=True)
    assert target == rich
    after = Package.read(rich)
    assert set(after.sheets()) >= UNIT_SHEETS
    charts = [
        p
        for p in after.reach(after.sheets()[L.SHEET_OVERVIEW])
        if re.fullmatch(r"xl/charts/chart\d+\.xml", p)
    ]
    assert len(charts) == 1  # the bar chart; an even plan gets a sentence, not a line chart
    check_lossless(before, after, write, {})
    assert findings(rich) == found
    assert mode(rich) == MODE

    jobs.consolidate_unit(rich, PROFILE, in_place=True)  # refreshing replaces the tool's sheets
    again = Package.read(rich)
    check_lossless(before, again, write, {})
    assert len(again.parts) == len(after.parts)
    assert findings(rich) == found
