"""CERT-004 — an adoption lists no major (§2.1).

A certificate is adopted for the training goals of majors (§2.1), so every adoption, active or
retired, lists at least one major in `majors`. An empty list is reported at `majors`; a missing
`majors` key at the top of the file (line 1). A list whose items all break the schema is left to
REG-002, which reports each item.

Violates::

    status: active
    majors: []

Satisfies::

    status: active
    majors:
      - {code: "510201", role: primary}
"""

from __future__ import annotations

from collections.abc import Iterator

from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="CERT-004",
    severity="error",
    clause="§2.1",
    title={"zh": "引入的证书没有对应专业", "en": "an adopted certificate lists no major"},
    why={
        "zh": "X 证书要与专业培养目标密切相关（§2.1）：每个引入的证书都要列出它服务的专业及其主辅定位。没有专业的证书无法判断学生报考是否与专业对应（§6.2），也无法核对师资配备（§4.3.1）。",
        "en": "A certificate is adopted because it fits the training goals of majors (§2.1): each adoption lists the majors it serves and its role for each. Without majors, nobody can tell which students it matches (§6.2) or check its teachers (§4.3.1).",
    },
    violates="# colleges/info/certificates/web-frontend.yaml\nstatus: active\nmajors: []\n",
    satisfies='status: active\nmajors:\n  - {code: "510201", role: primary}\n',
    messages={
        "cert004.no_majors": {
            "zh": "{cert_name}（{cert}）的引入记录没有列出任何专业：在 majors 中列出该证书服务的专业及其定位（primary 主 / auxiliary 辅）（§2.1）",
            "en": "the adoption of {cert_name} ({cert}) lists no major: list the majors it serves in majors, each with its role (primary or auxiliary) (§2.1)",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for college in registry.college_list():
        for cert, record, adoption in college.valid_adoptions():
            if adoption.majors or not registry.known(record, "majors"):
                continue
            written = record.data.get("majors") if isinstance(record.data, dict) else None
            if written:  # items that broke the schema: REG-002 reports them
                continue
            path = ("majors",) if isinstance(record.data, dict) and "majors" in record.data else ()
            yield at(record, path, "cert004.no_majors", cert=cert, cert_name=registry.certificate_name(cert))
