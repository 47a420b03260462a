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


def test_gitlab_job_installs_git_only_where_it_runs_git():
    # a push to the default branch runs plain `onex check` (no git); a merge request compares with
    # its target branch (check --since, diff): only then is git installed, before its first use
    job = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab" / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    script = job["onex-check"]["script"]
    installs = [step for step in script if "apt-get" in step]
    assert len(installs) == 1
    block = installs[0]
    assert block.startswith('if [ -n "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" ]; then\n')
    commands = [
        line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith("#")
    ]
    assert commands[1].startswith("apt-get update -qq && apt-get install -y -qq git")
    assert commands[2].startswith("git fetch")
    outside = [step for step in script if step is not block]
    assert [step for step in outside if "git " in step.split("#")[0] or "--since" in step] == []
    # the full history is fetched for merge requests only, as well
    merge_request, default_branch = job["onex-check"]["rules"]
    assert merge_request == {
        "if": '$CI_PIPELINE_SOURCE == "merge_request_event"',
        "variables": {"GIT_DEPTH": "0"},
    }
    assert default_branch == {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}
    assert "variables" not in job["onex-check"]
