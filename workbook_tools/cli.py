"""The `workbook-tools` command line: a thin layer over the library.

Exit codes: 0 = done / no errors, 1 = errors found in the workbooks, 2 = a file could
not be read or the command was used wrongly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .profile import DEFAULT_PROFILE, Profile, ProfileError, load_profile
from .readers import ReadError

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def _profile(name: str) -> Profile:
    try:
        return load_profile(name)
    except ProfileError as exc:
        raise click.UsageError(str(exc)) from None


def _fail(code: str, path: object, reason: str) -> None:
    click.echo(f"{code} {path}：{reason}", err=True)
    sys.exit(EXIT_UNUSABLE)


profile_option = click.option(
    "--profile",
    "profile_name",
    default=DEFAULT_PROFILE,
    show_default=True,
    metavar="NAME|PATH",
    help="指标体系配置：内置名称或 .toml 文件路径",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="workbook-tools")
def main() -> None:
    """绩效目标表工具：模板、校验、汇总。 Performance target tables: template, validation, consolidation."""


@main.command("template")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@profile_option
def template_cmd(output: Path, profile_name: str) -> None:
    """生成标准填报模板。 Build the standard template (templates/target_template.xlsx)."""
    from .atomic import save_workbook
    from .template import new_workbook

    save_workbook(new_workbook(profile=_profile(profile_name)), output)
    click.echo(f"已生成模板：{output}")


@main.command("new")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--unit-code", required=True, help="单位编码，如 711002")
@click.option("--unit-name", required=True, help="单位名称，如 定州市总工会")
@click.option("--year", type=int, required=True, help="年度，如 2020")
@click.option("--projects", type=click.IntRange(1, 500), default=1, show_default=True, help="项目表张数")
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
@profile_option
def new_cmd(
    output: Path, unit_code: str, unit_name: str, year: int, projects: int, force: bool, profile_name: str
) -> None:
    """为一个单位新建填报工作簿。 Make a fresh workbook for a unit from the template."""
    from .fill import new_unit_workbook

    if output.exists() and not force:
        raise click.UsageError(f"文件已存在：{output}（加 --force 覆盖）")
    new_unit_workbook(output, unit_code, unit_name, year, projects, _profile(profile_name))
    click.echo(f"已新建：{output}（{unit_code} {unit_name}，{year} 年，{projects} 张项目表）")


@main.command("show")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@profile_option
def show_cmd(file: Path, as_json: bool, profile_name: str) -> None:
    """显示工作簿中的部门和项目。 Print the parsed department and projects."""
    from .summary import unit_figures
    from .workbook import load

    profile = _profile(profile_name)
    try:
        model = load(file)
    except ReadError as exc:
        _fail(exc.code, file, exc.reason)
        return
    figures = unit_figures(model, profile)
    if as_json:
        click.echo(json.dumps({"file": str(file), **figures.as_json()}, ensure_ascii=False, indent=2))
        return
    from .display import unit_table

    click.echo(unit_table(figures, profile, str(file)))
