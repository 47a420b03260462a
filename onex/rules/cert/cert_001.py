"""CERT-001 — an adoption has no `filed_on`, or is trained or examined before it was filed (§4.1).

A college files each certificate it adopts with the Academic Affairs Office (备案) before it
works with it. Exactly:

- an adoption, active or retired, with no `filed_on` is reported at the top of its file (line 1);
- a training (dated by `start`) or exam session (dated by `date`) of the same college and
  certificate dated before the adoption's `filed_on` is reported at that `start` / `date`, since
  that is usually the value that is wrong; the message names the adoption file. A training or
  session on the filing day itself is fine.

Violates::

    # colleges/info/certificates/web-frontend.yaml
    status: active
    levels: [junior]

Satisfies::

    status: active
    filed_on: 2024-03-15
    levels: [junior]
"""

from __future__ import annotations

from collections.abc import Iterator

from onex.messages import Text
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="CERT-001",
    severity="error",
    clause="§4.1",
    title={
        "zh": "证书未报教务处备案，或备案前已培训、考核",
        "en": "a certificate is not filed with the office, or is used before it was filed",
    },
    why={
        "zh": "二级学院确定的 X 证书须报教务处备案（§4.1）。没有备案日期的引入记录无从证明已备案；备案日期之前就开展的培训或考核，说明证书在备案前已投入使用，或者日期填错了。备案当天开展不算违规。",
        "en": "A college files each certificate it adopts with the Academic Affairs Office (§4.1). An adoption without a filing date gives no evidence that it was filed; a training or exam dated before the filing date means the certificate was used before it was filed, or a date is wrong. A training or exam on the filing day itself is fine.",
    },
    violates="# colleges/info/certificates/web-frontend.yaml\nlead: t2019001\nstatus: active\nlevels: [junior, intermediate]\n",
    satisfies="lead: t2019001\nstatus: active\nfiled_on: 2024-03-15\nlevels: [junior, intermediate]\n",
    messages={
        "cert001.not_filed": {
            "zh": "{cert_name}（{cert}）的引入记录没有 filed_on：报教务处备案，并填写备案日期（§4.1）",
            "en": "the adoption of {cert_name} ({cert}) has no filed_on: file it with the Academic Affairs Office and write the filing date (§4.1)",
        },
        "cert001.before_filing": {
            "zh": "{cert_name}（{cert}）的{what}日期为 {date}，早于证书报教务处备案的日期 {filed_on}（{file}）：证书须先备案再培训、考核，请改正日期，或按实际备案日期改正 filed_on（§4.1）",
            "en": "{what} of {cert_name} ({cert}) is dated {date}, before the certificate was filed with the office on {filed_on} ({file}): a certificate is filed before it is trained or examined, so correct the date, or filed_on if it was filed earlier (§4.1)",
        },
    },
)

WHAT = {
    "start": Text({"zh": "培训", "en": "the training"}),
    "date": Text({"zh": "考核", "en": "the exam session"}),
}


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for college in registry.college_list():
        filed: dict[str, tuple] = {}
        for cert, record, adoption in college.valid_adoptions():
            if adoption.filed_on is None:
                if not registry.known(record, "filed_on"):
                    continue
                yield at(
                    record, (), "cert001.not_filed", cert=cert, cert_name=registry.certificate_name(cert)
                )
            else:
                filed[cert] = (record, adoption.filed_on)
        if not filed:
            continue
        for record, field, day, cert in college.dated_activities:
            adoption = filed.get(cert)
            if adoption is not None and day < adoption[1]:
                yield at(
                    record,
                    (field,),
                    "cert001.before_filing",
                    what=WHAT[field],
                    cert=cert,
                    cert_name=registry.certificate_name(cert),
                    date=day.isoformat(),
                    filed_on=adoption[1].isoformat(),
                    file=adoption[0].file,
                )
