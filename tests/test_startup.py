"""The validate path stays light: a button click or a script starts a fresh Python process."""

from __future__ import annotations

import subprocess
import sys

from conftest import SAMPLE

HEAVY = ("pandas", "numpy", "jinja2", "openpyxl", "xlwings")


def test_validate_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from workbook_tools.hosts.cli import main\n"
        f"result = CliRunner().invoke(main, ['validate', {str(SAMPLE)!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_consolidate_does_use_openpyxl() -> None:
    """The counterpart, so the check above cannot pass by measuring nothing."""
    code = (
        "import sys, tempfile, pathlib\n"
        "from click.testing import CliRunner\n"
        "from workbook_tools.hosts.cli import main\n"
        "out = pathlib.Path(tempfile.mkdtemp()) / 'o.xlsx'\n"
        f"CliRunner().invoke(main, ['consolidate', {str(SAMPLE)!r}, '-o', str(out)])\n"
        "print('openpyxl' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
