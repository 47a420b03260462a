"""The result cache: never changes output, invalidated by content, version and --as-of, and never
trusted blindly (a forged, tampered or foreign entry is ignored and overwritten)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from onex import cache
from onex.load import take_snapshot

SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
FORMATS = ("json", "text", "github", "junit", "sarif")


@pytest.fixture(autouse=True)
def cache_on(monkeypatch):
    monkeypatch.delenv("ONEX_NO_CACHE", raising=False)


def entry(reg):
    return reg.root / ".onex-cache" / "check.json"


def no_loading(monkeypatch):
    """Make loading the registry fail: a run that still succeeds was answered from the cache."""

    def fail(*args, **kwargs):
        raise AssertionError("the registry was loaded")

    monkeypatch.setattr("onex.load.load", fail)


def with_problems(reg):
    """Errors, a warning-free waived error, a located schema error with a bilingual hint and a
    file that does not parse: every kind of problem and parameter the cache stores."""
    reg.edit(SESSION, "site: main-campus", "site: nowhere")
    reg.append(
        "onex.yaml",
        """
        waivers:
          - {rule: REG-004, college: info, reason: 站点待建, approved_by: 王丽, expires_on: 2027-06-30}
    """,
    )
    reg.edit(SESSION, "result: absent}", "result: absent, scroe: 1}")
    reg.write("colleges/info/trainings/2026/broken.yaml", "certificate: [web-frontend\n")


def run(cli, reg, *args):
    code, out, err = cli("check", "--registry", reg.root, "--as-of", "2026-12-31", *args)
    assert code in (0, 1), err
    return code, out


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_output_is_the_same_with_and_without_the_cache(reg, cli, monkeypatch, format, lang):
    with_problems(reg)
    args = ("--format", format, "--lang", lang)
    uncached = run(cli, reg, "--no-cache", *args)
    assert not (reg.root / ".onex-cache").exists()  # --no-cache writes nothing
    assert run(cli, reg, *args) == uncached  # a miss: computed and stored
    assert entry(reg).is_file()
    no_loading(monkeypatch)
    assert run(cli, reg, *args) == uncached  # a hit


def test_filters_apply_to_a_cached_result(reg, cli, monkeypatch):
    with_problems(reg)
    filters = [("--rule", "REG-002"), ("--college", "info"), ("--strict",)]
    expected = [run(cli, reg, "--no-cache", "--format", "json", *f) for f in filters]
    run(cli, reg)
    no_loading(monkeypatch)
    assert [run(cli, reg, "--format", "json", *f) for f in filters] == expected
    code, out, err = cli("check", "--registry", reg.root, "--as-of", "2026-12-31", "--college", "nope")
    assert code == 2 and "nope" in err


def test_changed_content_added_file_and_other_date_are_misses(reg, cli):
    first = json.loads(run(cli, reg, "--format", "json")[1])
    assert first["problems"] == []
    reg.edit(SESSION, "site: main-campus", "site: nowhere")
    assert [p["rule"] for p in json.loads(run(cli, reg, "--format", "json")[1])["problems"]] == ["REG-004"]
    reg.write("colleges/info/trainings/2026/broken.yaml", "certificate: [web-frontend\n")
    rules = [p["rule"] for p in json.loads(run(cli, reg, "--format", "json")[1])["problems"]]
    assert sorted(rules) == ["REG-001", "REG-004"]
    (reg.root / "colleges/info/trainings/2026/broken.yaml").unlink()
    later = run(cli, reg, "--format", "json", "--as-of", "2027-01-01")
    assert json.loads(later[1])["as_of"] == "2027-01-01"


def test_a_hit_needs_neither_pydantic_nor_the_rules(reg, cli):
    run(cli, reg)
    script = (
        "import datetime, sys, pathlib\n"
        "from onex import cache\n"
        f"result = cache.check(pathlib.Path({str(reg.root)!r}), datetime.date(2026, 12, 31))\n"
        "assert isinstance(result.registry, cache.CachedRegistry), 'a miss'\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('pydantic', 'onex.models', 'onex.rules')))\n"
        "assert not loaded, loaded\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ONEX_NO_CACHE"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr


# --- trust ---------------------------------------------------------------------------------------


def forged(reg, problems: list) -> None:
    """What a pull request could commit: a well-formed entry for the right key, 'no problems'."""
    key = cache._key(take_snapshot(reg.root), dt.date(2026, 12, 31))
    payload = json.dumps(
        {
            "format": cache.FORMAT,
            "onex": cache.__version__,
            "key": key,
            "files": 1,
            "colleges": ["info"],
            "problems": problems,
        }
    ).encode()
    entry(reg).parent.mkdir(exist_ok=True)
    entry(reg).write_bytes(cache._mac(b"\0" * cache.KEY_BYTES, payload) + b"\n" + payload)


def test_a_forged_entry_is_ignored_and_overwritten(reg, cli):
    reg.edit(SESSION, "site: main-campus", "site: nowhere")
    forged(reg, [])
    code, out = run(cli, reg, "--format", "json")
    assert code == 1 and [p["rule"] for p in json.loads(out)["problems"]] == ["REG-004"]
    assert b"REG-004" in entry(reg).read_bytes()  # overwritten by a genuine entry


def test_a_tampered_entry_is_ignored(reg, cli, monkeypatch):
    reg.edit(SESSION, "site: main-campus", "site: nowhere")
    expected = run(cli, reg, "--format", "json")
    assert expected[0] == 1
    blob = entry(reg).read_bytes()
    assert b'"severity"' not in blob and b'"error"' in blob
    entry(reg).write_bytes(blob.replace(b'"error"', b'"warning"'))
    assert run(cli, reg, "--format", "json") == expected


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b""),
        lambda path: path.write_bytes(b"not json at all\n\xff\xfe"),
        lambda path: path.write_bytes(os.urandom(5000)),
        lambda path: (path.unlink(), path.mkdir()),
    ],
)
def test_an_unreadable_entry_is_a_miss(reg, cli, damage):
    expected = run(cli, reg, "--format", "json")
    damage(entry(reg))
    assert run(cli, reg, "--format", "json") == expected


def counting_loads(monkeypatch) -> list[int]:
    from onex import load as load_module

    calls: list[int] = []
    real = load_module.load
    monkeypatch.setattr("onex.load.load", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def test_another_onex_version_is_a_miss(reg, cli, monkeypatch):
    run(cli, reg)
    loads = counting_loads(monkeypatch)
    run(cli, reg)
    assert loads == []
    monkeypatch.setattr(cache, "__version__", "99.0")
    run(cli, reg)
    assert loads == [1]


@pytest.mark.parametrize("field", ["onex", "format", "key"])
def test_a_genuine_entry_for_another_version_format_or_key_is_a_miss(reg, cli, monkeypatch, field):
    """Even signed with the right key (the entry of an older onex, say), only an exact match is used."""
    reg.edit(SESSION, "site: main-campus", "site: nowhere")
    expected = run(cli, reg, "--format", "json")
    document = json.loads(entry(reg).read_bytes().partition(b"\n")[2])
    document["problems"] = []
    document[field] = {"onex": "0.0.1", "format": 0, "key": "0" * 64}[field]
    payload = json.dumps(document).encode()
    entry(reg).write_bytes(cache._mac(cache.secret(), payload) + b"\n" + payload)
    assert run(cli, reg, "--format", "json") == expected


def test_a_key_file_others_can_read_is_not_used(reg, cli):
    run(cli, reg)
    assert entry(reg).is_file()
    key = cache.key_path()
    assert key is not None and key.stat().st_mode & 0o777 == 0o600
    entry(reg).unlink()
    key.chmod(0o644)
    try:
        run(cli, reg)
        assert not entry(reg).exists()
    finally:
        key.chmod(0o600)


def test_a_linked_cache_folder_is_neither_read_nor_written(reg, cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (reg.root / ".onex-cache").symlink_to(elsewhere, target_is_directory=True)
    run(cli, reg)
    assert list(elsewhere.iterdir()) == []


def test_a_linked_entry_is_replaced_not_followed(reg, cli, tmp_path):
    target = tmp_path / "precious"
    target.write_text("keep me")
    (reg.root / ".onex-cache").mkdir()
    entry(reg).symlink_to(target)
    run(cli, reg)
    assert target.read_text() == "keep me"
    assert not entry(reg).is_symlink()


def test_the_cache_folder_ignores_itself_in_git(reg, cli):
    run(cli, reg)
    assert (reg.root / ".onex-cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_walk_skips_the_cache_folder(reg, cli):
    run(cli, reg)
    (reg.root / ".onex-cache" / "stray.yaml").write_text("a: [\n")
    assert json.loads(run(cli, reg, "--no-cache", "--format", "json")[1])["problems"] == []


def test_a_miss_checks_the_snapshot_as_load_checks_the_disk(reg, cli):
    """The snapshot gives `load` what reading the disk gives: size limits from onex.yaml, refusals."""
    reg.append("onex.yaml", "limits: {max_file_bytes: 600}\n")
    reg.write("colleges/info/trainings/2026/big.yaml", "certificate: web-frontend\n" + "# padding\n" * 100)
    (reg.root / "colleges/info/trainings/2026/gone.yaml").symlink_to("/nonexistent/file.yaml")
    expected = run(cli, reg, "--no-cache", "--format", "json", "--lang", "en")
    messages = [p["message"] for p in json.loads(expected[1])["problems"]]
    assert any("over the 600-byte limit" in m for m in messages), messages
    assert run(cli, reg, "--format", "json", "--lang", "en") == expected
    assert run(cli, reg, "--format", "json", "--lang", "en") == expected


# --- fmt remembers canonical files ------------------------------------------------------------


def no_round_trip(monkeypatch):
    """Make ruamel's round trip fail: a file still reported unchanged was answered from the memo."""

    def refuse(*args, **kwargs):
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr("onex.write.open_document", refuse)


