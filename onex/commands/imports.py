"""`onex import results`: the platform's results export, merged into a session."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onex.app import LangOption, RegistryOption, app, console, resolve_lang

import_app = typer.Typer(
    name="import",
    help="Import data exported from other systems into the registry.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(import_app, name="import")


@import_app.command("results")
def results(
    file: Annotated[
        Path, typer.Argument(help="The platform's export: .csv (UTF-8 or GBK) or .xlsx.", metavar="FILE")
    ],
    session: Annotated[
        Path, typer.Option("--session", "-s", help="The session file to update.", metavar="PATH")
    ],
    map: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            "-m",
            help="Map a column header to a field: 成绩=score (repeatable; HEADER= ignores it).",
            metavar="HEADER=FIELD",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show the changes as a table; write nothing.")
    ] = False,
    registry: RegistryOption = None,
    lang: LangOption = None,
) -> None:
    """Merge exam results exported from the national platform into a session's candidates: known
    students updated, new ones added, comments kept. Exit 0: imported (or nothing to change);
    1: rows that cannot be read (listed with their row number; nothing written); 2: could not run.

    Columns (学号, 姓名, 专业代码|专业, 成绩, 考核结果|结果, 证书编号) are in docs/tools.md.

    Example: [bold]onex import results 成绩导出.csv --session colleges/info/sessions/2026/web-frontend-intermediate-2026-1.yaml --dry-run[/]
    """
    from onex.importer import import_results
    from onex.messages import render

    language = resolve_lang(lang)
    outcome = import_results(file, session, registry, list(map or []), dry_run)
    out = console()
    if outcome.bad:
        err = console(stderr=True)
        for bad in outcome.bad:
            reason = render(bad.message, bad.params, language)
            err.print(render("import.row", {"row": bad.number, "reason": reason}, language), markup=False)
        err.print(render("import.rows_refused", {"count": len(outcome.bad)}, language), markup=False)
        raise typer.Exit(1)
    if dry_run and outcome.changes:
        out.print(_table(outcome, language))
    params = {"file": outcome.file, "updated": outcome.updated, "added": outcome.added, "same": outcome.same}
    out.print(render("import.summary", params, language), markup=False)
    if outcome.not_in_file:
        note = {"count": len(outcome.not_in_file), "students": outcome.not_in_file}
        out.print(render("import.not_in_file", note, language), markup=False)
    if dry_run:
        out.print(render("import.dry_run", {}, language), markup=False)
    raise typer.Exit(0)


def _table(outcome, language: str):  # noqa: ANN202 - rich is imported lazily
    from rich.table import Table

    from onex.messages import render

    def heading(key: str) -> str:
        return render(f"import.col_{key}", {}, language)

    table = Table(heading("student"), heading("name"), heading("field"), heading("change"))
    for change in outcome.changes:
        old = "—" if change.old is None else str(change.old)
        marker = "+ " if change.added else ""
        table.add_row(change.student, change.name, marker + change.field, f"{old} → {change.new}")
    return table
