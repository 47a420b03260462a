"""One escaping layer per output kind: how registry text may look when it leaves onex.

Every name, note and file name in a registry is untrusted (a pull request wrote it). Renderers never
escape on their own: each output kind has its function here, and every command calls it.

* **visible** (shared by all kinds): C0/C1 controls, DEL, line and paragraph separators, bidi
  marks, embeddings, overrides and isolates, zero-width and other invisible characters, the BOM,
  the noncharacters U+FFFE/U+FFFF and lone surrogates become escapes such as ``\\x1b``, ``\\u202e``,
  ``\\ud83d``. A surrogate pair written as two escapes becomes its character; a byte of a file name
  that is not UTF-8 (Python's surrogateescape) becomes ``\\xe9``. The result is one line of valid
  UTF-8 that cannot move a terminal's cursor, reorder text, or start a line of its own.
* **terminal**: visible; rich markup and emoji codes are never interpreted (:func:`markup`,
  :func:`rich_text`, and :func:`terminal_console`, whose every printed string is made visible).
* **markdown**: visible; ``\\ ` * [ ] < > | $`` backslash-escaped, and a leading block marker
  (``#``, ``>``, ``-``, ``+``, ``=``, ``1.``) too, so text can neither break a table row nor start
  a heading, quote, list, link, image, HTML tag or math.
* **csv**: visible; a cell that a spreadsheet would run as a formula (starting with
  ``= + - @``, a tab or a CR, also after spaces) gets a leading ``'`` (OWASP CSV injection), and
  so does one starting with ``::`` (a workflow command, were the csv printed to a CI log).
* **xlsx**: text is written as a text cell, never a formula; characters Excel refuses are
  made visible; numbers Excel cannot hold exactly are written as text.
* **html/svg**: visible, then HTML-escaped (quotes too); chart labels are drawn with matplotlib's
  mathtext off, so ``$x$`` is text.
* **json**: the exact value with JSON escapes for controls and invisibles (``\\u001b``), lone
  surrogates made visible, NaN and infinities as ``null``: always valid UTF-8 and valid JSON.
* **xml** (JUnit): visible (newlines kept), so no character XML 1.0 forbids is ever written;
  for XML written without ElementTree, ``& < >`` (and in an attribute ``"`` and the newline) as
  the entities ElementTree writes.
* **sarif**: json, and ``artifactLocation.uri`` percent-encoded per RFC 3986 from the file name's
  bytes (space, ``#``, ``?``, ``[ ]``, ``%``, CJK), so that ``urllib.parse.unquote`` gives it back.
* **github** workflow commands: visible, then ``%``, CR, LF (and ``:``, ``,`` in properties)
  percent-encoded as the runner requires.
"""

from __future__ import annotations

import functools
import html as _html
import io
import json as _json
import math
import re
from typing import Any

__all__ = [
    "csv_cell",
    "github_data",
    "github_property",
    "html",
    "json_text",
    "markdown_cell",
    "markdown_line",
    "markup",
    "rich_text",
    "sarif_uri",
    "svg_label",
    "terminal",
    "terminal_console",
    "visible",
    "xlsx_put",
    "xlsx_sheet_name",
    "xml_attribute",
    "xml_content",
    "xml_text",
]

# What never leaves onex as itself (see the module docstring). Surrogates are listed last: a
# character class may hold them in a Python pattern.
_CONTROLS = "\x00-\x1f\x7f-\x9f"  # C0, DEL, C1 (U+009B is a one-character CSI on some terminals)
_INVISIBLE = (
    "\u061c"  # Arabic letter mark (bidi)
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    "\u2028-\u202e"  # line and paragraph separators; bidi embeddings and overrides
    "\u2060-\u2064\u2066-\u2069"  # word joiner, invisible operators; bidi isolates
    "\ufeff\ufffe\uffff"  # byte order mark (zero-width no-break space); noncharacters
)
_UNPRINTABLE = re.compile(f"[{_CONTROLS}{_INVISIBLE}\ud800-\udfff]")
_UNPRINTABLE_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_INVISIBLE}\ud800-\udfff]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def _pair(match: re.Match[str]) -> str:
    return match.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le")


