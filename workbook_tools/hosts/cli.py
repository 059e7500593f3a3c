"""The `workbook-tools` command line: a thin layer over :mod:`workbook_tools.jobs`.

Each command parses its arguments, calls one library function, renders the result and
turns typed exceptions into messages and exit codes (0 = done / no errors, 1 = errors
found, 2 = a file could not be used or the command was used wrongly).

What click says by itself (usage lines, headings, the help and version options, ``[default:
…]``, type names, error messages) is said in Chinese from ``labels`` by the small click
classes in the first section below; :class:`_Group` explains why this way.
"""

from __future__ import annotations

import difflib
import inspect
import json
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from click.exceptions import NoArgsIsHelpError

from workbook_tools import jobs
from workbook_tools import labels as L
from workbook_tools.check.profile import DEFAULT_PROFILE, Profile, ProfileError, load_profile
from workbook_tools.outputs.cell_text import for_terminal

# --- click in Chinese ---------------------------------------------------------------------------


class _Formatter(click.HelpFormatter):
    """click's layout with Chinese words, measured in display columns (a CJK character takes
    two), so Chinese help lines up and fits the terminal."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from workbook_tools.outputs.terminal import display_width, wrap

        prefix = L.CLICK_USAGE if prefix is None else prefix
        head = f"{' ' * self.current_indent}{prefix}{prog} "
        if display_width(head) + 20 <= self.width:  # the arguments beside the command, as click does
            indent = display_width(head)
            first, *rest = wrap(args, self.width - indent)
            lines = [f"{head}{first}".rstrip(), *(f"{' ' * indent}{line}" for line in rest)]
        else:  # … or below it
            indent = max(self.current_indent, display_width(prefix)) + 4
            lines = [head.rstrip(), *(f"{' ' * indent}{line}" for line in wrap(args, self.width - indent))]
        self.write("".join(f"{line}\n" for line in lines if line.strip()))

    def write_heading(self, heading: str) -> None:
        self.write(f"{' ' * self.current_indent}{L.CLICK_HEADINGS.get(heading, heading)}\n")

    def write_text(self, text: str) -> None:
        from workbook_tools.outputs.terminal import paragraphs

        self._lines(paragraphs(text, self.width - self.current_indent))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        from workbook_tools.outputs.terminal import definition_list

        self._lines(definition_list(list(rows), self.width - self.current_indent, col_max, col_spacing))

    def _lines(self, lines: list[str]) -> None:
        self.write("".join(f"{' ' * self.current_indent}{line}\n" if line else "\n" for line in lines))


class _Context(click.Context):
    formatter_class = _Formatter


def _range(kind: click.IntRange) -> str:
    return "–".join("" if end is None else str(end) for end in (kind.min, kind.max))


def _value_problem(kind: click.ParamType, value: object) -> str:
    """What is wrong with a value click could not convert, said from its type."""
    shown = " ".join(map(str, value)) if isinstance(value, (tuple, list)) else str(value)
    if isinstance(kind, click.Choice):
        return L.CLICK_NOT_A_CHOICE.format(value=shown, choices=L.LIST_SEPARATOR.join(map(str, kind.choices)))
    if isinstance(kind, click.IntRange) and shown.strip().lstrip("+-").isdigit():
        return L.CLICK_OUT_OF_RANGE.format(value=shown, range=_range(kind))
    if isinstance(kind, click.types.IntParamType):
        return L.CLICK_NOT_AN_INTEGER.format(value=shown)
    if isinstance(kind, click.Path):
        path = Path(shown)
        if kind.exists and not path.exists():
            return L.CLICK_PATH_MISSING.format(value=shown)
        if path.is_dir() and not kind.dir_okay:
            return L.CLICK_PATH_IS_FOLDER.format(value=shown)
        if path.is_file() and not kind.file_okay:
            return L.CLICK_PATH_IS_FILE.format(value=shown)
    return L.CLICK_UNUSABLE.format(value=shown)


class _ChineseValues(click.Parameter):
    """A value click cannot convert (not a choice, not an integer, out of range, a missing
    folder) is refused in Chinese, naming the value given."""

    def type_cast_value(self, ctx: click.Context, value: Any) -> Any:
        try:
            return super().type_cast_value(ctx, value)
        except click.BadParameter:
            raise click.BadParameter(_value_problem(self.type, value), ctx, self) from None


class _Option(_ChineseValues, click.Option):
    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)  # its left column; the notes are said again below
        if record is None:
            return None
        notes = []
        if self.show_default and self.default is not None and not self.is_flag:
            notes.append(L.CLICK_DEFAULT.format(default=self.default))
        if isinstance(self.type, click.IntRange):
            notes.append(L.CLICK_RANGE.format(range=_range(self.type)))
        if self.required:
            notes.append(L.CLICK_REQUIRED)
        said = L.CLICK_NOTES.format(notes=L.CLICK_NOTE_SEPARATOR.join(notes)) if notes else ""
        return record[0], f"{self.help or ''}  {said}".strip()


class _Argument(_ChineseValues, click.Argument):
    pass


class _Command(click.Command):
    """A command whose help and usage words are Chinese (see :class:`_Group`)."""

    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", L.CLICK_OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = L.HELP["help"]
        return option

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first sentence (click looks for an English full stop and cuts at spaces)."""
        text = inspect.cleandoc(self.short_help or self.help or "")
        return text.split(L.CLICK_SENTENCE_END)[0].strip()

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        strict = not ctx.allow_extra_args  # click's own refusal of extra arguments is English
        ctx.allow_extra_args = True
        try:
            rest = super().parse_args(ctx, args)
        except click.BadOptionUsage as error:  # raised without the context naming the option
            option = next((p for p in self.get_params(ctx) if error.option_name in p.opts), None)
            takes_none = isinstance(option, click.Option) and (option.is_flag or option.count)
            said = L.CLICK_TAKES_NO_VALUE if takes_none else L.CLICK_NEEDS_VALUE
            raise click.UsageError(said.format(name=error.option_name), ctx) from None
        finally:
            ctx.allow_extra_args = not strict
        if strict and rest and not ctx.resilient_parsing:
            ctx.fail(L.CLICK_EXTRA_ARGUMENTS.format(args=" ".join(rest)))
        return rest


