"""What a record keeps when some of its fields break the schema (SPEC §4.1: a broken field is not
a broken record).

Given the document and its validation errors (each already a REG-002 finding), build the model
anyway and say which fields are unknown:

* an unknown key is removed; the fields its mapping lacks become unknown (the key may be one of
  them misspelt, so their absence proves nothing);
* a field whose value is wrong, or a required field that is missing, holds a placeholder (None,
  or an empty list or mapping) and is unknown;
* a broken element of a list or mapping field (a list item that is not a mapping, a `majors`
  entry that is a number, a `cohorts` key that is not a year) is dropped and its field is
  unknown (known in part: what is there is true, what is absent may be the broken one).

Records and list items are never dropped for a broken field inside them: an instructor with a
bad `title:` is still an instructor. The model is built from *lenient twins* of the models
(subclasses whose required fields may be absent), so `isinstance` checks still hold.
"""

from __future__ import annotations

import copy
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError, create_model
from pydantic.fields import FieldInfo

Path = tuple[Any, ...]
_TWINS: dict[type, type] = {}


def lenient(cls: type[BaseModel]) -> type[BaseModel]:
    """A subclass of `cls` whose required fields default to None, all the way down."""
    twin = _TWINS.get(cls)
    if twin is None:
        fields: dict[str, Any] = {}
        for name, info in cls.model_fields.items():
            annotation = _lenient_annotation(info.annotation)
            if info.is_required():
                fields[name] = (annotation | None, FieldInfo.merge_field_infos(info, default=None))
            elif annotation is not info.annotation:
                fields[name] = (annotation, info)
        twin = create_model(cls.__name__, __base__=cls, __module__=cls.__module__, **fields)
        _TWINS[cls] = twin
    return twin


