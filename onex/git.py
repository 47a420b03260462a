"""Every git call onex makes, and only here: read trees, blobs and renames, never run a program.

The registry is a git repository that a pull request controls, `.git/config` included when a
runner reuses a checkout or a coordinator clones a stranger's repository. git runs programs
named in configuration (`core.fsmonitor`, `filter.<name>.clean`, `diff.external`,
`diff.<driver>.textconv`, `core.pager`, hooks), so onex calls it in exactly one way:

* an argument vector, never a shell; every revision a user gives is resolved first with
  ``git rev-parse --verify --end-of-options REV^{commit}`` and only the commit id it names is
  used afterwards, so a value like ``--output=/tmp/x`` or ``-p`` is refused (exit 2), never read
  as an option;
* an environment without the caller's ``GIT_*`` variables (no ``GIT_EXTERNAL_DIFF``,
  ``GIT_CONFIG_PARAMETERS``, ``GIT_DIR`` ...), with no system configuration, a neutral global one
  (``GIT_CONFIG_GLOBAL=/dev/null``), no terminal prompts, no pager and no optional locks;
* configuration overrides that switch off what the repository's own configuration could start:
  ``core.fsmonitor=false``, ``core.hooksPath=/dev/null``, ``diff.external=``, ``core.pager=cat``,
  and ``--no-ext-diff --no-textconv`` on every diff;
* only plumbing that reads the object database: ``ls-tree``, ``cat-file --batch`` (raw blobs, no
  filters), ``diff-tree``/``diff-index --cached`` between trees and the index. The work tree is
  never read by git (that is where clean filters and fsmonitor run): onex hashes the files it
  reads itself. Nothing is checked out, the index is never written.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from onex.errors import FatalError
from onex.messages import LANGS, Text, register, render

MESSAGES = {
    "git.bad_revision": {
        "zh": "修订版本 {rev!r} 无效：请给出分支名、标签或提交号（如 origin/main、HEAD~1），不能为空或以 - 开头",
        "en": "{rev!r} is not a revision: give a branch, tag or commit (e.g. origin/main, HEAD~1), not empty and not starting with -",
    },
    "git.unknown_revision": {
        "zh": "git 仓库中没有提交 {rev}{shallow}。请先获取它：{fetch}（GitHub Actions 中给 actions/checkout 设置 fetch-depth: 0）",
        "en": "the git repository has no commit {rev}{shallow}. Fetch it first: {fetch} (in GitHub Actions, set fetch-depth: 0 on actions/checkout)",
    },
    "git.shallow": {
        "zh": "（这是浅克隆，历史不完整）",
        "en": " (this is a shallow clone: history is missing)",
    },
    "git.not_a_repository": {
        "zh": "{path} 不在 git 仓库中（git：{reason}）：{option} 需要登记库位于 git 仓库内",
        "en": "{path} is not inside a git repository (git: {reason}): {option} needs the registry to be in one",
    },
    "git.missing": {
        "zh": "找不到 git 命令（{reason}）：{option} 需要安装 git",
        "en": "the git command cannot be run ({reason}): {option} needs git installed",
    },
    "git.failed": {
        "zh": "git {command} 失败：{reason}",
        "en": "git {command} failed: {reason}",
    },
    "git.no_default_branch": {
        "zh": "找不到默认分支（origin/HEAD、origin/main、origin/master、main、master 都不存在）：请明确给出要比较的修订版本",
        "en": "no default branch found (none of origin/HEAD, origin/main, origin/master, main, master): name the revision to compare with",
    },
}
register(MESSAGES)

# Overrides for whatever the repository's configuration says: nothing git could start on its own.
_OVERRIDES = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "diff.external=",
    "core.quotePath=false",
    "core.untrackedCache=false",
    "core.splitIndex=false",
    "index.skipHash=false",
)
# Regardless of the caller's environment: no system config, a neutral global one, no prompts.
_ENVIRONMENT = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_LITERAL_PATHSPECS": "1",
    "GIT_NO_REPLACE_OBJECTS": "1",
    "LC_ALL": "C",
    "LANGUAGE": "C",
}


def environment() -> dict[str, str]:
    """The caller's environment without any GIT_* variable, plus the fixed settings above."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k not in ("PAGER", "EDITOR")}
    env.update(_ENVIRONMENT)
    return env


