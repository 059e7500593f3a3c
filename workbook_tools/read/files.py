"""File readers: a workbook file → grids. python-calamine for speed, openpyxl for fidelity.

Both readers give the same grids for the same file except that only openpyxl sees number
formats (so it knows which cells are percentages). Unreadable files raise
:class:`~workbook_tools.read.problems.ReadError` saying what stopped them.

python-calamine and msoffcrypto-tool come with the ``cli`` extra; without them (xlwings
Lite installs only pure-Python packages) .xlsx/.xlsm files are read with openpyxl, an
old .xls is refused with advice to save it as .xlsx, and an encrypted file is still
recognised from its OLE directory.
"""

from __future__ import annotations

import struct
from pathlib import Path
from types import ModuleType
from typing import Literal

from workbook_tools.read.grid import Grid, Pos, whole
from workbook_tools.read.package_scan import SheetFacts, check_package_sizes, scan_package
from workbook_tools.read.problems import ReadError, ReadProblem

Engine = Literal["calamine", "openpyxl"]
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
#: Marks and summary sheets can be written into these (the others: save as .xlsx first).
WRITABLE = (".xlsx", ".xlsm")
#: Other spreadsheet formats a reviewer's folder may hold: listed with a reason, not read.
OTHER_SPREADSHEETS = (".et", ".ett", ".xlsb", ".xlt", ".xltx", ".xltm", ".numbers", ".wps", ".csv", ".dif")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def sniff(path: Path) -> str:
    """Check a path before reading: returns "zip" (xlsx/xlsm), "ods" or "ole" (xls), else raises."""
    if path.is_symlink() and not path.exists():
        raise ReadError(ReadProblem.BROKEN_LINK)
    if not path.exists():
        raise ReadError(ReadProblem.MISSING)
    if path.is_dir():
        raise ReadError(ReadProblem.FOLDER)
    if path.suffix.lower() not in EXTENSIONS:
        raise ReadError(ReadProblem.EXTENSION, path.suffix)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ReadError(ReadProblem.CANNOT_OPEN, exc.strerror or str(exc)) from None
    if head.startswith(_ZIP_MAGIC):
        return "ods" if path.suffix.lower() == ".ods" else "zip"
    if head == _OLE_MAGIC:
        if _is_encrypted(path):
            raise ReadError(ReadProblem.ENCRYPTED)
        return "ole"
    if not head:
        raise ReadError(ReadProblem.EMPTY)
    raise ReadError(ReadProblem.NOT_WORKBOOK)


def _is_encrypted(path: Path) -> bool:
    try:
        import msoffcrypto
    except ImportError:
        return _ole_holds_encrypted_package(path)
    try:
        with path.open("rb") as handle:
            return bool(msoffcrypto.OfficeFile(handle).is_encrypted())
    except Exception:  # noqa: BLE001 - a broken OLE file is unreadable, not encrypted
        return False


_ENCRYPTED_STREAMS = {"EncryptionInfo", "EncryptedPackage"}
_END_OF_CHAIN = 0xFFFFFFFA  # sector numbers from here up mark the end of a chain or free/FAT sectors


