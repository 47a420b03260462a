"""Printing onto a terminal: text wraps inside its width with hanging indents; piped output and
CI logs keep one line per line (onex.app.console lays them out 200 columns wide).

rich measures cells, so a Chinese character takes two. Every command that prints sentences
(check, agenda, diff, explain, import) wraps through here, and report and plan fold their tables
here, so they all behave alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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


def print_lines(console: object, text: str) -> None:
    """Plain text (never read as markup), line by line. On a terminal each line wraps: prose two
    cells in continues under itself; a line at the margin (a heading, a sentence) and a line of
    code (four cells in or more) continue two cells deeper than they start."""
    from rich.markup import escape

    for line in text.split("\n"):
        body = line.lstrip(" ")
        lead = line[: len(line) - len(body)]
        hanging(console, lead, escape(body), indent=len(lead) + (0 if len(lead) in (1, 2, 3) else 2))


# --- tables ------------------------------------------------------------------------------------
# A table wider than the terminal is not squashed into fragments ("电 …"): it folds into one
# key–value block per row, the column headings down the left (report and plan alike).


def table_fits(headings: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> bool:
    """Whether a table of these cells reads well in `width` cells: every column but the first on
    one line (the first, a label, may wrap down to 12 cells). Chinese characters count two."""
    from rich.cells import cell_len

    needed = [
        max(cell_len(text) for text in [heading, *(row[j] for row in rows)])
        for j, heading in enumerate(headings)
    ]
    borders = 3 * len(needed) + 1  # "│ " before each cell, " │" after the last
    return borders + min(needed[0], 12) + sum(needed[1:]) <= width


def folded_table(
    title: str, headings: Sequence[str], rows: Sequence[Sequence[str]], total: Sequence[str] | None = None
) -> Any:
    """The table for a narrow terminal: per row, `heading  value` lines (empty cells left out),
    rows separated by a line; the total row last, in bold."""
    from rich.table import Table

    from onex.escape import rich_text

    out = Table(
        title=rich_text(title), title_justify="left", title_style="bold", show_header=False, show_lines=False
    )
    out.add_column(style="dim", no_wrap=True)
    out.add_column(overflow="fold")
    blocks = [(False, row) for row in rows] + ([(True, total)] if total is not None else [])
    for number, (is_total, row) in enumerate(blocks):
        if number:
            out.add_section()
        for j, text in enumerate(row):
            if text == "" and j > 0:
                continue
            style = "bold" if is_total or j == 0 else None
            out.add_row(rich_text(headings[j]), rich_text(text), style=style)
    return out
