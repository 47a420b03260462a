"""`onex export` and `onex query`: the registry's records as flat tables, and SQL over them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onex.app import (
    AsOfOption,
    LangOption,
    RegistryOption,
    app,
    console,
    open_registry,
    parse_as_of,
    resolve_lang,
)

QUERY_FORMATS = ("table", "csv", "json", "markdown")


@app.command()
def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="An .xlsx file, or a folder for csv and parquet (one file per table).",
            metavar="PATH",
        ),
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="xlsx, csv or parquet (default: xlsx for an .xlsx PATH, else csv)."
        ),
    ] = None,
    registry: RegistryOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """Export every record kind as a flat table: instructors, qualifications, adoptions, adoption
    majors and coverage, trainings, sessions, candidates, plans, plan items, problems. Columns are
    in docs/data.md; instructors, candidates and adoptions import back unchanged (`onex import`).
    Exit 0: written; 2: could not run.

    Example: [bold]onex export --format parquet --output export/[/]
    """
    from onex.export import export as write
    from onex.messages import render

    language = resolve_lang(lang)
    chosen = format or ("xlsx" if output.suffix.lower() == ".xlsx" else "csv")
    day = parse_as_of(as_of)
    tables, rows = write(open_registry(registry), day, language, chosen.strip().lower(), output)
    params = {"tables": tables, "rows": rows, "path": str(output)}
    console(stderr=True).print(render("export.written", params, language), markup=False)
    raise typer.Exit(0)


@app.command()
def query(
    sql: Annotated[
        str, typer.Argument(help="The SQL (DuckDB dialect) over the tables of docs/data.md.", metavar="SQL")
    ],
    registry: Annotated[
        list[Path] | None,
        typer.Option(
            "--registry",
            "-r",
            help="Registry folder (repeatable: the rows of each are tagged by their `institution` column).",
            metavar="DIR",
        ),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, json or markdown.")] = "table",
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """Run SQL over the registry's tables (the ones `onex export` writes) in an embedded DuckDB;
    the query reads no file and writes nowhere. Exit 0: answered; 2: could not run (bad SQL).

    Example: [bold]onex query "SELECT college, count(*) FROM candidates WHERE result = 'pass' GROUP BY 1"[/]
    """
    from onex.errors import FatalError
    from onex.query import connect, lock, run
    from onex.render.query import render_answer

    language = resolve_lang(lang)
    chosen = format.strip().lower()
    if chosen not in QUERY_FORMATS:
        raise FatalError("fatal.bad_format", value=format, known=list(QUERY_FORMATS))
    day = parse_as_of(as_of)
    registries = (open_registry(path) for path in (registry or [None]))  # one at a time
    con = connect(registries, day, language)
    lock(con)
    answer = run(con, sql)
    if chosen == "table":
        console().print(render_answer(answer, chosen))
    else:
        typer.echo(render_answer(answer, chosen), nl=chosen == "markdown")
    raise typer.Exit(0)
