"""The command line: wiring only. The one place errors become messages and exit codes."""

from __future__ import annotations

import sys

from onex.app import app, command  # noqa: F401  (app: for onex.reference)
from onex.commands import (  # noqa: F401  (each module adds its commands to app)
    agenda,
    approve,
    check,
    data,
    diff,
    fmt,
    imports,
    init,
    plan,
    policy,
    report,
    rules,
    schema,
    selftest,
)
from onex.escape import terminal
from onex.messages import register, render

MESSAGES = {
    "cli.os_error": {
        "zh": "操作系统错误：{reason}{where}",
        "en": "operating system error: {reason}{where}",
    },
    "cli.internal_error": {
        "zh": "onex 内部错误（{error}）：这是 onex 的缺陷，不是你的登记库的问题；请把此信息报告给 onex 维护者"
        "（设置 ONEX_DEBUG=1 可看到完整的调用栈）",
        "en": "internal error ({error}): this is a defect of onex, not of your registry; please report it to the "
        "onex maintainers (set ONEX_DEBUG=1 to see the full traceback)",
    },
}
register(MESSAGES)


def _lang_from(argv: list[str]) -> str:
    """The language of a message printed outside a command: the last valid --lang (a command's own
    comes after the root's, and wins), else the default."""
    from onex.messages import LANGS, default_lang

    found = default_lang()
    for i, arg in enumerate(argv):
        value = (
            arg.split("=", 1)[1]
            if arg.startswith("--lang=")
            else (argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        )
        if value and value[:2].lower() in LANGS:
            found = value[:2].lower()
    return found


def main(argv: list[str] | None = None) -> int:
    """Run onex; return the exit code (0 ok, 1 problems found, 2 could not run).

    Commands end with `typer.Exit(code)`; usage errors are typer's (exit 2); a FatalError is
    printed as one sentence in the user's language (made visible: onex.escape.terminal), never as a
    traceback. So is an error of the
    system (a full disk while writing: the write is atomic, nothing is lost) and, as a last
    resort, a defect of onex itself (exit 2; ONEX_DEBUG=1 re-raises it with its traceback).
    """
    import os

    from onex.errors import FatalError

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        command()(args=args, prog_name="onex")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except FatalError as exc:
        sys.stderr.write(f"onex: {terminal(exc.text(_lang_from(args)))}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("onex: interrupted\n")
        return 130
    except BrokenPipeError:
        return 1
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        text = render("cli.os_error", {"reason": exc.strerror or exc, "where": where}, _lang_from(args))
        sys.stderr.write(f"onex: {terminal(text)}\n")
        return 2
    except Exception as exc:  # noqa: BLE001 - the one boundary: never a traceback (SPEC §5)
        if os.environ.get("ONEX_DEBUG"):
            raise
        error = f"{exc.__class__.__name__}: {exc}"[:300]
        sys.stderr.write(
            f"onex: {terminal(render('cli.internal_error', {'error': error}, _lang_from(args)))}\n"
        )
        return 2
    return 0


def entry() -> None:
    """The `onex` command: run, then end the process.

    When nothing is registered to run at exit (the library calls `atexit`; report's charts do),
    the process ends with `os._exit` once its output is flushed: what the command loaded is left
    for the operating system to reclaim at once instead of being freed object by object (0.08 s,
    6 % of a 100k-candidate check; onex.app.keep_until_exit). Otherwise, or when flushing fails
    (a closed pipe), it exits the ordinary way, as any Python program does.
    """
    import atexit
    import os

    from onex import app as application

    application.KEPT_UNTIL_EXIT = []
    code = main()
    pending = getattr(atexit, "_ncallbacks", None)  # CPython; elsewhere: the ordinary exit
    if pending is not None and pending() == 0:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        else:
            os._exit(code)
    sys.exit(code)