def visible(text: str, keep_newlines: bool = False) -> str:
    """`text` with every character listed in the module docstring written as an escape."""
    if _SURROGATE.search(text):
        text = _SURROGATE_PAIR.sub(_pair, text)
    return (_UNPRINTABLE_BUT_NEWLINE if keep_newlines else _UNPRINTABLE).sub(_escape, text)


# --- terminal ----------------------------------------------------------------------------------


def terminal(text: object) -> str:
    """Text for a terminal or a CI log: one line, no control sequence, no bidi trick."""
    return visible(str(text))


def markup(text: object) -> str:
    """Text to put inside a rich markup string: made visible, and its `[…]` never read as markup."""
    from rich.markup import escape

    return escape(terminal(text))


def rich_text(text: object, style: str = "") -> Any:
    """A rich Text (never parsed for markup or emoji) holding `text` made visible."""
    from rich.text import Text

    return Text(terminal(text), style=style)


def terminal_console(**options: Any) -> Any:
    """A rich Console that makes every string it prints visible (but its newlines: onex prints
    several lines at once) and never replaces emoji codes.

    onex's own markup still works (visible() leaves `[` alone); registry text must still reach
    it through :func:`markup` or :func:`rich_text`, so that `[bold]` in a name stays text and a
    newline in it stays `\\x0a`. Messages are safe as they are: the catalogue makes every
    value it quotes visible (onex.messages.render).
    """
    options.setdefault("emoji", False)
    return _terminal_console_class()(**options)


@functools.cache
def _terminal_console_class() -> type:
    from rich.console import Console

    class TerminalConsole(Console):
        def render_str(self, text: str, **kwargs: Any) -> Any:
            return super().render_str(visible(text, keep_newlines=True), **kwargs)

    return TerminalConsole


# --- markdown ----------------------------------------------------------------------------------

_MARKDOWN_INLINE = re.compile(r"([\\`*\[\]<>|$])")
_MARKDOWN_BLOCK = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")


def markdown_cell(text: object) -> str:
    """Text inside a markdown line or table cell: no row break, no link, tag, code, emphasis, math."""
    return _MARKDOWN_INLINE.sub(r"\\\1", visible(str(text)))


def markdown_line(text: object) -> str:
    """Text that starts a markdown block (a paragraph, a heading's words, a list item's text)."""

    def block(match: re.Match[str]) -> str:
        space, marker, digits, dot = match.groups()
        return f"{space}\\{marker}" if marker else f"{space}{digits}\\{dot}"

    return _MARKDOWN_BLOCK.sub(block, markdown_cell(text), count=1)


# --- csv ---------------------------------------------------------------------------------------

_FORMULA_START = re.compile(r"^\s*(?:[=+\-@]|::)")  # `::` starts a GitHub workflow command


def csv_cell(value: Any) -> Any:
    """A csv cell: numbers as they are; text made visible and never a formula (OWASP)."""
    if not isinstance(value, str):
        return value
    text = visible(value)
    return "'" + text if _FORMULA_START.match(text) or value[:1] in ("\t", "\r") else text


# --- xlsx --------------------------------------------------------------------------------------

