"""User text never acts on the terminal and never becomes a formula in a CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from workbook_tools.hosts.cli import main
from workbook_tools.outputs.cell_text import for_csv, for_sheet, for_terminal

HOSTILE = "工会\x1b[31m经费\x07\u202egnp.exe\x00"


def test_terminal_text_has_no_raw_control_or_bidi_character() -> None:
    shown = for_terminal(HOSTILE)
    assert shown == "工会\\u001b[31m经费\\u0007\\u202egnp.exe\\u0000"
    assert for_terminal("第一行\n\t第二行") == "第一行\n\t第二行"


@given(st.text())
def test_escaped_text_is_always_safe(text: str) -> None:
    assert not any(ord(c) < 32 and c not in "\n\t" for c in for_terminal(text))
    assert not any(ord(c) < 32 and c not in "\n\t\r" for c in for_sheet(text))


def test_csv_cells_that_look_like_formulas_are_neutralised() -> None:
    for text in ("=11个", "+1", "-2", "@SUM(A1)", '=HYPERLINK("http://x","y")', "\tx", "\rx"):
        assert str(for_csv(text)).startswith("'")
    assert for_csv("工会经费") == "工会经费" and for_csv(450) == 450


def as_text(ws, ref: str, value: str) -> None:
    """What a clerk typed as text (Excel keeps "=…" typed after an apostrophe as a string)."""
    ws[ref] = value
    ws[ref].data_type = "s"


def test_show_and_validate_escape_what_a_clerk_typed(edit_sample) -> None:
    # Excel's _xHHHH_ escapes decode to control characters when the file is read.
    path = edit_sample(lambda wb: as_text(wb["工会经费"], "E3", "工会_x001B_[31m经费_x0007_\u202egnp.exe"))
    for args in (["show", str(path)], ["validate", str(path)]):
        output = CliRunner().invoke(main, args).output
        assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
        assert "\\u001b" in output or args[0] == "validate"


def test_batch_csv_has_no_formula_from_user_text(edit_sample, tmp_path: Path) -> None:
    path = edit_sample(lambda wb: as_text(wb["工会经费"], "E3", '=HYPERLINK("http://x","点这里")'))
    folder = tmp_path / "csv"
    CliRunner().invoke(
        main, ["consolidate", str(path), "--batch", "-o", str(tmp_path / "a.xlsx"), "--csv", str(folder)]
    )
    with (folder / "项目汇总表.csv").open(encoding="utf-8-sig") as handle:
        names = [row["项目名称"] for row in csv.DictReader(handle)]
    assert '\'=HYPERLINK("http://x","点这里")' in names
