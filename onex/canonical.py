"""Whether a record's text is already in `onex fmt`'s canonical layout, decided without ruamel.

`onex fmt` edits with ruamel.yaml's round trip, which keeps comments but reads ~0.1 MB/s: two
minutes for an institution's registry, almost all of it spent on files that are canonical
already. This module answers "would fmt leave this text exactly as it is?" from the fast reader's
data and the text alone, by *matching*: it walks the data in the canonical layout and checks, at
each step, that the text continues the way ruamel's emitter would write that value there. A
match proves the text canonical; anything this matcher does not know for certain (comments,
blank lines, block scalars, floats, escapes, unusual characters, a key out of order, a number
where text belongs…) is not a match, and the caller asks ruamel as before. So the answer is
either "canonical" (certain) or "ask ruamel" — never a wrong "canonical"; tests hold it against
ruamel's own output.

The layout (as ruamel emits it with `onex.write`'s settings and fmt's indent): block mappings
indented by 2, block sequences `key:\\n  - item` (dash 2 in, content 4 in), flow collections kept
flow as `{k: v, k2: v2}` / `[a, b]`, an empty value as `key:`, scalars as written when ruamel
writes them back the same (plain text ruamel may write plain, quoted text without escapes,
decimal integers, `true`/`false`, ISO dates).
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
import unicodedata
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

# ruamel writes a key longer than this as a complex key (`? key`); lines longer than its width
# (4096 in onex.write) are wrapped: both are left to ruamel.
_MAX_KEY = 100
_MAX_LINE = 1000
_STR_TAG = "tag:yaml.org,2002:str"


class _NoMatch(Exception):
    """The text is not provably canonical: let ruamel decide."""


# --- field types (shared with onex.fmt) -------------------------------------------------------


def strip_annotated(tp: Any) -> Any:
    while get_origin(tp) is typing.Annotated:
        tp = get_args(tp)[0]
    return tp


def is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


@functools.cache
def _arms_cached(tp: Any) -> tuple[Any, ...]:
    tp = strip_annotated(tp)
    if get_origin(tp) in (Union, types.UnionType):
        return tuple(strip_annotated(a) for a in get_args(tp) if a is not type(None))
    return (tp,)


def arms(tp: Any) -> list[Any]:
    """The types a value of `tp` may have (a Union's members, Annotated stripped, None left out)."""
    try:
        return list(_arms_cached(tp))
    except TypeError:  # an unhashable annotation
        return list(_arms_cached.__wrapped__(tp))


def wants_text(tp: Any) -> bool:
    """Whether a number written for `tp` is text that lost its quotes (a code, a student number)."""
    found = arms(tp)
    return str in found and not any(a in (int, float) for a in found)


@functools.cache
def field_order(model: type[BaseModel]) -> tuple[dict[str, Any], dict[str, int]]:
    """(key -> annotation, key -> position) of a model's fields, by name and by alias."""
    fields: dict[str, Any] = {}
    order: dict[str, int] = {}
    for index, (name, info) in enumerate(model.model_fields.items()):
        for key in {name, info.alias or name}:  # a batch's `from` is the field `start`
            fields[key] = info.annotation
            order[key] = index
    return fields, order


def canonical_key_order(keys: list[Any], order: dict[str, int]) -> list[Any]:
    """The model's order; unknown keys last, as written."""
    return sorted(keys, key=lambda k: (order.get(k, len(order)), keys.index(k)))


# --- the matcher ------------------------------------------------------------------------------


def is_canonical(text: str, data: Any, kind: str) -> bool:
    """True only when `onex fmt` would write `text` (LF line ends, no BOM) back unchanged.

    `data` is what the fast reader made of `text`; `kind` the record kind (onex.models.MODELS).
    False means "not known": the caller asks ruamel.
    """
    from onex.models import MODELS

    if (
        not isinstance(data, dict)
        or not data
        or not text.endswith("\n")
        or any(mark in text for mark in ("#", "\n\n", "\r", "\t", "\ufeff", "\\", "\n---", "\n..."))
        or text.startswith(("---", "%"))
        or max(map(len, text.split("\n"))) > _MAX_LINE
    ):
        return False
    try:
        end = _Matcher(text).block_mapping(data, MODELS[kind], 0, 0, first_inline=False)
    except (_NoMatch, IndexError):
        return False
    return end == len(text)


class _Matcher:
    def __init__(self, text: str) -> None:
        self.text = text

    def expect(self, pos: int, literal: str) -> int:
        if not self.text.startswith(literal, pos):
            raise _NoMatch
        return pos + len(literal)

    # block collections

    def block_mapping(self, node: dict, tp: Any, indent: int, pos: int, *, first_inline: bool) -> int:
        fields, key_type, value_type = self._mapping_types(node, tp)
        for position, (key, value) in enumerate(node.items()):
            if not (first_inline and position == 0):
                pos = self.expect(pos, " " * indent)
            pos = self.key(key, key_type, pos, flow=False)
            pos = self.expect(pos, ":")
            value_tp = fields.get(key, Any) if fields is not None else value_type
            pos = self.block_value(value, value_tp, indent, pos)
        return pos

    def block_value(self, value: Any, tp: Any, indent: int, pos: int) -> int:
        """The value after `key:` in a block mapping at `indent`, through its line end."""
        if value is None:
            return self.expect(pos, "\n")
        if isinstance(value, (dict, list)) and value and self.text.startswith("\n", pos):
            pos += 1
            if isinstance(value, dict):
                return self.block_mapping(value, tp, indent + 2, pos, first_inline=False)
            return self.block_sequence(value, tp, indent + 2, pos)
        pos = self.expect(pos, " ")
        pos = (
            self.flow_value(value, tp, pos)
            if isinstance(value, (dict, list))
            else self.scalar(value, tp, pos)
        )
        return self.expect(pos, "\n")

    def block_sequence(self, node: list, tp: Any, indent: int, pos: int) -> int:
        item_tp = self._item_type(tp)
        for item in node:
            pos = self.expect(pos, " " * indent + "- ")
            if isinstance(item, dict) and item and not self.text.startswith("{", pos):
                pos = self.block_mapping(item, item_tp, indent + 2, pos, first_inline=True)
            elif isinstance(item, (dict, list)):
                if isinstance(item, list) and item and not self.text.startswith("[", pos):
                    raise _NoMatch  # a block sequence in a block sequence (`- - a`): ruamel's layout differs
                pos = self.expect(self.flow_value(item, item_tp, pos), "\n")
            elif item is None:
                raise _NoMatch
            else:
                pos = self.expect(self.scalar(item, item_tp, pos), "\n")
        return pos

    # flow collections

    def flow_value(self, value: dict | list, tp: Any, pos: int) -> int:
        if isinstance(value, dict):
            fields, key_type, value_type = self._mapping_types(value, tp)
            pos = self.expect(pos, "{")
            for position, (key, item) in enumerate(value.items()):
                if position:
                    pos = self.expect(pos, ", ")
                pos = self.expect(self.key(key, key_type, pos, flow=True), ": ")
                item_tp = fields.get(key, Any) if fields is not None else value_type
                pos = self.flow_item(item, item_tp, pos)
            return self.expect(pos, "}")
        item_tp = self._item_type(tp)
        pos = self.expect(pos, "[")
        for position, item in enumerate(value):
            if position:
                pos = self.expect(pos, ", ")
            pos = self.flow_item(item, item_tp, pos)
        return self.expect(pos, "]")

    def flow_item(self, value: Any, tp: Any, pos: int) -> int:
        if value is None:
            raise _NoMatch
        if isinstance(value, (dict, list)):
            return self.flow_value(value, tp, pos)
        return self.scalar(value, tp, pos, flow=True)

    # what fmt's canonicalize would change

    def _mapping_types(self, node: dict, tp: Any) -> tuple[dict[str, Any] | None, Any, Any]:
        """(model fields or None, key type, value type); no match when fmt would reorder keys."""
        found = arms(tp)
        model = next((a for a in found if is_model(a)), None)
        if model is not None:
            fields, order = field_order(model)
            keys = list(node)
            if canonical_key_order(keys, order) != keys:
                raise _NoMatch
            return fields, Any, Any
        mapping = next((a for a in found if get_origin(a) is dict), None)
        if mapping is not None:
            key_type, value_type = get_args(mapping) or (Any, Any)
            return None, key_type, value_type
        return None, Any, Any

    @staticmethod
    def _item_type(tp: Any) -> Any:
        sequence = next((a for a in arms(tp) if get_origin(a) is list), None)
        return (get_args(sequence) or (Any,))[0] if sequence is not None else Any

    # scalars

    def key(self, key: Any, tp: Any, pos: int, *, flow: bool) -> int:
        if isinstance(key, str):
            if len(key) > _MAX_KEY:
                raise _NoMatch
            return self.text_scalar(key, pos, flow=flow, is_key=True)
        return self.scalar(key, tp, pos, flow=flow)

    def scalar(self, value: Any, tp: Any, pos: int, *, flow: bool = False) -> int:
        if isinstance(value, str):
            return self.text_scalar(value, pos, flow=flow, is_key=False)
        if isinstance(value, bool):
            return self.expect(pos, "true" if value else "false")
        if isinstance(value, int):
            if wants_text(tp):
                raise _NoMatch  # fmt quotes a number written where text belongs
            return self.expect(pos, str(value))
        if type(value) is dt.date:
            return self.expect(pos, value.isoformat())
        raise _NoMatch  # floats, times: their written form is ruamel's to keep

    def text_scalar(self, value: str, pos: int, *, flow: bool, is_key: bool) -> int:
        if not value or not _ordinary(value):
            raise _NoMatch
        quote = self.text[pos]
        if quote in "'\"":
            if quote in value or (quote == "'" and not _emitter().analyze_scalar(value).allow_single_quoted):
                raise _NoMatch
            return self.expect(pos, quote + value + quote)
        if not _may_stay_plain(value, flow, is_key):
            raise _NoMatch
        return self.expect(pos, value)


@functools.lru_cache(maxsize=65536)
def _ordinary(value: str) -> bool:
    """Text ruamel writes character for character inside quotes: one line, no controls, no
    format or private-use characters (those onex writes escaped), no quote escapes needed."""
    if value.isascii():
        return value.isprintable()
    return all(
        unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") and ch != "\xa0"
        for ch in value
    )


@functools.lru_cache(maxsize=65536)
def _may_stay_plain(value: str, flow: bool, is_key: bool) -> bool:
    """Whether ruamel's emitter writes this plain text plain again in that context (its own
    analysis and resolver decide; onex.write quotes new YAML 1.1 booleans outside keys)."""
    from onex.write import YAML11_BOOLEANS

    if not is_key and value.lower() in YAML11_BOOLEANS:
        return False
    analysis = _emitter().analyze_scalar(value)
    if analysis.empty or analysis.multiline:
        return False
    if not (analysis.allow_flow_plain if flow else analysis.allow_block_plain):
        return False
    return _resolver().resolve(_scalar_node(), value, (True, False)) == _STR_TAG


@functools.cache
def _emitter() -> Any:
    import io

    from ruamel.yaml.emitter import Emitter

    return Emitter(io.StringIO(), allow_unicode=True)


@functools.cache
def _resolver() -> Any:
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver()


@functools.cache
def _scalar_node() -> Any:
    from ruamel.yaml.nodes import ScalarNode

    return ScalarNode
