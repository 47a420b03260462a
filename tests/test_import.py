"""`onex import results`: the platform's export (CSV UTF-8/GBK, XLSX) merged into a session."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent.parent
EXPORT = HERE / "examples" / "platform-export.csv"
EXPORT_GBK = HERE / "examples" / "platform-export-gbk.csv"
SESSION = "colleges/info/sessions/2026/web-frontend-intermediate-2026-1.yaml"
BASELINE_SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(HERE / "registry", root)
    return root


def _blank_results(path: Path) -> str:
    """The session as it is before results come back: every candidate pending."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r", result: \w+", "", text)
    text = re.sub(r", score: \d+", "", text)
    text = re.sub(r", certificate_no: [\w-]+", "", text)
    path.write_text(text, encoding="utf-8")
    return text


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.create_sheet("其他")  # only the first sheet is read
    book.save(path)
    return path


def _csv(path: Path, rows: list[list[object]], encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return path


@pytest.mark.parametrize("export", [EXPORT, EXPORT_GBK], ids=["utf-8", "gbk"])
def test_csv_export_fills_in_the_results_and_keeps_comments(sample, cli, export):
    session = sample / SESSION
    expected = session.read_text(encoding="utf-8")
    blank = _blank_results(session)
    assert blank != expected and "# 评价组织指派的巡视人员" in blank
    code, out, err = cli("import", "results", export, "--session", session, "--lang", "en")
    assert code == 0, err
    assert f"{SESSION}: 12 candidate(s) updated, 0 added, 0 unchanged" in out
    # the session now holds exactly what it held before its results were blanked, comments and all
    assert session.read_text(encoding="utf-8") == expected
    code, out, err = cli("import", "results", export, "--session", session, "--lang", "en")
    assert "0 candidate(s) updated, 0 added, 12 unchanged" in out  # importing twice changes nothing


def test_xlsx_export_updates_and_adds_candidates(reg, cli, tmp_path):
    session = reg.path(BASELINE_SESSION)
    export = _xlsx(
        tmp_path / "成绩.xlsx",
        [
            ["2026年第1批 Web前端开发（中级）考核结果"],  # a title row above the headers
            ["序号", "学号", "姓名", "专业代码", "成绩", "考核结果", "证书编号"],
            [1, "2024010124", "李小红", "510201", 61, "合格", "WF-2026-000125"],
            [2, 2024010125, "赵小刚", "510201", None, "缺考", None],  # a number cell: still the student
            [3, "2024010126", "孙小军", "510201", 58.5, "不合格", None],
        ],
    )
    code, out, err = cli("import", "results", export, "--session", session, "--lang", "en")
    assert code == 0, err
    assert "1 candidate(s) updated, 1 added, 1 unchanged" in out
    assert "2 candidate(s) of the session are not in the file" in out
    lines = reg.read(BASELINE_SESSION).splitlines()
    assert (
        lines[12]
        == '  - {student: "2024010124", name: 李小红, major: "510201", result: pass, score: 61, certificate_no: WF-2026-000125}'
    )
    assert lines[13] == '  - {student: "2024010125", name: 赵小刚, major: "510201", result: absent}'
    assert (
        lines[15] == '  - {student: "2024010126", name: 孙小军, major: "510201", result: fail, score: 58.5}'
    )
    assert len(lines) == 16
    assert reg.problems() == []


def test_block_style_candidates_get_block_style_new_ones(reg, cli, tmp_path):
    reg.write(
        BASELINE_SESSION,
        reg.read(BASELINE_SESSION).split("candidates:")[0]
        + 'candidates:\n  # 第一位\n  - student: "2024010123"\n    name: 王小明\n    major: "510201"   # 计算机\n',
    )
    export = _csv(
        tmp_path / "r.csv",
        [
            ["学号", "姓名", "专业", "成绩", "结果"],
            ["2024010123", "王小明", "510201", "86", "通过"],
            ["2024010124", "李小红", "510201", "52", "未通过"],
        ],
    )
    code, out, err = cli("import", "results", export, "--session", reg.path(BASELINE_SESSION), "--lang", "en")
    assert code == 0, err
    assert reg.read(BASELINE_SESSION).split("candidates:")[1] == (
        "\n  # 第一位\n"
        '  - student: "2024010123"\n    name: 王小明\n    major: "510201"   # 计算机\n    result: pass\n    score: 86\n'
        '  - student: "2024010124"\n    name: 李小红\n    major: "510201"\n    result: fail\n    score: 52\n'
    )


def test_bad_rows_are_listed_with_their_row_number_and_nothing_is_written(reg, cli, tmp_path):
    session = reg.path(BASELINE_SESSION)
    before = session.read_bytes()
    export = _csv(
        tmp_path / "bad.csv",
        [
            ["学号", "姓名", "专业代码", "成绩", "考核结果"],
            ["2024010123", "王小明", "510201", "90", "通过"],  # fine, but not written either
            ["", "无学号", "510201", "80", "通过"],
            ["2024010124", "李小红", "510201", "八十", "通过"],
            ["2024010125", "赵小刚", "510201", "70", "优秀"],
            ["2.02401E+09", "钱小芳", "530302", "75", "通过"],
            ["2024010123", "王小明", "510201", "90", "通过"],
            ["2024010199", "", "510201", "60", "通过"],
        ],
        encoding="gb18030",
    )
    code, out, err = cli("import", "results", export, "--session", session, "--lang", "en")
    assert code == 1
    assert err.splitlines() == [
        "row 3: no student number",
        'row 4: the score "八十" is not a number',
        'row 5: the result "优秀" is not known: use 通过/合格, 不通过/未通过/不合格, 缺考 or 待定',
        "row 6: Excel turned the student number into 2.02401E+09: format the column as text and export again",
        "row 7: the student number 2024010123 is already on row 2",
        "row 8: 2024010199 is a new candidate and needs a name",
        "6 row(s) cannot be read, nothing was written: correct the export and import it again",
    ]
    assert session.read_bytes() == before


def test_bad_rows_in_chinese(reg, cli, tmp_path):
    export = _csv(tmp_path / "bad.csv", [["学号", "成绩"], ["2024010123", "abc"]])
    code, out, err = cli("import", "results", export, "--session", reg.path(BASELINE_SESSION), "--lang", "zh")
    assert code == 1
    assert err.splitlines()[0] == "第 2 行：成绩“abc”不是数字"


def test_dry_run_shows_a_table_and_writes_nothing(sample, cli):
    session = sample / SESSION
    blank = _blank_results(session)
    code, out, err = cli("import", "results", EXPORT, "--session", session, "--dry-run", "--lang", "en")
    assert code == 0, err
    assert session.read_text(encoding="utf-8") == blank
    assert "dry run: nothing was written" in out
    row = next(line for line in out.splitlines() if "严子涵" in line and "certificate_no" in line)
    assert "2024010102" in row and "— → X2026-INFO-000101" in row
    assert (
        "│ 2024010101 │ 董浩然 │ result" in out and "pending → absent" not in out
    )  # no result was written before


def test_map_overrides_the_headers(reg, cli, tmp_path):
    export = _csv(
        tmp_path / "r.csv", [["考生号", "总成绩", "成绩", "结果"], ["2024010124", "66", "x", "通过"]]
    )
    session = reg.path(BASELINE_SESSION)
    code, out, err = cli(
        "import",
        "results",
        export,
        "--session",
        session,
        "--map",
        "考生号=student",
        "--map",
        "总成绩=score",
        "--map",
        "成绩=",
        "--lang",
        "en",
    )
    assert code == 0, err
    assert '{student: "2024010124", name: 李小红, major: "510201", result: pass, score: 66}' in reg.read(
        BASELINE_SESSION
    )


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--map", "成绩"], "--map 成绩 is invalid"),
        (["--map", "成绩=grade"], "--map 成绩=grade is invalid"),
    ],
)
def test_bad_map_is_exit_2(reg, cli, tmp_path, args, needle):
    export = _csv(tmp_path / "r.csv", [["学号"], ["2024010124"]])
    code, out, err = cli(
        "import", "results", export, "--session", reg.path(BASELINE_SESSION), *args, "--lang", "en"
    )
    assert code == 2
    assert needle in err


def test_refusals_are_exit_2(reg, cli, tmp_path):
    export = _csv(tmp_path / "r.csv", [["姓名", "成绩"], ["李小红", "66"]])
    session = reg.path(BASELINE_SESSION)
    code, out, err = cli("import", "results", export, "--session", session, "--lang", "en")
    assert code == 2 and "has no student number column (headers: 姓名, 成绩)" in err
    good = _csv(tmp_path / "g.csv", [["学号"], ["2024010124"]])
    code, out, err = cli(
        "import", "results", good, "--session", reg.path("colleges/info/college.yaml"), "--lang", "en"
    )
    assert code == 2 and "is not an exam session" in err
    xls = tmp_path / "r.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    code, out, err = cli("import", "results", xls, "--session", session, "--lang", "en")
    assert code == 2 and "give a .csv or .xlsx file" in err
    code, out, err = cli("import", "results", tmp_path / "none.csv", "--session", session, "--lang", "en")
    assert code == 2 and "no such file" in err
    assert "Traceback" not in err
