"""Sheets built by openpyxl in a small *donor* workbook, transplanted into a user's package.

The tool's own sheets (项目汇总表, 指标明细表, 部门概况 with their native charts, 校验结果 and
the marks store) are written by the openpyxl writers into a fresh workbook; this module
copies them into the user's :class:`~workbook_tools.outputs.package.Package` without
rewriting anything the user made:

- the sheet's XML is copied with every cell format index remapped: the donor's fonts,
  fills, borders, number formats (and differential formats) are *appended* to the
  package's ``xl/styles.xml`` (an identical entry already there is reused), so the user's
  cells keep their indices. The donor's default entries (index 0: openpyxl's Calibri 11,
  no fill, no border) stand for "the workbook's default" and map to the package's own
  index 0, as when openpyxl wrote the sheets into the loaded workbook;
- the donor's shared strings become inline strings, so ``xl/sharedStrings.xml`` is not touched;
- every part the sheet reaches (drawing, charts, their rels and colours/styles, notes) is
  copied under a fresh name with its content type; relationship ids are kept, so the XML
  that refers to them is copied as it is; external relationships are copied as they are;
- the donor's sheet-scoped defined names (print titles, print area, autofilter) are added
  with the new sheet's index.

Transplanting the same sheets again after removing them gives the same package: nothing
is appended to the styles that is already there, and the other names and ids are the
first free ones.
"""

from __future__ import annotations

import copy
import posixpath
import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as ET

from workbook_tools.outputs.package import REL_NS, Package, attr

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"
STYLES = "xl/styles.xml"
CONTENT_TYPES = "[Content_Types].xml"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
#: The children of <styleSheet>, in schema order (a missing list is created in its place).
STYLE_LISTS = (
    *("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs"),
    *("cellStyles", "dxfs", "tableStyles", "colors", "extLst"),
)
ITEMS = {"numFmts": "numFmt", "fonts": "font", "fills": "fill", "borders": "border"}
ITEMS |= {"cellXfs": "xf", "dxfs": "dxf"}
#: The donor's entries that mean "the workbook's default": they map to the package's own.
DEFAULTS = {"fonts": {0}, "fills": {0, 1}, "borders": {0}, "cellXfs": {0}}
FIRST_CUSTOM_FORMAT = 164
#: The children of <workbook> that follow <definedNames> (ECMA-376 CT_Workbook order).
AFTER_NAMES = (
    *("calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr"),
    *("smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"),
)
#: Parts that need workbook-wide ids or caches to be copied; the tool's sheets have none.
UNSUPPORTED = ("/table", "/pivotTable", "/queryTable", "/slicer", "/timeline")

_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*?/>")
_CELL = re.compile(r"<c\b[^>]*?(?:/>|>.*?</c>)", re.S)
_STYLED = (
    (re.compile(r"<c\b[^>]*>"), "s", "cellXfs"),
    (re.compile(r"<row\b[^>]*>"), "s", "cellXfs"),
    (re.compile(r"<col\b[^>]*>"), "style", "cellXfs"),
    (re.compile(r"<cfRule\b[^>]*>"), "dxfId", "dxfs"),
)


def transplant_sheets(
    package: Package, donor: bytes, titles: list[str], position: int | None = None, state: str = "visible"
) -> list[str]:
    """Copy the sheets ``titles`` of the donor xlsx (openpyxl's bytes) into ``package``.

    They are inserted in order at ``position`` (default: after the last sheet) with the
    sheet ``state`` ("visible", "hidden", "veryHidden"). Returns their new part names.
    """
    source = Package(donor)
    taken = [t for t in titles if package.sheet(t) is not None]
    if taken:
        raise ValueError(f"the workbook already has the sheets {taken}")
    styles = _Styles(package, source)
    strings = _shared_strings(source)
    copier = _Copier(package, source)
    donor_titles = [s.title for s in source.sheets()]
    names = _defined_names(source)
    added = []
    for offset, title in enumerate(titles):
        entry = source.sheet(title)
        if entry is None:
            raise KeyError(f"the donor workbook has no sheet {title!r}")
        xml = _unselected(styles.remap(_inline_strings(source.text(entry.part), strings)))
        part = package.add_sheet(title, xml, None if position is None else position + offset, state)
        copier.copy_relationships(entry.part, part)
        index = [s.title for s in package.sheets()].index(title)
        for name in names.get(donor_titles.index(title), []):
            _add_defined_name(
                package, re.sub(r'localSheetId="\d+"', f'localSheetId="{index}"', name, count=1)
            )
        added.append(part)
    styles.save()
    return added


# --- strings ---------------------------------------------------------------------------------


