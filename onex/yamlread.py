"""The registry reader: a file's bytes become plain Python data, or a located REG-001 problem.

A registry is ~1,300 files and ~12 MB, read on every ``onex check``, so data is parsed by
**yaml-rs** (Rust). onex *writes* with ruamel.yaml round-trip, so the reader must mean what ruamel
means, and must refuse what a record never needs (anchors, tags, several documents, ...). yaml-rs
and ruamel agree on ordinary YAML but not on every corner (measured; see tests/test_yamlread.py):

* yaml-rs turns *quoted* and block-scalar dates and times into ``date``/``time`` objects;
* a handful of number spellings (``0X1F``, ``.5e3``, ``_1``, ``.iNf``) are numbers to yaml-rs only;
* yaml-rs silently applies ``!!str``/``!foo`` tags, keeps anchors, ignores ``%YAML 1.1``, returns a
  list for several documents, accepts control characters and tabs that ruamel's scanner rejects.

So reading has two paths. Cheap byte scans (C-speed ``in``/``translate``/literal-prefix regexes)
look for anything that could fall in those corners. Almost every file has none and is read by
yaml-rs alone (the *fast path*). A file that has one is read by the *exact path*: ruamel's C parser
event stream, turned into data here with ruamel round-trip's YAML 1.2 rules, which also checks
every REG-001 case at its token and gives its line. yaml-rs still checks the exact path's syntax,
so a file is accepted only when both parsers accept it.

One difference is kept on purpose: a plain scalar that only looks like a date or a number
(``2026-02-30``, ``2026-06-31T25:00:00``, ``+_``) is returned as its text, as yaml-rs does, so the
schema layer reports the field (REG-002) and the rest of the record is still checked. ruamel's
constructor raises a bare ``ValueError``/``IndexError`` on it, without a line.

A plain integer of more digits than Python converts at once (4,300) is an ``int`` on both paths, as
yaml-rs reads it; ruamel's constructor raises a bare ``ValueError`` on it.

A syntax error is told at the place a person has to fix (:func:`_explain_syntax_error`): a bracket
or quote left open where it was opened, a full-width colon ``：`` after a key or a full-width space
in indentation on its own line, and never past the last line. Only files with an error pay for this.

Nothing is ever handed to a parser before a cheap scan of the text has bounded its nesting depth
(ruamel's C composer segfaults on ~20,000 nested ``[``; its event parser, used here, does not, and
the walk stops at :data:`MAX_DEPTH`).

Positions (line numbers for problems) are computed lazily by :class:`Positions`, only for files
that have problems, from the same C parser events; they equal ruamel round-trip's ``.lc`` (+1).
"""

from __future__ import annotations

import bisect
import codecs
import datetime
import re
from typing import Any

import yaml_rs

from onex import plainrows
from onex.messages import register

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64  # nested mappings and sequences; a record needs about 4
MAX_DIGITS = 1000  # yaml-rs reads a digit run in time quadratic in its length: 8 M digits take a minute
# digits and "_" (YAML 1.2 numbers may hold underscores: 9_9_9…) become "0", everything else "."
_DIGITS_AS_ZERO = bytes(0x30 if 0x30 <= c <= 0x39 or c == 0x5F else 0x2E for c in range(256))
_TOO_MANY_DIGITS = b"0" * (MAX_DIGITS + 1)

Path = tuple[str | int, ...]

