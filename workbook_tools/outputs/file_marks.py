"""The file writer of a mark plan: fills, notes, 校验结果, and clearing them, without losing a thing.

It edits the user's package (:class:`~workbook_tools.outputs.package.Package`) instead of
rewriting it: a marked cell gets a *copy* of its own cell format with the mark's fill
(its number format, font, border and lock stay), a note goes into the sheet's own
comments and VML parts (a clerk's note is kept verbatim in the store and put back), and
the 校验结果 and store sheets are transplanted from a small openpyxl workbook. Every other
part keeps its bytes. Marking clears old marks first, so validating twice equals once.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from workbook_tools import labels
from workbook_tools.outputs import mark_plan as mp
from workbook_tools.outputs import print_form as pf
from workbook_tools.outputs.atomic import write_atomically
from workbook_tools.outputs.cell_text import for_sheet
from workbook_tools.outputs.package import AFTER_LEGACY, R_NS, Package, attr, insert_child, unescape
from workbook_tools.read.grid import parse_ref

REL_COMMENTS = f"{R_NS}/comments"
REL_VML = f"{R_NS}/vmlDrawing"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# --- styles: a marked copy of a cell's own format --------------------------------------------


class Styles:
    """``xl/styles.xml``, to which marks append a fill and copies of cell formats."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.xml = package.text("xl/styles.xml")
        self.fills: dict[str, int] = {}
        self.copies: dict[tuple[int, str], int] = {}

    def _section(self, tag: str) -> tuple[int, int, list[str]]:
        match = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", self.xml, re.S)
        assert match is not None, tag
        child = tag[:-1] if tag != "cellXfs" else "xf"
        items = re.findall(rf"<{child}\b[^>]*/>|<{child}\b[^>]*>.*?</{child}>", match.group(1), re.S)
        return match.start(1), match.end(1), items

    def _append(self, tag: str, element: str) -> int:
        """The index of ``element`` in a list, appended unless an identical one is there (so
        validating again reuses the formats the first run added)."""
        _, end, items = self._section(tag)
        if element in items:
            return items.index(element)
        self.xml = self.xml[:end] + element + self.xml[end:]
        self.xml = re.sub(
            rf'(<{tag}\b[^>]*\bcount=")\d+(")', rf"\g<1>{len(items) + 1}\g<2>", self.xml, count=1
        )
        return len(items)

    def xf(self, index: int) -> str:
        _, _, items = self._section("cellXfs")
        return items[index] if index < len(items) else items[0]

    def fill_of(self, index: int) -> str:
        """The fill element a cell format uses (for the store, as the live host reads it)."""
        fill_id = int(attr(self.xf(index), "fillId") or 0)
        _, _, fills = self._section("fills")
        return fills[fill_id] if fill_id < len(fills) else ""

    def marked(self, index: int, color: str) -> int:
        """A copy of cell format ``index`` with the mark's solid fill."""
        if color not in self.fills:
            solid = f'<patternFill patternType="solid"><fgColor rgb="FF{color}"/>'
            solid += '<bgColor indexed="64"/></patternFill>'
            self.fills[color] = self._append("fills", f"<fill>{solid}</fill>")
        key = (index, color)
        if key not in self.copies:
            self.copies[key] = self._copy(index, self.fills[color])
        return self.copies[key]

    def with_fill(self, index: int, saved: str) -> int:
        """A copy of cell format ``index`` with a saved fill: a ``<fill>`` element (file host),
        "#RRGGBB" (live host) or "" (none)."""
        if saved.startswith("#"):
            return self.marked(index, saved[1:].upper())
        if not saved.startswith("<fill"):
            return self._copy(index, 0)
        _, _, fills = self._section("fills")
        fill_id = fills.index(saved) if saved in fills else self._append("fills", saved)
        return self._copy(index, fill_id)

    def _copy(self, index: int, fill_id: int) -> int:
        original = self.xf(index)
        head = re.match(r"<xf\b[^>]*?(/?)>", original)
        assert head is not None
        tag = re.sub(r'\s(fillId|applyFill)="[^"]*"', "", head.group(0)[: -len(head.group(1)) - 1])
        copy = f'{tag} fillId="{fill_id}" applyFill="1"{head.group(1)}>' + original[head.end() :]
        return self._append("cellXfs", copy)

    def save(self) -> None:
        self.package.put("xl/styles.xml", self.xml)


