"""Printing onto a terminal: text wraps inside its width with hanging indents; piped output and
CI logs keep one line per line (onex.app.console lays them out 200 columns wide).

rich measures cells, so a Chinese character takes two. Every command that prints sentences
(check, agenda, diff, explain, import) wraps through here, so they all wrap alike."""

from __future__ import annotations

# Narrower than this beside its prefix, a message continues a few cells in instead of under itself.
MIN_ROOM = 20
FALLBACK_INDENT = 4


def wraps(console: object) -> bool:
    """Wrap inside the terminal's width on a terminal; piped output keeps one line per problem."""
    return bool(getattr(console, "is_terminal", False))


def hanging(console: object, prefix: str, message: str, indent: int | None = None) -> None:
    """`prefix` then `message` (both rich markup); on a terminal the message wraps inside the
    width, its continuation lines indented under the message, or `indent` cells in when given (or
    when the prefix leaves the message too little room)."""
    from rich.text import Text

    head = Text.from_markup(prefix, emoji=False)
    if not wraps(console):
        console.print(prefix + message)  # type: ignore[attr-defined]
        return
    width = console.width  # type: ignore[attr-defined]
    if indent is None and width - head.cell_len >= MIN_ROOM:
        indent = head.cell_len
        lines = Text.from_markup(message, emoji=False).wrap(console, width - indent, overflow="fold")
        lines = [head + lines[0], *lines[1:]] if lines else [head]
    else:
        indent = min(FALLBACK_INDENT if indent is None else indent, width // 2)
        lines = (head + Text.from_markup(message, emoji=False)).wrap(console, width - indent, overflow="fold")
    for number, line in enumerate(lines):
        line.rstrip()
        console.print(line if number == 0 else Text(" " * indent) + line, soft_wrap=True)  # type: ignore[attr-defined]


def print_lines(console: object, text: str, style: str = "") -> None:
    """Plain text (never read as markup), line by line. On a terminal each line wraps: prose two
    cells in continues under itself; a line at the margin (a heading, a sentence) and a line of
    code (four cells in or more) continue two cells deeper than they start."""
    from rich.markup import escape

    for line in text.split("\n"):
        body = line.lstrip(" ")
        lead = line[: len(line) - len(body)]
        message = escape(body)
        if style and body:
            message = f"[{style}]{message}[/]"
        hanging(console, lead, message, indent=len(lead) + (0 if len(lead) in (1, 2, 3) else 2))
