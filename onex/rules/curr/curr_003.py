"""CURR-003 — a major's primary certificate is missing from its programme (§4.2.2).

For each major of a college (college.yaml `majors`) and each `active` adoption of that college
listing the major with `role: primary`, the certificate id must be in the major's
`programme.certificates`. One warning per missing certificate, at `programme.certificates` when
written, else at `programme`, else at the major's item. Auxiliary certificates need not be in the
programme; majors that only other colleges' adoptions list are not checked.

Violates::

    # colleges/econ/college.yaml; smart-tax lists 530301 as primary
    majors:
      - code: "530301"
        programme: {version: 2023, certificates: []}

Satisfies::

    majors:
      - code: "530301"
        programme: {version: 2025, certificates: [smart-tax]}
"""

from __future__ import annotations

from collections.abc import Iterator

from onex.problems import Finding, at
from onex.registry import Registry, majors_once
from onex.rules.base import Context, Rule

RULE = Rule(
    id="CURR-003",
    severity="warning",
    clause="§4.2.2",
    title={
        "zh": "专业人才培养方案未写入主证书",
        "en": "a major's programme does not include its primary certificate",
    },
    why={
        "zh": "X 证书及相应岗位标准要融入专业人才培养方案（§4.2.2）。一个专业的主证书对应它的主要就业岗位，应当写进该专业人才培养方案的 programme.certificates。",
        "en": "Certificates and their job standards are written into the majors' talent-training programmes (§4.2.2). A major's primary certificate matches its main job role, so it belongs in that major's programme.certificates.",
    },
    violates='# colleges/econ/college.yaml (smart-tax lists 530301 as primary)\nmajors:\n  - code: "530301"\n    name: 大数据与财务管理\n    programme: {version: 2023, certificates: []}\n',
    satisfies='majors:\n  - code: "530301"\n    name: 大数据与财务管理\n    programme: {version: 2025, certificates: [smart-tax]}\n',
    messages={
        "curr003.not_in_programme": {
            "zh": "{major_name}（{major}）的人才培养方案没有写入其主证书 {cert_name}（{cert}）：把 {cert} 加入 programme.certificates（§4.2.2）",
            "en": "the programme of {major_name} ({major}) does not include its primary certificate {cert_name} ({cert}): add {cert} to programme.certificates (§4.2.2)",
        },
    },
)


def _where(data: object, index: int) -> tuple:
    """The deepest of programme.certificates / programme / the major item written in the file."""
    major = data.get("majors") if isinstance(data, dict) else None
    item = major[index] if isinstance(major, list) and 0 <= index < len(major) else None
    programme = item.get("programme") if isinstance(item, dict) else None
    if isinstance(programme, dict) and "certificates" in programme:
        return ("programme", "certificates")
    if isinstance(item, dict) and "programme" in item:
        return ("programme",)
    return ()


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for college in registry.college_list():
        model, record = college.model, college.record
        if model is None or record is None:
            continue
        primary: dict[str, list[str]] = {}
        for cert, _record, adoption in sorted(college.active_adoptions(), key=lambda item: item[0]):
            for code in [major.code for _index, major in majors_once(adoption) if major.role == "primary"]:
                primary.setdefault(code, []).append(cert)
        if not primary:
            continue
        for index, major in enumerate(model.majors):
            if not registry.known(record, "majors", index, "programme"):
                continue
            listed = set(major.programme.certificates) if major.programme else set()
            for cert in primary.get(major.code, ()):
                if cert in listed:
                    continue
                file_index = record.file_path(("majors", index))[1]
                path = ("majors", index, *_where(record.data, file_index))  # type: ignore[arg-type]
                yield at(
                    record,
                    path,
                    "curr003.not_in_programme",
                    major=major.code,
                    major_name=major.name,
                    cert=cert,
                    cert_name=registry.certificate_name(cert),
                )
