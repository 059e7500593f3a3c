"""The live-workbook entry points in real Pyodide (node + the `pyodide` npm package).

Skips unless node and an installed `pyodide` npm package are found (PYODIDE_NODE_MODULES,
default ./node_modules). Everything is local: the core closure's installed files (compiled
accelerators dropped) and xlwings' pure-Python code are zipped and unpacked into Pyodide.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLE
from test_lite import COMPILED, EXTRAS_ONLY, _book_json, closure

import workbook_tools
from workbook_tools import labels as L
from workbook_tools.read.grid import Grid

MODULES = Path(os.environ.get("PYODIDE_NODE_MODULES", "node_modules")).resolve()
RUNNER = """
const fs = require("fs"), path = require("path");
const { loadPyodide } = require(path.join(process.argv[2], "pyodide"));
(async () => {
  const py = await loadPyodide({ indexURL: path.join(process.argv[2], "pyodide") });
  py.FS.writeFile("/site.zip", fs.readFileSync(process.argv[3]));
  for (const f of process.argv.slice(5)) py.FS.writeFile("/" + path.basename(f), fs.readFileSync(f));
  py.runPython(`import site, zipfile; zipfile.ZipFile("/site.zip").extractall(site.getsitepackages()[0])`);
  console.log(await py.runPythonAsync(fs.readFileSync(process.argv[4], "utf8")));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def core_from_pyproject() -> list[str]:
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    from packaging.requirements import Requirement

    data = tomllib.loads((Path(workbook_tools.__file__).parents[1] / "pyproject.toml").read_text("utf-8"))
    reqs = [Requirement(r) for r in data["project"]["dependencies"]]
    return [r.name for r in reqs if r.marker is None or r.marker.evaluate()]


def site_zip(target: Path) -> Path:
    """The pure-Python files of workbook_tools, its core closure and xlwings."""
    import importlib.metadata as md

    import xlwings

    # The installed workbook-tools metadata can lag pyproject.toml (an editable install is not
    # re-run when a dependency is added), so also take what pyproject's core list names.
    dists = {**closure(), **{name: md.distribution(name) for name in core_from_pyproject()}}.values()
    with zipfile.ZipFile(target, "w") as z:
        for dist in dists:
            for f in dist.files or []:
                if not str(f).endswith(COMPILED) and "__pycache__" not in str(f):
                    z.write(dist.locate_file(f), str(f))
        for package in (workbook_tools, xlwings):
            root = Path(package.__file__).parent
            for f in root.rglob("*"):
                if f.is_file() and not f.name.endswith(COMPILED) and "__pycache__" not in f.parts:
                    z.write(f, str(f.relative_to(root.parent)))
    return target


@pytest.mark.skipif(
    shutil.which("node") is None or not (MODULES / "pyodide" / "pyodide.asm.wasm").exists(),
    reason="needs node and `npm install pyodide`",
)
def test_excel_entry_points_run_in_pyodide(tmp_path: Path) -> None:
    marks = Grid(
        L.SHEET_MARKS, [["active", "工会经费", "", ""], ["工会经费", "C11", "#00B050", ""]], hidden=True
    )
    plain = _book_json(SAMPLE, tmp_path, "plain.json")
    marked = _book_json(SAMPLE, tmp_path, "marked.json", notes={"工会经费": ["C11"]}, extra=(marks,))
    code = tmp_path / "run.py"
    code.write_text(
        "import json, os, sys\n"
        "os.environ['XLWINGS_LICENSE_KEY'] = 'noncommercial'\n"
        "import xlwings as xw\n"
        "from workbook_tools.hosts import excel\n"
        "def book(path):\n"
        "    return xw.Book(json=json.loads(open(path, encoding='utf-8').read()))\n"
        "validated = excel.validate(book('/plain.json'))\n"
        "consolidating = book('/plain.json')\n"
        "consolidated = excel.consolidate(consolidating)\n"
        "added = [a['args'][1] for a in consolidating.json()['actions'] if a['func'] == 'addSheet']\n"
        "cleared = excel.clear(book('/marked.json'))\n"
        "json.dumps({'platform': sys.platform, 'validate': [validated.errors, validated.warnings],\n"
        "    'consolidate': [consolidated.errors, consolidated.warnings, added], 'clear': cleared,\n"
        f"    'loaded': [m for m in {EXTRAS_ONLY!r} if sys.modules.get(m) is not None]}},\n"
        "    ensure_ascii=False)\n",
        encoding="utf-8",
    )
    runner = tmp_path / "run.js"
    runner.write_text(RUNNER, encoding="utf-8")
    args = [str(MODULES), str(site_zip(tmp_path / "site.zip")), str(code), str(plain), str(marked)]
    out = subprocess.run(["node", str(runner), *args], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.splitlines()[-1])
    assert result["platform"] == "emscripten"
    assert result["validate"] == [0, 11]
    assert result["consolidate"] == [0, 11, [L.SHEET_SUMMARY, L.SHEET_INDICATORS, L.SHEET_OVERVIEW]]
    assert result["clear"] == 1
    assert result["loaded"] == []
