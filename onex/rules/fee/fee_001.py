"""FEE-001 — a candidate's declared `fee_payer` contradicts who pays under §6.2/§6.3.

`fee_payer` is optional; when a candidate declares it, it must agree with SPEC §3:

- the **school** pays (§6.2) when the candidate is enrolled (`enrolled`, default `true`) and
  *matched*: some `active` adoption of the session's certificate, in any college, lists the
  candidate's major — within the fee knobs of `policy.fees` (its level is school-funded, a
  re-sit under `school_pays: first_attempt`, the yearly limit per student);
- otherwise the **student** pays (§6.3): not enrolled, or the major is not listed by any active
  adoption of the certificate (a retired adoption does not count), or a fee knob excludes it.

Who pays is `Registry.session_funding` (onex/fees.py, the one definition every command uses).
A contradiction is reported at the candidate (`candidates[i]`), with who should pay and why
(not enrolled / major not matched / level not school-funded / a re-sit / over the yearly
limit / enrolled and matched). A candidate without `fee_payer` is
never reported: the registry computes who pays. Sessions with schema errors that leave no model
are skipped (REG-002 reports them), and so is a candidate whose answer rests on something unknown
(SPEC §4.1, `Registry.funding_known`): the session's date, certificate or level, the candidate's
`enrolled` or `major`, an adoption of the certificate, or — under `school_pays: first_attempt`,
when a re-sit would change the answer — a sitting that cannot be placed among the student's
attempts (a listing whose student number, or whose session's certificate, level or date, is
unknown, or a session file that could not be read); under `max_school_funded_per_student_year`,
earlier sittings of the year that may be the student's school-funded ones (the same unplaced
sittings, and the student's own whose funding is unknown), when they could carry the student
over the limit or leave them within it.

Violates::

    # colleges/info/sessions/2026/web-mid-june.yaml (530302 is not a major of web-frontend)
    certificate: web-frontend
    candidates:
      - {student: "2024020456", name: 钱小芳, major: "530302", fee_payer: school}

Satisfies::

    certificate: web-frontend
    candidates:
      - {student: "2024020456", name: 钱小芳, major: "530302", fee_payer: student}
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import fees
from onex import models as m
from onex.fees import Funding
from onex.messages import Text, named
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="FEE-001",
    severity="error",
    clause="§6.2",
    title={
        "zh": "考生的报名费支付方与经费规定不符",
        "en": "a candidate's fee_payer contradicts who pays the fee",
    },
    why={
        "zh": "本校在籍学生参加与专业对应的证书考试，报名费由学校支付（§6.2）；与专业无关的证书或不在籍的考生，报名费由学生自付（§6.3）。"
        "“对应”指某个二级学院在用的该证书引入记录列有考生的专业。onex.yaml 的 policy.fees 可进一步限定学校支付的范围（补考自付、每名学生每年次数、等级，见 onex policy）。"
        "填写了 fee_payer 的考生，其值必须与此一致，否则预算和报销都会算错。",
        "en": "The school pays the registration fee of an enrolled student sitting a certificate that matches their major (§6.2); "
        "for a certificate unrelated to the major, or a student who is not enrolled, the student pays (§6.3). "
        "Matched means some active adoption of the certificate, in any college, lists the student's major. "
        "policy.fees in onex.yaml may narrow what the school pays for (re-sits, sittings per student and year, levels; see onex policy). "
        "A declared fee_payer must agree, or the budget and the reimbursement are computed wrongly.",
    },
    violates="# colleges/info/sessions/2026/web-mid-june.yaml\ncertificate: web-frontend\ncandidates:\n"
    '  - {student: "2024020456", name: 钱小芳, major: "530302", fee_payer: school}\n',
    satisfies="# colleges/info/sessions/2026/web-mid-june.yaml\ncertificate: web-frontend\ncandidates:\n"
    '  - {student: "2024020456", name: 钱小芳, major: "530302", fee_payer: student}\n',
    messages={
        "fee001.school_pays": {
            "zh": "考生 {name}（{student}）写了 fee_payer: student，但报名费应由学校支付：{reason}（§6.2）。改为 fee_payer: school，或删除 fee_payer",
            "en": "candidate {name} ({student}) has fee_payer: student, but the school pays the fee: {reason} (§6.2). Write fee_payer: school, or remove fee_payer",
        },
        "fee001.student_pays": {
            "zh": "考生 {name}（{student}）写了 fee_payer: school，但报名费应由学生自付：{reason}（§6.3）。改为 fee_payer: student，或删除 fee_payer",
            "en": "candidate {name} ({student}) has fee_payer: school, but the student pays the fee: {reason} (§6.3). Write fee_payer: student, or remove fee_payer",
        },
    },
)


def _reason(registry: Registry, session: m.Session, candidate: m.Candidate, funding: Funding) -> Text:
    cert_zh, cert_en = _named(registry.certificate_name(session.certificate), session.certificate)
    major_zh, major_en = _named(registry.major_name(candidate.major), candidate.major)
    level_zh, level_en = m.ENUMS["level"][session.level], session.level
    if funding.reason == fees.FUNDED:
        return Text(
            {
                "zh": f"考生在籍，且专业 {major_zh} 列在在用的 {cert_zh} 引入记录中",
                "en": f"the student is enrolled and the major {major_en} is listed by an active adoption of {cert_en}",
            }
        )
    if funding.reason == fees.NOT_ENROLLED:
        return Text(
            {"zh": "考生不在籍（enrolled: false）", "en": "the student is not enrolled (enrolled: false)"}
        )
    if funding.reason == fees.LEVEL_NOT_FUNDED:
        return Text(
            {
                "zh": f"{level_zh}不在 onex.yaml 的 policy.fees.school_funded_levels 中，学校不支付该等级的报名费",
                "en": f"the {level_en} level is not in policy.fees.school_funded_levels in onex.yaml, so the school does not pay for it",
            }
        )
    if funding.reason == fees.RESIT:
        return Text(
            {
                "zh": f"这是该考生第 {funding.attempt} 次参加 {cert_zh}{level_zh}考核，按 policy.fees.school_pays: first_attempt，补考由学生自付",
                "en": f"this is the student's attempt {funding.attempt} at {cert_en} {level_en}, and under policy.fees.school_pays: first_attempt a re-sit is student-paid",
            }
        )
    if funding.reason == fees.YEARLY_LIMIT:
        limit = registry.policy.fees.max_school_funded_per_student_year
        return Text(
            {
                "zh": f"该考生本年度已有 {limit} 次由学校支付的考核，达到 policy.fees.max_school_funded_per_student_year 的上限",
                "en": f"the student already has {limit} school-funded sittings this year, the limit of policy.fees.max_school_funded_per_student_year",
            }
        )
    return Text(
        {
            "zh": f"专业 {major_zh} 不在任何在用的 {cert_zh} 引入记录中，证书与专业不对应",
            "en": f"the major {major_en} is not listed by any active adoption of {cert_en}, so the certificate does not match the major",
        }
    )


def _named(name: str, code: str) -> tuple[str, str]:
    """The name with its code in each language's brackets (messages.named): (zh, en)."""
    return named(name, code, "zh"), named(name, code, "en")


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for _college, record, session in registry.sessions():
        if not isinstance(session, m.Session):
            continue
        candidates = session.candidates
        declared = [index for index, candidate in enumerate(candidates) if candidate.fee_payer is not None]
        found = registry.session_funding(session) if declared else None
        if found is None:
            continue  # no candidate declares who pays, or who pays cannot be known
        for index in declared:
            candidate, funding = candidates[index], found.candidates[index]
            if candidate.fee_payer == funding.payer or not registry.funding_known(record, index):
                continue
            yield at(
                record,
                ("candidates", index),
                "fee001.school_pays" if funding.school else "fee001.student_pays",
                name=candidate.name,
                student=candidate.student,
                reason=_reason(registry, session, candidate, funding),
            )
