"""Writing registry files without losing anything.

Every writing command (`plan --write`, `approve`, `fmt`, `import`) goes through here:
ruamel.yaml round-trip keeps comments, key order and quoting; the write is atomic (a temp file in
the same folder, fsync, the original's mode, re-read and verified, `os.replace`, fsync of the
folder); a lock keeps two writers from interleaving; a file that changed since it was read, or a
git merge/rebase in progress, makes the write refuse. An interrupted write leaves the original
file intact at every step (tests fail each step in turn, see `_step`).

Writes never leave the registry. While a command holds the lock of a registry, every folder from
the registry root down to the file, and the file itself, is opened with ``O_NOFOLLOW`` relative to
its parent (``dir_fd``): a symbolic link anywhere on the way (a ``plans/`` folder pointing outside,
a planted ``college.yaml`` or ``.github/workflows``, the lock file itself) makes the write refuse
with nothing written, the temporary file is created with ``O_EXCL``, and the rename happens inside
the folder that was checked. See docs/security.md, "Writes stay inside the registry".
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import functools
import hashlib
import io
import os
import re
import secrets
import stat
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
    "write.link": {
        "zh": "{file}：路径中的 {link} 是符号链接，onex 不会通过链接写入（它可能指向登记库之外）；未写入任何文件。请把链接换成普通的文件或目录",
        "en": "{file}: {link} is a symbolic link, and onex never writes through links (one may lead out of the "
        "registry); nothing was written. Replace the link with a plain file or folder",
    },
    "write.not_regular": {
        "zh": "{file} 不是普通文件（可能是目录、管道或设备文件），onex 不会写入它；未写入任何文件",
        "en": "{file} is not a regular file (perhaps a folder, a pipe or a device), so onex does not write it; "
        "nothing was written",
    },
    "write.outside": {
        "zh": "{file} 不在登记库 {root} 之内，onex 不会写入它；未写入任何文件",
        "en": "{file} is not inside the registry {root}, so onex does not write it; nothing was written",
    },
    "write.verify_failed": {
        "zh": "写出的 {file} 无法重新读取（{reason}）：原文件保持不变，请把此情况报告给 onex 维护者",
        "en": "the new {file} could not be read back ({reason}): the original is untouched; please report this to the onex maintainers",
    },
}
register(MESSAGES)

YAML11_BOOLEANS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false"})


# Characters a reader cannot see or that reorder text (bidi controls, zero-width characters,
# line separators; "Trojan Source"): written as escapes (`\u202e`), never raw, whatever the
# file held; ruamel's emitter would write them raw inside double quotes.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _escape_invisible(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04X}"


class _EscapingStream:
    """The emitter's stream while it writes a double-quoted scalar: invisible characters escaped."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: Any) -> Any:
        if isinstance(data, str):
            data = _INVISIBLE.sub(_escape_invisible, data)
        return self._stream.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@functools.cache
def _escaping_emitter() -> Any:
    from ruamel.yaml.emitter import RoundTripEmitter

    class EscapingEmitter(RoundTripEmitter):  # type: ignore[misc]
        def write_double_quoted(self, text: Any, split: Any = True) -> None:
            stream = self.stream
            self.stream = _EscapingStream(stream)
            try:
                super().write_double_quoted(text, split)
            finally:
                self.stream = stream

    return EscapingEmitter


def _step(name: str) -> None:
    """A named point of the write; tests replace this to fail the write at each step."""


def _yaml(indent: tuple[int, int] = (2, 2)) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    yaml = YAML()  # round-trip, YAML 1.2
    yaml.Emitter = _escaping_emitter()
    yaml.preserve_quotes = True
    yaml.width = 4096  # long CJK lines must not rewrap
    yaml.allow_unicode = True
    mapping, offset = indent
    yaml.indent(mapping=2, sequence=max(mapping, offset + 2), offset=offset)

    def represent_str(representer: Any, value: str) -> Any:
        if _INVISIBLE.search(value):  # only a double-quoted scalar can show them as escapes
            return representer.represent_data(DoubleQuotedScalarString(value))
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

    raw = _read_existing(path)
    if raw is None:
        data = CommentedMap(default or {})
        return Document(path, data, b"", False, (2, 0), exists=False)
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


# the registry whose lock the running command holds: every write must stay inside it
_ROOT: contextvars.ContextVar[Path | None] = contextvars.ContextVar("onex_write_root", default=None)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


@contextlib.contextmanager
def registry_lock(root: Path) -> Iterator[None]:
    """Hold `<root>/.onex.lock` for a read-modify-write; a second writer is refused, not queued.
    While it is held, every write must stay inside `root` and follow no link."""
    import fcntl

    lock = root / ".onex.lock"
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a committed .onex.lock link must not create a file elsewhere
            raise FatalError("write.link", file=str(lock), link=".onex.lock") from None
        raise
    token = _ROOT.set(root)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FatalError("write.not_regular", file=str(lock))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FatalError("write.locked", lock=str(lock)) from None
        yield
    finally:
        _ROOT.reset(token)
        os.close(fd)