def _lenient_annotation(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lenient(annotation)
    origin, args = get_origin(annotation), get_args(annotation)
    if not args or origin is Literal:
        return annotation
    new = tuple(_lenient_annotation(a) for a in args)
    if all(a is b for a, b in zip(new, args, strict=True)):
        return annotation
    if origin is Annotated:
        return Annotated[(new[0], *annotation.__metadata__)]
    if origin in (Union, types.UnionType):
        return Union[new]  # noqa: UP007 - built from a tuple
    return origin[new]


def _unwrap(annotation: Any) -> Any:
    """The structural type under Annotated and Optional: a model class, list[...], dict[...]."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            structural = [a for a in members if _is_model(a) or get_origin(a) in (list, dict)]
            annotation = structural[0] if structural else members[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _field(cls: type[BaseModel], key: Any) -> tuple[str, FieldInfo] | None:
    for name, info in cls.model_fields.items():
        if key == name or (info.alias is not None and key == info.alias):
            return name, info
    return None


def _field_depth(cls: type[BaseModel], loc: Path) -> int:
    """How many parts of `loc` lead to the deepest model field it names (0: the error is about
    the document itself)."""
    annotation: Any = cls
    depth = 0
    for i, part in enumerate(loc):
        annotation = _unwrap(annotation)
        if _is_model(annotation):
            found = _field(annotation, part)
            if found is None:
                break
            depth = i + 1
            annotation = found[1].annotation
        elif get_origin(annotation) is list and isinstance(part, int):
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) is dict:
            annotation = get_args(annotation)[1]
        else:
            break
    return depth


def _model_at(cls: type[BaseModel], path: Path) -> type[BaseModel] | None:
    annotation: Any = cls
    for part in path:
        annotation = _unwrap(annotation)
        if _is_model(annotation):
            found = _field(annotation, part)
            if found is None:
                return None
            annotation = found[1].annotation
        elif get_origin(annotation) in (list, dict):
            annotation = get_args(annotation)[-1]
        else:
            return None
    annotation = _unwrap(annotation)
    return annotation if _is_model(annotation) else None


def _get(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def salvage(
    cls: type[BaseModel], data: dict, errors: list[dict[str, Any]]
) -> tuple[BaseModel | None, dict[Path, list[int]], frozenset[Path]]:
    """(model, kept list indexes per list path, unknown field paths in model indexes).
    The model is None when the document as a whole is not a record of this kind."""
    removed: set[Path] = set()  # keys to take out of their mapping (unknown keys, bad values)
    blanks: set[Path] = set()  # fields that hold a placeholder
    drops: set[Path] = set()  # elements of a list or mapping field to leave out
    unknown: set[Path] = set()  # raw paths
    for error in errors:
        loc = tuple(p for p in error["loc"] if p != "[key]")
        if error["type"] == "invalid_key":  # a key that is not text: its loc holds the key's repr
            parent = _safe_get(data, loc[:-1])
            keys = [k for k in parent if loc[-1] in (k, repr(k))] if isinstance(parent, dict) else []
            loc = (*loc[:-1], keys[0]) if keys else loc
        if error["type"] in ("extra_forbidden", "invalid_key"):
            removed.add(loc)
            parent = loc[:-1]
            model = _model_at(cls, parent)
            written = _safe_get(data, parent)
            if model is not None and isinstance(written, dict):
                for name, info in model.model_fields.items():
                    if name not in written and (info.alias or name) not in written:
                        unknown.add((*parent, info.alias or name))
            continue
        depth = _field_depth(cls, loc)
        if depth == 0:
            return None, {}, frozenset()
        if depth == len(loc):
            removed.add(loc)
            blanks.add(loc)
            unknown.add(loc)
        else:
            drops.add(loc[: depth + 1])
            unknown.add(loc[:depth])
    pruned = copy.deepcopy(data)
    kept = _prune(pruned, removed, drops)
    try:
        model = lenient(cls).model_validate(pruned)
    except ValidationError:  # an error hidden behind another: give up on this document
        return None, {}, frozenset()
    model_unknown = {p for p in (model_path(path, kept) for path in unknown) if p is not None}
    for path in blanks:
        blank = model_path(path, kept)
        if blank is not None:
            _set_placeholder(model, blank)
    return model, kept, frozenset(model_unknown)


def _safe_get(data: Any, path: Path) -> Any:
    try:
        return _get(data, path)
    except (KeyError, IndexError, TypeError):
        return None


def _prune(pruned: Any, removed: set[Path], drops: set[Path]) -> dict[Path, list[int]]:
    for path in removed:
        container = _safe_get(pruned, path[:-1])
        if isinstance(container, dict):
            container.pop(path[-1], None)
    by_parent: dict[Path, set[Any]] = {}
    for point in drops:
        by_parent.setdefault(point[:-1], set()).add(point[-1])
    kept: dict[Path, list[int]] = {}
    # deepest first, so that outer indexes stay those of the file while inner lists are pruned;
    # each container is rebuilt once (dropping items one by one is quadratic in a long list)
    for parent in sorted(by_parent, key=len, reverse=True):
        container = _safe_get(pruned, parent)
        gone = by_parent[parent]
        if isinstance(container, list):
            indexes = [i for i in range(len(container)) if i not in gone]
            if len(indexes) < len(container):
                container[:] = [container[i] for i in indexes]
                kept[parent] = indexes
        elif isinstance(container, dict):
            for key in gone:
                container.pop(key, None)
    return kept


def model_path(path: Path, kept: dict[Path, list[int]], data: Any = None) -> Path | None:
    """A raw (file-index) path in model indexes; None when it runs through a dropped element.
    With `data`, keys written as text (`"2026"`) become the keys the data holds (2026)."""
    if data is not None:
        path = _keys_as_loaded(data, path)
    out: list[Any] = []
    raw: list[Any] = []
    for part in path:
        if isinstance(part, int) and tuple(raw) in kept:
            indexes = kept[tuple(raw)]
            if part not in indexes:
                return None
            out.append(indexes.index(part))
        else:
            out.append(part)
        raw.append(part)
    return tuple(out)


def _keys_as_loaded(data: Any, path: Path) -> Path:
    out: list[Any] = []
    node = data
    for part in path:
        if isinstance(node, dict) and part not in node:
            part = next((key for key in node if str(key) == str(part)), part)
        out.append(part)
        node = node.get(part) if isinstance(node, dict) else _safe_get(node, (part,))
    return tuple(out)


def _set_placeholder(model: Any, path: Path) -> None:
    """Put a placeholder at the field `path`: its default when that is a container or a model
    (an empty list, a default policy), else None."""
    parent: Any = model
    try:
        for part in path[:-1]:
            if isinstance(parent, BaseModel):
                parent = getattr(parent, _field(type(parent), part)[0])  # type: ignore[index]
            else:
                parent = parent[part]
    except (KeyError, IndexError, TypeError, AttributeError):
        return
    if not isinstance(parent, BaseModel):
        return
    found = _field(type(parent), path[-1])
    if found is None:
        return
    name, info = found
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    placeholder = copy.deepcopy(default) if isinstance(default, (list, dict, BaseModel)) else None
    setattr(parent, name, placeholder)
