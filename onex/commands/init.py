"""`onex init`: start a new registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onex.app import LangOption, app, console, resolve_lang


@app.command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="The new registry's folder (default: the current folder).", metavar="[DIR]")
    ] = Path("."),
    college: Annotated[
        str,
        typer.Option("--college", "-c", help="The id of the first college (its folder name).", metavar="ID"),
    ] = "info",
    org: Annotated[
        str,
        typer.Option(
            "--org", help="The id of the first evaluation organisation (its file name).", metavar="ID"
        ),
    ] = "example-org",
    year: Annotated[
        int | None,
        typer.Option("--year", help="The year of the examples (default: this year).", metavar="YEAR"),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Create a new registry: onex.yaml, one organisation, one college, an example of every other
    record (*.example files), a .gitignore and a GitHub Actions workflow. It passes `onex check`.
    Exit 0: created; 2: refused (DIR already holds a registry) or could not run.

    Example: [bold]onex init my-registry --college info[/]
    """
    from onex.init import create
    from onex.messages import render

    language = resolve_lang(lang)
    result = create(folder, org=org, college=college, year=year)
    out = console()
    for rel in result.created:
        out.print(render("init.created", {"file": rel}, language), markup=False)
    for rel in result.updated:
        out.print(render("init.updated", {"file": rel}, language), markup=False)
    for rel in result.kept:
        out.print(render("init.kept", {"file": rel}, language), markup=False)
    out.print(render("init.next", {"path": str(folder)}, language), markup=False)
    raise typer.Exit(0)
