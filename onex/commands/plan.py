"""`onex plan`: the year's plan per college and the institution's fee budget (§5.2, §6.1)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Annotated

import typer

from onex.app import (
    AsOfOption,
    CollegeOption,
    LangOption,
    RegistryOption,
    app,
    choices,
    console,
    open_registry,
    parse_as_of,
    resolve_lang,
)


@app.command()
def plan(
    registry: RegistryOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    college: CollegeOption = None,
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", help="The plan year (default: the year after --as-of).", metavar="YEAR"),
    ] = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, markdown or json.",
            autocompletion=choices("table", "markdown", "json"),
        ),
    ] = "table",
    write: Annotated[
        bool,
        typer.Option(
            "--write", help="Create or update plans/<year>.yaml and staff-plans/<year>.yaml drafts."
        ),
    ] = False,
) -> None:
    """Forecast the year's candidates, fees, batches, training hours and teachers per college, and the
    institution's school-funded fees against fee_budget. Exit 0: done; 1: --write refused an approved
    or broken file; 2: could not run.

    The assumptions are the `planning:` block of onex.yaml (docs/planning.md).

    Example: [bold]onex plan --year 2027 --write[/]
    """
    from onex.errors import FatalError
    from onex.escape import terminal
    from onex.messages import render
    from onex.plan import render as out
    from onex.plan.draft import write_drafts
    from onex.plan.forecast import build_plan, default_year
    from onex.plan.settings import planning_settings

    language = resolve_lang(lang)
    if format not in out.FORMATS:
        raise FatalError("fatal.bad_format", value=format, known=list(out.FORMATS))
    day = parse_as_of(as_of)
    if year is not None and not 1900 <= year <= 2999:
        raise FatalError("plan.bad_year", value=year)
    reg = open_registry(registry, college)
    settings = planning_settings(reg.settings.planning)
    target = year if year is not None else default_year(day)
    with _progress_bar(len(reg.colleges)) as advance:
        result = build_plan(reg, target, day, college, settings, progress=advance)
    outcomes = write_drafts(reg, result, language) if write else None
    notes = []
    broken = len({f.file or (f.record.file if f.record else "") for _rule, f in reg.loaded.findings})
    if broken:
        notes.append(render("plan.registry_problems", {"count": broken}, language))
    if format == "json":
        typer.echo(out.as_json(result, outcomes, str(reg.root), language))
        for note in notes:
            typer.echo(terminal(note), err=True)
    elif format == "markdown":
        typer.echo(out.as_markdown(result, outcomes, language, notes), nl=False)
    else:
        out.print_table(result, outcomes, language, console(), notes)
    raise typer.Exit(1 if outcomes and any(o.refused for o in outcomes) else 0)


@contextlib.contextmanager
def _progress_bar(total: int) -> Iterator[Callable[[str], None] | None]:
    """A transient progress bar on a terminal's stderr (never in pipes, files or CI logs)."""
    terminal = console(stderr=True)
    if not terminal.is_terminal or total < 2:
        yield None
        return
    from rich.progress import Progress

    with Progress(console=terminal, transient=True) as bar:
        task = bar.add_task("onex plan", total=total)
        yield lambda _college: bar.update(task, advance=1)
