"""`check --since REV`: the base revision is the baseline, read from git, never from a file.

REV's tree is read through git plumbing (:mod:`onex.git`) into a :class:`onex.snapshot.Snapshot`
laid out exactly as :func:`onex.load.walk` would find it on disk, and checked by the same
pipeline (and result cache) as the work tree. The user's work tree and index are never touched.
Problems of the two are matched by :func:`onex.fingerprint.fingerprint`, following the renames
git detects between REV and what is committed or staged.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from onex.fingerprint import fingerprint
from onex.git import Entry, Repository
from onex.problems import Baseline, CheckResult, Problem
from onex.snapshot import Snapshot

BASE_ENTRY = "base.json"  # the cache entry of the last base revision checked
_LINK = "120000"


def _walked(rel: str) -> bool:
    """What `onex.load.walk` yields: YAML files, nothing hidden at any depth, nothing under the
    top-level `policy-tests/` (fixture registries of `onex test`)."""
    from onex.load import POLICY_TESTS

    parts = rel.split("/")
    if len(parts) > 1 and parts[0] == POLICY_TESTS:
        return False
    return not any(part.startswith(".") for part in parts) and parts[-1].lower().endswith((".yaml", ".yml"))


def _walk_order(rels: Iterable[str]) -> list[str]:
    """`rels` in the order `onex.load.walk` visits them: a folder's files by name, then its
    sub-folders depth first, last name first (walk pops folders from a stack)."""
    tree: dict = {}
    for rel in rels:
        node = tree
        *folders, name = rel.split("/")
        for folder in folders:
            node = node.setdefault(folder, {})
        node[name] = None

    def visit(node: dict, prefix: str) -> Iterator[str]:
        names = sorted(node)
        yield from (prefix + n for n in names if node[n] is None)
        for name in reversed([n for n in names if node[n] is not None]):
            yield from visit(node[name], f"{prefix}{name}/")

    return list(visit(tree, ""))


def snapshot_at(repo: Repository, commit: str, root: Path) -> Snapshot:
    """The registry as it is in `commit`, as a snapshot (file paths under `root` are never read)."""
    from onex.load import HARD_MAX_BYTES, _Refused

    entries = {e.rel: e for e in repo.files(commit)}
    chosen: dict[str, Entry] = {}
    refusals: dict[str, str] = {}
    missing: set[str] = set()
    for rel, entry in entries.items():
        if not _walked(rel):
            continue
        if entry.mode == _LINK:  # a symbolic link: judged as walk judges it, lexically
            target = repo.blobs([entry.oid]).get(entry.oid, b"").decode("utf-8", "surrogateescape")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            if target.startswith("/") or resolved == ".." or resolved.startswith("../"):
                refusals[rel] = "load.symlink_outside"
            elif any(part.startswith(".") for part in resolved.split("/")):
                refusals[rel] = "load.symlink_hidden"
            elif resolved in entries and entries[resolved].mode != _LINK:
                chosen[rel] = entries[resolved]
            else:
                missing.add(rel)
            continue
        chosen[rel] = entry
    order = _walk_order([*chosen, *refusals, *missing])
    snapshot = Snapshot(root=root, files=[(rel, root / rel, refusals.get(rel)) for rel in order])
    readable = [e.oid for e in chosen.values() if e.size is None or e.size <= HARD_MAX_BYTES]
    blobs = repo.blobs(readable)
    for rel, entry in chosen.items():
        if entry.oid in blobs:
            snapshot.contents[rel] = blobs[entry.oid]
        else:
            snapshot.contents[rel] = _Refused("read.too_large", size=entry.size or 0, limit=HARD_MAX_BYTES)
    for rel in missing:
        snapshot.contents[rel] = _Refused("load.unreadable", reason="No such file or directory")
    return snapshot


def mark(result: CheckResult, base: list[Problem], renames: dict[str, str], rev: str, commit: str) -> None:
    """Mark each problem of `result` new or not against the `base` problems; record the base
    problems that are gone as resolved. `renames`: new path -> old path."""
    renamed = {old: new for new, old in renames.items()}
    remaining = Counter(fingerprint(p, renamed.get(p.file, p.file)) for p in base)
    for problem in result.problems:
        found = fingerprint(problem)
        if remaining[found] > 0:
            remaining[found] -= 1
            problem.new = False
        else:
            problem.new = True
    resolved = []
    for problem in base:
        found = fingerprint(problem, renamed.get(problem.file, problem.file))
        if remaining[found] > 0:
            remaining[found] -= 1
            if not problem.waived:
                resolved.append(problem)
    result.baseline = Baseline(rev=rev, commit=commit, resolved=resolved)


def check_since(root: Path, as_of: dt.date, rev: str, *, cache: bool = True) -> CheckResult:
    """The work tree's problems, each marked new or not against those of `rev`."""
    from onex import cache as result_cache
    from onex.load import take_snapshot

    repo = Repository(root, "--since")
    commit = repo.resolve(rev)
    work = take_snapshot(root)
    renames = repo.renames(commit, None)
    renames.update(moved_unstaged(repo, commit, work, renames))  # before checking forgets the bytes
    result = result_cache.check(root, as_of, enabled=cache, snapshot=work)
    snapshot = snapshot_at(repo, commit, root)
    base = result_cache.check(root, as_of, enabled=cache, snapshot=snapshot, entry=BASE_ENTRY)
    mark(result, base.problems, renames, rev, commit)
    return result


def moved_unstaged(repo: Repository, commit: str, work: Snapshot, known: dict[str, str]) -> dict[str, str]:
    """New path -> old path for files moved in the work tree and not staged, which git cannot
    see as renames: a file `commit` does not have whose bytes are exactly those of a file of
    `commit` that is gone from the work tree (one match each; a moved file that was also edited
    is followed once the move is staged, `git add -A`, as git then compares contents)."""
    present = {rel for rel, _, _ in work.files}
    entries = repo.files(commit)
    before = {entry.rel for entry in entries}
    gone: dict[str, list[str]] = {}
    for entry in entries:
        if entry.rel not in present and entry.rel not in known.values():
            gone.setdefault(entry.oid, []).append(entry.rel)
    if not gone:
        return {}
    found: dict[str, str] = {}
    for rel, _, refusal in work.files:
        data = work.peek(rel)
        if refusal is not None or data is None or rel in known or rel in before:
            continue
        old = gone.get(repo.blob_id(data))
        if old and len(old) == 1:
            found[rel] = old.pop()
    return found
