"""discover -> walk -> read -> validate: every file of the registry becomes a Record or a problem.

Nothing here raises on bad user data. A file that cannot be read is a REG-001 problem, a record
that breaks its schema gives REG-002 problems (and is salvaged where possible), a path or id that
does not fit the layout is REG-003; the rest of the registry is loaded all the same.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from onex import progress
from onex.errors import FatalError
from onex.messages import register
from onex.problems import Finding
from onex.records import Place, Record
from onex.snapshot import Refused as _Refused
from onex.snapshot import Snapshot
from onex.yamlread import DEFAULT_MAX_BYTES, ReadError, read_document, read_record

MESSAGES = {
    "load.unreadable": {
        "zh": "无法读取文件：{reason}",
        "en": "the file cannot be read: {reason}",
    },
    "load.symlink_outside": {
        "zh": "符号链接指向登记库之外（{target}），出于安全不予读取：请改为普通文件",
        "en": "a symbolic link that leaves the registry ({target}) is not read: replace it with a plain file",
    },
    "load.symlink_hidden": {
        "zh": "符号链接指向隐藏的文件或目录（{target}，如 .git），出于安全不予读取：请改为普通文件",
        "en": "a symbolic link into a hidden file or folder ({target}, such as .git) is not read: replace it with a plain file",
    },
    "load.symlink_loop": {
        "zh": "符号链接形成循环（{target}），永远到不了真正的文件：请改为普通文件或删除它",
        "en": "a symbolic link that loops ({target}) never reaches a real file: replace it with a plain file or delete it",
    },
    "load.not_regular": {
        "zh": "这不是普通文件（可能是管道或设备文件），onex 不读取它：登记库只存放普通的 YAML 文件",
        "en": "this is not a regular file (perhaps a pipe or a device), so onex does not read it: the registry holds only plain YAML files",
    },
    "load.too_many_nodes": {
        "zh": "文件包含超过 {limit} 个值，远超一个登记记录所需；请把记录拆分到多个文件，或检查是否误放了非登记数据",
        "en": "the file holds more than {limit} values, far more than one registry record needs: split its records "
        "into several files, or check that it holds only registry data",
    },
    "load.outside_layout": {
        "zh": "文件不在登记库的目录结构中，onex 不会读取它：请按 SPEC §2 移动或删除（{expected}）",
        "en": "this file is not part of the registry layout, so onex does not read it: move or delete it ({expected})",
    },
    "load.yml_extension": {
        "zh": "扩展名应为 .yaml：请改名为 {name}",
        "en": "the extension must be .yaml: rename it to {name}",
    },
    "load.bad_id": {
        "zh": "文件或目录名 {name} 不是有效的编号：只能用小写字母、数字和连字符（如 web-frontend）",
        "en": "the name {name} is not a valid id: use lower-case letters, digits and hyphens (e.g. web-frontend)",
    },
    "load.bad_year": {
        "zh": "{name} 不是四位年份：年度目录和文件名应为如 2026 的年份",
        "en": "{name} is not a four-digit year: year folders and files are named like 2026",
    },
    "load.no_college_file": {
        "zh": "二级学院目录 {college} 缺少 college.yaml：每个二级学院都需要它",
        "en": "the college folder {college} has no college.yaml: every college needs one",
    },
}
register(MESSAGES)

# `limits.max_file_bytes` can raise the size cap, but a pull request can change onex.yaml too:
# never beyond this (the reader's memory grows ~50x the file size on pathological input).
HARD_MAX_BYTES = 16 * 1024 * 1024
# Above this size a file is checked for its number of values before validation (pydantic keeps
# every error of a file in memory: ~0.5 KB each). The largest real record holds a few thousand.
NODE_CHECK_BYTES = 256 * 1024
MAX_NODES = 200_000

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
YEAR_RE = re.compile(r"^[0-9]{4}$")  # ASCII digits only: `\d` would take ２０２７ (SPEC §4.2)
LAYOUT_HINT = "onex.yaml, orgs/<org>.yaml, colleges/<college>/{college,instructors}.yaml, …/certificates|plans|staff-plans|trainings/<year>|sessions/<year>/…"


@dataclass
class Loaded:
    root: Path
    records: list[Record] = field(default_factory=list)
    # (rule id, finding) for what loading itself found: REG-001, REG-002, REG-003
    findings: list[tuple[str, Finding]] = field(default_factory=list)
    files: int = 0
    college_folders: set[str] = field(default_factory=set)  # colleges/<id>/ seen
    college_files: set[str] = field(default_factory=set)  # colleges/<id>/college.yaml seen
    # where files that could not be read would have put their records (REG-001, a layout name
    # that is not an id or year, a top level that is not a mapping): nothing is concluded from
    # the absence of what they may hold (SPEC §4.1)
    failed: list[Place] = field(default_factory=list)


def find_registry(explicit: str | os.PathLike[str] | None, cwd: Path | None = None) -> Path:
    """`--registry`, else $ONEX_REGISTRY, else the nearest folder upward holding onex.yaml, else ./registry."""
    cwd = cwd or Path.cwd()
    if explicit:
        root = Path(explicit)
    elif os.environ.get("ONEX_REGISTRY"):
        root = Path(os.environ["ONEX_REGISTRY"])
    else:
        root = next((p for p in (cwd, *cwd.parents) if (p / "onex.yaml").is_file()), cwd / "registry")
    if not (root / "onex.yaml").is_file():
        raise FatalError("fatal.no_registry", path=str(root))
    return root


def place_of(parts: list[str]) -> Place | tuple[str, dict[str, str]]:
    """The layout place of a path, or (message id, params) saying why it has none."""
    name = parts[-1]
    stem = name[: -len(".yaml")]
    n = len(parts)
    if n == 1 and name == "onex.yaml":
        return Place("institution")
    if n == 2 and parts[0] == "orgs":
        return Place("org", id=stem) if ID_RE.match(stem) else ("load.bad_id", {"name": stem})
    if n >= 3 and parts[0] == "colleges":
        college = parts[1]
        if not ID_RE.match(college):
            return ("load.bad_id", {"name": college})
        if n == 3 and name in ("college.yaml", "instructors.yaml"):
            return Place(name[:-5] if name == "college.yaml" else "instructors", college, id=college)
        section = parts[2]
        if n == 4 and section == "certificates":
            return (
                Place("adoption", college, id=stem) if ID_RE.match(stem) else ("load.bad_id", {"name": stem})
            )
        if n == 4 and section in ("plans", "staff-plans"):
            kind = "plan" if section == "plans" else "staff_plan"
            return (
                Place(kind, college, id=stem, year=int(stem))
                if YEAR_RE.match(stem)
                else ("load.bad_year", {"name": stem})
            )
        if n == 5 and section in ("trainings", "sessions"):
            kind = "training" if section == "trainings" else "session"
            if not YEAR_RE.match(parts[3]):
                return ("load.bad_year", {"name": parts[3]})
            if not ID_RE.match(stem):
                return ("load.bad_id", {"name": stem})
            return Place(kind, college, id=stem, year=int(parts[3]))
    return ("load.outside_layout", {"expected": LAYOUT_HINT})


SECTIONS = {"certificates": "adoption", "plans": "plan", "staff-plans": "staff_plan"}
SECTIONS.update(trainings="training", sessions="session")


def partial_place(parts: list[str]) -> Place | None:
    """The place a path with a bad id or year may have meant: the kind its folder says, any id."""
    if parts[:1] == ["orgs"] and len(parts) == 2:
        return Place("org")
    if parts[:1] != ["colleges"] or len(parts) < 3:
        return None
    college = parts[1] if ID_RE.match(parts[1]) else None
    if len(parts) == 3 and parts[2] in ("college.yaml", "instructors.yaml"):
        return Place("college" if parts[2] == "college.yaml" else "instructors", college)
    kind = SECTIONS.get(parts[2])
    return Place(kind, college) if kind and len(parts) in (3, 4, 5) else None  # 3: a folder link


POLICY_TESTS = "policy-tests"  # <registry>/policy-tests/<name>/: fixture registries for `onex test`


def walk(root: Path) -> Iterator[tuple[str, Path, str | None]]:
    """(relative path, absolute path, refusal message id or None) for every YAML file.

    Hidden entries (.git, .github, .onex-cache) and files that are not YAML are not registry
    records and are skipped. So is `policy-tests/` at the top of the registry: each folder in it
    is a registry of its own that `onex test` checks (docs/policy.md), never part of this one.
    Symbolic links that leave the registry, or lead into a hidden entry of it (.git), are
    refused, never read. The extension is matched case-insensitively, so that
    `X.YAML` is reported (REG-003) rather than silently skipped.
    """
    real_root = root.resolve()
    seen: set[Path] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            real = folder.resolve(strict=True)
            if real in seen:
                continue
            seen.add(real)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or (folder == root and entry.name == POLICY_TESTS):
                continue
            path = Path(entry.path)
            rel = path.relative_to(root).as_posix()
            is_yaml = entry.name.lower().endswith((".yaml", ".yml"))
            if entry.is_symlink():
                try:
                    target = path.resolve()
                except (RuntimeError, OSError):  # a loop (RuntimeError before Python 3.13)
                    yield rel, path, "load.symlink_loop"  # whatever its name: it may hide records
                    continue
                if not target.is_relative_to(real_root):
                    refusal = "load.symlink_outside"
                elif any(part.startswith(".") for part in target.relative_to(real_root).parts):
                    refusal = "load.symlink_hidden"
                else:
                    refusal = None
                if refusal:
                    if is_yaml or target.is_dir():
                        yield rel, path, refusal
                    continue
            if entry.is_dir():
                stack.append(path)
            elif is_yaml:
                yield rel, path, None


def take_snapshot(root: Path) -> Snapshot:
    """Every file of the registry at `root`, walked and read now (see :mod:`onex.snapshot`)."""
    snapshot = Snapshot(root=root, files=list(walk(root)), reader=_read_bytes)
    for rel, path, refusal in snapshot.files:
        if refusal is None:
            try:
                snapshot.contents[rel] = _read_bytes(path, HARD_MAX_BYTES)
            except _Refused as exc:
                snapshot.contents[rel] = exc
    return snapshot


def load(root: Path, max_bytes: int | None = None, snapshot: Snapshot | None = None) -> Loaded:
    """Every file of the registry at `root`, read from disk or, when given, from `snapshot`."""
    loaded = Loaded(root=root)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # registry data has no cycles; the collector is the largest cost of loading
    try:
        paths = list(walk(root)) if snapshot is None else snapshot.files
        limit = max_bytes or _max_bytes_setting(root, snapshot) or DEFAULT_MAX_BYTES
        with progress.files(len(paths)) as tick:
            for rel, path, refusal in paths:
                tick()
                _load_file(loaded, rel, path, refusal, limit, snapshot)
        for college in sorted(loaded.college_folders - loaded.college_files):
            rel = f"colleges/{college}/college.yaml"
            loaded.findings.append(
                ("REG-002", Finding("load.no_college_file", {"college": college}, file=rel, line=1))
            )
    finally:
        # The records live as long as the command: moving them out of the collector's sight keeps
        # every later collection (rules, rendering) from walking ~1 M containers again and again.
        gc.freeze()
        if gc_was_enabled:
            gc.enable()
    return loaded


def _load_file(
    loaded: Loaded,
    rel: str,
    path: Path,
    refusal: str | None,
    limit: int,
    snapshot: Snapshot | None,
) -> None:
    """One file of the walk: a record, or the problem that keeps it from being one."""
    loaded.files += 1
    parts = rel.split("/")
    if refusal:
        # the link as written in the repository, not where it resolves on this machine
        target = _link_text(path)
        loaded.findings.append(("REG-001", Finding(refusal, {"target": target}, file=rel, line=1)))
        _failed(loaded, parts)
        return
    if len(parts) >= 2 and parts[0] == "colleges":
        loaded.college_folders.add(parts[1])
    if not rel.endswith(".yaml"):
        name = parts[-1].rsplit(".", 1)[0] + ".yaml"
        loaded.findings.append(("REG-003", Finding("load.yml_extension", {"name": name}, file=rel, line=1)))
        _failed(loaded, [*parts[:-1], name])
        return
    place = place_of(parts)
    if isinstance(place, tuple):
        message, params = place
        loaded.findings.append(("REG-003", Finding(message, params, file=rel, line=1)))
        if message != "load.outside_layout":
            _failed(loaded, parts)
        return
    if place.kind == "college":
        loaded.college_files.add(place.college or "")
    record = _read(loaded, rel, path, place, limit, snapshot)
    if record is not None:
        loaded.records.append(record)


def _failed(loaded: Loaded, parts: list[str]) -> None:
    place = place_of(parts) if parts[-1].endswith(".yaml") else None
    place = place if isinstance(place, Place) else partial_place(parts)
    if place is not None:
        loaded.failed.append(place)


def _link_text(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return os.path.realpath(path)


def _read_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file; `_Refused` for anything else, never blocking.

    O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses what is not a
    regular file (a pipe, a device) before a byte is read. The size is checked before reading.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _Refused("load.unreadable", reason=exc.strerror or exc.__class__.__name__) from None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise _Refused("load.not_regular")
            if info.st_size > limit:
                raise _Refused("read.too_large", size=info.st_size, limit=limit)
            return handle.read(min(info.st_size, limit) + 1)
        except OSError as exc:
            raise _Refused("load.unreadable", reason=exc.strerror or exc.__class__.__name__) from None


def _too_many_nodes(data: object, limit: int) -> bool:
    """Whether the document holds more than `limit` keys, values and items (stops counting there)."""
    count = 0
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            count += 2 * len(node)
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            count += len(node)
            stack.extend(v for v in node if isinstance(v, (dict, list)))
        if count > limit:
            return True
    return False


def _read(
    loaded: Loaded, rel: str, path: Path, place: Place, limit: int, snapshot: Snapshot | None = None
) -> Record | None:
    from onex.schema_errors import validate

    try:
        raw = _read_bytes(path, limit) if snapshot is None else snapshot.read(rel, path, limit)
    except _Refused as exc:
        loaded.findings.append(
            ("REG-001", Finding(exc.message, exc.params, file=rel, line=1, college=place.college))
        )
        loaded.failed.append(place)
        return None
    try:
        data, text, head = read_record(raw, max_bytes=limit)
    except ReadError as exc:
        loaded.findings.append(
            (
                "REG-001",
                Finding(
                    exc.message, exc.params, file=rel, line=exc.line, column=exc.column, college=place.college
                ),
            )
        )
        loaded.failed.append(place)
        return None
    if len(raw) > NODE_CHECK_BYTES and _too_many_nodes(data, MAX_NODES):
        finding = Finding(
            "load.too_many_nodes", {"limit": MAX_NODES}, file=rel, line=1, college=place.college
        )
        loaded.findings.append(("REG-001", finding))
        loaded.failed.append(place)
        return None
    record = Record(
        kind=place.kind, file=rel, text=text, data=data, college=place.college, id=place.id, year=place.year
    )
    # `head`: the part of the text the scans look at (the rest: rows onex.plainrows proved plain)
    found = validate(record, head)
    if ambiguous_numbers_possible(raw if head == len(text) else text[:head].encode()):
        found = _with_ambiguous_numbers(record, found)
    for finding in found:
        loaded.findings.append(("REG-002", finding))
    if record.model is None:
        loaded.failed.append(place)
    return record


def ambiguous_numbers_possible(raw: bytes) -> bool:
    from onex import ambiguous

    return ambiguous.may_hold(raw)


# what the schema says better than "write the number plainly": the field wants text or a name
_TEXT_MESSAGES = ("reg002.quote", "reg002.string", "reg002.pattern", "reg002.enum", "reg002.key_not_text")


def _with_ambiguous_numbers(record: Record, found: list[Finding]) -> list[Finding]:
    """`017`, `8_8`, `.inf` … (onex.ambiguous) added to the schema's findings. Where the schema
    reported the same value, the one that says more stays: "quote it" for a text field, else
    the YAML-version explanation (rather than "must be a whole number, not 1000.0")."""
    from onex import ambiguous
    from onex.salvage import model_path

    numbers = ambiguous.findings(record)
    if not numbers:
        return found
    if record.model is not None:  # what such a number means is unknown: nothing is judged from it
        record.unknown |= {p for f in numbers if (p := model_path(f.path, record.kept, record.data))}
    at = {_position_of(finding): finding for finding in found}
    replaced = set()
    for number in numbers:
        other = at.get((number.line, number.column))
        if other is not None and other.message in _TEXT_MESSAGES:
            continue
        if other is not None:
            replaced.add(id(other))
        found.append(number)
    return [finding for finding in found if id(finding) not in replaced]


def _position_of(finding: Finding) -> tuple[int, int]:
    if finding.line is not None or finding.record is None:
        return finding.line or 1, finding.column or 1
    path = finding.path if finding.raw else finding.record.file_path(finding.path)
    location = finding.record.at_file_path(path, value=finding.value)
    return location.line, location.column


def _max_bytes_setting(root: Path, snapshot: Snapshot | None = None) -> int | None:
    """`limits.max_file_bytes` of onex.yaml, read before the other files (it bounds them), never
    above HARD_MAX_BYTES. A link that leaves the registry is not followed (walk reports it)."""
    path = root / "onex.yaml"
    raw = snapshot.peek("onex.yaml") if snapshot is not None else None
    try:
        if raw is not None:
            if len(raw) > DEFAULT_MAX_BYTES:
                return None
        elif path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            return None
        else:
            raw = _read_bytes(path, DEFAULT_MAX_BYTES)
        data, _ = read_document(raw)
    except (OSError, RuntimeError, ReadError, _Refused):  # RuntimeError: a link loop
        return None
    limits = data.get("limits") if isinstance(data, dict) else None
    value = limits.get("max_file_bytes") if isinstance(limits, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return min(value, HARD_MAX_BYTES)
    return None
