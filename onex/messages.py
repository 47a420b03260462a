"""One bilingual message catalogue, keyed by message id.

Every module that says something to a coordinator declares ``MESSAGES = {id: {"zh": ..., "en": ...}}``
and registers it here; templates use ``str.format`` fields named after the values they show.
"""

from __future__ import annotations

import contextvars
import locale
import os
from collections.abc import Mapping

from onex.escape import visible

LANGS = ("zh", "en")
_CATALOGUE: dict[str, dict[str, str]] = {}


def register(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add a module's messages; an id may be registered once (same text again is harmless)."""
    for key, texts in messages.items():
        missing = [lang for lang in LANGS if lang not in texts]
        if missing:
            raise ValueError(f"message {key!r} lacks {missing}")
        if key in _CATALOGUE and _CATALOGUE[key] != dict(texts):
            raise ValueError(f"message {key!r} registered twice with different text")
        _CATALOGUE[key] = dict(texts)


def render(message_id: str, params: Mapping[str, object], lang: str) -> str:
    texts = _CATALOGUE.get(message_id)
    if texts is None:
        return f"{message_id} {dict(params)}"
    shown = {k: _shown(v, lang) for k, v in params.items()}
    return texts[lang].format(**shown)


# A value quoted in a message is cut to this many characters: a 2.5-million-character scalar
# must not become 7.5 MB of CI log (docs/security.md). Every message is rendered here, so this is
# the one place parameters are bounded.
MAX_PARAM_CHARS = 200


def cut(value: str, limit: int = MAX_PARAM_CHARS) -> str:
    """`value` shortened to `limit` characters, the cut marked with an ellipsis."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


class Text(dict):
    """A message parameter that has its own text per language (a hint, a unit)."""


class Verbatim(str):
    """A message parameter that is onex's own text (a rule's example, a quoted clause), shown as it
    is, newlines included; every other text parameter comes from a registry and is made visible."""


def _shown(value: object, lang: str) -> object:
    """A parameter as the message shows it: text made visible (onex.escape.visible), so that no
    value quoted in any message (a name, a file name) can hold a control character or a newline."""
    if isinstance(value, Text):  # onex's own words, often around a name from the registry
        return visible(value[lang])
    if isinstance(value, Verbatim):
        return str(value)
    if isinstance(value, (list, tuple)):
        return cut(join([_shown(v, lang) for v in value], lang), 20 * MAX_PARAM_CHARS)
    if isinstance(value, str):
        return cut(visible(value))
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 640:
        return cut(f"{'-' if value < 0 else ''}~10^{int(abs(value).bit_length() * 0.30103)}")
    return value


def has(message_id: str) -> bool:
    return message_id in _CATALOGUE


_RUN_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("onex_run_lang", default=None)


def set_run_lang(lang: str) -> None:
    """The language this run's command chose (`--lang`, else the default): one language per run,
    also for what is shown far from the command (the progress bar while loading)."""
    _RUN_LANG.set(lang)


def run_lang() -> str:
    return _RUN_LANG.get() or default_lang()


def default_lang() -> str:
    """`ONEX_LANG`, then the locale, then Chinese."""
    env = os.environ.get("ONEX_LANG", "").strip().lower()
    if env[:2] in LANGS:
        return env[:2]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "en" if loc.lower().startswith("en") else "zh"


def join(items: list | tuple, lang: str) -> str:
    """A list of names as a coordinator would write it."""
    names = [str(i) for i in items]
    if not names:
        return "无" if lang == "zh" else "none"
    return ("、" if lang == "zh" else ", ").join(names)


def named(name: str, code: str, lang: str) -> str:
    """A name with its code in the language's brackets, 计算机应用技术（510201） or
    计算机应用技术 (510201); the code alone when it is its own name."""
    if name == code:
        return code
    return f"{name}（{code}）" if lang == "zh" else f"{name} ({code})"
