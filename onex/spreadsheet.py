"""Reading the office's spreadsheets (CSV in UTF-8 or GB18030/GBK, XLSX), bounded.

Every `onex import` reads through here. Nothing a file declares about itself is trusted: an XLSX
may claim `A1:XFD1048576` in its `<dimension>` or put one cell in the last row, and a 2 KB zip may
inflate to gigabytes. So the reader never asks the sheet how big it is: it reads at most
`MAX_ROWS` rows and `MAX_COLUMNS` columns, refuses a workbook whose parts would inflate past
`MAX_UNPACKED_BYTES`, and refuses (by row number) a cell longer than `MAX_CELL_CHARS`. A sheet
with data past those limits is refused with a message saying which limit, never truncated
silently. docs/data.md documents the limits.

Cells come back as text, as a coordinator sees them: numbers without a trailing `.0`, dates as
`YYYY-MM-DD`, `="0123"` (how exports keep leading zeros in CSV) as `0123`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onex.errors import FatalError
from onex.messages import register

MAX_FILE_BYTES = 50 * 1024 * 1024  # the file as given (CSV text, or the zipped XLSX)
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # an XLSX's parts once inflated, all together
MAX_ROWS = 100_000  # rows per sheet, the header included
MAX_COLUMNS = 256
MAX_CELL_CHARS = 4_000

MESSAGES = {
    "import.no_file": {"zh": "找不到文件 {file}", "en": "no such file: {file}"},
    "import.bad_extension": {
        "zh": "无法读取 {file}：请提供 .csv 或 .xlsx 文件（.xls 请在 Excel 中另存为 .xlsx）",
        "en": "cannot read {file}: give a .csv or .xlsx file (save an .xls as .xlsx in Excel)",
    },
    "import.bad_encoding": {
        "zh": "{file} 既不是 UTF-8 也不是 GB18030/GBK 编码：请在 Excel 中另存为“CSV UTF-8”",
        "en": '{file} is neither UTF-8 nor GB18030/GBK: save it from Excel as "CSV UTF-8"',
    },
    "import.bad_xlsx": {
        "zh": "无法打开 Excel 文件 {file}：{reason}",
        "en": "cannot open the Excel file {file}: {reason}",
    },
    "import.bad_map": {
        "zh": "--map {value} 无效：应写作 列名=字段，字段为 {fields} 之一（字段留空表示忽略该列）",
        "en": "--map {value} is invalid: write HEADER=FIELD, FIELD one of {fields} (empty to ignore the column)",
    },
    "sheet.too_large": {
        "zh": "{file} 超过 {limit} MB：请拆分后分批导入",
        "en": "{file} is larger than {limit} MB: split it and import the parts one by one",
    },
    "sheet.unpacks_too_large": {
        "zh": "{file} 解压后超过 {limit} MB（可能是构造的文件）：请在 Excel 中另存为新的 .xlsx 或 CSV",
        "en": "{file} would unpack to more than {limit} MB (a crafted file?): save it from Excel as a new .xlsx or as CSV",
    },
    "sheet.too_many_rows": {
        "zh": "{file} 的工作表“{sheet}”超过 {limit} 行：请拆分后分批导入",
        "en": 'the sheet "{sheet}" of {file} has more than {limit} rows: split it and import the parts one by one',
    },
    "sheet.too_many_columns": {
        "zh": "{file} 的工作表“{sheet}”第 {row} 行超过 {limit} 列：请删除多余的列",
        "en": 'row {row} of the sheet "{sheet}" of {file} has more than {limit} columns: delete the columns not needed',
    },
    "sheet.cell_too_long": {
        "zh": "{file} 的工作表“{sheet}”第 {row} 行第 {column} 列超过 {limit} 个字符",
        "en": 'row {row}, column {column} of the sheet "{sheet}" of {file} holds more than {limit} characters',
    },
}
register(MESSAGES)

_EXCEL_TEXT = re.compile(r'^="(.*)"$')  # ="0123": how exports keep leading zeros in CSV


@dataclass
class Sheet:
    """One sheet (a CSV is one sheet named after the file): its non-empty rows as
    (row number as the spreadsheet shows it, cells as text)."""

    name: str
    rows: list[tuple[int, list[str]]]


def read_table(path: Path) -> list[tuple[int, list[str]]]:
    """The rows of a CSV or of an XLSX's first sheet."""
    return read_sheets(path)[0].rows


