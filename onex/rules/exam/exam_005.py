"""EXAM-005 — results not reported in time, or candidates still pending after they were.

§5.2.3: after the exam the certificate lead reports the results to the office. A held session's
results are due `policy.results_report_days` (default 30) days after its `date`; once the as-of
date is past the due date (`as_of > date + days`):

- no `results_reported_on` → error, at the session's root;
- `results_reported_on` after the due date → *warning*, at `results_reported_on`. Reporting on the
  due day is on time.

Once the due date is past (SPEC §4.2: EXAM-005 is judged only then) and the results are
reported, every candidate whose `result` is still `pending` (the default when `result` is
omitted: SPEC §4.2) is an error at that candidate's list item.
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import duties
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="EXAM-005",
    severity="error",
    clause="§5.2.3",
    title={
        "zh": "考核结果未按时上报，或上报后仍有待定结果",
        "en": "exam results not reported in time, or still pending once reported",
    },
    why={
        "zh": "办法第5.2.3条要求考核结束后由证书负责人向教务处上报考核结果。考后 results_report_days（默认 30）天内应填写 "
        "results_reported_on，逾期未报为错误，逾期上报为警告（到期当天上报不算逾期）；到期后，已上报的考试中每位考生都应有结果，"
        "不能仍为 pending（未写 result 即为 pending）。到期之前不作判断。",
        "en": "§5.2.3 has the certificate lead report the results to the office after the exam. Within "
        "results_report_days (default 30) of the exam, results_reported_on is due: not reported by then is an error, "
        "reported later is a warning (reporting on the due day is on time); once due and reported, no candidate may still "
        "be pending (a candidate without a result is pending). Nothing is judged before the due date.",
    },
    violates="date: 2027-06-12\nresults_reported_on: 2027-07-20\ncandidates:\n"
    '  - {student: "2024010123", name: 王小明, major: "510201", result: pending}\n',
    satisfies="date: 2027-06-12\nresults_reported_on: 2027-06-30\ncandidates:\n"
    '  - {student: "2024010123", name: 王小明, major: "510201", result: pass}\n',
    messages={
        "exam005.not_reported": {
            "zh": "{date} 的 {certificate} 考核结果应在 {due} 前上报教务处，至今未报：上报后填写 results_reported_on",
            "en": "the results of the {certificate} exam of {date} were due at the office by {due} and are not "
            "reported: report them and record results_reported_on",
        },
        "exam005.late": {
            "zh": "{date} 的 {certificate} 考核结果于 {reported} 上报，晚于期限 {due}（考后 {days} 天）",
            "en": "the results of the {certificate} exam of {date} were reported on {reported}, after they were due "
            "on {due} ({days} days after the exam)",
        },
        "exam005.pending": {
            "zh": "考核结果已于 {reported} 上报，但考生 {name}（{student}）的结果仍为待定：填写 result（pass、fail 或 absent）",
            "en": "the results were reported on {reported} but candidate {name} ({student}) is still pending: "
            "record the result (pass, fail or absent)",
        },
    },
)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    as_of = context.as_of
    days = context.policy.results_report_days
    for duty in duties.results_reports(registry, context):
        record, session, due = duty.record, duty.subject, duty.due
        reported = session.results_reported_on
        if duty.judged:
            params = {
                "certificate": registry.certificate_name(session.certificate),
                "date": session.date.isoformat(),
                "due": due.isoformat(),
            }
            if duty.overdue:
                yield at(record, duty.path, "exam005.not_reported", **params)
            elif reported > due:
                finding = at(
                    record,
                    ("results_reported_on",),
                    "exam005.late",
                    reported=reported.isoformat(),
                    days=days,
                    **params,
                )
                finding.severity = "warning"
                yield finding
        if duty.judged and reported is not None and reported <= as_of:
            shown = reported.isoformat()
            candidates = session.candidates
            for index in [i for i, candidate in enumerate(candidates) if candidate.result == "pending"]:
                candidate = candidates[index]
                if registry.known(record, "candidates", index, "result"):
                    yield at(
                        record,
                        ("candidates", index),
                        "exam005.pending",
                        reported=shown,
                        name=candidate.name,
                        student=candidate.student,
                    )