class _Group(_Command, click.Group):
    """The `workbook-tools` group: click's words in Chinese through click's own extension points.

    click marks its messages with the classic ``gettext.gettext``, so a translation for them
    would have to be the process-wide default gettext domain, picked by the LANGUAGE / LC_ALL /
    LANG environment variables (absent on Windows; changing them reaches pip run by
    ``excel-setup``) from a compiled .mo file shipped as data; replacing click's module-level
    ``_`` is patching its private globals. Instead every word is produced here, from
    ``labels``, by what click documents for customising: :attr:`Context.formatter_class`
    (``Usage:``, the headings, and CJK-aware widths), ``Group.command_class`` and ``cls=`` for
    options and arguments (the help option's text, ``[default: …]``, ``[required]``, the
    placeholders, conversion errors), and ``main`` with click's exceptions rendered here
    (``Error:``, ``Try … for help.``, missing or unknown options, extra arguments). The
    parameters themselves carry their Chinese placeholders (``metavar``) and help texts.
    tests/test_help_texts.py walks every command's help and the usage errors for any
    English word of click's.
    """

    command_class = _Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", L.CLICK_SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-") and not ctx.resilient_parsing:
            near = difflib.get_close_matches(name, self.list_commands(ctx))
            ctx.fail(L.CLICK_NO_COMMAND.format(name=name) + _did_you_mean(near))
        return super().resolve_command(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as error:
            _show(error)
            sys.exit(error.exit_code)
        except click.Abort:  # Ctrl+C, SIGTERM
            click.echo(L.CLICK_ABORTED, err=True)
            sys.exit(jobs.EXIT_FINDINGS)
        sys.exit(code if isinstance(code, int) else jobs.EXIT_OK)


def _did_you_mean(names: Sequence[str] | None) -> str:
    return L.CLICK_DID_YOU_MEAN.format(names=L.LIST_SEPARATOR.join(sorted(names))) if names else ""


def _param_name(param: click.Parameter | None) -> str:
    if param is None:
        return ""
    return "/".join(param.opts) if isinstance(param, click.Option) else param.human_readable_name


def _error_message(error: click.ClickException) -> str:
    if isinstance(error, click.MissingParameter):
        missing = (
            L.CLICK_MISSING_ARGUMENT if isinstance(error.param, click.Argument) else L.CLICK_MISSING_OPTION
        )
        return missing.format(name=_param_name(error.param))
    if isinstance(error, click.BadParameter):
        return L.CLICK_BAD_VALUE.format(name=_param_name(error.param), problem=error.message)
    if isinstance(error, click.NoSuchOption):
        return L.CLICK_NO_OPTION.format(name=error.option_name) + _did_you_mean(error.possibilities)
    return error.format_message()


def _show(error: click.ClickException) -> None:
    """What click's ``ClickException.show`` prints, in Chinese."""
    if isinstance(error, NoArgsIsHelpError):
        click.echo(error.ctx.get_help(), err=True)
        return
    ctx = error.ctx if isinstance(error, click.UsageError) else None
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            hint = L.CLICK_TRY_HELP.format(command=ctx.command_path, option=ctx.help_option_names[0])
            click.echo(hint, err=True)
        click.echo(err=True)
    click.echo(L.CLICK_ERROR.format(message=_error_message(error)), err=True)


_F = TypeVar("_F", bound=Callable[..., Any])


def _option(*decls: str, **attrs: Any) -> Callable[[_F], _F]:
    return click.option(*decls, cls=_Option, **attrs)


def _argument(name: str, metavar: str, **attrs: Any) -> Callable[[_F], _F]:
    return click.argument(name, cls=_Argument, metavar=L.METAVARS[metavar], **attrs)


# --- the commands -------------------------------------------------------------------------------


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


profile_option = _option(
    "--profile",
    "profile_name",
    default=DEFAULT_PROFILE,
    show_default=True,
    metavar=L.METAVARS["profile"],
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


@click.group(
    "workbook-tools",
    cls=_Group,
    invoke_without_command=True,  # so that `workbook-tools --` is refused in Chinese below
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=L.HELP["main"],
)
@click.version_option(
    package_name="workbook-tools", message=L.CLICK_VERSION, help=L.HELP["version"], cls=_Option
)
@click.pass_context
def main(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        raise click.UsageError(L.CLICK_MISSING_COMMAND.format(command=ctx.command_path), ctx)


@main.command("template", help=L.HELP["template"])
@_option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    metavar=L.METAVARS["file"],
    help=L.HELP["template_output"],
)
@profile_option
def template_cmd(output: Path, profile_name: str) -> None:
    from workbook_tools.outputs.template_book import build_template

    build_template(output, _profile(profile_name))
    click.echo(L.CLI_TEMPLATE_WRITTEN.format(path=output))


@main.command("new", help=L.HELP["new"])
@_option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    metavar=L.METAVARS["file"],
    help=L.HELP["new_output"],
)
@_option("--unit-code", required=True, metavar=L.METAVARS["unit_code"], help=L.HELP["unit_code"])
@_option("--unit-name", required=True, metavar=L.METAVARS["unit_name"], help=L.HELP["unit_name"])
@_option("--year", type=int, required=True, metavar=L.METAVARS["year"], help=L.HELP["year"])
@_option(
    "--projects",
    type=click.IntRange(1, 500),
    default=1,
    show_default=True,
    metavar=L.METAVARS["number"],
    help=L.HELP["projects"],
)
@_option("--force", is_flag=True, help=L.HELP["force"])
@_option("--xlsm", "macros", is_flag=True, help=L.HELP["xlsm"])
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
@_argument("file", "file", type=click.Path(path_type=Path))
@_option("--json", "as_json", is_flag=True, help=L.HELP["json"])
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
@_argument("files", "files", nargs=-1, required=True, type=click.Path(path_type=Path))
@profile_option
@_option("--format", "output_format", type=click.Choice(["text", "json", "html"]), help=L.HELP["format"])
@_option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar=L.METAVARS["path"],
    help=L.HELP["validate_output"],
)
@_option("--in-place", is_flag=True, help=L.HELP["in_place"])
@_option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar=L.METAVARS["file"],
    help=L.HELP["report"],
)
@_option("--engine", type=click.Choice(["calamine", "openpyxl"]), default="calamine", hidden=True)
def validate_cmd(
    files: tuple[Path, ...],
    profile_name: str,
    output_format: str | None,
    output: Path | None,
    in_place: bool,
    report_path: Path | None,
    engine: str,
) -> None:
    from workbook_tools.outputs import reports as render

    profile = _profile(profile_name)
    try:
        chosen = jobs.report_format(report_path, output_format)
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
    _emit(renderer[chosen](run.reports, profile), report_path)
    sys.exit(run.exit_code)


