"""Regenerate the README's rule list from the rule units (a test checks it is current).

python scripts/rules_table.py
"""

from __future__ import annotations

import re
from pathlib import Path

from workbook_tools.outputs.catalog import README_BEGIN, README_END, readme_table

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_BEGIN) + ".*?" + re.escape(README_END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no {README_BEGIN} … {README_END} block")
    README.write_text(pattern.sub(lambda _: readme_table(), text), encoding="utf-8")
    print(f"updated {README}")


if __name__ == "__main__":
    main()