def _safe_directories() -> list[str]:
    """`safe.directory` values of the caller's own global and system configuration.

    git refuses a repository owned by another user (a CI container) unless one of these names
    it; the neutral global configuration would otherwise forget them. Read outside any
    repository, so no repository configuration is involved."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    values = []
    for scope in ("--system", "--global"):
        try:
            done = subprocess.run(
                ["git", "config", scope, "--get-all", "safe.directory"],
                capture_output=True,
                env=env,
                cwd=os.path.abspath(os.sep),
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except OSError:
            return []
        values += [v for v in done.stdout.decode("utf-8", "surrogateescape").splitlines() if v]
    return values


class _Settings:
    @cached_property
    def prefix(self) -> list[str]:
        args = ["git"]
        for value in _safe_directories():
            args += ["-c", f"safe.directory={value}"]
        for override in _OVERRIDES:
            args += ["-c", override]
        return args


_SETTINGS = _Settings()


def run(
    cwd: Path, args: list[str], *, option: str, stdin: bytes | None = None, ok: Iterable[int] = (0,)
) -> subprocess.CompletedProcess[bytes]:
    """`git <args>` in `cwd`, the one way onex runs git. `option` names what needed git (for
    messages). Exit codes outside `ok` are a FatalError quoting git's first line of stderr."""
    command = [*_SETTINGS.prefix, *args]
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=environment(),
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise FatalError("git.missing", reason=exc.strerror or str(exc), option=option) from None
    if done.returncode not in ok:
        reason = (done.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {done.returncode}"])[
            0
        ]
        raise FatalError("git.failed", command=args[0], reason=reason)
    return done


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class Entry:
    """A file of a commit's tree, relative to the registry folder."""

    rel: str
    mode: str  # "100644", "100755", "120000" (a symbolic link)
    oid: str
    size: int | None


def check_revision_text(rev: str) -> None:
    """Refuse what can never be a revision before git sees it (exit 2)."""
    if not rev or not rev.strip() or rev.startswith("-") or any(c in rev for c in "\0\n\r"):
        raise FatalError("git.bad_revision", rev=rev)


