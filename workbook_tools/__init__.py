"""workbook-tools: performance target tables (绩效目标表) — template, validation, consolidation.

The library is the product; the CLI (:mod:`workbook_tools.cli`) and the Excel entry
points are thin layers over it. The data flows one way: read → parse → check →
mark/consolidate.
"""

from __future__ import annotations

__version__ = "0.1.0"
