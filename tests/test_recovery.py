"""SPEC §4.1, generated: one broken field is one REG-002 and nothing else; one unreadable file is
one REG-001 (or one top-level REG-002) and nothing else.

For every file of the (clean) baseline and every field in it — top level, inside list items, in
mappings whose keys the user chooses, list elements — each break is applied alone: the field's key
misspelt, an extra unknown key beside it, a value of the wrong type, a bad enum value, a key of
the wrong form. Findings that depend on the broken field may disappear; none may appear. The
baseline is loaded once and each case re-reads only the file it changes, so the whole matrix runs
in a few seconds.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml_rs

from onex.engine import check
from onex.load import DEFAULT_MAX_BYTES, Loaded, _read, load, place_of
from onex.models import ENUMS
from onex.registry import Registry
from tests.conftest import AS_OF, BASELINE

FILES = sorted(p.relative_to(BASELINE).as_posix() for p in BASELINE.rglob("*.yaml"))
ENUM_VALUES = {value for values in ENUMS.values() for pair in values.items() for value in pair}
# mappings whose keys the user chooses; `coverage` keys are any text (an unknown module is REG-004)
FREE_MAPPINGS = {"fee_budget", "certificates", "levels", "cohorts", "coverage"}
ANY_KEY = {"coverage"}


@pytest.fixture(scope="module")
def baseline() -> Loaded:
    loaded = load(BASELINE)
    assert not check(Registry(loaded), AS_OF).problems, "the baseline must be clean"
    return loaded


class _One:
    """A snapshot of one file: `_read` takes the changed bytes from it."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def read(self, rel: str, path: Path, limit: int) -> bytes:
        return self.raw


def problems_with(baseline: Loaded, rel: str, raw: bytes) -> list[tuple[str, str, int]]:
    """(rule, file, line) of every problem of the baseline with `rel` replaced by `raw`."""
    loaded = dataclasses.replace(
        baseline,
        records=[r for r in baseline.records if r.file != rel],
        findings=list(baseline.findings),
        failed=list(baseline.failed),
    )
    place = place_of(rel.split("/"))
    record = _read(loaded, rel, BASELINE / rel, place, DEFAULT_MAX_BYTES, _One(raw))
    if record is not None:
        loaded.records.append(record)
    return sorted((p.rule, p.file, p.line) for p in check(Registry(loaded), AS_OF).problems)


def _dump(data: Any) -> bytes:
    return yaml_rs.dumps(data).encode("utf-8")


