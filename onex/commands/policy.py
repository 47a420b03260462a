"""`onex policy`: the effective policy, every knob with its default, its override and its clause."""

from __future__ import annotations

from typing import Annotated

import typer

from onex.app import LangOption, RegistryOption, app, console, open_registry, resolve_lang

FORMATS = ("table", "markdown", "json")


@app.command("policy")
def show_policy(
    registry: RegistryOption = None,
    lang: LangOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, markdown or json.")] = "table",
) -> None:
    """Print the effective policy: every knob of onex.yaml's policy, its default, its value, where it is
    set, the clause it tunes and whether the override tightens or relaxes it (docs/policy.md).
    Exit 1 when onex.yaml itself is broken (its REG-001/REG-002 problems are printed instead).

    Example: [bold]onex policy --format json[/]
    """
    from onex import escape, policy
    from onex.errors import FatalError
    from onex.messages import render

    language = resolve_lang(lang)
    if format not in FORMATS:
        raise FatalError("fatal.bad_format", value=format, known=list(FORMATS))
    loaded = open_registry(registry)
    broken = policy.settings_problems(loaded)
    if broken:
        typer.echo(render("policy.broken", {}, language), err=True)
        for p in broken:
            typer.echo(
                escape.terminal(f"  {p.file}:{p.line}:{p.column}  {p.rule}  {p.text(language)}"), err=True
            )
        raise typer.Exit(1)
    knobs = policy.effective(loaded)
    if format == "json":
        typer.echo(escape.json_text(policy.as_json(knobs, language), indent=2))
    elif format == "markdown":
        from tabulate import tabulate

        typer.echo(f"## {escape.markdown_line(render('policy.title', {}, language))}\n")
        rows = [[escape.markdown_cell(cell) for cell in row] for row in policy.as_rows(knobs, language)]
        typer.echo(tabulate(rows, headers=policy.headers(language), tablefmt="github"))
    else:
        from rich.table import Table

        table = Table(*policy.headers(language), title=render("policy.title", {}, language))
        for row in policy.as_rows(knobs, language):
            table.add_row(*(escape.rich_text(cell) for cell in row))
        console().print(table)
    raise typer.Exit(0)
