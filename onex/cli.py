"""The command line: wiring only. The one place errors become messages and exit codes."""

from __future__ import annotations

import sys

from onex.app import app
from onex.commands import approve, check, fmt, imports, init, plan, report, rules, schema  # noqa: F401  (each module adds its commands to app)


def _lang_from(argv: list[str]) -> str:
    from onex.messages import LANGS, default_lang

    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value and value[:2].lower() in LANGS:
            return value[:2].lower()
    return default_lang()


def main(argv: list[str] | None = None) -> int:
    """Run onex; return the exit code (0 ok, 1 problems found, 2 could not run).

    Commands end with `typer.Exit(code)`; usage errors are typer's (exit 2); a FatalError is
    printed as one sentence in the user's language, never as a traceback.
    """
    from onex.errors import FatalError

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        app(args=args, prog_name="onex")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except FatalError as exc:
        sys.stderr.write(f"onex: {exc.text(_lang_from(args))}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("onex: interrupted\n")
        return 130
    except BrokenPipeError:
        return 1
    return 0


def entry() -> None:
    sys.exit(main())
