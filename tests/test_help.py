"""What a person reads around the commands: help, shell completion, one language per run."""

from __future__ import annotations

import re

import pytest

TYPE_NAME = re.compile(r"<(?:bool|str|int|float|path|file|list\[[^>]*\]|[a-z]+\[[^>]*\])>")
COMMANDS = [[], ["check"], ["fmt"], ["report"], ["plan"], ["rules"], ["explain"], ["init"], ["schema"]]
COMMANDS += [["approve"], ["import", "results"], ["agenda"], ["diff"]]
COMMANDS += [["policy"], ["test"], ["export"], ["query"], ["import", "instructors"], ["import", "candidates"]]
COMMANDS += [["import", "adoptions"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "onex")
def test_help_shows_no_python_type_names(cli, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "100")
    code, out, err = cli(*command, "--help")
    assert code == 0, err
    assert TYPE_NAME.findall(out) == []
    assert "Show this message and exit." in out
    # placeholders are upper case like every other (`{SQL}`, `DIR`), never a parameter's name
    usage = next(line for line in out.splitlines() if "Usage:" in line)
    assert re.findall(r"[{\[]([a-z_]+)[}\]]", usage) == []


def test_fmt_usage_line_names_its_paths_once(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    code, out, err = cli("fmt", "--help")
    assert "Usage: onex fmt [OPTIONS] [PATH]..." in out
    assert "[[" not in out
    code, out, err = cli("init", "--help")
    assert "Usage: onex init [OPTIONS] [DIR]" in out


def test_help_paragraphs_fill_the_width(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = cli("--help")
    # a docstring's own line breaks are not kept: "…any college leader approves plans…" reads on
    flat = " ".join(line.strip("│ ") for line in out.splitlines())
    assert "any college leader approves plans and staff plans" in re.sub(r"\s+", " ", flat)
    assert all(len(line) <= 80 for line in out.splitlines())


def complete(cli, monkeypatch, words: str) -> list[str]:
    """What bash completion offers after `words` (a trailing space: a new word)."""
    parts = words.split()
    cword = len(parts) if words.endswith(" ") else len(parts) - 1
    monkeypatch.setenv("_ONEX_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(cword))
    code, out, err = cli(*parts[1:])
    return out.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("onex check --format ", ["text", "json", "github", "junit", "sarif"]),
        ("onex check --lang ", ["zh", "en"]),
        ("onex --lang ", ["zh", "en"]),
        ("onex report --lang e", ["en"]),
        ("onex report --format x", ["xlsx"]),
        ("onex plan --format ", ["table", "markdown", "json"]),
        ("onex rules -f ", ["table", "markdown", "json"]),
        ("onex check --annotate ", ["new", "all"]),
    ],
)
def test_completion_offers_choices_not_file_names(cli, monkeypatch, words, offered):
    assert complete(cli, monkeypatch, words) == offered


def test_completion_offers_rule_ids(cli, monkeypatch):
    from onex.rules import RULES

    staff = [rule.id for rule in RULES if rule.id.startswith("STAFF-")]
    assert len(staff) >= 4
    assert complete(cli, monkeypatch, "onex check --rule STAFF") == staff
    assert complete(cli, monkeypatch, "onex explain ") == [rule.id for rule in RULES]


def test_completion_lists_every_format_the_command_accepts(cli, monkeypatch):
    from onex.plan.render import FORMATS as PLAN
    from onex.render.problems import FORMATS as CHECK
    from onex.report import FORMATS as REPORT

    assert complete(cli, monkeypatch, "onex check --format ") == list(CHECK)
    assert complete(cli, monkeypatch, "onex report --format ") == list(REPORT)
    assert complete(cli, monkeypatch, "onex plan --format ") == list(PLAN)


def test_rules_speak_the_runs_language(cli):
    code, out, err = cli("rules", "--lang", "zh")
    assert code == 0
    assert re.search(r"规则\s+┃\s+级别\s+┃\s+条款\s+┃\s+说明", out)
    assert "REG-001" in out and "错误" in out and "error" not in out
    code, out, err = cli("rules", "--lang", "en", "--format", "markdown")
    assert [cell.strip() for cell in out.splitlines()[0].split("|")[1:5]] == [
        "rule",
        "severity",
        "clause",
        "title",
    ]
    code, out, err = cli("rules", "--lang", "zh", "--format", "json")
    assert '"severity": "error"' in out  # json keeps its values for tools


REGISTRY = str(__import__("pathlib").Path(__file__).parent.parent / "registry")


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [(["--help", "--lang", "en"], 0), (["--lang", "zh", "--help"], 0), (["--lang", "en"], 2), ([], 2)],
)
def test_the_root_command_takes_lang_and_shows_its_help(cli, monkeypatch, args, exit_code):
    # no command is the help and exit 2, with or without --lang, as `onex` alone always was
    monkeypatch.setenv("COLUMNS", "100")
    code, out, err = cli(*args)
    assert (code, err) == (exit_code, "")
    assert "Usage: onex [OPTIONS] COMMAND [ARGS]..." in out
    assert re.search(r"│ --lang\s+zh\|en\s+zh or en for the whole run", out)


def test_lang_before_the_command_is_the_runs_language(cli, monkeypatch):
    monkeypatch.setenv("ONEX_LANG", "zh")
    code, out, err = cli("--lang", "en", "check", "--registry", REGISTRY, "--as-of", "2026-12-31")
    assert code == 0
    assert "0 error(s)" in out.splitlines()[-1]
    code, out, err = cli("--lang", "en", "explain", "STAFF-001")
    assert out.startswith("STAFF-001 — a major has fewer certified teachers than the minimum\n")
    # an error before the command runs speaks it too
    code, out, err = cli("--lang", "en", "check", "--registry", "/no/such/registry")
    assert code == 2 and err.startswith("onex: no registry found")


def test_the_commands_own_lang_wins_over_the_roots(cli, monkeypatch):
    monkeypatch.setenv("ONEX_LANG", "en")
    code, out, err = cli(
        "--lang", "en", "check", "--registry", REGISTRY, "--as-of", "2026-12-31", "--lang", "zh"
    )
    assert code == 0 and "0 个错误" in out.splitlines()[-1]
    code, out, err = cli("--lang", "en", "check", "--registry", "/no/such/registry", "--lang", "zh")
    assert code == 2 and err.startswith("onex: 找不到登记库")


def test_an_unknown_root_lang_is_exit_2_in_a_sentence(cli):
    code, out, err = cli("--lang", "fr", "rules")
    assert (code, out) == (2, "")
    assert err in ("onex: 不支持的语言 fr：请用 zh 或 en\n", "onex: unsupported language fr: use zh or en\n")