# --- cells in a sheet's XML --------------------------------------------------------------------


def _cell_tag(sheet: str, ref: str) -> re.Match[str] | None:
    return re.search(rf'<c\b[^>]*\br="{ref}"[^>]*?/?>', sheet)


def cell_style(sheet: str, ref: str) -> int | None:
    """The cell's format index; None when the sheet has no element for the cell."""
    tag = _cell_tag(sheet, ref)
    return None if tag is None else int(attr(tag.group(0), "s") or 0)


def set_cell_style(sheet: str, ref: str, style: int | None) -> str:
    """The sheet with the cell's format set (a missing cell element is added in place);
    ``None`` removes the cell element again if it is empty (it was added for the mark)."""
    tag = _cell_tag(sheet, ref)
    if tag is None:
        return sheet if style is None else _insert_cell(sheet, ref, f'<c r="{ref}" s="{style}"/>')
    element = tag.group(0)
    if style is None and element.endswith("/>"):
        return sheet[: tag.start()] + sheet[tag.end() :]
    new = re.sub(r'\ss="\d+"', "", element)
    if style:
        new = new.replace(f'r="{ref}"', f'r="{ref}" s="{style}"', 1)
    return sheet[: tag.start()] + new + sheet[tag.end() :]


def _insert_cell(sheet: str, ref: str, cell: str) -> str:
    row, col = parse_ref(ref)
    number = row + 1
    row_tag = re.search(rf'<row\b[^>]*\br="{number}"[^>]*?(/?)>', sheet)
    if row_tag is None:
        rows = [(int(m.group(1)), m.start()) for m in re.finditer(r'<row\b[^>]*\br="(\d+)"', sheet)]
        after = [start for r, start in rows if r > number]
        at = after[0] if after else sheet.index("</sheetData>") if "</sheetData>" in sheet else -1
        if at == -1:
            return sheet.replace("<sheetData/>", f'<sheetData><row r="{number}">{cell}</row></sheetData>', 1)
        return sheet[:at] + f'<row r="{number}">{cell}</row>' + sheet[at:]
    if row_tag.group(1):  # an empty <row …/>
        opened = row_tag.group(0)[:-2] + ">"
        return sheet[: row_tag.start()] + opened + cell + "</row>" + sheet[row_tag.end() :]
    end = sheet.index("</row>", row_tag.end())
    for match in re.finditer(r'<c\b[^>]*\br="([A-Z]+)\d+"', sheet[row_tag.end() : end]):
        if parse_ref(match.group(1) + "1")[1] > col:
            at = row_tag.end() + match.start()
            return sheet[:at] + cell + sheet[at:]
    return sheet[:end] + cell + sheet[end:]


def top_left(sheet: str, ref: str) -> str:
    """The top-left cell of the merged range holding ``ref`` (or ``ref``)."""
    row, col = parse_ref(ref)
    for start, end in re.findall(r'<mergeCell\b[^>]*\bref="([A-Z]+\d+):([A-Z]+\d+)"', sheet):
        (r1, c1), (r2, c2) = parse_ref(start), parse_ref(end)
        if r1 <= row <= r2 and c1 <= col <= c2:
            return start
    return ref


# --- notes: the sheet's comments and VML parts ------------------------------------------------


VML_NS = "urn:schemas-microsoft-com:vml"
OFFICE_NS = "urn:schemas-microsoft-com:office:office"
EXCEL_NS = "urn:schemas-microsoft-com:office:excel"


def _prefix(vml: str, namespace: str) -> str:
    """The prefix a VML document declares for a namespace (v, o, x by convention)."""
    match = re.search(rf'xmlns:(\w+)="{re.escape(namespace)}"', vml)
    return match.group(1) if match else {VML_NS: "v", OFFICE_NS: "o", EXCEL_NS: "x"}[namespace]


def _with_prefixes(vml: str) -> str:
    """Declare the conventional v/o/x prefixes on the root if the writer used others, so the
    shapes the tool adds (written with v/o/x) are in the right namespaces."""
    root = re.search(r"<xml\b[^>]*>", vml)
    assert root is not None, "not a VML drawing"
    tag = root.group(0)
    for prefix, namespace in (("v", VML_NS), ("o", OFFICE_NS), ("x", EXCEL_NS)):
        if f"xmlns:{prefix}=" not in tag:
            tag = tag[:-1] + f' xmlns:{prefix}="{namespace}">'
    return vml[: root.start()] + tag + vml[root.end() :]