XLSX_MAX_TEXT = 32_767  # Excel's limit for one cell
_XLSX_EXACT = 2**53  # integers beyond this are not exact in Excel's doubles
_XLSX_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def xlsx_value(value: Any) -> Any:
    """What to store for `value`: text made visible and cut to Excel's limit; numbers Excel cannot
    hold exactly as text; NaN and infinities as nothing."""
    if isinstance(value, str):
        text = visible(value)
        return text if len(text) <= XLSX_MAX_TEXT else text[: XLSX_MAX_TEXT - 1] + "…"
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and abs(value) > _XLSX_EXACT:
        return f"{value:,}" if value.bit_length() < 13_000 else "…"  # Python prints at most 4,300 digits
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def xlsx_put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write `value` into a worksheet cell: text always as a text cell (`=HYPERLINK(…)` is shown,
    never run); return the cell."""
    stored = xlsx_value(value)
    cell = ws.cell(row=row, column=column)
    cell.value = stored
    if isinstance(stored, str):
        cell.data_type = "s"  # openpyxl reads a leading "=" as a formula
    return cell


def xlsx_sheet_name(title: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts (31 characters, none of []:*?/\\, no edge quote), unique in
    `taken` (lower-cased names, updated)."""
    base = _XLSX_SHEET_BAD.sub(" ", visible(title)).strip().strip("'").strip()[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


# --- html and svg ------------------------------------------------------------------------------


def html(text: object) -> str:
    """Text for HTML content or a quoted attribute value."""
    return _html.escape(visible(str(text)), quote=True)


def svg_label(text: object) -> str:
    """A label for a matplotlib chart: visible; a leading `_` (which hides a legend entry) kept.

    Mathtext is switched off where charts are drawn (`text.parse_math: False`), so `$x$` is text."""
    label = visible(str(text))
    return " " + label if label.startswith("_") else label


# --- json --------------------------------------------------------------------------------------

# json.dumps(ensure_ascii=False) already escapes C0 controls, `"` and `\`; these it leaves raw
_JSON_RAW = re.compile(f"[\x7f-\x9f{_INVISIBLE}\ud800-\udfff]")


def _json_char(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":  # a lone surrogate is no character: show it, as visible() does
        return _escape(match).replace("\\", "\\\\")
    return f"\\u{ord(char):04x}"


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def json_text(document: Any, **options: Any) -> str:
    """`document` as JSON: exact values, controls and invisibles as JSON escapes, lone surrogates
    made visible, NaN and infinities as null. Always valid JSON, always valid UTF-8."""
    options.setdefault("ensure_ascii", False)
    # chunk by chunk into one buffer: json.dumps with `indent` (pure Python) first lists every
    # chunk, ~10 million small strings for 400,000 problems (over 0.8 GB; issue 11, scale)
    encoder = _json.JSONEncoder(allow_nan=False, **options)
    buffer = io.StringIO()
    try:  # copied with NaN and infinities as null only when there is one (a copy of every dict)
        for chunk in encoder.iterencode(document):
            buffer.write(chunk)
    except ValueError:
        buffer = io.StringIO()
        for chunk in encoder.iterencode(_finite(document)):
            buffer.write(chunk)
    text = buffer.getvalue()
    del buffer
    if _SURROGATE.search(text):
        text = _SURROGATE_PAIR.sub(_pair, text)
    return _JSON_RAW.sub(_json_char, text)


# --- xml (JUnit) -------------------------------------------------------------------------------


def xml_text(text: object) -> str:
    """Text for an XML element or attribute (ElementTree escapes `& < > "`): no character that
    XML 1.0 forbids (controls, lone surrogates, U+FFFE, U+FFFF), newlines kept."""
    return visible(str(text), keep_newlines=True)


def xml_content(text: object) -> str:
    """Character data written without ElementTree (`check --format junit` writes problem by
    problem): xml_text, then `& < >` as entities, as ElementTree writes them."""
    return xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attribute(text: object) -> str:
    """A double-quoted attribute value written without ElementTree: xml_content, then `"` and the
    newline as ElementTree writes them (a CR or a tab is already an escape such as `\\x0d`)."""
    return xml_content(text).replace('"', "&quot;").replace("\n", "&#10;")


# --- sarif -------------------------------------------------------------------------------------


def sarif_uri(path: str) -> str:
    """A relative file path as an RFC 3986 URI reference: every byte but unreserved characters and
    `/` percent-encoded (UTF-8; a byte that was not UTF-8 as itself). A `:` is encoded too, so
    that no first segment reads as a scheme."""
    from urllib.parse import quote

    try:
        data = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate from a YAML escape, not from the file system
        data = path.encode("utf-8", "surrogatepass")
    return quote(data, safe="/")


# --- github workflow commands ------------------------------------------------------------------


def github_data(text: object) -> str:
    """The message of a workflow command (`::error …::message`)."""
    return visible(str(text)).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: object) -> str:
    """A property value of a workflow command (`file=…,title=…`)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
