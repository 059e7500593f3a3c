"""A user's xlsx/xlsm package, edited part by part: what the tool does not own stays byte for byte.

openpyxl rewrites a whole workbook and drops what it does not model (pictures, shapes,
charts, form controls, cached formula values, note geometry). The tool's writes to a
user's workbook therefore go through this small patcher instead: it reads the zip's
parts, lets the writers change exactly the parts they own (by small text edits, so the
rest of each part keeps its bytes), and writes the package back with every untouched
part's bytes and zip entry as they were.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_WORKSHEET = f"{R_NS}/worksheet"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
#: Worksheet children after <legacyDrawing> (ECMA-376 CT_Worksheet order).
AFTER_LEGACY = (
    *("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls"),
    *("webPublishItems", "tableParts", "extLst"),
)
_SHEET = re.compile(r"<sheet\b[^>]*?/>")
_REL = re.compile(r"<Relationship\b[^>]*?/>")
#: The date of zip entries the package did not have (Excel's own: deterministic output).
NEW_ENTRY_DATE = (1980, 1, 1, 0, 0, 0)


def attr(element: str, name: str) -> str | None:
    """An attribute's (unescaped) value in one XML start tag."""
    match = re.search(rf'(?:^|\s){re.escape(name)}="([^"]*)"', element)
    return unescape(match.group(1)) if match else None


def unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def insert_child(sheet: str, element: str, before: tuple[str, ...]) -> str:
    """Add a child to a worksheet's XML where the schema's element order puts it."""
    positions = [m.start() for name in before if (m := re.search(rf"<(\w+:)?{name}\b", sheet))]
    at = min(positions) if positions else sheet.rindex("</")
    return sheet[:at] + element + sheet[at:]


@dataclass(frozen=True)
class SheetEntry:
    """One ``<sheet>`` of the workbook: title, its relationship id, part name and state."""

    title: str
    rid: str
    part: str
    state: str
    element: str


