"""What a profile decides beyond its taxonomy, on real workbooks built from the sample.

Second-level synonyms (I003), satisfaction placed as a second-level category under 效益
(I004, I011), required and recommended categories (I004, I021 under central-2021), the
rules a profile runs and their severities (``select`` / ``ignore`` / ``[severity]``, seen
through ``validate`` and its exit code), and the ``profiles`` command.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from workbook_tools.check import RULES, Severity, check_batch, check_model
from workbook_tools.check.profile import ProfileError, describe_profiles, load_profile
from workbook_tools.check.registry import Context
from workbook_tools.check.rules.i_indicators.satisfaction_below_minimum import SatisfactionBelowMinimum
from workbook_tools.check.validation import validate_file
from workbook_tools.hosts.cli import main
from workbook_tools.parse import load
from workbook_tools.parse.indicator_value import IndicatorValue, ValueKind

HEBEI = load_profile("hebei-2020")
CENTRAL = load_profile("central-2021")
HEBEI_TOML = Path(__file__).resolve().parent.parent / "workbook_tools" / "profiles" / "hebei-2020.toml"
UNION, AID = "工会经费", "困难职工及劳模帮扶救助"
HEADER = "A9"  # the 一级指标 header of every project sheet of the sample


def setter(sheet: str, **cells: object) -> Callable:
    def change(wb) -> None:
        for ref, value in cells.items():
            wb[sheet][ref] = value

    return change


def codes_at(report, code: str) -> list[tuple[str, str]]:
    return [(f.sheet, f.cell) for f in report.findings if f.code == code]


def own_profile(tmp_path: Path, top: str = "", tables: str = "", name: str = "own.toml") -> Path:
    """hebei-2020 with top-level keys added before its tables, and tables added at the end."""
    text = HEBEI_TOML.read_text(encoding="utf-8")
    head, sep, rest = text.partition("[[categories]]")
    path = tmp_path / name
    path.write_text(f"{head}{top}\n{sep}{rest}\n{tables}\n", encoding="utf-8")
    return path


def validate_cli(path: Path, profile: Path | str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["validate", str(path), "--profile", str(profile), "--format", "json"])
    assert "Traceback" not in result.output
    data = json.loads(result.output)
    return result.exit_code, data["files"][0]["findings"]


# --- the seed --------------------------------------------------------------------------------------


def test_seed_has_no_errors_and_no_i021_under_the_default_profile() -> None:
    report = validate_file(SAMPLE, HEBEI)
    assert report.errors == 0
    assert not codes_at(report, "I021") and not codes_at(report, "I004") and not codes_at(report, "I003")


def test_seed_under_central_lacks_only_the_required_cost_category() -> None:
    """效果指标 is accepted as 效益指标; 成本指标 is required (财预〔2021〕101号): each project misses it."""
    report = validate_file(SAMPLE, CENTRAL)
    errors = [(f.code, f.cell, f.message) for f in report.findings if f.severity is Severity.ERROR]
    assert len(errors) == 6
    assert {e[:2] for e in errors} == {("I004", HEADER)} and all("成本指标" in e[2] for e in errors)
    assert not codes_at(report, "I021")  # every project of the seed has a 满意度指标


# --- level2 synonyms -----------------------------------------------------------------------------------


def test_profile_api_for_synonyms_and_kinds() -> None:
    for profile in (HEBEI, CENTRAL):
        assert profile.canonical_level2("环境效益指标") == "生态效益指标"
        assert profile.canonical_level2("社会效益指标") == "社会效益指标"
        effect = profile.category("效益指标")
        assert profile.level2_allowed(effect, "环境效益指标")
        assert profile.level2_allowed(effect, "社会公众或服务对象满意度指标")
        assert not profile.level2_allowed(effect, "数量指标")
        assert profile.kind_of("效益指标", "社会公众或服务对象满意度指标") == "satisfaction"
        assert profile.kind_of("效果指标", "社会效益指标") == "effect"
        assert profile.kind_of("满意度指标", "服务对象满意度指标") == "satisfaction"
        assert profile.kind_of("产出指标", "社会公众或服务对象满意度指标") == "output"  # only under 效益
        assert profile.kind_of("不存在的指标", "数量指标") is None and profile.kind_of(None, None) is None
    assert CENTRAL.kind_of("成本指标", "生态成本指标") == "cost"
    assert CENTRAL.canonical_level2("生态成本指标") == "生态环境成本指标"
    # the template's dropdowns keep the canonical names only
    assert "环境效益指标" not in HEBEI.level2_names


def test_i003_accepts_a_level2_synonym(edit_sample) -> None:
    synonym = validate_file(edit_sample(setter(UNION, B12="环境效益指标")), HEBEI)
    assert (UNION, "B12") not in codes_at(synonym, "I003") and synonym.errors == 0
    wrong = validate_file(edit_sample(setter(UNION, B12="环境指标")), HEBEI)
    assert codes_at(wrong, "I003") == [(UNION, "B12")]


def test_a_synonym_that_points_nowhere_is_refused(tmp_path: Path) -> None:
    text = HEBEI_TOML.read_text(encoding="utf-8").replace(
        '"环境效益指标" = "生态效益指标"', '"环境效益指标" = "绿色指标"'
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=r"环境效益指标.*绿色指标"):
        load_profile(bad)


# --- satisfaction as a second-level category under 效益 -------------------------------------------------


OLD_FORM = {"A13": "效益指标", "B13": "社会公众或服务对象满意度指标"}


def test_satisfaction_as_level2_counts_as_satisfaction_for_i004(edit_sample) -> None:
    old_form = validate_file(edit_sample(setter(UNION, **OLD_FORM)), HEBEI)
    assert not codes_at(old_form, "I004") and not codes_at(old_form, "I003")
    assert old_form.errors == 0
    # the same row as a plain 效益 second level: the project has no satisfaction indicator left
    plain = validate_file(edit_sample(setter(UNION, A13="效益指标", B13="社会效益指标")), HEBEI)
    missing = [f for f in plain.findings if f.code == "I004"]
    assert [(f.sheet, f.cell) for f in missing] == [(UNION, HEADER)] and "满意度指标" in missing[0].message


def test_satisfaction_as_level2_does_not_count_as_effect(edit_sample) -> None:
    """A project whose only 效益 row is the older form's satisfaction row lacks an effect indicator."""
    change = setter(UNION, A12="效益指标", B12="社会公众或服务对象满意度指标", A13=None, B13=None, C13=None)

    def drop_row_13(wb) -> None:
        change(wb)
        for col in "DFG":
            wb[UNION][f"{col}13"] = None

    report = validate_file(edit_sample(drop_row_13), HEBEI)
    missing = [f.message for f in report.findings if f.code == "I004" and f.sheet == UNION]
    assert len(missing) == 1 and "效果指标" in missing[0]


