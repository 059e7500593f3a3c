"""Rebuild the committed artefacts: the template and the bundled samples.

    python scripts/build_samples.py [--vba]

``--vba`` also rebuilds the VBA project (``workbook_tools/outputs/vba/vbaProject.bin``) from
``macros/`` with LibreOffice (needs libreoffice-calc-nogui and python3-uno): do it after
changing ``macros/WorkbookTools.bas`` or the pinned xlwings.

Tests check that each committed file equals a fresh build, so run this after
changing the template or the sample data.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from workbook_tools.outputs.filled_book import write_workbook
from workbook_tools.outputs.macro_book import xlwings_vba_sources
from workbook_tools.outputs.template_book import build_macro_template, build_template

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "dingzhou_trade_union_2020.json"
DEMO = ROOT / "samples" / "demo_units.json"
UNITS = ROOT / "samples" / "units"


VBA_BIN = ROOT / "workbook_tools" / "outputs" / "vba" / "vbaProject.bin"
SYSTEM_PYTHON = "/usr/bin/python3"  # LibreOffice's UNO bridge (Debian: python3-uno)


def build_vba() -> None:
    """Rebuild the VBA project from macros/ and the pinned xlwings' standalone module."""
    with tempfile.TemporaryDirectory() as tmp:
        sources = [ROOT / "macros" / "WorkbookTools.bas"]
        for name, code in xlwings_vba_sources().items():
            sources.append(Path(tmp) / name)
            sources[-1].write_text(code, encoding="utf-8")
        command = [SYSTEM_PYTHON, str(ROOT / "scripts" / "build_vba.py"), str(VBA_BIN), *map(str, sources)]
        subprocess.run(command, check=True)


def main() -> None:
    if "--vba" in sys.argv:
        build_vba()
    print(build_template(ROOT / "templates" / "target_template.xlsx"))
    print(build_macro_template(ROOT / "templates" / "target_template.xlsm"))
    print(write_workbook(json.loads(SEED.read_text(encoding="utf-8")), SEED.with_suffix(".xlsx")))
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    for unit in demo["units"]:
        print(write_workbook(unit, UNITS / unit["file"]))
    # A workbook cut short, as an e-mail attachment that did not arrive whole.
    whole = (UNITS / demo["units"][0]["file"]).read_bytes()
    broken = UNITS / demo["unreadable"]
    broken.write_bytes(whole[: len(whole) // 3])
    print(broken)


if __name__ == "__main__":
    main()