@main.command("clear", help=L.HELP["clear"], short_help=L.HELP["clear_short"])
@_argument("file", "file", type=click.Path(path_type=Path))
@_option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar=L.METAVARS["file"],
    help=L.HELP["clear_output"],
)
def clear_cmd(file: Path, output: Path | None) -> None:
    try:
        restored = jobs.clear_path(file, output)
    except jobs.FileProblem as problem:
        _fail(problem)
    except jobs.WriteProblem as problem:
        _cannot_save(problem)
    click.echo(L.CLI_CLEARED.format(count=restored, path=output or file))


@main.command("rules", help=L.HELP["rules"])
@_argument("code", "code", required=False)
@_option("--json", "as_json", is_flag=True, help=L.HELP["json"])
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
@_option("--json", "as_json", is_flag=True, help=L.HELP["json"])
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
@_argument("inputs", "inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@_option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar=L.METAVARS["file"],
    help=L.HELP["consolidate_output"],
)
@_option("--in-place", is_flag=True, help=L.HELP["consolidate_in_place"])
@_option("--batch", "force_batch", is_flag=True, help=L.HELP["batch"])
@_option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar=L.METAVARS["file"],
    help=L.HELP["html"],
)
@_option(
    "--csv",
    "csv_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar=L.METAVARS["folder"],
    help=L.HELP["csv"],
)
@_option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    metavar=L.METAVARS["number"],
    help=L.HELP["workers"],
)
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