def _shared_strings(source: Package) -> list[str]:
    """The inner XML of each ``<si>`` of the donor's shared strings (text or rich text runs)."""
    part = next(
        (t for _, kind, t in source.relationships("xl/workbook.xml") if kind.endswith("/sharedStrings")), ""
    )
    if not source.has(part):
        return []
    items = re.finditer(r"<si\b[^>]*?(?:/>|>(.*?)</si>)", source.text(part), re.S)
    return [item.group(1) or "" for item in items]


def _inline_strings(xml: str, strings: list[str]) -> str:
    """Cells holding a shared string (``t="s"``) hold the string itself (``t="inlineStr"``)."""

    def inline(match: re.Match[str]) -> str:
        cell = match.group(0)
        head = re.match(r"<c\b[^>]*?(/?)>", cell)
        assert head is not None
        if attr(head.group(0), "t") != "s":
            return cell
        tag = re.sub(r'\st="s"', ' t="inlineStr"', head.group(0), count=1)
        value = re.search(r"<v>\s*(\d+)\s*</v>", cell)
        if value is None or int(value.group(1)) >= len(strings):  # no string: an empty cell
            bare = re.sub(r'\st="s"', "", head.group(0), count=1)
            return bare if head.group(1) else bare[:-1].rstrip() + "/>"
        body = strings[int(value.group(1))]
        if re.fullmatch(r"<t>[^<]*</t>", body) or re.fullmatch(r"<t/>", body):
            body = '<t xml:space="preserve">' + re.sub(r"</?t/?>", "", body) + "</t>"
        return f"{tag}<is>{body}</is></c>"

    return _CELL.sub(inline, xml) if 't="s"' in xml else xml


def _unselected(xml: str) -> str:
    """A transplanted sheet is not selected: which tabs are is the workbook's business
    (two selected tabs are grouped in Excel, and typing edits both)."""
    return re.sub(r'(<sheetView\b[^>]*?)\stabSelected="(?:1|true)"', r"\1", xml)


# --- styles ----------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _canonical(element: Element) -> str:
    """An element as comparable text (namespaces resolved, attributes sorted)."""
    attrs = "".join(f' {k}="{v}"' for k, v in sorted(element.attrib.items()))
    inner = (element.text or "").strip() + "".join(_canonical(child) for child in element)
    return f"<{element.tag}{attrs}>{inner}</{element.tag}>"


