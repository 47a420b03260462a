"""`onex check`'s result cache: checking an unchanged registry again takes a fraction of a second.

The problems `onex check` finds are a pure function of the registry's files (their paths and
bytes), the `--as-of` date and the code that checks them. So the result is stored in
``<registry>/.onex-cache/check.json`` under a key that hashes all of those: the onex version and
the SHA-256 of every source file of onex, the versions of the libraries that read and validate,
`--as-of`, and every file's path and content (read once, see :mod:`onex.snapshot`). Any change to
any of them is a different key, and the entry is recomputed and overwritten.

**Never trusted blindly.** `.onex-cache/` lies inside the repository, and a pull request can
commit one with a forged "no problems" entry. Each entry is therefore authenticated with an
HMAC-SHA256 whose key is *not* in the registry: ``$XDG_CACHE_HOME/onex/key`` (else
``~/.cache/onex/key``), 32 random bytes created 0600 on first use; a key file that another user
could read or write is not used. An entry that does not verify, cannot be read, is too large, is
of another format, version or key is ignored and overwritten. Entries are JSON, never pickle.
Links are not followed: a committed ``.onex-cache`` that is a symbolic link is neither read nor
written through.

The entry holds each problem with its message already rendered in both languages, so a cache hit
imports neither the models nor the rules. Output is the same with and without the cache (tested).
``--no-cache`` (or ``ONEX_NO_CACHE=1``) neither reads nor writes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import importlib.util
import json
import os
import secrets
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onex import __version__
from onex.problems import CheckResult, Problem
from onex.snapshot import Snapshot

CACHE_DIR = ".onex-cache"
ENTRY = "check.json"
FORMAT = 3  # 3: the waivers' reasons (SARIF suppression justification)
MAX_ENTRY_BYTES = 64 * 1024 * 1024
# A registry this broken is fixed, not re-checked unchanged; rendering every message twice (both
# languages) to store it would cost more than the cache saves.
MAX_CACHED_PROBLEMS = 20_000
KEY_BYTES = 32
# the libraries whose behaviour shapes a result: reading, validation, positions
LIBRARIES = ("yaml_rs", "pydantic", "pydantic_core", "ruamel.yaml")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass
class CachedRegistry:
    """What a check result says about the registry, on a cache hit (see `RegistryFacts`)."""

    root: Path
    files: int
    colleges: list[str] = field(default_factory=list)
    waiver_reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CachedProblem(Problem):
    """A problem from the cache: its message as it was rendered when it was found."""

    texts: dict[str, str] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return self.texts[lang]


def check(
    root: Path,
    as_of: dt.date,
    *,
    enabled: bool = True,
    snapshot: Snapshot | None = None,
    entry: str = ENTRY,
) -> CheckResult:
    """Every problem of the registry at `as_of` (all rules), from the cache when nothing changed.

    On a miss the registry is loaded from the snapshot that was hashed, checked, and the result
    stored. `enabled=False` (``--no-cache``) neither reads nor writes the cache. `snapshot` and
    `entry`: check these files instead of the work tree's (`check --since` reads a revision's
    tree from git) and keep their result in that entry of the cache folder.
    """
    if not enabled or os.environ.get("ONEX_NO_CACHE", "") not in ("", "0"):
        return _check(root, as_of, snapshot)
    if snapshot is None:
        from onex.load import take_snapshot

        snapshot = take_snapshot(root)
    key_secret = secret() if snapshot.complete else None
    if key_secret is None:
        return _check(root, as_of, snapshot)
    key = _key(snapshot, as_of)
    hit = _lookup(root, as_of, key, key_secret, entry)
    if hit is not None:
        return hit
    result = _check(root, as_of, snapshot)
    _store(root, key, key_secret, result, entry)
    return result


def _check(root: Path, as_of: dt.date, snapshot: Snapshot | None) -> CheckResult:
    from onex.engine import check as run_check
    from onex.load import load
    from onex.registry import Registry

    return run_check(Registry(load(root, snapshot=snapshot)), as_of)


# --- the key ---------------------------------------------------------------------------------


def _key(snapshot: Snapshot, as_of: dt.date) -> str:
    total = hashlib.sha256(f"onex check cache {FORMAT}\0{as_of.isoformat()}\0".encode())
    total.update(code_fingerprint())
    total.update(snapshot.digest())
    return total.hexdigest()


def code_fingerprint() -> bytes:
    """The onex version and source, the Python version, and where and when each library that
    shapes a result was installed (an upgrade rewrites its files). Nothing is imported."""
    total = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        total.update(path.relative_to(package).as_posix().encode() + b"\0")
        total.update(hashlib.sha256(path.read_bytes()).digest())
    for name in LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            info = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):
            info = origin = None
        described = f"{name}\0{origin}\0{info.st_size if info else ''}\0{info.st_mtime_ns if info else ''}\0"
        total.update(described.encode())
    return total.digest()


# --- the HMAC key, outside the registry ------------------------------------------------------


def key_path() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):  # the XDG spec: a relative path is to be ignored
        home = os.path.expanduser("~")
        if home == "~" or not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "onex" / "key"


def secret() -> bytes | None:
    """The HMAC key, created on first use; None when there is none that is safe to use."""
    path = key_path()
    if path is None:
        return None
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        _create_secret(path)
        return _read_secret(path)
    except OSError:
        return None


def _read_secret(path: Path) -> bytes | None:
    fd = os.open(path, _FLAGS)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077:
            return None  # another user could read it (and forge entries) or replace it
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            return None
        key = handle.read(KEY_BYTES + 1)
    return key if len(key) == KEY_BYTES else None


def _create_secret(path: Path) -> None:
    """32 random bytes, 0600, never over an existing file. A concurrent onex that reads the file
    before it is written finds no usable key and runs without the cache, once."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600
        )
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(KEY_BYTES))
        handle.flush()
        os.fsync(handle.fileno())


