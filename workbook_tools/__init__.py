"""workbook-tools: performance target tables (绩效目标表) — template, validation, consolidation.

The library is the product; the CLI (:mod:`workbook_tools.cli`) and the Excel entry
points are thin layers over it. The data flows one way: read → parse → check →
mark/consolidate.
"""

from __future__ import annotations

import os

__version__ = "0.1.0"

# openpyxl writes its XML through lxml when lxml is installed (python-docx brings it), in a
# different form (namespace declarations per element, other spacing) from its own writer.
# The workbook patcher and the byte-for-byte template builds rely on one form, so choose
# openpyxl's own writer before openpyxl is first imported.
os.environ["OPENPYXL_LXML"] = "False"