class Package:
    """The parts of one package; :meth:`save` writes it back, untouched parts unchanged."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.infos = {info.filename: info for info in archive.infolist()}
            self.parts = {name: archive.read(name) for name in self.infos}
        self.original = dict(self.parts)
        self.changed: set[str] = set()

    @classmethod
    def open(cls, path: Path) -> Package:
        return cls(path.read_bytes())

    # --- parts -----------------------------------------------------------------------------
    def text(self, name: str) -> str:
        return self.parts[name].decode("utf-8")

    def put(self, name: str, data: str | bytes) -> None:
        self.parts[name] = data.encode("utf-8") if isinstance(data, str) else data
        self.changed.add(name)

    def delete(self, name: str) -> None:
        self.parts.pop(name, None)
        self.infos.pop(name, None)
        self.changed.discard(name)

    def has(self, name: str) -> bool:
        return name in self.parts

    def free_name(self, pattern: str) -> str:
        """The first unused part name of a numbered kind, e.g. ``xl/worksheets/sheet{}.xml``."""
        return next(pattern.format(i) for i in range(1, 100_000) if pattern.format(i) not in self.parts)

    # --- relationships ---------------------------------------------------------------------
    @staticmethod
    def rels_of(part: str) -> str:
        return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")

    def relationships(self, part: str) -> list[tuple[str, str, str]]:
        """(id, type, target resolved to a part name) of a part's relationships."""
        rels = self.rels_of(part)
        if rels not in self.parts:
            return []
        found = []
        for element in _REL.findall(self.text(rels)):
            target = attr(element, "Target") or ""
            if attr(element, "TargetMode") != "External":
                target = self.resolve(part, target)
            found.append((attr(element, "Id") or "", attr(element, "Type") or "", target))
        return found

    @staticmethod
    def resolve(source: str, target: str) -> str:
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))

    def add_relationship(self, part: str, rel_type: str, target_part: str) -> str:
        """Relate ``part`` to ``target_part`` (a relative target); returns the new id."""
        rels = self.rels_of(part)
        text = self.text(rels) if rels in self.parts else f'<Relationships xmlns="{REL_NS}"></Relationships>'
        text = re.sub(r"<Relationships\b([^>]*?)\s*/>", r"<Relationships\1></Relationships>", text, count=1)
        used = set(re.findall(r'\bId="([^"]+)"', text))
        rid = next(f"rId{i}" for i in range(1, 100_000) if f"rId{i}" not in used)
        target = posixpath.relpath(target_part, posixpath.dirname(part))
        element = f'<Relationship Id="{rid}" Type="{rel_type}" Target={quoteattr(target)}/>'
        self.put(rels, text.replace("</Relationships>", element + "</Relationships>"))
        return rid

    def remove_relationship(self, part: str, rid: str) -> None:
        rels = self.rels_of(part)
        if rels not in self.parts:
            return
        text = self.text(rels)
        kept = [e for e in _REL.findall(text) if attr(e, "Id") != rid]
        if len(kept) == len(_REL.findall(text)):
            return
        if not kept and rels not in self.original:  # a .rels part the tool created, now empty
            self.delete(rels)
            return
        head = text[: text.index("<Relationships")]
        opening = re.search(r"<Relationships\b[^>]*>", text)
        assert opening is not None
        self.put(rels, head + opening.group(0) + "".join(kept) + "</Relationships>")

    # --- content types ---------------------------------------------------------------------
    def add_override(self, part: str, content_type: str) -> None:
        types = self.text("[Content_Types].xml")
        if f'PartName="/{part}"' not in types:
            override = f'<Override PartName="/{escape(part)}" ContentType="{content_type}"/>'
            self.put("[Content_Types].xml", types.replace("</Types>", override + "</Types>"))

    def remove_override(self, part: str) -> None:
        types = self.text("[Content_Types].xml")
        pattern = re.compile(rf'<Override\b[^>]*PartName="/{re.escape(part)}"[^>]*/>')
        if pattern.search(types):
            self.put("[Content_Types].xml", pattern.sub("", types))

    # --- the workbook's sheets -------------------------------------------------------------
    @property
    def workbook(self) -> str:
        return self.text("xl/workbook.xml")

    def sheets(self) -> list[SheetEntry]:
        rels = {rid: target for rid, _, target in self.relationships("xl/workbook.xml")}
        entries = []
        for element in _SHEET.findall(self.workbook):
            rid = attr(element, "r:id") or ""
            title = attr(element, "name") or ""
            entries.append(
                SheetEntry(title, rid, rels.get(rid, ""), attr(element, "state") or "visible", element)
            )
        return entries

    def sheet(self, title: str) -> SheetEntry | None:
        return next((s for s in self.sheets() if s.title == title), None)

    def add_sheet(self, title: str, xml: str, position: int | None = None, state: str = "visible") -> str:
        """A new worksheet part and its ``<sheet>`` entry (at ``position``, default last)."""
        part = self.free_name("xl/worksheets/sheet{}.xml")
        self.put(part, xml)
        self.add_override(part, CT_WORKSHEET)
        rid = self.add_relationship("xl/workbook.xml", REL_WORKSHEET, part)
        book = self.workbook
        ids = [int(i) for i in re.findall(r'<sheet\b[^>]*\bsheetId="(\d+)"', book)]
        state_attr = "" if state == "visible" else f' state="{state}"'
        root = book[: book.index(">", book.index("<workbook")) + 1] if "<workbook" in book else ""
        declare = "" if f'xmlns:r="{R_NS}"' in root else f' xmlns:r="{R_NS}"'  # per element (lxml writers)
        sheet_id = max(ids, default=0) + 1
        element = f'<sheet name={quoteattr(title)} sheetId="{sheet_id}"{state_attr}{declare} r:id="{rid}"/>'
        entries = _SHEET.findall(book)
        index = len(entries) if position is None else max(0, min(position, len(entries)))
        if index < len(entries):
            at = book.index(entries[index])
            book = book[:at] + element + book[at:]
            book = _shift_local_sheet_ids(book, index, +1)
            book = _shift_tabs(book, index, +1, len(entries) + 1)
        else:
            at = book.index("</sheets>")
            book = book[:at] + element + book[at:]
        self.put("xl/workbook.xml", book)
        return part

    def remove_sheet(self, title: str) -> None:
        """Remove a sheet the tool added, with the parts only it used."""
        entry = self.sheet(title)
        if entry is None:
            return
        titles = [s.title for s in self.sheets()]
        index = titles.index(title)
        for _, rel_type, target in self.relationships(entry.part):
            if target in self.parts and not self._used_elsewhere(target, entry.part):
                self._remove_drawing(target) if rel_type.endswith("/drawing") else self._remove_part(target)
        self._remove_part(entry.part)
        self.remove_relationship("xl/workbook.xml", entry.rid)
        book = self.workbook.replace(entry.element, "", 1)
        book = re.sub(rf'<definedName\b[^>]*localSheetId="{index}"[^>]*>[^<]*</definedName>', "", book)
        book = _shift_local_sheet_ids(book, index + 1, -1)
        book = _shift_tabs(book, index + 1, -1, len(titles) - 1)
        book = re.sub(r"<definedNames>\s*</definedNames>", "", book)
        self.put("xl/workbook.xml", book)

    def _remove_drawing(self, drawing: str) -> None:
        for _, _, target in self.relationships(drawing):
            if target in self.parts and not self._used_elsewhere(target, drawing):
                for _, _, inner in self.relationships(target):
                    if inner in self.parts and inner.startswith("xl/charts/"):
                        self._remove_part(inner)
                self._remove_part(target)
        self._remove_part(drawing)

    def _used_elsewhere(self, target: str, source: str) -> bool:
        """Whether a part other than ``source`` relates to ``target`` (an image two drawings show)."""
        for rels in self.parts:
            if not rels.endswith(".rels") or rels == self.rels_of(source):
                continue
            folder = posixpath.dirname(posixpath.dirname(rels))
            owner = posixpath.join(folder, posixpath.basename(rels)[: -len(".rels")])
            if owner in self.parts and any(t == target for _, _, t in self.relationships(owner)):
                return True
        return False

    def _remove_part(self, part: str) -> None:
        self.delete(part)
        self.delete(self.rels_of(part))
        self.remove_override(part)

    def activate(self, index: int, selected: list[str]) -> None:
        """Make sheet ``index`` the active tab and exactly ``selected`` the selected tabs."""
        book = self.workbook
        view = re.search(r"<workbookView\b[^>]*?/?>", book)
        if view:
            tag = re.sub(r'\s(activeTab|firstSheet)="\d+"', "", view.group(0))
            tag = tag.replace("<workbookView", f'<workbookView activeTab="{index}"', 1)
            self.put("xl/workbook.xml", book[: view.start()] + tag + book[view.end() :])
        for entry in self.sheets():
            text = self.text(entry.part)
            head = re.search(r"<sheetView\b[^>]*?/?>", text)
            if head is None or (entry.title in selected) == ('tabSelected="1"' in head.group(0)):
                continue
            tag = re.sub(r'\stabSelected="\d"', "", head.group(0))
            if entry.title in selected:
                tag = tag.replace("<sheetView", '<sheetView tabSelected="1"', 1)
            self.put(entry.part, text[: head.start()] + tag + text[head.end() :])

    # --- writing ----------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The package, each part as it came (same zip entry) unless a writer changed it.

        A changed part keeps its entry's date; a new one gets a fixed date, so writing the
        same content twice gives the same bytes."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                info = self.infos.get(name)
                if info is not None and (name not in self.changed or data == self.original.get(name)):
                    archive.writestr(info, data, compress_type=info.compress_type)
                else:
                    entry = zipfile.ZipInfo(name, info.date_time if info is not None else NEW_ENTRY_DATE)
                    archive.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()


