"""The terminal speaks Chinese: click's own words (usage lines, headings, the help and version
options, ``[default: …]``, placeholders, usage errors), every command's and option's help (from
``labels.HELP``) and the rule catalog; and the help fits the terminal, CJK counted as two columns."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from workbook_tools import jobs
from workbook_tools import labels as L
from workbook_tools.check import RULES
from workbook_tools.hosts.cli import main
from workbook_tools.outputs.terminal import definition_list, display_width, paragraphs, wrap

#: What click says in English by itself: words of its help pages, type names, error messages.
CLICK_ENGLISH = re.compile(
    r"\b(Usage|Options|Commands|Arguments|Positional|Show this message|Show the version|and exit|"
    r"default|required|dynamic|env var|TEXT|INTEGER|RANGE|PATH|FILE|FILES|DIRECTORY|OPTIONS|COMMAND|"
    r"ARGS|NAME|INPUTS|CODE|Error|Try|for help|Missing|No such|Invalid value|is not|not one of|"
    r"valid integer|range|does not exist|is a directory|is a file|Got unexpected|extra argument|"
    r"requires an argument|does not take|Did you mean|Choose from|Aborted|version)\b"
    r"|x<=|<=x"
)
CJK = re.compile(r"[\u4e00-\u9fff]")
COMMANDS = [(), *((name,) for name, command in sorted(main.commands.items()) if not command.hidden)]
HELP_TEXTS = set(L.HELP.values())


def run(*args: object, **extra):
    return CliRunner().invoke(main, [str(a) for a in args], **extra)


def english(text: str) -> list[str]:
    """click's English words in ``text``, option names (``--version``) aside."""
    return [m.group(0) for m in CLICK_ENGLISH.finditer(re.sub(r"(?<!\S)--?[\w-]+", "", text))]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "workbook-tools")
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_help_page_is_chinese(command: tuple[str, ...], flag: str) -> None:
    result = run(*command, flag)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(L.CLICK_USAGE + "workbook-tools")
    assert L.CLICK_HEADINGS["Options"] in result.output and L.HELP["help"] in result.output
    assert english(result.output) == []


def test_the_command_list_and_the_version_are_chinese() -> None:
    page = run("-h").output
    assert L.CLICK_HEADINGS["Commands"] in page and L.CLICK_SUBCOMMAND_METAVAR in page
    for name in COMMANDS[1:]:
        assert f"  {name[0]} " in page
    assert "..." not in page  # click cuts a help without spaces short to "..."
    version = run("--version")
    assert version.exit_code == 0 and version.output.startswith("workbook-tools 版本 ")
    assert english(version.output) == []


def _commands() -> list[click.Command]:
    return [main, *(c for c in main.commands.values() if not c.hidden)]


def test_every_help_text_comes_from_labels() -> None:
    top = main.context_class(main, info_name="workbook-tools", **main.context_settings)
    for command in _commands():  # the contexts as invoked: click caches the help option it builds
        ctx = top if command is main else command.context_class(command, info_name=command.name, parent=top)
        assert command.help in HELP_TEXTS, command.name
        assert command.short_help is None or command.short_help in HELP_TEXTS, command.name
        for param in command.get_params(ctx):
            if isinstance(param, click.Option) and param.hidden:
                continue
            if isinstance(param, click.Option):
                assert param.help in HELP_TEXTS, (command.name, param.opts)
            takes_a_value = not getattr(param, "is_flag", False) and not isinstance(param.type, click.Choice)
            if takes_a_value:
                assert param.metavar in L.METAVARS.values(), (command.name, param.opts)


@pytest.mark.parametrize("width", [50, 78])
def test_help_fits_the_terminal(width: int) -> None:
    kept_as_written = {  # click's \b blocks are not rewrapped: they are short enough for 78
        line.strip() for text in HELP_TEXTS if "\b" in text for line in text.split("\b")[1].splitlines()
    }
    for command in COMMANDS:
        result = run(*command, "-h", terminal_width=width)
        assert result.exit_code == 0
        for line in result.output.splitlines():
            if line.strip() in kept_as_written:
                assert display_width(line) <= 78, line
            else:
                assert display_width(line) <= width, (command, line)


def test_option_notes_are_chinese_and_whole() -> None:
    page = run("new", "-h", terminal_width=50).output
    assert "[必填]" in page and "[默认：1；范围：1–500]" in page
    assert "[默认：hebei-2020]" in page  # a note is never broken across lines