MESSAGES: dict[str, dict[str, str]] = {
    "read.long_number": {
        "zh": "这里有一串超过 {limit} 位的数字：没有哪个登记值需要这么长（超长数字会让解析变得极慢）；请删掉或改正它。",
        "en": "A run of more than {limit} digits starts here: no registry value is that long (and such runs make "
        "parsing very slow); remove or correct it.",
    },
    "read.too_large": {
        "zh": "文件有 {size} 字节，超过单个登记文件的上限 {limit} 字节；请把记录拆分到多个文件，或检查是否误放了非登记数据。",
        "en": "The file is {size} bytes, over the {limit}-byte limit for one registry file; split its records "
        "into several files, or check that it holds only registry data.",
    },
    "read.binary": {
        "zh": "文件含有 NUL 字节，像是二进制文件而不是 YAML 文本；登记库只存放 UTF-8 编码的 YAML 文件。",
        "en": "The file contains NUL bytes: it looks like a binary file, not YAML text. "
        "The registry holds only UTF-8 YAML files.",
    },
    "read.utf16": {
        "zh": "文件是 {encoding} 编码，git 会把它当作二进制文件；请在编辑器中另存为 UTF-8 编码。",
        "en": "The file is encoded as {encoding}, which git treats as binary; save it as UTF-8 in your editor.",
    },
    "read.not_utf8_gbk": {
        "zh": "文件不是 UTF-8 编码，看起来是 GBK/GB18030（中文版 Windows 常用的编码）；请转换为 UTF-8 后再提交："
        "iconv -f GB18030 -t UTF-8 原文件 > 新文件，或在编辑器中另存为 UTF-8。",
        "en": "The file is not UTF-8; it looks like GBK/GB18030 (the usual encoding on Chinese Windows). "
        "Convert it before committing: iconv -f GB18030 -t UTF-8 FILE > FILE.new, or save it as UTF-8 in your editor.",
    },
    "read.not_utf8": {
        "zh": "文件不是有效的 UTF-8 编码（这里的字节 0x{byte} 无效）；请在编辑器中另存为 UTF-8。",
        "en": "The file is not valid UTF-8 (byte 0x{byte} here is invalid); save it as UTF-8 in your editor.",
    },
    "read.merge_conflict": {
        "zh": "这里有未解决的合并冲突（git 留下的 {marker} 标记行）：请在 <<<<<<< 与 >>>>>>> 之间选定要保留的内容，删除全部标记行后再提交。",
        "en": "Unresolved merge conflict: git left its {marker} marker line here. Choose what to keep between "
        "<<<<<<< and >>>>>>>, delete every marker line, then commit.",
    },
    "read.lone_cr": {
        "zh": "这里有一个单独的回车符 CR（不跟换行符 LF，常由旧版 Mac 编辑器或复制粘贴带入）：YAML 把它当作换行，git 和编辑器却不这样看，"
        "行号因此会对不上；请删除它或换成普通换行。",
        "en": "There is a lone carriage return (CR without LF, left by an old Mac editor or pasted in) here: YAML "
        "reads it as a line break where git and editors do not, so line numbers would disagree. Delete it or "
        "use an ordinary line break.",
    },
    "read.bom_mid_file": {
        "zh": "文件中间有一个字节顺序标记 BOM（U+FEFF），通常是拼接文件时带入的；请删除它。",
        "en": "There is a byte order mark (U+FEFF) in the middle of the file, usually left by joining files; delete it.",
    },
    "read.control_char": {
        "zh": "这里有一个不可见的控制字符 {char}（常由复制粘贴带入），YAML 不允许它；请删除它。",
        "en": "There is an invisible control character {char} here (usually pasted in), which YAML does not "
        "allow; delete it.",
    },
    "read.syntax": {
        "zh": "YAML 语法错误：{reason}。请检查这一行和上一行的缩进、冒号后的空格，以及引号和括号是否成对。",
        "en": "YAML syntax error: {reason}. Check the indentation of this line and the line before, the space "
        "after each colon, and that quotes and brackets are closed.",
    },
    "read.duplicate_key": {
        "zh": "键 {key} 重复出现（第一次在第 {first_line} 行）；同一个映射里每个键只能出现一次，请合并或删除其中一个。",
        "en": "The key {key} appears twice (first on line {first_line}); a key may appear only once in a "
        "mapping: merge the two or delete one.",
    },
    "read.multiple_documents": {
        "zh": "文件里有不止一个 YAML 文档（用 --- 分隔）；每个登记文件只能有一个文档，请拆分成多个文件。",
        "en": "The file holds more than one YAML document (separated by ---); a registry file holds exactly "
        "one: split it into separate files.",
    },
    "read.directive": {
        "zh": "不允许使用 YAML 指令 {directive}（例如 %YAML 1.1 会改变数字和布尔值的含义）；请删除这一行。",
        "en": "YAML directives such as {directive} are not allowed (%YAML 1.1 changes what numbers and "
        "booleans mean); delete this line.",
    },
    "read.anchor": {
        "zh": "不允许使用锚点 &{name}：登记记录要逐项写出，不复用其他节点；请删除锚点。",
        "en": "Anchors (&{name}) are not allowed: records are written out in full, never reused; delete the anchor.",
    },
    "read.alias": {
        "zh": "不允许使用别名 *{name}；请把它引用的内容直接写在这里。",
        "en": "Aliases (*{name}) are not allowed; write out the content it refers to here.",
    },
    "read.merge_key": {
        "zh": "不允许使用合并键 <<；请把要合并的字段逐个写出。",
        "en": "Merge keys (<<) are not allowed; write out the fields one by one.",
    },
    "read.tag": {
        "zh": "不允许使用 YAML 标签 {tag}；请删除标签，直接写值（要保留为文本时加引号，如 '0123'）。",
        "en": "YAML tags such as {tag} are not allowed; delete the tag and write the value itself (quote it to "
        "keep it as text, e.g. '0123').",
    },
    "read.too_deep": {
        "zh": "嵌套超过 {limit} 层，登记记录不需要这么深；请检查括号是否成对、缩进是否正确。",
        "en": "Nesting goes deeper than {limit} levels, which no registry record needs; check that brackets "
        "are closed and the indentation is right.",
    },
    "read.tab": {
        "zh": "这里用了制表符（Tab）；YAML 的缩进和冒号后面只能用空格（引号内的文本和注释除外），onex 也无法改写这样的文件。请把 Tab 换成空格。",
        "en": "A tab character is used here; YAML indentation and the space after a colon must be spaces "
        "(tabs are fine only inside quotes and comments), and onex cannot rewrite such a file. Replace "
        "the tab with spaces.",
    },
    "read.key_invisible_char": {
        "zh": "键 {key} 含有不可见或全角的空白字符 {char}（全角空格、不换行空格或零宽字符，常由中文输入法或网页复制带入），"
        "它和看起来相同的键不是同一个键；请删除该字符，缩进只用半角空格。",
        "en": "The key {key} contains the invisible or full-width space {char} (a full-width space, no-break "
        "space or zero-width character, usually typed by a Chinese input method or pasted from a web "
        "page), so it is not the key it looks like; delete it and indent with ordinary spaces only.",
    },
    "read.full_width_colon": {
        "zh": "键后面用了全角冒号“：”（中文输入法常打出它），YAML 不认它，这一行因此不是“键: 值”；请改成半角冒号加一个空格“: ”。",
        "en": "The key here is followed by a full-width colon '：' (a Chinese input method types it), which YAML "
        "does not read as a colon, so this line is not 'key: value'; use a plain colon and a space ': ' instead.",
    },
    "read.indent_invisible_char": {
        "zh": "这一行的缩进里有不可见或全角的空白字符 {char}（全角空格、不换行空格或零宽字符，常由中文输入法或网页复制带入），"
        "YAML 不把它当作缩进；请删除它，缩进只用半角空格。",
        "en": "The indentation of this line contains the invisible or full-width space {char} (a full-width "
        "space, no-break space or zero-width character, usually typed by a Chinese input method or pasted "
        "from a web page), which YAML does not count as indentation; delete it and indent with ordinary "
        "spaces only.",
    },
    "read.unclosed_bracket": {
        "zh": "这里开始的 {open} 没有闭合（YAML 读到第 {problem_line} 行时仍在找它的 {close}）；请补上 {close}，"
        "或补上两项之间漏掉的逗号。",
        "en": "The {open} opened here is unclosed: YAML was still looking for its {close} on line "
        "{problem_line}. Add the missing {close}, or the comma missing between two of its items.",
    },
    "read.unclosed_quote": {
        "zh": "这里开始的引号 {quote} 直到文件末尾都没有闭合；请在文本结尾补上另一个 {quote}。",
        "en": "The quote {quote} opened here is unclosed: the file ends before its closing {quote}. Add "
        "the closing {quote} after the text.",
    },
    "read.complex_key": {
        "zh": "键只能是文本或数字，这里用了列表或映射作为键（? 或 [...]: 写法）；请改成普通的键。",
        "en": "A key must be text or a number; here a list or mapping is used as a key (the ? or [...]: "
        "form): use a plain key.",
    },
}
register(MESSAGES)


class ReadError(Exception):
    """A file that cannot be read as a registry record (REG-001), with where the problem is."""

    def __init__(self, message: str, line: int = 1, column: int = 1, **params: Any) -> None:
        super().__init__(message, line, column, params)
        self.message = message
        self.params = params
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message} {self.params}"

    def __reduce__(self) -> tuple:  # keeps params when sent between worker processes
        return (_rebuild_read_error, (self.message, self.line, self.column, self.params))


def _rebuild_read_error(message: str, line: int, column: int, params: dict) -> ReadError:
    return ReadError(message, line, column, **params)


# --------------------------------------------------------------------------------------------
# bytes -> text


def decode(raw: bytes) -> str:
    """bytes -> text: UTF-8 only, one leading BOM dropped, CRLF/CR -> LF; else :class:`ReadError`."""
    return _decode(bytes(raw))[0]