NOTE_SHAPETYPE = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)
VML_HEAD = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel">'
)


@dataclass
class Notes:
    """One sheet's comments and VML parts, created if the sheet had none."""

    package: Package
    sheet_part: str
    comments_part: str = ""
    vml_part: str = ""
    created: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for _, rel_type, target in self.package.relationships(self.sheet_part):
            if rel_type == REL_COMMENTS:
                self.comments_part = target
            elif rel_type == REL_VML:
                self.vml_part = target

    def _ensure(self) -> None:
        if not self.comments_part:
            self.comments_part = self.package.free_name("xl/comments{}.xml")
            self.package.put(
                self.comments_part, f'<comments xmlns="{MAIN_NS}"><authors/><commentList/></comments>'
            )
            self.package.add_override(self.comments_part, CT_COMMENTS)
            self.package.add_relationship(self.sheet_part, REL_COMMENTS, self.comments_part)
            self.created.append(self.comments_part)
        if not self.vml_part:
            self.vml_part = self.package.free_name("xl/drawings/vmlDrawing{}.vml")
            self.package.put(self.vml_part, f"{VML_HEAD}{NOTE_SHAPETYPE}</xml>")
            _default_content_type(self.package, "vml", CT_VML)
            rid = self.package.add_relationship(self.sheet_part, REL_VML, self.vml_part)
            sheet = self.package.text(self.sheet_part)
            element = f'<legacyDrawing xmlns:r="{R_NS}" r:id="{rid}"/>'
            self.package.put(self.sheet_part, insert_child(sheet, element, AFTER_LEGACY))
            self.created.append(self.vml_part)

    def comment(self, ref: str) -> str:
        if not self.comments_part:
            return ""
        match = re.search(
            rf'<comment\b[^>]*\bref="{ref}"[^>]*>.*?</comment>', self.package.text(self.comments_part), re.S
        )
        return match.group(0) if match else ""

    def shape(self, ref: str) -> str:
        """The VML note shape anchored at ``ref`` (whatever prefixes the writer chose)."""
        if not self.vml_part:
            return ""
        vml = self.package.text(self.vml_part)
        v, x = _prefix(vml, VML_NS), _prefix(vml, EXCEL_NS)
        row, col = parse_ref(ref)
        for match in re.finditer(rf"<{v}:shape\b.*?</{v}:shape>", vml, re.S):
            shape = match.group(0)
            here = f"<{x}:Row>{row}</{x}:Row>" in shape and f"<{x}:Column>{col}</{x}:Column>" in shape
            if 'ObjectType="Note"' in shape and here:
                return shape
        return ""

    def author_of(self, comment: str) -> str:
        authors = re.findall(r"<author>(.*?)</author>", self.package.text(self.comments_part), re.S)
        index = int(attr(comment, "authorId") or 0)
        return authors[index] if index < len(authors) else ""

    def put_note(self, ref: str, text: str) -> None:
        """Our note on a cell: replacing the text of a note there, or a new note and shape."""
        self._ensure()
        comments = self.package.text(self.comments_part)
        if f"<author>{mp.NOTE_AUTHOR}</author>" not in comments:
            comments = re.sub(r"<authors\s*/>", "<authors></authors>", comments, count=1)
            comments = comments.replace("</authors>", f"<author>{mp.NOTE_AUTHOR}</author></authors>", 1)
        authors = re.findall(r"<author>(.*?)</author>", comments, re.S)
        ours = f'<comment ref="{ref}" authorId="{authors.index(mp.NOTE_AUTHOR)}"><text>'
        ours += f'<t xml:space="preserve">{escape(text)}</t></text></comment>'
        existing = self.comment(ref)
        if existing and not self.is_ours(ref):  # a colleague's note stays readable while marked
            text += labels.NOTE_KEPT.format(text=_note_text(existing))
            ours = f'<comment ref="{ref}" authorId="{authors.index(mp.NOTE_AUTHOR)}"><text>'
            ours += f'<t xml:space="preserve">{escape(text)}</t></text></comment>'
        if existing:
            comments = comments.replace(existing, ours, 1)
        else:
            comments = re.sub(r"<commentList\s*/>", "<commentList></commentList>", comments, count=1)
            comments = comments.replace("</commentList>", ours + "</commentList>", 1)
        self.package.put(self.comments_part, comments)
        if not self.shape(ref):
            self._add_shape(ref)

    def _add_shape(self, ref: str) -> None:
        vml = _with_prefixes(self.package.text(self.vml_part))
        if "_x0000_t202" not in vml:
            vml = vml.replace("</xml>", NOTE_SHAPETYPE + "</xml>", 1)
        ids = [int(i) for i in re.findall(r'id="_x0000_s(\d+)"', vml)]
        row, col = parse_ref(ref)
        width, height = mp.NOTE_SIZE
        shape = (
            f'<v:shape id="_x0000_s{max(ids, default=1024) + 1}" type="#_x0000_t202" '
            f'style="position:absolute;margin-left:80pt;margin-top:2pt;width:{width * 0.75:g}pt;'
            f'height:{height * 0.75:g}pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
            '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
            '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
            '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note">'
            "<x:MoveWithCells/><x:SizeWithCells/>"
            f"<x:Anchor>{col + 1}, 15, {row}, 2, {col + 5}, 15, {row + 6}, 2</x:Anchor>"
            f"<x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row><x:Column>{col}</x:Column>"
            "</x:ClientData></v:shape>"
        )
        self.package.put(self.vml_part, vml.replace("</xml>", shape + "</xml>", 1))

    def restore(self, ref: str, comment: str, shape: str) -> None:
        """Put a saved note back (verbatim), or remove ours when the cell had none."""
        current = self.comment(ref)
        comments = self.package.text(self.comments_part)
        if current and comment:
            comments = comments.replace(current, comment, 1)
        elif current:
            comments = comments.replace(current, "", 1)
            vml = self.package.text(self.vml_part)
            self.package.put(self.vml_part, vml.replace(self.shape(ref), "", 1))
        self.package.put(self.comments_part, comments)
        if shape and not self.shape(ref):
            vml = self.package.text(self.vml_part)
            self.package.put(self.vml_part, vml.replace("</xml>", shape + "</xml>", 1))

    def is_ours(self, ref: str) -> bool:
        comment = self.comment(ref)
        if not comment:
            return False
        return self.author_of(comment) == mp.NOTE_AUTHOR or mp.is_our_note_text(_note_text(comment))

    def drop_if_created(self, created: list[str]) -> None:
        """Remove the comments/VML parts marking created, once they hold no note."""
        if self.comments_part in created and "<comment " not in self.package.text(self.comments_part):
            self._drop(self.comments_part, REL_COMMENTS)
        if self.vml_part in created and "<v:shape " not in self.package.text(self.vml_part):
            rid = next(
                (r for r, t, p in self.package.relationships(self.sheet_part) if p == self.vml_part), ""
            )
            sheet = self.package.text(self.sheet_part)
            self.package.put(self.sheet_part, re.sub(rf'<legacyDrawing\b[^>]*r:id="{rid}"[^>]*/>', "", sheet))
            self._drop(self.vml_part, REL_VML)

    def _drop(self, part: str, rel_type: str) -> None:
        for rid, kind, target in self.package.relationships(self.sheet_part):
            if kind == rel_type and target == part:
                self.package.remove_relationship(self.sheet_part, rid)
        self.package.delete(part)
        self.package.remove_override(part)


