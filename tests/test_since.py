"""`onex check --since REV` on real temporary git repositories: only new errors fail."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.test_git import commit_all, git

SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
FIRST = '王小明, major: "510201", enrolled: true, result: pass, score: 86'
NEWCOMER = '  - {student: "2024010199", name: 孙小亮, major: "510201", result: absent}\n'


@pytest.fixture
def repo(reg):
    """The baseline registry committed, then an old error committed on top (the messy registry)."""
    git(reg.root, "init", "-q", "-b", "main")
    commit_all(reg.root, "baseline")
    reg.edit(SESSION, FIRST, FIRST.replace("score: 86", "score: 86, fee_payer: bogus"))
    commit_all(reg.root, "an old error")
    return reg


def since(cli, reg, *extra: str, rev: str = "HEAD") -> tuple[int, dict]:
    code, out, err = cli(
        "check", "--since", rev, "--registry", reg.root, "--as-of", "2026-12-31", "--format", "json", *extra
    )
    assert code in (0, 1), err
    return code, json.loads(out)


def brief(document: dict) -> list[tuple]:
    return [(p["rule"], p["file"], p["line"], p["new"]) for p in document["problems"]]


def test_an_old_error_stays_visible_but_does_not_fail(repo, cli):
    code, document = since(cli, repo)
    assert code == 0
    assert brief(document) == [("REG-002", SESSION, 12, False)]
    assert document["summary"] | {} == {
        "errors": 1,
        "warnings": 0,
        "waived": 0,
        "files": 9,
        "new": 0,
        "resolved": 0,
    }
    assert document["since"]["rev"] == "HEAD"
    # without --since the same registry fails, as before
    code, out, err = cli("check", "--registry", repo.root, "--as-of", "2026-12-31")
    assert code == 1


def test_a_new_error_fails_and_is_tagged_new_in_every_format(repo, cli):
    repo.edit(SESSION, "result: fail, score: 52", "result: fail, score: 52, fee_payer: nobody")
    code, document = since(cli, repo)
    assert code == 1
    assert brief(document) == [("REG-002", SESSION, 12, False), ("REG-002", SESSION, 13, True)]
    assert (document["summary"]["new"], document["summary"]["resolved"]) == (1, 0)

    code, out, _ = cli(
        "check", "--since", "HEAD", "--registry", repo.root, "--as-of", "2026-12-31", "--lang", "en"
    )
    assert code == 1
    lines = [line for line in out.splitlines() if "REG-002" in line]
    assert [line.endswith("(new)") for line in lines] == [False, True]
    assert "since HEAD (" in out and "1 new problem(s), 0 resolved" in out

    code, out, _ = cli(
        "check", "--since", "HEAD", "--registry", repo.root, "--as-of", "2026-12-31", "-f", "github"
    )
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert len(annotations) == 1 and ",line=13," in annotations[0]
    code, out, _ = cli(
        "check",
        "--since",
        "HEAD",
        "--registry",
        repo.root,
        "--as-of",
        "2026-12-31",
        "-f",
        "github",
        "--annotate",
        "all",
    )
    assert len([line for line in out.splitlines() if line.startswith("::")]) == 2
    assert out.splitlines()[-1].startswith(("since HEAD (", "相对 HEAD（"))  # its own line, after the summary

    code, out, _ = cli(
        "check", "--since", "HEAD", "--registry", repo.root, "--as-of", "2026-12-31", "-f", "sarif"
    )
    results = json.loads(out)["runs"][0]["results"]
    assert [
        (r["locations"][0]["physicalLocation"]["region"]["startLine"], r["baselineState"]) for r in results
    ] == [
        (12, "unchanged"),
        (13, "new"),
    ]

    code, out, _ = cli(
        "check", "--since", "HEAD", "--registry", repo.root, "--as-of", "2026-12-31", "-f", "junit"
    )
    assert code == 1
    assert 'failures="1"' in out
    assert f"{SESSION}:13: error (new):" in out
    assert f"{SESSION}:12: error:" in out  # the old one is reported, not failed (system-out)


def test_inserting_lines_and_items_above_an_old_problem_does_not_make_it_new(repo, cli):
    text = repo.read(SESSION)
    text = "# comments added\n# above everything\n" + text.replace(
        "candidates:\n", "candidates:\n" + NEWCOMER
    )
    repo.path(SESSION).write_text(text, encoding="utf-8")
    code, document = since(cli, repo)
    assert code == 0
    assert brief(document) == [("REG-002", SESSION, 15, False)]


def test_fixing_a_problem_counts_as_resolved(repo, cli):
    repo.edit(SESSION, ", fee_payer: bogus", "")
    code, document = since(cli, repo)
    assert code == 0
    assert document["problems"] == []
    assert (document["summary"]["new"], document["summary"]["resolved"]) == (0, 1)
    code, document = since(cli, repo, rev="HEAD~1")  # from before the error: nothing to resolve
    assert (document["summary"]["new"], document["summary"]["resolved"]) == (0, 0)


def test_a_renamed_file_is_followed_when_git_detects_the_rename(repo, cli):
    renamed = "colleges/info/sessions/2026/web-june.yaml"
    git(repo.root, "mv", SESSION, renamed)
    code, document = since(cli, repo)
    assert (code, brief(document)) == (0, [("REG-002", renamed, 12, False)])
    commit_all(repo.root, "rename")
    code, document = since(cli, repo, rev="HEAD~1")
    assert (code, brief(document)) == (0, [("REG-002", renamed, 12, False)])


def test_a_file_moved_in_the_work_tree_and_not_staged_is_followed_by_its_content(repo, cli):
    """A plain `mv` (nothing staged) keeps the file's problems unchanged, not new; a moved file
    that was also edited is new until the move is staged, when git compares contents."""
    renamed = "colleges/info/sessions/2026/web-june.yaml"
    (repo.root / SESSION).rename(repo.root / renamed)
    code, document = since(cli, repo)
    assert (code, brief(document)) == (0, [("REG-002", renamed, 12, False)])
    assert document["summary"]["resolved"] == 0
    text = (repo.root / renamed).read_text("utf-8")
    (repo.root / renamed).write_text("# moved\n" + text, "utf-8")
    code, document = since(cli, repo)
    assert (code, brief(document)) == (1, [("REG-002", renamed, 13, True)])
    git(repo.root, "add", "-A")
    code, document = since(cli, repo)
    assert (code, brief(document)) == (0, [("REG-002", renamed, 13, False)])


def test_a_shallow_clone_without_the_base_is_exit_2_with_the_fetch_command(repo, cli, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
        check=True,
        capture_output=True,
    )
    code, out, err = cli(
        "check", "--since", "HEAD~1", "--registry", clone, "--as-of", "2026-12-31", "--lang", "en"
    )
    assert code == 2
    assert out == ""
    assert "the git repository has no commit HEAD~1 (this is a shallow clone: history is missing)" in err
    assert "git fetch --unshallow" in err and "fetch-depth: 0" in err
    code, out, err = cli(
        "check", "--since", "HEAD~1", "--registry", clone, "--as-of", "2026-12-31", "--lang", "zh"
    )
    assert code == 2 and "浅克隆" in err


def test_the_work_tree_and_index_are_untouched(repo, cli):
    repo.edit(SESSION, "result: fail, score: 52", "result: fail, score: 52, fee_payer: nobody")
    index = repo.root / ".git" / "index"
    before = (index.read_bytes(), git(repo.root, "status", "--porcelain"), repo.read(SESSION))
    since(cli, repo)
    assert (index.read_bytes(), git(repo.root, "status", "--porcelain"), repo.read(SESSION)) == before


def test_the_base_result_is_cached_and_reused(repo, cli, monkeypatch):
    monkeypatch.delenv("ONEX_NO_CACHE")
    code, first = since(cli, repo)
    assert (repo.root / ".onex-cache" / "base.json").is_file()
    from onex import cache

    def no_check(*args, **kwargs):
        raise AssertionError("the base revision was checked again")

    monkeypatch.setattr(cache, "_check", no_check)
    code, second = since(cli, repo)
    assert second == first


def test_committed_symbolic_links_are_judged_at_the_base_as_in_the_work_tree(reg, cli):
    sessions = reg.root / "colleges/info/sessions/2026"
    (sessions / "out.yaml").symlink_to("/etc/passwd")
    (sessions / "in.yaml").symlink_to("web-mid-june.yaml")
    git(reg.root, "init", "-q")
    commit_all(reg.root, "links")
    code, document = since(cli, reg)
    assert code == 0
    assert ("REG-001", "colleges/info/sessions/2026/out.yaml", 1, False) in brief(document)
    assert {p["new"] for p in document["problems"]} == {False}
    assert document["summary"]["new"] == 0 and document["summary"]["errors"] >= 1


def _sarif_since(cli, reg, *extra: str) -> dict:
    from tests.test_output_escaping import _sarif_schema

    code, out, err = cli(
        "check", "--registry", reg.root, "--as-of", "2026-12-31", "-f", "sarif", "--lang", "en", *extra
    )
    assert code in (0, 1), err
    document = json.loads(out)
    assert [e.message for e in _sarif_schema().iter_errors(document)] == []
    return document["runs"][0]


def _where(result: dict) -> tuple:
    location = result["locations"][0]["physicalLocation"]
    return (
        result["ruleId"],
        result["level"],
        location["artifactLocation"]["uri"],
        location["region"]["startLine"],
        result.get("baselineState"),
    )


def test_sarif_lists_a_fixed_problem_as_absent_where_it_was(repo, cli):
    """SARIF 2.1.0 `baselineState: absent`: a result of the base that no longer appears, at its
    level and location as they were at REV, with the fingerprint it had; only with --since."""
    (old,) = _sarif_since(cli, repo, "--since", "HEAD")["results"]
    assert _where(old) == ("REG-002", "error", SESSION, 12, "unchanged")
    text = "# a comment that moves every line down\n" + repo.read(SESSION).replace(", fee_payer: bogus", "")
    repo.path(SESSION).write_text(text, encoding="utf-8")
    run = _sarif_since(cli, repo, "--since", "HEAD")
    (absent,) = run["results"]
    assert _where(absent) == ("REG-002", "error", SESSION, 12, "absent")  # the line at REV, not 13
    assert absent["partialFingerprints"] == old["partialFingerprints"]
    assert absent["message"] == old["message"]
    assert run["tool"]["driver"]["rules"][absent["ruleIndex"]]["id"] == "REG-002"
    assert _sarif_since(cli, repo)["results"] == []  # without --since there is no base to be absent from
    assert (
        _sarif_since(cli, repo, "--since", "HEAD", "--rule", "FEE-001")["results"] == []
    )  # filtered like the rest


def test_sarif_keeps_an_absent_problems_location_when_its_file_is_gone(repo, cli):
    repo.remove(SESSION)
    results = _sarif_since(cli, repo, "--since", "HEAD")["results"]
    assert [_where(r) for r in results if r["baselineState"] == "absent"] == [
        ("REG-002", "error", SESSION, 12, "absent")
    ]
    assert all(r["baselineState"] == "new" for r in results if r["baselineState"] != "absent")
