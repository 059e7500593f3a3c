"""The `workbook-tools` command line: a thin layer over :mod:`workbook_tools.jobs`.

Each command parses its arguments, calls one library function, renders the result and
turns typed exceptions into messages and exit codes (0 = done / no errors, 1 = errors
found, 2 = a file could not be used or the command was used wrongly).
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import NoReturn

import click

from workbook_tools import jobs
from workbook_tools import labels as L
from workbook_tools.check.profile import DEFAULT_PROFILE, Profile, ProfileError, load_profile
from workbook_tools.outputs.cell_text import for_terminal


def _profile(name: str) -> Profile:
    try:
        return load_profile(name)
    except ProfileError as exc:
        raise click.UsageError(str(exc)) from None


def _usage(problem: jobs.UsageProblem) -> click.UsageError:
    return click.UsageError(L.USAGE[problem.usage.value].format(**problem.values))


def _file_lines(problem: jobs.FileProblem) -> list[str]:
    found = problem.findings
    return [
        for_terminal(L.CLI_FILE_PROBLEM.format(code=f.code, path=problem.path, message=f.message))
        for f in found
    ]


def _cannot_save(problem: jobs.WriteProblem) -> NoReturn:
    click.echo(L.CLI_WRITE_FAILED.format(path=problem.path), err=True)
    sys.exit(jobs.EXIT_UNUSABLE)


def _fail(problem: jobs.FileProblem) -> NoReturn:
    for line in _file_lines(problem):
        click.echo(line, err=True)
    sys.exit(jobs.EXIT_UNUSABLE)


profile_option = click.option(
    "--profile",
    "profile_name",
    default=DEFAULT_PROFILE,
    show_default=True,
    metavar="NAME|PATH",
    help=L.HELP["profile"],
)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # unwinds like Ctrl+C: temporary files are removed, originals untouched


def run() -> None:
    """Console entry point: the CLI, with a clear message instead of a traceback on a bug."""
    signal.signal(signal.SIGTERM, _stop)
    try:
        main(standalone_mode=True)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        click.echo(L.CLI_INTERNAL_ERROR.format(kind=type(exc).__name__, error=exc), err=True)
        sys.exit(jobs.EXIT_UNUSABLE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, help=L.HELP["main"])
@click.version_option(package_name="workbook-tools")
def main() -> None:
    pass


@main.command("template", help=L.HELP["template"])
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@profile_option
def template_cmd(output: Path, profile_name: str) -> None:
    from workbook_tools.outputs.template_book import build_template

    build_template(output, _profile(profile_name))
    click.echo(L.CLI_TEMPLATE_WRITTEN.format(path=output))


@main.command("new", help=L.HELP["new"])
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--unit-code", required=True, help=L.HELP["unit_code"])
@click.option("--unit-name", required=True, help=L.HELP["unit_name"])
@click.option("--year", type=int, required=True, help=L.HELP["year"])
@click.option(
    "--projects", type=click.IntRange(1, 500), default=1, show_default=True, help=L.HELP["projects"]
)
@click.option("--force", is_flag=True, help=L.HELP["force"])
@click.option("--xlsm", "macros", is_flag=True, help=L.HELP["xlsm"])
@profile_option
def new_cmd(
    output: Path,
    unit_code: str,
    unit_name: str,
    year: int,
    projects: int,
    force: bool,
    macros: bool,
    profile_name: str,
) -> None:
    profile = _profile(profile_name)
    try:
        path = jobs.new_unit_workbook(output, unit_code, unit_name, year, projects, profile, force, macros)
    except jobs.UsageProblem as problem:
        raise _usage(problem) from None
    click.echo(
        L.CLI_NEW_WRITTEN.format(path=path, code=unit_code, name=unit_name, year=year, projects=projects)
    )


@main.command("show", help=L.HELP["show"])
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help=L.HELP["json"])
@profile_option
def show_cmd(file: Path, as_json: bool, profile_name: str) -> None:
    profile = _profile(profile_name)
    try:
        figures = jobs.unit_summary(file, profile)
    except jobs.FileProblem as problem:
        _fail(problem)
    if as_json:
        click.echo(json.dumps({"file": str(file), **figures.as_json()}, ensure_ascii=False, indent=2))
        return
    from workbook_tools.outputs.terminal import unit_table

    click.echo(unit_table(figures, profile, str(file)))


def _emit(text: str, report_path: Path | None) -> None:
    if report_path is None:
        click.echo(text)
        return
    from workbook_tools.outputs.atomic import write_atomically

    write_atomically(report_path, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
    click.echo(L.CLI_REPORT_WRITTEN.format(path=report_path), err=True)


@main.command("validate", help=L.HELP["validate"])
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@profile_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help=L.HELP["format"],
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help=L.HELP["validate_output"])
@click.option("--in-place", is_flag=True, help=L.HELP["in_place"])
@click.option(
    "--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help=L.HELP["report"]
)
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
    from workbook_tools.outputs import reports as render

    profile = _profile(profile_name)
    try:
        run = jobs.validate_paths(list(files), profile, output, in_place, engine)  # type: ignore[arg-type]
    except jobs.UsageProblem as problem:
        if output_format == "json":  # a script reading JSON gets JSON, whatever went wrong
            message = L.USAGE[problem.usage.value].format(**problem.values)
            click.echo(render.render_json_error(problem.usage.value, message))
            sys.exit(jobs.EXIT_UNUSABLE)
        raise _usage(problem) from None
    except jobs.WriteProblem as problem:
        _cannot_save(problem)
    for unwritable in run.unwritable:
        for line in _file_lines(unwritable):
            click.echo(line, err=True)
    for path in run.written:
        click.echo(L.CLI_MARKED_WRITTEN.format(path=path), err=True)
    renderer = {"text": render.render_text, "json": render.render_json, "html": render.render_html}
    _emit(renderer[output_format](run.reports, profile), report_path)
    sys.exit(run.exit_code)


@main.command("clear", help=L.HELP["clear"])
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=L.HELP["clear_output"])
def clear_cmd(file: Path, output: Path | None) -> None:
    try:
        restored = jobs.clear_path(file, output)
    except jobs.FileProblem as problem:
        _fail(problem)
    except jobs.WriteProblem as problem:
        _cannot_save(problem)
    click.echo(L.CLI_CLEARED.format(count=restored, path=output or file))


@main.command("rules", help=L.HELP["rules"])
@click.argument("code", required=False)
@click.option("--json", "as_json", is_flag=True, help=L.HELP["json"])
def rules_cmd(code: str | None, as_json: bool) -> None:
    from workbook_tools.outputs import catalog

    if code is not None and code.upper() not in catalog.codes():
        raise click.UsageError(L.CLI_NO_RULE.format(code=code))
    if as_json:
        click.echo(json.dumps(catalog.as_json(code), ensure_ascii=False, indent=2))
    elif code is not None:
        click.echo(catalog.rule_text(code))
    else:
        click.echo(catalog.catalog_text())


@main.command("profiles", help=L.HELP["profiles"])
@click.option("--json", "as_json", is_flag=True, help=L.HELP["json"])
def profiles_cmd(as_json: bool) -> None:
    from workbook_tools.check.profile import describe_profiles

    found = describe_profiles()
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    click.echo(L.PROFILES_TITLE)
    for entry in found:
        default = L.PROFILES_DEFAULT if entry["default"] else ""
        click.echo(L.PROFILES_ENTRY.format(name=entry["name"], default=default, title=entry["title"]))
        if entry["description"]:
            click.echo(L.PROFILES_DESCRIPTION.format(description=entry["description"]))


@main.command("consolidate", help=L.HELP["consolidate"], short_help=L.HELP["consolidate_short"])
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=L.HELP["consolidate_output"]
)
@click.option("--in-place", is_flag=True, help=L.HELP["consolidate_in_place"])
@click.option("--batch", "force_batch", is_flag=True, help=L.HELP["batch"])
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help=L.HELP["html"])
@click.option("--csv", "csv_dir", type=click.Path(file_okay=False, path_type=Path), help=L.HELP["csv"])
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help=L.HELP["workers"])
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
    profile = _profile(profile_name)
    try:
        if len(inputs) == 1 and not inputs[0].is_dir() and not force_batch:
            _consolidate_unit(inputs[0], profile, output, in_place)
        elif in_place:
            raise jobs.UsageProblem(jobs.Usage.IN_PLACE_NEEDS_ONE)
        else:
            _consolidate_batch(list(inputs), profile, output, report_path, csv_dir, workers)
    except jobs.UsageProblem as problem:
        raise _usage(problem) from None
    except jobs.FileProblem as problem:
        _fail(problem)
    except jobs.WriteProblem as problem:
        _cannot_save(problem)


def _consolidate_unit(file: Path, profile: Profile, output: Path | None, in_place: bool) -> None:
    target, report = jobs.consolidate_unit(file, profile, output, in_place)
    projects = len(report.model.projects) if report.model else 0
    click.echo(
        L.CLI_UNIT_WRITTEN.format(path=target, projects=projects, status=L.STATUS[report.status.value])
    )
    sys.exit(jobs.EXIT_FINDINGS if report.errors else jobs.EXIT_OK)


def _consolidate_batch(
    inputs: list[Path],
    profile: Profile,
    output: Path | None,
    report_path: Path | None,
    csv_dir: Path | None,
    workers: int,
) -> None:
    run = jobs.consolidate_batch(inputs, profile, output, report_path, csv_dir, workers, sys.stderr.isatty())
    for path in run.written:
        click.echo(L.CLI_WRITTEN.format(path=path))
    batch = run.batch
    click.echo(
        L.CLI_BATCH_SUMMARY.format(
            files=len(batch.reports),
            units=batch.units,
            unreadable=batch.unreadable,
            errors=batch.errors,
            warnings=batch.warnings,
        )
    )
    sys.exit(run.exit_code)


@main.command("excel-setup", help=L.HELP["excel_setup"])
@click.option(
    "--wheelhouse",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help=L.HELP["wheelhouse"],
)
@click.option("--dry-run", is_flag=True, help=L.HELP["dry_run"])
def excel_setup_cmd(wheelhouse: Path | None, dry_run: bool) -> None:
    import os

    from workbook_tools.hosts import pc_setup

    home = Path.home()
    localappdata = pc_setup.default_localappdata(home, dict(os.environ))
    plan = pc_setup.plan_setup(home, localappdata, wheelhouse, sys.executable)
    if dry_run:
        click.echo(pc_setup.describe_plan(plan))
        return
    try:
        report = pc_setup.run_setup(plan)
    except pc_setup.SetupRefused as refused:
        click.echo(str(refused), err=True)
        sys.exit(jobs.EXIT_UNUSABLE)
    click.echo(pc_setup.describe(report))
    sys.exit(jobs.EXIT_OK if report.ok else jobs.EXIT_FINDINGS)


if __name__ == "__main__":  # `python -m workbook_tools.hosts.cli …`, as macros/setup.cmd runs it
    run()
