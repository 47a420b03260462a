"""STAFF-003 — a qualification has expired or expires soon (§4.3.1).

Every qualification of every instructor, full- and part-time, that has an `expires_on`:
- expired: `expires_on < as_of`;
- expiring: `as_of <= expires_on <= as_of + policy.expiry_warning_days`.
A qualification expiring ON the as-of date is still valid (STAFF-001 counts it) and warns here
with 0 days left; one expiring on `as_of + days + 1` does not warn. A qualification without
`expires_on` never expires. The warning points at the qualification's `expires_on`.
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import duties
from onex.messages import Text
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="STAFF-003",
    severity="warning",
    clause="§4.3.1",
    title={"zh": "教师资格已过期或即将到期", "en": "a qualification has expired or expires soon"},
    why={
        "zh": "培训讲师和考评员资格有有效期。过期的资格不再计入持证教师，也不能承担考前培训。资格已过期，或在 policy.expiry_warning_days（默认 90 天）内到期时提醒，以便及时换证。",
        "en": "Trainer and examiner qualifications expire. An expired one no longer makes a certified teacher and cannot staff a pre-exam training. A qualification that has expired, or expires within policy.expiry_warning_days (default 90), is a warning so it is renewed in time.",
    },
    violates=(
        "# colleges/info/instructors.yaml (as of 2026-12-31)\n"
        "    qualifications:\n"
        "      - {certificate: cloud-ops, kind: trainer, issued_on: 2024-02-28, expires_on: 2027-02-27}\n"
    ),
    satisfies=(
        "# renewed: the new certificate recorded\n"
        "    qualifications:\n"
        "      - {certificate: cloud-ops, kind: trainer, issued_on: 2026-12-12, expires_on: 2029-12-11}\n"
    ),
    messages={
        "staff003.expired": {
            "zh": "{name}（{instructor}）的 {cert} {kind}资格已于 {date} 过期：换证后登记新证书，或删除这条资格",
            "en": "the {kind} qualification of {name} ({instructor}) for {cert} expired on {date}: record the renewed certificate, or remove the qualification",
        },
        "staff003.expiring": {
            "zh": "{name}（{instructor}）的 {cert} {kind}资格将于 {date} 到期（{left}）：在师资培养计划中安排换证",
            "en": "the {kind} qualification of {name} ({instructor}) for {cert} expires on {date} ({left}): plan its renewal in the staff plan",
        },
    },
)

KIND = {
    "trainer": {"zh": "培训讲师", "en": "trainer"},
    "examiner": {"zh": "考评员", "en": "examiner"},
}


def _days_left(days: int) -> Text:
    if days == 0:
        return Text({"zh": "就在今天", "en": "today"})
    return Text({"zh": f"还有 {days} 天", "en": f"{days} day{'s' if days != 1 else ''} left"})


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for duty in duties.qualification_renewals(registry, context):
        if not duty.judged:
            continue
        instructor, qualification = duty.subject
        params = {
            "name": duty.params["name"],
            "instructor": instructor.id,
            "cert": registry.certificate_name(qualification.certificate),
            "kind": Text(KIND[qualification.kind]),
            "date": duty.due.isoformat(),
        }
        if duty.overdue:
            yield at(duty.record, duty.path, "staff003.expired", **params)
        else:
            yield at(
                duty.record,
                duty.path,
                "staff003.expiring",
                left=_days_left((duty.due - context.as_of).days),
                **params,
            )
