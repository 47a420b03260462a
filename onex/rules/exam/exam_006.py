"""EXAM-006 — a certificate number on a candidate who did not pass, or certificates issued by
someone who is not a platform administrator.

§5.2.3: certificates go to students who passed; for exams at the college's own exam site they
are issued by the office's platform administrator. Two checks on every valid session, held or not:

- a candidate with a (non-empty) `certificate_no` whose `result` is not `pass` → at that
  candidate's `certificate_no`;
- a session whose `site` is not `external` (an own exam site) and whose `certificates_issued.by`
  is not one of `office.platform_admins` in onex.yaml → at `certificates_issued.by`; skipped when
  onex.yaml is broken. Certificates of an external site are issued by that site.
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import models as m
from onex.messages import Text
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="EXAM-006",
    severity="error",
    clause="§5.2.3",
    title={
        "zh": "未通过的考生有证书编号，或证书不是由平台管理员签发",
        "en": "a certificate for a candidate who did not pass, or issued by a non-administrator",
    },
    why={
        "zh": "办法第5.2.3条规定，在本校考核站点考核合格的学生，由教务处平台管理员签发证书。未通过（或缺考、待定）的考生不能有证书编号；"
        "本校站点场次的 certificates_issued.by 必须是 onex.yaml 中 office.platform_admins 之一。",
        "en": "§5.2.3: certificates of students who passed at the college's own exam site are issued by the office's "
        "platform administrator. A candidate who did not pass (failed, absent, pending) has no certificate number, and "
        "certificates_issued.by of an own-site session is one of office.platform_admins in onex.yaml.",
    },
    violates="site: main-campus\ncertificates_issued: {by: 张伟, on: 2027-07-15}\ncandidates:\n"
    '  - {student: "2024010124", name: 李小红, major: "510201", result: fail, certificate_no: WF-2027-000125}\n',
    satisfies="site: main-campus\ncertificates_issued: {by: 王丽, on: 2027-07-15}    # 王丽 is a platform admin\n"
    'candidates:\n  - {student: "2024010124", name: 李小红, major: "510201", result: fail}\n',
    messages={
        "exam006.not_passed": {
            "zh": "考生 {name}（{student}）的结果为{result}，却有证书编号 {number}：只有通过的考生才获发证书，删除编号或改正结果",
            "en": "candidate {name} ({student}) has certificate number {number} although the result is {result}: only candidates "
            "who passed get a certificate; remove the number or correct the result",
        },
        "exam006.not_admin": {
            "zh": "本校考核站点 {site} 的证书由 {by} 签发，但 {by} 不是平台管理员（onex.yaml 的 office.platform_admins：{admins}）："
            "应由教务处平台管理员签发",
            "en": "certificates of own exam site {site} were issued by {by}, who is not a platform administrator "
            "(office.platform_admins in onex.yaml: {admins}): the office's platform administrator must issue them",
        },
    },
)

RESULTS = {en: Text({"zh": zh, "en": en}) for en, zh in m.ENUMS["result"].items()}


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    institution = registry.institution_record
    admins_known = institution is not None and registry.known(institution, "office", "platform_admins")
    admins = registry.settings.office.platform_admins
    for _college, record, session in registry.sessions():
        if not isinstance(session, m.Session):
            continue
        candidates = session.candidates
        for index in [i for i, c in enumerate(candidates) if c.result != "pass" and c.certificate_no]:
            candidate = candidates[index]
            if registry.known(record, "candidates", index, "result"):
                yield at(
                    record,
                    ("candidates", index, "certificate_no"),
                    "exam006.not_passed",
                    name=candidate.name,
                    student=candidate.student,
                    result=RESULTS[candidate.result],
                    number=candidate.certificate_no,
                )
        issued = session.certificates_issued
        if (
            admins_known
            and issued is not None
            and session.site != "external"
            and issued.by not in admins
            and registry.known(record, "certificates_issued", "by")
            and registry.known(record, "site")
        ):
            yield at(
                record,
                ("certificates_issued", "by"),
                "exam006.not_admin",
                site=session.site,
                by=issued.by,
                admins=list(admins),
            )