def _mac(secret: bytes, payload: bytes) -> bytes:
    return hmac.new(secret, payload, hashlib.sha256).hexdigest().encode()


# --- entries ---------------------------------------------------------------------------------


def _lookup(root: Path, as_of: dt.date, key: str, secret: bytes, name: str = ENTRY) -> CheckResult | None:
    entry = read_authenticated(root, name, secret)
    try:
        return None if entry is None else _result(entry, root, as_of, key)
    except (ValueError, TypeError, KeyError):
        return None


def read_authenticated(root: Path, name: str, secret: bytes) -> Any:
    """The JSON entry `name` of the registry's cache folder when its HMAC verifies, else None."""
    try:
        blob = _read_entry(root / CACHE_DIR, name)
    except OSError:
        return None
    if blob is None:
        return None
    mac, _, payload = blob.partition(b"\n")
    if not hmac.compare_digest(mac, _mac(secret, payload)):
        return None
    try:
        return json.loads(payload)
    except ValueError:
        return None


def write_authenticated(root: Path, name: str, secret: bytes, entry: Any) -> None:
    """Store `entry` (JSON) as `name` in the registry's cache folder with its HMAC; a registry
    that cannot take it (read-only, a full disk, a link in the way) simply has no entry."""
    try:
        payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
        _write_entry(root / CACHE_DIR, _mac(secret, payload) + b"\n" + payload, name)
    except (OSError, ValueError):
        pass


def _read_entry(folder: Path, name: str) -> bytes | None:
    if not stat.S_ISDIR(os.lstat(folder).st_mode):  # a link is not followed
        return None
    fd = os.open(folder / name, _FLAGS)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        return handle.read(MAX_ENTRY_BYTES + 1)


def _result(entry: Any, root: Path, as_of: dt.date, key: str) -> CheckResult | None:
    """The stored result, when the entry is exactly what `_store` writes for this key."""
    if not (
        type(entry) is dict
        and entry.get("format") == FORMAT
        and entry.get("onex") == __version__
        and entry.get("key") == key
        and type(entry.get("files")) is int
        and type(entry.get("colleges")) is list
        and all(type(c) is str for c in entry["colleges"])
        and type(entry.get("problems")) is list
        and type(entry.get("waivers")) is list
        and all(type(reason) is str for reason in entry["waivers"])
    ):
        return None
    problems = []
    for row in entry["problems"]:
        if type(row) is not list or len(row) != 12:
            return None
        rule, severity, file, line, column, college, message, waived, waiver, zh, en, key_path = row
        if not (
            all(type(v) is str for v in (rule, severity, file, message, zh, en, key_path))
            and type(line) is int
            and type(column) is int
            and (college is None or type(college) is str)
            and type(waived) is bool
            and (waiver is None or type(waiver) is int)
        ):
            return None
        problems.append(
            CachedProblem(
                rule,
                severity,
                file,
                line,
                column,
                college,
                message,
                {},
                waived,
                waiver,
                key_path,
                texts={"zh": zh, "en": en},
            )
        )
    registry = CachedRegistry(
        root=root, files=entry["files"], colleges=entry["colleges"], waiver_reasons=entry["waivers"]
    )
    return CheckResult(registry=registry, as_of=as_of, problems=problems)


def _store(root: Path, key: str, secret: bytes, result: CheckResult, name: str = ENTRY) -> None:
    if len(result.problems) > MAX_CACHED_PROBLEMS:
        return
    registry: Any = result.registry
    entry = {
        "format": FORMAT,
        "onex": __version__,
        "key": key,
        "files": registry.files,
        "colleges": sorted(registry.colleges),
        "waivers": list(registry.waiver_reasons),
        "problems": [
            [
                p.rule,
                p.severity,
                p.file,
                p.line,
                p.column,
                p.college,
                p.message,
                p.waived,
                p.waiver,
                p.text("zh"),
                p.text("en"),
                p.key,
            ]
            for p in result.problems
        ],
    }
    write_authenticated(root, name, secret, entry)


def _write_entry(folder: Path, blob: bytes, name: str) -> None:
    try:
        folder.mkdir()
    except FileExistsError:
        pass
    if not stat.S_ISDIR(os.lstat(folder).st_mode):
        return  # a link (or a file) named .onex-cache: never written through
    try:  # git ignores the folder even where the registry's .gitignore does not list it
        fd = os.open(folder / ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("# written by onex: its result cache, never committed\n*\n")
    except FileExistsError:
        pass
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(temporary, folder / name)  # replaces a link itself, never its target
    except BaseException:
        os.unlink(temporary)
        raise