def _default_content_type(package: Package, extension: str, content_type: str) -> None:
    types = package.text("[Content_Types].xml")
    if f'Extension="{extension}"' not in types:
        head = re.search(r"<Types\b[^>]*>", types)
        assert head is not None
        default = f'<Default Extension="{extension}" ContentType="{content_type}"/>'
        package.put("[Content_Types].xml", types[: head.end()] + default + types[head.end() :])


# --- the print form of project sheets: titles, row heights, hidden rows -----------------------


def _shared_strings(package: Package) -> list[str]:
    if not package.has("xl/sharedStrings.xml"):
        return []
    return [
        _note_text(item) for item in re.findall(r"<si>(.*?)</si>", package.text("xl/sharedStrings.xml"), re.S)
    ]


def _cell_looks(styles: Styles) -> list[tuple[float, bool]]:
    """Each cell format's font size and whether it wraps text."""
    _, _, fonts = styles._section("fonts")
    sizes = []
    for font in fonts:
        size = re.search(r'<sz\b[^>]*\bval="([\d.]+)"', font)
        sizes.append(float(size.group(1)) if size else pf.BODY_SIZE)
    looks = []
    for xf in styles._section("cellXfs")[2]:
        font_id = int(attr(xf, "fontId") or 0)
        wrap = re.search(r'<alignment\b[^>]*\bwrapText="(1|true)"', xf) is not None
        looks.append((sizes[font_id] if font_id < len(sizes) else pf.BODY_SIZE, wrap))
    return looks


