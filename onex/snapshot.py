"""Every file of a registry read at one moment: what the result cache hashes and `load` then checks.

Reading the files once, before anything else, makes the cache exact: the result stored under a
key was computed from the very bytes the key hashes, so an editor saving a file while `onex check`
runs can never leave a result filed under the wrong content. It also saves reading twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


class Refused(Exception):
    """A file that is not read: why (a message id) and its values."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


_Refused = Refused


@dataclass
class Snapshot:
    """Made by :func:`onex.load.take_snapshot`, which walks and reads (this module does neither,
    so that `load` can use it without the two importing each other)."""

    root: Path
    # walk's output: (relative path, absolute path, refusal message id or None), in walk order
    files: list[tuple[str, Path, str | None]]
    # relative path -> the file's bytes (at most HARD_MAX_BYTES), or why it could not be read
    contents: dict[str, bytes | _Refused] = field(default_factory=dict)
    # (path, limit) -> at most `limit` bytes of the file, or Refused: for files not read yet
    reader: Callable[[Path, int], bytes] | None = None

    @property
    def complete(self) -> bool:
        """Whether every file was read: only then is a check result a function of this snapshot
        alone (a refused link or an unreadable file is reported from what is on disk later)."""
        return all(refusal is None for _, _, refusal in self.files) and all(
            isinstance(content, bytes) for content in self.contents.values()
        )

    def digest(self) -> bytes:
        """SHA-256 over every path and the SHA-256 of its bytes, in walk order."""
        total = hashlib.sha256()
        for rel, _, refusal in self.files:
            content = self.contents.get(rel)
            total.update(rel.encode("utf-8", "surrogateescape") + b"\0")
            if isinstance(content, bytes):
                total.update(b"B" + hashlib.sha256(content).digest())
            else:
                total.update(f"R{refusal}\0{content and content.message}\0".encode())
        return total.digest()

    def peek(self, rel: str) -> bytes | None:
        content = self.contents.get(rel)
        return content if isinstance(content, bytes) else None

    def read(self, rel: str, path: Path, limit: int) -> bytes:
        """What :func:`onex.load._read_bytes` would give for `limit`, from the snapshot (and
        forgotten there: each file is checked once, and its bytes need not stay in memory)."""
        content = self.contents.pop(rel, None)
        if content is None:
            if self.reader is None:
                raise Refused("load.unreadable", reason="No such file or directory")
            return self.reader(path, limit)
        if isinstance(content, _Refused):
            if content.message == "read.too_large":
                raise _Refused("read.too_large", size=content.params["size"], limit=limit)
            raise content
        if len(content) > limit:
            raise _Refused("read.too_large", size=len(content), limit=limit)
        return content
