"""Writing registry files without losing anything.

Every writing command (`plan --write`, `approve`, `fmt`, `import`) goes through here:
ruamel.yaml round-trip keeps comments, key order and quoting; the write is atomic (a temp file in
the same folder, fsync, the original's mode, re-read and verified, `os.replace`, fsync of the
folder); a lock keeps two writers from interleaving; a file that changed since it was read, or a
git merge/rebase in progress, makes the write refuse. An interrupted write leaves the original
file intact at every step (tests fail each step in turn, see `_step`).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onex.errors import FatalError
from onex.messages import register

MESSAGES = {
    "write.locked": {
        "zh": "另一个 onex 命令正在写入登记库（锁文件 {lock}）：等它结束后再试",
        "en": "another onex command is writing to the registry (lock {lock}): try again when it has finished",
    },
    "write.git_busy": {
        "zh": "git 正在进行合并或变基（{what}）：先完成或放弃它，再让 onex 写文件",
        "en": "git is in the middle of a {what}: finish or abort it before onex writes files",
    },
    "write.changed_meanwhile": {
        "zh": "{file} 在读取之后被修改过（可能是编辑器保存了它）：未写入，请重新运行命令",
        "en": "{file} changed after onex read it (an editor may have saved it): nothing was written, run the command again",
    },
    "write.unreadable": {
        "zh": "无法按原样编辑 {file}：{reason}。请先用 onex check 修正它",
        "en": "{file} cannot be edited as it is: {reason}. Fix it first (onex check shows how)",
    },
    "write.verify_failed": {
        "zh": "写出的 {file} 无法重新读取（{reason}）：原文件保持不变，请把此情况报告给 onex 维护者",
        "en": "the new {file} could not be read back ({reason}): the original is untouched; please report this to the onex maintainers",
    },
}
register(MESSAGES)

YAML11_BOOLEANS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false"})


def _step(name: str) -> None:
    """A named point of the write; tests replace this to fail the write at each step."""


def _yaml(indent: tuple[int, int] = (2, 2)) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    yaml = YAML()  # round-trip, YAML 1.2
    yaml.preserve_quotes = True
    yaml.width = 4096  # long CJK lines must not rewrap
    yaml.allow_unicode = True
    mapping, offset = indent
    yaml.indent(mapping=2, sequence=max(mapping, offset + 2), offset=offset)

    def represent_str(representer: Any, value: str) -> Any:
        # YAML 1.1 tools read these as booleans: quote new ones (existing quoting is preserved)
        if value.lower() in YAML11_BOOLEANS:
            return representer.represent_data(SingleQuotedScalarString(value))
        return representer.represent_str(value)

    yaml.representer.add_representer(str, represent_str)
    representer = yaml.representer
    default_key = representer.represent_key

    def represent_key(value: Any) -> Any:
        # keys are field names (`on:` of an approval), never quoted as YAML 1.1 booleans
        if type(value) is str:
            return representer.represent_str(value)
        return default_key(value)

    representer.represent_key = represent_key
    return yaml


@dataclass
class Document:
    """A YAML file opened for editing: `data` is ruamel's round-trip tree."""

    path: Path
    data: Any
    original: bytes  # the bytes as read (None-equivalent b"" for a new file)
    crlf: bool
    indent: tuple[int, int]  # (sequence indent, offset) as guessed from the file
    exists: bool

    def render(self) -> str:
        stream = io.StringIO()
        _yaml(self.indent).dump(self.data, stream)
        text = stream.getvalue()
        return text.replace("\n", "\r\n") if self.crlf else text

    def changed(self) -> bool:
        return self.render().encode("utf-8") != self.original


def _guess_indent(text: str) -> tuple[int, int]:
    """(sequence indent, dash offset) of the first block sequence item; (2, 0) by default."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if stripped.startswith("- ") and number:
            dash = len(line) - len(stripped)
            previous = next(
                (p for p in reversed(lines[:number]) if p.strip() and not p.lstrip().startswith("#")), ""
            )
            parent = len(previous) - len(previous.lstrip(" "))
            if previous.rstrip().endswith(":") and dash >= parent:
                offset = dash - parent
                return (offset + 2, offset)
    return (2, 0)


def open_document(path: Path, default: Any = None) -> Document:
    """Read `path` for editing; a missing file starts from `default` (a dict)."""
    from ruamel.yaml import CommentedMap

    from onex.yamlread import ReadError, decode, read_document

    if not path.exists():
        data = CommentedMap(default or {})
        return Document(path, data, b"", False, (2, 0), exists=False)
    raw = path.read_bytes()
    try:
        read_document(raw)  # the same refusals as `onex check`: tags, aliases, bad encodings…
        text = decode(raw)
    except ReadError as exc:
        from onex.messages import render

        reason = f"{render(exc.message, exc.params, 'en')} (line {exc.line})"
        raise FatalError("write.unreadable", file=str(path), reason=reason) from None
    indent = _guess_indent(text)
    data = _yaml(indent).load(text)
    if data is None:
        data = CommentedMap(default or {})
    return Document(path, data, raw, crlf=b"\r\n" in raw, indent=indent, exists=True)


def _git_busy(folder: Path) -> str | None:
    for parent in (folder, *folder.parents):
        git = parent / ".git"
        if git.is_dir():
            if (git / "MERGE_HEAD").exists():
                return "merge"
            if (git / "rebase-merge").exists() or (git / "rebase-apply").exists():
                return "rebase"
            return None
    return None


@contextlib.contextmanager
def registry_lock(root: Path) -> Iterator[None]:
    """Hold `<root>/.onex.lock` for a read-modify-write; a second writer is refused, not queued."""
    import fcntl

    lock = root / ".onex.lock"
    handle = open(lock, "a+")  # noqa: SIM115 - held for the duration
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FatalError("write.locked", lock=str(lock)) from None
        yield
    finally:
        handle.close()


def write_atomic(path: Path, data: bytes, expected: bytes | None, verify: bool = True) -> None:
    """Replace `path` with `data` atomically. `expected` is what the file held when it was read
    (None for a file that did not exist): if it changed meanwhile, nothing is written.
    `verify=False` for files that are not YAML records (a .gitignore, a JSON schema)."""
    from onex.yamlread import ReadError, read_document

    folder = path.parent
    what = _git_busy(folder.resolve())
    if what:
        raise FatalError("write.git_busy", what=what)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    _step("open")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            _step("write")
            handle.write(data)
            handle.flush()
            _step("fsync")
            os.fsync(handle.fileno())
        _step("chmod")
        os.chmod(temp, mode)
        _step("verify")
        try:
            if verify:
                read_document(Path(temp).read_bytes())
        except ReadError as exc:
            raise FatalError("write.verify_failed", file=str(path), reason=exc.message) from None
        current = path.read_bytes() if path.exists() else None
        if _digest(current) != _digest(expected):
            raise FatalError("write.changed_meanwhile", file=str(path))
        _step("replace")
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _step("fsync-folder")
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def save(document: Document) -> bool:
    """Write the document if its text changed; return whether it was written (idempotence)."""
    if document.exists and not document.changed():
        return False
    write_atomic(
        document.path, document.render().encode("utf-8"), document.original if document.exists else None
    )
    return True
