"""PLAN-004 — a session's certificate and level are not among its year's plan items.

§5.2: exams follow the annual plan. For every valid session, the plan is the college's
`plans/<year>.yaml` for the year of the session's `date`; the session's (`certificate`, `level`)
must be one of that plan's items. A session whose year has no plan file at all is reported too
(with its own message); a plan file that is broken (REG-001/002) is skipped. Whether the exam
was held yet does not matter. Points at the session's `level`.
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import models as m
from onex.messages import LANGS, Text, join
from onex.problems import Finding, at
from onex.records import Place
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="PLAN-004",
    severity="warning",
    clause="§5.2",
    title={
        "zh": "考核场次的证书和等级不在本年度计划中",
        "en": "a session's certificate and level are not in its year's plan",
    },
    why={
        "zh": "办法第5.2条要求考核按年度培训考核计划开展。每个考核场次的证书和等级应出现在该学院当年计划的 items 中；"
        "当年没有计划时同样提示。",
        "en": "§5.2 has exams run to the annual training and exam plan. Each session's certificate and level should be "
        "one of the items of its college's plan for that year; a year without a plan is reported too.",
    },
    violates="# colleges/info/plans/2027.yaml\nitems:\n  - {certificate: web-frontend, level: intermediate, candidates: 90}\n"
    "# colleges/info/sessions/2027/web-junior.yaml\ncertificate: web-frontend\nlevel: junior\n",
    satisfies="# colleges/info/plans/2027.yaml\nitems:\n  - {certificate: web-frontend, level: intermediate, candidates: 90}\n"
    "  - {certificate: web-frontend, level: junior, candidates: 40}\n",
    messages={
        "plan004.not_planned": {
            "zh": "{certificate}（{level}）不在 {college} 的 {year} 年度计划中（计划项目：{planned}）："
            "在 plans/{year}.yaml 的 items 中补充该项目，或改正本场次的证书和等级",
            "en": "{certificate} ({level}) is not in the {year} plan of {college} (it plans: {planned}): "
            "add it to the items of plans/{year}.yaml, or correct this session's certificate and level",
        },
        "plan004.no_plan": {
            "zh": "{certificate}（{level}）的考核安排在 {year} 年，但 {college} 没有 {year} 年度计划：建立 plans/{year}.yaml 并列入该项目",
            "en": "{certificate} ({level}) is examined in {year} but {college} has no plan for {year}: "
            "add plans/{year}.yaml with this item",
        },
    },
)

LEVELS = m.ENUMS["level"]


def _level(level: str) -> Text:
    return Text({"zh": LEVELS.get(level, level), "en": level})


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for college in registry.college_list():
        planned: dict[int, set[tuple[str, str]] | None] = {}
        for year, record in college.plans.items():
            plan = record.model
            items_known = registry.known(record, "items", ..., "certificate") and registry.known(
                record, "items", ..., "level"
            )
            planned[year] = {(i.certificate, i.level) for i in plan.items} if items_known else None
        for record in college.sessions:
            session = record.model
            if not all(registry.known(record, field) for field in ("date", "certificate", "level")):
                continue
            year = session.date.year
            params = {
                "certificate": registry.certificate_name(session.certificate),
                "level": _level(session.level),
                "college": college.name,
                "year": year,
            }
            if year not in planned:
                if not registry.known(Place("plan", college.id, year=year)):
                    continue
                yield at(record, ("level",), "plan004.no_plan", **params)
                continue
            items = planned[year]
            if items is None or (session.certificate, session.level) in items:
                continue
            shown = Text(
                {
                    lang: join(
                        [f"{registry.certificate_name(c)} {_level(lev)[lang]}" for c, lev in sorted(items)],
                        lang,
                    )
                    for lang in LANGS
                }
            )
            yield at(record, ("level",), "plan004.not_planned", planned=shown, **params)
