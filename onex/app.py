"""The typer application and the options every command shares (declared once).

Command modules (`onex.commands.*`) add themselves to `app`; `onex.cli.main` is the one place
that turns errors into messages and exit codes.
"""

from __future__ import annotations

import datetime as dt
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

RegistryOption = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        "-r",
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
    typer.Option("--lang", help="zh or en (default: $ONEX_LANG, then the locale, then zh).", metavar="zh|en"),
]
CollegeOption = Annotated[
    list[str] | None, typer.Option("--college", "-c", help="Only this college (repeatable).", metavar="ID")
]


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"onex {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """onex — 1+X 证书试点登记库的检查、计划与报告 / check, plan and report a 1+X certificate registry."""


def resolve_lang(lang: str | None) -> str:
    from onex.errors import FatalError
    from onex.messages import LANGS, default_lang

    if lang is None:
        return default_lang()
    lang = lang.strip().lower()[:2]
    if lang not in LANGS:
        raise FatalError("fatal.bad_lang", value=lang)
    return lang


def parse_as_of(value: str | None) -> dt.date:
    from onex.errors import FatalError

    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FatalError("fatal.bad_date", value=value) from None


def open_registry(registry: Path | None, colleges: list[str] | None = None) -> Registry:
    """Find, load and index the registry once; every command reads from this."""
    from onex.errors import FatalError
    from onex.load import find_registry, load
    from onex.registry import Registry

    root = find_registry(registry)
    result = Registry(load(root))
    for college in colleges or ():
        if college not in result.colleges:
            raise FatalError("fatal.unknown_college", college=college, known=sorted(result.colleges))
    return result


def console(stderr: bool = False):  # noqa: ANN201 - rich is imported lazily
    """A rich console: colours on a terminal, plain text when piped, every string made visible
    (onex.escape.terminal_console). Piped output is 200 columns    wide, so that tables keep whole rows instead of wrapping every cell at 80."""
    from onex.escape import terminal_console

    screen = terminal_console(stderr=stderr, highlight=False, soft_wrap=True)
    if not screen.is_terminal:
        screen.width = 200
    return screen
