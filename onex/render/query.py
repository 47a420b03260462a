"""`onex query`'s answer as a terminal table, CSV, JSON or markdown, each through its escaping
layer in :mod:`onex.escape`."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
from typing import Any

from onex.query import Answer


def _plain(value: Any) -> Any:
    """A DuckDB value as JSON and CSV write it (dates ISO, decimals as numbers)."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return value


def _shown(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render_answer(answer: Answer, format: str) -> Any:
    from onex import escape

    if format == "json":
        rows = [{c: _plain(v) for c, v in zip(answer.columns, row, strict=True)} for row in answer.rows]
        return escape.json_text(rows, indent=2)
    if format == "csv":
        stream = io.StringIO(newline="")
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([escape.csv_cell(c) for c in answer.columns])
        for row in answer.rows:
            writer.writerow([escape.csv_cell(_shown(v)) if v is not None else "" for v in row])
        return stream.getvalue()
    if format == "markdown":
        lines = [
            "| " + " | ".join(escape.markdown_cell(c) for c in answer.columns) + " |",
            "|" + "---|" * len(answer.columns),
        ]
        lines += [
            "| " + " | ".join(escape.markdown_cell(_shown(v)) for v in row) + " |" for row in answer.rows
        ]
        return "\n".join(lines)
    from rich.table import Table

    table = Table()
    for column in answer.columns:
        table.add_column(escape.rich_text(column))
    for row in answer.rows:
        table.add_row(*[escape.rich_text(_shown(v)) for v in row])
    return table
