"""`onex export`, `onex import instructors|candidates|adoptions` and `onex query` (issue 16)."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from onex.tables import TABLES

HERE = Path(__file__).parent.parent
AS_OF = "2026-12-31"
ROUND_TRIP = {
    "instructors": ("instructors", "qualifications"),
    "adoptions": ("adoptions", "adoption_majors", "adoption_coverage"),
    "candidates": ("candidates",),
}


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(HERE / "registry", root)
    return root


def _export(cli, root: Path, output: Path, fmt: str) -> Path:
    code, _, err = cli("export", "--registry", root, "--as-of", AS_OF, "--format", fmt, "--output", output)
    assert code == 0, err
    return output


def _csv_tables(folder: Path) -> dict[str, list[list[str]]]:
    return {
        t.name: list(csv.reader((folder / f"{t.name}.csv").read_text(encoding="utf-8-sig").splitlines()))
        for t in TABLES
    }


def _blank(root: Path) -> None:
    """Remove every instructor, adoption and candidate of the registry."""
    for college in (root / "colleges").iterdir():
        (college / "instructors.yaml").unlink()
        for adoption in (college / "certificates").glob("*.yaml"):
            adoption.unlink()
        for session in (college / "sessions").glob("*/*.yaml"):
            text = session.read_text(encoding="utf-8")
            session.write_text(text[: text.index("candidates:")] + "candidates: []\n", encoding="utf-8")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_import_into_an_emptied_registry_loses_nothing(sample, cli, tmp_path, fmt):
    before = _csv_tables(_export(cli, sample, tmp_path / "before", "csv"))
    exported = _export(cli, sample, tmp_path / ("export.xlsx" if fmt == "xlsx" else "export"), fmt)
    _blank(sample)
    for kind in ("instructors", "adoptions", "candidates"):
        sources = [exported] if fmt == "xlsx" else [exported / f"{t}.csv" for t in ROUND_TRIP[kind]]
        for source in sources:
            code, out, err = cli("import", kind, source, "--registry", sample, "--lang", "en")
            assert code == 0, err
    after = _csv_tables(_export(cli, sample, tmp_path / "after", "csv"))
    for table in TABLES:
        if table.name != "problems":  # lines move: `status: active` and comments are not in a table
            assert after[table.name] == before[table.name], table.name
    code, out, _ = cli("check", "--registry", sample, "--as-of", AS_OF, "--no-cache")
    assert code == 0, out


def test_edit_the_exported_workbook_and_import_it_back(sample, cli, tmp_path):
    from openpyxl import load_workbook

    book_path = _export(cli, sample, tmp_path / "export.xlsx", "xlsx")
    book = load_workbook(book_path)
    instructors = book["instructors"]
    header = [c.value for c in instructors[1]]
    for row in instructors.iter_rows(min_row=2):
        if row[header.index("id")].value == "t2015011":
            row[header.index("name")].value = "刘洋洋"
    quals = book["qualifications"]
    quals.append(
        ["", "info", "", "t2015011", "cloud-ops", "examiner", "COE-2026-0001", "2026-06-01", "", None]
    )
    candidates = book["candidates"]
    header = [c.value for c in candidates[1]]
    for row in candidates.iter_rows(min_row=2):
        if row[header.index("student")].value == "2024010102":
            row[header.index("score")].value = 63
    book.save(book_path)
    info = sample / "colleges/info/instructors.yaml"
    session = sample / "colleges/info/sessions/2026/web-frontend-intermediate-2026-1.yaml"
    for kind in ("instructors", "candidates", "adoptions"):
        code, out, err = cli("import", kind, book_path, "--registry", sample, "--lang", "en")
        assert code == 0, err
    text = info.read_text(encoding="utf-8")
    assert text.startswith("# 信息工程学院 1+X 师资：专职教师用工号，兼职教师用 p 开头的编号\n")
    assert "  - id: t2015011\n    name: 刘洋洋\n" in text
    assert (
        "      - {certificate: cloud-ops, kind: examiner, number: COE-2026-0001, issued_on: 2026-06-01}\n"
        in text
    )
    assert "# 2026 年师资培养计划：7 月参加考评员培训" in text
    assert "score: 63, certificate_no: X2026-INFO-000101}" in session.read_text(encoding="utf-8")
    assert "# 评价组织指派的巡视人员" in session.read_text(encoding="utf-8")
    code, out, _ = cli("check", "--registry", sample, "--as-of", AS_OF, "--no-cache")
    assert code == 0, out


def _roster(path: Path, rows: list[list[str]], encoding: str) -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_a_gbk_roster_with_bad_rows_is_refused_by_row_number(sample, cli, tmp_path):
    roster = _roster(
        tmp_path / "师资.csv",
        [
            ["工号", "姓名", "专兼职", "任教专业", "证书", "资格类型", "证书编号", "发证日期", "有效期至"],
            [
                "t2026001",
                "钱多多",
                "专职",
                "510201",
                "Web前端开发",
                "培训讲师",
                "WFT-1",
                "2026-03-01",
                "2029-02-28",
            ],
            ["t2026002", "孙少少", "全职", "510201", "", "", "", "", ""],
            ["t2026003", "李多", "专职", "510201", "web-frontend", "考评员", "WFE-1", "2026/13/01", ""],
        ],
        "gbk",
    )
    before = (sample / "colleges/info/instructors.yaml").read_bytes()
    code, out, err = cli(
        "import", "instructors", roster, "--registry", sample, "--college", "info", "--lang", "en"
    )
    assert code == 1
    assert err.splitlines() == [
        'row 3: "全职" is not known: use one of full_time, part_time',
        'row 4: the issued_on "2026/13/01" is not a date: write it as 2026-03-01',
        "2 row(s) cannot be read, nothing was written: correct the export and import it again",
    ]
    assert (sample / "colleges/info/instructors.yaml").read_bytes() == before
    fixed = _roster(
        tmp_path / "fixed.csv",
        [r for i, r in enumerate(csv.reader(roster.open(encoding="gbk"))) if i < 2],
        "gbk",
    )
    code, out, err = cli(
        "import", "instructors", fixed, "--registry", sample, "--college", "info", "--lang", "en"
    )
    assert code == 0, err
    assert "colleges/info/instructors.yaml: 0 updated, 1 added, 0 unchanged" in out
    assert "10 record(s) not in the file were left as they are" in out
    text = (sample / "colleges/info/instructors.yaml").read_text(encoding="utf-8")
    assert '  - id: t2026001\n    name: 钱多多\n    employment: full_time\n    majors: ["510201"]\n' in text


def test_an_xlsx_adoption_sheet_with_bad_rows_is_refused_by_sheet_and_row(sample, cli, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "adoptions"
    sheet.append(["college", "certificate", "lead", "status", "filed_on"])
    sheet.append(["info", "web-frontend", "t2012003", "active", "2023-03-20"])
    sheet.append(["info", "no-such-cert", "t2012003", "active", "2023-03-20"])
    sheet.append(["nowhere", "cloud-ops", "t2012003", "在用", "2023-03-20"])
    majors = book.create_sheet("adoption_majors")
    majors.append(["college", "certificate", "major", "role"])
    majors.append(["info", "web-frontend", "510299", ""])
    path = tmp_path / "证书.xlsx"
    book.save(path)
    code, out, err = cli("import", "adoptions", path, "--registry", sample, "--lang", "en")
    assert code == 1
    assert err.splitlines()[:3] == [
        'sheet "adoption_majors", row 2: web-frontend 510299 is new and needs role',
        'sheet "adoptions", row 3: no catalogue certificate "no-such-cert": write its id (web-frontend) or its catalogue name',
        'sheet "adoptions", row 4: the registry has no college "nowhere" (there are: econ, info, mech)',
    ]


def test_a_column_mapping_saved_in_onex_yaml(sample, cli, tmp_path):
    onex_yaml = sample / "onex.yaml"
    onex_yaml.write_text(
        onex_yaml.read_text(encoding="utf-8") + "imports:\n  instructors: {教工号: id, 老师: name, 备注: }\n",
        encoding="utf-8",
    )
    roster = _roster(tmp_path / "r.csv", [["教工号", "老师", "备注"], ["t2015011", "刘洋洋", "x"]], "utf-8")
    code, out, err = cli(
        "import", "instructors", roster, "--registry", sample, "--college", "info", "--lang", "en"
    )
    assert code == 0, err
    assert "0 added" in out and "1 updated" in out
    onex_yaml.write_text(
        onex_yaml.read_text(encoding="utf-8").replace("老师: name", "老师: teacher"), encoding="utf-8"
    )
    code, out, _ = cli("check", "--registry", sample, "--as-of", AS_OF, "--no-cache", "--format", "json")
    assert '"rule": "REG-002"' in out and '"file": "onex.yaml"' in out
    code, _, err = cli(
        "import", "instructors", roster, "--registry", sample, "--college", "info", "--lang", "en"
    )
    assert (code, err.strip()) == (
        2,
        "onex: the imports column mapping in onex.yaml is invalid: fix it first (onex check shows it as REG-002)",
    )


def test_import_results_uses_the_saved_mapping_too(sample, cli, tmp_path):
    onex_yaml = sample / "onex.yaml"
    onex_yaml.write_text(
        onex_yaml.read_text(encoding="utf-8") + "imports:\n  results: {总成绩: score, 成绩: }\n",
        encoding="utf-8",
    )
    export = _roster(tmp_path / "r.csv", [["学号", "成绩", "总成绩"], ["2024010102", "1", "66"]], "utf-8")
    session = sample / "colleges/info/sessions/2026/web-frontend-intermediate-2026-1.yaml"
    code, out, err = cli("import", "results", export, "--session", session, "--lang", "en")
    assert code == 0, err
    assert "score: 66, certificate_no: X2026-INFO-000101}" in session.read_text(encoding="utf-8")


def test_csv_export_is_safe_against_formula_injection_and_imports_back(sample, cli, tmp_path):
    info = sample / "colleges/info/instructors.yaml"
    info.write_text(
        info.read_text(encoding="utf-8").replace("name: 刘洋", 'name: "=HYPERLINK(1)"'), encoding="utf-8"
    )
    folder = _export(cli, sample, tmp_path / "csv", "csv")
    cells = [row[4] for row in _csv_tables(folder)["instructors"] if row[3] == "t2015011"]
    assert cells == ["'=HYPERLINK(1)"]
    info.write_text(
        info.read_text(encoding="utf-8").replace('name: "=HYPERLINK(1)"', "name: 刘洋"), encoding="utf-8"
    )
    code, out, err = cli(
        "import", "instructors", folder / "instructors.csv", "--registry", sample, "--lang", "en"
    )
    assert code == 0, err
    assert "    name: =HYPERLINK(1)\n" in info.read_text(encoding="utf-8")  # the quote of the csv is gone


def _query(cli, *args: str) -> str:
    code, out, err = cli("query", *args, "--as-of", AS_OF, "--format", "csv")
    assert code == 0, err
    return out


def test_query_the_sample_registry_agrees_with_the_report(cli):
    out = _query(
        cli,
        "SELECT year(date) AS year, count(*) AS candidates, "
        "sum(fee) FILTER (WHERE school_funded) AS school_funded, "
        "sum(fee) FILTER (WHERE NOT school_funded) AS student_paid FROM candidates GROUP BY 1 ORDER BY 1",
        "--registry",
        str(HERE / "registry"),
    )
    # 2026: 42880 school-funded and 1280 student-paid, as `onex report --year 2026` says
    assert out.splitlines() == [
        "year,candidates,school_funded,student_paid",
        "2025,100,35920,2940",
        "2026,112,42880,1280",
    ]


def test_query_across_two_registries_tags_each_row(cli, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(HERE / "registry", other)
    onex_yaml = other / "onex.yaml"
    onex_yaml.write_text(
        onex_yaml.read_text(encoding="utf-8").replace(
            "{name: 北京工业职业技术学院", "{name: 天津职业技术师范学院"
        ),
        encoding="utf-8",
    )
    out = _query(
        cli,
        "SELECT institution, count(*) AS teachers FROM instructors GROUP BY 1 ORDER BY 1",
        "--registry",
        str(HERE / "registry"),
        "--registry",
        str(other),
    )
    assert out.splitlines() == ["institution,teachers", "北京工业职业技术学院,29", "天津职业技术师范学院,29"]


def test_query_reads_no_file_and_bad_sql_is_exit_2(cli):
    code, out, err = cli(
        "query", "SELECT * FROM read_csv('/etc/passwd')", "-r", str(HERE / "registry"), "--lang", "en"
    )
    assert (code, out) == (2, "")
    assert err == (
        "onex: onex query reads no file and writes nowhere: it queries the registry's tables only "
        "(to get files, use onex export). DuckDB says: Permission Error: Cannot access file "
        '"/etc/passwd" - file system operations are disabled by configuration\n'
    )
    code, out, err = cli("query", "SELEKT 1", "-r", str(HERE / "registry"), "--lang", "en")
    assert (code, out) == (2, "")
    assert err == (
        "onex: the SQL is wrong and did not run: check its syntax, the table and column names and the "
        'types (onex query "SHOW TABLES" lists the tables, "DESCRIBE candidates" the columns of one; '
        'docs/data.md says what each column means). DuckDB says: Parser Error: syntax error at or near "SELEKT"\n'
    )


def test_bad_sql_in_chinese_says_what_to_do_then_quotes_duckdb(cli):
    code, out, err = cli("query", "SELECT nope FROM candidates", "-r", str(HERE / "registry"), "--lang", "zh")
    assert (code, out) == (2, "")
    assert err == (
        'onex: SQL 有误，未能执行：请核对语法、表名、列名和类型（onex query "SHOW TABLES" 列出各表，'
        '"DESCRIBE candidates" 列出一张表的列；各列的含义见 docs/data.md）。'
        'DuckDB 的原话：Binder Error: Referenced column "nope" not found in FROM clause!\n'
    )
    code, out, err = cli(
        "query", "SELECT * FROM read_csv('x.csv')", "-r", str(HERE / "registry"), "--lang", "zh"
    )
    assert code == 2 and err.startswith(
        "onex: onex query 不读取也不写入任何文件，只查询登记库的表（要得到文件请用 onex export）。"
    )
    assert "Traceback" not in err


def test_a_control_character_in_duckdbs_message_is_escaped(cli):
    code, out, err = cli("query", 'SELECT * FROM "a\x1b[31mb"', "-r", str(HERE / "registry"), "--lang", "en")
    assert code == 2
    assert "\x1b" not in err and "a\\x1b[31mb" in err


def test_parquet_reads_back_with_the_documented_schema(cli, tmp_path):
    import duckdb

    folder = _export(cli, HERE / "registry", tmp_path / "pq", "parquet")
    con = duckdb.connect()
    for table in TABLES:
        described = con.execute(f"DESCRIBE SELECT * FROM '{folder / table.name}.parquet'").fetchall()
        assert [(d[0], d[1]) for d in described] == [(c.name, c.type) for c in table.columns], table.name
    count = con.execute(f"SELECT count(*) FROM '{folder}/candidates.parquet'").fetchone()[0]
    assert count == 212


def test_docs_list_every_table_and_column():
    text = (HERE / "docs" / "data.md").read_text(encoding="utf-8")
    for table in TABLES:
        assert f"### `{table.name}`" in text, table.name
        for column in table.columns:
            assert f"| `{column.name}` | {column.type} |" in text, (table.name, column.name)


def test_a_gbk_candidate_list_into_a_session(sample, cli, tmp_path):
    session = sample / "colleges/info/sessions/2026/web-frontend-intermediate-2026-1.yaml"
    rows = [
        ["报名名单"],
        ["学号", "姓名", "专业代码", "是否在籍", "缴费方", "考核结果"],
        ["2024010199", "欧阳明", "510201", "否", "学生", "缺考"],
        ["2024010198", "", "510201", "", "", ""],
        ["2024010197", "钱七", "510201", "也许", "", ""],
    ]
    listing = _roster(tmp_path / "报名名单.csv", rows, "gbk")
    before = session.read_bytes()
    code, out, err = cli("import", "candidates", listing, "--session", session, "--lang", "en")
    assert code == 1
    assert err.splitlines() == [
        "row 4: 2024010198 is a new candidate and needs a name",
        'row 5: "也许" is not a yes or no: use true, false, 是 or 否',
        "2 row(s) cannot be read, nothing was written: correct the export and import it again",
    ]
    assert session.read_bytes() == before
    listing = _roster(tmp_path / "ok.csv", rows[:3], "gbk")
    code, out, err = cli("import", "candidates", listing, "--session", session, "--lang", "en")
    assert code == 0, err
    text = session.read_text(encoding="utf-8")
    assert text.endswith(
        '  - {student: "2024010199", name: 欧阳明, major: "510201", enrolled: false, result: absent, fee_payer: student}\n'
    )
    code, out, _ = cli("check", "--registry", sample, "--as-of", AS_OF, "--no-cache")
    assert code == 0, out


def test_a_major_listed_twice_in_an_adoption_is_one_exported_row(reg):
    """A `majors` item repeated within one adoption is REG-003 and counted once, the first
    (registry.majors_once): the export writes one `adoption_majors` row, with the first's role."""
    from onex.load import load
    from onex.registry import Registry
    from onex.tables import build

    adoption = "colleges/info/certificates/web-frontend.yaml"
    reg.edit(
        adoption,
        '  - {code: "510201", role: primary}\n',
        '  - {code: "510201", role: primary}\n  - {code: "510201", role: auxiliary}\n',
    )
    assert reg.problems(rule="REG-003") == [("REG-003", adoption, reg.line_of(adoption, "role: auxiliary"))]
    tables = build(Registry(load(reg.root)), dt.date(2026, 12, 31), "en")
    assert [row[3:] for row in tables["adoption_majors"]] == [
        ("web-frontend", "510201", "primary", "计算机应用技术", 3)
    ]
