"""The clerk's macro workbook: a template .xlsx package plus the parts that make its buttons work.

openpyxl builds the cells; this small package patcher adds what openpyxl does not write:
the VBA project (``vbaProject.bin``, built from ``macros/`` by ``scripts/build_vba.py``),
form buttons 校验 / 汇总 / 清除标记 as legacy VML drawings bound to the VBA macros (the way
XlsxWriter's ``insert_button`` writes them), and a ribbon tab (``customUI/customUI.xml``).
Every other part of the package is copied byte for byte.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from importlib import resources
from xml.sax.saxutils import escape, quoteattr

from workbook_tools import labels
from workbook_tools.outputs.package import AFTER_LEGACY, insert_child

VBA_PART = "xl/vbaProject.bin"
RIBBON_PART = "customUI/customUI.xml"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
REL_VML = f"{R_NS}/vmlDrawing"
REL_RIBBON = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
CT_MACRO_BOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CT_BOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_DEFAULTS = {
    "bin": "application/vnd.ms-office.vbaProject",
    "vml": "application/vnd.openxmlformats-officedocument.vmlDrawing",
}

XLWINGS_MODULES = ("xlwings.bas", "Dictionary.cls")
#: The three commands: VBA macro, ribbon callback, the label's key in ``labels.BUTTONS``.
COMMANDS = (
    ("ValidateWorkbook", "RibbonValidate", "validate", "AcceptInvitation"),
    ("ConsolidateWorkbook", "RibbonConsolidate", "consolidate", "TableInsert"),
    ("ClearMarks", "RibbonClear", "clear", "Delete"),
)


@dataclass(frozen=True)
class Button:
    """A form button: its place in points and its cell anchor (Excel's x:Anchor: from column,
    x offset px, row, y offset px, to column, x offset px, row, y offset px; 0-based)."""

    caption: str
    macro: str
    left: float
    top: float
    width: float
    height: float
    anchor: tuple[int, float, int, float, int, float, int, float]


@dataclass(frozen=True)
class WebButton:
    """A named shape for Excel on the web / xlwings Lite: it links to the cell under it, and
    ``@script(button="[name]sheet!cell")`` in ``macros/main.py`` runs the script on a click."""

    caption: str
    name: str
    sheet: str
    cell: str
    width: float
    height: float
    anchor: tuple[int, float, int, float, int, float, int, float]


def bundled_vba() -> bytes:
    """The VBA project shipped with the package (our module and the pinned xlwings module)."""
    return (resources.files("workbook_tools.outputs") / "vba" / "vbaProject.bin").read_bytes()


def xlwings_vba_sources() -> dict[str, str]:
    """The standalone xlwings VBA modules of the installed (pinned) xlwings, by file name.

    They are taken from the workbook xlwings ships for ``xlwings quickstart --standalone``
    (build time and tests only: needs oletools).
    """
    import xlwings
    from oletools.olevba import VBA_Parser

    book = resources.files(xlwings) / "quickstart_standalone.xlsm"
    parser = VBA_Parser(str(book))
    try:
        found = {name: code for _, _, name, code in parser.extract_macros() if name in XLWINGS_MODULES}
    finally:
        parser.close()
    return {name: found[name] for name in XLWINGS_MODULES}


def ribbon_xml() -> str:
    buttons = "".join(
        f'<button id="wt{macro}" label={quoteattr(labels.BUTTONS[key])} size="large" '
        f'imageMso="{image}" onAction="{callback}"/>'
        for macro, callback, key, image in COMMANDS
    )
    return (
        '<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui">'
        f'<ribbon><tabs><tab id="wtTab" label={quoteattr(labels.RIBBON_TAB)}>'
        f'<group id="wtGroup" label={quoteattr(labels.RIBBON_GROUP)}>{buttons}</group>'
        "</tab></tabs></ribbon></customUI>"
    )


def vml(buttons: list[Button], drawing: int) -> str:
    """A legacy drawing with form buttons, as Excel (and XlsxWriter) write them."""
    shapes = "".join(_vml_button(b, drawing * 1024 + i + 1) for i, b in enumerate(buttons))
    return (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">'
        f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{drawing}"/></o:shapelayout>'
        '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" '
        'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
        '<v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/>'
        '<o:lock v:ext="edit" shapetype="t"/></v:shapetype>'
        f"{shapes}</xml>"
    )


def _vml_button(button: Button, shape_id: int) -> str:
    style = (
        f"position:absolute;margin-left:{button.left:g}pt;margin-top:{button.top:g}pt;"
        f"width:{button.width:g}pt;height:{button.height:g}pt;z-index:1;mso-wrap-style:tight"
    )
    anchor = ", ".join(str(round(v)) for v in button.anchor)
    return (
        f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t201" style="{style}" o:button="t" '
        'fillcolor="buttonFace [67]" strokecolor="windowText [64]" o:insetmode="auto">'
        '<v:fill color2="buttonFace [67]" o:detectmouseclick="t"/><o:lock v:ext="edit" rotation="t"/>'
        '<v:textbox style="mso-direction-alt:auto" o:singleclick="f"><div style="text-align:center">'
        f'<font face="{escape(labels.FONT_SONG)}" size="220" color="#000000">{escape(button.caption)}</font>'
        "</div></v:textbox>"
        f'<x:ClientData ObjectType="Button"><x:Anchor>{anchor}</x:Anchor>'
        "<x:PrintObject>False</x:PrintObject><x:AutoFill>False</x:AutoFill>"
        f"<x:FmlaMacro>[0]!{button.macro}</x:FmlaMacro>"
        "<x:TextHAlign>Center</x:TextHAlign><x:TextVAlign>Center</x:TextVAlign></x:ClientData></v:shape>"
    )


EMU_PER_PX = 9525
WEB_FILL = "DDEBF7"


def drawing_xml(buttons: list[WebButton]) -> str:
    """A DrawingML drawing holding the web buttons, each hyperlinked to the cell under it."""
    shapes = []
    for i, b in enumerate(buttons, 1):
        col, dx, row, dy, col2, dx2, row2, dy2 = b.anchor
        shapes.append(
            "<xdr:twoCellAnchor>"
            f"<xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>{round(dx * EMU_PER_PX)}</xdr:colOff>"
            f"<xdr:row>{row}</xdr:row><xdr:rowOff>{round(dy * EMU_PER_PX)}</xdr:rowOff></xdr:from>"
            f"<xdr:to><xdr:col>{col2}</xdr:col><xdr:colOff>{round(dx2 * EMU_PER_PX)}</xdr:colOff>"
            f"<xdr:row>{row2}</xdr:row><xdr:rowOff>{round(dy2 * EMU_PER_PX)}</xdr:rowOff></xdr:to>"
            f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{i + 1}" name={quoteattr(b.name)}>'
            f'<a:hlinkClick xmlns:r="{R_NS}" r:id="rIdLink{i}"/></xdr:cNvPr><xdr:cNvSpPr/></xdr:nvSpPr>'
            f'<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{round(b.width * 12700)}" '
            f'cy="{round(b.height * 12700)}"/></a:xfrm><a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:srgbClr val="{WEB_FILL}"/></a:solidFill>'
            '<a:ln w="9525"><a:solidFill><a:srgbClr val="7F7F7F"/></a:solidFill></a:ln></xdr:spPr>'
            '<xdr:txBody><a:bodyPr wrap="square" anchor="ctr" anchorCtr="1"/><a:lstStyle/>'
            '<a:p><a:pPr algn="ctr"/><a:r><a:rPr lang="zh-CN" sz="1000"/>'
            f"<a:t>{escape(b.caption)}</a:t></a:r></a:p>"
            "</xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>"
        )
    return (
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">{"".join(shapes)}</xdr:wsDr>'
    )


def to_macro_book(
    xlsx: bytes, vba: bytes, buttons: dict[str, list[Button]], web: dict[str, list[WebButton]] | None = None
) -> bytes:
    """The .xlsm package: ``xlsx`` with the VBA project, each sheet's buttons and the ribbon."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheets = _sheet_parts(parts)
    _add_rel(parts, "xl/_rels/workbook.xml.rels", REL_VBA, "vbaProject.bin")
    parts[VBA_PART] = vba
    _add_rel(parts, "_rels/.rels", REL_RIBBON, RIBBON_PART)
    parts[RIBBON_PART] = ribbon_xml().encode()
    for drawing, (title, sheet_buttons) in enumerate(buttons.items(), 1):
        sheet = sheets[title]
        target = f"xl/drawings/vmlDrawing{drawing}.vml"
        parts[target] = vml(sheet_buttons, drawing).encode()
        rels = posixpath.join(posixpath.dirname(sheet), "_rels", posixpath.basename(sheet) + ".rels")
        rid = _add_rel(parts, rels, REL_VML, f"../drawings/vmlDrawing{drawing}.vml")
        parts[sheet] = _insert(parts[sheet].decode(), "legacyDrawing", rid, AFTER_LEGACY).encode()
    for drawing, (title, shapes) in enumerate((web or {}).items(), 1):
        _add_web_buttons(parts, sheets[title], drawing, shapes)
    parts["[Content_Types].xml"] = _content_types(parts["[Content_Types].xml"].decode()).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target_zip:
        for name, data in parts.items():
            target_zip.writestr(name, data)
    return out.getvalue()


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """Sheet title → its part name, from the workbook and its relationships."""
    book = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    targets = dict(re.findall(r'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
    targets |= {
        rid: t for t, rid in re.findall(r'<Relationship[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)
    }
    found = {}
    for attrs in re.findall(r"<sheet\b([^>]*)/>", book):
        name = re.search(r'name="([^"]*)"', attrs)
        rid = re.search(r'r:id="([^"]*)"', attrs)
        if name and rid:
            target = targets[rid.group(1)]
            found[_unescape(name.group(1))] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return found


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def _add_rel(parts: dict[str, bytes], rels_part: str, rel_type: str, target: str) -> str:
    """Add a relationship to a .rels part (created if missing); returns its new id."""
    text = (
        parts[rels_part].decode()
        if rels_part in parts
        else f'<Relationships xmlns="{REL_NS}"></Relationships>'
    )
    used = set(re.findall(r'Id="([^"]+)"', text))
    rid = next(f"rIdWt{i}" for i in range(1, 1000) if f"rIdWt{i}" not in used)
    rel = f'<Relationship Id="{rid}" Type="{rel_type}" Target="{escape(target)}"/>'
    parts[rels_part] = text.replace("</Relationships>", rel + "</Relationships>").encode()
    return rid


def _add_web_buttons(parts: dict[str, bytes], sheet: str, drawing: int, shapes: list[WebButton]) -> None:
    target = f"xl/drawings/drawing{drawing}.xml"
    parts[target] = drawing_xml(shapes).encode()
    links = "".join(
        f'<Relationship Id="rIdLink{i}" Type="{R_NS}/hyperlink" '
        f"Target={quoteattr(chr(35) + _quoted(s.sheet) + '!' + s.cell)}/>"
        for i, s in enumerate(shapes, 1)
    )
    parts[f"xl/drawings/_rels/drawing{drawing}.xml.rels"] = (
        f'<Relationships xmlns="{REL_NS}">{links}</Relationships>'.encode()
    )
    rels = posixpath.join(posixpath.dirname(sheet), "_rels", posixpath.basename(sheet) + ".rels")
    rid = _add_rel(parts, rels, f"{R_NS}/drawing", f"../drawings/drawing{drawing}.xml")
    parts[sheet] = _insert(parts[sheet].decode(), "drawing", rid, ("legacyDrawing", *AFTER_LEGACY)).encode()
    override = f'<Override PartName="/{target}" ContentType="{CT_DRAWING}"/>'
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()


def _quoted(sheet: str) -> str:
    return "'{}'".format(sheet.replace("'", "''"))


def _insert(sheet: str, tag: str, rid: str, before: tuple[str, ...]) -> str:
    """Add ``<tag r:id=…/>`` to a sheet's XML where the schema's element order puts it."""
    return insert_child(sheet, f'<{tag} xmlns:r="{R_NS}" r:id="{rid}"/>', before)


def _content_types(types: str) -> str:
    types = types.replace(CT_BOOK, CT_MACRO_BOOK)
    for extension, content_type in CT_DEFAULTS.items():
        if f'Extension="{extension}"' not in types:
            head = re.search(r"<Types\b[^>]*>", types)
            assert head is not None, "not a content-types part"
            default = f'<Default Extension="{extension}" ContentType="{content_type}"/>'
            types = types[: head.end()] + default + types[head.end() :]
    return types