def _parts_inside(path: Path, root: Path) -> tuple[str, ...]:
    """`path`'s components below `root` (compared as absolute paths, links not resolved)."""
    absolute, top = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    if not absolute.is_relative_to(top) or absolute == top:
        raise FatalError("write.outside", file=str(path), root=str(root))
    return absolute.relative_to(top).parts


def _open_folder(path: Path, root: Path | None, create: bool) -> int | None:
    """An fd of `path`'s folder, reached from `root` one component at a time without following a
    link; None when a folder is missing and `create` is false. Without a root (no registry lock
    is held: `onex schema --output`), the folder as given; only the file itself is not followed."""
    if root is None:
        folder = path.parent
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        try:
            return os.open(folder, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            return None
    parts = _parts_inside(path, root)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    walked: list[str] = []
    try:
        for part in parts[:-1]:
            walked.append(part)
            try:
                child = os.open(part, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    os.close(fd)
                    return None
                os.mkdir(part, 0o777, dir_fd=fd)
                child = os.open(part, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(part, fd):
                    raise FatalError("write.link", file=str(path), link="/".join(walked)) from None
                raise
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def refuse_links(root: Path, rels: list[str]) -> None:
    """Refuse (`write.link`) before anything is written when a link lies on the way to any of
    `rels` below `root`: a command that writes several files writes all of them or none."""
    for rel in rels:
        walked = root
        for part in Path(rel).parts:
            walked = walked / part
            if walked.is_symlink():
                raise FatalError("write.link", file=str(root / rel), link=walked.relative_to(root).as_posix())
            if not walked.exists():
                break


def _is_link(name: str, dir_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=dir_fd).st_mode)
    except OSError:
        return False


def _existing(path: Path, name: str, dir_fd: int) -> os.stat_result | None:
    """The target's own status (None if missing); a link or a non-regular file is refused."""
    try:
        info = os.lstat(name, dir_fd=dir_fd)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        raise FatalError("write.link", file=str(path), link=path.name)
    if not stat.S_ISREG(info.st_mode):
        raise FatalError("write.not_regular", file=str(path))
    return info


def _read_at(name: str, dir_fd: int) -> bytes | None:
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW, dir_fd=dir_fd)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def _read_existing(path: Path) -> bytes | None:
    """The bytes of a file about to be edited (None if missing), reached as the write will be."""
    folder = _open_folder(path, _ROOT.get(), create=False)
    if folder is None:
        return None
    try:
        if _existing(path, path.name, folder) is None:
            return None
        return _read_at(path.name, folder)
    finally:
        os.close(folder)


def write_atomic(path: Path, data: bytes, expected: bytes | None, verify: bool = True) -> None:
    """Replace `path` with `data` atomically. `expected` is what the file held when it was read
    (None for a file that did not exist): if it changed meanwhile, nothing is written.
    `verify=False` for files that are not YAML records (a .gitignore, a JSON schema).
    Inside the registry whose lock is held, no link is followed (see the module's docstring)."""
    from onex.yamlread import ReadError, read_document

    root = _ROOT.get()
    if root is not None:
        _parts_inside(path, root)
    what = _git_busy(Path(os.path.abspath(path.parent)))
    if what:
        raise FatalError("write.git_busy", what=what)
    folder = _open_folder(path, root, create=True)
    assert folder is not None  # created when missing
    try:
        _write_in(folder, path, data, expected, verify, ReadError, read_document)
    finally:
        os.close(folder)


def _write_in(
    folder: int, path: Path, data: bytes, expected: bytes | None, verify: bool, read_error: Any, read: Any
) -> None:
    name = path.name
    info = _existing(path, name, folder)
    if info is not None:
        mode = stat.S_IMODE(info.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    _step("open")
    temp = f".{name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            _step("write")
            handle.write(data)
            handle.flush()
            _step("fsync")
            os.fsync(handle.fileno())
            _step("chmod")
            os.fchmod(handle.fileno(), mode)
        _step("verify")
        try:
            if verify:
                read(_read_at(temp, folder) or b"")
        except read_error as exc:
            raise FatalError("write.verify_failed", file=str(path), reason=exc.message) from None
        _existing(path, name, folder)  # not replaced by a link meanwhile
        current = _read_at(name, folder)
        if _digest(current) != _digest(expected):
            raise FatalError("write.changed_meanwhile", file=str(path))
        _step("replace")
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp, dir_fd=folder)
        raise
    _step("fsync-folder")
    with contextlib.suppress(OSError):
        os.fsync(folder)


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