def _number(text: str | None, default: float) -> float:
    try:
        return float(text) if text else default
    except ValueError:
        return default


def sheet_xml_form(sheet: str, shared: list[str], looks: list[tuple[float, bool]]) -> pf.SheetForm:
    """A worksheet's XML as :mod:`~workbook_tools.outputs.print_form` reads it."""
    head = re.search(r"<sheetFormatPr\b[^>]*>", sheet)
    head_tag = head.group(0) if head else ""
    widths = {}
    for col in re.findall(r"<col\b[^>]*>", sheet):
        width = _number(attr(col, "width"), 0.0)
        first, last = int(attr(col, "min") or 1), int(attr(col, "max") or 1)
        widths.update({c: width for c in range(first - 1, min(last, first + 100))} if width else {})
    heights, hidden, last_row = {}, set(), -1
    for tag in re.findall(r"<row\b[^>]*>", sheet):
        row = int(attr(tag, "r") or 0) - 1
        last_row = max(last_row, row)
        if attr(tag, "ht"):
            heights[row] = _number(attr(tag, "ht"), pf.DEFAULT_ROW_HEIGHT)
        if attr(tag, "hidden") in ("1", "true"):
            hidden.add(row)
    cells = {}
    for tag, body in re.findall(r"<c\b([^>]*?)(?:/>|>(.*?)</c>)", sheet, re.S):
        kind = attr(tag, "t") or "n"
        if kind == "s":
            number = re.search(r"<v>(\d+)</v>", body)
            index = int(number.group(1)) if number else len(shared)
            text = shared[index] if index < len(shared) else ""
        elif kind == "inlineStr":
            text = _note_text(body)
        else:
            value = re.search(r"<v>(.*?)</v>", body, re.S)
            text = unescape(value.group(1)) if value else ""
        if not text:
            continue
        style = int(attr(tag, "s") or 0)
        size, wrap = looks[style] if style < len(looks) else (pf.BODY_SIZE, False)
        formula = re.search(r"<f\b", body) is not None
        cells[parse_ref(attr(tag, "r") or "A1")] = pf.FormCell(text, size, wrap, formula)
    merged = {
        parse_ref(start): parse_ref(end)
        for start, end in re.findall(r'<mergeCell\b[^>]*\bref="([A-Z]+\d+):([A-Z]+\d+)"', sheet)
    }
    return pf.SheetForm(
        cells=cells,
        widths=widths,
        default_width=_number(attr(head_tag, "defaultColWidth"), pf.DEFAULT_COLUMN_WIDTH),
        heights=heights,
        default_height=_number(attr(head_tag, "defaultRowHeight"), pf.DEFAULT_ROW_HEIGHT),
        merged=merged,
        hidden=frozenset(hidden),
        last_row=last_row,
    )


def set_cell_text(sheet: str, ref: str, text: str) -> str:
    """The sheet with a cell's value replaced by a text, written inline (never a formula);
    the cell keeps its format."""
    tag = _cell_tag(sheet, ref)
    if tag is None:
        return sheet
    end = tag.end() if tag.group(0).endswith("/>") else sheet.index("</c>", tag.end()) + len("</c>")
    head = re.sub(r'\st="[^"]*"', "", tag.group(0)).rstrip("/>").rstrip()
    value = f'<is><t xml:space="preserve">{escape(for_sheet(text))}</t></is>'
    return sheet[: tag.start()] + f'{head} t="inlineStr">{value}</c>' + sheet[end:]


