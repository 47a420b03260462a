"""The tables of one or more registries in an embedded DuckDB database, for `onex export` and
`onex query`.

Each table of :mod:`onex.tables` becomes a DuckDB table with the documented column types; the
rows of several registries are stacked (their `institution` column tells them apart). Once the
tables are loaded, the connection is locked against the file system (`enable_external_access =
false`, `lock_configuration = true`): a query reads the registry's tables and nothing else, and
writes nowhere.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onex.errors import FatalError
from onex.messages import register
from onex.registry import Registry
from onex.tables import TABLES

MESSAGES = {
    "query.failed": {
        "zh": 'SQL 有误，未能执行：请核对语法、表名、列名和类型（onex query "SHOW TABLES" 列出各表，'
        '"DESCRIBE candidates" 列出一张表的列；各列的含义见 docs/data.md）。DuckDB 的原话：{reason}',
        "en": "the SQL is wrong and did not run: check its syntax, the table and column names and the types "
        '(onex query "SHOW TABLES" lists the tables, "DESCRIBE candidates" the columns of one; docs/data.md '
        "says what each column means). DuckDB says: {reason}",
    },
    "query.no_files": {
        "zh": "onex query 不读取也不写入任何文件，只查询登记库的表（要得到文件请用 onex export）。DuckDB 的原话：{reason}",
        "en": "onex query reads no file and writes nowhere: it queries the registry's tables only (to get "
        "files, use onex export). DuckDB says: {reason}",
    },
    "query.duplicate_institution": {
        "zh": "两个登记库的机构名称相同（{name}）：查询结果将无法区分它们，请只给一次 --registry 或核对 onex.yaml",
        "en": "two registries have the same institution name ({name}): their rows could not be told apart; give each --registry once or check onex.yaml",
    },
}
register(MESSAGES)


@dataclass
class Answer:
    columns: list[str]
    types: list[str]
    rows: list[tuple[Any, ...]]


def connect(registries: Iterable[Registry], as_of: dt.date, lang: str) -> Any:
    """An in-memory DuckDB connection holding every table of `registries`. The registries are
    loaded one at a time (a generator is fine): each one's rows go into DuckDB's columnar
    tables before the next is read, so memory holds one registry, not all of them."""
    import duckdb

    from onex.tables import build, institution_name

    con = duckdb.connect(":memory:")
    for table in TABLES:
        columns = ", ".join(f'"{c.name}" {c.type}' for c in table.columns)
        con.execute(f'CREATE TABLE "{table.name}" ({columns})')
    seen: set[str] = set()
    for registry in registries:
        name = institution_name(registry)
        if name in seen:
            raise FatalError("query.duplicate_institution", name=name)
        seen.add(name)
        tables = build(registry, as_of, lang)
        del registry  # before the next one is loaded: memory holds one registry at a time
        _insert(con, tables)
        gc.collect()  # the registry's records hold reference cycles
    return con


def _insert(con: Any, tables: dict[str, list[tuple[Any, ...]]]) -> None:
    import numpy as np  # DuckDB scans a dict of object arrays without copying

    for table in TABLES:
        rows = tables.pop(table.name)
        if not rows:
            continue
        columns: dict[str, Any] = {}
        for index, column in enumerate(table.columns):
            values = np.empty(len(rows), dtype=object)
            values[:] = [row[index] for row in rows]
            columns[column.name] = values
        view = f"_{table.name}_rows"
        con.register(view, columns)
        casts = ", ".join(f'"{c.name}"::{c.type}' for c in table.columns)
        con.execute(f'INSERT INTO "{table.name}" SELECT {casts} FROM "{view}"')
        con.unregister(view)


def lock(con: Any) -> None:
    """From here on the connection reads and writes no file."""
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def run(con: Any, sql: str) -> Answer:
    import duckdb

    try:
        cursor = con.execute(sql)
        description = cursor.description or []
        rows = cursor.fetchall() if description else []
    except duckdb.Error as exc:
        # DuckDB's own first line (its English), after onex's sentence in the run's language
        reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        refused = isinstance(exc, duckdb.PermissionException)
        raise FatalError("query.no_files" if refused else "query.failed", reason=reason) from None
    return Answer([d[0] for d in description], [str(d[1]) for d in description], rows)


def write_parquet(con: Any, folder: Path) -> list[Path]:
    """One Parquet file per table, written by DuckDB itself."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        target = folder / f"{table.name}.parquet"
        temp = folder / f".{table.name}.parquet.tmp"
        literal = str(temp).replace("'", "''")
        try:
            con.execute(f"COPY \"{table.name}\" TO '{literal}' (FORMAT parquet)")
            os.replace(temp, target)  # atomic: a reader never sees half a file
        finally:
            temp.unlink(missing_ok=True)
        written.append(target)
    return written
