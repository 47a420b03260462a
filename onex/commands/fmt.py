"""`onex fmt`: the canonical layout of every record, keeping comments."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from onex.app import LangOption, PathsOption, RegistryOption, app, check_paths, console, resolve_lang


@app.command()
def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Record files or folders (default: the whole registry).", metavar="[PATH]..."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Change nothing; list the files that would change (exit 1 if any)."),
    ] = False,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            help="Only record files whose content differs from this git revision's (committed, staged or not), plus new files.",
            metavar="REV",
        ),
    ] = None,
    registry: RegistryOption = None,
    lang: LangOption = None,
    paths_as: PathsOption = "registry",
) -> None:
    """Format records canonically: SPEC key order, 2-space indent, quoted codes, enum words as written,
    comments kept. Exit 0: done (or nothing to change); 1: with --check, files would change; or
    files could not be read; 2: could not run.

    Example: [bold]onex fmt --check --changed-since origin/main[/]
    """
    from onex.fmt import targets
    from onex.messages import render
    from onex.render.problems import repository_path

    language = resolve_lang(lang)
    repository = check_paths(paths_as)
    found = targets(registry, list(paths or []), changed_since)
    out = console()
    outcomes = _run(found, not check, language)
    counts = {"changed": 0, "same": 0, "unreadable": 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
        name = repository_path(outcome.path.parent, outcome.path.name) if repository else outcome.rel
        if outcome.status == "unreadable":
            params = {**outcome.params, "file": name}
            console(stderr=True).print(render(outcome.message or "", params, language), markup=False)
        elif outcome.status == "changed":
            message = "fmt.would_change" if check else "fmt.changed"
            out.print(render(message, {"file": name}, language), markup=False)
    summary = "fmt.summary_check" if check else "fmt.summary"
    params = {"changed": counts["changed"], "same": counts["same"], "skipped": counts["unreadable"]}
    console(stderr=True).print(render(summary, params, language), markup=False)
    failed = counts["unreadable"] > 0 or (check and counts["changed"] > 0)
    raise typer.Exit(1 if failed else 0)


def _run(found: list, write: bool, language: str) -> list:
    from onex.fmt import format_all
    from onex.messages import render

    if len(found) <= 20 or not sys.stdout.isatty():
        return format_all(found, write)
    from rich.progress import Progress

    with Progress(transient=True, console=console()) as progress:
        task = progress.add_task(render("fmt.progress", {}, language), total=len(found))
        return format_all(found, write, lambda: progress.advance(task))
