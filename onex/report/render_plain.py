"""The report as text files: markdown (people, wikis), csv (spreadsheets), json (tools)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from typing import Any

from onex.escape import csv_cell, json_text, markdown_cell, markdown_line
from onex.report.build import Report
from onex.report.sections import Document, Table, cell_text

RIGHT = frozenset({"int", "money", "rate", "hours"})


# --- markdown --------------------------------------------------------------------------------


def _width(text: str) -> int:
    from rich.cells import cell_len  # counts CJK characters as two columns, as terminals do

    return cell_len(text)


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


def markdown_table(table: Table) -> str:
    header = [markdown_cell(c.heading) for c in table.columns]
    body = [
        [markdown_cell(cell_text(v, table.kind(i, j))) for j, v in enumerate(row)]
        for i, row in enumerate(table.rows)
    ]
    if table.total is not None:
        total = [markdown_cell(cell_text(v, table.kind(None, j))) for j, v in enumerate(table.total)]
        total[0] = f"**{total[0]}**"
        body.append(total)
    right = [
        table.columns[j].kind in RIGHT or (table.row_kinds is not None and j > 0) for j in range(len(header))
    ]
    widths = [max([3, _width(header[j]), *(_width(row[j]) for row in body)]) for j in range(len(header))]
    lines = ["| " + " | ".join(_pad(h, widths[j], right[j]) for j, h in enumerate(header)) + " |"]
    lines.append(
        "|"
        + "|".join(("-" * (w + 1) + ":") if right[j] else ("-" * (w + 2)) for j, w in enumerate(widths))
        + "|"
    )
    lines += [
        "| " + " | ".join(_pad(c, widths[j], right[j]) for j, c in enumerate(row)) + " |" for row in body
    ]
    return "\n".join(lines)


def as_markdown(doc: Document, none: str) -> str:
    parts = [
        f"# {markdown_line(doc.title)}",
        markdown_line(doc.meta),
        "\n".join(f"> {markdown_line(line)}" for line in doc.status),
    ]
    for table in doc.tables:
        parts.append(f"## {markdown_line(table.title)}")
        parts.append(markdown_table(table) if table.rows or table.total else f"_{markdown_cell(none)}_")
        parts.extend(f"_{markdown_cell(note)}_" for note in table.notes)
    return "\n\n".join(parts) + "\n"


# --- csv -------------------------------------------------------------------------------------


def _csv_value(value: Any, kind: str) -> Any:
    """Plain values a spreadsheet reads as numbers: rates as fractions, money without separators;
    text never a formula (onex.escape.csv_cell)."""
    if value is None:
        return ""
    if kind == "flag":
        return 1 if value else 0
    if kind == "date":
        return value.isoformat()
    if kind == "hours":
        return f"{value:g}"
    return csv_cell(value)


def as_csv(doc: Document) -> str:
    """Every section as a block: its title, a header row, its rows, the total; a blank line between."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(doc.title)])
    writer.writerow([csv_cell(doc.meta)])
    for line in doc.status:
        writer.writerow([csv_cell(line)])
    for table in doc.tables:
        writer.writerow([])
        writer.writerow([csv_cell(table.title)])
        writer.writerow([csv_cell(c.heading) for c in table.columns])
        for i, row in enumerate(table.rows):
            writer.writerow([_csv_value(v, table.kind(i, j)) for j, v in enumerate(row)])
        if table.total is not None:
            writer.writerow([_csv_value(v, table.kind(None, j)) for j, v in enumerate(table.total)])
    return out.getvalue()


# --- json ------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def as_json(report: Report) -> str:
    """The figures themselves, with English keys and ids (no headings: they are for people)."""
    return json_text(dataclasses.asdict(report), indent=2, default=_plain) + "\n"