def _decode(raw: bytes) -> tuple[str, bool]:
    """The text, and whether it is byte-for-byte the input (no BOM dropped, no CR rewritten)."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise ReadError("read.utf16", encoding="UTF-32")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadError("read.utf16", encoding="UTF-16")
    nul = raw.find(b"\0")
    if nul >= 0:
        if _looks_utf16(raw):
            raise ReadError("read.utf16", encoding="UTF-16")
        raise ReadError("read.binary", *_byte_line_col(raw, nul))
    same = True
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
        same = False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_line_col(raw, exc.start)
        if _looks_gb18030(raw):
            raise ReadError("read.not_utf8_gbk", line, column) from None
        raise ReadError("read.not_utf8", line, column, byte=f"{raw[exc.start]:02X}") from None
    if "\r" in text:
        text = _line_feeds(text)
        same = False
    bom = text.find("\ufeff")
    if bom >= 0:
        raise ReadError("read.bom_mid_file", *_line_col(text, bom))
    return text, same


def _line_feeds(text: str) -> str:
    """CRLF -> LF. Lines are counted as git counts them (LF only), so a lone CR must not start a
    line: in a comment it becomes a space, anywhere else it is refused where it is. A file that
    uses CR alone throughout (classic Mac OS) has no LF at all: its CRs are its line breaks."""
    text = text.replace("\r\n", "\n")
    if "\r" not in text:
        return text
    if "\n" not in text:
        return text.replace("\r", "\n")
    chars = list(text)
    at = text.find("\r")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        if not _comment_before(text[start:at]):
            raise ReadError("read.lone_cr", *_line_col(text, at))
        chars[at] = " "
        at = text.find("\r", at + 1)
    return "".join(chars)


def _comment_before(prefix: str) -> bool:
    """Whether a ``#`` comment has started in this line prefix (quotes followed roughly)."""
    quote = ""
    previous = " "
    for char in prefix:
        if quote:
            if char == quote and not (quote == '"' and previous == "\\"):
                quote = ""
        elif char in "'\"" and previous in " \t[{,:-":
            quote = char
        elif char == "#" and previous in " \t":
            return True
        previous = char
    return False


def _byte_line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset].replace(b"\r\n", b"\n")
    if b"\n" not in raw:  # CR alone throughout: CRs are the line breaks (see _line_feeds)
        before = before.replace(b"\r", b"\n")
    start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[start:].decode("utf-8", "replace")) + 1


