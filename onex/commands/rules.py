"""`onex rules` and `onex explain RULE`: what is checked, and why."""

from __future__ import annotations

from typing import Annotated

import typer

from onex.app import LangOption, app, choices, complete_rule, console, resolve_lang
from onex.messages import register

MESSAGES = {
    "rules.header.rule": {"zh": "规则", "en": "rule"},
    "rules.header.severity": {"zh": "级别", "en": "severity"},
    "rules.header.clause": {"zh": "条款", "en": "clause"},
    "rules.header.title": {"zh": "说明", "en": "title"},
    "rules.severity.error": {"zh": "错误", "en": "error"},
    "rules.severity.warning": {"zh": "警告", "en": "warning"},
}
register(MESSAGES)


@app.command("rules")
def list_rules(
    lang: LangOption = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, markdown or json.",
            autocompletion=choices("table", "markdown", "json"),
        ),
    ] = "table",
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
    elif format in ("markdown", "table"):
        # for people: headers and severities in the run's language (json keeps its keys and values)
        from onex.messages import render

        headers = [
            render(f"rules.header.{key}", {}, language) for key in ("rule", "severity", "clause", "title")
        ]
        shown = [
            (id, render(f"rules.severity.{severity}", {}, language), *rest) for id, severity, *rest in rows
        ]
        if format == "markdown":
            from tabulate import tabulate

            typer.echo(tabulate(shown, headers=headers, tablefmt="github"))
        else:
            from rich.markup import escape
            from rich.table import Table

            table = Table(*headers)
            for row in shown:
                table.add_row(*(escape(cell) for cell in row))
            console().print(table)
    else:
        raise FatalError("fatal.bad_format", value=format, known=["table", "markdown", "json"])


@app.command()
def explain(
    rule: Annotated[
        str, typer.Argument(help="A rule id, e.g. STAFF-001.", metavar="RULE", autocompletion=complete_rule)
    ],
    lang: LangOption = None,
) -> None:
    """Explain a rule: the policy clause it enforces (quoted), why, a violation and its fix."""
    from onex.explain import explanation
    from onex.render.terminal import print_lines

    print_lines(console(), explanation(rule, resolve_lang(lang)))
