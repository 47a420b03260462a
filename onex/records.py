"""A loaded record: the validated model, the raw data, and where it came from.

Positions are computed only when someone asks (a problem needs a line), from the file's text.
When validation had to drop broken list items, `at()` translates the model's indexes back to the
file's, so a rule can enumerate `model.candidates` and still point at the right line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onex.models import Record as Model
from onex.problems import Location, Path


@dataclass(eq=False, slots=True)
class Record:
    kind: str  # a key of onex.models.MODELS
    file: str  # relative to the registry root, forward slashes
    text: str
    data: Any
    model: Model | None = None
    college: str | None = None
    id: str | None = None  # the id the path gives (org, college, certificate, year, training, session)
    year: int | None = None  # the <year> folder or file name
    # original indexes of list items that survived validation, per list path (in file indexes)
    kept: dict[Path, list[int]] = field(default_factory=dict)
    _positions: Any = None

    @property
    def valid(self) -> bool:
        return self.model is not None

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