def set_row(sheet: str, number: int, height: float | None = None, hidden: bool | None = None) -> str:
    """The sheet with one ``<row>``'s height (``ht`` and ``customHeight="1"``) or hidden state
    set; every other byte stays. A row without an element gets an empty one."""
    tag = re.search(rf'<row\b[^>]*\br="{number}"[^>]*?(/?)>', sheet)
    if tag is None:
        sheet = _insert_cell(sheet, f"A{number}", "")
        tag = re.search(rf'<row\b[^>]*\br="{number}"[^>]*?(/?)>', sheet)
        assert tag is not None
    close = tag.group(1)
    element = tag.group(0)[: -len(close) - 1] if close else tag.group(0)[:-1]
    if height is not None:
        element = re.sub(r'\s(ht|customHeight)="[^"]*"', "", element) + f' ht="{height:g}" customHeight="1"'
    if hidden is not None:
        element = re.sub(r'\shidden="[^"]*"', "", element) + (' hidden="1"' if hidden else "")
    return sheet[: tag.start()] + element + close + ">" + sheet[tag.end() :]


def print_forms(package: Package, plan: mp.MarkPlan) -> dict[str, pf.SheetForm]:
    """The project sheets the plan titles, as :mod:`~workbook_tools.outputs.print_form` reads them."""
    titles = {s.title: s.part for s in package.sheets()}
    wanted = [t.sheet for t in plan.titles if t.sheet in titles]
    if not wanted:
        return {}
    shared, looks = _shared_strings(package), _cell_looks(Styles(package))
    return {sheet: sheet_xml_form(package.text(titles[sheet]), shared, looks) for sheet in wanted}


def apply_print_form(package: Package, plan: mp.MarkPlan) -> mp.MarkPlan:
    """Keep the plan's project sheets printable (:meth:`MarkPlan.with_print_form`): titles and
    year lines written, rows that need more height given it, empty rows hidden. Only the
    ``<row>`` elements and title cells concerned change. Returns the plan with the fixes."""
    plan = plan.with_print_form(print_forms(package, plan))
    parts = {s.title: s.part for s in package.sheets()}
    edits: dict[str, str] = {}
    for text in plan.texts:
        edits[text.sheet] = set_cell_text(
            edits.get(text.sheet) or package.text(parts[text.sheet]), text.cell, text.text
        )
    for height in plan.row_heights:
        sheet = edits.get(height.sheet) or package.text(parts[height.sheet])
        edits[height.sheet] = set_row(sheet, height.row, height=height.points)
    for shown in plan.hidden_rows:
        sheet = edits.get(shown.sheet) or package.text(parts[shown.sheet])
        edits[shown.sheet] = set_row(sheet, shown.row, hidden=shown.hidden)
    for title, sheet in edits.items():
        package.put(parts[title], sheet)
    return plan


# --- the plan applied to a package, and cleared ---------------------------------------------

STYLE_SEP = "|"  # the store's style column: "original|marked" cell format indices ("" = no cell)


def apply_plan(package: Package, plan: mp.MarkPlan) -> None:
    """Mark the plan's cells and (re)write the 校验结果 and store sheets (old marks cleared first);
    keep the project sheets' print form (:func:`apply_print_form`; clear leaves it)."""
    clear_package(package)
    apply_print_form(package, plan)
    titles = {s.title: s.part for s in package.sheets()}
    styles = Styles(package)
    saved: dict[tuple[str, str], mp.SavedCell] = {}
    created: list[str] = []
    for mark in (m for m in plan.marks if m.sheet in titles):
        part = titles[mark.sheet]
        ref = top_left(package.text(part), mark.cell)
        notes = Notes(package, part)
        before = saved.get((mark.sheet, ref)) or _saved(package, styles, notes, mark.sheet, ref)
        original = before.style.split(STYLE_SEP)[0]
        marked = styles.marked(int(original or 0), mark.fill)
        package.put(part, set_cell_style(package.text(part), ref, marked))
        saved[(mark.sheet, ref)] = mp.SavedCell(
            before.sheet, ref, before.fill, before.note, f"{original}{STYLE_SEP}{marked}"
        )
        notes.put_note(ref, mark.note)
        created += notes.created
    styles.save()
    active, selected = _select(package, None)
    rows = mp.store_rows(active, saved.values())
    rows += [[CREATED, json.dumps(created), "", "", ""], [SELECTED, json.dumps(selected), "", "", ""]]
    _add_tool_sheets(package, plan, rows)


