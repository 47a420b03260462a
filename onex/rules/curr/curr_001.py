"""CURR-001 — an active adoption lacks its job standard or integration standard (§4.2.1).

For each certificate it uses, the college writes a job standard (岗位标准, `job_standard`) from
the certificate standard and a course–certificate integration standard (课证融通标准,
`integration_standard`). An `active` adoption missing either gets one warning per missing
standard, at the top of its file (line 1). Retired adoptions are not checked.

Violates::

    status: active
    job_standard: {ref: 信息院〔2024〕3号, adopted_on: 2024-04-01}

Satisfies::

    status: active
    job_standard: {ref: 信息院〔2024〕3号, adopted_on: 2024-04-01}
    integration_standard: {ref: 信息院〔2024〕4号, adopted_on: 2024-04-01}
"""

from __future__ import annotations

from collections.abc import Iterator

from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="CURR-001",
    severity="warning",
    clause="§4.2.1",
    title={
        "zh": "在用证书缺少岗位标准或课证融通标准",
        "en": "an active certificate lacks its job standard or integration standard",
    },
    why={
        "zh": "X 证书所在二级学院要根据证书标准制订相应岗位标准，并在此基础上制订课证融通标准（§4.2.1）。在用证书缺少任何一个，证书标准就没有落到教学内容中。",
        "en": "For each certificate, the college writes a job standard from the certificate standard and, on that basis, a course–certificate integration standard (§4.2.1). An active certificate missing either has not been built into teaching.",
    },
    violates="# colleges/info/certificates/web-frontend.yaml\nstatus: active\njob_standard: {ref: 信息院〔2024〕3号, adopted_on: 2024-04-01}\n",
    satisfies="status: active\njob_standard: {ref: 信息院〔2024〕3号, adopted_on: 2024-04-01}\nintegration_standard: {ref: 信息院〔2024〕4号, adopted_on: 2024-04-01}\n",
    messages={
        "curr001.no_job_standard": {
            "zh": "在用证书 {cert_name}（{cert}）没有岗位标准：根据证书标准制订岗位标准，并填写 job_standard 的 ref 和 adopted_on（§4.2.1）",
            "en": "the active certificate {cert_name} ({cert}) has no job standard: write one from the certificate standard and record it as job_standard with its ref and adopted_on (§4.2.1)",
        },
        "curr001.no_integration_standard": {
            "zh": "在用证书 {cert_name}（{cert}）没有课证融通标准：制订课证融通标准，并填写 integration_standard 的 ref 和 adopted_on（§4.2.1）",
            "en": "the active certificate {cert_name} ({cert}) has no course–certificate integration standard: write one and record it as integration_standard with its ref and adopted_on (§4.2.1)",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for college in registry.college_list():
        for cert, record, adoption in college.active_adoptions():
            name = registry.certificate_name(cert)
            if adoption.job_standard is None and registry.known(record, "job_standard"):
                yield at(record, (), "curr001.no_job_standard", cert=cert, cert_name=name)
            if adoption.integration_standard is None and registry.known(record, "integration_standard"):
                yield at(record, (), "curr001.no_integration_standard", cert=cert, cert_name=name)
