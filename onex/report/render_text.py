"""The report on a terminal: one rich table per section.

A table wider than the terminal is not squashed into fragments: it folds into one key–value
block per row (the column headings down the left), which reads well at 80 columns
(onex.render.terminal, shared with `onex plan`)."""

from __future__ import annotations

from typing import Any

from onex.escape import markup, rich_text
from onex.render.terminal import folded_table, table_fits
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


def _cells(table: Table) -> tuple[list[str], list[list[str]], list[str] | None]:
    """The table as people read it: headings, rows and the total row, each cell a text."""
    headings = [column.heading for column in table.columns]
    rows = [[cell_text(v, table.kind(i, j)) for j, v in enumerate(row)] for i, row in enumerate(table.rows)]
    total = (
        None
        if table.total is None
        else [cell_text(v, table.kind(None, j)) for j, v in enumerate(table.total)]
    )
    return headings, rows, total


def _fits(table: Table, width: int) -> bool:
    headings, rows, total = _cells(table)
    return table_fits(headings, [*rows, *([total] if total is not None else [])], width)


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
    return folded_table(table.title, *_cells(table))
