"""The report on a terminal: one rich table per section.

A table wider than the terminal is not squashed into fragments: it folds into one key–value
block per row (the column headings down the left), which reads well at 80 columns."""

from __future__ import annotations

from typing import Any

from onex.escape import markup, rich_text
from onex.report.render_plain import RIGHT
from onex.report.sections import Document, Table, cell_text


def print_table(doc: Document, none: str, console: Any) -> None:
    wrap = {"soft_wrap": not console.is_terminal}  # on a terminal, long lines wrap inside its width
    console.print(f"[bold]{markup(doc.title)}[/]", **wrap)
    console.print(f"[dim]{markup(doc.meta)}[/]", **wrap)
    colour = "bold red" if doc.has_errors else "bold green"
    for line in doc.status:
        console.print(f"[{colour}]{markup(line)}[/]", **wrap)
    for table in doc.tables:
        console.print()
        if not table.rows and table.total is None:
            console.print(f"[bold]{markup(table.title)}[/]\n  [dim]{markup(none)}[/]", **wrap)
        else:
            wide = not console.is_terminal or _fits(table, console.width)
            console.print(_wide(table) if wide else _folded(table), **wrap)
        for note in table.notes:
            console.print(f"[dim]{markup(note)}[/]", **wrap)


def _fits(table: Table, width: int) -> bool:
    """Whether the table reads well in `width` cells: every column but the first on one line (the
    first, a label, may wrap down to 12 cells). Cells are measured in terminal cells."""
    from rich.cells import cell_len

    rows = [*table.rows, *([table.total] if table.total is not None else [])]
    needed = []
    for j, column in enumerate(table.columns):
        cells = [
            cell_text(row[j], table.kind(i if i < len(table.rows) else None, j)) for i, row in enumerate(rows)
        ]
        needed.append(max(cell_len(text) for text in [column.heading, *cells]))
    borders = 3 * len(needed) + 1  # "│ " before each cell, " │" after the last
    return borders + min(needed[0], 12) + sum(needed[1:]) <= width


def _wide(table: Table) -> Any:
    """The table as written: one column per field."""
    from rich.table import Table as RichTable

    out = RichTable(title=rich_text(table.title), title_justify="left", title_style="bold", show_lines=False)
    for j, column in enumerate(table.columns):
        right = column.kind in RIGHT or (table.row_kinds is not None and j > 0)
        out.add_column(rich_text(column.heading), justify="right" if right else "left", overflow="fold")
    for i, row in enumerate(table.rows):
        out.add_row(*(rich_text(cell_text(v, table.kind(i, j))) for j, v in enumerate(row)))
    if table.total is not None:
        out.add_section()
        out.add_row(
            *(rich_text(cell_text(v, table.kind(None, j))) for j, v in enumerate(table.total)), style="bold"
        )
    return out


def _folded(table: Table) -> Any:
    """The table for a narrow terminal: per row, `heading  value` lines (empty cells left out),
    rows separated by a line; the institution's total row last, in bold."""
    from rich.table import Table as RichTable

    out = RichTable(
        title=rich_text(table.title),
        title_justify="left",
        title_style="bold",
        show_header=False,
        show_lines=False,
    )
    out.add_column(style="dim", no_wrap=True)
    out.add_column(overflow="fold")
    rows = [(i, row) for i, row in enumerate(table.rows)]
    if table.total is not None:
        rows.append((None, table.total))
    for number, (i, row) in enumerate(rows):
        if number:
            out.add_section()
        for j, value in enumerate(row):
            text = cell_text(value, table.kind(i, j))
            if text == "" and j > 0:
                continue
            style = "bold" if i is None or j == 0 else None
            out.add_row(rich_text(table.columns[j].heading), rich_text(text), style=style)
    return out
