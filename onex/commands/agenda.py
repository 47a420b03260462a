"""`onex agenda`: what falls due, for whom — in the terminal and in the coordinators' calendars."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onex.app import (
    AsOfOption,
    CollegeOption,
    LangOption,
    RegistryOption,
    app,
    console,
    open_registry,
    parse_as_of,
    resolve_lang,
)
from onex.messages import register

MESSAGES = {
    "agenda.fatal.bad_days": {
        "zh": "--days {value} 无效：请写 0 到 3660 之间的天数",
        "en": "invalid --days {value}: give a number of days from 0 to 3660",
    },
    "agenda.written": {"zh": "已写入 {file}", "en": "written to {file}"},
}
register(MESSAGES)

MAX_DAYS = 3660  # ten years: further than any duty the policy knows


@app.command()
def agenda(
    registry: RegistryOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    college: CollegeOption = None,
    days: Annotated[
        int,
        typer.Option(
            "--days", "-d", help="List what falls due within this many days after --as-of.", metavar="N"
        ),
    ] = 60,
    who: Annotated[
        str | None,
        typer.Option(
            "--who",
            help="Only the duties of this person: a name as the records write it, or an instructor's staff number.",
            metavar="NAME",
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="table, markdown, json or ics (an iCalendar feed).")
    ] = "table",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of the terminal.", metavar="FILE"),
    ] = None,
) -> None:
    """List the duties not yet done that fall due within --days of the as-of date, and those
    overdue (the problems `onex check` reports for them): plans, staff plans, approvals before a
    training or exam, inspections, results, certificates, qualification renewals, waivers, the fee
    budget. Each with its due date, who must act, where in the registry and what to do.
    Exit 0: listed (overdue or not); 2: could not run.

    Example: [bold]onex agenda --as-of 2027-03-01 --days 30 --format ics --output onex.ics[/]
    """
    from onex.agenda import build_agenda
    from onex.errors import FatalError
    from onex.messages import render
    from onex.render import agenda as out

    language = resolve_lang(lang)
    if format not in out.FORMATS:
        raise FatalError("fatal.bad_format", value=format, known=list(out.FORMATS))
    if not 0 <= days <= MAX_DAYS:
        raise FatalError("agenda.fatal.bad_days", value=days)
    day = parse_as_of(as_of)
    reg = open_registry(registry, college)
    result = build_agenda(reg, day, days=days, who=who, colleges=college)
    if format == "table" and output is None:
        out.print_table(result, language, console())
        raise typer.Exit(0)
    if format == "table":
        import io

        from rich.console import Console

        buffer = io.StringIO()
        out.print_table(
            result, language, Console(file=buffer, width=200, no_color=True, highlight=False, soft_wrap=True)
        )
        text = buffer.getvalue()
    else:
        text = {"markdown": out.as_markdown, "json": out.as_json, "ics": out.as_ics}[format](result, language)
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        from onex.report.output import write_file

        write_file(output, text)
        console(stderr=True).print(render("agenda.written", {"file": str(output)}, language))
    raise typer.Exit(0)
