"""PRIV-001: resident ID numbers and mobile numbers do not belong in the registry."""

from __future__ import annotations

import pytest

SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
INSTRUCTORS = "colleges/info/instructors.yaml"
TRAINING = "colleges/info/trainings/2026/web-mid-spring.yaml"
COLLEGE = "colleges/info/college.yaml"
ONEX = "onex.yaml"

PHONE = "13812345678"
RESIDENT_ID = "11010519491231002X"  # valid check character X (GB 11643's example)


def test_priv001_phone_inside_a_name(reg):
    reg.edit(SESSION, "name: 王小明,", f"name: 王小明（电话{PHONE}）,")
    assert reg.problems(rule="PRIV-001") == [("PRIV-001", SESSION, reg.line_of(SESSION, PHONE))]
    assert reg.messages("PRIV-001") == [
        "candidates[0].name holds personal data: a mobile number 138****5678. Personal data does not belong in a "
        "git registry (every clone and CI log keeps it): remove it and keep it in the school's student information "
        "system; if it was committed, ask the repository admin to purge it from the git history"
    ]
    [zh] = reg.messages("PRIV-001", "zh")
    assert "手机号码138****5678" in zh and zh != reg.messages("PRIV-001")[0]


def test_priv001_messages_never_repeat_the_data(reg):
    reg.edit(INSTRUCTORS, "number: WF-T-0001", f"number: '身份证:{RESIDENT_ID.lower()}，手机 {PHONE}'")
    assert reg.problems(rule="PRIV-001") == [("PRIV-001", INSTRUCTORS, reg.line_of(INSTRUCTORS, PHONE))]
    for lang in ("en", "zh"):
        [message] = reg.messages("PRIV-001", lang)
        assert PHONE not in message and RESIDENT_ID not in message.upper()
        assert "110105********002X" in message and "138****5678" in message


def test_priv001_points_at_the_value_in_block_style(reg):
    reg.edit(
        TRAINING,
        "  - {on: 2026-04-10, by: 王丽, note: 抽查课堂}",
        f"  - on: 2026-04-10\n    by: 王丽\n    note: 抽查课堂，联系人{PHONE}",
    )
    assert reg.problems(rule="PRIV-001") == [("PRIV-001", TRAINING, reg.line_of(TRAINING, "note:"))]
    assert reg.messages("PRIV-001")[0].startswith("inspections[0].note holds personal data")


def test_priv001_numbers_and_records_with_schema_errors(reg):
    # An unquoted phone number in an unknown field: REG-002 for the field, PRIV-001 for the value.
    reg.append(COLLEGE, f"contact: {PHONE}\n")
    assert reg.problems(rule="PRIV-001") == [("PRIV-001", COLLEGE, reg.line_of(COLLEGE, "contact:"))]
    assert ("REG-002", COLLEGE, reg.line_of(COLLEGE, "contact:")) in reg.problems()


def test_priv001_in_a_list_item_after_one_that_validation_dropped(reg):
    # The second candidate breaks its schema and is dropped from the model; the third holds a
    # phone number, and the problem must still be on the third one's line.
    reg.edit(SESSION, "result: fail, score: 52}", "result: maybe, score: 52}")
    reg.edit(SESSION, "name: 赵小刚,", f"name: 赵小刚{PHONE},")
    assert reg.problems(rule="PRIV-001") == [("PRIV-001", SESSION, reg.line_of(SESSION, "赵小刚"))]


def test_priv001_in_a_list_item_that_validation_dropped(reg):
    reg.edit(
        SESSION,
        'name: 赵小刚, major: "510201", result: absent}',
        f'name: 赵小刚, major: "510201", result: absent, phone: {PHONE}}}',
    )
    assert reg.problems(rule="PRIV-001") == [("PRIV-001", SESSION, reg.line_of(SESSION, "赵小刚"))]
    assert reg.messages("PRIV-001")[0].startswith("candidates[2].phone holds personal data")


def test_priv001_one_problem_per_value(reg):
    reg.edit(
        ONEX,
        '{name: 北京工业职业技术学院, code: "10858"}',
        f'{{name: "北京工业职业技术学院 {PHONE} 13900001111", code: "{RESIDENT_ID}"}}',
    )
    assert reg.problems(rule="PRIV-001") == [("PRIV-001", ONEX, 2), ("PRIV-001", ONEX, 2)]
    assert sorted(reg.messages("PRIV-001")) == [
        "institution.code holds personal data: a resident ID number 110105********002X." + TAIL,
        "institution.name holds personal data: a mobile number 138****5678, a mobile number 139****1111."
        + TAIL,
    ]


TAIL = (
    " Personal data does not belong in a git registry (every clone and CI log keeps it): remove it and keep it in"
    " the school's student information system; if it was committed, ask the repository admin to purge it from the"
    " git history"
)


@pytest.mark.parametrize(
    "value",
    [
        "'2024010123'",  # a student number
        "X2026-INFO-000101",  # certificate numbers
        "'110105194912310'",  # 15 digits
        "'11010519491231002" + ("0" if RESIDENT_ID[-1] != "0" else "1") + "'",  # wrong check digit
        "'138123456789'",  # 12 digits holding 11
        "2026-06-12",
        "12345678901",  # 11 digits, not a mobile number
    ],
)
def test_priv001_what_is_not_personal_data(reg, value):
    reg.edit(INSTRUCTORS, "number: WF-T-0001", f"number: {value}")
    assert reg.problems(rule="PRIV-001") == []


def test_priv001_keys_and_comments_are_not_searched(reg):
    reg.append(SESSION, f"# 联系电话 {PHONE}\n")
    reg.edit(COLLEGE, "working_group:", f"{PHONE}: x\nworking_group:")
    assert reg.problems(rule="PRIV-001") == []


def _resident_id(birth: str) -> str:
    from onex.personal_data import resident_id_check_digit

    first17 = f"110105{birth}002"
    return first17 + resident_id_check_digit(first17)


def test_priv001_a_birth_date_after_the_as_of_date_is_not_a_resident_id(reg):
    """SPEC §4.2: the birth date must be a real date not after the as-of date."""
    import datetime as dt

    reg.edit(INSTRUCTORS, "number: WF-T-0001", f"number: '{_resident_id('20270101')}'")
    assert reg.problems(rule="PRIV-001") == []  # as of 2026-12-31: born tomorrow, so no ID
    line = reg.line_of(INSTRUCTORS, "110105")
    assert reg.problems(as_of=dt.date(2027, 1, 1), rule="PRIV-001") == [("PRIV-001", INSTRUCTORS, line)]


def test_priv001_a_birth_date_that_is_no_date_is_not_a_resident_id(reg):
    reg.edit(INSTRUCTORS, "number: WF-T-0001", f"number: '{_resident_id('20000230')}'")  # 30 February
    assert reg.problems(rule="PRIV-001") == []