def test_fmt_check_does_not_parse_a_canonical_file_twice(reg, cli, monkeypatch):
    code, out, err = cli("fmt", "--check", "--registry", reg.root, "--lang", "en")
    assert (code, out) == (0, "")
    assert (reg.root / ".onex-cache" / "fmt.json").is_file()
    no_round_trip(monkeypatch)
    assert cli("fmt", "--check", "--registry", reg.root, "--lang", "en") == (0, "", err)


def test_fmt_memo_forgets_a_changed_file(reg, cli):
    cli("fmt", "--check", "--registry", reg.root)
    reg.edit(SESSION, "level: intermediate", "level:   intermediate")
    code, out, _ = cli("fmt", "--check", "--registry", reg.root, "--lang", "en")
    assert (code, out) == (1, f"would reformat {SESSION}\n")


def test_fmt_memo_that_does_not_verify_is_ignored(reg, cli):
    """A committed fmt.json cannot declare a file canonical: its HMAC needs the key outside."""
    from onex.fmt import CanonicalMemo

    reg.edit(SESSION, "level: intermediate", "level:   intermediate")
    raw = (reg.root / SESSION).read_bytes()
    forged = {"code": cache.code_fingerprint().hex(), "canonical": [CanonicalMemo.digest("session", raw)]}
    payload = json.dumps(forged).encode()
    (reg.root / ".onex-cache").mkdir()
    (reg.root / ".onex-cache" / "fmt.json").write_bytes(b"0" * 64 + b"\n" + payload)
    code, out, _ = cli("fmt", "--check", "--registry", reg.root, "--lang", "en")
    assert (code, out) == (1, f"would reformat {SESSION}\n")


def test_fmt_memo_off_with_no_cache(reg, cli, monkeypatch):
    monkeypatch.setenv("ONEX_NO_CACHE", "1")
    assert cli("fmt", "--check", "--registry", reg.root)[0] == 0
    assert not (reg.root / ".onex-cache").exists()
