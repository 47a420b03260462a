"""The fast canonical check never disagrees with ruamel: whatever it calls canonical, `onex fmt`'s
round trip writes back byte for byte (and it does call the files fmt writes canonical)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate
from onex.canonical import is_canonical
from onex.fmt import CANONICAL_INDENT, canonicalize
from onex.load import Place, place_of
from onex.write import _yaml
from onex.yamlread import ReadError, read_document

REGISTRY = Path(__file__).parent.parent / "registry"


def ruamel_keeps(text: str, kind: str) -> bool:
    """What `onex fmt --check` decides with the round trip: the canonical text is the text."""
    import io

    yaml = _yaml(CANONICAL_INDENT)
    data = yaml.load(text)
    canonicalize(data, kind, text)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue() == text


def fast_says_canonical(text: str, kind: str) -> bool:
    try:
        data, decoded = read_document(text.encode("utf-8"))
    except ReadError:
        return False
    return is_canonical(decoded, data, kind)


def records(root: Path) -> list[tuple[str, str, str]]:
    """(relative path, kind, text) of every record file under `root`."""
    found = []
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        place = place_of(rel.split("/"))
        if isinstance(place, Place):
            found.append((rel, place.kind, path.read_text("utf-8")))
    return found


def without_comments(text: str) -> str:
    """The sample registry's files with their comment lines, end comments and blank lines removed
    (comments always go to ruamel; without them the fast check has something to decide)."""
    lines = []
    for line in text.split("\n"):
        if line.strip().startswith("#") or not line.strip():
            continue
        lines.append(re.sub(r"\s+#\s.*$", "", line))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[tuple[str, str, str]]:
    root = tmp_path_factory.mktemp("canonical") / "registry"
    generate(root, colleges=2, candidates=400, years=2, seed=3, student_digits=12)
    return records(root)


def test_generated_records_are_canonical_and_ruamel_agrees(generated):
    verdicts = {rel: fast_says_canonical(text, kind) for rel, kind, text in generated}
    assert sum(verdicts.values()) >= len(generated) - 2  # the fast check decides almost every file
    for rel, kind, text in generated:
        if verdicts[rel]:
            assert ruamel_keeps(text, kind), rel


@pytest.mark.parametrize("rel,kind,text", records(REGISTRY), ids=lambda v: v if "/" in str(v) else "")
def test_sample_records_without_comments_agree_with_ruamel(rel, kind, text):
    text = without_comments(text)
    if fast_says_canonical(text, kind):
        assert ruamel_keeps(text, kind)


def test_sample_records_with_comments_go_to_ruamel():
    assert not any(fast_says_canonical(text, kind) for _, kind, text in records(REGISTRY) if "#" in text)


@pytest.mark.parametrize(
    "text",
    [
        "leaders:\n  - {name: 李明, role: 院长}\nname: 张伟\n",  # a key out of order
        "leaders:\n- {name: 李明, role: 院长}\nname: 张伟\n",  # dash not indented
        "name:   张伟\n",  # spaces after the colon
        "name: 张伟 \n",  # a trailing space
        "name: {a: 1 }\n",  # flow spacing
        "name: yes\n",  # ruamel quotes it
        "name: 1.50\n",  # floats are ruamel's to keep
        "name: ~\n",  # ruamel writes an empty value
        "name: 张伟\n\nworking_group: []\n",  # a blank line
        'name: "a\\u00e9"\n',  # an escape
        "name: 张伟",  # no final line end
    ],
)
def test_what_the_fast_check_leaves_to_ruamel(text):
    assert not fast_says_canonical(text, "college")


@pytest.mark.parametrize(
    "text",
    [
        "name: 张伟\nleaders:\n  - {name: 李明, role: 院长}\n",
        "name: 'yes'\n",  # ruamel keeps the quotes it found
        'name: "x"\nmajors:\n  - code: "510201"\n    cohorts: {2024: 120, 2025: 110}\n',
    ],
)
def test_what_the_fast_check_decides(text):
    assert fast_says_canonical(text, "college")
    assert ruamel_keeps(text, "college")


def test_a_number_where_text_belongs_is_not_canonical():
    text = "name: 信息工程学院\nmajors:\n  - {code: 510201, name: 计算机应用技术}\n"
    assert not fast_says_canonical(text, "college")
    assert not ruamel_keeps(text, "college")
    quoted = text.replace("510201", '"510201"')
    assert fast_says_canonical(quoted, "college") and ruamel_keeps(quoted, "college")


MUTATIONS = (
    lambda s, i: s[:i] + " " + s[i:],
    lambda s, i: s[:i] + s[i + 1 :],
    lambda s, i: s[:i] + "'" + s[i:],
    lambda s, i: s[:i] + '"' + s[i:],
    lambda s, i: s[:i] + "\n" + s[i:],
    lambda s, i: s[:i] + "- " + s[i:],
    lambda s, i: s[:i] + ": " + s[i:],
    lambda s, i: s[:i] + "0" + s[i:],
    lambda s, i: s[:i] + "{" + s[i:],
    lambda s, i: s[:i] + ", x: 1" + s[i:],
)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=len(MUTATIONS) - 1))
def test_a_mutated_record_called_canonical_is_canonical_for_ruamel(generated, seed, which):
    rng = random.Random(seed)
    rel, kind, text = generated[seed % len(generated)]
    if len(text) > 4000:  # keep ruamel's share of the test short: cut at a line end
        text = text[: text.index("\n", 3000) + 1]
    position = rng.randrange(len(text))
    mutated = MUTATIONS[which](text, position)
    if fast_says_canonical(mutated, kind):
        assert ruamel_keeps(mutated, kind), (rel, mutated)
