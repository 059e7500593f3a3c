"""The architecture's promises, checked on the source and on a fresh process.

- Chinese words live in the rules (their own texts), the labels module, the profiles and
  the report templates: nowhere else in the code (docstrings and comments aside).
- The Excel entry points import no openpyxl, pandas or numpy (a button click starts a
  fresh Python process); the validate path stays light (test_startup).
- No two modules share a name, so the file list reads as the architecture.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "workbook_tools"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
ALLOWED = ("check/rules/", "labels.py")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def chinese_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and CJK.search(node.value)
    ]


def test_no_chinese_literal_outside_rules_and_labels() -> None:
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(ALLOWED[0]) or relative == ALLOWED[1]:
            continue
        found = chinese_literals(path)
        if found:
            offenders[relative] = found
    assert offenders == {}


def test_the_literal_check_sees_chinese(tmp_path: Path) -> None:
    """The counterpart, so the check above cannot pass by seeing nothing."""
    sample = tmp_path / "m.py"
    sample.write_text('"""文档。"""\nX = "预算数"\n# 注释\n', encoding="utf-8")
    assert chinese_literals(sample) == [(2, "预算数")]


def test_excel_entry_points_import_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "import workbook_tools.hosts.excel\n"
        "print(','.join(m for m in ('openpyxl', 'pandas', 'numpy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_no_two_modules_share_a_name() -> None:
    names = Counter(p.stem for p in PACKAGE.rglob("*.py") if p.stem != "__init__")
    packages = Counter(p.name for p in PACKAGE.rglob("*") if p.is_dir() and (p / "__init__.py").exists())
    clashes = {n for n, c in (names + packages).items() if c > 1}
    assert clashes == set()


def test_atomic_writes_keep_the_mode_and_respect_the_umask(tmp_path: Path) -> None:
    import os

    from workbook_tools.outputs.atomic import write_atomically

    shared = tmp_path / "shared.xlsx"
    shared.write_bytes(b"old")
    shared.chmod(0o664)
    write_atomically(shared, lambda tmp: tmp.write_bytes(b"new"))
    assert shared.read_bytes() == b"new" and oct(shared.stat().st_mode & 0o777) == oct(0o664)
    old = os.umask(0o022)
    try:
        fresh = write_atomically(tmp_path / "new.xlsx", lambda tmp: tmp.write_bytes(b"x"))
    finally:
        os.umask(old)
    assert oct(fresh.stat().st_mode & 0o777) == oct(0o644)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
