"""FEE-002 — school-funded registration fees of a year exceed its `fee_budget`, or the year has no
budget (§6.1).

The school keeps a 1+X exam registration fee budget per year in `onex.yaml`
(`fee_budget: {2026: 300000}`) and pays from it only the fees of enrolled students sitting a
certificate that matches their major (§6.1, §6.2). Exactly:

- the fees of year Y are `Registry.school_funded_fees[Y]` (summed from its split by college,
  `school_funded_fees_by_college`): for every session dated in Y (by the session's `date`,
  whatever its folder), every school-funded candidate listed — absent or not, since the fee is
  owed at registration — times the organisation's fee for the session's level (a level without
  a fee counts 0). Every year counts, past and future: a planned session of next
  year needs next year's budget as much as a held one;
- fees above `fee_budget[Y]` are reported at that budget entry (`fee_budget: {2026: …}`), with
  the fees, the budget, the overrun and the fees per college. Fees exactly at the budget pass;
- a year with school-funded fees (more than 0) and no `fee_budget` entry is reported at
  `fee_budget`, or at the top of onex.yaml when there is no `fee_budget` at all;
- when onex.yaml itself is broken (no model), nothing is reported: REG-001/REG-002 say why.

Two fee knobs of `policy.fees` (docs/policy.md) tighten §6.1, and are reported here because they
bound the same money — the fees the school pays from its budget:

- `college_allocations: {info: 120000}`: a college's school-funded fees of a year (its share in
  the split above) above its allocation are reported at that allocation entry, as well as the
  institution's `fee_budget` check. Colleges without an allocation are bounded by the budget only;
- `fee_caps: {intermediate: 450}`: a catalogue fee above the cap of its level is reported at the
  fee in the organisation's file (`orgs/<org>.yaml`, `certificates.<cert>.levels.<level>.fee`),
  where the fee is recorded and must be corrected (or the cap revised), once per catalogue entry,
  whether or not a session uses it yet. Every fee figure counts such a fee at the cap (what the
  organisation may lawfully charge), so a budget is never checked against an unlawful fee.

Violates::

    # onex.yaml (2026 sessions owe 10,800 yuan of school-funded fees)
    fee_budget: {2026: 10000}

Satisfies::

    fee_budget: {2026: 12000}
"""

from __future__ import annotations

from collections.abc import Iterator

from onex import duties
from onex import models as m
from onex.messages import Text, named
from onex.problems import Finding, at
from onex.registry import Registry
from onex.rules.base import Context, Rule

RULE = Rule(
    id="FEE-002",
    severity="error",
    clause="§6.1",
    title={
        "zh": "学校支付的报名费超出年度预算，或该年度没有预算",
        "en": "school-funded registration fees exceed the year's fee_budget, or the year has none",
    },
    why={
        "zh": "学校设立“1+X”证书考试报名费并列入年度预算（§6.1）。某年度由学校支付的报名费（所有学校支付的考生，缺考也计，按证书等级的报名费计）"
        "超过 onex.yaml 中该年度的 fee_budget，或该年度根本没有预算，报名费就无处列支。恰好等于预算不算超支。"
        "policy.fees.college_allocations 为各学院另设额度（同样检查）；policy.fees.fee_caps 为各等级设收费上限：评价组织文件中高于上限的报名费也在此报告，经费按上限计算。",
        "en": "The school keeps a 1+X exam registration fee budget in each year's budget (§6.1). When the fees the school pays in a year "
        "(every school-funded candidate listed, absent or not, at the fee of the session's level) exceed that year's fee_budget in onex.yaml, "
        "or the year has no budget at all, the fees have nothing to be paid from. Fees exactly at the budget are fine. "
        "policy.fees.college_allocations adds a limit per college, checked the same way; policy.fees.fee_caps caps the fee of a level: "
        "a catalogue fee above its cap is reported here too, at the organisation's fee, and every figure counts the cap.",
    },
    violates="# onex.yaml (2026 sessions owe 10,800 yuan of school-funded fees)\nfee_budget: {2026: 10000}\n",
    satisfies="# onex.yaml\nfee_budget: {2026: 12000}\n",
    messages={
        "fee002.over_budget": {
            "zh": "{year} 年学校支付的报名费为 {fees} 元（{by_college}），超出预算 {budget} 元 {over} 元（§6.1）：提高 fee_budget 中 {year} 年的预算，或核对考生的专业与在籍状态",
            "en": "school-funded registration fees of {year} are {fees} yuan ({by_college}), {over} yuan over the budget of {budget} yuan (§6.1): raise the {year} fee_budget, or check the candidates' majors and enrolment",
        },
        "fee002.over_allocation": {
            "zh": "{college} {year} 年学校支付的报名费为 {fees} 元，超出 policy.fees.college_allocations 中该学院的额度 {allocation} 元 {over} 元（§6.1）：提高该学院的额度，或核对考生的专业与在籍状态",
            "en": "school-funded registration fees of {college} in {year} are {fees} yuan, {over} yuan over its allocation of {allocation} yuan in policy.fees.college_allocations (§6.1): raise the allocation, or check the candidates' majors and enrolment",
        },
        "fee002.over_cap": {
            "zh": "{certificate}{level_zh}的报名费 {fee} 元高于 policy.fees.fee_caps 中{level_zh}的上限 {cap} 元（§6.1）：按评价组织核定的收费更正该报名费，或修订上限；学校按上限 {cap} 元计算经费",
            "en": "the {level} fee of {certificate} is {fee} yuan, above the {level} cap of {cap} yuan in policy.fees.fee_caps (§6.1): correct the fee to what the organisation may charge, or revise the cap; the school counts {cap} yuan",
        },
        "fee002.no_budget": {
            "zh": "{year} 年学校支付的报名费为 {fees} 元（{by_college}），但 fee_budget 中没有 {year} 年的预算（§6.1）：在 onex.yaml 的 fee_budget 中写上 {year}: <预算金额>",
            "en": "school-funded registration fees of {year} are {fees} yuan ({by_college}), but fee_budget has no budget for {year} (§6.1): add {year}: <amount> to fee_budget in onex.yaml",
        },
    },
)


def _money(amount: int) -> str:
    return f"{amount:,}"


def _over_caps(registry: Registry) -> Iterator[Finding]:
    caps = registry.policy.fees.fee_caps
    if not caps:
        return
    for _org, record in sorted(registry.orgs.items()):
        if not isinstance(record.model, m.Org):
            continue
        for cert, entry in record.model.certificates.items():
            for level, level_fee in entry.levels.items():
                cap = caps.get(level)
                if cap is not None and level_fee.fee > cap:
                    yield at(
                        record,
                        ("certificates", cert, "levels", level, "fee"),
                        "fee002.over_cap",
                        certificate=Text({lang: named(entry.name, cert, lang) for lang in ("zh", "en")}),
                        level=level,
                        level_zh=m.ENUMS["level"][level],
                        fee=_money(level_fee.fee),
                        cap=_money(cap),
                    )


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    record = registry.institution_record
    if record is None or not isinstance(record.model, m.Institution):
        return
    budgets = record.model.fee_budget
    allocations = registry.policy.fees.college_allocations
    yield from _over_caps(registry)
    # Registry.school_funded_fees split by college (summed here rather than computed twice).
    for year, by_college in sorted(registry.school_funded_fees_by_college.items()):
        for college, amount in sorted(by_college.items()):
            allocation = allocations.get(college)
            if allocation is not None and amount > allocation:
                yield at(
                    record,
                    ("policy", "fees", "college_allocations", college),
                    "fee002.over_allocation",
                    college=registry.colleges[college].name,
                    year=year,
                    fees=_money(amount),
                    allocation=_money(allocation),
                    over=_money(amount - allocation),
                )
        fees = sum(by_college.values())
        budget = budgets.get(year)
        if not registry.known(record, "fee_budget", year):
            continue  # the year's budget is (or may be) an entry that broke: REG-002 says why
        if not duties.over_budget(fees, budget):
            continue
        parts = [
            f"{registry.colleges[college].name} {_money(amount)}"
            for college, amount in sorted(by_college.items())
            if amount > 0
        ]
        if budget is None:
            has_budgets = isinstance(record.data, dict) and "fee_budget" in record.data
            yield at(
                record,
                ("fee_budget",) if has_budgets else (),
                "fee002.no_budget",
                year=year,
                fees=_money(fees),
                by_college=parts,
            )
        else:
            yield at(
                record,
                ("fee_budget", year),
                "fee002.over_budget",
                year=year,
                fees=_money(fees),
                budget=_money(budget),
                over=_money(fees - budget),
                by_college=parts,
            )
