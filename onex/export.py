"""`onex export`: every table of :mod:`onex.tables` as XLSX (one sheet each), CSV or Parquet (one
file each, in a folder). CSV and XLSX cells go through :mod:`onex.escape` (never a formula);
Parquet is written by DuckDB with the documented column types. Every file is written atomically
(a temp file beside it, then a rename).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from onex.errors import FatalError
from onex.messages import register
from onex.registry import Registry
from onex.tables import TABLES

FORMATS = ("xlsx", "csv", "parquet")
MESSAGES = {
    "export.written": {
        "zh": "已导出 {tables} 张表（{rows} 行）到 {path}",
        "en": "{tables} tables ({rows} rows) exported to {path}",
    },
    "export.not_a_folder": {
        "zh": "{path} 已存在且不是文件夹：{format} 导出需要一个文件夹（每张表一个文件）",
        "en": "{path} exists and is not a folder: a {format} export writes one file per table into a folder",
    },
}
register(MESSAGES)


def export(registry: Registry, as_of: dt.date, lang: str, format: str, output: Path) -> tuple[int, int]:
    """Write the tables; return (tables, rows)."""
    if format not in FORMATS:
        raise FatalError("fatal.bad_format", value=format, known=list(FORMATS))
    if format == "parquet":
        from onex.query import connect, write_parquet

        _folder(output, format)
        con = connect([registry], as_of, lang)
        write_parquet(con, output)
        rows = sum(con.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0] for t in TABLES)
        return len(TABLES), rows
    from onex.tables import build

    tables = build(registry, as_of, lang)
    if format == "csv":
        _folder(output, format)
        for table in TABLES:
            _atomic(
                output / f"{table.name}.csv", lambda path, t=table: _write_csv(path, t.names, tables[t.name])
            )
    else:
        _atomic(output, lambda path: _write_xlsx(path, tables))
    return len(TABLES), sum(len(rows) for rows in tables.values())


def _folder(output: Path, format: str) -> None:
    if output.exists() and not output.is_dir():
        raise FatalError("export.not_a_folder", path=str(output), format=format)
    output.mkdir(parents=True, exist_ok=True)


def _atomic(target: Path, write: Callable[[Path], None]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        write(Path(temp))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _text(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _write_csv(path: Path, header: list[str], rows: list[tuple[Any, ...]]) -> None:
    from onex.escape import csv_cell

    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else csv_cell(_text(v)) for v in row])
    path.write_bytes(("\ufeff" + stream.getvalue()).encode("utf-8"))  # BOM: Excel reads UTF-8


def _write_xlsx(path: Path, tables: dict[str, list[tuple[Any, ...]]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from onex.escape import xlsx_sheet_name, xlsx_value

    book = Workbook(write_only=True)
    taken: set[str] = set()
    for table in TABLES:
        sheet = book.create_sheet(xlsx_sheet_name(table.name, taken))
        sheet.append(table.names)
        for row in tables[table.name]:
            cells = []
            for value in row:
                stored = xlsx_value(_text(value) if isinstance(value, float) else value)
                cell = WriteOnlyCell(sheet, value=stored)
                if isinstance(stored, str):
                    cell.data_type = "s"  # text, never a formula (as onex.escape.xlsx_put)
                if isinstance(stored, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            sheet.append(cells)
    book.save(path)
