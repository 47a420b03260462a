"""`onex approve`: who may approve what, and the approval written without losing anything."""

from __future__ import annotations

import pytest

PLAN = "colleges/info/plans/2026.yaml"
STAFF = "colleges/info/staff-plans/2026.yaml"
TRAINING = "colleges/info/trainings/2026/web-mid-spring.yaml"
SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"


@pytest.fixture(autouse=True)
def no_env_registry(monkeypatch):
    monkeypatch.delenv("ONEX_REGISTRY", raising=False)


def unapprove(reg, rel: str) -> None:
    text = reg.read(rel)
    line = next(line for line in text.splitlines(keepends=True) if line.startswith("approval:"))
    reg.write(rel, text.replace(line, ""))


def approve(cli, reg, rel, *args):
    return cli("approve", reg.path(rel), "--lang", "en", *args)


def test_plan_approved_by_a_college_leader(reg, cli):
    reg.write(
        PLAN, "# 2026 年度计划\nyear: 2026   # 年份\nfiled: {by: t2019001, on: 2026-03-01}\nitems: []\n"
    )
    code, out, err = approve(
        cli, reg, PLAN, "--by", "李明", "--on", "2026-02-20", "--ref", "信息院〔2026〕1号"
    )
    assert (code, err) == (0, "")
    assert out == f"recorded the approval of {PLAN}: 李明, 2026-02-20\n"
    assert reg.read(PLAN) == (
        "# 2026 年度计划\n"
        "year: 2026   # 年份\n"
        "approval: {by: 李明, on: 2026-02-20, ref: 信息院〔2026〕1号}\n"
        "filed: {by: t2019001, on: 2026-03-01}\n"
        "items: []\n"
    )


def test_plan_not_approved_by_someone_who_is_not_a_leader(reg, cli):
    unapprove(reg, PLAN)
    before = reg.path(PLAN).read_bytes()
    code, out, err = approve(cli, reg, PLAN, "--by", "张伟", "--on", "2026-02-20")
    assert (code, out) == (1, "")
    assert err == (
        f"onex: 张伟 may not approve {PLAN}: an annual plan is approved by a college leader (§5.2); "
        "the leaders of 信息工程学院 are 李明, 赵华\n"
    )
    assert reg.path(PLAN).read_bytes() == before


def test_staff_plan_approved_by_any_leader(reg, cli):
    unapprove(reg, STAFF)
    code, _, _ = approve(cli, reg, STAFF, "--by", "赵华", "--on", "2026-01-15")
    assert code == 0
    assert reg.read(STAFF).splitlines()[:2] == ["year: 2026", "approval: {by: 赵华, on: 2026-01-15}"]


@pytest.mark.parametrize(
    ("rel", "clause", "what", "after"),
    [
        (TRAINING, "4.5", "a training", "participants: 4"),
        (SESSION, "5.2.1", "an exam session", "site: main-campus"),
    ],
)
def test_trainings_and_sessions_need_the_leader_in_charge(reg, cli, rel, clause, what, after):
    unapprove(reg, rel)
    before = reg.path(rel).read_bytes()
    code, _, err = approve(cli, reg, rel, "--by", "李明", "--on", "2026-03-20")
    assert code == 1 and reg.path(rel).read_bytes() == before
    assert err == (
        f"onex: 李明 may not approve {rel}: {what} is approved by the college's leader in charge (§{clause}), "
        "who for 信息工程学院 is 赵华\n"
    )
    code, _, err = approve(cli, reg, rel, "--by", "赵华", "--on", "2026-03-20")
    assert (code, err) == (0, "")
    lines = reg.read(rel).splitlines()
    assert lines[lines.index(after) + 1] == "approval: {by: 赵华, on: 2026-03-20}"
    rule = "TRAIN-001" if rel == TRAINING else "EXAM-002"
    assert reg.problems(rule=rule) == []


def test_no_leader_in_charge(reg, cli):
    unapprove(reg, TRAINING)
    reg.edit("colleges/info/college.yaml", ", in_charge: true", "")
    code, _, err = approve(cli, reg, TRAINING, "--by", "赵华", "--on", "2026-03-20")
    assert code == 1
    assert "has no single leader marked in_charge: true in college.yaml" in err


def test_already_approved(reg, cli):
    before = reg.path(PLAN).read_bytes()
    code, _, err = approve(cli, reg, PLAN, "--by", "赵华", "--on", "2026-02-21")
    assert code == 1 and reg.path(PLAN).read_bytes() == before
    assert (
        err
        == f"onex: {PLAN} is already approved by 李明 on 2026-02-20: nothing changed. To record a new approval instead, add --force\n"
    )
    code, out, _ = approve(cli, reg, PLAN, "--by", "李明", "--on", "2026-02-20")
    assert code == 0 and out == f"{PLAN} already has this approval: nothing to do\n"
    assert reg.path(PLAN).read_bytes() == before
    code, out, _ = approve(cli, reg, PLAN, "--by", "赵华", "--on", "2026-02-21", "--force")
    assert code == 0 and out == f"replaced the approval of {PLAN}: 赵华, 2026-02-21 (was 李明, 2026-02-20)\n"
    assert reg.read(PLAN).splitlines()[1] == "approval: {by: 赵华, on: 2026-02-21}"