class Repository:
    """The git repository holding a registry folder, read through plumbing only."""

    def __init__(self, root: Path, option: str) -> None:
        self.root = root.resolve()
        self.option = option
        done = run(self.root, ["rev-parse", "--show-toplevel", "--show-prefix"], option=option, ok=(0, 128))
        lines = _text(done.stdout).split("\n")
        if done.returncode != 0 or len(lines) < 2:
            reason = (_text(done.stderr).strip().splitlines() or ["?"])[0].removeprefix("fatal: ")
            raise FatalError("git.not_a_repository", path=str(root), option=option, reason=reason)
        self.top = Path(lines[0])
        self.prefix = lines[1]  # "" or "registry/" (with a trailing slash)
        self._files: dict[str, list[Entry]] = {}  # commit -> its files (a commit never changes)

    def git(self, *args: str, stdin: bytes | None = None, ok: Iterable[int] = (0,)) -> bytes:
        return run(self.root, list(args), option=self.option, stdin=stdin, ok=ok).stdout

    # --- revisions ------------------------------------------------------------------------

    def resolve(self, rev: str) -> str:
        """The commit id `rev` names; exit 2 for anything else (with how to fetch it)."""
        check_revision_text(rev)
        commit = self.try_resolve(rev)
        if commit is not None:
            return commit
        shallow = _text(self.git("rev-parse", "--is-shallow-repository")).strip() == "true"
        fetch = "git fetch --unshallow" if shallow else f"git fetch origin {rev}"
        note = Text({lang: render("git.shallow", {}, lang) for lang in LANGS}) if shallow else ""
        raise FatalError("git.unknown_revision", rev=rev, fetch=fetch, shallow=note)

    def try_resolve(self, rev: str) -> str | None:
        """The commit id `rev` names, or None (for names onex itself tries, such as origin/main)."""
        done = run(
            self.root,
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
            option=self.option,
            ok=(0, 1, 128),
        )
        commit = _text(done.stdout).strip()
        return commit if done.returncode == 0 and commit else None

    def default_branch(self) -> str:
        """The commit of the default branch: origin/HEAD, else origin/main, origin/master, main,
        master (the first that exists)."""
        done = run(
            self.root,
            ["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"],
            option=self.option,
            ok=(0, 1, 128),
        )
        candidates = [_text(done.stdout).strip()] if done.returncode == 0 else []
        candidates += [
            "refs/remotes/origin/main",
            "refs/remotes/origin/master",
            "refs/heads/main",
            "refs/heads/master",
        ]
        for name in candidates:
            if name and (commit := self.try_resolve(name)):
                return commit
        raise FatalError("git.no_default_branch")

    def merge_base(self, a: str, b: str) -> str:
        return _text(self.git("merge-base", a, b)).strip()

    def head(self) -> str | None:
        return self.try_resolve("HEAD")

    # --- trees and blobs ------------------------------------------------------------------

    def files(self, commit: str) -> list[Entry]:
        """Every file of the registry folder in `commit` (paths relative to the registry), listed
        once per commit however often asked (`check --since` reads them for the snapshot, the
        renames and what changed)."""
        if commit not in self._files:
            self._files[commit] = self._list_files(commit)
        return self._files[commit]

    def _list_files(self, commit: str) -> list[Entry]:
        args = ["ls-tree", "-r", "-z", "--long", "--full-tree", commit]
        if self.prefix:
            args += ["--", self.prefix]
        out = []
        for item in _text(self.git(*args)).split("\0"):
            if not item:
                continue
            meta, _, path = item.partition("\t")
            mode, kind, oid, size = meta.split()
            if kind != "blob" or not path.startswith(self.prefix):
                continue
            out.append(Entry(path[len(self.prefix) :], mode, oid, int(size) if size.isdigit() else None))
        return out

    def blobs(self, oids: Iterable[str]) -> dict[str, bytes]:
        """The raw content of each blob (`cat-file --batch`: no filter, no textconv)."""
        wanted = list(dict.fromkeys(oids))
        if not wanted:
            return {}
        out = self.git("cat-file", "--batch", stdin="".join(f"{oid}\n" for oid in wanted).encode())
        blobs: dict[str, bytes] = {}
        at = 0
        for oid in wanted:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            if len(header) != 3:  # "<oid> missing"
                at = end + 1
                continue
            size = int(header[2])
            blobs[oid] = out[end + 1 : end + 1 + size]
            at = end + 1 + size + 1
        return blobs

    def blob_id(self, data: bytes) -> str:
        """The id git gives a blob of these bytes (raw: no filter ran), in this repository's hash."""
        return hashlib.new(self.object_format, b"blob %d\0" % len(data) + data).hexdigest()

    @cached_property
    def object_format(self) -> str:
        """ "sha1", or "sha256" for a repository created so."""
        found = _text(self.git("rev-parse", "--show-object-format")).strip()
        return "sha256" if found == "sha256" else "sha1"

    # --- renames --------------------------------------------------------------------------

    def renames(self, old: str, new: str | None) -> dict[str, str]:
        """Registry-relative new path -> old path, for the files git sees renamed from commit
        `old` to commit `new` (None: to the index, i.e. what is committed and staged)."""
        common = ["-r", "-z", "-M", "--name-status", "--no-ext-diff", "--no-textconv"]
        if new is None:
            args = ["diff-index", "--cached", *common, old]
        else:
            args = ["diff-tree", *common, old, new]
        if self.prefix:
            args += ["--", self.prefix]
        items = _text(self.git(*args)).split("\0")
        out: dict[str, str] = {}
        i = 0
        while i < len(items):
            status = items[i]
            if not status:
                i += 1
                continue
            if status.startswith(("R", "C")):
                before, after = items[i + 1], items[i + 2]
                if (
                    status.startswith("R")
                    and before.startswith(self.prefix)
                    and after.startswith(self.prefix)
                ):
                    out[after[len(self.prefix) :]] = before[len(self.prefix) :]
                i += 3
            else:
                i += 2
        return out

    # --- what changed -----------------------------------------------------------------------

    def changed_since(self, commit: str, files: Iterable[tuple[str, bytes]]) -> set[str]:
        """Of the registry files given as (relative path, bytes read from the work tree), those
        whose bytes differ from `commit`'s or that `commit` does not have."""
        known = {entry.rel: entry.oid for entry in self.files(commit)}
        return {rel for rel, data in files if known.get(rel) != self.blob_id(data)}


def repository(root: Path, option: str) -> Repository:
    return Repository(root, option)
