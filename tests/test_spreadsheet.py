"""Bounded spreadsheet reading: declared sizes are never trusted, limits refuse clearly."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from onex import spreadsheet
from onex.errors import FatalError

BASELINE_SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"


def _crafted(path: Path, rows: list[list[object]], far_cell: bool) -> Path:
    """A tiny xlsx whose sheet declares A1:XFD1048576; with `far_cell`, one cell really sits there."""
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                text = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', text)
                if far_cell:
                    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                    text = text.replace("</sheetData>", far + "</sheetData>")
                data = text.encode("utf-8")
            target.writestr(info.filename, data)
    return path


HEADER = ["学号", "姓名", "专业代码", "成绩", "考核结果"]


def test_a_declared_huge_sheet_imports_what_it_holds(reg, cli, tmp_path):
    export = _crafted(tmp_path / "dim.xlsx", [HEADER, ["2024010124", "李小红", "510201", 61, "合格"]], False)
    assert export.stat().st_size < 10_000
    code, out, err = cli(
        "import", "results", export, "--session", reg.path(BASELINE_SESSION), "--dry-run", "--lang", "en"
    )
    assert code == 0, err
    assert "0 added" in out


def test_a_cell_in_the_last_row_is_refused_by_the_row_limit(reg, cli, tmp_path):
    export = _crafted(tmp_path / "far.xlsx", [HEADER, ["2024010124", "李小红", "510201", 61, "合格"]], True)
    assert export.stat().st_size < 10_000
    code, out, err = cli(
        "import", "results", export, "--session", reg.path(BASELINE_SESSION), "--dry-run", "--lang", "en"
    )
    assert code == 2
    assert f'the sheet "Sheet" of {export} has more than 100000 rows' in err


def test_a_workbook_that_inflates_past_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_UNPACKED_BYTES", 1000)
    path = _crafted(tmp_path / "big.xlsx", [["a"] * 50] * 20, False)
    with pytest.raises(FatalError) as caught:
        spreadsheet.read_table(path)
    assert caught.value.message == "sheet.unpacks_too_large"


def test_too_many_columns_and_too_long_cells_are_refused_with_their_row(tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text("学号\n" + ",".join(["x"] * 300) + "\n", encoding="utf-8")
    with pytest.raises(FatalError) as caught:
        spreadsheet.read_table(wide)
    assert (caught.value.message, caught.value.params["row"]) == ("sheet.too_many_columns", 2)
    long = tmp_path / "long.csv"
    long.write_text("学号,姓名\n1,2\n3," + "长" * 5000 + "\n", encoding="gb18030")
    with pytest.raises(FatalError) as caught:
        spreadsheet.read_table(long)
    assert (caught.value.params["row"], caught.value.params["column"]) == (3, 2)
    assert caught.value.message == "sheet.cell_too_long"


def test_too_many_rows_in_a_csv_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 10)
    path = tmp_path / "rows.csv"
    path.write_text("\n".join(str(i) for i in range(11)) + "\n", encoding="utf-8")
    with pytest.raises(FatalError) as caught:
        spreadsheet.read_table(path)
    assert caught.value.message == "sheet.too_many_rows"
