"""Profiles are data: bundled ones load, a user's file is used, a malformed one fails clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from workbook_tools.check.profile import ProfileError, bundled_profiles, load_profile
from workbook_tools.check.validation import validate_file
from workbook_tools.hosts.cli import main


def test_bundled_profiles() -> None:
    assert bundled_profiles() == ["central-2021", "hebei-2020"]
    hebei, central = load_profile("hebei-2020"), load_profile("central-2021")
    assert hebei.level1_names == ["产出指标", "效果指标", "满意度指标"]
    assert hebei.category("效益指标").name == "效果指标"
    assert "成本指标" in central.level1_names and central.category("效果指标").name == "效益指标"
    assert central.category("成本指标").level2 == ("经济成本指标", "社会成本指标", "生态环境成本指标")
    assert hebei.min_satisfaction == 80
    assert hebei.description and central.description and "101号" in central.description
    assert central.required == ("产出指标", "效益指标", "成本指标") and central.recommended == ("满意度指标",)
    assert hebei.select == hebei.ignore == hebei.severity == ()  # every rule, at its own severity


def test_users_own_profile_changes_the_threshold(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parent.parent / "workbook_tools" / "profiles" / "hebei-2020.toml"
    text = source.read_text(encoding="utf-8").replace("min_satisfaction = 80", "min_satisfaction = 65")
    own = tmp_path / "mine.toml"
    own.write_text(text, encoding="utf-8")
    report = validate_file(SAMPLE, load_profile(own))
    flagged = [(f.sheet, f.cell) for f in report.findings if f.code == "I011"]
    assert flagged == [("送温暖资金", "F13"), ("五一系列活动经费", "F12")]  # the 70% targets now pass


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("name = ", "TOML"),
        ('name = "x"', "categories"),
        ('name = "x"\n[[categories]]\nname = "产出指标"\nlevel2 = []\n', "非空"),
        (
            'name = "x"\n[[categories]]\nname = "产出指标"\nlevel2 = ["数量指标"]\nlevel2_synonyms = ["a"]\n',
            "别名",
        ),
        (
            'name = "x"\n[[categories]]\nname = "产出指标"\nlevel2 = ["数量指标", "质量指标"]\n'
            'level2_synonyms = { "质量指标" = "数量指标" }\n',
            "本身是二级指标名",
        ),
    ],
)
def test_malformed_profile(tmp_path: Path, content: str, says: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError, match=says):
        load_profile(bad)
    result = CliRunner().invoke(main, ["validate", str(SAMPLE), "--profile", str(bad)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_unknown_profile_name() -> None:
    with pytest.raises(ProfileError, match="hebei-2020"):
        load_profile("shanghai-1999")
