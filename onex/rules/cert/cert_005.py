"""CERT-005 — a major has no primary certificate, or more than one (§2.2).

Per college and per major code listed by any *active* adoption of that college, count the active
adoptions that list it with `role: primary` (retired adoptions count for nothing):

- none: one warning;
- more than one: sorted by certificate id, the first primary stands, and each later one gets a
  warning naming the other primary certificates.

A college-level finding (SPEC §4.2): it is located in `colleges/<c>/college.yaml`, at the major's
entry under `majors` (the top of college.yaml when the major is not listed there), whichever
adoption file a pull request touched.

Majors of different colleges are counted separately: each college decides its own certificates.

Violates::

    # colleges/info/certificates/web-frontend.yaml
    majors:
      - {code: "510201", role: primary}
    # colleges/info/certificates/cloud-ops.yaml
    majors:
      - {code: "510201", role: primary}
    # reported at colleges/info/college.yaml, majors: - code: "510201"

Satisfies::

    # colleges/info/certificates/cloud-ops.yaml
    majors:
      - {code: "510201", role: auxiliary}
"""

from __future__ import annotations

from collections.abc import Iterator

from onex.problems import Finding, at
from onex.records import Place, Record
from onex.registry import CollegeRecords, Registry, majors_once
from onex.rules.base import Context, Rule

RULE = Rule(
    id="CERT-005",
    severity="warning",
    clause="§2.2",
    title={
        "zh": "专业没有主证书，或有多个主证书",
        "en": "a major has no primary certificate, or more than one",
    },
    why={
        "zh": "按主辅兼顾原则（§2.2），每个专业以主要就业岗位对应的一个 X 证书为主，其他适应岗位迁移的证书为辅。专业有在用证书却没有主证书，或者有多个主证书，说明主辅定位没有确定。",
        "en": "Under the primary-and-auxiliary principle (§2.2), each major has one primary certificate for its main job role and auxiliary ones for job mobility. A major with active certificates but no primary one, or with several, has not settled which is which.",
    },
    violates='# colleges/info/certificates/web-frontend.yaml\nmajors:\n  - {code: "510201", role: primary}\n# colleges/info/certificates/cloud-ops.yaml\nmajors:\n  - {code: "510201", role: primary}\n',
    satisfies='# colleges/info/certificates/cloud-ops.yaml\nmajors:\n  - {code: "510201", role: auxiliary}\n',
    messages={
        "cert005.no_primary": {
            "zh": "{major_name}（{major}）有在用证书（{certs}），但没有主证书：把对应主要就业岗位的那个证书的 role 改为 primary（§2.2）",
            "en": "{major_name} ({major}) has active certificates ({certs}) but no primary one: set role: primary on the one for its main job role (§2.2)",
        },
        "cert005.two_primaries": {
            "zh": "{cert_name}（{cert}）是 {major_name}（{major}）的主证书，但 {others} 也是：每个专业只有一个主证书，其余改为 auxiliary（§2.2）",
            "en": "{cert_name} ({cert}) is a primary certificate of {major_name} ({major}), and so is {others}: a major has one primary certificate, make the others auxiliary (§2.2)",
        },
    },
)


def _major_entry(college: CollegeRecords, code: str) -> tuple[Record, tuple]:
    """Where a finding about one major of a college goes (SPEC §4.2): that major's entry under
    `majors` in college.yaml (the top of college.yaml when it lists no such major), whichever
    adoption file a pull request touched."""
    model = college.model
    index = next((i for i, major in enumerate(model.majors) if major.code == code), None) if model else None
    return college.record, (("majors", index) if index is not None else ())


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for college in registry.college_list():
        adoptions = Place("adoption", college.id)
        if not (registry.known(adoptions, "status") and registry.known(adoptions, "majors")):
            continue  # a major's primary certificate may be the unknown one
        # major code -> [(cert, record, index of its item)], in certificate order
        listed: dict[str, list[tuple[str, Record, int]]] = {}
        primary: dict[str, list[tuple[str, Record, int]]] = {}
        for cert, record, adoption in sorted(college.active_adoptions(), key=lambda item: item[0]):
            for index, major in majors_once(adoption):
                listed.setdefault(major.code, []).append((cert, record, index))
                if major.role == "primary":
                    primary.setdefault(major.code, []).append((cert, record, index))
        for code, adoptions in listed.items():
            primaries = primary.get(code, [])
            if not primaries:
                yield at(
                    *_major_entry(college, code),
                    "cert005.no_primary",
                    major=code,
                    major_name=registry.major_name(code),
                    certs=[registry.certificate_name(c) for c, _r, _i in adoptions],
                )
                continue
            for cert, _record, _index in primaries[1:]:
                others = [registry.certificate_name(c) for c, _r, _i in primaries if c != cert]
                yield at(
                    *_major_entry(college, code),
                    "cert005.two_primaries",
                    cert=cert,
                    cert_name=registry.certificate_name(cert),
                    major=code,
                    major_name=registry.major_name(code),
                    others=others,
                )