def test_satisfaction_as_level2_gets_the_satisfaction_floor(edit_sample) -> None:
    """I011: a row counted as satisfaction whose description (not its name) says so is checked."""
    row = {"C13": "群众认可度", "D13": "群众对服务工作的满意程度", "F13": "≥70百分比"}
    old_form = validate_file(edit_sample(setter(UNION, **OLD_FORM, **row)), HEBEI)
    found = [f for f in old_form.findings if f.code == "I011" and f.sheet == UNION]
    assert [f.cell for f in found] == ["F13"] and "群众认可度" in found[0].message
    # the same row as a plain 效益 indicator: not a satisfaction target
    plain = validate_file(edit_sample(setter(UNION, A13="效益指标", B13="社会效益指标", **row)), HEBEI)
    assert (UNION, "F13") not in codes_at(plain, "I011")
    # named 满意度 under the older form's second level: checked as before
    named = validate_file(edit_sample(setter(UNION, **OLD_FORM, C13="群众满意度", F13="≥75%")), HEBEI)
    assert (UNION, "F13") in codes_at(named, "I011")
    high = validate_file(edit_sample(setter(UNION, **OLD_FORM, C13="群众满意度", F13="≥95%")), HEBEI)
    assert (UNION, "F13") not in codes_at(high, "I011")


@dataclasses.dataclass(frozen=True)
class _FractionValue(IndicatorValue):
    """The parser's value as it is when it marks a bare fraction (``≥0.95`` meaning 95%)."""

    fraction: bool = True


def test_i011_leaves_a_bare_fraction_to_i020(edit_sample) -> None:
    path = edit_sample(setter(UNION, F13="≥0.5"))
    project = next(p for p in load(path).projects if p.sheet == UNION)
    ctx = Context(HEBEI)
    row = project.indicators[3]
    plain = IndicatorValue("≥0.5", ValueKind.QUANTITATIVE, "≥", Decimal("0.5"), "")
    row.value = dataclasses.replace(row.value, value=plain)
    assert [f.cell for f in SatisfactionBelowMinimum.check(project, ctx)] == ["F13"]  # 0.5 < 80
    row.value = dataclasses.replace(
        row.value, value=_FractionValue("≥0.5", ValueKind.QUANTITATIVE, "≥", Decimal("0.5"))
    )
    assert list(SatisfactionBelowMinimum.check(project, ctx)) == []
    # end to end, once the parser marks bare fractions
    report = validate_file(path, HEBEI)
    if getattr(load(path).projects[0].indicators[3].value.value, "fraction", False):
        assert (UNION, "F13") not in codes_at(report, "I011")


