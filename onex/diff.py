"""`onex diff`: what a change does to compliance, between two revisions of the registry.

Each side is checked by the usual pipeline (a revision read from git as :mod:`onex.baseline`
reads it, or the work tree); problems are matched by fingerprint (introduced, resolved); the
figures are the registry's shared queries on each side (`Registry.certified_teachers`,
`Registry.school_funded_fees`, active adoptions, sessions and candidates), never re-derived.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from onex.messages import register
from onex.problems import CheckResult, Problem

MESSAGES = {
    "diff.work_tree": {"zh": "工作区", "en": "work tree"},
    "diff.title": {"zh": "onex diff：{before} → {after}", "en": "onex diff: {before} → {after}"},
    "diff.headline": {
        "zh": "新增 {introduced} 个问题（其中 {errors} 个错误），解决 {resolved} 个；错误 {errors_before} → {errors_after}，警告 {warnings_before} → {warnings_after}（截至 {as_of}）",
        "en": "{introduced} problem(s) introduced ({errors} error(s)), {resolved} resolved; errors {errors_before} → {errors_after}, warnings {warnings_before} → {warnings_after} (as of {as_of})",
    },
    "diff.introduced": {"zh": "新增的问题", "en": "Problems introduced"},
    "diff.resolved": {"zh": "已解决的问题", "en": "Problems resolved"},
    "diff.figures": {"zh": "变化的数字", "en": "Figures that moved"},
    "diff.nothing": {"zh": "无", "en": "none"},
    "diff.no_figures": {"zh": "各项数字均无变化", "en": "no figure moved"},
    "diff.col.severity": {"zh": "级别", "en": "Severity"},
    "diff.col.rule": {"zh": "规则", "en": "Rule"},
    "diff.col.where": {"zh": "位置", "en": "Where"},
    "diff.col.message": {"zh": "说明", "en": "Message"},
    "diff.col.figure": {"zh": "数字", "en": "Figure"},
    "diff.col.before": {"zh": "之前", "en": "Before"},
    "diff.col.after": {"zh": "之后", "en": "After"},
    "diff.col.limit": {"zh": "要求", "en": "Against"},
    "diff.figure.adoption": {"zh": "X 证书 {college} · {cert}", "en": "certificate {college} · {cert}"},
    "diff.figure.teachers": {
        "zh": "持证教师 {college} · {major}（{major_code}） · {cert}",
        "en": "certified teachers {college} · {major} ({major_code}) · {cert}",
    },
    "diff.figure.sessions": {"zh": "{year} 年考核场次", "en": "exam sessions {year}"},
    "diff.figure.candidates": {"zh": "{year} 年考生人数", "en": "candidates {year}"},
    "diff.figure.fees": {"zh": "{year} 年学校支付报名费（元）", "en": "school-funded fees {year} (yuan)"},
    "diff.limit.minimum": {"zh": "至少 {value}", "en": "at least {value}"},
    "diff.limit.budget": {"zh": "预算 {value}", "en": "budget {value}"},
    "diff.limit.no_budget": {"zh": "无预算", "en": "no budget"},
    "diff.limit.below": {"zh": "{limit}（不足）", "en": "{limit} (below)"},
    "diff.limit.over": {"zh": "{limit}（超出）", "en": "{limit} (over)"},
    "diff.absent": {"zh": "—", "en": "—"},
    "diff.aside": {"zh": "{text}（{note}）", "en": "{text} ({note})"},
    "diff.note": {"zh": "（{note}）", "en": "({note})"},
}
register(MESSAGES)


@dataclass
class Figure:
    """One figure on both sides; `limit` is what the policy asks (a minimum) or allows (a budget)."""

    kind: str  # adoption | teachers | sessions | candidates | fees
    params: dict[str, object]
    before: object
    after: object
    limit: int | None = None
    limit_kind: str | None = None  # minimum | budget | no_budget

    @property
    def breached(self) -> bool:
        if self.limit is None or not isinstance(self.after, int):
            return False
        return self.after < self.limit if self.limit_kind == "minimum" else self.after > self.limit


@dataclass
class Diff:
    before: str  # a revision as given, and its commit
    before_commit: str
    after: str | None  # None: the work tree
    after_commit: str | None
    as_of: dt.date
    before_result: CheckResult
    after_result: CheckResult
    introduced: list[Problem] = field(default_factory=list)
    resolved: list[Problem] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


# --- the figures ----------------------------------------------------------------------------


def figures(registry, as_of: dt.date) -> dict[tuple, tuple[object, int | None, str | None]]:
    """(kind, names...) -> (value, limit, limit kind) for one side, from the shared queries."""
    from onex.registry import candidates_once, majors_once

    out: dict[tuple, tuple[object, int | None, str | None]] = {}
    minimum = registry.policy.min_certified_per_major
    for college in registry.college_list():
        for cert, record, adoption in sorted(college.valid_adoptions(), key=lambda t: t[0]):
            out[("adoption", college.name, registry.certificate_name(cert))] = (adoption.status, None, None)
            if adoption.status != "active":
                continue
            for index, major in majors_once(adoption):
                if not registry.teachers_countable(college, record, index):
                    continue  # unknown on this side: check says why, and no figure moves
                count = len(registry.certified_teachers(college.id, major.code, cert, as_of))
                major_model = college.majors_by_code.get(major.code)
                name = major_model.name if major_model else registry.major_name(major.code)
                key = ("teachers", college.name, name, major.code, registry.certificate_name(cert))
                out[key] = (count, minimum, "minimum")
    sessions: dict[int, int] = {}
    candidates: dict[int, int] = {}
    for _college, _record, session in registry.sessions():
        if session.date is None:  # salvaged from REG-002: in no year
            continue
        sessions[session.date.year] = sessions.get(session.date.year, 0) + 1
        candidates[session.date.year] = candidates.get(session.date.year, 0) + len(candidates_once(session))
    for year in sessions:
        out[("sessions", year)] = (sessions[year], None, None)
        out[("candidates", year)] = (candidates[year], None, None)
    budgets = registry.settings.fee_budget
    for year, fees in registry.school_funded_fees.items():
        budget = budgets.get(year)
        out[("fees", year)] = (fees, budget, "budget" if budget is not None else "no_budget")
    return out


_PARAMS = {
    "adoption": ("college", "cert"),
    "teachers": ("college", "major", "major_code", "cert"),
    "sessions": ("year",),
    "candidates": ("year",),
    "fees": ("year",),
}
_ORDER = {kind: i for i, kind in enumerate(_PARAMS)}


def moved(before: dict, after: dict) -> list[Figure]:
    """The figures whose value (or limit) differs between the sides, in a stable order."""
    out = []
    for key in sorted(set(before) | set(after), key=lambda k: (_ORDER[k[0]], [str(p) for p in k[1:]])):
        old = before.get(key, (None, None, None))
        new = after.get(key, (None, None, None))
        if old[:2] == new[:2]:
            continue
        params = dict(zip(_PARAMS[key[0]], key[1:], strict=True))
        limit, limit_kind = (new[1], new[2]) if key in after else (old[1], old[2])
        out.append(Figure(key[0], params, old[0], new[0], limit, limit_kind))
    return out


# --- the two sides --------------------------------------------------------------------------


def _checked(root: Path, as_of: dt.date, snapshot=None):
    from onex.engine import check
    from onex.load import load
    from onex.registry import Registry

    registry = Registry(load(root, snapshot=snapshot))
    return registry, check(registry, as_of)


def diff(root: Path, as_of: dt.date, rev1: str | None, rev2: str | None) -> Diff:
    """Compare `rev1` (default: the merge base of `rev2`, else HEAD, with the default branch)
    with `rev2` (default: the work tree)."""
    from onex.baseline import mark, snapshot_at
    from onex.git import Repository, check_revision_text

    for rev in (rev1, rev2):
        if rev is not None:
            check_revision_text(rev)
    repo = Repository(root, "onex diff")
    after_commit = repo.resolve(rev2) if rev2 is not None else None
    if rev1 is None:
        before_commit = repo.merge_base(repo.default_branch(), after_commit or repo.resolve("HEAD"))
        rev1 = before_commit[:12]
    else:
        before_commit = repo.resolve(rev1)
    before_registry, before_result = _checked(root, as_of, snapshot_at(repo, before_commit, root))
    if after_commit is None:
        after_registry, after_result = _checked(root, as_of)
    else:
        after_registry, after_result = _checked(root, as_of, snapshot_at(repo, after_commit, root))
    mark(after_result, before_result.problems, repo.renames(before_commit, after_commit), rev1, before_commit)
    result = Diff(rev1, before_commit, rev2, after_commit, as_of, before_result, after_result)
    result.introduced = [p for p in after_result.problems if p.new and not p.waived]
    result.resolved = after_result.baseline.resolved if after_result.baseline else []
    result.figures = moved(figures(before_registry, as_of), figures(after_registry, as_of))
    return result
