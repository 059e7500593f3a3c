"""The clerk's .xlsm: the template's cells plus our VBA module, the pinned xlwings module,
buttons on the guide and on every project sheet, a ribbon tab and the xlwings.conf sheet.

The VBA project is not byte-reproducible (LibreOffice writes random ids), so it is compared
by the source olevba extracts. Not verifiable here: opening it in desktop Excel and clicking.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, SAMPLE, TEMPLATE, convert

from workbook_tools import labels
from workbook_tools.check.profile import load_profile
from workbook_tools.check.validation import validate_file
from workbook_tools.outputs.filled_book import new_unit_workbook
from workbook_tools.outputs.macro_book import COMMANDS, bundled_vba, xlwings_vba_sources
from workbook_tools.outputs.template_book import CONF_ROWS, CONF_SHEET

olevba = pytest.importorskip("oletools.olevba")
MACRO_TEMPLATE = ROOT / "templates" / "target_template.xlsm"
OUR_MODULE = ROOT / "macros" / "WorkbookTools.bas"


def normalised(code: str) -> str:
    lines = code.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [line.rstrip() for line in lines if not line.startswith("Attribute VB_Name")]
    return "\n".join(lines).strip()


def modules(path: Path) -> dict[str, str]:
    parser = olevba.VBA_Parser(str(path))
    try:
        return {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def subs(code: str) -> set[str]:
    return set(re.findall(r"^\s*(?:Public\s+|Private\s+)?Sub\s+(\w+)", code, re.M | re.I))


def test_vba_project_holds_our_module_and_the_pinned_xlwings_module() -> None:
    found = modules(MACRO_TEMPLATE)
    assert normalised(found["WorkbookTools.bas"]) == normalised(OUR_MODULE.read_text(encoding="utf-8"))
    for name, code in xlwings_vba_sources().items():
        assert normalised(found[name]) == normalised(code), name
    assert f"'Version: {version('xlwings')}" in found["xlwings.bas"]


def test_xlwings_pin_matches_the_installed_and_embedded_version() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"xlwings=={version("xlwings")}"' in pyproject


def test_package_parts_match_a_fresh_build(tmp_path: Path) -> None:
    from workbook_tools.outputs.template_book import build_macro_template

    fresh = build_macro_template(tmp_path / "fresh.xlsm")
    with zipfile.ZipFile(MACRO_TEMPLATE) as committed, zipfile.ZipFile(fresh) as built:
        assert sorted(committed.namelist()) == sorted(built.namelist())
        for name in committed.namelist():
            if name != "docProps/core.xml":  # creation time
                assert committed.read(name) == built.read(name), name
        assert committed.read("xl/vbaProject.bin") == bundled_vba()


def button_macros(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Per sheet title: (caption, macro) of each form button in the package's VML drawings."""
    with zipfile.ZipFile(path) as package:
        book = package.read("xl/workbook.xml").decode()
        rels = package.read("xl/_rels/workbook.xml.rels").decode()
        targets = {
            re.search(r'Id="([^"]+)"', rel).group(1): re.search(r'Target="([^"]+)"', rel).group(1)
            for rel in re.findall(r"<Relationship\b[^>]*>", rels)
        }
        found = {}
        for title, rid in re.findall(r'<sheet\b[^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', book):
            target = targets[rid]
            sheet = target.lstrip("/") if target.startswith("/") else "xl/" + target
            rel_part = sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
            if rel_part not in package.namelist():
                continue
            vml_target = re.search(r'Target="\.\./drawings/([^"]+\.vml)"', package.read(rel_part).decode())
            vml = package.read(f"xl/drawings/{vml_target.group(1)}").decode()
            captions = re.findall(r'color="#000000">([^<]+)</font>', vml)
            macros = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
            found[title] = list(zip(captions, macros))
    return found


def test_buttons_on_the_guide_and_every_project_sheet_name_existing_subs(tmp_path: Path) -> None:
    book = new_unit_workbook(
        tmp_path / "u.xlsm", "711002", "定州市总工会", 2021, 3, load_profile(), macros=True
    )
    expected = [(labels.BUTTONS[key], macro) for macro, _, key, _ in COMMANDS]
    assert button_macros(book) == {title: expected for title in ("填报说明", "项目1", "项目2", "项目3")}
    ours = subs(OUR_MODULE.read_text(encoding="utf-8"))
    assert {macro for macro, *_ in COMMANDS} <= ours
    with zipfile.ZipFile(book) as package:
        ribbon = package.read("customUI/customUI.xml").decode()
        assert "ui/extensibility" in package.read("_rels/.rels").decode()
    callbacks = re.findall(r'onAction="(\w+)"', ribbon)
    assert callbacks == [callback for _, callback, _, _ in COMMANDS] and set(callbacks) <= ours
    assert labels.RIBBON_TAB in ribbon