# --- required and recommended: I021 ----------------------------------------------------------------------


def test_i021_reports_a_missing_recommended_category_under_central(edit_sample) -> None:
    """central-2021 recommends 满意度指标: a project without one gets a warning, not an error."""
    no_satisfaction = {"A13": "成本指标", "B13": "经济成本指标", "C13": "人均培训成本", "F13": "≤200元"}
    report = validate_file(edit_sample(setter(UNION, **no_satisfaction)), CENTRAL)
    found = [f for f in report.findings if f.code == "I021"]
    assert [(f.sheet, f.cell) for f in found] == [(UNION, HEADER)]
    assert found[0].severity is Severity.WARNING and "满意度指标" in found[0].message
    assert (UNION, HEADER) not in codes_at(report, "I004")  # 成本指标 is there now, 满意度 is not required
    # the older form's satisfaction second level counts
    old_form = {"A13": "效益指标", "B13": "社会公众或服务对象满意度指标", "A14": "成本指标"}
    cost_row = {
        "B14": "经济成本指标",
        "C14": "人均培训成本",
        "D14": "人均培训成本",
        "F14": "≤200元",
        "G14": "预算",
    }
    report = validate_file(edit_sample(setter(UNION, **old_form, **cost_row)), CENTRAL)
    assert not codes_at(report, "I021") and (UNION, HEADER) not in codes_at(report, "I004")


def test_i021_not_under_hebei_even_without_satisfaction(edit_sample) -> None:
    """hebei-2020 requires 满意度指标 (I004) and recommends nothing."""
    report = validate_file(edit_sample(setter(UNION, A13="效益指标", B13="社会效益指标")), HEBEI)
    assert not codes_at(report, "I021") and codes_at(report, "I004") == [(UNION, HEADER)]


def test_recommended_must_name_a_category(tmp_path: Path) -> None:
    path = tmp_path / "rec.toml"
    text = HEBEI_TOML.read_text(encoding="utf-8").replace("recommended = []", 'recommended = ["成本指标"]')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match="建议一级指标（recommended）「成本指标」"):
        load_profile(path)


# --- select / ignore / severity ----------------------------------------------------------------------------


def test_ignore_drops_a_rule_and_select_keeps_only_its_codes(tmp_path: Path) -> None:
    exit_code, base = validate_cli(SAMPLE, "hebei-2020")
    assert exit_code == 0 and {"I009", "I010", "I011"} <= {f["code"] for f in base}

    _, ignored = validate_cli(SAMPLE, own_profile(tmp_path, top='ignore = ["I011"]'))
    assert [f for f in base if f["code"] != "I011"] == ignored

    _, selected = validate_cli(SAMPLE, own_profile(tmp_path, top='select = ["I01"]', name="sel.toml"))
    assert selected == [f for f in base if f["code"].startswith("I01")]

    # the more specific prefix wins: select I011 beats ignore I
    _, specific = validate_cli(
        SAMPLE, own_profile(tmp_path, top='select = ["I011", "A"]\nignore = ["I"]', name="s.toml")
    )
    assert {f["code"] for f in specific} == {"I011"}  # the seed has no A finding
    _, narrower = validate_cli(
        SAMPLE, own_profile(tmp_path, top='select = ["I"]\nignore = ["I01"]', name="n.toml")
    )
    assert {f["code"] for f in narrower} == {"I009"}
    # a tie goes to ignore
    _, tie = validate_cli(
        SAMPLE, own_profile(tmp_path, top='select = ["I"]\nignore = ["I"]', name="tie.toml")
    )
    assert tie == []


def test_a_dropped_rule_is_not_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> None:
        raise AssertionError("I012 ran")

    monkeypatch.setattr(RULES["I012"], "check", classmethod(boom))
    profile = load_profile(own_profile(tmp_path, top='ignore = ["I012"]'))
    assert validate_file(SAMPLE, profile).errors == 0
    profile = load_profile(own_profile(tmp_path, top='select = ["A", "F", "P"]', name="afp.toml"))
    assert validate_file(SAMPLE, profile).errors == 0


def test_severity_override_to_error_makes_validate_exit_1(tmp_path: Path) -> None:
    own = own_profile(tmp_path, tables='[severity]\nI011 = "error"')
    exit_code, found = validate_cli(SAMPLE, own)
    assert exit_code == 1
    i011 = [f for f in found if f["code"] == "I011"]
    assert len(i011) == 4 and {f["severity"] for f in i011} == {"error"}
    assert {f["severity"] for f in found if f["code"] == "I009"} == {"warning"}


