"""`onex import results|instructors|candidates|adoptions`: spreadsheets merged into the registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onex.app import CollegeOption, LangOption, RegistryOption, app, console, resolve_lang
from onex.render.terminal import print_lines

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
            print_lines(err, render("import.row", {"row": bad.number, "reason": reason}, language))
        print_lines(err, render("import.rows_refused", {"count": len(outcome.bad)}, language))
        raise typer.Exit(1)
    if dry_run and outcome.changes:
        out.print(_table(outcome, language))
    params = {"file": outcome.file, "updated": outcome.updated, "added": outcome.added, "same": outcome.same}
    print_lines(out, render("import.summary", params, language))
    if outcome.not_in_file:
        note = {"count": len(outcome.not_in_file), "students": outcome.not_in_file}
        print_lines(out, render("import.not_in_file", note, language))
    if dry_run:
        print_lines(out, render("import.dry_run", {}, language))
    raise typer.Exit(0)


def _table(outcome, language: str, first: str = "student"):  # noqa: ANN202 - rich is imported lazily
    from rich.table import Table

    from onex.messages import render

    def heading(key: str) -> str:
        return render(f"import.col_{key}", {}, language)

    table = Table(heading(first), heading("name"), heading("field"), heading("change"))
    from onex.escape import rich_text

    for change in outcome.changes:
        old = "—" if change.old is None else str(change.old)
        marker = "+ " if change.added else ""
        cells = (change.student, change.name, marker + change.field, f"{old} → {change.new}")
        table.add_row(*[rich_text(c) for c in cells])
    return table


MapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        "-m",
        help="Map a column header to a field: 工号=id (repeatable; HEADER= ignores it; onex.yaml `imports:` saves a mapping).",
        metavar="HEADER=FIELD",
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Show the changes as a table; write nothing.")
]
FileArgument = Annotated[
    Path, typer.Argument(help="The spreadsheet: .xlsx, or .csv (UTF-8 or GBK).", metavar="FILE")
]


def _records(kind: str, file: Path, registry, map, dry_run: bool, lang, college=None, session=None) -> None:  # noqa: ANN001
    from onex.errors import FatalError
    from onex.import_records import import_records
    from onex.messages import render

    language = resolve_lang(lang)
    if college and len(college) > 1:
        raise FatalError("import.one_college", colleges=college)
    chosen = college[0] if college else None
    result = import_records(kind, file, registry, list(map or []), dry_run, chosen, session)
    out = console()
    if result.bad:
        err = console(stderr=True)
        for sheet, bad in result.bad:
            reason = render(bad.message, bad.params, language)
            params = {"row": bad.number, "reason": reason, "sheet": sheet}
            print_lines(err, render("import.sheet_row" if sheet else "import.row", params, language))
        print_lines(err, render("import.rows_refused", {"count": len(result.bad)}, language))
        raise typer.Exit(1)
    for outcome in result.outcomes:
        if dry_run and outcome.changes:
            out.print(_table(outcome, language, "record"))
        params = {
            "file": outcome.file,
            "updated": outcome.updated,
            "added": outcome.added,
            "same": outcome.same,
        }
        print_lines(out, render("import.records_summary", params, language))
        if outcome.not_in_file:
            note = {"count": len(outcome.not_in_file), "records": outcome.not_in_file}
            print_lines(out, render("import.records_not_in_file", note, language))
    if dry_run:
        print_lines(out, render("import.dry_run", {}, language))
    raise typer.Exit(0)


@import_app.command("instructors")
def instructors(
    file: FileArgument,
    college: CollegeOption = None,
    map: MapOption = None,
    dry_run: DryRunOption = False,
    registry: RegistryOption = None,
    lang: LangOption = None,
) -> None:
    """Merge a teacher roster into colleges/<college>/instructors.yaml: instructors by id, their
    qualifications by certificate and kind; known ones updated, new ones added, none deleted,
    comments kept. The college is the row's college column, else --college, else the only one.
    Exit 0: imported; 1: rows refused (listed by row number; nothing written); 2: could not run.

    Reads the sheets instructors and qualifications of an `onex export` workbook, or one sheet
    with a row per qualification. Columns are in docs/data.md.

    Example: [bold]onex import instructors 师资名单.xlsx --college info --dry-run[/]
    """
    _records("instructors", file, registry, map, dry_run, lang, college=college)


@import_app.command("candidates")
def candidates(
    file: FileArgument,
    session: Annotated[
        Path | None,
        typer.Option(
            "--session", "-s", help="The session file (else each row's file column).", metavar="PATH"
        ),
    ] = None,
    map: MapOption = None,
    dry_run: DryRunOption = False,
    registry: RegistryOption = None,
    lang: LangOption = None,
) -> None:
    """Merge a candidate list (the platform's 报名名单) into a session's candidates, by student
    number: known students updated, new ones added, none deleted, comments kept. The session is
    --session, else each row's file column (as `onex export` writes it). Exit 0: imported; 1: rows
    refused (nothing written); 2: could not run.

    Example: [bold]onex import candidates 报名名单.csv --session colleges/info/sessions/2027/web-frontend-intermediate-2027-1.yaml[/]
    """
    _records("candidates", file, registry, map, dry_run, lang, session=session)


@import_app.command("adoptions")
def adoptions(
    file: FileArgument,
    college: CollegeOption = None,
    map: MapOption = None,
    dry_run: DryRunOption = False,
    registry: RegistryOption = None,
    lang: LangOption = None,
) -> None:
    """Merge adopted certificates into colleges/<college>/certificates/<certificate>.yaml (created
    when new): the adoption's fields, its majors by code and its coverage by module; nothing
    deleted, comments kept. A certificate is its catalogue id or name. Exit 0: imported; 1: rows
    refused (nothing written); 2: could not run.

    Reads the sheets adoptions, adoption_majors and adoption_coverage of an `onex export`
    workbook, or one sheet with a row per adopted major.

    Example: [bold]onex import adoptions 证书引入.xlsx --college info --dry-run[/]
    """
    _records("adoptions", file, registry, map, dry_run, lang, college=college)