def test_error_handlers_and_status_bar_in_our_module() -> None:
    code = OUR_MODULE.read_text(encoding="utf-8")
    assert "On Error GoTo" in code and "MsgBox" in code and "Application.StatusBar" in code
    assert "workbook_tools.hosts.excel" in code


def test_libreoffice_reopens_it_with_the_buttons_bound_to_the_macros(tmp_path: Path) -> None:
    ods = convert(MACRO_TEMPLATE, tmp_path, "ods")
    content = zipfile.ZipFile(ods).read("content.xml").decode()
    tables = re.split(r"<table:table ", content)[1:]
    bound: dict[str, list[tuple[str, str]]] = {}
    for table in tables:
        name = re.match(r'table:name="([^"]+)"', table).group(1)
        for label, body in re.findall(
            r'<form:button[^>]*form:label="([^"]*)"[^>]*>(.*?)</form:button>', table, re.S
        ):
            macro = re.search(r"VBAProject\.WorkbookTools\.(\w+)\?language=Basic", body)
            bound.setdefault(name, []).append((label, macro.group(1) if macro else ""))
    expected = [(labels.BUTTONS[key], macro) for macro, _, key, _ in COMMANDS]
    assert bound == {"填报说明": expected, "项目1": expected}


def look(path: Path, skip: tuple[str, ...] = ()) -> dict:
    wb = openpyxl.load_workbook(path, keep_vba=path.suffix == ".xlsm")
    state: dict = {"sheets": [(ws.title, ws.sheet_state) for ws in wb.worksheets if ws.title not in skip]}
    for ws in wb.worksheets:
        if ws.title in skip:
            continue
        state[ws.title] = {
            "cells": {
                c.coordinate: (
                    c.value,
                    c.number_format,
                    repr(c.font),
                    repr(c.fill),
                    repr(c.border),
                    c.protection.locked,
                )
                for row in ws.iter_rows()
                for c in row
            },
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "validations": sorted((str(v.sqref), v.formula1) for v in ws.data_validations.dataValidation),
            "protection": (ws.protection.sheet, ws.protection.formatCells, ws.protection.insertRows),
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
        }
    return state


def test_cells_styles_merges_validations_equal_the_xlsx_template() -> None:
    assert look(MACRO_TEMPLATE, skip=(CONF_SHEET,)) == look(TEMPLATE)


def test_xlwings_conf_sheet_points_at_the_setup_environment() -> None:
    wb = openpyxl.load_workbook(MACRO_TEMPLATE, keep_vba=True)
    conf = wb[CONF_SHEET]
    assert conf.sheet_state == "hidden"
    assert [tuple(r) for r in conf.iter_rows(values_only=True)] == list(CONF_ROWS)
    assert dict(CONF_ROWS)["ADD_WORKBOOK_TO_PYTHONPATH"] == "False"


def test_validate_gives_the_same_findings_on_both_templates() -> None:
    profile = load_profile()
    on_xlsx = validate_file(TEMPLATE, profile)
    on_xlsm = validate_file(MACRO_TEMPLATE, profile)
    assert [(f.code, f.sheet, f.cell, f.message) for f in on_xlsm.findings] == [
        (f.code, f.sheet, f.cell, f.message) for f in on_xlsx.findings
    ]
    assert on_xlsx.findings  # a blank template has required fields to fill


def test_the_sample_as_xlsm_validates_like_the_sample(tmp_path: Path, seed_data) -> None:
    from workbook_tools.outputs.filled_book import write_workbook

    path = write_workbook(seed_data, tmp_path / "seed.xlsm", macros=True)
    keys = lambda p: [(f.code, f.sheet, f.cell) for f in validate_file(p, load_profile()).findings]  # noqa: E731
    assert keys(path) == keys(SAMPLE)


