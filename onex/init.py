"""`onex init`: a new registry that passes `onex check` on any date.

It holds the institution settings, one evaluation organisation and one college, each commented
field by field. Every other record kind comes as an example next to where it belongs
(`colleges/<college>/certificates/web-frontend.yaml.example`, …): onex reads only `.yaml` files,
so the examples do not count until they are copied to their `.yaml` name — a registry whose
college has adopted no certificate owes no duty yet, so `onex check` passes on any date. The
registry folder is meant to be a git repository of its own: it gets a `.gitignore` and the
GitHub Actions workflow of `examples/ci/github/onex.yml`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from onex.errors import FatalError
from onex.messages import register

MESSAGES = {
    "init.exists": {
        "zh": "{path} 已经是登记库（有 onex.yaml）：onex init 不会覆盖它",
        "en": "{path} is already a registry (it has onex.yaml): onex init does not overwrite it",
    },
    "init.file_exists": {
        "zh": "{path} 已存在：onex init 不会覆盖它，请换一个空目录",
        "en": "{path} already exists: onex init does not overwrite it; use an empty folder",
    },
    "init.not_folder": {"zh": "{path} 不是目录", "en": "{path} is not a folder"},
    "init.bad_id": {
        "zh": "{value} 不是有效的编号：只能用小写字母、数字和连字符（如 info）",
        "en": "{value} is not a valid id: use lower-case letters, digits and hyphens (e.g. info)",
    },
    "init.created": {"zh": "已创建 {file}", "en": "created {file}"},
    "init.kept": {"zh": "已存在，保持不变：{file}", "en": "kept the existing {file}"},
    "init.updated": {"zh": "已补充 {file}", "en": "added to {file}"},
    "init.next": {
        "zh": "新登记库已就绪。下一步：修改 onex.yaml、orgs/ 和 colleges/ 中的示例内容，然后运行\n  onex check --registry {path}\n各类记录的样例是 *.example 文件：复制为去掉 .example 的文件名再修改。",
        "en": "The new registry is ready. Next: edit the sample content of onex.yaml, orgs/ and colleges/, then run\n  onex check --registry {path}\nThe *.example files are samples of the other records: copy one to its name without .example and edit it.",
    },
}
register(MESSAGES)

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
GITIGNORE_LINES = (".onex-cache/", ".onex.lock")


@dataclass
class Created:
    root: Path
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def plan_files(org: str, college: str, year: int) -> list[tuple[str, str]]:
    """(template name, path in the new registry) of every file `init` writes."""
    c = f"colleges/{college}"
    return [
        ("onex.yaml", "onex.yaml"),
        ("org.yaml", f"orgs/{org}.yaml"),
        ("college.yaml", f"{c}/college.yaml"),
        ("instructors.yaml.example", f"{c}/instructors.yaml.example"),
        ("adoption.yaml.example", f"{c}/certificates/web-frontend.yaml.example"),
        ("plan.yaml.example", f"{c}/plans/{year}.yaml.example"),
        ("staff-plan.yaml.example", f"{c}/staff-plans/{year}.yaml.example"),
        ("training.yaml.example", f"{c}/trainings/{year}/web-frontend-intermediate-{year}-1.yaml.example"),
        ("session.yaml.example", f"{c}/sessions/{year}/web-frontend-intermediate-{year}-1.yaml.example"),
    ]


def template(name: str) -> str:
    return resources.files("onex").joinpath("data", "init", name).read_text(encoding="utf-8")


def fill(text: str, org: str, college: str, year: int) -> str:
    for key, value in {
        "@YEAR@": str(year),
        "@NEXT_YEAR@": str(year + 1),
        "@ORG@": org,
        "@COLLEGE@": college,
    }.items():
        text = text.replace(key, value)
    return text


def workflow() -> str:
    """The GitHub Actions workflow of examples/ci/github, for a registry at the repository root."""
    text = template("github-workflow.yml")
    return text.replace('paths: ["registry/**"]', 'paths: ["**.yaml"]').replace(
        "--registry registry", "--registry ."
    )


WORKFLOW = ".github/workflows/onex.yml"


def create(root: Path, org: str = "example-org", college: str = "info", year: int | None = None) -> Created:
    """Write a new registry into `root` (created if missing); refuse an existing registry."""
    from onex.write import refuse_links, registry_lock, write_atomic

    for value in (org, college):
        if not ID.match(value):
            raise FatalError("init.bad_id", value=value)
    year = year or dt.date.today().year
    if root.exists() and not root.is_dir():
        raise FatalError("init.not_folder", path=str(root))
    if (root / "onex.yaml").exists():
        raise FatalError("init.exists", path=str(root))
    files = [(rel, fill(template(name), org, college, year)) for name, rel in plan_files(org, college, year)]
    if root.is_dir():  # links planted in the target folder: refused before anything is written
        refuse_links(root, [rel for rel, _ in files] + [".onex.lock", WORKFLOW, ".gitignore"])
    for rel, _ in files:
        if (root / rel).exists():
            raise FatalError("init.file_exists", path=str(root / rel))
    root.mkdir(parents=True, exist_ok=True)
    result = Created(root)
    with registry_lock(root):
        for rel, text in files:
            write_atomic(root / rel, text.encode("utf-8"), None)
            result.created.append(rel)
        _write_workflow(root, result)
        _write_gitignore(root, result)
    return result


def _write_workflow(root: Path, result: Created) -> None:
    from onex.write import write_atomic

    rel = WORKFLOW
    if (root / rel).exists():
        result.kept.append(rel)
        return
    write_atomic(root / rel, workflow().encode("utf-8"), None)
    result.created.append(rel)


def _write_gitignore(root: Path, result: Created) -> None:
    from onex.write import write_atomic

    path = root / ".gitignore"
    if not path.exists():
        write_atomic(path, template("gitignore").encode("utf-8"), None, verify=False)
        result.created.append(".gitignore")
        return
    old = path.read_bytes()
    text = old.decode("utf-8", errors="replace")
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in GITIGNORE_LINES if line not in present]
    if not missing:
        result.kept.append(".gitignore")
        return
    addition = ("" if text.endswith("\n") or not text else "\n") + "\n".join(missing) + "\n"
    write_atomic(path, old + addition.encode("utf-8"), old, verify=False)
    result.updated.append(".gitignore")
