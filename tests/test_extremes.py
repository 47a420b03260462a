"""Extreme numbers and dates through every rule, `report`, `plan` and `agenda` (issue 19).

Every plain number and date of the baseline registry may be replaced by an extreme one (0, -1,
the documented maxima and one past them, 2**63, 10**400, 1e308, .inf, .nan; 0001-01-01,
9999-12-31 …), the policy periods too, and the commands run at an extreme --as-of. Whatever the
values, no command may crash or a rule fail: out-of-range values are REG-002 (located), and date
arithmetic saturates at the calendar's edge (onex.dates.add_days). Derandomized and bounded.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onex.dates import add_days
from onex.models import MAX_COUNT, MAX_DAYS, MAX_MONEY
from tests.conftest import BASELINE

NUMBERS = [
    "0", "1", "-1", str(MAX_COUNT), str(MAX_COUNT + 1), str(MAX_DAYS + 1), str(MAX_MONEY), str(MAX_MONEY + 1),
    str(2**63), str(10**400), "1e308", ".inf", "-.inf", ".nan", "0.5", "017",
]  # fmt: skip
DATES = ["0001-01-01", "9999-12-31", "1900-01-01", "2999-12-31", "2028-02-29"]
AS_OF = ["0001-01-01", "9999-12-31", "1900-01-01", "2026-12-31", "2999-12-31"]
# a plain number after "key: " (not a quoted code, not a year key), and every date
NUMBER = re.compile(r"(?<=: )\d+(?=[,}\n])")
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
FILES = sorted(p.relative_to(BASELINE).as_posix() for p in BASELINE.rglob("*.yaml"))
SLOTS = [(rel, kind, i) for rel in FILES for kind, pattern in (("n", NUMBER), ("d", DATE))
         for i, _ in enumerate(pattern.finditer((BASELINE / rel).read_text(encoding="utf-8")))]  # fmt: skip


def _replace(text: str, pattern: re.Pattern[str], choices: dict[int, str]) -> str:
    counter = iter(range(10**6))
    return pattern.sub(lambda m: choices.get(next(counter), m.group()), text)


@st.composite
def registries(draw):
    chosen = draw(st.dictionaries(st.sampled_from(SLOTS), st.none(), min_size=1, max_size=8))
    values = {slot: draw(st.sampled_from(NUMBERS if slot[1] == "n" else DATES)) for slot in chosen}
    policy = {
        key: draw(st.sampled_from(NUMBERS))
        for key in draw(
            st.lists(
                st.sampled_from(
                    ["results_report_days", "expiry_warning_days", "min_certified_per_major",
                     "recommended_certified_per_major"]
                ),
                unique=True,
                max_size=3,
            )
        )
    }  # fmt: skip
    return values, policy, draw(st.sampled_from(AS_OF))


EXTREMES = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@EXTREMES
@given(case=registries())
def test_extreme_numbers_and_dates_crash_nothing(tmp_path_factory, cli, case):
    values, policy, as_of = case
    root = tmp_path_factory.mktemp("extreme") / "registry"
    shutil.copytree(BASELINE, root)
    for rel in FILES:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        numbers = {i: v for (r, kind, i), v in values.items() if r == rel and kind == "n"}
        dates = {i: v for (r, kind, i), v in values.items() if r == rel and kind == "d"}
        text = _replace(_replace(text, DATE, dates), NUMBER, numbers)
        if rel == "onex.yaml" and policy:
            text += "policy: {" + ", ".join(f"{k}: {v}" for k, v in policy.items()) + "}\n"
        path.write_text(text, encoding="utf-8")

    code, out, err = cli("check", "--registry", root, "--as-of", as_of, "--format", "json", "--lang", "en")
    assert code in (0, 1), err
    problems = json.loads(out)["problems"]
    assert not [p for p in problems if "failed while checking" in p["message"]], problems
    assert all(p["line"] >= 1 for p in problems)
    for command in (
        ["report", "--format", "json"],
        ["plan", "--format", "json"],
        ["agenda", "--format", "json", "--days", "36500"],
    ):
        code, out, err = cli(*command, "--registry", root, "--as-of", as_of, "--lang", "en")
        assert "internal error" not in err and "Traceback" not in err, (command, err)
        assert code in (0, 1, 2), (command, err)
        if code == 0 and command[0] != "agenda":
            json.loads(out)


@pytest.mark.parametrize(
    ("day", "days", "expected"),
    [
        (dt.date(2026, 6, 12), 30, dt.date(2026, 7, 12)),
        (dt.date(9999, 12, 31), 1, dt.date.max),
        (dt.date(2026, 1, 1), 10**15, dt.date.max),
        (dt.date(2026, 1, 1), 10**400, dt.date.max),
        (dt.date(1, 1, 1), -1, dt.date.min),
        (dt.date(2026, 1, 1), -(10**15), dt.date.min),
    ],
)
def test_adding_days_saturates_at_the_calendars_edge(day, days, expected):
    assert add_days(day, days) == expected


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01"])
def test_every_command_runs_at_the_calendars_edge(reg, cli, as_of):
    code, _, err = cli("check", "--registry", reg.root, "--as-of", as_of, "--lang", "en")
    assert code in (0, 1) and err == ""
    code, _, err = cli("agenda", "--registry", reg.root, "--as-of", as_of, "--lang", "en")
    assert code == 0 and err == ""
    for command in ("report", "plan"):  # no year 10000 or 2 to report or plan: a clear refusal
        code, _, err = cli(command, "--registry", reg.root, "--as-of", as_of, "--lang", "en")
        assert code == 2 and "internal error" not in err


def test_out_of_range_numbers_are_reg002_at_their_line(reg, cli):
    reg.edit("orgs/edu-tech.yaml", "{junior: {fee: 300}", f"{{junior: {{fee: {10**400}}}")
    reg.append("onex.yaml", "policy: {results_report_days: 1000000000000000}\n")
    code, out, err = cli(
        "check", "--registry", reg.root, "--as-of", "2026-12-31", "--format", "json", "--lang", "en"
    )
    found = [
        (p["rule"], p["file"], p["line"], p["message"])
        for p in json.loads(out)["problems"]
        if p["rule"] == "REG-002"
    ]
    assert found == [
        ("REG-002", "onex.yaml", reg.line_of("onex.yaml", "results_report_days"),
         "`policy.results_report_days` is 1000000000000000, out of range: at most 3660 (see docs/registry.md)"),
        ("REG-002", "orgs/edu-tech.yaml", 5,
         "`certificates.web-frontend.levels.junior.fee` is ~10^400, out of range: at most 1000000000 (see docs/registry.md)"),
    ]  # fmt: skip
    for command in ("report", "plan"):
        code, _, err = cli(command, "--registry", reg.root, "--as-of", "2026-12-31", "--lang", "en")
        assert code == 0, err


def test_invalid_policy_settings_fall_back_to_their_defaults_everywhere(reg, cli):
    reg.append(
        "onex.yaml",
        "policy: {results_report_days: -1, min_certified_per_major: -1, expiry_warning_days: x, "
        "recommended_certified_per_major: 99999999}\n",
    )
    code, out, err = cli(
        "check", "--registry", reg.root, "--as-of", "2026-12-31", "--format", "json", "--lang", "en"
    )
    assert code == 1, err
    found = [(p["rule"], p["file"]) for p in json.loads(out)["problems"]]
    assert found == [("REG-002", "onex.yaml")] * 4
    for command in ("report", "plan", "agenda"):
        code, _, err = cli(command, "--registry", reg.root, "--as-of", "2026-12-31", "--lang", "en")
        assert code == 0 and "internal error" not in err, (command, err)
