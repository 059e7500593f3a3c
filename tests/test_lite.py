"""xlwings Lite (Python in Excel, Pyodide) installs only pure-Python packages.

- The core requirements' dependency closure is pure Python: no compiled file in any
  installed distribution, except accelerators their packages can do without (checked by
  importing those packages with the compiled modules blocked). pandas, numpy,
  python-calamine, msoffcrypto-tool and cryptography are extras, not in the closure.
- The live-workbook entry points (validate, consolidate, clear) run on an xlwings remote
  Book in a process where the extras and those compiled modules cannot be imported.
- Without the ``cli`` extra the file path degrades: openpyxl reads the workbook, an
  encrypted file is still X002, and there is no progress bar.
"""

from __future__ import annotations

import importlib.metadata as md
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE
from packaging.requirements import Requirement

from workbook_tools import labels as L
from workbook_tools.read.grid import Grid

COMPILED = (".so", ".pyd", ".dll")
#: Packages the live-workbook path must not need (the extras' compiled or heavy packages).
EXTRAS_ONLY = ("pandas", "numpy", "python_calamine", "msoffcrypto", "tqdm")
FORBIDDEN = {"pandas", "numpy", "python-calamine", "msoffcrypto-tool", "cryptography"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(extras: tuple[str, ...] = ()) -> dict[str, md.Distribution]:
    """Installed distributions workbook-tools needs (with ``extras``), recursively, markers
    evaluated for this Python; a requirement's own extras are followed too."""
    found: dict[str, md.Distribution] = {}
    todo = [("workbook-tools", tuple(extras))]
    seen: set[tuple[str, str]] = set()
    while todo:
        name, wanted = todo.pop()
        dist = md.distribution(name)
        key = _normal(dist.metadata["Name"])
        if key != "workbook-tools":
            found[key] = dist
        for line in dist.requires or []:
            req = Requirement(line)
            for extra in ("", *wanted):
                if req.marker is None or req.marker.evaluate({"extra": extra}):
                    if (_normal(req.name), ",".join(sorted(req.extras))) not in seen:
                        seen.add((_normal(req.name), ",".join(sorted(req.extras))))
                        todo.append((req.name, tuple(req.extras)))
                    break
    return found


def compiled_files(dist: md.Distribution) -> list[str]:
    return [str(f) for f in dist.files or [] if str(f).endswith(COMPILED)]


def module_name(path: str) -> str:
    """``markupsafe/_speedups.cpython-311-x86_64-linux-gnu.so`` → ``markupsafe._speedups``."""
    *packages, file = Path(path).parts
    return ".".join([*packages, file.split(".")[0]])


def core_accelerators() -> list[str]:
    """The compiled modules of the core closure (optional accelerators, see below)."""
    return sorted(module_name(f) for dist in closure().values() for f in compiled_files(dist))


def run_blocked(code: str, blocked: list[str], **env: str) -> str:
    """Run ``code`` in a fresh Python where importing the ``blocked`` modules fails (as in
    Pyodide without them); returns its stdout."""
    prelude = f"import sys\nfor _name in {blocked!r}:\n    sys.modules[_name] = None\n"
    out = subprocess.run(
        [sys.executable, "-c", prelude + code],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_core_closure_is_pure_python() -> None:
    core = closure()
    assert {"openpyxl", "jinja2", "click"} <= set(core)  # the walk sees the core requirements
    assert FORBIDDEN.isdisjoint(core), sorted(FORBIDDEN & set(core))
    assert "xlwings" not in core  # Lite brings its own; desktop Excel installs the excel extra
    accelerated = {name: compiled_files(dist) for name, dist in core.items() if compiled_files(dist)}
    # Some wheels carry an optional C accelerator next to the pure-Python code (MarkupSafe's
    # _speedups, wcwidth's _wcwidth_c); Pyodide uses the pure code. Each such package must
    # import with its compiled modules blocked.
    for name, files in accelerated.items():
        blocked = [module_name(f) for f in files]
        packages = sorted({b.rsplit(".", 1)[0] for b in blocked})
        code = "".join(f"import {p}\n" for p in packages) + "print('ok')\n"
        assert run_blocked(code, blocked).strip() == "ok", name


def test_the_cli_extra_is_what_is_compiled() -> None:
    """The counterpart, so the check above cannot pass by seeing nothing."""
    cli = closure(("cli",))
    assert {"python-calamine", "msoffcrypto-tool", "cryptography", "tqdm"} <= set(cli)
    assert compiled_files(cli["python-calamine"])
    assert module_name("python_calamine/_python_calamine.abi3.so") == "python_calamine._python_calamine"


def _book_json(path: Path, tmp_path: Path, name: str, **kwargs) -> Path:
    pytest.importorskip("xlwings")
    from test_excel import book_json

    target = tmp_path / name
    target.write_text(json.dumps(book_json(path, **kwargs), ensure_ascii=False), encoding="utf-8")
    return target


def test_excel_entry_points_run_without_the_extras(tmp_path: Path) -> None:
    marks = Grid(
        L.SHEET_MARKS, [["active", "工会经费", "", ""], ["工会经费", "C11", "#00B050", ""]], hidden=True
    )
    plain = _book_json(SAMPLE, tmp_path, "plain.json")
    marked = _book_json(SAMPLE, tmp_path, "marked.json", notes={"工会经费": ["C11"]}, extra=(marks,))
    code = (
        "import json\n"
        "import xlwings as xw\n"
        "from workbook_tools.hosts import excel\n"
        "def book(path):\n"
        "    return xw.Book(json=json.loads(open(path, encoding='utf-8').read()))\n"
        f"validated = excel.validate(book({str(plain)!r}))\n"
        f"consolidating = book({str(plain)!r})\n"
        "consolidated = excel.consolidate(consolidating)\n"
        "added = [a['args'][1] for a in consolidating.json()['actions'] if a['func'] == 'addSheet']\n"
        f"cleared = excel.clear(book({str(marked)!r}))\n"
        "print(json.dumps({\n"
        "    'validate': [validated.errors, validated.warnings],\n"
        "    'consolidate': [consolidated.errors, consolidated.warnings, added],\n"
        "    'clear': cleared,\n"
        f"    'loaded': [m for m in {EXTRAS_ONLY!r} if sys.modules.get(m) is not None],\n"
        "}, ensure_ascii=False))\n"
    )
    blocked = [*EXTRAS_ONLY, *core_accelerators()]
    out = run_blocked(code, blocked, XLWINGS_LICENSE_KEY="noncommercial")
    result = json.loads(out.splitlines()[-1])  # after the messages the buttons show
    assert result["validate"] == [0, 11]
    assert result["consolidate"] == [0, 11, [L.SHEET_SUMMARY, L.SHEET_INDICATORS, L.SHEET_OVERVIEW]]
    assert result["clear"] == 1
    assert result["loaded"] == []


def test_file_path_degrades_without_the_cli_extra(tmp_path: Path) -> None:
    msoffcrypto = pytest.importorskip("msoffcrypto.format.ooxml")
    encrypted = tmp_path / "encrypted.xlsx"
    with SAMPLE.open("rb") as source, encrypted.open("wb") as out:
        msoffcrypto.OOXMLFile(source).encrypt("secret", out)
    broken = tmp_path / "broken.xls"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    code = (
        "from workbook_tools.check.profile import load_profile\n"
        "from workbook_tools.check.validation import validate_file\n"
        "from workbook_tools.outputs.consolidation import _progress\n"
        "profile = load_profile()\n"
        f"sample = validate_file({str(SAMPLE)!r}, profile)\n"
        "print(sample.errors, sample.warnings)\n"
        f"for path in ({str(encrypted)!r}, {str(broken)!r}):\n"
        "    print(' '.join(f.code for f in validate_file(path, profile).findings))\n"
        "print(list(_progress(['a', 'b'], 2, True)))\n"
    )
    out = run_blocked(code, ["python_calamine", "msoffcrypto", "tqdm"]).splitlines()
    assert out == ["0 11", "X002", "X001", "['a', 'b']"]
