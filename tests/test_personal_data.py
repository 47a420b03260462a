"""The personal-data detector behind PRIV-001: resident ID numbers and mobile numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onex.personal_data import (
    CANDIDATE,
    MOBILE,
    RESIDENT_ID,
    find_personal_data,
    is_valid_resident_id,
    mask,
    may_hold_personal_data,
    resident_id_check_digit,
)

WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


def make_id(first17: str) -> str:
    """A valid resident ID number, computed independently from the ISO 7064 MOD 11-2 definition:
    the check value c satisfies (sum of weighted digits + c) mod 11 == 1, with 10 written X."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    c = (12 - total % 11) % 11
    return first17 + ("X" if c == 10 else str(c))


VALID_IDS = [
    "11010519491231002X",  # the example of GB 11643-1999, check character X
    make_id("44030420000229123"),  # born on 29 February of a leap year
    make_id("31011519900101001"),
    make_id("51010419851111777"),
]


def test_the_computed_examples_hold_what_they_claim():
    assert make_id("11010519491231002") == "11010519491231002X"
    assert any(i.endswith("X") for i in VALID_IDS) and any(i[-1].isdigit() for i in VALID_IDS)


@pytest.mark.parametrize("value", VALID_IDS)
def test_valid_resident_ids(value):
    assert is_valid_resident_id(value)
    assert is_valid_resident_id(value.lower())  # a lower-case x is still an ID
    assert resident_id_check_digit(value[:17]) == value[17]
    assert find_personal_data(value) == [find_personal_data(value)[0]]
    assert find_personal_data(value)[0].kind == RESIDENT_ID


def _wrong_check(value: str) -> str:
    right = value[17]
    wrong = next(c for c in "0123456789X" if c != right)
    return value[:17] + wrong


@pytest.mark.parametrize(
    "value",
    [
        *[_wrong_check(v) for v in VALID_IDS],  # every wrong check character
        make_id("44030420010229123"),  # 29 February of a common year
        make_id("11010518991231002"),  # born 1899
        make_id("11010519491331002"),  # month 13
        make_id("11010519490100002"),  # day 0
        "1101051949123100",  # too short
        "11010519491231002X5",  # too long
        "1101051949123100AX",  # a letter among the digits
    ],
)
def test_invalid_resident_ids(value):
    assert not is_valid_resident_id(value)
    assert find_personal_data(value) == []


def test_every_wrong_check_digit_is_rejected():
    first17 = "31011519900101001"
    right = make_id(first17)[17]
    for c in "0123456789X":
        assert is_valid_resident_id(first17 + c) == (c == right)


def test_resident_id_inside_text_is_found_and_masked():
    text = "身份证:11010519491231002X，备注"
    [match] = find_personal_data(text)
    assert (match.kind, text[match.start : match.end], match.masked) == (
        RESIDENT_ID,
        "11010519491231002X",
        "110105********002X",
    )


@pytest.mark.parametrize(
    "text, found",
    [
        ("13812345678", "138****5678"),
        ("联系电话13812345678", "138****5678"),
        ("电话：19987654321。", "199****4321"),
        ("tel 15000000000 / 备用", "150****0000"),
        ("１３８１２３４５６７８", "138****5678"),  # full-width digits
    ],
)
def test_mobile_numbers(text, found):
    [match] = find_personal_data(text)
    assert (match.kind, match.masked) == (MOBILE, found)
    assert match.end - match.start == 11


def test_several_in_one_text_in_order():
    text = "王小明 13812345678，身份证 11010519491231002X，家长 13900001111"
    assert [(m.kind, m.masked) for m in find_personal_data(text)] == [
        (MOBILE, "138****5678"),
        (RESIDENT_ID, "110105********002X"),
        (MOBILE, "139****1111"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2024010123",  # a 10-digit student number
        "4111010853",  # an institution code
        "X2026-INFO-000101",  # certificate numbers
        "WF-2026-000123",
        "WF-T-0001",
        "2026-06-12",  # dates
        "20260612",
        "财〔2026〕88号",
        "12345678901",  # 11 digits, but not 1[3-9]
        "10012345678",
        "110105194912310",  # 15 digits (the old ID format is not checked)
        "138123456789",  # 12 digits holding 11
        "913812345678",
        "9913812345678",
        "1381234567890123456",  # 19 digits
        make_id("11010519491231002") + "5",  # a longer run holding a valid ID
        "5" + make_id("31011519900101001"),
        "138 1234 5678",  # spaced out: not one run
        "",
    ],
)
def test_not_personal_data(text):
    assert find_personal_data(text) == []


def test_an_18_digit_run_with_a_bad_check_digit_is_not_a_phone_either():
    value = _wrong_check(make_id("13810519900101001"))  # starts like a mobile number
    assert find_personal_data(value) == []


def test_masks_hide_the_middle():
    assert mask(MOBILE, "13812345678") == "138****5678"
    assert mask(RESIDENT_ID, "11010519491231002x") == "110105********002X"


def test_quick_pass_agrees_with_the_search():
    assert may_hold_personal_data("candidates:\n  - {note: 联系电话13812345678}\n")
    assert may_hold_personal_data("id: 11010519491231002X")
    assert may_hold_personal_data("phone: １３８１２３４５６７８")
    assert not may_hold_personal_data('student: "2024010123"\ncertificate_no: WF-2026-000123\n')
    assert not may_hold_personal_data("n: 123456789012345678901")  # a long run that is neither
    assert not may_hold_personal_data('student: "202401012345"\n')  # 12-digit student numbers pass through


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(["1", "3", "8", "0", "9", "X", "x", "a", " ", "-", "１", "学"]), max_size=40))
def test_quick_pass_never_misses_what_the_search_finds(chars):
    text = "".join(chars)
    if CANDIDATE.search(text):
        assert may_hold_personal_data(text)
    else:
        assert not may_hold_personal_data(text)


@pytest.mark.parametrize("n", [10, 11, 12, 16, 17, 18, 19])
def test_quick_pass_at_every_run_length(n):
    for text in ("1" + "3" * (n - 1), "1" + "3" * (n - 2) + "X", f"a{'1' * n}b"):
        assert may_hold_personal_data(text) == bool(CANDIDATE.search(text))
