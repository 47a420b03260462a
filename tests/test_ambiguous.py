"""The byte-level quick pass in front of the ambiguous-number scan never skips a file the scan
would look at (REG-002 for `017`, `8_8`, `.inf` … is tested through the CLI in test_input_hostile)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onex.ambiguous import _CANDIDATE, may_hold

PIECES = ["0", "1", "9", "x", "O", "b", "e", "E", "_", ".", " ", "\n", "[", "{", ",", ":", "-", "+", "a"]
PIECES += ["inf", "Inf", "INF", "nan", "NaN", "NAN", "I", "N", "\t", "学"]


@settings(max_examples=1000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_quick_pass_agrees_with_the_scan(pieces):
    data = "".join(pieces).encode()
    assert may_hold(data) == (_CANDIDATE.search(data) is not None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("fee: 017\n", True),
        ("fee: -017\n", True),
        ("cohorts: {2024: 0x1F}\n", True),
        ("score: 8_8\n", True),
        ("score: 1e3\n", True),
        ("score: 1.5E3\n", True),
        ("score: .inf\n", True),
        ("score: -.NaN\n", True),
        ('student: "202401012345"\ndate: 2026-06-28\nscore: 86\nfee_payer: school\n', False),
        ("certificate_no: X2026-04004-001\nname: 计算机应用技术\n", False),
    ],
)
def test_quick_pass_examples(text, expected):
    assert may_hold(text.encode()) is expected
