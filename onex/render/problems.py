"""`onex check` output: text (people), json (tools), github, junit and sarif (CI)."""

from __future__ import annotations

import functools
import itertools
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onex import __version__, escape
from onex.messages import register, render
from onex.problems import Problem
from onex.render.terminal import hanging, wraps

if TYPE_CHECKING:
    from onex.problems import CheckResult

FORMATS = ("text", "json", "github", "junit", "sarif")
DISTRIBUTION = "onex-1x-registry"  # pyproject.toml's [project] name

MESSAGES = {
    "check.summary": {
        "zh": "{mark} {errors} 个错误，{warnings} 个警告，{waived} 个已豁免；共检查 {files} 个文件（截至 {as_of}）",
        "en": "{mark} {errors} error(s), {warnings} warning(s), {waived} waived in {files} file(s) (as of {as_of})",
    },
    "check.severity.error": {"zh": "错误", "en": "error"},
    "check.severity.warning": {"zh": "警告", "en": "warning"},
    "check.waived": {"zh": "已豁免", "en": "waived"},
    "check.new": {"zh": "新增", "en": "new"},
    "check.since": {
        "zh": "相对 {rev}（{commit}）：{new} 个新增问题，{resolved} 个已解决；只有新增的错误导致失败",
        "en": "since {rev} ({commit}): {new} new problem(s), {resolved} resolved; only new errors fail",
    },
}
register(MESSAGES)


def problem_dict(problem: Problem, lang: str) -> dict:
    return {
        "rule": problem.rule,
        "severity": problem.severity,
        "file": problem.file,
        "line": problem.line,
        "college": problem.college,
        "message": problem.text(lang),
        "waived": problem.waived,
        **({"new": problem.new} if problem.new is not None else {}),
    }


def as_json(result: CheckResult, lang: str) -> str:
    return escape.json_text(
        _json_document(result, [problem_dict(p, lang) for p in result.problems]), indent=2
    )


def _json_document(result: CheckResult, problems: list[dict]) -> dict:
    document = {
        "registry": str(result.registry.root),
        "as_of": result.as_of.isoformat(),
        "problems": problems,
        "summary": {
            "errors": result.errors,
            "warnings": result.warnings,
            "waived": result.waived,
            "files": result.registry.files,
            **({"new": result.new, "resolved": result.resolved} if result.baseline else {}),
        },
    }
    if result.baseline:
        document["since"] = {"rev": result.baseline.rev, "commit": result.baseline.commit}
    return document


def write_json(result: CheckResult, lang: str, write: Callable[[str], Any]) -> None:
    """Exactly `as_json(result, lang)`, written problem by problem: the whole document as one
    string (and its dicts) took over 0.5 GB for 400,000 problems (issue 11, scale)."""
    envelope = escape.json_text(_json_document(result, []), indent=2)
    items = (problem_dict(p, lang) for p in result.problems)
    _write_json_list(envelope, '"problems"', 2, items, write)


class _Pieces:
    """Pieces of a document handed to `write` about a megabyte at a time: one call per piece
    would be a million calls (each a flush of stdout), one string for all the whole document."""

    LIMIT = 1 << 20  # characters

    def __init__(self, write: Callable[[str], Any]) -> None:
        self.write, self.pieces, self.size = write, [], 0

    def __call__(self, piece: str) -> None:
        self.pieces.append(piece)
        self.size += len(piece)
        if self.size > self.LIMIT:
            self.flush()

    def flush(self) -> None:
        if self.pieces:
            self.write("".join(self.pieces))
            self.pieces, self.size = [], 0


def _write_json_list(
    envelope: str, key: str, indent: int, items: Iterable[Any], write: Callable[[str], Any]
) -> None:
    """`envelope` (escape.json_text with indent=2 of a document whose list `key` is empty, at
    `indent` spaces) with the list holding `items`: the very text json_text gives for the whole
    document, every item encoded on its own and written as it is made."""
    marker = f"\n{' ' * indent}{key}: []"
    head, found, tail = envelope.partition(marker)
    if not found:  # a defect of the caller: `key` is not an empty list at that depth
        raise ValueError(f"no empty {key} list at indent {indent}")
    inner = "\n" + " " * (indent + 2)
    out = _Pieces(write)
    out(head)
    empty = True
    for item in items:
        text = escape.json_text(item, indent=2).replace("\n", inner)
        out((f"\n{' ' * indent}{key}: [" if empty else ",") + inner + text)
        empty = False
    out(marker if empty else "\n" + " " * indent + "]")
    out(tail)
    out.flush()


def summary_line(result: CheckResult, lang: str) -> str:
    mark = "✗" if result.exit_code() else "✓"
    return render(
        "check.summary",
        {
            "mark": mark,
            "errors": result.errors,
            "warnings": result.warnings,
            "waived": result.waived,
            "files": result.registry.files,
            "as_of": result.as_of.isoformat(),
        },
        lang,
    )


