"""Rebuild the committed artefacts: the template and the bundled samples.

    python scripts/build_samples.py

Tests check that each committed file equals a fresh build, so run this after
changing the template or the sample data.
"""

from __future__ import annotations

import json
from pathlib import Path

from workbook_tools.outputs.filled_book import write_workbook
from workbook_tools.outputs.template_book import build_template

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "dingzhou_trade_union_2020.json"
DEMO = ROOT / "samples" / "demo_units.json"
UNITS = ROOT / "samples" / "units"


def main() -> None:
    print(build_template(ROOT / "templates" / "target_template.xlsx"))
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
