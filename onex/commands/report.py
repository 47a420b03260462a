"""`onex report`: the annual summary of the pilot (§7.3), from the same registry `check` reads."""

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
    choices,
    console,
    open_registry,
    parse_as_of,
    resolve_lang,
)


@app.command()
def report(
    registry: RegistryOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    college: CollegeOption = None,
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", help="The year to sum up (default: the as-of year).", metavar="YEAR"),
    ] = None,
    years: Annotated[
        str | None,
        typer.Option(
            "--years",
            help="Add the trend of candidates, pass rate and spend per certificate, e.g. 2025-2027.",
            metavar="FIRST-LAST",
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, markdown, csv, json, xlsx or html (default: from --output's extension, else table).",
            autocompletion=choices("table", "markdown", "csv", "json", "xlsx", "html"),
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (xlsx needs one).", metavar="FILE"),
    ] = None,
) -> None:
    """Sum up a year per college and for the institution: certificates, certified teachers, trainings,
    exams and pass rates, fees against the budget, open problems by rule. Exit 0: written (even when
    the registry has errors: the report says so at the top); 2: could not run.

    Example: [bold]onex report --year 2026 --as-of 2026-12-31 --output report-2026.html[/]
    """
    from onex.errors import FatalError
    from onex.messages import render
    from onex.report import output as out
    from onex.report.build import build_report

    language = resolve_lang(lang)
    chosen = out.choose_format(format, output)
    day = parse_as_of(as_of)
    the_year = out.check_year(year if year is not None else day.year)
    span = out.parse_years(years) if years else None
    if out.is_binary(chosen) and output is None:
        raise FatalError("report.fatal.binary_needs_output", format=chosen, year=the_year)
    status = console(stderr=True)
    with status.status("onex report …") if status.is_terminal else _nothing():
        reg = open_registry(registry, college)
        result = build_report(reg, the_year, day, colleges=college, years=span)
        rendered = (
            None if chosen == "table" and output is None else out.render_report(result, chosen, language)
        )
    if output is not None:
        out.write_file(output, rendered)  # type: ignore[arg-type]
        status.print(render("report.written", {"file": str(output)}, language))
    elif rendered is None:
        out.print_report(result, language, console())
    else:
        typer.echo(rendered, nl=False)
    raise typer.Exit(0)


def _nothing():  # noqa: ANN202
    import contextlib

    return contextlib.nullcontext()
