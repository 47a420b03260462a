"""CERT-003 — a retired certificate is trained or examined after it was retired (§4.1, §7.2).

Once a college has retired a certificate (`status: retired` with `retired_on`), no training
(dated by `start`) or exam session (dated by `date`) of that college and certificate may be
dated after `retired_on`. Each one is reported at its `start` / `date`; the message names the
adoption file. On the retirement day itself is fine. A retired adoption without `retired_on` is
CERT-002's problem, not this rule's.

Violates::

    # colleges/info/certificates/big-data-python.yaml
    status: retired
    retired_on: 2026-01-20
    # colleges/info/sessions/2026/bdp-junior.yaml
    date: 2026-05-20

Satisfies::

    # colleges/info/sessions/2026/bdp-junior.yaml: held before the retirement
    date: 2026-01-10
"""

from __future__ import annotations

from collections.abc import Iterator

from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule
from onex.rules.cert.cert_001 import WHAT

RULE = Rule(
    id="CERT-003",
    severity="error",
    clause="§4.1",
    title={"zh": "证书退出后仍在培训或考核", "en": "a retired certificate is still trained or examined"},
    why={
        "zh": "证书退出须报教务处更新备案（§4.1），引入和退出要审慎决策、保证教学平稳（§7.2）。退出日期之后仍安排该证书的培训或考核，说明退出并未真正执行，或者日期填错了。退出当天不算违规。",
        "en": "Retiring a certificate is filed with the office (§4.1) and decided with care to keep teaching stable (§7.2). A training or exam of the certificate dated after its retirement means the retirement was not carried out, or a date is wrong. On the retirement day itself is fine.",
    },
    violates="# colleges/info/certificates/big-data-python.yaml\nstatus: retired\nretired_on: 2026-01-20\n# colleges/info/sessions/2026/bdp-junior.yaml\ndate: 2026-05-20\n",
    satisfies="# colleges/info/sessions/2026/bdp-junior.yaml: held before the retirement\ndate: 2026-01-10\n",
    messages={
        "cert003.after_retirement": {
            "zh": "{cert_name}（{cert}）的{what}日期为 {date}，晚于证书的退出日期 {retired_on}（{file}）：已退出的证书不再培训或考核，请改正日期，或报教务处重新备案引入该证书（§4.1）",
            "en": "{what} of {cert_name} ({cert}) is dated {date}, after the certificate was retired on {retired_on} ({file}): a retired certificate is no longer trained or examined, so correct the date, or file the certificate with the office again (§4.1)",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for college in registry.college_list():
        retired = {
            cert: (record, adoption.retired_on)
            for cert, record, adoption in college.valid_adoptions()
            if adoption.status == "retired" and adoption.retired_on is not None
        }
        if not retired:
            continue
        for record, field, day, cert in college.dated_activities:
            adoption = retired.get(cert)
            if adoption is not None and day > adoption[1]:
                yield at(
                    record,
                    (field,),
                    "cert003.after_retirement",
                    what=WHAT[field],
                    cert=cert,
                    cert_name=registry.certificate_name(cert),
                    date=day.isoformat(),
                    retired_on=adoption[1].isoformat(),
                    file=adoption[0].file,
                )
