"""Output on a real terminal (a pseudo-terminal 80 columns wide): nothing runs past the edge.

`check` messages wrap inside the width with continuation lines under the message (so do `diff`,
`explain` and `import`, through the same helper), and `report` tables too wide for the terminal
fold into key–value blocks instead of squashing their cells.
Chinese characters take two cells; rich measures them, and so does this test."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests import test_diff

pty = pytest.importorskip("pty")  # POSIX only
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

REGISTRY = Path(__file__).parent.parent / "registry"
change = test_diff.change  # the fixture: a registry in git and a change that loses a certified teacher
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def on_terminal(*args: str, columns: int = 80) -> tuple[int, list[str]]:
    """Run onex on a pseudo-terminal `columns` wide: (exit code, the screen's lines, no colours)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "ONEX_LANG")}
    env.update(COLUMNS=str(columns), LINES="50", TERM="xterm-256color")
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from onex.cli import entry; sys.argv[0] = 'onex'; entry()",
            *args,
        ],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed (Linux raises EIO)
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    code = process.wait(timeout=60)
    text = ANSI.sub("", output.decode("utf-8")).replace("\r\n", "\n")
    # a transient progress line ends with a carriage return and is overwritten: keep what stays
    return code, [line.rsplit("\r", 1)[-1].rstrip() for line in text.split("\n")]


def widest(lines: list[str]) -> int:
    return max(cell_len(line) for line in lines)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_messages_wrap_inside_80_columns_under_the_message(lang):
    code, lines = on_terminal("check", "--registry", str(REGISTRY), "--as-of", "2026-12-31", "--lang", lang)
    assert code == 0
    assert widest(lines) <= 80
    # STAFF-002's message is longer than a line: it continues under the message column (28 cells)
    first = next(i for i, line in enumerate(lines) if "STAFF-002" in line)
    assert cell_len(lines[first].split("STAFF-002 ")[0] + "STAFF-002 ") == 28
    assert lines[first + 1].startswith(" " * 28) and lines[first + 1][28] != " "
    message = "".join(
        line[28:] if i else line.split("STAFF-002 ", 1)[1] for i, line in enumerate(lines[first : first + 4])
    )
    assert ("§4.3.1" in message) and ("460101" in message)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_tables_fold_at_80_columns(lang):
    code, lines = on_terminal(
        "report", "--registry", str(REGISTRY), "--as-of", "2026-12-31", "--year", "2026", "--lang", lang
    )
    assert code == 0
    assert widest(lines) <= 80
    # the certificates table (9 columns) folds into one block per row: no cell is cut mid-word
    heading = "证书" if lang == "zh" else "Certificates"
    start = lines.index(heading)
    block = lines[start : start + 12]
    college = "二级学院" if lang == "zh" else "College"
    assert any(line.startswith(f"│ {college}") and ("经济管理学院" in line) for line in block)
    assert any("电子商务数据分析" in line for line in block)  # the certificate's whole name on one line


def test_piped_output_keeps_one_line_per_problem(cli):
    code, out, err = cli("check", "--registry", REGISTRY, "--as-of", "2026-12-31", "--lang", "en")
    assert code == 0
    lines = [line for line in out.splitlines() if "STAFF-002" in line]
    assert len(lines) == 1 and lines[0].endswith("plan training for teachers of the major in the staff plan")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_agenda_fits_80_columns(lang):
    # where the duty is goes on its own line when the row is too wide; what to do wraps under it
    code, lines = on_terminal(
        "agenda", "--registry", str(REGISTRY), "--as-of", "2026-12-31", "--days", "60", "--lang", lang
    )
    assert code == 0
    assert widest(lines) <= 80
    path = "colleges/econ/trainings/2026/e-commerce-data-junior-2026-1.yaml:2"
    assert lines[lines.index(" " * 12 + path) - 1].startswith("2026-05-08  ")