def test_new_xlsm_from_the_command_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbook_tools.hosts.cli",
            "new",
            "-o",
            str(tmp_path / "单位"),
            "--xlsm",
            "--unit-code",
            "711002",
            "--unit-name",
            "定州市总工会",
            "--year",
            "2021",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "单位.xlsm").exists() and "xl/vbaProject.bin" in zipfile.ZipFile(
        tmp_path / "单位.xlsm"
    ).namelist()


def test_lite_script_buttons_name_the_shapes_in_the_xlsm() -> None:
    from workbook_tools.outputs.template_book import web_button_refs

    script = (ROOT / "macros" / "main.py").read_text(encoding="utf-8")
    refs = re.findall(r'button="([^"]+)"', script)
    assert refs == list(web_button_refs().values())
    with zipfile.ZipFile(MACRO_TEMPLATE) as package:
        drawing = package.read("xl/drawings/drawing1.xml").decode()
        links = package.read("xl/drawings/_rels/drawing1.xml.rels").decode()
    for ref in refs:
        name, sheet_cell = re.match(r"\[(\w+)\](.+)", ref).groups()
        sheet, cell = sheet_cell.split("!")
        assert f'name="{name}"' in drawing
        assert f"Target=\"#'{sheet}'!{cell}\"" in links


def test_vba_project_builds_from_the_sources(tmp_path: Path) -> None:
    """scripts/build_vba.py (LibreOffice over UNO) turns macros/ and the pinned xlwings module
    into a VBA project whose modules olevba reads back as those sources."""
    import os
    import shutil

    system_python = "/usr/bin/python3"
    has_uno = (
        Path(system_python).exists() and subprocess.run([system_python, "-c", "import uno"]).returncode == 0
    )
    if not (has_uno and shutil.which("soffice")):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice with python3-uno is required on CI")
        pytest.skip("LibreOffice's Python bridge (python3-uno) is not installed")
    sources = [OUR_MODULE]
    for name, code in xlwings_vba_sources().items():
        sources.append(tmp_path / name)
        sources[-1].write_text(code, encoding="utf-8")
    out = tmp_path / "vbaProject.bin"
    build = [system_python, str(ROOT / "scripts" / "build_vba.py"), str(out), *map(str, sources)]
    subprocess.run(build, check=True, capture_output=True, timeout=240)
    book = tmp_path / "built.xlsm"
    from workbook_tools.outputs.macro_book import to_macro_book

    book.write_bytes(to_macro_book(TEMPLATE.read_bytes(), out.read_bytes(), {}))
    built = modules(book)
    assert normalised(built["WorkbookTools.bas"]) == normalised(OUR_MODULE.read_text(encoding="utf-8"))
    for name, code in xlwings_vba_sources().items():
        assert normalised(built[name]) == normalised(code)


def drawings_of(package: zipfile.ZipFile, title: str) -> list[str]:
    """The drawing parts (VML and DrawingML) of one sheet, by its relationships."""
    book = package.read("xl/workbook.xml").decode()
    rels = package.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet\b[^>]*name="{title}"[^>]*r:id="([^"]+)"', book).group(1)
    rel = next(r for r in re.findall(r"<Relationship\b[^>]*>", rels) if f'Id="{rid}"' in r)
    sheet = re.search(r'Target="/?(?:xl/)?([^"]+)"', rel).group(1)
    sheet_rels = package.read("xl/" + sheet.replace("worksheets/", "worksheets/_rels/") + ".rels").decode()
    return [
        package.read("xl/drawings/" + t).decode()
        for t in re.findall(r'Target="\.\./drawings/([^"]+)"', sheet_rels)
    ]


def test_buttons_sit_clear_of_the_form_and_its_print_area() -> None:
    """Every button starts right of the last column the sheet prints (the form)."""
    from openpyxl.utils import column_index_from_string

    wb = openpyxl.load_workbook(MACRO_TEMPLATE, keep_vba=True)
    with zipfile.ZipFile(MACRO_TEMPLATE) as package:
        for title in ("填报说明", "项目1"):
            last = re.findall(r"\$([A-Z]+)\$\d+", str(wb[title].print_area))[-1]
            after_form = column_index_from_string(last)  # 0-based index of the next column
            texts = drawings_of(package, title)
            anchors = [int(a) for t in texts for a in re.findall(r"<x:Anchor>(\d+),", t)]
            anchors += [int(a) for t in texts for a in re.findall(r"<xdr:from><xdr:col>(\d+)<", t)]
            assert len(anchors) == (6 if title == "填报说明" else 3)
            assert all(a > after_form for a in anchors), (title, anchors, last)
