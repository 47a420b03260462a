"""Personal data a registry must not hold: PRC resident ID numbers and mainland mobile numbers.

The registry lives in git, is copied to every coordinator's laptop and printed in CI logs, so
PRIV-001 looks for the two kinds of personal data that coordinators most often paste in by
accident (from a platform export or a contact sheet):

- a **resident ID number** (居民身份证号码, GB 11643): 18 characters, 17 digits then a digit or
  X, whose last character is the ISO 7064 MOD 11-2 check digit of the first 17, and whose
  characters 7–14 are a plausible birth date YYYYMMDD (a real calendar date, 1900–2099);
- a **mobile number** (手机号码): 11 digits `1[3-9]` + 9 digits.

Either one counts only as a whole run of digits: never as part of a longer run (a 12-digit
number that merely contains 11 digits, a 19-digit run) and so never a 10-digit student number,
a 15-digit number, a date or a certificate number like `WF-2026-000123`. Around the run anything
may stand, so "联系电话13812345678" and "身份证:11010519491231002X" are found. Full-width digits
(１３８…), which Chinese input methods produce, count as digits.

What is found is reported *masked* (138****5678, 110105********002X): the report itself ends
up in CI logs and must not repeat the data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

RESIDENT_ID = "resident_id"
MOBILE = "mobile"

_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")
_DIGIT = "[0-9０-９]"
_X = "[0-9０-９XxＸｘ]"

# One pattern for both kinds: a whole run of digits (nothing digit-like on either side) of
# 18 characters ending in a digit or X, or of 11 digits starting 13–19.
CANDIDATE = re.compile(
    rf"(?<!{_DIGIT})(?:(?P<id>{_DIGIT}{{17}}{_X})|(?P<mobile>[1１][3-9３-９]{_DIGIT}{{9}}))(?!{_DIGIT})"
)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # 2**(17-i) mod 11
_CHECK = "10X98765432"  # check character by (sum of weighted digits) mod 11


@dataclass(frozen=True, slots=True)
class Match:
    kind: str  # RESIDENT_ID | MOBILE
    start: int  # index in the text searched
    end: int
    masked: str  # safe to print: 138****5678, 110105********002X


def resident_id_check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character ("0"–"9" or "X") of 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def is_valid_resident_id(s: str, born_by: dt.date | None = None) -> bool:
    """18 characters, 17 digits + digit or X/x, a matching check digit and a plausible birth date
    (a real date, 1900–2099, and not after `born_by` when given: SPEC §4.2)."""
    s = s.translate(_FULL_WIDTH)
    if len(s) != 18 or not s[:17].isascii() or not s[:17].isdigit() or s[17] not in "0123456789Xx":
        return False
    if resident_id_check_digit(s[:17]) != s[17].upper():
        return False
    year, month, day = int(s[6:10]), int(s[10:12]), int(s[12:14])
    if not 1900 <= year <= 2099:
        return False
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return born_by is None or born <= born_by


def mask(kind: str, value: str) -> str:
    """Enough to find the value again in the file, not enough to learn it."""
    value = value.translate(_FULL_WIDTH)
    if kind == RESIDENT_ID:
        return value[:6] + "*" * 8 + value[14:].upper()
    return value[:3] + "*" * 4 + value[7:]


def find_personal_data(text: str, born_by: dt.date | None = None) -> list[Match]:
    """Every resident ID number (valid check digit and birth date, not after `born_by`) and mobile
    number in `text`."""
    found: list[Match] = []
    for hit in CANDIDATE.finditer(text):
        value = hit.group()
        if hit.group("id") is not None:
            if not is_valid_resident_id(value, born_by):
                continue
            kind = RESIDENT_ID
        else:
            kind = MOBILE
        found.append(Match(kind, hit.start(), hit.end(), mask(kind, value)))
    return found


# Every byte to "0" if it is an ASCII digit, else to " ": a run of 11 digits becomes b"0" * 11.
_DIGITS_ONLY = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
# The whole runs that can hold personal data, with a non-digit on each side: 11 digits (a mobile
# number), 18 digits or 17 digits before an X (a resident ID; X is a non-digit here).
_WHOLE_RUNS = tuple(b" " + b"0" * n + b" " for n in (11, 17, 18))
_FULL_WIDTH_DIGIT = re.compile(rb"\xef\xbc[\x90-\x99]")  # UTF-8 of ０–９


def may_hold_personal_data(text: str) -> bool:
    """A fast first pass over a whole file: False means no part of it can hold personal data.

    Both kinds are a whole run of exactly 11, 17 (+ X) or 18 digits. Looking for those runs with
    bytes operations is far faster than a regular expression over the text (which matters for a
    12 MB registry), and unlike "11 digits or more" it lets the 12-digit student numbers many
    colleges use pass straight through; only a text that passes is searched with the full pattern.
    """
    raw = text.encode("utf-8", "surrogatepass")
    digits = b" " + raw.translate(_DIGITS_ONLY) + b" "
    if any(run in digits for run in _WHOLE_RUNS) or _FULL_WIDTH_DIGIT.search(raw):
        return CANDIDATE.search(text) is not None
    return False