def continued(lines: list[str], start: int) -> list[str]:
    """The line at `start` and the lines that continue it (indented deeper than it starts)."""
    lead = len(lines[start]) - len(lines[start].lstrip(" "))
    out = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.strip() or len(line) - len(line.lstrip(" ")) <= lead:
            break
        out.append(line)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explain_wraps_each_paragraph_under_itself_at_80_columns(lang):
    code, lines = on_terminal("explain", "STAFF-001", "--lang", lang)
    assert code == 0
    assert widest(lines) <= 80
    # the quoted clause (one paragraph, two cells in) continues two cells in, whole
    start = next(i for i, line in enumerate(lines) if line.startswith("  “原则上"))
    quote = lines[start : lines.index("", start)]
    assert len(quote) > 1 and all(line.startswith("  ") and line[2] != " " for line in quote)
    assert "".join(line[2:] for line in quote).endswith("进一步优化教学团队结构。”")


def test_explain_piped_keeps_one_line_per_paragraph(cli):
    code, out, err = cli("explain", "STAFF-001", "--lang", "en")
    assert code == 0
    why = next(line for line in out.splitlines() if line.startswith("  Each related major"))
    assert why.endswith("is an error.")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_diff_text_wraps_at_80_columns(change, lang):
    code, lines = on_terminal(
        "diff", "main", "--registry", str(change.root), "--as-of", "2026-12-31", "--lang", lang
    )
    assert code == 0
    assert widest(lines) <= 80
    # an introduced problem: the line starts with where it is and continues four cells in
    start = next(i for i, line in enumerate(lines) if "STAFF-001" in line)
    problem = continued(lines, start)
    assert lines[start].startswith("  colleges/info/certificates/web-frontend.yaml:")
    assert len(problem) > 1 and all(line.startswith("    ") and line[4] != " " for line in problem[1:])
    assert "§4.3.1" in "".join(line.strip() for line in problem)
    # a figure that moved: its name, then the values on the same logical line
    start = lines.index("变化的数字" if lang == "zh" else "Figures that moved") + 1
    assert "Web前端开发" in lines[start]
    assert "3 → 1" in " ".join(line.strip() for line in continued(lines, start))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_import_lines_wrap_at_80_columns(tmp_path, lang):
    import shutil

    root = tmp_path / "registry"
    shutil.copytree(REGISTRY, root)
    session = "colleges/info/sessions/2026/web-frontend-intermediate-2026-1.yaml"
    export = Path(__file__).parent.parent / "examples" / "platform-export.csv"
    code, lines = on_terminal(
        "import", "results", str(export), "--session", str(root / session), "--lang", lang, "--dry-run"
    )
    assert code == 0
    assert widest(lines) <= 80
    start = next(i for i, line in enumerate(lines) if line.startswith(session))
    summary = continued(lines, start)
    assert len(summary) == 2 and summary[1].startswith("  ") and summary[1][2] != " "
    unchanged = "12 名无变化" if lang == "zh" else "12 unchanged"
    assert "".join(line.strip() for line in summary).replace(" ", "").endswith(unchanged.replace(" ", ""))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_tables_fold_and_assumptions_wrap_at_80_columns(lang):
    code, lines = on_terminal(
        "plan", "--registry", str(REGISTRY), "--as-of", "2026-12-31", "--year", "2027", "--lang", lang
    )
    assert code == 0
    assert widest(lines) <= 80
    # each row of a college's table is a block, the headings down the left, no cell cut short
    certificate = "证书" if lang == "zh" else "Certificate"
    assert any(line.startswith(f"│ {certificate}") and "电子商务数据分析" in line for line in lines)
    assert not any("…" in line for line in lines)
    # the assumptions sentence continues on the next line instead of running past the edge
    start = next(
        i for i, line in enumerate(lines) if line.startswith("假设：" if lang == "zh" else "Assumptions:")
    )
    assert lines[start + 1].strip() and not lines[start + 1].startswith("│")
