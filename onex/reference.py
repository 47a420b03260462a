"""The reference pages of docs/ (commands and rules), generated from the code itself so they
cannot drift: `make docs` writes them, and a test fails when they are out of date."""

from __future__ import annotations

import inspect
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _commands() -> list[tuple[str, object]]:
    import typer.main

    from onex.cli import app

    root = typer.main.get_command(app)
    out: list[tuple[str, object]] = []

    def walk(prefix: str, group: object) -> None:
        for name, command in sorted(getattr(group, "commands", {}).items()):
            full = f"{prefix} {name}".strip()
            if getattr(command, "commands", None):
                walk(full, command)
            else:
                out.append((full, command))

    walk("", root)
    return out


def cli_reference() -> str:
    import typer.main

    from onex.cli import app

    lines = ["# Command reference", "", "Generated from the code by `make docs`; do not edit by hand.", ""]
    # `onex` itself first: the options given before any command (`onex --lang en check`)
    for name, command in [("", typer.main.get_command(app)), *_commands()]:
        help_text = inspect.cleandoc(getattr(command, "help", None) or "")
        lines += [f"## onex {name}".rstrip(), "", help_text.replace("[bold]", "`").replace("[/]", "`"), ""]
        rows = []
        for param in getattr(command, "params", []):
            opts = ", ".join(f"`{o}`" for o in (*param.opts, *param.secondary_opts))
            kind = "argument" if param.param_type_name == "argument" else "option"
            rows.append(f"| {opts} | {kind} | {(getattr(param, 'help', None) or '').replace('|', '/')} |")
        if rows:
            lines += ["| name | kind | what |", "|---|---|---|", *rows, ""]
    return "\n".join(lines).rstrip() + "\n"


def rules_reference() -> str:
    from onex.clauses import CLAUSES
    from onex.rules import RULES

    lines = [
        "# Rules",
        "",
        "Generated from the code by `make docs`; do not edit by hand. `onex explain RULE` shows the",
        "same with the policy's Chinese text, a violation and its fix.",
        "",
        "| rule | severity | clause | title | 标题 |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {r.id} | {r.severity} | {r.clause} | {r.title['en']} | {r.title['zh']} |" for r in RULES]
    for rule in RULES:
        heading, quote = CLAUSES[rule.clause]
        lines += [
            "",
            f"## {rule.id} — {rule.title['en']}",
            "",
            f"{rule.clause} {heading}: “{quote}”",
            "",
            rule.why["en"],
            "",
            rule.why["zh"],
            "",
            "Violates:",
            "",
            "```yaml",
            rule.violates.rstrip("\n"),
            "```",
            "",
            "Fixed:",
            "",
            "```yaml",
            rule.satisfies.rstrip("\n"),
            "```",
        ]
    return "\n".join(lines) + "\n"


PAGES = {"cli.md": cli_reference, "rules.md": rules_reference}


def write() -> None:
    for name, build in PAGES.items():
        (DOCS / name).write_text(build(), encoding="utf-8")


if __name__ == "__main__":
    write()