def since_line(result: CheckResult, lang: str) -> str | None:
    """With `check --since`: what it was compared with, and how many problems are new or resolved."""
    if result.baseline is None:
        return None
    since = {
        "rev": result.baseline.rev,
        "commit": result.baseline.commit[:12],
        "new": result.new,
        "resolved": result.resolved,
    }
    return render("check.since", since, lang)


def _pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal cells (a Chinese character takes two)."""
    from rich.cells import cell_len

    return text + " " * max(1, width - cell_len(text))


def print_text(result: CheckResult, lang: str, console: object, repository: bool = False) -> None:
    """Grouped by file: `line:col  severity  RULE  message` in aligned columns, then the summary.
    Files are named relative to the registry, or with `repository` as the repository sees them."""
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in result.problems:
        by_file[problem.file].append(problem)
    style = {"error": "bold red", "warning": "yellow"}
    for file, problems in by_file.items():
        name = repository_path(result.registry.root, file) if repository else file
        console.print(f"[bold]{escape.markup(name)}[/]", soft_wrap=not wraps(console))  # type: ignore[attr-defined]
        for p in problems:
            severity = render(f"check.severity.{p.severity}", {}, lang)
            tag = f" [dim]({render('check.waived', {}, lang)})[/]" if p.waived else ""
            if p.new:
                tag += f" [bold magenta]({render('check.new', {}, lang)})[/]"
            colour = "dim" if p.waived else style[p.severity]
            where, severity, rule = _pad(f"{p.line}:{p.column}", 8), _pad(severity, 8), _pad(p.rule, 10)
            hanging(
                console,
                f"  {where}[{colour}]{severity}[/][cyan]{rule}[/]",
                f"{escape.markup(p.text(lang))}{tag}",
            )
        console.print()  # type: ignore[attr-defined]
    colour = "bold red" if result.exit_code() else "bold green"
    console.print(  # type: ignore[attr-defined]
        f"[{colour}]{escape.markup(summary_line(result, lang))}[/]", soft_wrap=not wraps(console)
    )
    since = since_line(result, lang)
    if since:
        console.print(escape.markup(since), soft_wrap=not wraps(console))  # type: ignore[attr-defined]


def repository_path(root: Path, file: str) -> str:
    """The path of a registry file as the repository (git top level, else the working folder) sees it."""
    # the root resolved, not the file: a file that is a link (or a link loop) is named as written
    absolute = root.resolve() / file
    top = next((p for p in (absolute.parent, *absolute.parents) if (p / ".git").exists()), None)
    base = top or Path.cwd().resolve()
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.relpath(absolute, base)).as_posix()


def as_github(result: CheckResult, lang: str, annotate_all: bool = False) -> str:
    """Workflow commands; with `check --since`, only for new problems unless `annotate_all`."""
    lines = []
    for p in result.problems:
        if p.waived or (p.new is False and not annotate_all):
            continue
        path = escape.github_property(repository_path(result.registry.root, p.file))
        lines.append(
            f"::{p.severity} file={path},line={p.line},col={p.column},title={p.rule}::{escape.github_data(p.text(lang))}"
        )
    lines.append(escape.terminal(summary_line(result, lang)))
    since = since_line(result, lang)
    if since:
        lines.append(escape.terminal(since))
    return "\n".join(lines)


def as_junit(result: CheckResult, lang: str, strict: bool = False) -> str:
    """One test case per rule; its problems are failures (errors, and warnings under --strict)."""
    pieces: list[str] = []
    write_junit(result, lang, pieces.append, strict)
    return "".join(pieces)


def write_junit(result: CheckResult, lang: str, write: Callable[[str], Any], strict: bool = False) -> None:
    """The JUnit document test case by test case and problem by problem, laid out as ElementTree
    wrote it (`ET.indent`, two spaces, `<testcase … />` when empty): 400,000 problems of one rule
    are one test case, which must not be one string (issue 11, scale). Text and attributes are
    escaped by onex.escape."""
    from onex.rules import RULES

    by_rule: dict[str, list[Problem]] = defaultdict(list)
    for p in result.problems:
        by_rule[p.rule].append(p)

    def fails(p: Problem) -> bool:
        return not p.waived and p.new is not False and (p.severity == "error" or strict)

    failing = {rule.id: sum(1 for p in by_rule.get(rule.id, ()) if fails(p)) for rule in RULES}
    tests, failures = len(RULES), sum(1 for count in failing.values() if count)
    out = _Pieces(write)
    out('<?xml version="1.0" encoding="UTF-8"?>\n')
    out(f'<testsuites name="onex" tests="{tests}" failures="{failures}">\n')
    out(f'  <testsuite name="onex check" tests="{tests}" failures="{failures}">')
    for rule in RULES:
        problems = by_rule.get(rule.id, [])
        name = escape.xml_attribute(f"{rule.id} {rule.title[lang]}")
        out(f'\n    <testcase classname="onex" name="{name}"')
        if not problems:
            out(" />")
            continue
        out(">")
        if failing[rule.id]:
            count, kind = failing[rule.id], escape.xml_attribute(rule.id)
            out(f'\n      <failure message="{count} problem(s)" type="{kind}">')
            _write_lines(out, (p for p in problems if fails(p)), lang, lambda p: " (new)" if p.new else "")
            out("</failure>")
        if failing[rule.id] < len(problems):
            out("\n      <system-out>")
            others = (p for p in problems if not fails(p))
            _write_lines(out, others, lang, lambda p: " (waived)" if p.waived else "")
            out("</system-out>")
        out("\n    </testcase>")
    out("\n  </testsuite>\n</testsuites>")
    out.flush()


def _write_lines(
    out: Callable[[str], Any], problems: Iterable[Problem], lang: str, mark: Callable[[Problem], str]
) -> None:
    """The text of a failure or system-out element: `file:line: severity (mark): message` per
    problem, one a line."""
    newline = ""
    for p in problems:
        line = f"{escape.visible(p.file)}:{p.line}: {p.severity}{mark(p)}: {p.text(lang)}"
        out(newline + escape.xml_content(line))
        newline = "\n"


def information_uri() -> str | None:
    """Where people read about onex: the distribution's Documentation URL (pyproject.toml's
    [project.urls], the one place it is written), or None when onex runs uninstalled."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata(DISTRIBUTION).get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    found = dict(url.split(", ", 1) for url in urls if ", " in url)
    return found.get("Documentation") or found.get("Homepage")


