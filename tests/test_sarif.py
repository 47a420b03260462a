"""SARIF for code scanning: where to read about onex, problems that keep their identity when lines
move, and a waiver's own reason as the suppression's justification."""

from __future__ import annotations

import datetime as dt
import json
from importlib.metadata import metadata

RULE_FILE = "colleges/info/sessions/2026/web-mid-june.yaml"


def sarif(cli, reg, *extra: str) -> dict:
    code, out, err = cli(
        "check", "--registry", reg.root, "--as-of", "2026-12-31", "--format", "sarif", *extra
    )
    assert code in (0, 1), err
    return json.loads(out)["runs"][0]


def test_information_uri_is_the_distributions_documentation_url(reg, cli):
    driver = sarif(cli, reg)["tool"]["driver"]
    urls = dict(url.split(", ", 1) for url in metadata("onex-1x-registry").get_all("Project-URL"))
    assert driver["informationUri"] == urls["Documentation"]
    assert driver["informationUri"].startswith("https://") and "example" not in driver["informationUri"]


def test_partial_fingerprints_survive_lines_inserted_above(reg, cli):
    reg.edit(RULE_FILE, "site: main-campus", "site: nowhere")
    reg.edit(RULE_FILE, "result: fail, score: 52}", "result: fail, score: 52, fee_payer: nobody}")
    before = sarif(cli, reg)["results"]
    assert len(before) == 2
    reg.write(RULE_FILE, "# 备注\n# 第二行备注\n" + reg.read(RULE_FILE))
    after = sarif(cli, reg)["results"]

    def key(result: dict) -> tuple[str, str]:
        return result["ruleId"], result["partialFingerprints"]["onexProblem/v1"]

    assert sorted(map(key, before)) == sorted(map(key, after))
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in (*before, *after)]
    assert lines[2:] == [line + 2 for line in lines[:2]]  # the lines moved, the identities did not
    assert len({key(r) for r in before}) == 2  # two problems, two identities


def test_fingerprint_is_the_one_check_since_matches_by(reg, cli):
    import hashlib

    from onex.engine import check
    from onex.fingerprint import fingerprint
    from onex.load import load
    from onex.registry import Registry

    reg.edit(RULE_FILE, "site: main-campus", "site: nowhere")
    [result] = sarif(cli, reg)["results"]
    [problem] = check(Registry(load(reg.root)), dt.date(2026, 12, 31)).problems
    expected = hashlib.sha256("\x1f".join(fingerprint(problem)).encode("utf-8", "surrogatepass")).hexdigest()
    assert result["partialFingerprints"] == {"onexProblem/v1": expected}


def test_a_waived_problem_is_suppressed_with_the_waivers_reason(reg, cli):
    reg.edit(RULE_FILE, "site: main-campus", "site: nowhere")
    reg.append(
        "onex.yaml",
        f"waivers:\n  - {{rule: REG-004, file: {RULE_FILE}, reason: 新考点备案中（教务处 2026-12 函）, "
        "approved_by: 王丽, expires_on: 2027-06-30}\n",
    )
    for extra in ((), ()):  # the second run is answered from the cache: the reason is kept
        [result] = sarif(cli, reg, *extra)["results"]
        assert result["suppressions"] == [
            {"kind": "external", "justification": "新考点备案中（教务处 2026-12 函）"}
        ]
