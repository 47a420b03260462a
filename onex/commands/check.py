"""`onex check`: every breach of the policy, at the line that causes it."""

from __future__ import annotations

import functools
from typing import Annotated

import typer

from onex.app import (
    AsOfOption,
    CollegeOption,
    LangOption,
    PathsOption,
    RegistryOption,
    app,
    check_paths,
    choices,
    complete_rule,
    console,
    keep_until_exit,
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
        str,
        typer.Option(
            "--format",
            "-f",
            help="text, json, github, junit or sarif.",
            autocompletion=choices("text", "json", "github", "junit", "sarif"),
        ),
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too (exit 1).")] = False,
    rule: Annotated[
        list[str] | None,
        typer.Option(
            "--rule", help="Only these rules (repeatable).", metavar="ID", autocompletion=complete_rule
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Mark each problem new or not against this git revision's; only new errors fail.",
            metavar="REV",
        ),
    ] = None,
    annotate: Annotated[
        str,
        typer.Option(
            "--annotate",
            help="With --since and --format github: annotate only new problems (new) or all of them (all).",
            metavar="new|all",
            autocompletion=choices("new", "all"),
        ),
    ] = "new",
    paths: PathsOption = "registry",
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Check every file again: neither read nor write <registry>/.onex-cache/."
        ),
    ] = False,
) -> None:
    """Check the registry against the policy. Exit 0: no errors; 1: errors (or warnings with --strict); 2: could not run.

    An unchanged registry is answered from <registry>/.onex-cache/ (authenticated, never trusted blindly).

    With --since REV, the problems at REV are computed from git (the work tree is not touched)
    and each problem is marked new or not; the exit code counts new errors only.

    Example: [bold]onex check --as-of 2026-12-31 --format github --since origin/main[/]
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
    if annotate not in ("new", "all"):
        raise FatalError("fatal.bad_format", value=annotate, known=["new", "all"])
    day = parse_as_of(as_of)
    root = find_registry(registry)
    if since is not None:
        from onex.baseline import check_since

        result = check_since(root, day, since, cache=not no_cache)
    else:
        result = cache.check(root, day, enabled=not no_cache)
    keep_until_exit(result)
    known = result.registry.colleges
    for name in college or ():
        if name not in known:
            raise FatalError("fatal.unknown_college", college=name, known=sorted(known))
    keep = [lambda p: p.rule in wanted] if wanted else []
    keep += [lambda p: p.college in college] if college else []
    for test in keep:
        result.problems = [p for p in result.problems if test(p)]
        if result.baseline:
            result.baseline.resolved = [p for p in result.baseline.resolved if test(p)]
    if format == "text":
        out.print_text(result, language, console(), repository=check_paths(paths))
    elif format == "github":
        typer.echo(out.as_github(result, language, annotate_all=annotate == "all"))
    else:  # written as it is made: 400,000 problems must not be one string (issue 11, scale)
        echo = functools.partial(typer.echo, nl=False)
        if format == "json":
            out.write_json(result, language, echo)
        elif format == "sarif":
            out.write_sarif(result, language, echo)
        else:
            out.write_junit(result, language, echo, strict)
        typer.echo("")
    raise typer.Exit(result.exit_code(strict))