@main.command("export-docx", help=L.HELP["export_docx"], short_help=L.HELP["export_docx_short"])
@_argument("inputs", "inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@_option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar=L.METAVARS["path"],
    help=L.HELP["export_docx_output"],
)
@_option("--combined", is_flag=True, help=L.HELP["combined"])
@profile_option
def export_docx_cmd(inputs: tuple[Path, ...], output: Path | None, combined: bool, profile_name: str) -> None:
    profile = _profile(profile_name)
    try:
        run = jobs.export_docx(list(inputs), profile, output, combined)
    except jobs.UsageProblem as problem:
        raise _usage(problem) from None
    except jobs.WriteProblem as problem:
        _cannot_save(problem)
    for failed in run.failed:
        for line in _file_lines(failed):
            click.echo(line, err=True)
    for unwritable in run.unwritable:
        click.echo(L.CLI_WRITE_FAILED.format(path=unwritable.path), err=True)
    for document in run.documents:
        models = [r.model for r in document.reports if r.model is not None]
        if len(document.reports) == 1:
            report, model = document.reports[0], models[0]
            unit = L.DOC_UNIT_HEADING.format(code=model.unit_code, name=model.unit_name)
            said = L.CLI_DOCX_WRITTEN.format(
                path=document.path,
                unit=for_terminal(unit),
                projects=len(model.projects),
                status=L.STATUS[report.status.value],
            )
        else:
            projects = sum(len(m.projects) for m in models)
            said = L.CLI_DOCX_COMBINED.format(path=document.path, units=len(models), projects=projects)
        click.echo(said)
    if len(run.reports) > 1:
        exported = sum(len(d.reports) for d in run.documents)
        click.echo(
            L.CLI_DOCX_SUMMARY.format(
                files=len(run.reports),
                exported=exported,
                failed=len(run.reports) - exported,
                errors=run.errors,
            )
        )
    sys.exit(run.exit_code)


@main.command("import", help=L.HELP["import"], short_help=L.HELP["import_short"])
@_argument("file", "file", type=click.Path(path_type=Path))
@_option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    metavar=L.METAVARS["file"],
    help=L.HELP["import_output"],
)
@_option("--xlsm", "macros", is_flag=True, help=L.HELP["xlsm"])
@profile_option
def import_cmd(file: Path, output: Path, macros: bool, profile_name: str) -> None:
    profile = _profile(profile_name)
    try:
        run = jobs.import_document(file, output, profile, macros)
    except jobs.UsageProblem as problem:
        raise _usage(problem) from None
    except jobs.FileProblem as problem:
        _fail(problem)
    except jobs.WriteProblem as problem:
        _cannot_save(problem)
    click.echo(
        for_terminal(
            L.CLI_IMPORT_WRITTEN.format(
                path=run.path,
                unit=run.unit or L.CLI_IMPORT_NO_UNIT,
                year=L.SHOW_YEAR.format(year=run.year) if run.year else L.SHOW_NO_YEAR,
                projects=run.projects,
                indicators=run.indicators,
            )
        )
    )
    if run.unplaced:
        click.echo(L.CLI_IMPORT_PROBLEMS.format(count=len(run.unplaced)))
        for item in run.unplaced:
            click.echo(for_terminal(f"  {item.message}"))
    else:
        click.echo(L.CLI_IMPORT_ALL_PLACED)
    shown = f'"{run.path}"' if any(ch.isspace() for ch in str(run.path)) else str(run.path)
    click.echo(for_terminal(L.CLI_IMPORT_NEXT.format(path=shown)))
    sys.exit(run.exit_code)


@main.command("excel-setup", help=L.HELP["excel_setup"], short_help=L.HELP["excel_setup_short"])
@_option(
    "--wheelhouse",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar=L.METAVARS["folder"],
    help=L.HELP["wheelhouse"],
)
@_option("--dry-run", is_flag=True, help=L.HELP["dry_run"])
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