def test_date_defaults_to_as_of(reg, cli):
    unapprove(reg, PLAN)
    code, _, _ = approve(cli, reg, PLAN, "--by", "李明", "--as-of", "2026-02-19")
    assert code == 0 and "approval: {by: 李明, on: 2026-02-19}\n" in reg.read(PLAN)


def test_late_approval_is_recorded_with_a_note(reg, cli):
    unapprove(reg, TRAINING)
    code, _, err = approve(cli, reg, TRAINING, "--by", "赵华", "--on", "2026-04-02")
    assert code == 0
    assert (
        err
        == "note: the approval date 2026-04-02 is after the training's start 2026-04-01; onex check will report TRAIN-001\n"
    )
    unapprove(reg, PLAN)
    code, _, err = approve(cli, reg, PLAN, "--by", "李明", "--on", "2026-04-01")
    assert code == 0 and "after the plan deadline 2026-03-31; onex check will report PLAN-002" in err


@pytest.mark.parametrize(
    "rel", ["colleges/info/college.yaml", "colleges/info/certificates/web-frontend.yaml", "onex.yaml"]
)
def test_not_an_approvable_record(reg, cli, rel):
    before = reg.path(rel).read_bytes()
    code, _, err = approve(cli, reg, rel, "--by", "李明")
    assert code == 2 and reg.path(rel).read_bytes() == before
    assert (
        err
        == f"onex: {rel} is not a record that takes an approval: only plans/, staff-plans/, trainings/ and sessions/ files do\n"
    )


def test_missing_file(reg, cli):
    code, _, err = approve(cli, reg, "colleges/info/plans/2030.yaml", "--by", "李明")
    assert code == 2 and "there is no file" in err


def test_file_outside_the_registry(reg, cli, tmp_path):
    stray = tmp_path / "2026.yaml"
    stray.write_text("year: 2026\n", encoding="utf-8")
    code, _, err = cli("approve", stray, "--by", "李明", "--registry", reg.root, "--lang", "en")
    assert code == 2 and "is not inside the registry" in err


def test_registry_found_from_the_file(reg, cli, tmp_path, monkeypatch):
    unapprove(reg, PLAN)
    monkeypatch.chdir(tmp_path)  # not inside the registry
    code, _, _ = cli("approve", f"registry/{PLAN}", "--by", "李明", "--on", "2026-02-20")
    assert code == 0 and "approval: {by: 李明, on: 2026-02-20}" in reg.read(PLAN)


def test_bad_date(reg, cli):
    code, _, err = approve(cli, reg, PLAN, "--by", "李明", "--on", "2026-02-30")
    assert code == 2 and "invalid date 2026-02-30" in err


def test_chinese_message(reg, cli):
    unapprove(reg, PLAN)
    code, _, err = cli("approve", reg.path(PLAN), "--by", "张伟", "--lang", "zh")
    assert code == 1
    assert (
        err
        == f"onex: 张伟 不能审批 {PLAN}：年度计划须由学院领导审批（§5.2），信息工程学院 的学院领导是 李明、赵华\n"
    )


def test_approved_draft_clears_plan_002(reg, cli):
    import datetime as dt

    unapprove(reg, PLAN)
    assert [p[0] for p in reg.problems(rule="PLAN-002")] == ["PLAN-002"]
    assert approve(cli, reg, PLAN, "--by", "李明", "--on", "2026-02-20")[0] == 0
    assert reg.problems(dt.date(2026, 12, 31), rule="PLAN-002") == []


def test_empty_approval_key_is_filled_in_place(reg, cli):
    reg.write(PLAN, "year: 2026\nitems: []\napproval:   # 待审批\nfiled: {by: t2019001, on: 2026-03-01}\n")
    code, _, _ = approve(cli, reg, PLAN, "--by", "李明", "--on", "2026-02-20")
    assert code == 0
    assert reg.read(PLAN) == (
        "year: 2026\nitems: []\napproval: {by: 李明, on: 2026-02-20} # 待审批\nfiled: {by: t2019001, on: 2026-03-01}\n"
    )


def test_crlf_file_stays_crlf(reg, cli):
    unapprove(reg, PLAN)
    reg.write_bytes(PLAN, reg.path(PLAN).read_bytes().replace(b"\n", b"\r\n"))
    code, _, _ = approve(cli, reg, PLAN, "--by", "李明", "--on", "2026-02-20")
    raw = reg.path(PLAN).read_bytes()
    assert code == 0 and b"approval: {by: \xe6\x9d\x8e\xe6\x98\x8e, on: 2026-02-20}\r\n" in raw
    assert raw.count(b"\n") == raw.count(b"\r\n")
