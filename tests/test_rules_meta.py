"""Meta-tests: every rule of SPEC §4 is registered, documented, tested, and its messages render.

Each test collects every offender before failing, so one run lists all that is missing.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from pathlib import Path
from types import ModuleType

import onex.rules
from onex.clauses import CLAUSES
from onex.messages import _CATALOGUE, LANGS, has, render  # the templates, to learn their fields
from onex.rules import BY_ID, RULES

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
# CI checks the repository out with the shared documents beside it (../shared).
SPEC = REPO.parent / "shared" / "SPEC.md"

# SPEC §4, for when the shared documents are not there; test_fallback_matches_the_spec keeps it true.
SPEC_RULES: dict[str, str] = {
    "REG-001": "error",
    "REG-002": "error",
    "REG-003": "error",
    "REG-004": "error",
    "CERT-001": "error",
    "CERT-002": "error",
    "CERT-003": "error",
    "CERT-004": "error",
    "CERT-005": "warning",
    "CURR-001": "warning",
    "CURR-002": "error",
    "CURR-003": "warning",
    "STAFF-001": "error",
    "STAFF-002": "warning",
    "STAFF-003": "warning",
    "STAFF-004": "warning",
    "TRAIN-001": "error",
    "TRAIN-002": "error",
    "TRAIN-003": "warning",
    "PLAN-001": "error",
    "PLAN-002": "error",
    "PLAN-003": "warning",
    "PLAN-004": "warning",
    "EXAM-001": "error",
    "EXAM-002": "error",
    "EXAM-003": "error",
    "EXAM-004": "warning",
    "EXAM-005": "error",
    "EXAM-006": "error",
    "FEE-001": "error",
    "FEE-002": "error",
    "FEE-003": "error",
    "PRIV-001": "error",
    "WAIVE-001": "warning",
}

SPEC_ROW = re.compile(r"^\|\s*([A-Z]+-\d{3})\s*\|\s*(error|warning)\s*\|", re.MULTILINE)
RULE_MESSAGE_ID = re.compile(r"""["']([a-z]+\d{3}\.[a-z][a-z0-9_]*)["']""")


def spec_rules() -> dict[str, str]:
    """Rule id -> default severity, from the table of SPEC §4 (or the fallback above)."""
    if not SPEC.is_file():
        return SPEC_RULES
    return dict(SPEC_ROW.findall(SPEC.read_text(encoding="utf-8")))


def rule_modules() -> dict[str, ModuleType]:
    """Rule id -> the module that defines its RULE (onex/rules/<area>/<area>_<nnn>.py)."""
    found: dict[str, ModuleType] = {}
    for area in pkgutil.iter_modules(onex.rules.__path__):
        if not area.ispkg:
            continue
        package = importlib.import_module(f"onex.rules.{area.name}")
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"onex.rules.{area.name}.{info.name}")
            rule = getattr(module, "RULE", None)
            if rule is not None:
                found[rule.id] = module
    return found


def _fail_listing(problems: list[str], what: str) -> None:
    assert not problems, f"{len(problems)} {what}:\n  " + "\n  ".join(problems)


def test_the_spec_table_is_found():
    rules = spec_rules()
    assert len(rules) == 34 and "PRIV-001" in rules


def test_fallback_matches_the_spec():
    if SPEC.is_file():
        assert dict(SPEC_ROW.findall(SPEC.read_text(encoding="utf-8"))) == SPEC_RULES


def test_every_spec_rule_is_registered():
    missing = [rule for rule in spec_rules() if rule not in BY_ID]
    _fail_listing(missing, "rules of SPEC §4 are not in onex.rules.BY_ID")


def test_no_rule_outside_the_spec():
    extra = [rule.id for rule in RULES if rule.id not in spec_rules()]
    _fail_listing(extra, "registered rules are not in SPEC §4")


def test_default_severities_follow_the_spec():
    wrong = [
        f"{rule_id}: {BY_ID[rule_id].severity}, SPEC says {severity}"
        for rule_id, severity in spec_rules().items()
        if rule_id in BY_ID and BY_ID[rule_id].severity != severity
    ]
    _fail_listing(wrong, "rules have another default severity than SPEC §4")


def test_every_rule_is_documented():
    modules = rule_modules()
    problems: list[str] = []
    for rule in RULES:
        module = modules.get(rule.id)
        if module is None:
            problems.append(f"{rule.id}: no module under onex/rules/<area>/ defines it as RULE")
        elif not (module.__doc__ or "").strip():
            problems.append(f"{rule.id}: {module.__name__} has no module docstring")
        for part in ("title", "why"):
            texts = getattr(rule, part)
            for lang in LANGS:
                if not str(texts.get(lang, "")).strip():
                    problems.append(f"{rule.id}: {part} has no {lang} text")
        if not rule.violates.strip():
            problems.append(f"{rule.id}: no `violates` example")
        if not rule.satisfies.strip():
            problems.append(f"{rule.id}: no `satisfies` example")
        if rule.violates.strip() and rule.violates == rule.satisfies:
            problems.append(f"{rule.id}: `violates` and `satisfies` are the same")
        if rule.clause not in CLAUSES:
            problems.append(f"{rule.id}: clause {rule.clause!r} is not in onex.clauses.CLAUSES")
        if rule.severity not in ("error", "warning"):
            problems.append(f"{rule.id}: severity {rule.severity!r}")
    _fail_listing(problems, "documentation problems")


def test_every_rule_is_tested():
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(TESTS.rglob("*.py"))
        if path.resolve() != Path(__file__).resolve()
    )
    untested = [rule_id for rule_id in spec_rules() if rule_id not in sources]
    _fail_listing(untested, "rules are named in no test under tests/")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_of_a_rule_is_registered_and_renders():
    problems: list[str] = []
    used: dict[str, str] = {}  # message id -> rule module
    for rule_id, module in rule_modules().items():
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        for message_id in RULE_MESSAGE_ID.findall(source):
            used.setdefault(message_id, module.__name__)
        prefix = rule_id.replace("-", "").lower() + "."
        for message_id in BY_ID[rule_id].messages if rule_id in BY_ID else ():
            used.setdefault(message_id, module.__name__)
            if not message_id.startswith(prefix):
                problems.append(f"{message_id} ({module.__name__}): a message id starts with {prefix}")
    for message_id, module in sorted(used.items()):
        if not has(message_id):
            problems.append(f"{message_id} ({module}): used but not registered")
            continue
        texts = _CATALOGUE[message_id]
        # The languages may use different fields (English has plurals); a rule passes all of them.
        fields = {lang: _fields(texts[lang]) for lang in LANGS}
        params = {name: f"<{name}>" for f in fields.values() for name in f}
        rendered = {}
        for lang in LANGS:
            try:
                rendered[lang] = render(message_id, params, lang)
            except (KeyError, IndexError, ValueError) as exc:
                problems.append(f"{message_id} ({module}): the {lang} text does not render: {exc!r}")
                continue
            if not rendered[lang].strip():
                problems.append(f"{message_id} ({module}): the {lang} text is empty")
        if len(rendered) == len(LANGS) and rendered["zh"] == rendered["en"]:
            problems.append(f"{message_id} ({module}): zh and en are the same text")
    _fail_listing(problems, "message problems")
