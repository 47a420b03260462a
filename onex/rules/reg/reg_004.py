"""REG-004 — a reference to something that does not exist.

Checked references: certificates (adoption file names, qualifications, programmes, plans, staff
plans, trainings, sessions, `replaced_by`), org batches (plan items, sessions), majors (adoptions,
courses, instructors, plan items), courses and modules (coverage, trainings), levels, instructors
(adoption lead, training team, staff-plan trainings), exam sites (sessions; `external` is always
allowed), the college's leader in charge, and the colleges of `policy.fees.college_allocations`
in onex.yaml (an allocation for a misspelt college would never be checked). A waiver naming a college or rule that does not exist
matches no problem, which WAIVE-001 reports.
An enrolled candidate's major must be a major of some college (SPEC §4.2: a typo would silently
make the student pay); a candidate who is not enrolled may be of any major (they pay themselves,
§6.3). A level the organisation does not offer (not among the catalogue entry's `levels`) is
REG-004 too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from onex import models as m
from onex.problems import Finding, at
from onex.records import Place, Record
from onex.registry import CollegeRecords, Registry, majors_once
from onex.rules.base import Context, Rule

RULE = Rule(
    id="REG-004",
    severity="error",
    unresolved=True,
    clause="§3",
    title={"zh": "引用了不存在的对象", "en": "a reference to something that does not exist"},
    why={
        "zh": "记录之间靠编号相互引用（证书、批次、专业、课程、模块、等级、教师、考核站点、主管院领导）。引用不存在的对象，说明有拼写错误或漏登记的记录，"
        "依赖它的规则就无法判断，因此不再据此报告其他问题。在籍考生的专业必须是某个二级学院的专业（拼错会让学生自费）；评价组织未开设的等级也属此类。",
        "en": "Records refer to each other by id (certificates, batches, majors, courses, modules, levels, instructors, exam sites, the leader in charge). "
        "A reference to nothing is a typo or a missing record, and the rules that depend on it cannot judge, so they say nothing more about it. "
        "An enrolled candidate's major must be a major of some college (a typo would silently make the student pay); a level the organisation does not offer is one too.",
    },
    violates="# colleges/info/sessions/2026/web-mid.yaml\ncertificate: web-frontend\nbatch: 2026-3            # the org has batches 2026-1 and 2026-2\n",
    satisfies="certificate: web-frontend\nbatch: 2026-1\n",
    messages={
        "reg004.certificate": {
            "zh": "证书 {cert} 不在任何评价组织的证书目录中（orgs/*.yaml 的 certificates）",
            "en": "certificate {cert} is in no evaluation organisation's catalogue (certificates in orgs/*.yaml)",
        },
        "reg004.not_adopted": {
            "zh": "{college} 没有引入证书 {cert}：先建立 colleges/{college}/certificates/{cert}.yaml",
            "en": "{college} has not adopted certificate {cert}: add colleges/{college}/certificates/{cert}.yaml first",
        },
        "reg004.batch": {
            "zh": "证书 {cert} 的评价组织没有考核批次 {batch}（已有：{known}）",
            "en": "the organisation of {cert} has no exam batch {batch} (it has: {known})",
        },
        "reg004.major": {
            "zh": "{college} 的 college.yaml 中没有专业代码 {major}",
            "en": "major code {major} is not among the majors of {college} (college.yaml)",
        },
        "reg004.candidate_major": {
            "zh": "在籍考生的专业代码 {major} 不是任何二级学院的专业（college.yaml 的 majors）：改正专业代码；不在籍的考生写 enrolled: false",
            "en": "major code {major} of an enrolled candidate is no major of any college (majors in college.yaml): correct the code; "
            "write enrolled: false for a student who is not enrolled",
        },
        "reg004.course": {
            "zh": "{college} 的 college.yaml 中没有课程 {course}",
            "en": "course {course} is not among the courses of {college} (college.yaml)",
        },
        "reg004.module": {
            "zh": "证书 {cert} 的标准中没有模块 {module}（已有：{known}）",
            "en": "certificate {cert} has no module {module} (it has: {known})",
        },
        "reg004.level": {
            "zh": "证书 {cert} 没有等级 {level}（已有：{known}）",
            "en": "certificate {cert} has no level {level} (it has: {known})",
        },
        "reg004.instructor": {
            "zh": "{college} 的 instructors.yaml 中没有教师编号 {instructor}",
            "en": "instructor {instructor} is not in the instructors.yaml of {college}",
        },
        "reg004.site": {
            "zh": "没有考核站点 {site}：应为 onex.yaml 中 exam_sites 的编号（{known}），或 external",
            "en": "there is no exam site {site}: use an exam_sites id of onex.yaml ({known}), or external",
        },
        "reg004.allocation_college": {
            "zh": "policy.fees.college_allocations 中的二级学院 {college} 不存在（现有：{known}）：改为 colleges/ 下的学院编号",
            "en": "there is no college {college} for policy.fees.college_allocations (known: {known}): use a folder name under colleges/",
        },
        "reg004.no_leader_in_charge": {
            "zh": "{college} 没有主管院领导：在 leaders 中给一位领导写 in_charge: true",
            "en": "{college} has no leader in charge: mark one of its leaders with in_charge: true",
        },
    },
)


class _Refs:
    """Reference checks of one college, yielding findings."""

    def __init__(self, registry: Registry, college: CollegeRecords) -> None:
        self.registry = registry
        self.college = college
        known = registry.known
        # what a reference is looked up in, and whether its absence there proves anything (§4.1)
        self.catalogue_known = known(Place("org"), "certificates")
        self.majors_known = known(Place("college", college.id), "majors", ..., "code")
        self.courses_known = known(Place("college", college.id), "courses", ..., "code")
        self.instructors_known = known(Place("instructors", college.id), "instructors", ..., "id")

    def certificate(self, record: Record, path: tuple, cert: str) -> Iterator[Finding]:
        if (
            self.catalogue_known
            and self.registry.known(record, *path)
            and cert not in self.registry.catalogue
        ):
            yield at(record, path, "reg004.certificate", cert=cert)

    def adopted(self, record: Record, path: tuple, cert: str) -> Iterator[Finding]:
        if not self.registry.known(record, *path):
            return
        if cert not in self.registry.catalogue:
            if self.catalogue_known:
                yield at(record, path, "reg004.certificate", cert=cert)
        elif cert not in self.college.adoptions and self.registry.known(
            Place("adoption", self.college.id, cert)
        ):
            yield at(record, path, "reg004.not_adopted", cert=cert, college=self.college.id)

    def majors(self, record: Record, path: tuple, codes: Iterable[tuple[int, str]]) -> Iterator[Finding]:
        """`codes`: (index in the list at `path`, major code) pairs."""
        if self.college.model is None or not self.majors_known:
            return
        for index, code in codes:
            if code not in self.college.majors_by_code and self.registry.known(record, *path, index):
                yield at(record, (*path, index), "reg004.major", major=code, college=self.college.id)

    def instructor(self, record: Record, path: tuple, instructor: str) -> Iterator[Finding]:
        if not self.instructors_known or not self.registry.known(record, *path):
            return  # a broken instructors.yaml is reported once, as REG-001/002
        if instructor not in self.college.instructors_by_id:
            yield at(record, path, "reg004.instructor", instructor=instructor, college=self.college.id)

    def _entry_known(self, cert: str, *field: str) -> bool:
        item = self.registry.catalogue.get(cert)
        return item is not None and self.registry.known(item.record, "certificates", cert, *field)

    def level(self, record: Record, path: tuple, cert: str, level: str | None) -> Iterator[Finding]:
        item = self.registry.catalogue.get(cert)
        if item is None or level is None or not self.registry.known(record, *path):
            return
        if level not in item.entry.levels and self._entry_known(cert, "levels"):
            yield at(record, path, "reg004.level", cert=cert, level=level, known=list(item.entry.levels))

    def batch(self, record: Record, path: tuple, cert: str, batch: str | None) -> Iterator[Finding]:
        if batch is None or cert not in self.registry.catalogue or not self.registry.known(record, *path):
            return
        org = self.registry.orgs.get(self.registry.catalogue[cert].org)
        if org is None or not self.registry.known(org, "batches", ..., "id"):
            return
        batches = self.registry.batches(cert)
        if batch not in batches:
            yield at(record, path, "reg004.batch", cert=cert, batch=batch, known=sorted(batches))

    def modules(self, record: Record, path: tuple, cert: str, modules: Iterable[str]) -> Iterator[Finding]:
        item = self.registry.catalogue.get(cert)
        if item is None or not self._entry_known(cert, "modules"):
            return
        for index, module in enumerate(modules):
            if module not in item.entry.modules and self.registry.known(record, *path, index):
                yield at(
                    record,
                    (*path, index),
                    "reg004.module",
                    cert=cert,
                    module=module,
                    known=item.entry.modules,
                )


def _college(refs: _Refs) -> Iterator[Finding]:
    college = refs.college
    model = college.model
    if model is None:
        return
    record = college.record
    assert record is not None
    if not any(leader.in_charge for leader in model.leaders) and refs.registry.known(
        record, "leaders", ..., "in_charge"
    ):
        yield at(
            record, ("leaders",) if model.leaders else (), "reg004.no_leader_in_charge", college=college.id
        )
    for index, major in enumerate(model.majors):
        if major.programme is not None:
            for j, cert in enumerate(major.programme.certificates):
                yield from refs.certificate(record, ("majors", index, "programme", "certificates", j), cert)
    for index, course in enumerate(model.courses):
        yield from refs.majors(record, ("courses", index, "majors"), enumerate(course.majors))


def _instructors(refs: _Refs) -> Iterator[Finding]:
    record = refs.college.instructors
    if record is None or record.model is None:
        return
    for index, instructor in enumerate(record.model.instructors):
        yield from refs.majors(record, ("instructors", index, "majors"), enumerate(instructor.majors))
        for j, qualification in enumerate(instructor.qualifications):
            yield from refs.certificate(
                record, ("instructors", index, "qualifications", j, "certificate"), qualification.certificate
            )


def _adoptions(refs: _Refs) -> Iterator[Finding]:
    registry, college = refs.registry, refs.college
    for cert, record, adoption in college.valid_adoptions():
        item = registry.catalogue.get(cert)
        if item is None:
            if refs.catalogue_known:
                yield at(record, (), "reg004.certificate", cert=cert)
            continue
        if adoption.lead is not None:
            yield from refs.instructor(record, ("lead",), adoption.lead)
        for index, level in enumerate(adoption.levels):
            yield from refs.level(record, ("levels", index), cert, level)
        yield from refs.majors(record, ("majors",), [(i, major.code) for i, major in majors_once(adoption)])
        if adoption.replaced_by is not None:
            yield from refs.certificate(record, ("replaced_by",), adoption.replaced_by)
        for module, coverage in adoption.coverage.items():
            if module not in item.entry.modules and refs._entry_known(cert, "modules"):
                yield at(
                    record,
                    ("coverage", module),
                    "reg004.module",
                    cert=cert,
                    module=module,
                    known=item.entry.modules,
                )
            for index, course in enumerate(coverage.courses if coverage else []):
                if (
                    refs.courses_known
                    and course not in college.courses_by_code
                    and registry.known(record, "coverage", module, "courses", index)
                ):
                    yield at(
                        record,
                        ("coverage", module, "courses", index),
                        "reg004.course",
                        course=course,
                        college=college.id,
                    )


def _plans(refs: _Refs) -> Iterator[Finding]:
    for record in refs.college.plans.values():
        plan = record.model
        if not isinstance(plan, m.Plan):
            continue
        for index, item in enumerate(plan.items):
            path = ("items", index)
            found = list(refs.adopted(record, (*path, "certificate"), item.certificate))
            yield from found
            if found:
                continue
            yield from refs.level(record, (*path, "level"), item.certificate, item.level)
            yield from refs.majors(record, (*path, "majors"), enumerate(item.majors))
            yield from refs.batch(record, (*path, "batch"), item.certificate, item.batch)
        for index, facility in enumerate(plan.facilities):
            for j, cert in enumerate(facility.certificates):
                yield from refs.certificate(record, ("facilities", index, "certificates", j), cert)
    for record in refs.college.staff_plans.values():
        staff_plan = record.model
        if not isinstance(staff_plan, m.StaffPlan):
            continue
        for index, training in enumerate(staff_plan.trainings):
            yield from refs.instructor(record, ("trainings", index, "instructor"), training.instructor)
            yield from refs.certificate(record, ("trainings", index, "certificate"), training.certificate)


def _trainings_and_sessions(refs: _Refs) -> Iterator[Finding]:
    registry = refs.registry
    for record in refs.college.trainings:
        training = record.model
        if not isinstance(training, m.Training):
            continue
        found = list(refs.adopted(record, ("certificate",), training.certificate))
        yield from found
        if not found:
            yield from refs.level(record, ("level",), training.certificate, training.level)
            yield from refs.modules(record, ("modules",), training.certificate, training.modules)
        for index, member in enumerate(training.team):
            yield from refs.instructor(record, ("team", index), member)
    for record in refs.college.sessions:
        session = record.model
        if not isinstance(session, m.Session):
            continue
        found = list(refs.adopted(record, ("certificate",), session.certificate))
        yield from found
        if not found:
            yield from refs.level(record, ("level",), session.certificate, session.level)
            yield from refs.batch(record, ("batch",), session.certificate, session.batch)
        yield from _candidates(refs, record, session)
        if (
            session.site != "external"
            and session.site not in registry.exam_site_ids
            and registry.known(record, "site")
            and registry.known(Place("institution"), "exam_sites", ..., "id")
        ):
            yield at(
                record, ("site",), "reg004.site", site=session.site, known=sorted(registry.exam_site_ids)
            )


def _candidates(refs: _Refs, record: Record, session: m.Session) -> Iterator[Finding]:
    """An enrolled candidate's major is a major of some college (SPEC §4.2: a typo would silently
    make the student pay); a candidate who is not enrolled may be of any major (§6.3)."""
    registry = refs.registry
    if not registry.known(Place("college"), "majors", ..., "code"):
        return
    codes = registry.all_major_codes
    candidates = session.candidates
    for index in [index for index, candidate in enumerate(candidates) if candidate.major not in codes]:
        candidate = candidates[index]
        if (
            candidate.enrolled
            and registry.known(record, "candidates", index, "major")
            and registry.known(record, "candidates", index, "enrolled")
        ):
            yield at(record, ("candidates", index, "major"), "reg004.candidate_major", major=candidate.major)


@RULE.checker
def check(registry: Registry, context: Context) -> Iterator[Finding]:
    for college in registry.college_list():
        refs = _Refs(registry, college)
        for part in (_college, _instructors, _adoptions, _plans, _trainings_and_sessions):
            yield from part(refs)
    yield from _allocations(registry)


def _allocations(registry: Registry) -> Iterator[Finding]:
    record = registry.institution_record
    if record is None or not isinstance(record.model, m.Institution):
        return
    known = registry.loaded.college_folders  # a folder whose college.yaml is unreadable still exists
    for college in record.model.policy.fees.college_allocations:
        if college not in known:
            yield at(
                record,
                ("policy", "fees", "college_allocations", college),
                "reg004.allocation_college",
                college=college,
                known=sorted(known),
            )