def test_severity_override_to_warning_lets_an_error_pass(tmp_path: Path, edit_sample) -> None:
    unbalanced = edit_sample(setter(UNION, C4=460))  # 预算数 ≠ 财政资金 + 其他资金
    exit_code, found = validate_cli(unbalanced, "hebei-2020")
    assert exit_code == 1 and any(f["code"] == "A003" and f["severity"] == "error" for f in found)
    exit_code, found = validate_cli(unbalanced, own_profile(tmp_path, tables='[severity]\nA003 = "warning"'))
    assert exit_code == 0 and [f["severity"] for f in found if f["code"] == "A003"] == ["warning"]


def test_batch_rules_follow_the_profile(tmp_path: Path) -> None:
    models = [load(SAMPLE), load(SAMPLE)]
    models[1].path = str(tmp_path / "copy.xlsx")
    plain = check_batch(models, HEBEI)
    assert any(f.code == "F004" for found in plain.values() for f in found)
    lowered = load_profile(own_profile(tmp_path, tables='[severity]\nF004 = "warning"'))
    f004 = [f for found in check_batch(models, lowered).values() for f in found if f.code == "F004"]
    assert f004 and {f.severity for f in f004} == {Severity.WARNING}
    ignored = load_profile(own_profile(tmp_path, top='ignore = ["F004"]', name="nof004.toml"))
    assert not any(f.code == "F004" for found in check_batch(models, ignored).values() for f in found)
    assert not any(f.code == "F004" for f in check_model(models[0], ignored))


def test_unreadable_files_are_reported_whatever_the_profile(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook at all")
    own = own_profile(tmp_path, top='select = ["I"]\nignore = ["X"]')
    report = validate_file(broken, load_profile(own))
    assert [f.code for f in report.findings] == ["X001"] and report.errors == 1
    for key, text in (("ignore", 'ignore = ["X001"]'), ("severity", "")):
        tables = '[severity]\nX002 = "warning"' if key == "severity" else ""
        bad = own_profile(tmp_path, top=text, tables=tables, name=f"{key}.toml")
        with pytest.raises(ProfileError, match=f"「{key}」不能包含 X00.*总会报告"):
            load_profile(bad)


@pytest.mark.parametrize(
    ("top", "tables", "says"),
    [
        ('select = ["Z9"]', "", "「select」中有未知的规则代码「Z9」"),
        ('ignore = ["I999"]', "", "「ignore」中有未知的规则代码「I999」"),
        ("", '[severity]\nQ001 = "error"', "「severity」中有未知的规则代码「Q001」"),
        ("", '[severity]\nI012 = "fatal"', "I012 的级别「fatal」无效，应为 error/warning"),
        ("select = []", "", "「select」应为非空文字的列表"),
    ],
)
def test_bad_rule_selection_fails_in_chinese(tmp_path: Path, top: str, tables: str, says: str) -> None:
    bad = own_profile(tmp_path, top=top, tables=tables)
    with pytest.raises(ProfileError, match=says):
        load_profile(bad)
    result = CliRunner().invoke(main, ["validate", str(SAMPLE), "--profile", str(bad)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert says in result.output


def test_codes_are_read_case_insensitively(tmp_path: Path) -> None:
    profile = load_profile(
        own_profile(tmp_path, top='ignore = ["i011"]', tables='[severity]\ni012 = "error"')
    )
    assert not profile.runs("I011") and profile.runs("I012") and profile.severity_for("I012") == "error"


# --- the profiles command ---------------------------------------------------------------------------


def test_profiles_command_lists_the_bundled_profiles() -> None:
    result = CliRunner().invoke(main, ["profiles"])
    assert result.exit_code == 0, result.output
    for entry in describe_profiles():
        assert entry["name"] in result.output and entry["title"] in result.output
        assert entry["description"] and entry["description"] in result.output
    assert "hebei-2020（默认）" in result.output and "central-2021（默认）" not in result.output
    data = json.loads(CliRunner().invoke(main, ["profiles", "--json"]).output)
    assert [d["name"] for d in data] == ["central-2021", "hebei-2020"]
    assert set(data[0]) == {"name", "title", "description", "default"}
    assert [d["default"] for d in data] == [False, True]
    assert "101号" in data[0]["description"]


def test_bundled_profiles_say_when_in_the_new_words() -> None:
    for profile in (HEBEI, CENTRAL):
        assert "时效" not in profile.time_words
        for word in ("按期", "当年", "工期", "截止", "前完成", "之前", "年度内", "工作日"):
            assert word in profile.time_words
    assert CENTRAL.required == ("产出指标", "效益指标", "成本指标") and CENTRAL.recommended == ("满意度指标",)
    assert HEBEI.required == ("产出指标", "效果指标", "满意度指标") and HEBEI.recommended == ()