def _saved(package: Package, styles: Styles, notes: Notes, sheet: str, ref: str) -> mp.SavedCell:
    """A cell's look before marking: its format index, fill (for a live host) and note, verbatim."""
    original = cell_style(package.text(notes.sheet_part), ref)
    comment = notes.comment(ref)
    note = ""
    if comment:
        author = notes.author_of(comment)
        kept = {"text": _note_text(comment), "author": author, "comment": comment, "shape": notes.shape(ref)}
        note = json.dumps(kept, ensure_ascii=False)
    style = f"{'' if original is None else original}{STYLE_SEP}"
    return mp.SavedCell(sheet, ref, styles.fill_of(original or 0), note, style)


CREATED, SELECTED = "created", "selected"


def _note_text(xml: str) -> str:
    """The text of a comment, a shared string or a cell's inline string (its ``<t>`` runs)."""
    return unescape("".join(re.findall(r"<t\b[^>]*>(.*?)</t>", xml, re.S)))


def _add_tool_sheets(package: Package, plan: mp.MarkPlan, store: list[list[str]]) -> None:
    from openpyxl import Workbook

    from workbook_tools.outputs.sheet_transplant import transplant_sheets
    from workbook_tools.outputs.table_sheets import append_text_safe

    donor = Workbook()
    donor.remove(donor.active)
    _results_sheet(donor, plan)
    ws = donor.create_sheet(labels.SHEET_MARKS)
    for row in store:
        append_text_safe(ws, [value or None for value in row])
    data = io.BytesIO()
    donor.save(data)
    transplant_sheets(package, data.getvalue(), [labels.SHEET_RESULTS], position=0)
    transplant_sheets(package, data.getvalue(), [labels.SHEET_MARKS], state="veryHidden")
    _select(package, labels.SHEET_RESULTS)


def _select(package: Package, title: str | None) -> tuple[str, list[str]]:
    """Make ``title`` the active, only selected tab (None: change nothing); returns the
    active title and the selected titles before."""
    sheets = package.sheets()
    book = package.workbook
    view = re.search(r"<workbookView\b[^>]*?/?>", book)
    index = int(attr(view.group(0), "activeTab") or 0) if view else 0
    active = sheets[index].title if index < len(sheets) else ""
    selected = [s.title for s in sheets if 'tabSelected="1"' in package.text(s.part)[:4000]]
    if title is not None:
        package.activate([s.title for s in sheets].index(title), [title])
    return active, selected


def clear_package(package: Package) -> int:
    """Remove marks and the tool's sheets, restoring each marked cell's format and note.

    A cell whose fill or note the clerk changed after marking keeps the clerk's change.
    Returns the number of cells restored.
    """
    store = package.sheet(labels.SHEET_MARKS)
    rows = _store_rows(package, store.part) if store else []
    active, saved = mp.read_store(rows)
    extra = {row[0]: row[1] for row in rows if row and row[0] in (CREATED, SELECTED)}
    created = json.loads(extra.get(CREATED) or "[]")
    titles = {s.title: s.part for s in package.sheets()}
    styles = Styles(package)
    for entry in (e for e in saved if e.sheet in titles):
        _restore_cell(package, styles, titles[entry.sheet], entry)
    styles.save()
    for part in {titles[e.sheet] for e in saved if e.sheet in titles}:
        Notes(package, part).drop_if_created(created)
    for title in (labels.SHEET_RESULTS, labels.SHEET_MARKS):
        package.remove_sheet(title)
    names = [s.title for s in package.sheets()]
    if active in names:
        selected = json.loads(extra[SELECTED]) if SELECTED in extra else [active]
        package.activate(names.index(active), selected)
    return sum(1 for e in saved if e.sheet in titles)


def _restore_cell(package: Package, styles: Styles, part: str, entry: mp.SavedCell) -> None:
    sheet = package.text(part)
    current = cell_style(sheet, entry.cell)
    original, _, marked = entry.style.partition(STYLE_SEP)
    if marked and current == int(marked):  # exactly as marked: the original format back
        package.put(part, set_cell_style(sheet, entry.cell, int(original) if original else None))
    elif current is not None and mp.is_mark_color(_fill_rgb(styles, current)):
        # still the mark's fill, but the book was saved since (formats renumbered, or the
        # clerk changed something else): keep the format as it is now, with its old fill
        package.put(part, set_cell_style(sheet, entry.cell, styles.with_fill(current, entry.fill)))
    notes = Notes(package, part)
    if mp.restores_note(entry, notes.is_ours(entry.cell), bool(notes.comment(entry.cell))):
        saved = json.loads(entry.note) if entry.note else {}
        if notes.comments_part:
            notes.restore(entry.cell, saved.get("comment", ""), saved.get("shape", ""))