def _line_col(text: str, index: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - start + 1


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: ASCII text with every other byte NUL."""
    sample = raw[:4096]
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return half >= 4 and max(even, odd) > 0.3 * half and min(even, odd) <= 0.05 * half


def _looks_gb18030(raw: bytes) -> bool:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# --------------------------------------------------------------------------------------------
# read_document


_NO_ALIASES = yaml_rs.AliasLimits(
    max_total_replayed_events=0, max_replay_stack_depth=0, max_alias_expansions_per_anchor=0
)


def read_document(raw: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[object, str]:
    """``(data, text)``: the record as plain Python and the normalised text :class:`Positions` reads.

    An empty or comment-only file gives ``(None, text)``. Any input that is not a plain one-document
    YAML record raises :class:`ReadError` (and nothing else).
    """
    data, text, _ = read_record(raw, max_bytes=max_bytes)
    return data, text


def read_record(raw: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[object, str, int]:
    """``(data, text, head)`` as :func:`read_document`, and how many characters of the text later
    scans of the text must look at: all of it, or the header before candidate rows that
    onex.plainrows proved plain (no ambiguous number, nothing NFC changes)."""
    raw = bytes(raw)
    if len(raw) > max_bytes:
        raise ReadError("read.too_large", size=len(raw), limit=max_bytes)
    text, same = _decode(raw)
    data = raw if same else text.encode("utf-8")
    rows = plainrows.split(text)
    if rows is not None:
        head, candidates = rows
        value = _read_head(data[: data.find(plainrows.MARK_BYTES) + len(plainrows.MARK_BYTES)], text[:head])
        if (
            isinstance(value, dict)
            and value
            and next(reversed(value)) == "candidates"
            and value["candidates"] is None
        ):
            value["candidates"] = candidates
            return value, text, head
    try:
        return _read_text(data, text), text, len(text)
    except ReadError as problem:
        if problem.message != "read.syntax":
            raise
        explained = _explain_syntax_error(text, problem)
    raise explained from None


def _read_head(data: bytes, text: str) -> object:
    """The header of a file whose rows are plain, when yaml-rs alone reads it as it would the
    whole file; None (read the whole file) when it holds anything the scans send elsewhere."""
    try:
        return _read_text(data, text, exact=False)
    except ReadError:
        return None


_MERGE_MARKER = re.compile(rb"^(<<<<<<<|\|\|\|\|\|\|\||>>>>>>>)(?:[ \t\r\n]|\Z)", re.M)


def _refuse_merge_markers(data: bytes) -> None:
    """A file git left with conflict markers: "unresolved merge conflict" at the first marker line,
    not the syntax error (one line off, or none) a parser would give."""
    if b"<<<<<<<" not in data and b">>>>>>>" not in data:
        return
    found = _MERGE_MARKER.search(data)
    if found is not None:
        line, _ = _byte_line_col(data, found.start())
        raise ReadError("read.merge_conflict", line, 1, marker=found.group(1).decode())


def _read_text(data: bytes, text: str, exact: bool = True) -> object:
    """The value of the text; `exact=False`: a ReadError where the exact path would be needed."""
    _refuse_merge_markers(data)
    # translate + find: ~10 ms per 12 MB, where a regex for the same takes ten times longer
    long_run = data.translate(_DIGITS_AS_ZERO).find(_TOO_MANY_DIGITS)
    if long_run >= 0:
        raise ReadError("read.long_number", *_byte_line_col(data, long_run), limit=MAX_DIGITS)
    rare = data.translate(None, _KEEP_RARE)
    e2_special = _E2_SPECIAL.search(data) is not None
    _refuse_control_characters(text, rare, e2_special, data)
    if _fast_path_blocker(data, rare, e2_special) is None:
        try:
            # the UTF-8 bytes, not the text: a str handed to Rust keeps a UTF-8 copy of itself for
            # as long as it lives (as Record.text does: ~12 MB for a 12 MB registry)
            return yaml_rs.load(
                data, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error, alias_limits=_NO_ALIASES
            )
        except yaml_rs.YAMLDecodeError as exc:
            syntax = _yaml_rs_syntax_error(exc)
            if syntax is not None:
                raise syntax from None
        except Exception:  # e.g. TypeError for a list used as a key: located below
            pass
        # a duplicate key, alias, ... that yaml-rs reports without a position: the exact path finds it
    if not exact:
        raise ReadError("read.syntax", reason="needs the exact path")
    try:
        value = _read_exact(text)
        _check_syntax_with_yaml_rs(text)
    except ReadError:
        raise
    except Exception as exc:  # never a traceback on bad input; name what went wrong
        raise ReadError("read.syntax", reason=f"{type(exc).__name__}: {exc}") from exc
    return value


_YAML_RS_POSITION = re.compile(r"line (\d+), column (\d+)")


def _yaml_rs_syntax_error(exc: Exception) -> ReadError | None:
    """A located syntax error from yaml-rs's message; None for the errors it gives without a position."""
    text = str(exc)
    found = _YAML_RS_POSITION.search(text)
    if found is None or "recursion limit" in text:
        return None
    lines = [line for line in text.splitlines() if line.strip()]
    reason = lines[-1].strip() if len(lines) > 1 else "invalid YAML"
    return ReadError("read.syntax", int(found.group(1)), int(found.group(2)), reason=reason)


def _check_syntax_with_yaml_rs(text: str) -> None:
    """On the exact path yaml-rs must accept the syntax too (its typing and duplicates are ignored)."""
    try:
        yaml_rs.loads(text, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.LastWins)
    except yaml_rs.YAMLDecodeError as exc:
        syntax = _yaml_rs_syntax_error(exc)
        if syntax is not None:
            raise syntax from None
    except Exception:  # not a syntax problem; the exact path has judged the rest
        pass


# --------------------------------------------------------------------------------------------
# a syntax error, explained (only files with one pay for this)


# a line whose first plain token ends in a full-width colon where a key is expected: "name：x", "- a：b"
_FULL_WIDTH_COLON_KEY = re.compile(r"^ *(?:- +)*([^\s#'\"\[\]{},&*!|>%@`?：-][^\n：]*?)：", re.M)
_INDENT_CHARS = "\u3000\u00a0\u200b\u200c\u200d"  # what an IME or a web page puts in indentation
_INDENT_RUN = " " + _INDENT_CHARS
_ODD_INDENT = re.compile(r"^(?:[ ]*- )*[ ]*([\u3000\u00a0\u200b-\u200d])", re.M)
_MAX_TRIES = 4  # candidate lines re-parsed with their suspect character fixed, nearest first
_FLOW_CONTEXTS = ("while parsing a flow mapping", "while parsing a flow sequence")


def _explain_syntax_error(text: str, problem: ReadError) -> ReadError:
    """A ``read.syntax`` error at the place a person has to fix, with what to fix where known.

    * a ``{``/``[`` or a quote left open: where it was opened (ruamel's context mark), not where a
      parser gave up on it, possibly many lines later;
    * a key followed by a full-width colon ``：``, or indentation holding a full-width space, NBSP or
      zero-width character: that line, when fixing the character there moves the error on;
    * otherwise the parser's place, but never past the last non-empty line.
    """
    try:
        line, column = _clamp(text, problem.line, problem.column)
        explained = _unclosed(text, line)
        if explained is None and "：" in text:
            explained = _full_width_colon(text, line)
        if explained is None and any(char in text for char in _INDENT_CHARS):
            explained = _odd_indentation(text, line)
        if explained is None:
            explained = ReadError("read.syntax", line, column, **problem.params)
        return explained
    except Exception:  # an explanation is never worth a crash
        return problem


def _clamp(text: str, line: int, column: int) -> tuple[int, int]:
    """A place at or after the end of the text's content: the end of its last non-empty line."""
    content = len(text.rstrip())
    if content == 0:
        return 1, 1
    if _index_of(text, line, column) < content:
        return line, column
    return _line_col(text, content)


def _ruamel_error(text: str) -> Any:
    """The error ruamel's C parser stops at (it has a context mark), or None."""
    stream_end = _events_module().StreamEndEvent
    try:
        get_event = _c_parser(text).get_event
        while type(get_event()) is not stream_end:
            pass
    except _yaml_errors() as exc:
        return exc
    return None


def _unclosed(text: str, line: int) -> ReadError | None:
    exc = _ruamel_error(text)
    if exc is None:
        return None
    context, opened, stopped = getattr(exc, "context", None), exc.context_mark, exc.problem_mark
    if opened is None or stopped is None or opened.line + 1 > line:
        return None  # the error reported is before anything was opened: another one
    at = _index_of(text, opened.line + 1, opened.column + 1)
    char = text[at : at + 1]
    if context in _FLOW_CONTEXTS and char in ("[", "{") and stopped.line > opened.line:
        problem_line = min(stopped.line + 1, _clamp(text, stopped.line + 1, stopped.column + 1)[0])
        return ReadError(
            "read.unclosed_bracket",
            opened.line + 1,
            opened.column + 1,
            open=char,
            close="]" if char == "[" else "}",
            problem_line=problem_line,
        )
    if (
        context == "while scanning a quoted scalar"
        and char in ("'", '"')
        and "end of stream" in str(getattr(exc, "problem", ""))
    ):
        return ReadError("read.unclosed_quote", opened.line + 1, opened.column + 1, quote=char)
    return None


def _full_width_colon(text: str, line: int) -> ReadError | None:
    candidates = []
    end = _index_of(text, line + 1, 1)  # only lines up to the error's can be why parsing stopped
    for found in _FULL_WIDTH_COLON_KEY.finditer(text, 0, end):
        key = found.group(1)
        if ": " not in key and " #" not in key:  # "note: 说明：x" has its key already
            candidates.append(found.end() - 1)
    before = _SyntaxErrorLine(text)
    for at in reversed(candidates[-_MAX_TRIES:]):
        colon = ":" if text[at + 1 : at + 2] in ("", " ", "\n") else ": "
        if before.moved_on(text[:at] + colon + text[at + 1 :]):
            return ReadError("read.full_width_colon", *_line_col(text, at))
    return None


def _odd_indentation(text: str, line: int) -> ReadError | None:
    end = _index_of(text, line + 1, 1)
    candidates = [found.start(1) for found in _ODD_INDENT.finditer(text, 0, end)]
    before = _SyntaxErrorLine(text)
    for at in reversed(candidates[-_MAX_TRIES:]):
        start = text.rfind("\n", 0, at) + 1
        found_line = text.count("\n", 0, at) + 1
        end = at
        while end < len(text) and text[end] in _INDENT_RUN:
            end += 1
        indent = text[start:end].replace("\u3000", "  ").replace("\u00a0", " ")
        indent = indent.translate({ord(char): None for char in "\u200b\u200c\u200d"})
        if found_line == line or before.moved_on(text[:start] + indent + text[end:]):
            return ReadError("read.indent_invisible_char", *_line_col(text, at), char=_KEY_SPACES[text[at]])
    return None


class _SyntaxErrorLine:
    """Where a text's syntax error is, to tell whether changing one character moves it on.

    yaml-rs judges when it refuses the original text, else ruamel's C parser (one of them refused it).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._line: int | None = None
        self._by_yaml_rs = True

    def moved_on(self, fixed: str) -> bool:
        if self._line is None:
            self._line = _yaml_rs_error_line(self._text)
            if self._line is None:
                self._by_yaml_rs = False
                self._line = _c_error_line(self._text)
            if self._line is None:
                self._line = 0  # no parser refuses it: nothing to move on
        if self._line == 0:
            return False
        after = _yaml_rs_error_line(fixed) if self._by_yaml_rs else _c_error_line(fixed)
        return after is None or after > self._line


def _yaml_rs_error_line(text: str) -> int | None:
    try:
        yaml_rs.loads(text, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.LastWins)
    except yaml_rs.YAMLDecodeError as exc:
        found = _YAML_RS_POSITION.search(str(exc))
        return int(found.group(1)) if found is not None else None
    except Exception:  # not a syntax error
        return None
    return None


def _c_error_line(text: str) -> int | None:
    exc = _ruamel_error(text)
    mark = None if exc is None else getattr(exc, "problem_mark", None)
    return None if mark is None else mark.line + 1


# --------------------------------------------------------------------------------------------
# cheap scans of the bytes


_CONTROL_BYTES = bytes([*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
# control bytes, and the ASCII bytes that start a token or a number spelling where yaml-rs and
# ruamel differ; they are rare in registry files, so one translate() finds out which are present
_RARE_BYTES = _CONTROL_BYTES + b"\t&*!?%<|>\\XBO\xc2"
_KEEP_RARE = bytes(c for c in range(256) if c not in _RARE_BYTES)  # translate() deletes these
_KEEP_FLOW = bytes(c for c in range(256) if c not in b"[]{}\n")
_BRACKETS_AS_SQUARE = bytes.maketrans(b"{}", b"[]")

_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")
_E2_SPECIAL = re.compile(rb"\xe2\x80[\x8b-\x8d\xa8\xa9]")  # zero-width space/non-joiner/joiner, LS, PS
_FFFE_BYTES = re.compile(rb"\xef\xbf[\xbe\xbf]")

_TOKEN_BEFORE = rb"[^ \t\n\[{,:]"  # a byte before an indicator that makes it plain text
_ANCHOR_LIKE = {  # "&x"/"*x" with a name, "!" alone too ("! x" is a tag), where a node can start
    char: re.compile(re.escape(char) + rb"(?<!" + _TOKEN_BEFORE + re.escape(char) + rb")" + follow)
    for char, follow in ((b"&", rb"(?=[^ \t\n,\[\]{}])"), (b"*", rb"(?=[^ \t\n,\[\]{}])"), (b"!", rb""))
}
_EXPLICIT_KEY = re.compile(rb"\?(?<!" + _TOKEN_BEFORE + rb"\?)(?=[ \n,\]}]|\Z)")
_BLOCK_SCALAR = re.compile(rb"[|>](?<!" + _TOKEN_BEFORE + rb"[|>])")
_DOCUMENT_MARKER = re.compile(rb"\n(?:---|\.\.\.)")
# "x:]" (a key to yaml-rs, the text "x:" to ruamel), "10:00:00" (a time to yaml-rs only)
_COLON_TROUBLE = re.compile(rb":(?:[,\]}]|\d\d:\d)")
_COMPLEX_KEYS = (re.compile(rb"\]:"), re.compile(rb"}:"))  # "[a, b]: 1"
_FULL_WIDTH_SPACE = re.compile("\u3000".encode())
_COMPACT_NESTING = re.compile(rb"- +-")
_DATE_TAIL = re.compile(rb"-\d\d?-\d\d?")
_UNDERSCORE_NUMBER = re.compile(rb"_(?:(?<=[0-9.+\-_]_)|(?=[0-9.+\-])|(?<=0[bBoOxX]_))")
_UPPER_RADIX = re.compile(rb"0[XBO]")
_DOT_NUMBER = re.compile(rb"\.(?:\d+[eE]|(?<![^ \t\n\[{,:+\-]\.)[iInN])")  # ".5e3", ".iNf"
_KEY_ON_LINE = re.compile(rb":(?:[ \t]|$)", re.M)
_BLOCK_RUNS: dict[int, re.Pattern[bytes]] = {}


def _refuse_control_characters(text: str, rare: bytes, e2_special: bool, data: bytes) -> None:
    if (
        rare.translate(None, b"\t&*!?%<|>\\XBO\xc2")
        or e2_special
        or (b"\xc2" in rare and _C1_BYTES.search(data))
        or _FFFE_BYTES.search(data)
    ):
        found = _CONTROL_CHARS.search(text)
        if found is not None:
            line, column = _line_col(text, found.start())
            raise ReadError("read.control_char", line, column, char=f"U+{ord(found.group()):04X}")


def _fast_path_blocker(data: bytes, rare: bytes | None = None, e2_special: bool | None = None) -> str | None:
    """Why this text needs the exact path, or None when yaml-rs alone reads it as ruamel would.

    Each check errs towards the exact path: a false alarm only costs time.
    """
    if rare is None:
        rare = data.translate(None, _KEEP_RARE)
    if e2_special is None:
        e2_special = _E2_SPECIAL.search(data) is not None
    flow = _flow_shape(data, rare)
    if flow is None:
        return "depth"
    if flow is True:
        return "flow collection over several lines"  # yaml-rs joins a key broken over lines
    if rare:
        if b"\t" in rare:
            return "tab"
        if b"\\" in rare:
            return "escape"  # a double-quoted escape can spell a date yaml-rs would type
        for char, pattern in _ANCHOR_LIKE.items():
            if char in rare and pattern.search(data):
                return "anchor, alias or tag"
        if b"?" in rare and _EXPLICIT_KEY.search(data):
            return "explicit key"
        if (b"|" in rare or b">" in rare) and _BLOCK_SCALAR.search(data):
            return "block scalar"  # yaml-rs keeps a line break in an empty one, ruamel does not
        if b"%" in rare and (data.startswith(b"%") or b"\n%" in data):
            return "directive"
        if b"<" in rare and b"<<" in data:
            return "merge key"
        if (b"X" in rare or b"B" in rare or b"O" in rare) and _UPPER_RADIX.search(data):
            return "number"
    if (data.startswith((b"---", b"...")) or _DOCUMENT_MARKER.search(data)) and _documents_marked(data):
        return "document markers"
    if _COLON_TROUBLE.search(data):
        return "colon"
    if _COMPLEX_KEYS[0].search(data) or _COMPLEX_KEYS[1].search(data):
        return "complex key"
    if e2_special or b"\xc2" in rare or _FULL_WIDTH_SPACE.search(data):
        if _special_key_char(data):
            return "key character"
    if _dates_need_exact(data):
        return "date"
    if _UNDERSCORE_NUMBER.search(data) or _DOT_NUMBER.search(data):
        return "number"
    return None


def _flow_shape(data: bytes, rare: bytes) -> bool | None:
    """None: nesting may exceed MAX_DEPTH; True: a flow collection spans lines; False: neither.

    Nesting is bounded on the bytes before any parser sees them. Flow depth: brackets and line
    breaks only (quotes ignored), innermost ``[]`` pairs removed until none are left. What remains
    says more: a closing bracket (one inside a string, say) makes the count unreliable, an opening
    one means a collection is not closed on its line. Block depth: a block collection nests at
    most two levels per column of indentation, so it stays shallow unless some line starts with a
    long run of spaces (or of ``- ``/``? `` indicators). "May exceed" sends the text to the exact
    path, whose event walk stops at MAX_DEPTH.
    """
    shape = data.translate(_BRACKETS_AS_SQUARE, _KEEP_FLOW)
    flow = 0
    while True:
        inner = shape.replace(b"[]", b"")
        if len(inner) == len(shape):
            break
        shape = inner
        flow += 1
        if flow > MAX_DEPTH:
            return None
    if b"]" in shape:
        return None
    run = (MAX_DEPTH - flow) // 2
    if run < 1 or data.find(b"\n" + b" " * run) != -1 or data.startswith(b" " * run):
        return None
    if b"?" in rare or b"\t" in rare or _COMPACT_NESTING.search(data):
        pattern = _BLOCK_RUNS.get(run)
        if pattern is None:
            pattern = _BLOCK_RUNS[run] = re.compile(rb"(?:\A|\n)[ \t?\-]{%d}" % run)
        if pattern.search(data):
            return None
    return b"[" in shape


def _documents_marked(data: bytes) -> bool:
    """Any ``---``/``...`` marker except one leading ``---`` (after comments at most)."""
    if data.startswith(b"...") or b"\n..." in data:
        return True
    markers = [0] if data.startswith(b"---") else []
    at = data.find(b"\n---")
    while at != -1:
        markers.append(at + 1)
        at = data.find(b"\n---", at + 1)
    if not markers:
        return False
    if len(markers) > 1:
        return True
    start = markers[0]
    if data[start + 3 : start + 4] not in (b"", b" ", b"\n"):
        return False  # "----" or "---x": a plain scalar, not a marker
    return any(line.strip() and not line.lstrip().startswith(b"#") for line in data[:start].split(b"\n"))


def _special_key_char(data: bytes) -> bool:
    """A full-width space, NBSP or zero-width character on a line where it may be part of a key."""
    for pattern in (b"\xe3\x80\x80", b"\xc2\xa0", b"\xe2\x80\x8b", b"\xe2\x80\x8c", b"\xe2\x80\x8d"):
        at = data.find(pattern)
        while at != -1:
            end = data.find(b"\n", at)
            if _KEY_ON_LINE.search(data, at, len(data) if end == -1 else end):
                return True
            at = data.find(pattern, at + 1 if end == -1 else end)
    return False


def _dates_need_exact(data: bytes) -> bool:
    """A date-like token that yaml-rs could read differently from ruamel.

    A plain date is safe: both read a real one as a ``date`` and an impossible one as its text. A
    date right after a quote or at the start of a line (a block scalar, a folded line) may be a
    quoted date, which yaml-rs types and ruamel does not; a date followed by a time is a datetime,
    whose details differ.
    """
    for found in _DATE_TAIL.finditer(data):
        dash = found.start()
        year = data[dash - 4 : dash]
        if dash < 4 or not year.isdigit() or data[dash - 5 : dash - 4].isdigit():
            continue
        before = dash - 5
        while before >= 0 and data[before] == 0x20:
            before -= 1
        lead = data[before : before + 1] if before >= 0 else b""
        if lead in (b"", b"\n", b"'", b'"'):
            return True  # maybe quoted, a block scalar's line, or a folded line
        if lead not in (b":", b"-", b"[", b"{", b",", b"?"):
            continue  # inside a longer word or a comment: no token is only this date
        after = data[found.end() : found.end() + 2]
        if after[:1] in (b"T", b"t") or (after[:1] == b" " and after[1:2].isdigit()):
            return True
    return False


# --------------------------------------------------------------------------------------------
# the exact path: ruamel's C parser events, ruamel round-trip's YAML 1.2 typing


# ruamel.yaml.resolver's YAML 1.2 implicit resolvers, in ruamel's order for a first character
_FLOAT_12 = re.compile(
    r"""^(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_INT_12 = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
_TIMESTAMP_12 = re.compile(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?
    :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_KEY_SPACES = {
    "\u3000": "U+3000",
    "\u00a0": "U+00A0",
    "\u200b": "U+200B",
    "\u200c": "U+200C",
    "\u200d": "U+200D",
    "\ufeff": "U+FEFF",
}


def _plain_scalar(value: str) -> object:
    """A plain scalar as ruamel round-trip (YAML 1.2) constructs it, as plain Python.

    Where ruamel's constructor fails (``2026-02-30``, ``+_``), the text itself; but an integer of
    over 4,300 digits is the int yaml-rs reads.
    """
    if value in _NULLS:
        return None
    first = value[0]
    if first in "-+0123456789.":
        if _FLOAT_12.match(value):
            return _float(value)
        if _INT_12.match(value):
            return _int(value)
        if first.isdigit() and _TIMESTAMP_12.match(value):
            return _timestamp(value)
        return value
    if first in "tTfF":
        return _BOOLS.get(value, value)
    return value


def _int(value: str) -> int | str:
    digits = value.replace("_", "")
    sign = -1 if digits[:1] == "-" else 1
    if digits[:1] in ("-", "+"):
        digits = digits[1:]
    try:
        if digits.startswith("0b"):
            return sign * int(digits[2:], 2)
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        if digits.startswith("0o"):
            return sign * int(digits[2:], 8)
        return sign * int(digits)  # at most MAX_DIGITS digits: read_document refuses longer runs
    except ValueError:  # "+_", "0b_": ruamel fails with an IndexError
        return value


def _float(value: str) -> float | str:
    digits = value.replace("_", "").lower()
    sign = -1.0 if digits[:1] == "-" else 1.0
    if digits[:1] in ("-", "+"):
        digits = digits[1:]
    if digits == ".inf":
        return sign * float("inf")
    if digits == ".nan":
        return float("nan")
    try:
        return sign * float(digits)
    except ValueError:  # "._"
        return value


def _timestamp(value: str) -> datetime.date | str:
    from ruamel.yaml.util import create_timestamp, timestamp_regexp

    found = timestamp_regexp.match(value)
    if found is None:
        return value
    try:
        return create_timestamp(**found.groupdict())
    except (ValueError, OverflowError):  # 2026-02-30: the schema layer reports the field
        return value


def _events_module() -> Any:
    import ruamel.yaml.events as events

    return events


def _c_parser(text: str) -> Any:
    from ruamel.yaml import CParser

    return CParser(text)


def _yaml_errors() -> tuple[type[BaseException], ...]:
    from ruamel.yaml.error import YAMLError

    return (YAMLError,)


def _read_exact(text: str) -> object:
    """The document read from ruamel's parser events, every REG-001 case checked at its token.

    ruamel's C parser (libyaml) first. libyaml follows YAML 1.1 in a few places where ruamel's own
    scanner follows 1.2 (``{url: https://x}``: a colon inside a plain scalar in a flow collection);
    when libyaml refuses a text yaml-rs accepts, ruamel's pure-Python parser decides (~0.2 MB/s).
    """
    try:
        return _build_checked(text, _c_parser(text).get_event)
    except _yaml_errors() as exc:
        _check_syntax_with_yaml_rs(text)
        first = exc
    try:
        return _build_checked(text, _python_parser(text), folds=True)
    except _yaml_errors() as exc:
        raise _libyaml_syntax_error(exc if getattr(exc, "problem_mark", None) else first) from None


def _build_checked(text: str, get_event: Any, *, folds: bool = False) -> object:
    spans: list[tuple[int, int]] | None = [] if "\t" in text else None
    try:
        value = _build(text, get_event, spans, folds)
    except ReadError as problem:
        if spans is not None:
            _refuse_tabs(text, spans, before=(problem.line, problem.column))
        raise
    except _yaml_errors() as exc:
        if spans is not None:
            _refuse_tabs(text, spans, before=_error_position(exc), only_structural=True)
        raise
    if spans is not None:
        _refuse_tabs(text, spans, before=None)
    return value


def _error_position(exc: BaseException) -> tuple[int, int]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _libyaml_syntax_error(exc: BaseException) -> ReadError:
    reason = getattr(exc, "problem", None) or getattr(exc, "reason", None) or "invalid YAML"
    return ReadError("read.syntax", *_error_position(exc), reason=str(reason))


def _python_parser(text: str) -> Any:
    from ruamel.yaml import YAML

    events = YAML(typ="rt", pure=True).parse(text)
    return lambda: next(events)


def _build(text: str, get_event: Any, spans: list[tuple[int, int]] | None, folds: bool) -> object:
    ev_mod = _events_module()
    Scalar, MapStart, SeqStart = ev_mod.ScalarEvent, ev_mod.MappingStartEvent, ev_mod.SequenceStartEvent
    MapEnd, SeqEnd, Alias = ev_mod.MappingEndEvent, ev_mod.SequenceEndEvent, ev_mod.AliasEvent
    DocStart, StreamEnd = ev_mod.DocumentStartEvent, ev_mod.StreamEndEvent

    # a frame: [container, is_mapping, awaiting_key, key, first line of each key]
    stack: list[list[Any]] = []
    root: object = None
    documents = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is Scalar:
            _refuse_properties(event)
            if event.implicit[0]:
                node = _plain_scalar(event.value)
            else:
                node = event.value
                if folds and event.style == ">":
                    node = node.replace("\a", "")  # ruamel's scanner marks folds for round-trip
                if spans is not None:
                    spans.append((event.start_mark.index, event.end_mark.index))
            is_container = False
        elif kind is MapStart or kind is SeqStart:
            _refuse_properties(event)
            if len(stack) >= MAX_DEPTH:
                raise ReadError("read.too_deep", *_start(event), limit=MAX_DEPTH)
            node = {} if kind is MapStart else []
            is_container = True
        elif kind is MapEnd or kind is SeqEnd:
            stack.pop()
            continue
        elif kind is Alias:
            raise ReadError("read.alias", *_start(event), name=event.anchor)
        elif kind is DocStart:
            documents += 1
            if documents > 1:
                raise ReadError("read.multiple_documents", *_start(event))
            _refuse_directives(text, event)
            continue
        elif kind is StreamEnd:
            return root
        else:
            continue

        if not stack:
            root = node
        else:
            frame = stack[-1]
            if not frame[1]:
                frame[0].append(node)
            elif frame[2]:
                if is_container:
                    raise ReadError("read.complex_key", *_start(event))
                _check_key(event, node, frame)
                frame[3] = node
                frame[2] = False
            else:
                frame[0][frame[3]] = node
                frame[2] = True
        if is_container:
            stack.append([node, kind is MapStart, True, None, {}])


def _start(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def _refuse_properties(event: Any) -> None:
    if event.anchor is not None:
        raise ReadError("read.anchor", *_start(event), name=event.anchor)
    if event.tag is not None:
        raise ReadError("read.tag", *_start(event), tag=_tag_as_written(event.tag))


def _tag_as_written(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _check_key(event: Any, key: object, frame: list[Any]) -> None:
    if isinstance(key, str):
        if key == "<<" and event.implicit[0]:
            raise ReadError("read.merge_key", *_start(event))
        for char, name in _KEY_SPACES.items():
            if char in key:
                raise ReadError("read.key_invisible_char", *_start(event), key=key, char=name)
    first_lines = frame[4]
    line = event.start_mark.line + 1
    same = (type(key), key)  # `1:` and `true:` are two keys, though 1 == True in Python
    if same in first_lines:
        raise ReadError(
            "read.duplicate_key",
            line,
            event.start_mark.column + 1,
            key=key_as_written(key),
            first_line=first_lines[same],
        )
    first_lines[same] = line


def key_as_written(key: object) -> str:
    """A key as YAML writes it (`true`, `null`, `2027-01-01`, `1.5`), never a Python repr."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, datetime.datetime):
        return key.isoformat(sep=" ")
    if isinstance(key, datetime.date):
        return key.isoformat()
    return str(key)


def _refuse_directives(text: str, event: Any) -> None:
    """``%YAML``, ``%TAG`` and reserved directives: they can only stand before an explicit ``---``."""
    if not (event.explicit or event.version or event.tags):
        return
    lines = event.start_mark.line
    for number, line in enumerate(text.split("\n", lines)[:lines]):
        if line.startswith("%"):
            raise ReadError("read.directive", number + 1, 1, directive=line.split()[0])
    if event.version or event.tags:
        raise ReadError("read.directive", *_start(event), directive="%YAML" if event.version else "%TAG")


def _refuse_tabs(
    text: str, spans: list[tuple[int, int]], *, before: tuple[int, int] | None, only_structural: bool = False
) -> None:
    """A tab outside quoted scalars, block scalars and comments (ruamel's scanner rejects those).

    ``before``: only tabs before this position count (a later tab is not why parsing stopped).
    ``only_structural``: after a syntax error, blame only tabs in indentation or after an indicator.
    """
    spans.sort()
    starts = [start for start, _ in spans]

    def quoted(index: int) -> bool:
        at = bisect.bisect_right(starts, index) - 1
        return at >= 0 and index < spans[at][1]

    limit = len(text) if before is None else _index_of(text, *before) + 1
    at = text.find("\t")
    while 0 <= at < limit:
        if not quoted(at):
            line_start = text.rfind("\n", 0, at) + 1
            prefix = text[line_start:at]
            if not _in_comment(prefix, line_start, quoted):
                structural = not prefix.strip(" \t") or prefix.rstrip(" \t")[-1:] in (":", "-", "?", ",")
                if structural or not only_structural:
                    raise ReadError("read.tab", *_line_col(text, at))
        at = text.find("\t", at + 1)


def _index_of(text: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        newline = text.find("\n", start)
        if newline == -1:
            return len(text)
        start = newline + 1
    return min(len(text), start + column - 1)


def _in_comment(prefix: str, offset: int, quoted: Any) -> bool:
    at = prefix.find("#")
    while at != -1:
        if (at == 0 or prefix[at - 1] in " \t") and not quoted(offset + at):
            return True
        at = prefix.find("#", at + 1)
    return False


# --------------------------------------------------------------------------------------------
# positions


class Positions:
    """Where each node of a document starts, as ruamel round-trip's ``.lc`` gives it (1-based).

    * a mapping entry: :meth:`locate` gives where its key starts, :meth:`locate_value` where its value
      starts (for an empty value, where ruamel puts it: the next token, or right after the colon in a
      flow mapping or when a comment follows the colon);
    * a sequence item: both give where the item's node starts, i.e. after ``- `` (``.lc.item()``);
    * the root ``()``: where the document's first node starts, (1, 1) for an empty document;
    * a path that goes further than the document: the deepest node on it that exists.

    Parsing happens on the first call; a text that does not parse gives what was read before the
    error, (1, 1) at worst. Never raises.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: list[Any] | None = None
        self._parsed = False

    def locate(self, path: Path) -> tuple[int, int]:
        return self._find(path, value=False)

    def locate_value(self, path: Path) -> tuple[int, int]:
        return self._find(path, value=True)

    def _find(self, path: Path, *, value: bool) -> tuple[int, int]:
        try:
            if not self._parsed:
                self._parsed = True
                self._root = _record_positions(self._text)
            if self._root is None:
                return (1, 1)
            found = self._root[0]
            node = self._root[1]
            for step in path:
                entry = _child(node, step)
                if entry is None:
                    break
                found = entry[1] if value else entry[0]
                node = entry[2]
            return found
        except Exception:  # a position is never worth a crash
            return (1, 1)


def _child(node: Any, step: object) -> list[Any] | None:
    if isinstance(node, dict):
        try:
            entry = node.get(step)
        except TypeError:
            return None
        if entry is None:
            wanted = str(step)
            for key, candidate in node.items():
                if key_as_written(key) == wanted or str(key) == wanted:
                    return candidate
        return entry
    if (
        isinstance(node, list)
        and isinstance(step, int)
        and not isinstance(step, bool)
        and 0 <= step < len(node)
    ):
        return node[step]
    return None


def _record_positions(text: str) -> list[Any] | None:
    """The position tree from ruamel's C parser, or from its own parser where libyaml gives up."""
    tree, complete = _position_tree(text, _c_parser, from_libyaml=True)
    if not complete:
        fallback, complete = _position_tree(text, _python_parser, from_libyaml=False)
        if complete:
            tree = fallback
    return tree


def _position_tree(text: str, parser: Any, *, from_libyaml: bool) -> tuple[list[Any] | None, bool]:
    """The document's position tree and whether the whole text parsed.

    A mapping is ``{key: [key_pos, value_pos, child]}``, a sequence ``[[pos, pos, child], ...]``, the
    root ``[pos, child]``; a scalar's child is None.

    libyaml and ruamel place an empty value differently; ruamel's rule is copied for libyaml's events:
    in a block mapping the value is where the next token starts, unless a comment follows the colon
    and another key follows (then right after the colon); in a flow mapping, right after the colon.
    """
    ev_mod = _events_module()
    Scalar, MapStart, SeqStart = ev_mod.ScalarEvent, ev_mod.MappingStartEvent, ev_mod.SequenceStartEvent
    MapEnd, SeqEnd, Alias = ev_mod.MappingEndEvent, ev_mod.SequenceEndEvent, ev_mod.AliasEvent
    DocStart, StreamEnd = ev_mod.DocumentStartEvent, ev_mod.StreamEndEvent

    root: list[Any] | None = None
    # a frame: [store, is_mapping, awaiting_key, key, key_pos, is_flow, key_end]; store None inside a complex key
    stack: list[list[Any]] = []
    pending: list[Any] | None = None  # [entry, comment follows the colon]: an empty block value
    documents = 0
    try:
        get_event = parser(text) if not from_libyaml else parser(text).get_event
        while True:
            event = get_event()
            kind = type(event)
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)
            if pending is not None:
                if kind is MapEnd or not pending[1]:
                    pending[0][1] = pos
                pending = None
            if kind is Scalar or kind is Alias or kind is MapStart or kind is SeqStart:
                child: Any = {} if kind is MapStart else [] if kind is SeqStart else None
                if not stack:
                    if root is None:
                        root = [pos, child]
                else:
                    frame = stack[-1]
                    store = frame[0]
                    if store is None:
                        child = None
                    elif not frame[1]:
                        store.append([pos, pos, child])
                    elif frame[2]:
                        if kind is Scalar:
                            frame[3] = _position_key(event)
                            frame[6] = event.end_mark.index
                        else:
                            frame[3] = _COMPLEX
                            child = None  # a complex key's insides have no path
                        frame[4] = pos
                        frame[2] = False
                    else:
                        entry = [frame[4], pos, child]
                        if frame[3] is not _COMPLEX and frame[3] not in store:
                            store[frame[3]] = entry
                        frame[2] = True
                        if from_libyaml and kind is Scalar and _is_empty_plain(event):
                            if frame[5]:
                                entry[1] = _after_colon(text, frame[6], pos)
                            else:
                                pending = [entry, _comment_follows(text, mark.index)]
                if kind is MapStart or kind is SeqStart:
                    if len(stack) >= MAX_DEPTH:
                        return root, True  # deeper than any record: nothing more to learn
                    store = child if (not stack or stack[-1][0] is not None) else None
                    stack.append([store, kind is MapStart, True, None, None, bool(event.flow_style), None])
            elif kind is MapEnd or kind is SeqEnd:
                stack.pop()
            elif kind is DocStart:
                documents += 1
                if documents > 1:
                    return root, True
            elif kind is StreamEnd:
                return root, True
    except Exception:  # keep what was read before the error
        return root, False


def _is_empty_plain(event: Any) -> bool:
    return event.value == "" and event.implicit[0] and event.tag is None and event.anchor is None


_COMPLEX = object()


def _position_key(event: Any) -> object:
    return _plain_scalar(event.value) if event.implicit[0] and event.tag is None else event.value


def _comment_follows(text: str, index: int) -> bool:
    end = text.find("\n", index)
    return text[index : len(text) if end == -1 else end].lstrip(" \t").startswith("#")


def _after_colon(text: str, key_end: int | None, fallback: tuple[int, int]) -> tuple[int, int]:
    """Right after the ``:`` that follows a flow mapping's key (ruamel's mark for an empty value)."""
    if key_end is None:
        return fallback
    at = key_end
    while at < len(text):
        char = text[at]
        if char == ":":
            return _line_col(text, at + 1)
        if char == "#" and (at == 0 or text[at - 1] in " \t\n"):
            at = text.find("\n", at)
            if at == -1:
                break
        elif char not in " \t\n":
            break
        at += 1
    return fallback
