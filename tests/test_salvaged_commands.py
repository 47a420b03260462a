"""report, plan, agenda and data on a registry whose records REG-002 salvaged (a field broken, the
record kept with the field unknown, SPEC §4.1): each says what it can and never stops with an
internal error. Each case is one broken field of the baseline that made a command fail (found by
mutating registries at random and running every command against the commit before and after)."""

from __future__ import annotations

import pytest

SESSION = "colleges/info/sessions/2026/web-mid-june.yaml"
TRAINING = "colleges/info/trainings/2026/web-mid-spring.yaml"
INSTRUCTORS = "colleges/info/instructors.yaml"
ORG = "orgs/edu-tech.yaml"
ONEX = "onex.yaml"
INSTITUTION = 'institution: {name: 北京工业职业技术学院, code: "10858"}'

REPORT = ("report", "--year", "2026", "--as-of", "2026-12-31")
PLAN = ("plan", "--as-of", "2026-12-31")
AGENDA = ("agenda", "--as-of", "2026-06-01", "--days", "365")


def twice(reg, rel: str, old: str, new: str) -> None:
    """A second record beside `rel` (so that two are sorted), whose `old` reads `new`."""
    reg.write(rel.replace(".yaml", "-2.yaml"), reg.read(rel).replace(old, new))


def once(reg, rel: str, old: str, new: str) -> None:
    reg.edit(rel, old, new)


@pytest.mark.parametrize(
    "command, change, rel, old, new",
    [
        (REPORT, once, ONEX, INSTITUTION, "institution: primary"),
        (REPORT, once, ONEX, INSTITUTION, "institution: {name: [北京]}"),
        (AGENDA, once, ONEX, INSTITUTION, "institution: primary"),
        (REPORT, once, TRAINING, "start: 2026-04-01", "start: someday"),
        (REPORT, twice, TRAINING, "certificate: web-frontend", "certificate: [web-frontend]"),
        (REPORT, twice, SESSION, "certificate: web-frontend", "certificate: [web-frontend]"),
        (PLAN, once, INSTRUCTORS, "issued_on: 2023-06-01", "issued_on: someday"),
        (PLAN, once, ORG, "{id: 2026-1, from: 2026-05-01", "{id: 2026-1, from: someday"),
        (AGENDA, once, INSTRUCTORS, "kind: trainer, number: WF-T-0001", "kind: judge, number: WF-T-0001"),
    ],
)
@pytest.mark.parametrize("form", ["json", "table"])
def test_a_salvaged_record_is_no_internal_error(reg, cli, command, change, rel, old, new, form):
    if command is AGENDA and "WF-T-0001" in old:  # a qualification that expires within the window
        reg.edit(INSTRUCTORS, "expires_on: 2028-06-01", "expires_on: 2027-03-01")
    change(reg, rel, old, new)
    code, out, err = cli(*command, "--registry", reg.root, "--format", form, "--lang", "en")
    assert code == 0, err
    assert "internal error" not in out + err
    assert out.strip()


def test_a_renewal_of_a_qualification_whose_kind_broke_is_still_due(reg, cli):
    reg.edit(INSTRUCTORS, "kind: trainer, number: WF-T-0001", "kind: judge, number: WF-T-0001")
    reg.edit(INSTRUCTORS, "expires_on: 2028-06-01", "expires_on: 2027-03-01")
    code, out, err = cli(*AGENDA, "--registry", reg.root, "--format", "json", "--lang", "en")
    assert code == 0, err
    assert "renew the Web前端开发 qualification of 张伟 (t2019001), which expires on 2027-03-01" in out


def test_data_says_a_qualification_of_unknown_issue_date_is_of_unknown_validity(reg, cli):
    reg.edit(INSTRUCTORS, "issued_on: 2023-06-01", "issued_on: someday")
    code, out, err = cli(
        "query", "--registry", reg.root, "--as-of", "2026-12-31", "--format", "csv",
        "SELECT number, valid FROM qualifications ORDER BY number",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines()[1:] == ["WF-E-0002,true", "WF-T-0001,", "WF-T-0003,true"]