def _ole_holds_encrypted_package(path: Path) -> bool:
    """Whether an OLE (compound) file's directory names the streams of an encrypted .xlsx.

    A password-protected .xlsx/.xlsm is an OLE file holding ``EncryptionInfo`` and
    ``EncryptedPackage`` ([MS-OFFCRYPTO]); the directory is a chain of sectors listed in
    the FAT ([MS-CFB]). A file this cannot walk is not called encrypted (it is reported as
    unreadable instead).
    """
    try:
        data = path.read_bytes()
        size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        if size not in (512, 4096):  # the two sector sizes [MS-CFB] allows
            return False
        fat_count, directory = struct.unpack_from("<2I", data, 0x2C)
        difat_sector, difat_count = struct.unpack_from("<2I", data, 0x44)
        fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
        per_sector = size // 4
        # FAT sectors beyond the first 109 are listed in a chain of DIFAT sectors.
        for _ in range(min(difat_count, len(data) // size)):
            entries = struct.unpack_from(f"<{per_sector}I", data, (difat_sector + 1) * size)
            fat_sectors += entries[:-1]
            difat_sector = entries[-1]
        fat: list[int] = []
        for sector in fat_sectors[:fat_count]:
            fat += struct.unpack_from(f"<{per_sector}I", data, (sector + 1) * size)
        names: set[str] = set()
        seen: set[int] = set()
        sector = directory
        while sector < _END_OF_CHAIN and sector not in seen:
            seen.add(sector)
            for entry in range((sector + 1) * size, (sector + 2) * size, 128):
                length = struct.unpack_from("<H", data, entry + 64)[0]
                names.add(data[entry : entry + max(0, length - 2)].decode("utf-16-le", "replace"))
            sector = fat[sector]
        return _ENCRYPTED_STREAMS.issubset(names)
    except (OSError, struct.error, IndexError):
        return False


def _calamine() -> ModuleType | None:
    """python-calamine when installed (the ``cli`` extra)."""
    try:
        import python_calamine
    except ImportError:
        return None
    return python_calamine


def read_grids(path: str | Path, engine: Engine = "calamine") -> list[Grid]:
    """Read every sheet of a workbook file into grids.

    Without python-calamine an .xlsx/.xlsm is read with openpyxl (the same grids) and an
    .xls or .ods, which openpyxl cannot read, is refused with that reason.
    """
    path = Path(path)
    container = sniff(path)
    facts = scan_package(path) if container == "zip" else {}  # bounded: refuses before reading
    if container == "ods":
        check_package_sizes(path)
    use_calamine = container in ("ole", "ods") or engine == "calamine"
    if use_calamine and _calamine() is None:
        if container != "zip":
            raise ReadError(ReadProblem.LEGACY_UNREADABLE, path.suffix)
        use_calamine = False
    grids = _read_calamine(path) if use_calamine else _read_openpyxl(path)
    if container == "zip":
        for grid in grids:
            sheet = facts.get(grid.name, SheetFacts())
            grid.uncomputed = frozenset(sheet.uncomputed)
            for (row, col), error in sheet.errors.items():
                grid.put(row, col, error)  # python-calamine reads error values as blanks
            if grid.percent is None:
                grid.percent = frozenset(p for p in sheet.percent if grid.value(*p) is not None)
    return grids


def _read_calamine(path: Path) -> list[Grid]:
    import python_calamine as pc

    try:
        book = pc.CalamineWorkbook.from_path(str(path))
        grids = []
        for meta in book.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            merged = {start: end for start, end in (sheet.merged_cell_ranges or [])}
            grids.append(
                Grid(
                    name=meta.name,
                    rows=[
                        [whole(v) for v in row] for row in sheet.to_python(skip_empty_area=False)
                    ],  # all floats
                    merged=merged,
                    hidden=meta.visible != pc.SheetVisibleEnum.Visible,
                )
            )
        return grids
    except pc.PasswordError:
        raise ReadError(ReadProblem.ENCRYPTED) from None
    except Exception as exc:  # noqa: BLE001 - calamine raises many kinds for a broken file
        raise ReadError(ReadProblem.CORRUPT, type(exc).__name__) from None


def _read_openpyxl(path: Path) -> list[Grid]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise ReadError(ReadProblem.CORRUPT, type(exc).__name__) from None
    try:
        grids = []
        for ws in book.worksheets:
            rows: list[list[object]] = []
            percent: set[Pos] = set()
            for r, row in enumerate(ws.iter_rows()):
                values = []
                for c, cell in enumerate(row):
                    values.append("" if cell.value is None else cell.value)
                    if cell.value is not None and "%" in (cell.number_format or ""):
                        percent.add((r, c))
                rows.append(values)
            merged = {
                (rng.min_row - 1, rng.min_col - 1): (rng.max_row - 1, rng.max_col - 1)
                for rng in ws.merged_cells.ranges
            }
            grids.append(
                Grid(
                    name=ws.title,
                    rows=rows,
                    percent=frozenset(percent),
                    merged=merged,
                    hidden=ws.sheet_state != "visible",
                )
            )
        return grids
    finally:
        book.close()