def _fill_rgb(styles: Styles, index: int) -> str | None:
    match = re.search(r'<fgColor\b[^>]*\brgb="([0-9A-Fa-f]{6,8})"', styles.fill_of(index))
    return match.group(1) if match else None


def _store_rows(package: Package, part: str) -> list[list[str]]:
    """The store sheet's rows (text cells, inline or shared strings) by column A–E."""
    shared = []
    if package.has("xl/sharedStrings.xml"):
        items = re.findall(r"<si>(.*?)</si>", package.text("xl/sharedStrings.xml"), re.S)
        shared = [_note_text(item) for item in items]
    rows = []
    for row in re.findall(r"<row\b[^>]*>(.*?)</row>", package.text(part), re.S):
        values = [""] * 5
        for tag, body in re.findall(r"<c\b([^>]*)>(.*?)</c>", row, re.S):
            col = parse_ref(attr(tag, "r") or "A1")[1]
            if col < 5:
                if attr(tag, "t") == "s":
                    number = re.search(r"<v>(\d+)</v>", body)
                    index = int(number.group(1)) if number else len(shared)
                    text = shared[index] if index < len(shared) else ""
                else:
                    text = _note_text(body)
                values[col] = text
        rows.append(values)
    return rows


# --- the 校验结果 sheet (built in the donor workbook, then transplanted) ----------------------


def _results_sheet(wb: object, plan: mp.MarkPlan) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    from workbook_tools.outputs.cell_text import for_sheet

    ws = wb.create_sheet(labels.SHEET_RESULTS)  # type: ignore[attr-defined]
    for col, width in zip("ABCDE", mp.RESULT_WIDTHS):
        ws.column_dimensions[col].width = width
    for r, values in enumerate(plan.table(), 1):
        for c, value in enumerate(values, 1):
            if value:
                cell = ws.cell(r, c, for_sheet(value))
                cell.data_type = "s"  # text a clerk typed is never a formula
    ws.merge_cells("A1:E1")
    ws.merge_cells("A2:E2")
    body = Font(name=labels.FONT_SONG, size=10)
    for row in ws.iter_rows(min_row=2, max_col=5):
        for cell in row:
            cell.font = body
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column == 5)
    ws["A1"].font = Font(name=labels.FONT_SONG, size=14, bold=True)
    header = mp.RESULT_HEADER_ROW
    for cell in ws[header]:
        cell.font = Font(name=labels.FONT_SONG, size=10, bold=True)
        cell.fill = PatternFill("solid", fgColor=mp.HEADER_FILL)
    for row, result in enumerate(plan.rows, header + 1):
        if result.link:
            link = ws.cell(row, 2)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=result.link)
            link.font = Font(name=labels.FONT_SONG, size=10, color=mp.LINK_COLOR, underline="single")
        if result.severity is not None:
            level = ws.cell(row, 3)
            level.fill = PatternFill("solid", fgColor=mp.FILLS[result.severity])
            level.font = Font(name=labels.FONT_SONG, size=10, color=mp.FONT_COLORS[result.severity])
    ws.freeze_panes = f"A{header + 1}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header}:{header}"


# --- files ---------------------------------------------------------------------------------------


def write_marked(source: Path, target: Path, plan: mp.MarkPlan) -> Path:
    """Write ``source`` marked to ``target`` (atomically; it may be ``source`` itself)."""
    package = Package.open(source)
    apply_plan(package, plan)
    return write_atomically(target, lambda tmp: tmp.write_bytes(package.to_bytes()))


def write_cleared(source: Path, target: Path) -> int:
    """Write ``source`` without marks to ``target`` (atomically); cells restored."""
    package = Package.open(source)
    restored = clear_package(package)
    write_atomically(target, lambda tmp: tmp.write_bytes(package.to_bytes()))
    return restored