def _breaks(data: Any, path: tuple = ()) -> Iterator[tuple[str, tuple, Any]]:
    """(what, path, broken document) for every field, element and user-chosen key of `data`."""
    node = data
    for part in path:
        node = node[part]
    if isinstance(node, dict):
        free = bool(path) and path[-1] in FREE_MAPPINGS
        for key, value in node.items():
            here = (*path, key)
            if free and path[-1] in ANY_KEY:
                pass
            elif free:
                bad_key = f"x{key}" if isinstance(key, int) else f"{key} X"
                yield "key", here, _replace_key(data, path, key, bad_key)
            else:
                yield "misspelt", here, _replace_key(data, path, key, f"{key}x")
                yield "extra", here, _replace_key(data, path, key, key, extra=True)
            yield "type", here, _set(data, here, "x" if isinstance(value, (dict, list)) else {"zz": 1})
            if isinstance(value, str) and value in ENUM_VALUES:
                yield "enum", here, _set(data, here, "bogus")
            yield from _breaks(data, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            here = (*path, index)
            if not isinstance(value, dict):
                yield "type", here, _set(data, here, {"zz": 1})
                if isinstance(value, str) and value in ENUM_VALUES:
                    yield "enum", here, _set(data, here, "bogus")
            yield from _breaks(data, here)


def _set(data: Any, path: tuple, value: Any) -> Any:
    copied = copy.deepcopy(data)
    node = copied
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return copied


def _replace_key(data: Any, path: tuple, key: Any, new: Any, extra: bool = False) -> Any:
    copied = copy.deepcopy(data)
    node = copied
    for part in path:
        node = node[part]
    items = list(node.items())
    node.clear()
    for k, v in items:
        node[new if k == key else k] = v
        if extra and k == key:
            node["zz_extra"] = 1
    return copied


def _cases() -> Iterator[Any]:
    for rel in FILES:
        data = yaml_rs.loads((BASELINE / rel).read_text(encoding="utf-8"))
        for what, path, broken in _breaks(data):
            shown = ".".join(str(p) for p in path)
            yield pytest.param(rel, broken, id=f"{rel}:{shown}:{what}")


@pytest.mark.parametrize(("rel", "broken"), list(_cases()))
def test_one_broken_field_is_one_reg002_and_nothing_else(baseline, rel, broken):
    found = problems_with(baseline, rel, _dump(broken))
    assert [(rule, file) for rule, file, _line in found] == [("REG-002", rel)], found


@pytest.mark.parametrize("rel", FILES)
@pytest.mark.parametrize(
    ("content", "rule"),
    [(b"name: [unclosed\n", "REG-001"), (b"- a list\n- not a mapping\n", "REG-002")],
    ids=["syntax", "top-level"],
)
def test_one_unreadable_file_is_one_problem_and_nothing_else(baseline, rel, content, rule):
    found = problems_with(baseline, rel, content)
    assert [(r, file) for r, file, _line in found] == [(rule, rel)], found


# --- the cases of issue 12, through the whole pipeline -----------------------------------------

INSTRUCTORS = "colleges/info/instructors.yaml"
SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
ADOPTION = "colleges/info/certificates/web-frontend.yaml"


def test_an_unknown_field_on_an_instructor_keeps_the_instructor(reg):
    reg.edit(INSTRUCTORS, "    name: 张伟\n", "    name: 张伟\n    title: 副教授\n")
    reg.edit(INSTRUCTORS, "kind: examiner, number", "kind: examiner, note: 新取得, number")
    assert reg.problems() == [
        ("REG-002", INSTRUCTORS, reg.line_of(INSTRUCTORS, "title:")),
        ("REG-002", INSTRUCTORS, reg.line_of(INSTRUCTORS, "note:")),
    ]


def test_a_bad_cohort_key_does_not_lose_the_major(reg):
    reg.edit("colleges/info/college.yaml", "2026: 130", "二〇二六: 130")
    assert reg.problems() == [
        ("REG-002", "colleges/info/college.yaml", reg.line_of("colleges/info/college.yaml", "二〇二六"))
    ]


def test_an_unknown_field_on_a_candidate_still_counts_its_fee(reg):
    reg.edit("onex.yaml", "fee_budget: {2026: 10000}", "fee_budget: {2026: 1199}")  # 3 x 400 owed
    assert reg.problems() == [("FEE-002", "onex.yaml", 8)]
    reg.edit(SESSION, "result: pass, score: 86", "result: pass, seat: 3, score: 86")
    assert reg.problems() == [("REG-002", SESSION, 12), ("FEE-002", "onex.yaml", 8)]


def test_an_unreadable_adoption_is_not_a_missing_one(reg):
    reg.edit(ADOPTION, "status: active\n", "status: active\nstatus: active\n")
    assert reg.problems() == [("REG-001", ADOPTION, 3)]


def test_an_unreadable_plan_is_not_a_missing_one(reg):
    reg.write("colleges/info/plans/2027.yaml", "year: [2027\n")
    reg.write("colleges/info/sessions/2027/web.yaml", reg.read(SESSION).replace("2026-06-12", "2027-06-12"))
    found = reg.problems(as_of=dt.date(2027, 12, 31))
    assert ("REG-001", "colleges/info/plans/2027.yaml", 1) in found
    assert not {rule for rule, _file, _line in found} & {"PLAN-001", "PLAN-004"}


def test_a_plan_is_judged_by_the_year_of_its_path(reg):
    # year: 2025 inside plans/2026.yaml: REG-003, and PLAN-002 judges the 2026 deadline (approved
    # 2026-02-20, in time), not the 2025 one (which it would miss)
    reg.edit("colleges/info/plans/2026.yaml", "year: 2026", "year: 2025")
    assert reg.problems() == [("REG-003", "colleges/info/plans/2026.yaml", 1)]


def test_a_year_folder_in_full_width_digits_is_refused(reg):
    reg.write("colleges/info/sessions/２０２７/web.yaml", reg.read(SESSION))
    found = reg.problems()
    assert ("REG-003", "colleges/info/sessions/２０２７/web.yaml", 1) in found


def test_a_number_whose_meaning_depends_on_the_yaml_version_is_unknown(reg):
    reg.edit("onex.yaml", "fee_budget: {2026: 10000}", "fee_budget: {2026: 0x10}")  # 16 in YAML 1.2
    assert reg.problems() == [("REG-002", "onex.yaml", 8)]  # no FEE-002 judged against 16 yuan


# --- an unresolved reference is unknown, not wrong twice (SPEC §4.1) -----------------------------

TRAINING = "colleges/info/trainings/2026/web-mid-spring.yaml"


def test_a_session_level_the_org_does_not_offer_is_reg004_only(reg):
    # `senior` is not offered: REG-004, and no PLAN-004 "senior is not in the plan" besides
    reg.edit(SESSION, "level: intermediate", "level: senior")
    assert reg.problems() == [("REG-004", SESSION, 2)]


def test_a_certificate_typo_in_a_training_is_reg004_only(reg):
    reg.edit(TRAINING, "certificate: web-frontend", "certificate: cloud-ops")  # in the catalogue, not adopted
    assert reg.problems() == [("REG-004", TRAINING, 1)]  # no TRAIN-002 for the team's qualifications


def test_a_major_typo_in_an_adoption_is_reg004_only(reg):
    reg.edit(
        ADOPTION,
        '{code: "510201", role: primary}',
        '{code: "510201", role: primary}\n  - {code: "510209", role: auxiliary}',
    )
    assert reg.problems() == [("REG-004", ADOPTION, 7)]  # no STAFF-001 "510209 has 0 certified teachers"


def test_names_are_compared_after_nfc(reg):
    """SPEC §4.2: an approval by a name typed in NFD (decomposed) is by the NFC leader."""
    import unicodedata

    reg.edit("colleges/info/college.yaml", "{name: 赵华, role: 副院长", "{name: Zoë, role: 副院长")
    reg.edit(SESSION, "by: 赵华", "by: " + unicodedata.normalize("NFD", "Zoë"))
    reg.edit(TRAINING, "by: 赵华", "by: Zoë")
    assert reg.problems() == []
    reg.edit(TRAINING, "by: Zoë", "by: Zoe")
    assert reg.problems() == [("TRAIN-001", TRAINING, reg.line_of(TRAINING, "by: Zoe"))]


def test_a_candidate_listed_twice_is_reg003_once_and_owes_one_fee(reg):
    reg.edit(
        "onex.yaml", "fee_budget: {2026: 10000}", "fee_budget: {2026: 1200}"
    )  # 3 x 400: exactly at budget
    wang = reg.read(SESSION).splitlines()[11]
    path = reg.path(SESSION)
    path.write_text(reg.read(SESSION) + wang + "\n", encoding="utf-8")
    assert reg.problems() == [("REG-003", SESSION, 16)]  # no FEE-002: 1,600 would be over


@pytest.mark.parametrize(
    "old, new",
    [
        ("number: WF-T-0001", "number: 1"),  # REG-002: a number must be text
        ("number: WF-T-0001", "number: WF-T-0001, note: 新"),  # an unknown field of the qualification
    ],
)
def test_a_broken_qualification_number_still_counts_the_teacher(reg, cli, old, new):
    """STAFF-001 and report count certified teachers by the qualification's certificate, kind and
    dates, never by its number: 张伟 stays one of the 3 certified teachers of 510201, under a
    minimum of 4 (SPEC §4.1: a rule that does not need the broken field judges as usual)."""
    reg.append("onex.yaml", "policy:\n  min_certified_per_major: 4\n")
    reg.edit(INSTRUCTORS, old, new)
    assert ("STAFF-001", ADOPTION, reg.line_of(ADOPTION, '"510201"')) in reg.problems()
    code, out, err = cli(
        "report", "-r", reg.root, "--as-of", "2026-12-31", "--format", "json", "--year", "2026"
    )
    assert code == 0, err
    assert json.loads(out)["teachers"][0]["teachers"] == ["张伟", "刘洋", "陈静"]


PART_TIME = '    employment: part_time\n    source: industry\n    majors: ["510201"]\n'


def _teacher_rows(cli, reg) -> list[list[str]]:
    code, out, err = cli(
        "report", "-r", reg.root, "--as-of", "2026-12-31", "--format", "json", "--year", "2026"
    )
    assert code == 0, err
    return [row["teachers"] for row in json.loads(out)["teachers"]]


@pytest.mark.parametrize(
    "new",
    [
        "    majors: 510201\n",  # REG-002: a list of codes, not a number
        '    majros: ["510201"]\n',  # REG-002: misspelt, so `majors` is unknown
    ],
)
def test_a_broken_field_of_a_part_time_teacher_still_counts_the_certified_teachers(reg, cli, new):
    """Part-time teachers never count (§4.3.1), so a broken `majors` of 孙强 (part_time) leaves who
    is certified known: STAFF-001 still reports 510201's 3 certified teachers under a minimum of 4,
    and the report still shows them (SPEC §4.1: a rule that does not need the field judges)."""
    reg.append("onex.yaml", "policy:\n  min_certified_per_major: 4\n")
    reg.edit(INSTRUCTORS, PART_TIME, PART_TIME.replace('    majors: ["510201"]\n', new))
    assert reg.problems() == [
        ("STAFF-001", ADOPTION, reg.line_of(ADOPTION, '"510201"')),
        ("REG-002", INSTRUCTORS, reg.line_of(INSTRUCTORS, new.strip())),
    ]
    assert _teacher_rows(cli, reg) == [["张伟", "刘洋", "陈静"]]


def test_a_broken_field_of_a_teacher_without_qualifications_still_counts_the_certified_teachers(reg, cli):
    """A full-time teacher known to hold no qualification certifies nothing: a broken `majors` of
    theirs leaves who is certified known (STAFF-001 under a minimum of 4, the report's row)."""
    reg.append("onex.yaml", "policy:\n  min_certified_per_major: 4\n")
    reg.write(
        INSTRUCTORS,
        reg.read(INSTRUCTORS)
        + "  - id: t2099001\n    name: 周新\n    employment: full_time\n    majors: 510201\n    qualifications: []\n",
    )
    assert reg.problems() == [
        ("STAFF-001", ADOPTION, reg.line_of(ADOPTION, '"510201"')),
        ("REG-002", INSTRUCTORS, reg.line_of(INSTRUCTORS, "    majors: 510201")),
    ]
    assert _teacher_rows(cli, reg) == [["张伟", "刘洋", "陈静"]]
    # qualifications unknown too (REG-002): they may certify them, so the count is unknown
    reg.write(
        INSTRUCTORS,
        reg.read(INSTRUCTORS).replace(
            "majors: 510201\n    qualifications: []", "majors: 510201\n    qualifications: oops"
        ),
    )
    assert [(rule, file) for rule, file, _line in reg.problems()] == [("REG-002", INSTRUCTORS)] * 2


def test_a_broken_field_of_a_part_time_teacher_leaves_a_satisfied_major_satisfied(reg, cli):
    reg.edit(INSTRUCTORS, PART_TIME, PART_TIME.replace('["510201"]', "510201"))
    assert reg.problems() == [("REG-002", INSTRUCTORS, reg.line_of(INSTRUCTORS, "majors: 510201"))]
    assert _teacher_rows(cli, reg) == [["张伟", "刘洋", "陈静"]]


@pytest.mark.parametrize(
    "old, new",
    [
        ("employment: part_time", "employment: contract"),  # may be full-time: who counts is unknown
        (
            'name: 张伟\n    employment: full_time\n    majors: ["510201"]',
            "name: 张伟\n    employment: full_time\n    majors: 510201",
        ),
    ],
    ids=["part-time-employment-unknown", "full-time-majors-unknown"],
)
def test_a_broken_field_of_a_teacher_who_may_count_leaves_the_count_unknown(reg, cli, old, new):
    """An instructor whose employment is unknown, or a full-time one whose majors are, may be a
    certified teacher of 510201: no STAFF-001 from a count that may be wrong, and no report row."""
    reg.append("onex.yaml", "policy:\n  min_certified_per_major: 4\n")
    reg.edit(INSTRUCTORS, old, new)
    assert [(rule, file) for rule, file, _line in reg.problems()] == [("REG-002", INSTRUCTORS)]
    assert _teacher_rows(cli, reg) == []
