"""A published document → one neutral sequence of blocks: paragraphs and tables, in order.

Two sources give the same blocks:

- a Word document (.docx), read with python-docx: the body's paragraphs and tables in body
  order; a table is rows of logical cells (``w:tc``): a cell merged across columns appears
  once, a cell continuing a vertical merge appears as an empty cell marked ``continued``
  (just as the text extracted from Word shows them), and every cell knows its grid column;
- the plain text extracted from such a document (.txt; UTF-8, UTF-8 with BOM, UTF-16 with
  BOM or GB18030): a line starting with a TAB starts a table cell, a line without one right
  after a cell continues that cell (a multi-paragraph cell), a blank line ends a table row,
  and a second blank line (or a line that is not a cell) ends the table. A table-of-contents
  field (`` TC … \\f A \\l 1``) is cut from its line, which is then a heading.

Every block knows where it was found (paragraph N, table T row R cell C, text line L), so
whatever the parser cannot place can be pointed at. Files are bounded: a file over
:data:`LIMITS` is refused before it is read, a .docx package is checked like a workbook's
(:func:`~workbook_tools.read.package_scan.check_zip`: parts, sizes, ratio, no DTD).
Nothing here knows what a 绩效目标表 is.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from workbook_tools import labels
from workbook_tools.read.package_scan import MB, Limits, check_zip
from workbook_tools.read.problems import ReadError, ReadProblem

Source = Literal["docx", "text"]
DOCX_EXTENSIONS = (".docx",)
TEXT_EXTENSIONS = (".txt",)
EXTENSIONS = DOCX_EXTENSIONS + TEXT_EXTENSIONS


@dataclass(frozen=True)
class DocumentLimits:
    """What a published document of this kind may be; beyond that it is refused (X005).

    The seed document is 40 KB of text (a 200 KB .docx); a county bureau with a few hundred
    projects stays far below these."""

    text_mb: int = 8
    docx_mb: int = 64
    blocks: int = 200_000  # paragraphs and table rows together


LIMITS = DocumentLimits()
#: A .docx package's limits: a document's XML is parsed whole, so its parts stay smaller than a
#: workbook's (pictures are parts too, but they are kept as bytes, not parsed).
DOCX_PACKAGE_LIMITS = Limits(parts=2_000, part_mb=32, total_mb=192)


class DocumentProblem(str, Enum):
    """Why a document could not be read (worded by ``labels.IMPORT_REASONS``)."""

    EXTENSION = "extension"  # detail: the extension
    LEGACY_WORD = "legacy_word"  # an OLE file: old .doc, .wps, or a password-protected .docx
    NOT_DOCX = "not_docx"  # a .docx that is no zip
    NO_BODY = "no_body"  # a zip without word/document.xml (an .xlsx renamed …)
    CORRUPT = "corrupt"  # detail: the exception class
    BINARY = "binary"  # a .txt holding NUL bytes or control characters
    ENCODING = "encoding"  # a .txt in no encoding we know
    TOO_LARGE = "too_large"  # detail: "size_mb:limit_mb"
    TOO_MANY_BLOCKS = "too_many_blocks"  # detail: "count:limit"


class DocumentError(Exception):
    """A document that cannot be read; ``code`` is the rule it is reported under (X001/X005)."""

    def __init__(self, problem: DocumentProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail

    @property
    def code(self) -> str:
        too_big = (DocumentProblem.TOO_LARGE, DocumentProblem.TOO_MANY_BLOCKS)
        return "X005" if self.problem in too_big else "X001"


# --- the blocks -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Where:
    """Where a block was found: a paragraph (its number among the non-empty paragraphs of a
    .docx), a table cell (table, row, cell: 1-based, cells counted as shown), and for a text
    file the line."""

    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    line: int | None = None


@dataclass(slots=True)
class Paragraph:
    text: str
    where: Where
    heading: bool = False  # a table-of-contents entry, a heading style or an outline level


@dataclass(slots=True)
class Cell:
    text: str  # the cell's paragraphs joined with "\n"
    where: Where
    column: int  # the grid column it starts in (a text file: its place in the row)
    continued: bool = False  # continues a cell merged from the row above (its text is "")


@dataclass(slots=True)
class Table:
    rows: list[list[Cell]]
    where: Where  # the table (and, for a text file, its first line)


Block = Paragraph | Table


@dataclass
class Document:
    path: str
    source: Source
    blocks: list[Block] = field(default_factory=list)
    encoding: str = ""  # a text file's encoding


# --- opening ----------------------------------------------------------------------------------

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_document(path: Path, limits: DocumentLimits = LIMITS) -> Document:
    """Read a .docx or .txt document into blocks; raises :class:`ReadError` (missing, folder,
    empty, cannot open, package limits) or :class:`DocumentError` (everything else)."""
    suffix = path.suffix.lower()
    if path.is_symlink() and not path.exists():
        raise ReadError(ReadProblem.BROKEN_LINK)
    if not path.exists():
        raise ReadError(ReadProblem.MISSING)
    if path.is_dir():
        raise ReadError(ReadProblem.FOLDER)
    if suffix not in EXTENSIONS:
        raise DocumentError(DocumentProblem.EXTENSION, path.suffix or path.name)
    try:
        size = path.stat().st_size
        limit = limits.docx_mb if suffix in DOCX_EXTENSIONS else limits.text_mb
        if size > limit * MB:
            raise DocumentError(DocumentProblem.TOO_LARGE, f"{_mb(size)}:{limit}")
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ReadError(ReadProblem.CANNOT_OPEN, exc.strerror or str(exc)) from None
    if not head:
        raise ReadError(ReadProblem.EMPTY)
    if head == _OLE_MAGIC:
        raise DocumentError(DocumentProblem.LEGACY_WORD)
    if suffix in DOCX_EXTENSIONS:
        if not head.startswith(_ZIP_MAGIC):
            raise DocumentError(DocumentProblem.NOT_DOCX)
        document = read_docx(path)
    elif head.startswith(_ZIP_MAGIC):
        raise DocumentError(DocumentProblem.BINARY)  # a .docx (or a workbook) renamed .txt
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ReadError(ReadProblem.CANNOT_OPEN, exc.strerror or str(exc)) from None
        document = read_text(data, str(path))
    count = sum(len(b.rows) if isinstance(b, Table) else 1 for b in document.blocks)
    if count > limits.blocks:
        raise DocumentError(DocumentProblem.TOO_MANY_BLOCKS, f"{count}:{limits.blocks}")
    return document


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


# --- plain text -------------------------------------------------------------------------------

#: A Word table-of-contents field left in the text: `` TC "entry" \f C \l 1``.
_TC_FIELD = re.compile(r"\s+TC\s+.*?(?:\s*\\[a-z](?:\s+(?:\"[^\"]*\"|[^\s\\]+))?)+\s*$")
#: Characters no text of a document should hold (C0 controls but TAB and LF, DEL, C1).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TEXT_ENCODINGS = ("utf-8", "gb18030")


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a plain-text file and its encoding: a BOM says it (UTF-8, UTF-16), else
    strict UTF-8, else GB18030 (which includes GBK and GB2312). NUL bytes or many control
    characters mean it is no text (a binary file renamed .txt)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError:
                raise DocumentError(DocumentProblem.ENCODING) from None
    if b"\x00" in data:
        raise DocumentError(DocumentProblem.BINARY)
    for encoding in _TEXT_ENCODINGS:
        try:
            return _checked(data.decode(encoding)), encoding
        except UnicodeDecodeError:
            continue
    raise DocumentError(DocumentProblem.ENCODING)


def _checked(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise DocumentError(DocumentProblem.BINARY)
    return _CONTROL.sub("", text)


def strip_toc_field(text: str) -> tuple[str, bool]:
    """A line without its table-of-contents field, and whether it had one."""
    if "TC" not in text or "\\" not in text or len(text) > 2000:  # no field (and no slow regex)
        return text, False
    cut = _TC_FIELD.sub("", text)
    return cut, cut != text


def read_text(data: bytes, path: str = "") -> Document:
    """Blocks of the plain text extracted from a Word document (see the module's docstring)."""
    text, encoding = decode_text(data)
    return Document(path, "text", list(_text_blocks(text.split("\n"))), encoding)


def _text_blocks(lines: list[str]) -> Iterator[Block]:
    tables = 0
    rows: list[list[Cell]] = []  # the table being read
    row: list[Cell] = []  # its open row
    first_line = 0
    blanks = 0  # blank lines since the last cell line

    def close_table() -> Iterator[Block]:
        nonlocal rows, row
        if row:
            rows.append(row)
        if rows:
            yield Table(rows, Where(table=tables, line=first_line))
        rows, row = [], []

    for number, raw in enumerate(lines, 1):
        if raw.startswith("\t"):
            if not rows and not row:
                tables += 1
                first_line = number
            elif blanks >= 2:  # a second blank line ended the table
                yield from close_table()
                tables += 1
                first_line = number
            elif blanks == 1 and row:
                rows.append(row)
                row = []
            blanks = 0
            where = Where(table=tables, row=len(rows) + 1, cell=len(row) + 1, line=number)
            row.append(Cell(raw[1:].strip(), where, len(row)))
            continue
        if not raw.strip():
            blanks += 1
            continue
        content, toc = strip_toc_field(raw.strip())
        if row and blanks == 0 and not toc:  # a further paragraph of the cell above
            last = row[-1]
            last.text = f"{last.text}\n{raw.strip()}" if last.text else raw.strip()
            continue
        yield from close_table()
        blanks = 0
        yield Paragraph(content.strip(), Where(line=number), heading=toc)
    yield from close_table()


# --- Word (.docx) -----------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> Document:
    """Blocks of a .docx body, in body order (see the module's docstring)."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive, DOCX_PACKAGE_LIMITS)
            if "word/document.xml" not in archive.namelist():
                raise DocumentError(DocumentProblem.NO_BODY)
    except (DocumentError, ReadError):
        raise
    except zipfile.BadZipFile:
        raise DocumentError(DocumentProblem.NOT_DOCX) from None
    except OSError as exc:
        raise ReadError(ReadProblem.CANNOT_OPEN, exc.strerror or str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - zipfile and zlib on a damaged package
        raise DocumentError(DocumentProblem.CORRUPT, type(exc).__name__) from None
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            word = docx.Document(str(path))
        except PackageNotFoundError:
            raise DocumentError(DocumentProblem.NO_BODY) from None
        reader = _DocxReader(_heading_style_ids(word))
        return Document(str(path), "docx", list(reader.blocks(word.element.body)))
    except (DocumentError, ReadError):
        raise
    except Exception as exc:  # noqa: BLE001 - lxml, zipfile, python-docx: any of them on a broken package
        raise DocumentError(DocumentProblem.CORRUPT, type(exc).__name__) from None


def _heading_style_ids(word: Any) -> set[str]:
    """The ids of the paragraph styles that are headings (by name, or by an outline level)."""
    found = set()
    for style in word.styles.element.findall(f"{_W}style"):
        name_el = style.find(f"{_W}name")
        name = (name_el.get(f"{_W}val") if name_el is not None else "") or ""
        outline = style.find(f"{_W}pPr/{_W}outlineLvl")
        if name.lower().startswith(labels.IMPORT_HEADING_STYLES) or outline is not None:
            found.add(style.get(f"{_W}styleId") or "")
    return found


class _DocxReader:
    def __init__(self, heading_styles: set[str]) -> None:
        self.heading_styles = heading_styles
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, container: Any) -> Iterator[Block]:
        for child in container.iterchildren():
            if child.tag == f"{_W}p":
                paragraph = self.paragraph(child)
                if paragraph is not None:
                    yield paragraph
            elif child.tag == f"{_W}tbl":
                self.tables += 1
                yield self.table(child, self.tables)
            elif child.tag in (f"{_W}sdt", f"{_W}customXml"):  # content controls hold body blocks
                content = child.find(f"{_W}sdtContent")
                yield from self.blocks(content if content is not None else child)

    def paragraph(self, p: Any) -> Paragraph | None:
        text = _paragraph_text(p)
        if not text.strip():
            return None
        self.paragraphs += 1
        text, toc = strip_toc_field(text.strip())
        return Paragraph(text.strip(), Where(paragraph=self.paragraphs), toc or self._is_heading(p))

    def _is_heading(self, p: Any) -> bool:
        style = p.find(f"{_W}pPr/{_W}pStyle")
        if style is not None and style.get(f"{_W}val") in self.heading_styles:
            return True
        if p.find(f"{_W}pPr/{_W}outlineLvl") is not None:
            return True
        instructions = [t.text or "" for t in p.iter(f"{_W}instrText")]
        instructions += [s.get(f"{_W}instr") or "" for s in p.iter(f"{_W}fldSimple")]
        return any(i.strip().startswith("TC ") for i in instructions)

    def table(self, tbl: Any, number: int) -> Table:
        rows: list[list[Cell]] = []
        for tr in tbl.iterchildren(f"{_W}tr"):
            row: list[Cell] = []
            column = _int(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
            for tc in _row_cells(tr):
                span = _int(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1)
                merge = tc.find(f"{_W}tcPr/{_W}vMerge")
                continued = merge is not None and (merge.get(f"{_W}val") or "continue") == "continue"
                texts = (
                    []
                    if continued
                    else [t for t in (_paragraph_text(p).strip() for p in tc.iter(f"{_W}p")) if t]
                )
                where = Where(table=number, row=len(rows) + 1, cell=len(row) + 1)
                row.append(Cell(_CONTROL.sub("", "\n".join(texts)), where, column, continued))
                column += max(span, 1)
            rows.append(row)
        return Table(rows, Where(table=number))


def _row_cells(tr: Any) -> Iterator[Any]:
    """A row's cells, also those inside content controls."""
    for child in tr.iterchildren():
        if child.tag == f"{_W}tc":
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            yield from _row_cells(content if content is not None else child)


def _int(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(f"{_W}val") or default)
    except ValueError:
        return default


def _paragraph_text(p: Any) -> str:
    """A paragraph's visible text: its runs' text, tabs, line breaks; field codes and deleted
    text left out (as Word shows it)."""
    parts = []
    for element in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        tag = element.tag
        if tag == f"{_W}t":
            parts.append(element.text or "")
        elif tag == f"{_W}tab":
            if element.getparent() is not None and element.getparent().tag == f"{_W}r":
                parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return _CONTROL.sub("", "".join(parts))
