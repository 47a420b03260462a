"""`onex fmt`: one canonical layout for every record, keeping every comment.

The layout: keys in the order of the record's model (the SPEC's order), unknown keys last as
written; 2-space indentation with list items indented under their key (`key:\n  - item`); flow
items stay flow (a candidate stays one line); numbers written where text belongs (a code, a
student number) become quoted text when that loses nothing (`major: 0510201` → `"0510201"`);
enum words keep the language they were written in (`result: 通过` stays 通过: canonical means
layout, not vocabulary); CJK as is; comments stay where they were relative to the keys they
describe. Formatting twice changes nothing.

ruamel.yaml attaches the comment lines *above* a key to the end of the previous key's value, so
reordering keys naively would move a comment to the wrong key. `_reorder` therefore splits each
key's trailing comment into "end of line" (stays) and "lines below" (belongs to the next key)
and re-attaches the lines below to the key's new predecessor.

Speed: a file whose text `onex.canonical` proves canonical is never round-tripped (most of a
registry, ~25x faster), and a file found canonical is remembered by content in the result
cache folder (`CanonicalMemo`), so an unchanged registry is not parsed again at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from onex.canonical import arms, canonical_key_order, field_order, is_model, wants_text
from onex.errors import FatalError
from onex.messages import LANGS, Text, register, render
from onex.models import MODELS

MESSAGES = {
    "fmt.would_change": {"zh": "需要重新格式化：{file}", "en": "would reformat {file}"},
    "fmt.changed": {"zh": "已重新格式化：{file}", "en": "reformatted {file}"},
    "fmt.unreadable": {
        "zh": "{file}:{line}: 无法读取，已跳过（REG-001）：{reason}",
        "en": "{file}:{line}: cannot be read, skipped (REG-001): {reason}",
    },
    "fmt.summary_check": {
        "zh": "{changed} 个文件需要重新格式化，{same} 个文件格式正确，{skipped} 个文件无法读取",
        "en": "{changed} file(s) would be reformatted, {same} already formatted, {skipped} unreadable",
    },
    "fmt.summary": {
        "zh": "{changed} 个文件已重新格式化，{same} 个文件格式正确，{skipped} 个文件无法读取",
        "en": "{changed} file(s) reformatted, {same} already formatted, {skipped} unreadable",
    },
    "fmt.progress": {"zh": "格式化", "en": "formatting"},
    "fmt.no_such_path": {
        "zh": "路径不存在：{path}",
        "en": "no such file or folder: {path}",
    },
}
register(MESSAGES)

# (sequence indent, dash offset) for onex.write: `key:\n  - item`
CANONICAL_INDENT = (4, 2)
_NUMBER_TOKEN = re.compile(r"[0-9][0-9.]*")


# --- the canonical tree -----------------------------------------------------------------------


def canonicalize(data: Any, kind: str, text: str) -> Any:
    """Bring a round-trip tree of a `kind` record into the canonical layout, in place."""
    lines = text.split("\n")
    return _fix(data, MODELS[kind], lambda: None, lines)


def _as_text(value: Any, token: Callable[[], str | None]) -> Any:
    """A number written where text belongs, quoted exactly as written (`0123` → "0123").

    Only when the written form means that number: `1e3` or `0x1F` are left for `onex check`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    written = token()
    if written is None or not _NUMBER_TOKEN.fullmatch(written):
        return value
    try:
        same = float(written) == float(value)
    except ValueError:
        return value
    if not same:
        return value
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(written)


def _token_at(lines: list[str], position: tuple[int, int] | None) -> str | None:
    if position is None:
        return None
    line, column = position
    if line >= len(lines):
        return None
    match = re.match(r"[^\s,\]}#]+", lines[line][column:])
    return match.group(0) if match else None


def _position(container: Any, key: Any) -> tuple[int, int] | None:
    try:
        if isinstance(container, list):
            return container.lc.item(key)
        return container.lc.value(key)
    except (AttributeError, KeyError, IndexError, TypeError):
        return None


def _fix(node: Any, tp: Any, token: Callable[[], str | None], lines: list[str]) -> Any:
    """The canonical form of `node` typed `tp`; containers are changed in place."""
    if node is None:
        return node
    found = arms(tp)
    if isinstance(node, dict):
        model = next((a for a in found if is_model(a)), None)
        if model is not None:
            _fix_model(node, model, lines)
            return node
        mapping = next((a for a in found if get_origin(a) is dict), None)
        if mapping is not None:
            key_tp, value_tp = get_args(mapping) or (Any, Any)
            _fix_mapping(node, key_tp, value_tp, lines)
        return node
    if isinstance(node, list):
        sequence = next((a for a in found if get_origin(a) is list), None)
        if sequence is not None:
            (item_tp,) = get_args(sequence) or (Any,)
            for index in range(len(node)):
                fixed = _fix(node[index], item_tp, _token_getter(node, index, lines), lines)
                if fixed is not node[index]:
                    node[index] = fixed
        return node
    if wants_text(tp):
        return _as_text(node, token)
    return node


def _token_getter(container: Any, key: Any, lines: list[str]) -> Callable[[], str | None]:
    return lambda: _token_at(lines, _position(container, key))


def _fix_mapping(node: Any, key_tp: Any, value_tp: Any, lines: list[str]) -> None:
    for key in list(node):
        value = node[key]
        fixed = _fix(value, value_tp, _token_getter(node, key, lines), lines)
        if fixed is not value:
            node[key] = fixed


def _fix_model(node: Any, model: type[BaseModel], lines: list[str]) -> None:
    fields, order = field_order(model)
    for key in list(node):
        if key in fields:
            value = node[key]
            fixed = _fix(value, fields[key], _token_getter(node, key, lines), lines)
            if fixed is not value:
                node[key] = fixed
    keys = list(node)
    wanted = canonical_key_order(keys, order)
    if wanted != keys:
        _reorder(node, wanted)


# --- reordering keys with their comments ------------------------------------------------------


def _is_flow(node: Any) -> bool:
    fa = getattr(node, "fa", None)
    return bool(fa is not None and fa.flow_style())


@dataclass
class _Tail:
    """Where ruamel keeps the comments that follow a value: a token slot after its last node
    (`holder[index]`), and the end-comment lists of the block collections it ends with."""

    holder: list[Any]
    index: int
    collections: list[Any]

    def take_below(self) -> tuple[str, str]:
        """Remove and return (end-of-line comment, the comment lines below the value)."""
        token = self.holder[self.index]
        end, rest = _split(token.value if token is not None else "")
        for collection in reversed(self.collections):  # the innermost ends first
            tokens = getattr(collection.ca, "end", None) or []
            rest += "".join(t.value for t in tokens)
            if tokens:
                collection.ca.end = []
        if token is not None:
            token.value = end or "\n"  # "\n": no comment (an empty token breaks the emitter)
        return end, rest

    def put(self, end: str, below: str) -> None:
        from ruamel.yaml.error import CommentMark
        from ruamel.yaml.tokens import CommentToken

        text = (end or "\n") + below if below else end
        token = self.holder[self.index]
        if token is not None:
            token.value = text or "\n"
        elif text:
            self.holder[self.index] = CommentToken(text, CommentMark(0))


def _tail(container: Any, key: Any) -> _Tail:
    """The comments after the value of `container[key]`: they follow the deepest last node."""
    collections = []
    while True:
        value = container[key]
        if _is_flow(value) or not isinstance(value, (dict, list)) or not len(value):
            break
        collections.append(value)
        container, key = value, (next(reversed(value)) if isinstance(value, dict) else len(value) - 1)
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    return _Tail(entry, 0 if isinstance(container, list) else 2, collections)


def _split(text: str) -> tuple[str, str]:
    """(end-of-line part including its newline, the comment lines below it)."""
    newline = text.find("\n")
    if newline < 0:
        return text, ""
    return text[: newline + 1], text[newline + 1 :]


def _reorder(node: Any, wanted: list[Any]) -> None:
    keys = list(node)
    if _is_flow(node) or not hasattr(node, "ca"):
        for key in wanted:
            node.move_to_end(key)
        return
    above: dict[Any, str] = {}  # key -> the comment lines above it (None: below the whole mapping)
    ends: dict[Any, str] = {}
    for position, key in enumerate(keys):
        ends[key], below = _tail(node, key).take_below()
        above[keys[position + 1] if position + 1 < len(keys) else None] = below
    for key in wanted:
        node.move_to_end(key)
    first = above.pop(wanted[0], "")
    if first and not _add_header(node, first):
        ends[wanted[0]] = (ends[wanted[0]] or "\n") + first  # no place above a list item's first key
    for position, key in enumerate(wanted):
        following = wanted[position + 1] if position + 1 < len(wanted) else None
        _tail(node, key).put(ends[key], above.get(following, ""))


def _add_header(node: Any, text: str) -> bool:
    """Put comment lines above the first key of a mapping, where ruamel has a place for them."""
    comment = node.ca.comment
    if comment and len(comment) > 1 and comment[1]:
        last = comment[1][-1]
        last.value = last.value + text if last.value.endswith("\n") else last.value + "\n" + text
        return True
    return False


# --- files ------------------------------------------------------------------------------------


@dataclass
class FileOutcome:
    rel: str
    path: Path
    status: str  # "same", "changed", "unreadable"
    message: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Target:
    root: Path
    rel: str
    path: Path
    kind: str


class CanonicalMemo:
    """The files of one registry already known to be canonical, by content and kind.

    Formatting with ruamel round-trip is slow (~0.1 MB/s), and almost every file of a registry is
    canonical already. So `fmt` remembers the SHA-256 of each file it found canonical, in the
    result cache folder, authenticated like `onex check`'s entry (an HMAC keyed outside the
    registry: a committed cache cannot declare a file canonical) and tied to onex's own code (any
    change to onex, such as a new layout rule, forgets everything). ``ONEX_NO_CACHE=1`` disables it.
    """

    ENTRY = "fmt.json"

    def __init__(self, root: Path, secret: bytes, code: str, known: set[str]) -> None:
        self.root, self.secret, self.code = root, secret, code
        self.known, self.added = known, False

    @classmethod
    def open(cls, root: Path) -> CanonicalMemo | None:
        import os

        from onex import cache

        if os.environ.get("ONEX_NO_CACHE", "") not in ("", "0"):
            return None
        secret = cache.secret()
        if secret is None:
            return None
        code = cache.code_fingerprint().hex()
        entry = cache.read_authenticated(root, cls.ENTRY, secret)
        known: set[str] = set()
        if type(entry) is dict and entry.get("code") == code and type(entry.get("canonical")) is list:
            known = {digest for digest in entry["canonical"] if type(digest) is str}
        return cls(root, secret, code, known)

    @staticmethod
    def digest(kind: str, raw: bytes) -> str:
        import hashlib

        return hashlib.sha256(kind.encode() + b"\0" + raw).hexdigest()

    def add(self, digest: str) -> None:
        if digest not in self.known:
            self.known.add(digest)
            self.added = True

    def save(self) -> None:
        if self.added:
            from onex import cache

            entry = {"code": self.code, "canonical": sorted(self.known)}
            cache.write_authenticated(self.root, self.ENTRY, self.secret, entry)


def format_file(target: Target, write: bool, memo: CanonicalMemo | None = None) -> FileOutcome:
    """Format one record; write it when `write` and it changed. A file `memo` knows to be
    canonical is not parsed at all."""
    from onex.canonical import is_canonical
    from onex.write import open_document, refuse_links, save
    from onex.yamlread import ReadError, decode, read_document

    if write:  # a record reached through a link is refused whether or not it needs formatting
        refuse_links(target.root, [target.rel])
    try:
        raw = target.path.read_bytes()
        digest = CanonicalMemo.digest(target.kind, raw)
        if memo is not None and digest in memo.known:
            return FileOutcome(target.rel, target.path, "same")
        data, text = read_document(raw)
    except ReadError as exc:
        params = {"file": target.rel, "line": exc.line, "reason": _both(exc.message, exc.params)}
        return FileOutcome(target.rel, target.path, "unreadable", "fmt.unreadable", params)
    except OSError as exc:
        reason = _both("load.unreadable", {"reason": exc.strerror or str(exc)})
        return FileOutcome(
            target.rel,
            target.path,
            "unreadable",
            "fmt.unreadable",
            {"file": target.rel, "line": 1, "reason": reason},
        )
    # most files are canonical already: proved without ruamel's round trip (~0.1 MB/s) when possible
    if not raw.startswith(b"\xef\xbb\xbf") and is_canonical(text, data, target.kind):
        if memo is not None:
            memo.add(digest)
        return FileOutcome(target.rel, target.path, "same")
    document = open_document(target.path)
    if isinstance(document.data, dict):
        canonicalize(document.data, target.kind, decode(raw).replace("\r\n", "\n"))
    document.indent = CANONICAL_INDENT
    if not document.changed():
        if memo is not None:
            memo.add(digest)
        return FileOutcome(target.rel, target.path, "same")
    if write:
        save(document)
    return FileOutcome(target.rel, target.path, "changed")


def _both(message: str, params: dict[str, Any]) -> Text:
    return Text({lang: render(message, params, lang) for lang in LANGS})


def registry_root_of(path: Path) -> Path | None:
    """The nearest folder upward from `path` that holds onex.yaml."""
    path = path.resolve()
    for folder in (path if path.is_dir() else path.parent, *path.parents):
        if (folder / "onex.yaml").is_file():
            return folder
    return None


def targets(registry: Path | None, paths: list[Path], changed_since: str | None) -> list[Target]:
    """The records to format: the whole registry, or the records among `paths` (files or
    folders), optionally only those changed since a git revision. Files that are not records
    of a registry (a CI workflow, a file outside the layout) are not formatted."""
    from onex.git import check_revision_text
    from onex.load import Place, find_registry, place_of, walk

    if changed_since is not None:
        check_revision_text(changed_since)
    roots: dict[Path, list[Path] | None] = {}
    if not paths:
        roots[find_registry(registry).resolve()] = None
    else:
        fixed_root = find_registry(registry).resolve() if registry else None
        for given in paths:
            if not given.exists():
                raise FatalError("fmt.no_such_path", path=str(given))
            root = fixed_root or registry_root_of(given)
            if root is None or not given.resolve().is_relative_to(root):
                continue
            roots.setdefault(root, []).append(given.resolve())  # type: ignore[union-attr]
    found: dict[Path, Target] = {}
    for root, wanted in roots.items():
        changed = _changed_since(root, changed_since) if changed_since is not None else None
        for rel, path, refusal in walk(root):
            if refusal or not rel.endswith(".yaml"):
                continue
            absolute = path.resolve()
            if wanted is not None and not any(absolute == w or absolute.is_relative_to(w) for w in wanted):
                continue
            if changed is not None and rel not in changed:
                continue
            place = place_of(rel.split("/"))
            if isinstance(place, Place):
                found.setdefault(absolute, Target(root, rel, path, place.kind))
    return sorted(found.values(), key=lambda t: (str(t.root), t.rel))


def _changed_since(root: Path, rev: str) -> set[str]:
    """Registry-relative record files whose bytes differ from `rev`'s (committed since, staged or
    not), plus files `rev` does not have. git reads only `rev`'s tree (see :mod:`onex.git`);
    the work tree's files are hashed here, so no filter or fsmonitor configured in the
    repository runs."""
    from onex.git import Repository, check_revision_text
    from onex.load import HARD_MAX_BYTES, _read_bytes, _Refused, walk

    check_revision_text(rev)
    repo = Repository(root, "--changed-since")
    commit = repo.resolve(rev)
    files = []
    for rel, path, refusal in walk(root):
        if refusal is None:
            try:
                files.append((rel, _read_bytes(path, HARD_MAX_BYTES)))
            except _Refused:
                files.append((rel, b""))  # format_file reports why it cannot be read
    return repo.changed_since(commit, files)


def format_all(
    found: Iterable[Target], write: bool, progress: Callable[[], None] | None = None
) -> list[FileOutcome]:
    """Format every target; writing holds each registry's lock for the whole run."""
    import contextlib

    from onex.write import registry_lock

    found = list(found)
    outcomes: list[FileOutcome] = []
    roots = sorted({t.root for t in found})
    memos = {root: CanonicalMemo.open(root) for root in roots}
    with contextlib.ExitStack() as stack:
        if write:
            for root in roots:
                stack.enter_context(registry_lock(root))
        for target in found:
            outcomes.append(format_file(target, write, memos[target.root]))
            if progress:
                progress()
    for memo in memos.values():
        if memo is not None:
            memo.save()
    return outcomes
