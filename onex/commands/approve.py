"""`onex approve`: record who approved a plan, staff plan, training or session, and when."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onex.app import AsOfOption, LangOption, RegistryOption, app, console, parse_as_of, resolve_lang


@app.command()
def approve(
    file: Annotated[
        Path, typer.Argument(help="The plan, staff plan, training or session file.", metavar="FILE")
    ],
    by: Annotated[
        str, typer.Option("--by", help="The approving leader's name, as in college.yaml.", metavar="NAME")
    ],
    on: Annotated[
        str | None,
        typer.Option("--on", help="The approval date (default: --as-of, else today).", metavar="DATE"),
    ] = None,
    ref: Annotated[
        str | None, typer.Option("--ref", help="The approval's document number.", metavar="REF")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing, different approval.")] = False,
    registry: RegistryOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """Record an approval: the leader in charge approves trainings and sessions, any college leader
    approves plans and staff plans. Exit 0: recorded (or already there); 1: refused (not allowed,
    or already approved by someone else); 2: could not run.

    Example: [bold]onex approve colleges/info/plans/2027.yaml --by 李明 --on 2027-02-20[/]
    """
    from onex.approve import approve as record_approval
    from onex.messages import render

    language = resolve_lang(lang)
    day = parse_as_of(on if on is not None else as_of)
    outcome = record_approval(file, by, day, ref, force, registry)
    params = {"file": outcome.file, "by": outcome.by, "on": outcome.on.isoformat()}
    params.update({f"old_{k}": v for k, v in outcome.previous.items()})
    out = console()
    out.print(render(f"approve.{outcome.action}", params, language), markup=False)
    for message, note in outcome.notes:
        console(stderr=True).print(render(message, note, language), markup=False)
    raise typer.Exit(0)
