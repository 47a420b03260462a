"""`onex rules` and `onex explain RULE`: what is checked, and why."""

from __future__ import annotations

from typing import Annotated

import typer

from onex.app import LangOption, app, console, resolve_lang


@app.command("rules")
def list_rules(
    lang: LangOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, markdown or json.")] = "table",
) -> None:
    """List every rule: id, default severity, clause and title."""
    import json

    from onex.errors import FatalError
    from onex.rules import RULES

    language = resolve_lang(lang)
    rows = [(r.id, r.severity, r.clause, r.title[language]) for r in RULES]
    if format == "json":
        keys = ("rule", "severity", "clause", "title")
        typer.echo(
            json.dumps([dict(zip(keys, row, strict=True)) for row in rows], ensure_ascii=False, indent=2)
        )
    elif format == "markdown":
        from tabulate import tabulate

        typer.echo(tabulate(rows, headers=["rule", "severity", "clause", "title"], tablefmt="github"))
    elif format == "table":
        from rich.table import Table

        table = Table("rule", "severity", "clause", "title")
        for row in rows:
            table.add_row(*row)
        console().print(table)
    else:
        raise FatalError("fatal.bad_format", value=format, known=["table", "markdown", "json"])


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule id, e.g. STAFF-001.")], lang: LangOption = None
) -> None:
    """Explain a rule: the policy clause it enforces (quoted), why, a violation and its fix."""
    from onex.explain import explanation

    console().print(explanation(rule, resolve_lang(lang)), markup=False)
