"""`onex test`: run the registry's policy self-tests (policy-tests/<name>/ against expected.yaml)."""

from __future__ import annotations

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


@app.command("test")
def run_tests(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="Only these tests (folder names under policy-tests/).", metavar="[NAME]..."),
    ] = None,
    registry: RegistryOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or junit.")] = "text",
) -> None:
    """Run the registry's policy tests: each policy-tests/<name>/ is a small registry checked under
    this registry's policy (unless it has its own) against its expected.yaml (rule, file, count).
    Exit 0: every test passes; 1: a test fails or cannot run; 2: could not run at all.

    Example: [bold]onex test --format junit > policy-tests.xml[/]
    """
    from onex import policy, selftest
    from onex.errors import FatalError
    from onex.render import selftest as out

    language = resolve_lang(lang)
    if format not in out.FORMATS:
        raise FatalError("fatal.bad_format", value=format, known=list(out.FORMATS))
    day = parse_as_of(as_of)
    holder = open_registry(registry)
    broken = policy.settings_problems(holder)
    if broken:
        first = broken[0]
        raise FatalError(
            "selftest.broken_settings",
            file=first.file,
            line=first.line,
            rule=first.rule,
            problem=first.text(language),
        )
    result = selftest.run(holder.root, holder.policy, day, names)
    if not result.cases:
        typer.echo(selftest.render("selftest.none", {"folder": selftest.POLICY_TESTS}, language), err=True)
        raise typer.Exit(0)
    if format == "text":
        out.print_text(result, language, console())
    else:
        typer.echo(out.as_json(result, language) if format == "json" else out.as_junit(result, language))
    raise typer.Exit(1 if result.failed else 0)
