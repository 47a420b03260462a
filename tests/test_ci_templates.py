"""The shipped CI templates: a workflow's scripts never hold a `${{ }}` expression (GitHub would
splice its value into the shell script before running it: template injection); values reach the
shell as environment variables. Validated with actionlint and the GitLab CI schema by hand
(docs/ci.md); this test keeps the rule that those tools cannot keep for us."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
WORKFLOWS = [
    ROOT / "examples" / "ci" / "github" / "onex.yml",
    ROOT / "onex" / "data" / "init" / "github-workflow.yml",
]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_scripts_hold_no_expression(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    runs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    assert len(runs) == 6
    assert [run for run in runs if "${{" in run] == []
    assert workflow["jobs"]["check"]["env"] == {"BASE_REF": "${{ github.base_ref }}"}


def test_gitlab_job_fetches_the_target_branch_into_its_remote_tracking_ref():
    job = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab" / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    script = "\n".join(job["onex-check"]["script"])
    target = "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
    assert f'git fetch -q origin "+refs/heads/{target}:refs/remotes/origin/{target}"' in script
