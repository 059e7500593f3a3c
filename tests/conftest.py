"""Shared fixtures: the bundled seed sample, and workbooks built from it by code."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

os.environ["OPENPYXL_LXML"] = "False"  # as workbook_tools does, before openpyxl is imported here

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "dingzhou_trade_union_2020.xlsx"
SEED_JSON = ROOT / "samples" / "dingzhou_trade_union_2020.json"
TEMPLATE = ROOT / "templates" / "target_template.xlsx"

#: Known answers transcribed from the seed document (DESIGN §8): code, name, 预算数.
SEED_PROJECTS = [
    ("711-0301-JBN-BFBQ", "工会经费", Decimal("450.00")),
    ("711-0106-JBN-XSQ8", "冀财行【2019】46号  2020年困难职工及劳模帮扶救助专项资金", Decimal("25.18")),
    ("711-0109-JBN-K0K5", "劳模体检及保险费", Decimal("7.00")),
    ("711-0105-JBN-ZYC3", "送温暖资金", Decimal("50.00")),
    ("711-0201-JBN-WL5G", "五一系列活动经费", Decimal("3.00")),
    ("711-0301-YCN-I3GB", "招商引资工作经费", Decimal("3.00")),
]
SEED_PLAN = [Decimal(25), Decimal(50), Decimal(75), Decimal(100)]


@pytest.fixture
def seed_data() -> dict:
    return copy.deepcopy(json.loads(SEED_JSON.read_text(encoding="utf-8")))


@pytest.fixture
def edit_sample(tmp_path: Path) -> Callable[..., Path]:
    """Copy the sample with an edit applied through openpyxl: ``edit_sample(fn, name)``."""

    def build(change: Callable[[openpyxl.Workbook], None], name: str = "edited.xlsx") -> Path:
        wb = openpyxl.load_workbook(SAMPLE)
        change(wb)
        path = tmp_path / name
        wb.save(path)
        return path

    return build


def insert_rows(ws, idx: int, amount: int = 1) -> None:
    """Insert rows as Excel does: cells move down and so do the merged ranges below."""
    ws.insert_rows(idx, amount)
    for rng in list(ws.merged_cells.ranges):
        if rng.min_row >= idx:
            rng.shift(0, amount)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(path: Path, outdir: Path) -> Path:
    """Convert to PDF with LibreOffice headless (see :func:`convert`)."""
    return convert(path, outdir, "pdf")


def convert(path: Path, outdir: Path, fmt: str) -> Path:
    """Convert with LibreOffice headless; fails the test when LibreOffice is missing on CI."""
    binary = soffice()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required on CI")
        pytest.skip("LibreOffice not installed")
    profile = outdir / "lo-profile"
    result = subprocess.run(
        [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = outdir / f"{path.stem}.{fmt}"
    assert result.returncode == 0, result.stderr
    assert converted.exists() and converted.stat().st_size > 1000, result.stdout + result.stderr
    return converted