def read_sheets(path: Path, wanted: tuple[str, ...] = ()) -> list[Sheet]:
    """A CSV as one sheet; an XLSX's sheets named in `wanted` that it has (case-insensitive),
    else its first sheet."""
    if not path.is_file():
        raise FatalError("import.no_file", file=str(path))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise FatalError("sheet.too_large", file=str(path), limit=MAX_FILE_BYTES // 2**20)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, wanted)
    if suffix in (".csv", ".txt"):
        return [_read_csv(path)]
    raise FatalError("import.bad_extension", file=str(path))


def _read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FatalError("import.bad_encoding", file=str(path))
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    csv.field_size_limit(MAX_FILE_BYTES)  # a long cell is refused below, by row number
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    bounds = _Bounds(str(path), path.name)
    try:
        for number, cells in enumerate(reader, 1):
            bounds.add(number, cells)
    except csv.Error as exc:
        raise FatalError("import.bad_xlsx", file=str(path), reason=str(exc)) from None
    return Sheet(path.name, bounds.rows)


def _read_xlsx(path: Path, wanted: tuple[str, ...]) -> list[Sheet]:
    from zipfile import BadZipFile, ZipFile

    from openpyxl import load_workbook

    try:
        with ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (BadZipFile, OSError, ValueError) as exc:
        raise FatalError(
            "import.bad_xlsx", file=str(path), reason=str(exc) or exc.__class__.__name__
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise FatalError("sheet.unpacks_too_large", file=str(path), limit=MAX_UNPACKED_BYTES // 2**20)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook; none may escape
        raise FatalError(
            "import.bad_xlsx", file=str(path), reason=str(exc) or exc.__class__.__name__
        ) from None
    try:
        by_name = {name.strip().lower(): name for name in book.sheetnames}
        names = [by_name[w.lower()] for w in wanted if w.lower() in by_name] or book.sheetnames[:1]
        sheets = []
        for name in names:
            bounds = _Bounds(str(path), name)
            try:
                for number, cells in _sheet_rows(book, name, str(path)):
                    bounds.add(number, cells)
            except FatalError:
                raise
            except Exception as exc:
                raise FatalError(
                    "import.bad_xlsx", file=str(path), reason=str(exc) or exc.__class__.__name__
                ) from None
            sheets.append(Sheet(name, bounds.rows))
        return sheets
    finally:
        book.close()


def _sheet_rows(book: Any, name: str, file: str) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) of the rows the sheet's XML really holds, in the XML's order.

    openpyxl's public `iter_rows` pads every row to the declared `<dimension>` and fills the gaps
    up to the declared last row; its row parser does neither, so it is used directly. A sheet
    with more `<row>` elements than `MAX_ROWS` is refused even when they are empty."""
    from openpyxl.worksheet._reader import WorkSheetParser

    sheet = book[name]
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for count, (number, cells) in enumerate(parser.parse(), 1):
            if count > MAX_ROWS:
                raise FatalError("sheet.too_many_rows", file=file, sheet=name, limit=MAX_ROWS)
            present = [c for c in cells if c.get("value") not in (None, "")]
            if not present:
                continue
            width = max(c["column"] for c in present)
            if width > MAX_COLUMNS:
                width = MAX_COLUMNS + 1  # reported by _Bounds, without allocating the whole row
            values: list[Any] = [None] * width
            for cell in present:
                values[min(cell["column"], width) - 1] = cell["value"]
            yield number, values


class _Bounds:
    """Collects the non-empty rows of a sheet, refusing it past the limits."""

    def __init__(self, file: str, sheet: str) -> None:
        self.file, self.sheet = file, sheet
        self.rows: list[tuple[int, list[str]]] = []

    def add(self, number: int, cells: Any) -> None:
        texts = [cell_text(c) for c in cells]
        while texts and not texts[-1]:
            texts.pop()
        if not texts:
            return
        where = {"file": self.file, "sheet": self.sheet, "row": number}
        if number > MAX_ROWS:
            raise FatalError("sheet.too_many_rows", file=self.file, sheet=self.sheet, limit=MAX_ROWS)
        if len(texts) > MAX_COLUMNS:
            raise FatalError("sheet.too_many_columns", **where, limit=MAX_COLUMNS)
        for column, text in enumerate(texts, 1):
            if len(text) > MAX_CELL_CHARS:
                raise FatalError("sheet.cell_too_long", **where, column=column, limit=MAX_CELL_CHARS)
        self.rows.append((number, texts))


def cell_text(value: Any) -> str:
    """A cell as the coordinator reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    text = str(value).replace("\u3000", " ").strip()
    match = _EXCEL_TEXT.match(text)
    return match.group(1).strip() if match else text


def header_key(text: str) -> str:
    """A header as compared with a mapping: spaces and the required-field stars dropped, lower case."""
    return re.sub(r"[\s*＊]", "", text).lower()


# --- columns ----------------------------------------------------------------------------------

HEADER_SEARCH_ROWS = 20


def column_mapping(
    overrides: list[str], saved: dict[str, str | None], defaults: dict[str, str], fields: tuple[str, ...]
) -> dict[str, str | None]:
    """Header -> field, in priority order: `--map HEADER=FIELD` (FIELD empty: ignore the column),
    then the mapping saved in onex.yaml (`imports:`), then the defaults, then each field's own
    name (the column names `onex export` writes)."""
    mapping: dict[str, str | None] = {}
    for item in overrides:
        header, sep, target = item.partition("=")
        header, target = header_key(header), target.strip()
        if not sep or not header or (target and target not in fields):
            raise FatalError("import.bad_map", value=item, fields=list(fields))
        mapping[header] = target or None
    for header, target in (*saved.items(), *defaults.items(), *((f, f) for f in fields)):
        mapping.setdefault(header_key(header), target or None)
    return mapping


def columns_of(cells: list[str], mapping: dict[str, str | None]) -> dict[str, int]:
    """field -> column index of one header row, by the mapping's priority order."""
    index = {header_key(cell): i for i, cell in reversed(list(enumerate(cells)))}
    columns: dict[str, int] = {}
    for header, target in mapping.items():
        if target and target not in columns and header in index:
            columns[target] = index[header]
    return columns


def find_header(
    rows: list[tuple[int, list[str]]], mapping: dict[str, str | None], needed: str
) -> tuple[int, dict[str, int]] | None:
    """(index in `rows` of the header row, its columns): the first of the top rows that has a
    column for `needed` (exports often put a title above the headers)."""
    for i, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = columns_of(cells, mapping)
        if needed in columns:
            return i, columns
    return None
