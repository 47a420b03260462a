"""Which format, and where it goes: stdout, or a file written atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from onex.errors import FatalError
from onex.messages import register, render
from onex.report import BINARY, EXTENSIONS, FORMATS
from onex.report.build import Report
from onex.report.sections import document

MESSAGES = {
    "report.fatal.unknown_extension": {
        "zh": "无法从扩展名判断 {file} 的格式：请用 --format 指定（{known}），或使用扩展名 {extensions}",
        "en": "cannot tell the format of {file} from its extension: give --format ({known}) or use one of {extensions}",
    },
    "report.fatal.binary_needs_output": {
        "zh": "{format} 是二进制格式，不能输出到终端：请用 --output 文件名，如 --output report-{year}.xlsx",
        "en": "{format} is a binary format and cannot go to the terminal: give --output FILE, e.g. --output report-{year}.xlsx",
    },
    "report.fatal.cannot_write": {
        "zh": "无法写入 {file}：{reason}",
        "en": "cannot write {file}: {reason}",
    },
    "report.fatal.bad_years": {
        "zh": "年度范围 {value} 无效：请写作 2025-2027（起始年不晚于结束年，最多 50 年）",
        "en": "invalid range of years {value}: write it as 2025-2027 (first year not after the last, at most 50 years)",
    },
    "report.fatal.bad_year": {
        "zh": "年度 {value} 无效：应为 1900 至 2999 之间的年份，如 2026",
        "en": "invalid year {value}: a year from 1900 to 2999, e.g. 2026",
    },
    "report.written": {"zh": "报告已写入 {file}", "en": "report written to {file}"},
}
register(MESSAGES)


def choose_format(format: str | None, output: Path | None) -> str:
    """--format when given; else the output file's extension; else the terminal table."""
    if format is not None:
        chosen = format.strip().lower()
        if chosen not in FORMATS:
            raise FatalError("fatal.bad_format", value=format, known=list(FORMATS))
        return chosen
    if output is None:
        return "table"
    chosen = EXTENSIONS.get(output.suffix.lower())
    if chosen is None:
        raise FatalError(
            "report.fatal.unknown_extension",
            file=str(output),
            known=list(FORMATS),
            extensions=sorted(EXTENSIONS),
        )
    return chosen


def parse_years(value: str) -> tuple[int, int]:
    text = value.strip()
    first, sep, last = text.partition("-")
    try:
        years = (int(first), int(last) if sep else int(first))
    except ValueError:
        raise FatalError("report.fatal.bad_years", value=value) from None
    if not (1900 <= years[0] <= years[1] <= 2999) or years[1] - years[0] >= 50:
        raise FatalError("report.fatal.bad_years", value=value)
    return years


def check_year(year: int) -> int:
    if not 1900 <= year <= 2999:
        raise FatalError("report.fatal.bad_year", value=year)
    return year


def render_report(report: Report, format: str, lang: str) -> str | bytes:
    """The report in any format but the terminal table (`table` gives its plain-text rendering)."""
    doc = document(report, lang)
    none = render("report.none", {}, lang)
    if format == "markdown":
        from onex.report.render_plain import as_markdown

        return as_markdown(doc, none)
    if format == "csv":
        from onex.report.render_plain import as_csv

        return as_csv(doc)
    if format == "json":
        from onex.report.render_plain import as_json

        return as_json(report)
    if format == "xlsx":
        from onex.report.render_xlsx import as_xlsx

        return as_xlsx(doc)
    if format == "html":
        from onex.report.render_html import as_html

        return as_html(doc, lang, none)
    if format == "table":
        import io

        from rich.console import Console

        from onex.report.render_text import print_table

        buffer = io.StringIO()
        print_table(
            doc, none, Console(file=buffer, width=160, no_color=True, highlight=False, soft_wrap=False)
        )
        return buffer.getvalue()
    raise FatalError("fatal.bad_format", value=format, known=list(FORMATS))


def print_report(report: Report, lang: str, console: object) -> None:
    """The terminal table, in colour when the console is a terminal."""
    from onex.report.render_text import print_table

    print_table(document(report, lang), render("report.none", {}, lang), console)


def write_file(path: Path, data: str | bytes) -> None:
    """Atomically: a temporary file in the same folder, then a rename; csv gets a BOM for Excel."""
    if isinstance(data, str):
        encoding = "utf-8-sig" if path.suffix.lower() == ".csv" else "utf-8"
        data = data.encode(encoding)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise FatalError(
            "report.fatal.cannot_write", file=str(path), reason=exc.strerror or str(exc)
        ) from None


def is_binary(format: str) -> bool:
    return format in BINARY
