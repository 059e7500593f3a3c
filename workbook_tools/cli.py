"""The `workbook-tools` command line: a thin layer over the library.

Exit codes: 0 = done / no errors, 1 = errors found in the workbooks, 2 = a file could
not be read or the command was used wrongly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import labels
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


def run() -> None:
    """Console entry point: the CLI, with a clear message instead of a traceback on a bug."""
    try:
        main(standalone_mode=True)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        click.echo(f"内部错误（{type(exc).__name__}: {exc}）。请把命令和文件一起反馈给维护人员。", err=True)
        sys.exit(EXIT_UNUSABLE)


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


def _emit(text: str, report_path: Path | None) -> None:
    if report_path is None:
        click.echo(text)
    else:
        from .atomic import write_atomically

        write_atomically(report_path, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
        click.echo(f"报告已写入：{report_path}", err=True)


def _mark_target(file: Path, output: Path | None, in_place: bool, several: bool) -> Path | None:
    if in_place:
        return file
    if output is None:
        return None
    return output / file.name if several else output


@main.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@profile_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="写出带标记的副本（多个文件时为文件夹）；原文件不动",
)
@click.option("--in-place", is_flag=True, help="直接在原文件上标记（先备份为 文件名.bak，原子写入）")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help="报告写入文件")
@click.option("--engine", type=click.Choice(["calamine", "openpyxl"]), default="calamine", hidden=True)
def validate_cmd(
    files: tuple[Path, ...],
    profile_name: str,
    output_format: str,
    output: Path | None,
    in_place: bool,
    report_path: Path | None,
    engine: str,
) -> None:
    """校验工作簿。 Validate workbooks: exit 0 = no errors, 1 = errors, 2 = unreadable / bad usage."""
    from .validate import summary_line, validate_file

    if output is not None and in_place:
        raise click.UsageError("--output 与 --in-place 只能选一个")
    several = len(files) > 1
    if output is not None and several:
        if output.exists() and not output.is_dir():
            raise click.UsageError("校验多个文件时，--output 应为文件夹")
        output.mkdir(parents=True, exist_ok=True)
    profile = _profile(profile_name)
    reports = [validate_file(f, profile, engine) for f in files]  # type: ignore[arg-type]
    unusable = any(r.model is None for r in reports)
    for file, report in zip(files, reports):
        target = _mark_target(file, output, in_place, several)
        if target is None or report.model is None:
            continue
        if file.suffix.lower() == ".xls":
            click.echo(f"X001 {file}：.xls 旧格式无法写入标记，请在 Excel 中另存为 .xlsx", err=True)
            unusable = True
            continue
        from .marks import write_marked

        try:
            write_marked(file, target, report.findings, summary_line(report, profile))
        except Exception as exc:  # noqa: BLE001 - a workbook openpyxl cannot rewrite is left alone
            click.echo(f"X001 {file}：无法写入标记（{type(exc).__name__}），原文件未改动", err=True)
            unusable = True
            continue
        click.echo(f"已写出带标记的工作簿：{target}", err=True)

    from . import reports as render

    renderer = {"text": render.render_text, "json": render.render_json, "html": render.render_html}
    _emit(renderer[output_format](reports, profile), report_path)
    if unusable:
        sys.exit(EXIT_UNUSABLE)
    sys.exit(EXIT_FINDINGS if any(r.errors for r in reports) else EXIT_OK)


@main.command("clear")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="写到另一个文件")
def clear_cmd(file: Path, output: Path | None) -> None:
    """清除校验标记，恢复单元格原样。 Remove validation marks, restoring each cell's fill and note.

    Without --output the file itself is rewritten (atomically, original kept as FILE.bak).
    """
    from .marks import write_cleared
    from .readers import sniff

    try:
        container = sniff(file)
    except ReadError as exc:
        _fail(exc.code, file, exc.reason)
        return
    if container != "zip":
        _fail("X001", file, ".xls 旧格式不含本工具的标记")
    try:
        restored = write_cleared(file, output or file)
    except Exception as exc:  # noqa: BLE001 - a workbook openpyxl cannot load is unreadable
        _fail("X001", file, f"工作簿无法打开（{type(exc).__name__}）")
        return
    click.echo(f"已清除标记，恢复 {restored} 个单元格：{output or file}")


@main.command("rules")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
def rules_cmd(as_json: bool) -> None:
    """列出全部校验规则。 List the rule catalog from the registry."""
    from .rules import RULES
    from .rules.messages import SEVERITY_LABEL

    rules = sorted(RULES.values(), key=lambda r: r.code)
    if as_json:
        data = [
            {"code": r.code, "severity": r.severity, "title": r.title, "message": r.message, "doc": r.doc}
            for r in rules
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for r in rules:
        click.echo(f"{r.code}  {SEVERITY_LABEL[r.severity]}  {r.title}")
        click.echo(f"      消息：{r.message}")
        click.echo(f"      {r.doc}")


@main.command("consolidate")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出工作簿")
@click.option("--in-place", is_flag=True, help="单个工作簿：直接写入原文件（先备份为 文件名.bak）")
@click.option("--batch", "force_batch", is_flag=True, help="即使只给一个文件也按多单位汇总处理")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help="HTML 报告")
@click.option(
    "--csv", "csv_dir", type=click.Path(file_okay=False, path_type=Path), help="各表另存 CSV 的文件夹"
)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="并行进程数")
@profile_option
def consolidate_cmd(
    inputs: tuple[Path, ...],
    output: Path | None,
    in_place: bool,
    force_batch: bool,
    report_path: Path | None,
    csv_dir: Path | None,
    workers: int,
    profile_name: str,
) -> None:
    """汇总。 One workbook: add 项目汇总表/指标明细表/部门概况. Folders or several files: consolidate units.

    Exit 0 = written, no errors; 1 = written, errors found (unreadable files included); 2 = bad usage.

    \b
    workbook-tools consolidate 单位.xlsx -o 单位_汇总.xlsx
    workbook-tools consolidate 收到的文件夹/ -o 汇总.xlsx --report 汇总报告.html
    """
    profile = _profile(profile_name)
    single = len(inputs) == 1 and not inputs[0].is_dir() and not force_batch
    if single:
        _consolidate_one(inputs[0], output, in_place, profile)
    else:
        _consolidate_many(list(inputs), output, in_place, report_path, csv_dir, workers, profile)


def _consolidate_one(file: Path, output: Path | None, in_place: bool, profile: Profile) -> None:
    import shutil

    from .consolidate import consolidate_workbook
    from .marks import backup_path

    if output is not None and in_place:
        raise click.UsageError("--output 与 --in-place 只能选一个")
    if file.suffix.lower() == ".xls":
        _fail("X001", file, ".xls 旧格式无法写入汇总表，请在 Excel 中另存为 .xlsx")
    target = file if in_place else output or file.with_name(f"{file.stem}_汇总{file.suffix}")
    if in_place and file.exists():
        shutil.copy2(file, backup_path(file))
    report = consolidate_workbook(file, target, profile)
    if report.model is None:
        finding = report.findings[0]
        _fail(finding.code, file, finding.message)
    click.echo(
        f"已写出：{target}（{len(report.model.projects)} 个项目；{labels.SHEET_SUMMARY}、"
        f"{labels.SHEET_INDICATORS}、{labels.SHEET_OVERVIEW}；校验：{report.status_label}）"
    )


def _consolidate_many(
    inputs: list[Path],
    output: Path | None,
    in_place: bool,
    report_path: Path | None,
    csv_dir: Path | None,
    workers: int,
    profile: Profile,
) -> None:
    from .consolidate import build_batch, collect_files, write_batch_workbook, write_csv, write_report

    if in_place:
        raise click.UsageError("--in-place 只用于单个工作簿")
    if output is None:
        raise click.UsageError("汇总多个单位时需要 -o 输出工作簿")
    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise click.UsageError(f"找不到：{'、'.join(str(p) for p in missing)}")
    outputs = [p for p in (output, report_path) if p is not None]
    paths = collect_files(inputs, exclude=outputs)
    if not paths:
        raise click.UsageError("没有找到任何 .xlsx / .xlsm / .xls 文件")
    batch = build_batch(paths, profile, workers, progress=sys.stderr.isatty())
    write_batch_workbook(batch, output)
    click.echo(f"已写出汇总工作簿：{output}")
    if report_path is not None:
        write_report(batch, report_path, profile)
        click.echo(f"已写出报告：{report_path}")
    if csv_dir is not None:
        written = write_csv(batch, csv_dir)
        click.echo(f"已写出 CSV：{csv_dir}（{len(written)} 个文件）")
    click.echo(
        f"文件 {len(batch.reports)} 个：读取 {batch.units} 个单位，无法读取 {batch.unreadable} 个；"
        f"错误 {batch.errors} 条，警告 {batch.warnings} 条"
    )
    sys.exit(EXIT_FINDINGS if batch.errors else EXIT_OK)
