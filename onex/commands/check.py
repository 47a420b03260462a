"""`onex check`: every breach of the policy, at the line that causes it."""

from __future__ import annotations

from typing import Annotated

import typer

from onex.app import (
    AsOfOption,
    CollegeOption,
    LangOption,
    RegistryOption,
    app,
    console,
    parse_as_of,
    resolve_lang,
)


@app.command()
def check(
    registry: RegistryOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    college: CollegeOption = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, github, junit or sarif.")
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too (exit 1).")] = False,
    rule: Annotated[
        list[str] | None, typer.Option("--rule", help="Only these rules (repeatable).", metavar="ID")
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Check every file again: neither read nor write <registry>/.onex-cache/."
        ),
    ] = False,
) -> None:
    """Check the registry against the policy. Exit 0: no errors; 1: errors (or warnings with --strict); 2: could not run.

    An unchanged registry is answered from <registry>/.onex-cache/ (authenticated, never trusted blindly).

    Example: [bold]onex check --as-of 2026-12-31 --format github[/]
    """
    from onex import cache
    from onex.errors import FatalError
    from onex.load import find_registry
    from onex.render import problems as out

    language = resolve_lang(lang)
    if format not in out.FORMATS:
        raise FatalError("fatal.bad_format", value=format, known=list(out.FORMATS))
    wanted = [r.strip().upper() for r in rule or []]
    if wanted:
        from onex.rules import BY_ID

        for rule_id in wanted:
            if rule_id not in BY_ID:
                raise FatalError("fatal.unknown_rule", rule=rule_id)
    day = parse_as_of(as_of)
    result = cache.check(find_registry(registry), day, enabled=not no_cache)
    known = result.registry.colleges
    for name in college or ():
        if name not in known:
            raise FatalError("fatal.unknown_college", college=name, known=sorted(known))
    if wanted:
        result.problems = [p for p in result.problems if p.rule in wanted]
    if college:
        result.problems = [p for p in result.problems if p.college in college]
    if format == "text":
        out.print_text(result, language, console())
    else:
        render = {"json": out.as_json, "github": out.as_github, "sarif": out.as_sarif}.get(format)
        text = render(result, language) if render else out.as_junit(result, language, strict)
        typer.echo(text)
    raise typer.Exit(result.exit_code(strict))
