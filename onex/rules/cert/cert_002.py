"""CERT-002 — a retired adoption lacks `retired_on` or `retirement_note` (§4.1).

Retiring a certificate is filed with the office again, with an explanation (§4.1). A `retired`
adoption needs both the date it was retired (`retired_on`) and the explanation filed
(`retirement_note`); a note that is empty or only blanks counts as missing. One problem per
missing field, each at the adoption's `status` (the line that says it is retired).

Violates::

    status: retired
    filed_on: 2023-03-20

Satisfies::

    status: retired
    filed_on: 2023-03-20
    retired_on: 2026-01-20
    retirement_note: 近两年无学生报考，经学院党政联席会研究决定退出，已报教务处更新备案。
"""

from __future__ import annotations

from collections.abc import Iterator

from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="CERT-002",
    severity="error",
    clause="§4.1",
    title={
        "zh": "退出的证书缺少退出日期或退出说明",
        "en": "a retired certificate lacks its retirement date or note",
    },
    why={
        "zh": "证书更迭、退出时应及时报教务处更新备案并提交相关说明（§4.1）。标记为 retired 的引入记录必须写明退出日期 retired_on 和报备的说明 retirement_note，否则无从核对退出是否已备案、何时生效。",
        "en": "When a certificate is replaced or retired, the change is filed with the office again, with an explanation (§4.1). A retired adoption must record the date it was retired (retired_on) and the explanation filed (retirement_note); without them nobody can tell whether or when the retirement took effect.",
    },
    violates="# colleges/info/certificates/big-data-python.yaml\nstatus: retired\nfiled_on: 2023-03-20\n",
    satisfies="status: retired\nfiled_on: 2023-03-20\nretired_on: 2026-01-20\nretirement_note: 近两年无学生报考，经学院党政联席会研究决定退出，已报教务处更新备案。\n",
    messages={
        "cert002.no_retired_on": {
            "zh": "{cert_name}（{cert}）已退出，但没有 retired_on：填写证书退出的日期（§4.1）",
            "en": "{cert_name} ({cert}) is retired but has no retired_on: write the date it was retired (§4.1)",
        },
        "cert002.no_note": {
            "zh": "{cert_name}（{cert}）已退出，但没有 retirement_note：填写报教务处更新备案时提交的退出说明（§4.1）",
            "en": "{cert_name} ({cert}) is retired but has no retirement_note: write the explanation filed with the office (§4.1)",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for college in registry.college_list():
        for cert, record, adoption in college.valid_adoptions():
            if adoption.status != "retired":
                continue
            name = registry.certificate_name(cert)
            if adoption.retired_on is None:
                yield at(record, ("status",), "cert002.no_retired_on", cert=cert, cert_name=name)
            if not (adoption.retirement_note or "").strip():
                yield at(record, ("status",), "cert002.no_note", cert=cert, cert_name=name)