USAGE_ERRORS = [
    ["validate"],
    ["validate", "--nope", SAMPLE],
    ["validate", "--formt", "json", SAMPLE],
    ["validate", "--format", "xml", SAMPLE],
    ["new", "-o", "x.xlsx"],
    ["new", "-o", "x.xlsx", "--unit-code", "1", "--unit-name", "x", "--year", "abc"],
    ["new", "-o", "x.xlsx", "--unit-code", "1", "--unit-name", "x", "--year", "2020", "--projects", "0"],
    ["consolidate", SAMPLE, "--workers"],
    ["consolidate", SAMPLE, "--workers", "many"],
    ["rules", "--json=1"],
    ["rules", "A003", "extra"],
    ["rules", "Z999"],
    ["nosuch"],
    ["valdate", SAMPLE],
    ["excel-setup", "--wheelhouse", "no-such-folder"],
    ["template", "-o", "."],
    ["--"],
]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=lambda a: " ".join(map(str, a)))
def test_usage_errors_are_chinese_with_exit_2(args: list[object], tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == jobs.EXIT_UNUSABLE, result.output
    assert L.CLICK_ERROR.format(message="") in result.output
    assert L.CLICK_USAGE in result.output and "「workbook-tools" in result.output  # usage, and -h
    assert english(result.output) == [], result.output
    assert "Traceback" not in result.output


def test_usage_errors_name_what_was_wrong() -> None:
    said = {" ".join(map(str, a)): run(*a).output for a in USAGE_ERRORS if SAMPLE not in a}
    assert L.CLICK_MISSING_OPTION.format(name="--unit-code") in said["new -o x.xlsx"]
    assert L.CLICK_NOT_AN_INTEGER.format(value="abc") in run(*USAGE_ERRORS[5]).output
    assert L.CLICK_OUT_OF_RANGE.format(value="0", range="1–500") in run(*USAGE_ERRORS[6]).output
    assert L.CLICK_NO_OPTION.format(name="--formt") in run(*USAGE_ERRORS[2]).output
    assert L.CLICK_DID_YOU_MEAN.format(names="validate") in run("valdate").output
    assert L.CLICK_TAKES_NO_VALUE.format(name="--json") in said["rules --json=1"]
    assert L.CLICK_NEEDS_VALUE.format(name="--workers") in run(*USAGE_ERRORS[7]).output
    assert L.CLICK_EXTRA_ARGUMENTS.format(args="extra") in said["rules A003 extra"]
    assert L.CLICK_MISSING_ARGUMENT.format(name=L.METAVARS["files"]) in said["validate"]


def test_no_arguments_show_the_help() -> None:
    result = run()
    assert result.exit_code == 2 and L.CLICK_HEADINGS["Commands"] in result.output
    assert english(result.output) == []


def test_an_interruption_is_said_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(jobs, "unit_summary", interrupted)
    result = run("show", SAMPLE)
    assert result.exit_code == 1 and L.CLICK_ABORTED in result.output
    assert english(result.output) == []


def test_the_rule_catalog_is_chinese() -> None:
    listing = run("rules")
    assert listing.exit_code == 0
    for code, rule in RULES.items():
        headline = L.CATALOG_LINE.format(
            code=code, severity=L.SEVERITY[rule.severity.value], title=rule.title
        )
        assert headline in listing.output
        page = run("rules", code.lower())
        assert page.exit_code == 0 and page.output.startswith(headline)
        sections = re.findall(r"^【(.+)】$", page.output, re.M)
        assert tuple(sections) == L.RULE_DOC_SECTIONS, code
        for text in re.split(r"^【.+】$", page.output, flags=re.M)[1:]:
            assert CJK.search(text), code
        assert CJK.search(rule.title)


# --- wrapping by display width ------------------------------------------------------------------


def test_wrap_counts_a_chinese_character_as_two_columns() -> None:
    text = L.HELP["consolidate"].split("\n\n")[0]
    lines = wrap(text, 40)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(display_width(line) <= 40 for line in lines) and len(lines) >= 4
    assert not any(line[0] in L.LINE_NEVER_STARTS_WITH for line in lines)
    assert not any(line[-1] in L.LINE_NEVER_ENDS_WITH for line in lines)


def test_wrap_keeps_words_and_notes_whole() -> None:
    assert wrap("alpha beta gamma", 11) == ["alpha beta", "gamma"]
    assert wrap("一个非常长的说明 [默认：hebei-2020]", 20) == ["一个非常长的说明", "[默认：hebei-2020]"]
    assert wrap("--a-very-long-option-name", 5) == ["--a-very-long-option-name"]  # too long: alone


def test_paragraphs_keep_click_unwrapped_blocks() -> None:
    text = "第一段很长很长很长\n\n\b\n原样  保留\n  的行"
    assert paragraphs(text, 10) == ["第一段很长", "很长很长", "", "原样  保留", "  的行"]


def test_definition_list_lines_up_chinese() -> None:
    rows = [("-o, --output 文件", "输出工作簿"), ("--csv 文件夹", "各表另存 CSV 的文件夹"), ("--x", "")]
    lines = definition_list(rows, 40)
    starts = {display_width(line[: line.index(text)]) for line, text in zip(lines, ("输出", "各表"))}
    assert starts == {display_width("-o, --output 文件") + 2}
    assert lines[-1] == "--x"