def _escape(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return text


def _render(element: Element, prefix: str) -> str:
    """An element of the spreadsheet namespace as XML text with the package's prefix for it."""

    def name(qualified: str, is_attr: bool) -> str:
        if qualified.startswith(f"{{{XML_NS}}}"):
            return "xml:" + _local(qualified)
        if not qualified.startswith("{"):
            return qualified if is_attr else prefix + qualified
        if qualified.startswith(f"{{{MAIN_NS}}}") and not is_attr:
            return prefix + _local(qualified)
        raise ValueError(f"a style element in a foreign namespace cannot be transplanted: {qualified}")

    tag = name(element.tag, False)
    attrs = "".join(f' {name(k, True)}="{_escape(v, quote=True)}"' for k, v in element.attrib.items())
    inner = _escape(element.text or "") + "".join(_render(child, prefix) for child in element)
    return f"<{tag}{attrs}>{inner}</{tag}>" if inner else f"<{tag}{attrs}/>"


def _items(root: Element, kind: str) -> list[Element]:
    found = root.find(f"{{{MAIN_NS}}}{kind}")
    return [] if found is None else [e for e in found if _local(e.tag) == ITEMS[kind]]


class _Styles:
    """The package's ``xl/styles.xml``, to which the donor's formats are appended."""

    def __init__(self, package: Package, source: Package) -> None:
        self.package = package
        self.xml = package.text(STYLES)
        root = ET.fromstring(package.parts[STYLES])
        if root.tag != f"{{{MAIN_NS}}}styleSheet":
            raise ValueError(f"xl/styles.xml is not a SpreadsheetML style sheet ({root.tag})")
        head = re.search(r"<([A-Za-z_][\w.-]*:)?styleSheet\b", self.xml)
        assert head is not None
        self.prefix = head.group(1) or ""
        self.counts = {kind: len(_items(root, kind)) for kind in ITEMS}
        self.known: dict[str, dict[str, int]] = {kind: {} for kind in ITEMS}
        for kind in ITEMS:
            for index, element in enumerate(_items(root, kind)):
                self.known[kind].setdefault(_canonical(element), index)
        formats = _items(root, "numFmts")
        self.format_ids = {int(f.get("numFmtId", "0")) for f in formats}
        self.formats = {
            f.get("formatCode", ""): int(f.get("numFmtId", "0"))
            for f in reversed(formats)
            if int(f.get("numFmtId", "0")) >= FIRST_CUSTOM_FORMAT
        }
        donor = ET.fromstring(source.parts[STYLES])
        self.donor = {kind: _items(donor, kind) for kind in ITEMS}
        self.donor_formats = {
            int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in self.donor["numFmts"]
        }
        self.mapped: dict[tuple[str, int], int] = {}
        self.changed = False

    def remap(self, xml: str) -> str:
        """The sheet's XML with the donor's format indices replaced by the package's."""
        for pattern, name, kind in _STYLED:
            xml = pattern.sub(self._retag(name, kind), xml)
        return xml

    def _retag(self, name: str, kind: str) -> Callable[[re.Match[str]], str]:
        def retag(match: re.Match[str]) -> str:
            return re.sub(
                rf'(\s{name}=")(\d+)(")',
                lambda m: f"{m.group(1)}{self.index(kind, int(m.group(2)))}{m.group(3)}",
                match.group(0),
                count=1,
            )

        return retag

    def index(self, kind: str, donor_index: int) -> int:
        """The package's index of the donor's entry ``donor_index`` of a list (appended once)."""
        if donor_index in DEFAULTS.get(kind, set()):
            return donor_index
        key = (kind, donor_index)
        if key not in self.mapped:
            items = self.donor[kind]
            if donor_index >= len(items):
                raise ValueError(f"the donor's {kind} has no entry {donor_index}")
            element = copy.deepcopy(items[donor_index])
            if kind == "cellXfs":
                element.set("numFmtId", str(self.number_format(int(element.get("numFmtId", "0")))))
                for attribute, pointed in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
                    element.set(attribute, str(self.index(pointed, int(element.get(attribute, "0")))))
                element.set("xfId", "0")
            self.mapped[key] = self._add(kind, element)
        return self.mapped[key]

    def number_format(self, donor_id: int) -> int:
        """A built-in format keeps its id; a custom one gets one of the package's (≥ 164)."""
        if donor_id < FIRST_CUSTOM_FORMAT:
            return donor_id
        code = self.donor_formats.get(donor_id)
        if code is None:
            raise ValueError(f"the donor has no number format {donor_id}")
        if code not in self.formats:
            new_id = max(self.format_ids | {FIRST_CUSTOM_FORMAT - 1}) + 1
            element = Element(f"{{{MAIN_NS}}}numFmt", {"numFmtId": str(new_id), "formatCode": code})
            self._append("numFmts", _render(element, self.prefix))
            self.format_ids.add(new_id)
            self.formats[code] = new_id
        return self.formats[code]

    def _add(self, kind: str, element: Element) -> int:
        """The index of an entry equal to ``element``, appended to the list if there is none."""
        key = _canonical(element)
        if key not in self.known[kind]:
            self.known[kind][key] = self._append(kind, _render(element, self.prefix))
        return self.known[kind][key]

    def _append(self, kind: str, item: str) -> int:
        """Append an item's XML to a list of ``xl/styles.xml`` (created if missing), fix its count."""
        index = self.counts[kind]
        p = self.prefix
        opening = re.search(rf"<{p}{kind}\b[^>]*?(/?)>", self.xml)
        if opening is None:
            later = STYLE_LISTS[STYLE_LISTS.index(kind) + 1 :]
            spots = [m.start() for name in later if (m := re.search(rf"<{p}{name}\b", self.xml))]
            at = min(spots) if spots else self.xml.rindex(f"</{p}styleSheet>")
            self.xml = self.xml[:at] + f'<{p}{kind} count="1">{item}</{p}{kind}>' + self.xml[at:]
        else:
            tag = opening.group(0)
            if opening.group(1):  # <numFmts count="0"/>
                tag = tag[:-2].rstrip() + ">"
                body_end = opening.start() + len(tag)
                rest = self.xml[opening.end() :]
                self.xml = self.xml[: opening.start()] + tag + f"</{p}{kind}>" + rest
            else:
                body_end = self.xml.index(f"</{p}{kind}>", opening.end())
            self.xml = self.xml[:body_end] + item + self.xml[body_end:]
            at = opening.start()
            self.xml = self.xml[:at] + _counted(tag, index + 1) + self.xml[at + len(tag) :]
        self.counts[kind] = index + 1
        self.changed = True
        return index

    def save(self) -> None:
        if self.changed:
            self.package.put(STYLES, self.xml)


def _counted(tag: str, count: int) -> str:
    if re.search(r'\scount="[^"]*"', tag):
        return re.sub(r'(\scount=")[^"]*(")', rf"\g<1>{count}\g<2>", tag, count=1)
    return re.sub(r"\s*>$", f' count="{count}">', tag)


# --- parts the sheets reach ------------------------------------------------------------------


def _content_types(package: Package) -> tuple[dict[str, str], dict[str, str]]:
    """(extension → default content type, part → override) of a package."""
    types = package.text(CONTENT_TYPES)
    defaults = {
        (attr(e, "Extension") or "").lower(): attr(e, "ContentType") or ""
        for e in re.findall(r"<Default\b[^>]*?/>", types)
    }
    overrides = {
        (attr(e, "PartName") or "").lstrip("/"): attr(e, "ContentType") or ""
        for e in re.findall(r"<Override\b[^>]*?/>", types)
    }
    return defaults, overrides


def _relationship(rid: str, rel_type: str, target: str, extra: str = "") -> str:
    values = (_escape(v, quote=True) for v in (rid, rel_type, target))
    return '<Relationship Id="{}" Type="{}" Target="{}"'.format(*values) + extra + "/>"


class _Copier:
    """Copies the parts a donor sheet reaches, each once, under names free in the package."""

    def __init__(self, package: Package, source: Package) -> None:
        self.package = package
        self.source = source
        self.copied: dict[str, str] = {}
        self.donor_types = _content_types(source)

    def copy_relationships(self, donor_part: str, new_part: str) -> None:
        """The donor part's relationships for the copy ``new_part``: same ids, targets copied."""
        rels = self.source.rels_of(donor_part)
        if not self.source.has(rels):
            return
        elements = []
        for element in _RELATIONSHIP.findall(self.source.text(rels)):
            rel_type = attr(element, "Type") or ""
            rid = attr(element, "Id") or ""
            target = attr(element, "Target") or ""
            if attr(element, "TargetMode") == "External":  # a link to a web page or file: as it is
                elements.append(_relationship(rid, rel_type, target, ' TargetMode="External"'))
                continue
            if rel_type.endswith(UNSUPPORTED):
                raise ValueError(f"a sheet with a {rel_type.rsplit('/', 1)[-1]} cannot be transplanted")
            copied = self.copy(self.source.resolve(donor_part, target))
            elements.append(
                _relationship(rid, rel_type, posixpath.relpath(copied, posixpath.dirname(new_part)))
            )
        body = f'<Relationships xmlns="{REL_NS}">{"".join(elements)}</Relationships>'
        self.package.put(self.package.rels_of(new_part), XML_HEAD + body)

    def copy(self, donor_part: str) -> str:
        """The name of the copy of a donor part (copied with its relationships on first use)."""
        if donor_part not in self.copied:
            if not self.source.has(donor_part):
                raise ValueError(f"the donor has no part {donor_part}")
            folder, name = posixpath.split(donor_part)
            stem, dot, extension = name.rpartition(".")
            stem = re.sub(r"\d+$", "", stem).replace("{", "{{").replace("}", "}}")
            new_part = self.package.free_name(posixpath.join(folder, f"{stem}{{}}{dot}{extension}"))
            self.copied[donor_part] = new_part
            self.package.put(new_part, self.source.parts[donor_part])
            self._content_type(donor_part, new_part)
            self.copy_relationships(donor_part, new_part)
        return self.copied[donor_part]

    def _content_type(self, donor_part: str, new_part: str) -> None:
        defaults, overrides = self.donor_types
        extension = new_part.rsplit(".", 1)[-1].lower()
        content_type = overrides.get(donor_part) or defaults.get(extension)
        if content_type is None:
            raise ValueError(f"the donor's part {donor_part} has no content type")
        if donor_part in overrides or _content_types(self.package)[0].get(extension) != content_type:
            self.package.add_override(new_part, content_type)


# --- defined names ---------------------------------------------------------------------------


def _defined_names(source: Package) -> dict[int, list[str]]:
    """The donor's sheet-scoped defined names (print titles, print area, autofilter) by sheet index."""
    found: dict[int, list[str]] = {}
    for match in re.finditer(r"<definedName\b[^>]*>.*?</definedName>", source.workbook, re.S):
        scope = attr(match.group(0)[: match.group(0).index(">")], "localSheetId")
        if scope is not None:
            found.setdefault(int(scope), []).append(match.group(0))
    return found


def _add_defined_name(package: Package, element: str) -> None:
    """Add a ``<definedName>`` to the workbook (``<definedNames>`` created in schema order)."""
    book = package.workbook
    names = re.search(r"<definedNames\b[^>]*?(/?)>", book)
    if names is not None and names.group(1):
        book = book[: names.start()] + f"<definedNames>{element}</definedNames>" + book[names.end() :]
    elif names is not None:
        at = book.index("</definedNames>", names.end())
        book = book[:at] + element + book[at:]
    else:
        start = book.index("</sheets>")
        spots = [m.start() for name in AFTER_NAMES if (m := re.compile(rf"<{name}\b").search(book, start))]
        at = min(spots) if spots else book.rindex("</workbook>")
        book = book[:at] + f"<definedNames>{element}</definedNames>" + book[at:]
    package.put("xl/workbook.xml", book)
