"""`onex fmt`: canonical layout, comments kept, idempotent — through the real CLI on real files."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

REGISTRY = Path(__file__).parent.parent / "registry"
ORG = "orgs/edu-tech.yaml"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def _models(root: Path) -> dict[str, dict]:
    from onex.load import load

    loaded = load(root)
    return {r.file: r.model.model_dump() for r in loaded.records if r.model is not None}


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(REGISTRY, root)
    return root


def test_sample_registry_round_trips_and_is_idempotent(sample, cli):
    before = _models(sample)
    code, out, err = cli("fmt", "--registry", sample, "--lang", "en")
    assert code == 0, err
    first = _snapshot(sample)
    assert _models(sample) == before  # formatting never changes what a record says
    code, out, err = cli("fmt", "--registry", sample, "--lang", "en")
    assert code == 0
    assert out == ""
    assert "0 file(s) reformatted" in err
    assert _snapshot(sample) == first  # every file of registry/: fmt twice = no change
    code, out, err = cli("fmt", "--check", "--registry", sample, "--lang", "en")
    assert (code, out) == (0, "")


def test_sample_registry_is_canonical_with_its_chinese_enum_words(sample, cli):
    # the shipped pre-commit hook runs `onex fmt --check` on registry/ itself
    rel = "colleges/econ/sessions/2026/smart-tax-intermediate-2026-2.yaml"
    words = ("result: 通过", "result: 缺考", "status: 已审批")
    assert all(word in (sample / rel).read_text(encoding="utf-8") for word in words)
    original = _snapshot(sample)
    code, out, err = cli("fmt", "--check", "--registry", sample, "--lang", "en")
    assert (code, out) == (0, ""), out + err
    code, out, err = cli("fmt", "--registry", sample, "--lang", "en")
    assert (code, out) == (0, "")
    assert _snapshot(sample) == original  # 通过, 缺考, 已审批 stay as the coordinator wrote them


def test_enum_words_keep_the_language_they_were_written_in(reg, cli):
    rel = "colleges/info/sessions/2026/web-mid-june.yaml"
    _disorder(reg, rel)
    reg.edit(rel, "result: fail, score: 52}", "result: 未通过, score: 52}  # 补考：未通过")
    reg.edit(rel, "level: intermediate", "level: 中级")
    code, out, err = cli("fmt", "--registry", reg.root, "--lang", "en")
    assert (code, out) == (0, f"reformatted {rel}\n"), err
    text = reg.read(rel)
    assert text.startswith("certificate: web-frontend\nlevel: 中级\n")  # layout fixed, word kept
    assert "result: 未通过, score: 52}  # 补考：未通过\n" in text  # the comment still tells the truth
    assert "result: pass" in text  # English words stay English in the same file
    assert reg.problems() == []


def _disorder(reg, rel: str) -> None:
    """Make a file non-canonical without changing what it says: its first two keys swapped."""
    first, second, rest = reg.read(rel).split("\n", 2)
    reg.write(rel, f"{second}\n{first}\n{rest}")


def test_check_lists_files_and_exits_1(reg, cli):
    _disorder(reg, "colleges/info/sessions/2026/web-mid-june.yaml")
    code, out, err = cli("fmt", "--check", "--registry", reg.root, "--lang", "en")
    assert code == 1
    assert out == "would reformat colleges/info/sessions/2026/web-mid-june.yaml\n"
    assert "1 file(s) would be reformatted, 8 already formatted, 0 unreadable" in err
    assert reg.read("colleges/info/sessions/2026/web-mid-june.yaml").startswith("level:")  # unchanged


def test_baseline_is_canonical(reg, cli):
    code, out, err = cli("fmt", "--check", "--registry", reg.root)
    assert (code, out) == (0, "")


def test_key_order_follows_spec_and_comments_stay_with_their_keys(reg, cli):
    reg.write(
        ORG,
        """
        # 评价组织
        batches:
          - {to: 2026-06-30, id: 2026-1, from: 2026-05-01}
          - {id: 2026-2, from: 2026-11-01, to: 2026-12-20}
        # 证书目录
        certificates:
          web-frontend:
            modules: [网页设计, 前端框架]   # 工作领域
            levels: {初级: {fee: 300}, intermediate: {fee: 400}}
            name: Web前端开发
          cloud-ops:
            name: 云计算平台运维与开发
            levels:
              # 只有初级
              junior: {fee: 350}
            modules: [云平台部署]
        # 名称
        name: 某某教育科技有限公司   # 全称
        # 结尾
        """,
    )
    code, out, err = cli("fmt", "--registry", reg.root, "--lang", "en")
    assert code == 0, err
    assert out == f"reformatted {ORG}\n"
    assert reg.read(ORG) == textwrap.dedent(
        """\
        # 评价组织
        # 名称
        name: 某某教育科技有限公司   # 全称
        # 证书目录
        certificates:
          web-frontend:
            name: Web前端开发
            levels: {初级: {fee: 300}, intermediate: {fee: 400}}
            modules: [网页设计, 前端框架]   # 工作领域
          cloud-ops:
            name: 云计算平台运维与开发
            levels:
              # 只有初级
              junior: {fee: 350}
            modules: [云平台部署]
        batches:
          - {id: 2026-1, from: 2026-05-01, to: 2026-06-30}
          - {id: 2026-2, from: 2026-11-01, to: 2026-12-20}
        # 结尾
        """
    )
    assert reg.problems() == []
    code, out, err = cli("fmt", "--check", "--registry", reg.root)
    assert (code, out) == (0, "")


def test_block_items_reordered_indent_and_codes_quoted(reg, cli):
    rel = "colleges/info/instructors.yaml"
    reg.write(
        rel,
        """
        instructors:
        - name: 张伟    # 组长
          id: t2019001
          employment: 专职
          majors: [510201]
          qualifications:
          - {kind: 培训讲师, certificate: web-frontend, number: WF-T-0001, issued_on: 2023-06-01, expires_on: 2028-06-01}
        - id: t2020005
          name: 刘洋
          employment: full_time
          majors: [0510201]
          qualifications:
          - {certificate: web-frontend, kind: examiner, number: WF-E-0002, issued_on: 2024-03-01}
        """,
    )
    code, out, err = cli("fmt", "--registry", reg.root, "--lang", "en")
    assert code == 0, err
    assert reg.read(rel) == textwrap.dedent(
        """\
        instructors:
          - id: t2019001
            name: 张伟  # 组长
            employment: 专职
            majors: ["510201"]
            qualifications:
              - {certificate: web-frontend, kind: 培训讲师, number: WF-T-0001, issued_on: 2023-06-01, expires_on: 2028-06-01}
          - id: t2020005
            name: 刘洋
            employment: full_time
            majors: ["0510201"]
            qualifications:
              - {certificate: web-frontend, kind: examiner, number: WF-E-0002, issued_on: 2024-03-01}
        """
    )


def test_candidates_stay_one_line_each(reg, cli):
    rel = "colleges/info/sessions/2026/web-mid-june.yaml"
    reg.edit(rel, "result: fail, score: 52}", "score: 52, result: 未通过}  # 补考")
    reg.edit(
        rel, "reimbursement: {status: paid,", "reimbursement: {finance_ref: 财〔2026〕88号, status: 已支付,"
    )
    reg.edit(rel, "status: 已支付, finance_ref: 财〔2026〕88号}", "status: 已支付}")
    code, out, err = cli("fmt", "--registry", reg.root)
    assert code == 0, err
    text = reg.read(rel)
    assert (
        '  - {student: "2024010124", name: 李小红, major: "510201", result: 未通过, score: 52}  # 补考\n'
        in text
    )
    assert "reimbursement: {status: 已支付, finance_ref: 财〔2026〕88号}\n" in text
    assert len(text.splitlines()) == 15


def test_unreadable_file_is_skipped_with_its_message(reg, cli):
    reg.write("colleges/info/plans/2026.yaml", "year: [2026\n")
    _disorder(reg, "colleges/info/sessions/2026/web-mid-june.yaml")
    code, out, err = cli("fmt", "--check", "--registry", reg.root, "--lang", "en")
    assert code == 1
    assert "colleges/info/plans/2026.yaml:" in err and "cannot be read, skipped (REG-001)" in err
    code, out, err = cli("fmt", "--registry", reg.root, "--lang", "en")
    assert code == 1  # the unreadable file was not formatted
    assert out == "reformatted colleges/info/sessions/2026/web-mid-june.yaml\n"
    assert reg.read("colleges/info/plans/2026.yaml") == "year: [2026\n"


def test_paths_limit_the_files_and_non_records_are_ignored(reg, cli):
    _disorder(reg, "colleges/info/sessions/2026/web-mid-june.yaml")
    _disorder(reg, "colleges/info/trainings/2026/web-mid-spring.yaml")
    workflow = reg.path(".github/workflows/onex.yml")
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on: {push: {}}\n", encoding="utf-8")
    session = reg.path("colleges/info/sessions")
    code, out, err = cli("fmt", "--check", session, workflow, reg.path("onex.yaml"), "--lang", "en")
    assert code == 1
    assert out == "would reformat colleges/info/sessions/2026/web-mid-june.yaml\n"
    assert "1 file(s) would be reformatted, 1 already formatted" in err


def test_missing_path_is_exit_2(reg, cli):
    code, out, err = cli("fmt", reg.path("nope.yaml"), "--lang", "en")
    assert code == 2
    assert "no such file or folder" in err


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_changed_since_formats_only_files_changed_since_a_revision(reg, cli):
    _git(reg.root, "init", "-q")
    _git(reg.root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    _git(reg.root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    # an old, committed file that is not canonical: --changed-since leaves it alone
    _disorder(reg, "colleges/info/trainings/2026/web-mid-spring.yaml")
    _git(reg.root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "old")
    _disorder(reg, "colleges/info/sessions/2026/web-mid-june.yaml")
    reg.write(
        "colleges/info/sessions/2026/web-new.yaml", reg.read("colleges/info/sessions/2026/web-mid-june.yaml")
    )
    code, out, err = cli("fmt", "--check", "--changed-since", "HEAD", "--registry", reg.root, "--lang", "en")
    assert code == 1
    assert out.splitlines() == [
        "would reformat colleges/info/sessions/2026/web-mid-june.yaml",
        "would reformat colleges/info/sessions/2026/web-new.yaml",
    ]
    code, out, err = cli(
        "fmt", "--check", "--changed-since", "HEAD~1", "--registry", reg.root, "--lang", "en"
    )
    assert len(out.splitlines()) == 3
    code, out, err = cli(
        "fmt", "--check", "--changed-since", "no-such-rev", "--registry", reg.root, "--lang", "en"
    )
    assert code == 2
    assert "the git repository has no commit no-such-rev. Fetch it first: git fetch origin no-such-rev" in err


def test_crlf_stays_crlf_and_a_bom_is_dropped(reg, cli):
    rel = "colleges/info/staff-plans/2026.yaml"
    text = reg.read(rel).replace("status: done", "status: 完成")
    first, second, rest = text.split("\n", 2)
    disordered = f"{second}\n{first}\n{rest}"
    reg.write_bytes(rel, b"\xef\xbb\xbf" + disordered.replace("\n", "\r\n").encode("utf-8"))
    code, out, err = cli("fmt", "--registry", reg.root)
    assert code == 0, err
    data = reg.path(rel).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data == text.replace("\n", "\r\n").encode("utf-8")  # 完成 stays 完成
    code, out, err = cli("fmt", "--check", "--registry", reg.root)
    assert (code, out) == (0, "")
