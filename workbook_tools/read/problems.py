"""Why a workbook file could not be used: a machine value, worded by the X rules."""

from __future__ import annotations

from enum import Enum


class ReadProblem(str, Enum):
    """What stopped a file; the X001/X002 rules turn it into a Chinese message."""

    MISSING = "missing"
    BROKEN_LINK = "broken_link"  # a link to nothing, or a loop of links
    FOLDER = "folder"
    EXTENSION = "extension"  # detail: the extension
    CANNOT_OPEN = "cannot_open"  # detail: the OS error text
    EMPTY = "empty"
    NOT_WORKBOOK = "not_workbook"
    CORRUPT = "corrupt"  # detail: the reader's exception class
    ENCRYPTED = "encrypted"
    LEGACY_UNREADABLE = "legacy_unreadable"  # .xls/.ods without python-calamine; detail: extension
    LEGACY_FORMAT = "legacy_format"  # readable, but marks cannot be written into it; detail: extension
    NOT_REWRITABLE = "not_rewritable"  # detail: the writer's exception class
    TOO_LARGE = "too_large"  # detail: "what:found:limit" (X005)
    UNSAFE_XML = "unsafe_xml"  # entities or a DTD in the package's XML (X005)
    CRASHED = "crashed"  # the reader's process died on this file (a batch goes on)


class ReadError(Exception):
    """A file that cannot be read (or written back) as a workbook."""

    def __init__(self, problem: ReadProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail
