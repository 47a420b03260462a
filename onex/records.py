"""A loaded record: the validated model, the raw data, where it came from and what is unknown in it.

The lowest layer of the pipeline: the shared types every later stage names (a `Location`, a
key `Path`, a file's `Place` in the layout) live here, so no module below needs one above.

Positions are computed only when someone asks (a problem needs a line), from the file's text.
When validation had to drop broken list items, `at()` translates the model's indexes back to the
file's, so a rule can enumerate `model.candidates` and still point at the right line.

A field that broke its schema (REG-002) is *unknown*: the record keeps every other field, the
unknown one holds a placeholder (None, or an empty list or mapping), and `known()` says so. Rules
never ask a record directly: they ask `Registry.known`, which adds what the registry knows about
unreadable files and unresolved references (SPEC §4.1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Location:
    file: str  # relative to the registry root, forward slashes
    line: int  # 1-based
    column: int = 1  # 1-based


@dataclass(frozen=True)
class Place:
    """What the layout says a file is. As a question (`Registry.known`), None means any."""

    kind: str
    college: str | None = None
    id: str | None = None
    year: int | None = None

    def covers(self, other: Place) -> bool:
        """Whether a file at `self` may be the record `other` asks about (None matches anything)."""
        return (
            self.kind == other.kind
            and (self.college is None or other.college is None or self.college == other.college)
            and (self.id is None or other.id is None or self.id == other.id)
            and (self.year is None or other.year is None or self.year == other.year)
        )


@dataclass(eq=False, slots=True)
class Record:
    kind: str  # a key of onex.models.MODELS
    file: str  # relative to the registry root, forward slashes
    text: str
    data: Any
    model: Any = None  # an onex.models.Record, or None when the file's top level is broken
    college: str | None = None
    id: str | None = None  # the id the path gives (org, college, certificate, year, training, session)
    year: int | None = None  # the <year> folder or file name
    # original indexes of list items that survived validation, per list path (in file indexes)
    kept: dict[Path, list[int]] = field(default_factory=dict)
    # fields (model paths) whose value broke the schema or may be one an unknown key meant
    unknown: frozenset[Path] = frozenset()
    _positions: Any = None

    @property
    def valid(self) -> bool:
        return self.model is not None

    @property
    def place(self) -> Place:
        return Place(self.kind, self.college, self.id, self.year)

    def known(self, *path: str | int) -> bool:
        """Whether the value at `path` (model indexes; `()` is the whole record; `...` stands for
        every list index or mapping key) is fully known: the record was read, and no unknown
        field is the value, holds it, or lies inside it."""
        if self.model is None:
            return False
        for unknown in self.unknown:
            if all(want is ... or want == part for want, part in zip(path, unknown, strict=False)):
                return False
        return True

    def file_path(self, path: Path) -> Path:
        """Translate a path in model indexes into a path in file indexes."""
        if not self.kept:
            return path
        out: list[str | int] = []
        for part in path:
            if isinstance(part, int):
                kept = self.kept.get(tuple(out))
                if kept is not None and 0 <= part < len(kept):
                    part = kept[part]
            out.append(part)
        return tuple(out)

    def _pos(self) -> Any:
        if self._positions is None:
            from onex.yamlread import Positions

            self._positions = Positions(self.text)
        return self._positions

    def at(self, *path: str | int) -> Location:
        """Where the node at `path` (model indexes) starts: a key's line, a list item's line."""
        return self.at_file_path(self.file_path(path))

    def value_at(self, *path: str | int) -> Location:
        """Where the value at `path` starts (for a problem with the value itself)."""
        return self.at_file_path(self.file_path(path), value=True)

    def at_file_path(self, path: Path, value: bool = False) -> Location:
        """Like `at`/`value_at` for a path in the file's own indexes (raw data, schema errors)."""
        positions = self._pos()
        line, column = positions.locate_value(path) if value else positions.locate(path)
        return Location(self.file, line, column)