def sarif_fingerprint(problem: Problem) -> str:
    """The problem's identity across line shifts, as `check --since` matches it (onex.fingerprint:
    rule, file, record key path, message and its values), hashed for SARIF partialFingerprints."""
    import hashlib

    from onex.fingerprint import fingerprint

    text = "\x1f".join(fingerprint(problem))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()  # a lone surrogate is data too


def as_sarif(result: CheckResult, lang: str) -> str:
    pieces: list[str] = []
    write_sarif(result, lang, pieces.append)
    return "".join(pieces)


def write_sarif(result: CheckResult, lang: str, write: Callable[[str], Any]) -> None:
    """SARIF 2.1.0, written result by result: the run's envelope (tool, rules) once, then every
    problem's result encoded on its own, the very text escape.json_text(indent=2) gives for the
    whole document (which took about 2 GB for 400,000 problems: issue 11, scale)."""
    from onex.rules import RULES

    rules = [
        {
            "id": rule.id,
            "name": rule.id.replace("-", ""),
            "shortDescription": {"text": rule.title[lang]},
            "fullDescription": {"text": rule.why[lang]},
            "help": {"text": f"onex explain {rule.id}"},
            "defaultConfiguration": {"level": rule.severity},
            "properties": {"clause": rule.clause},
        }
        for rule in RULES
    ]
    envelope = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "onex",
                        "version": __version__,
                        **({"informationUri": uri} if (uri := information_uri()) else {}),
                        "rules": rules,
                    }
                },
                "results": [],
            }
        ],
    }
    index = {rule.id: i for i, rule in enumerate(RULES)}
    # problems come file by file: a file's URI is worked out (resolve, look for .git) once
    uri_of = functools.lru_cache(maxsize=64)(
        lambda file: escape.sarif_uri(repository_path(result.registry.root, file))
    )
    reasons = result.registry.waiver_reasons
    results = (_sarif_result(p, lang, index, uri_of(p.file), reasons) for p in result.problems)
    if result.baseline is not None:  # with --since: the base's problems no longer found
        results = itertools.chain(
            results, (_sarif_absent(p, lang, index, uri_of(p.file)) for p in result.baseline.resolved)
        )
    _write_json_list(escape.json_text(envelope, indent=2), '"results"', 6, results, write)


def _sarif_absent(p: Problem, lang: str, index: dict[str, int], uri: str) -> dict:
    """A problem of the base revision that `check --since` no longer finds (fixed, or its file
    deleted): SARIF 2.1.0's `baselineState: absent`, with its level, message, fingerprint and
    location as they were at the base revision (the file may no longer exist: code scanning
    matches the result to the alert it closes by that location and fingerprint)."""
    entry = _sarif_result(p, lang, index, uri, [])
    entry["baselineState"] = "absent"
    return entry


def _sarif_result(p: Problem, lang: str, index: dict[str, int], uri: str, reasons: list[str]) -> dict:
    entry: dict[str, Any] = {
        "ruleId": p.rule,
        "ruleIndex": index.get(p.rule, 0),
        "level": p.severity,
        "message": {"text": p.text(lang)},
        "partialFingerprints": {"onexProblem/v1": sarif_fingerprint(p)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": p.line, "startColumn": p.column},
                }
            }
        ],
    }
    if p.new is not None:
        entry["baselineState"] = "new" if p.new else "unchanged"
    if p.waived:
        reason = reasons[p.waiver] if p.waiver is not None and 0 <= p.waiver < len(reasons) else None
        entry["suppressions"] = [{"kind": "external", "justification": reason or "onex.yaml waiver"}]
    return entry