def _shift_local_sheet_ids(book: str, from_index: int, delta: int) -> str:
    """Sheet-scoped defined names follow their sheet when sheets are inserted or removed."""

    def shift(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return f'localSheetId="{index + delta if index >= from_index else index}"'

    return re.sub(r'localSheetId="(\d+)"', shift, book)


def _shift_tabs(book: str, from_index: int, delta: int, count: int) -> str:
    """The active tab stays on its sheet when sheets are inserted or removed before it (else
    Excel opens on another sheet, grouped with the one still marked selected); the first
    tab shown in the tab bar stays in range."""
    view = re.search(r"<workbookView\b[^>]*?/?>", book)
    if view is None or count < 1:
        return book
    tag = view.group(0)
    active = int(attr(tag, "activeTab") or 0)
    moved = max(0, min(active + delta if active >= from_index else active, count - 1))
    if moved != active and attr(tag, "activeTab") is None:
        tag = tag.replace("<workbookView", f'<workbookView activeTab="{moved}"', 1)
    elif moved != active:
        tag = re.sub(r'(\sactiveTab=")\d*(")', rf"\g<1>{moved}\g<2>", tag)
    first = int(attr(tag, "firstSheet") or 0)
    if first > count - 1:
        tag = re.sub(r'(\sfirstSheet=")\d*(")', rf"\g<1>{count - 1}\g<2>", tag)
    return book[: view.start()] + tag + book[view.end() :]
