"""The typer application and the options every command shares (declared once).

Command modules (`onex.commands.*`) add themselves to `app`; `onex.cli.main` is the one place
that turns errors into messages and exit codes.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from onex import __version__

if TYPE_CHECKING:
    from onex.registry import Registry

app = typer.Typer(
    name="onex",
    help="onex — 1+X 证书试点登记库的检查、计划与报告 / check, plan and report a 1+X certificate registry.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def choices(*values: str) -> Callable[[str], list[str]]:
    """Shell completion offering `values` (for --format, --lang): never file names."""

    def complete(incomplete: str) -> list[str]:
        return [value for value in values if value.startswith(incomplete)]

    return complete


def complete_rule(incomplete: str) -> list[str]:
    """Shell completion of rule ids (STAFF-001, …)."""
    from onex.rules import RULES

    return [rule.id for rule in RULES if rule.id.startswith(incomplete)]


RegistryOption = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        "-r",
        metavar="DIR",
        help="Registry folder (else $ONEX_REGISTRY, else the nearest folder upward with onex.yaml, else ./registry).",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="The date the registry is judged at (YYYY-MM-DD); default today.", metavar="DATE"
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="zh or en (default: $ONEX_LANG, then the locale, then zh).",
        metavar="zh|en",
        autocompletion=choices("zh", "en"),
    ),
]
PathsOption = Annotated[
    str,
    typer.Option(
        "--paths",
        help="How files are named: registry (relative to the registry) or repository (as git, editors "
        "and pre-commit name them, like the github and sarif formats).",
        metavar="registry|repository",
        autocompletion=choices("registry", "repository"),
    ),
]
PATHS = ("registry", "repository")


def check_paths(value: str) -> bool:
    """Whether files are named as the repository sees them (`--paths repository`)."""
    from onex.errors import FatalError

    if value not in PATHS:
        raise FatalError("fatal.bad_paths", value=value, known=list(PATHS))
    return value == "repository"


CollegeOption = Annotated[
    list[str] | None, typer.Option("--college", "-c", help="Only this college (repeatable).", metavar="ID")
]


def command():  # noqa: ANN201 - click is typer's
    """The click command of `app`, its help tidied for people: an option that takes a value shows
    a name for it (DATE, REV, FORMAT), a flag or an argument no Python type (`<bool>`,
    `<list[Path]>`), and an argument's usage is written once (`[PATH]...`, not `[[PATH]...]...`)."""
    import typer.main

    root = typer.main.get_command(app)
    commands = [root]
    while commands:
        current = commands.pop()
        commands.extend(getattr(current, "commands", {}).values())
        for param in current.params:
            if param.param_type_name == "argument":
                if param.metavar:
                    param.metavar = param.metavar.strip("[].")
                param.display_type_rich = _no_type  # the name column already says what it is
            elif getattr(param, "is_flag", False):
                param.metavar = ""
            elif param.metavar is None:
                param.metavar = (param.name or "value").upper()
        current.get_help_option = _flag_help(current.get_help_option)
        if current.help:
            current.help = _paragraphs(current.help)
    return root


def _paragraphs(text: str) -> str:
    """A docstring's paragraphs with their line breaks undone, so that rich fills each paragraph to
    the terminal's width (a list item, `- …`, keeps its own line)."""
    import inspect
    import re

    return re.sub(r"(?<=\S)\n(?=[^\n\s-])", " ", inspect.cleandoc(text))


def _no_type(ctx: object) -> None:
    return None


def _flag_help(make: Callable) -> Callable:
    """click makes --help when a command first needs it: a flag, so no type shown either."""

    def help_option(ctx: object) -> object:
        option = make(ctx)
        if option is not None:
            option.metavar = ""
        return option

    return help_option


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"onex {__version__}")
        raise typer.Exit(0)


# the root's --lang (`onex --lang en check`), read by every command given no --lang of its own
_ROOT_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("onex_root_lang", default=None)
RootLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="zh or en for the whole run, as $ONEX_LANG would (a command's own --lang wins); "
        "help texts are in English.",
        metavar="zh|en",
        autocompletion=choices("zh", "en"),
    ),
]


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    lang: RootLangOption = None,
) -> None:
    """onex — 1+X 证书试点登记库的检查、计划与报告 / check, plan and report a 1+X certificate registry."""
    # set on every run (this callback runs before any command), so no run inherits an earlier one's
    _ROOT_LANG.set(None if lang is None else _checked_lang(lang))
    if ctx.invoked_subcommand is None:  # `onex --lang en`: no command, as `onex` alone (help, exit 2)
        typer.echo(ctx.get_help(), nl=False)
        raise typer.Exit(2)


def _checked_lang(lang: str) -> str:
    from onex.errors import FatalError
    from onex.messages import LANGS

    value = lang.strip().lower()[:2]
    if value not in LANGS:
        raise FatalError("fatal.bad_lang", value=value)
    return value


def resolve_lang(lang: str | None) -> str:
    """The run's language: the command's --lang, else the root's (`onex --lang en check`), else
    $ONEX_LANG, the locale, Chinese."""
    from onex.messages import default_lang, set_run_lang

    if lang is None:
        lang = _ROOT_LANG.get() or default_lang()
    lang = _checked_lang(lang)
    set_run_lang(lang)
    return lang


def parse_as_of(value: str | None) -> dt.date:
    from onex.errors import FatalError

    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FatalError("fatal.bad_date", value=value) from None


# What a command built, held until the process ends when `onex.cli.entry` runs it: the process
# then ends without freeing a loaded registry object by object (~1 M objects, 0.08 s of a
# 100k-candidate check). Called in-process (tests, `onex.cli.main`), nothing is held.
KEPT_UNTIL_EXIT: list[object] | None = None


def keep_until_exit(value: object) -> None:
    if KEPT_UNTIL_EXIT is not None:
        KEPT_UNTIL_EXIT.append(value)


def open_registry(registry: Path | None, colleges: list[str] | None = None) -> Registry:
    """Find, load and index the registry once; every command reads from this."""
    from onex.engine import resolve
    from onex.errors import FatalError
    from onex.load import find_registry, load
    from onex.registry import Registry

    root = find_registry(registry)
    result = Registry(load(root))
    resolve(result)  # references to nothing are unknown to every command, as to `check` (SPEC §4.1)
    keep_until_exit(result)
    for college in colleges or ():
        if college not in result.colleges:
            raise FatalError("fatal.unknown_college", college=college, known=sorted(result.colleges))
    return result


def console(stderr: bool = False):  # noqa: ANN201 - rich is imported lazily
    """A rich console: colours on a terminal, plain text when piped, every string made visible
    (onex.escape.terminal_console). Piped output is 200 columns wide, so that tables keep whole
    rows instead of wrapping every cell at 80 (documented in README, "Everyday use")."""
    from onex.escape import terminal_console

    screen = terminal_console(stderr=stderr, highlight=False, soft_wrap=True)
    if not screen.is_terminal:
        screen.width = 200
    return screen
