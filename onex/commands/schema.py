"""`onex schema`: JSON Schema of the records, for editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from onex.app import LangOption, app, console, resolve_lang


@app.command()
def schema(
    kind: Annotated[
        str | None,
        typer.Argument(
            help="institution, org, college, instructors, adoption, plan, staff_plan, training or session (default: all).",
            metavar="[KIND]",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write <kind>.schema.json files into this folder.", metavar="DIR"
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Print the JSON Schema of a record kind ({kind: schema} for all), or write them to files.

    Example: [bold]onex schema --output .schemas[/], then point the editor at them (docs/tools.md).
    """
    from onex.messages import render
    from onex.schema import all_schemas, schema_of
    from onex.write import write_atomic

    language = resolve_lang(lang)
    schemas = {kind: schema_of(kind)} if kind else all_schemas()
    if output is None:
        shown = next(iter(schemas.values())) if kind else schemas
        typer.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        raise typer.Exit(0)
    output.mkdir(parents=True, exist_ok=True)
    for name, document in schemas.items():
        target = output / f"{name}.schema.json"
        data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        existing = target.read_bytes() if target.exists() else None
        if existing != data:
            write_atomic(target, data, existing, verify=False)
        console().print(render("schema.written", {"file": str(target)}, language), markup=False)
    raise typer.Exit(0)
