"""CURR-002 — a module is covered neither by a course nor by training; or training covers
modules without a training standard (§4.2.1).

For each `active` adoption whose certificate is in the catalogue, every module of the catalogue
entry (`modules` in orgs/*.yaml) must be covered in `coverage`: by at least one course
(`courses` not empty) or by pre-exam training (`training: true`). Each module that is not is an
**error**, at `coverage.<module>` when that key is written, else at `coverage`, else at the top of
the file. Coverage keys that are not modules of the certificate are REG-004's problem.

When any entry of `coverage` says `training: true` and the adoption has no `training_standard`,
one **warning** for the adoption, at the first such entry (what training covers follows a
training standard). Retired adoptions are not checked.

Violates::

    # orgs/edu-tech.yaml: modules: [网页设计, 前端框架]
    coverage:
      网页设计: {courses: [WEB101]}
      前端框架: {courses: []}

Satisfies::

    training_standard: {ref: 信息院〔2024〕5号, adopted_on: 2024-04-01}
    coverage:
      网页设计: {courses: [WEB101]}
      前端框架: {courses: [], training: true}
"""

from __future__ import annotations

from collections.abc import Iterator

from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="CURR-002",
    severity="error",
    clause="§4.2.1",
    title={
        "zh": "证书模块既无课程也无培训覆盖，或培训覆盖却没有培训标准",
        "en": "a certificate module is covered by no course and no training, or training lacks a standard",
    },
    why={
        "zh": "证书标准要融入教学内容；现有课程体系无法满足考核要求的，通过制订培训标准并开展培训完成（§4.2.1）。证书标准的每个模块都要由课程或培训覆盖；由培训覆盖的，还要有培训标准。",
        "en": "The certificate standard is built into the courses; what the courses cannot cover is covered by a training standard and training (§4.2.1). Every module of the certificate standard is covered by a course or by training, and training needs a training standard.",
    },
    violates="# colleges/info/certificates/web-frontend.yaml (modules: 网页设计, 前端框架)\ncoverage:\n  网页设计: {courses: [WEB101]}\n  前端框架: {courses: []}\n",
    satisfies="training_standard: {ref: 信息院〔2024〕5号, adopted_on: 2024-04-01}\ncoverage:\n  网页设计: {courses: [WEB101]}\n  前端框架: {courses: [], training: true}\n",
    messages={
        "curr002.uncovered": {
            "zh": "{cert_name}（{cert}）的模块“{module}”既没有课程覆盖，也没有培训覆盖：在 coverage 中列出覆盖它的课程，或写 training: true 并安排考前培训（§4.2.1）",
            "en": "module {module} of {cert_name} ({cert}) is covered neither by a course nor by training: list the courses that cover it under coverage, or set training: true and plan pre-exam training (§4.2.1)",
        },
        "curr002.no_training_standard": {
            "zh": "{cert_name}（{cert}）有模块由培训覆盖（{modules}），但没有培训标准：制订培训标准，并填写 training_standard 的 ref 和 adopted_on（§4.2.1）",
            "en": "modules of {cert_name} ({cert}) are covered by training ({modules}) but there is no training standard: write one and record it as training_standard with its ref and adopted_on (§4.2.1)",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for college in registry.college_list():
        for cert, record, adoption in college.active_adoptions():
            name = registry.certificate_name(cert)
            written = record.data.get("coverage") if isinstance(record.data, dict) else None
            item = registry.catalogue.get(cert)
            for module in item.entry.modules if item else ():
                coverage = adoption.coverage.get(module)
                if coverage is not None and (coverage.courses or coverage.training):
                    continue
                if not registry.known(record, "coverage", module):
                    continue
                if isinstance(written, dict) and module in written:
                    path: tuple = ("coverage", module)
                elif isinstance(record.data, dict) and "coverage" in record.data:
                    path = ("coverage",)
                else:
                    path = ()
                yield at(record, path, "curr002.uncovered", cert=cert, cert_name=name, module=module)
            trained = [
                module
                for module, coverage in adoption.coverage.items()
                if coverage is not None and coverage.training
            ]
            if trained and adoption.training_standard is None and registry.known(record, "training_standard"):
                finding = at(
                    record,
                    ("coverage", trained[0]),
                    "curr002.no_training_standard",
                    cert=cert,
                    cert_name=name,
                    modules=trained,
                )
                finding.severity = "warning"
                yield finding
