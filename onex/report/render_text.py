"""The report on a terminal: one rich table per section."""

from __future__ import annotations

from typing import Any

from onex.escape import markup, rich_text
from onex.report.render_plain import RIGHT
from onex.report.sections import Document, cell_text


def print_table(doc: Document, none: str, console: Any) -> None:
    from rich.table import Table as RichTable

    console.print(f"[bold]{markup(doc.title)}[/]")
    console.print(f"[dim]{markup(doc.meta)}[/]")
    colour = "bold red" if doc.has_errors else "bold green"
    for line in doc.status:
        console.print(f"[{colour}]{markup(line)}[/]")
    for table in doc.tables:
        console.print()
        out = RichTable(
            title=rich_text(table.title), title_justify="left", title_style="bold", show_lines=False
        )
        for j, column in enumerate(table.columns):
            right = column.kind in RIGHT or (table.row_kinds is not None and j > 0)
            out.add_column(rich_text(column.heading), justify="right" if right else "left", overflow="fold")
        for i, row in enumerate(table.rows):
            out.add_row(*(rich_text(cell_text(v, table.kind(i, j))) for j, v in enumerate(row)))
        if table.total is not None:
            out.add_section()
            out.add_row(
                *(rich_text(cell_text(v, table.kind(None, j))) for j, v in enumerate(table.total)),
                style="bold",
            )
        if not table.rows and table.total is None:
            console.print(f"[bold]{markup(table.title)}[/]\n  [dim]{markup(none)}[/]")
        else:
            console.print(out)
        for note in table.notes:
            console.print(f"[dim]{markup(note)}[/]")
