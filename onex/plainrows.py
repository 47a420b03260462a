"""Candidate rows read without a YAML parser, where their spelling leaves no doubt.

A session file is a short header and then, as its last key, its candidates: one flow mapping a
line, as `onex fmt` writes them and as coordinators copy them (95 % of a large registry's bytes):

    candidates:
      - {student: "2025030301", name: 贺家乐, major: "530701", result: pass, score: 93, certificate_no: X2026-ECON-000101}

When every line after a top-level `candidates:` is such a row, spelled the plain way, the reader
(onex.yamlread) parses only the header with yaml-rs and takes the rows from here; the byte scans
that decide how a file must be read, and the scans for ambiguous numbers and non-NFC text, then
look at the header only. Nothing in a plain row can need them.

"Plain" is narrow on purpose: the fields in the model's order, each value in a spelling whose
YAML meaning is certain whatever reader reads it:

* text in double quotes holding only ASCII letters, digits and hyphens (no escapes possible);
* a name of CJK ideographs (U+4E00–U+9FFF, never changed by NFC) and middle dots (·), an
  ideograph first;
* a certificate number: an ASCII letter, then letters, digits and hyphens, with a digit (no YAML
  resolver reads a plain scalar that starts with a letter and holds a digit as anything but text);
* an enum word of the model (English or its Chinese alias), `true`/`false` for `enrolled`;
* a score: 0–999 with at most two decimals, no leading zero (an int, or a float).

Anything else — another order, a comment, a quote of another kind, a tab, a trailing space, a
missing final line break — and the whole file goes to the YAML parser as before. Tests hold the
rows this module returns to yaml-rs's reading of the same text, value for value and type for type
(tests/test_plainrows.py), on generated, mutated, sample and benchmark files.
"""

from __future__ import annotations

import re

from onex.enums import ENUMS

_QUOTED = r'"([0-9A-Za-z-]{1,64})"'
_NAME = r"([\u4e00-\u9fff][\u4e00-\u9fff·]{0,31})"
_CERTIFICATE = r'([A-Za-z][A-Za-z-]*[0-9][0-9A-Za-z-]{0,62}|"[0-9A-Za-z-]{1,64}")'
_SCORE = r"((?:0|[1-9][0-9]{0,2})(?:\.[0-9]{1,2})?)"


def _words(enum: str) -> str:
    words = [*ENUMS[enum], *ENUMS[enum].values()]
    return "(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")"


_ROW = (
    r"^  - \{student: " + _QUOTED + ", name: " + _NAME + ", major: " + _QUOTED
    + r"(?:, enrolled: (true|false))?"
    + r"(?:, result: " + _words("result") + ")?"
    + r"(?:, score: " + _SCORE + ")?"
    + r"(?:, certificate_no: " + _CERTIFICATE + ")?"
    + r"(?:, fee_payer: " + _words("fee_payer") + ")?"
    + r"\}\n"
)  # fmt: skip
ROW = re.compile(_ROW, re.M)  # one whole line: a row, its eight values as groups
# a plain score's value without int() (most scores are whole numbers)
_WHOLE = {str(number): number for number in range(1000)}
MARK = "\ncandidates:\n"
MARK_BYTES = MARK.encode()


def split(text: str) -> tuple[int, list[dict[str, object]]] | None:
    """`(where the rows start, the rows)` when everything after the top-level `candidates:` line
    is plain rows (at least one), else None. The header is `text[:where]`, ending with that line."""
    mark = text.find(MARK)
    if mark < 0:
        return None
    start = mark + len(MARK)
    found = ROW.findall(text, start)
    # each row is a whole line: as many rows as lines means every line is one
    if not found or len(found) != text.count("\n", start) or not text.endswith("\n"):
        return None
    rows: list[dict[str, object]] = []
    add = rows.append
    whole = _WHOLE.get
    for student, name, major, enrolled, result, score, certificate, payer in found:
        row: dict[str, object] = {"student": student, "name": name, "major": major}
        if enrolled:
            row["enrolled"] = enrolled == "true"
        if result:
            row["result"] = result
        if score:
            row["score"] = whole(score) if "." not in score else float(score)
        if certificate:
            row["certificate_no"] = certificate.strip('"')
        if payer:
            row["fee_payer"] = payer
        add(row)
    return start, rows
