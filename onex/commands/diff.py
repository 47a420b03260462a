"""`onex diff`: what a change does to compliance (problems introduced and resolved, figures moved)."""

from __future__ import annotations

from typing import Annotated

import typer

from onex.app import AsOfOption, LangOption, RegistryOption, app, console, parse_as_of, resolve_lang


@app.command()
def diff(
    rev1: Annotated[
        str | None,
        typer.Argument(
            help="The revision before (default: the merge base of HEAD with the default branch).",
            metavar="[REV1]",
        ),
    ] = None,
    rev2: Annotated[
        str | None, typer.Argument(help="The revision after (default: the work tree).", metavar="[REV2]")
    ] = None,
    registry: RegistryOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, markdown or json.")] = "text",
) -> None:
    """Compare two revisions of the registry: problems introduced and resolved, and the figures that
    moved (adoptions, certified teachers per major against the minimum, sessions, candidates,
    school-funded fees against the budget). git is only read; the work tree is not touched.
    The default branch is origin/HEAD, else origin/main, origin/master, main or master.
    Exit 0: compared; 2: could not run (an unknown revision: fetch it first).

    Example: [bold]onex diff origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"[/]
    """
    from onex.diff import diff as compare
    from onex.errors import FatalError
    from onex.load import find_registry
    from onex.render import diff as out

    language = resolve_lang(lang)
    if format not in out.FORMATS:
        raise FatalError("fatal.bad_format", value=format, known=list(out.FORMATS))
    result = compare(find_registry(registry), parse_as_of(as_of), rev1, rev2)
    if format == "text":
        out.print_text(result, language, console())
    else:
        typer.echo(
            {"markdown": out.as_markdown, "json": out.as_json}[format](result, language),
            nl=format != "markdown",
        )
    raise typer.Exit(0)
