"""onex.write: atomic, locked, comment-keeping writes (SPEC §5, NOTES-yaml "Writing")."""

from __future__ import annotations

import os
import stat

import pytest

from onex import write
from onex.errors import FatalError

STEPS = ("open", "write", "fsync", "chmod", "verify", "replace")
ORIGINAL = '# 说明\nname: 信息工程学院   # 学院名\nmajors:\n  - {code: "510201", name: 计算机应用技术}\n'


class Boom(Exception):
    pass


@pytest.fixture
def target(tmp_path):
    path = tmp_path / "college.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    return path


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("step", STEPS)
def test_an_interrupted_write_leaves_the_original_intact(target, monkeypatch, step):
    original = target.read_bytes()

    def fail(name):
        if name == step:
            raise Boom(name)

    monkeypatch.setattr(write, "_step", fail)
    with pytest.raises(Boom):
        write.write_atomic(target, b"name: new\n", expected=original)
    assert target.read_bytes() == original
    assert leftovers(target.parent) == []


def test_interrupted_after_the_rename_leaves_the_new_file_whole(target, monkeypatch):
    def fail(name):
        if name == "fsync-folder":
            raise Boom(name)

    monkeypatch.setattr(write, "_step", fail)
    with pytest.raises(Boom):
        write.write_atomic(target, b"name: new\n", expected=target.read_bytes())
    assert target.read_bytes() == b"name: new\n" and leftovers(target.parent) == []


def test_a_new_file_interrupted_is_not_created(tmp_path, monkeypatch):
    monkeypatch.setattr(
        write, "_step", lambda name: (_ for _ in ()).throw(Boom(name)) if name == "replace" else None
    )
    with pytest.raises(Boom):
        write.write_atomic(tmp_path / "new.yaml", b"a: 1\n", expected=None)
    assert list(tmp_path.iterdir()) == []


def test_edit_keeps_comments_order_quotes_and_cjk(target):
    document = write.open_document(target)
    document.data["name"] = "信息技术学院"
    assert write.save(document) is True
    assert target.read_text(encoding="utf-8") == ORIGINAL.replace("信息工程学院   #", "信息技术学院   #")
    assert b"\\u" not in target.read_bytes()


def test_save_without_change_does_not_write(target):
    mtime = target.stat().st_mtime_ns
    assert write.save(write.open_document(target)) is False
    assert target.stat().st_mtime_ns == mtime


def test_crlf_stays_crlf(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"year: 2027\r\n# note\r\nitems: []\r\n")
    document = write.open_document(path)
    document.data["year"] = 2028
    write.save(document)
    assert path.read_bytes() == b"year: 2028\r\n# note\r\nitems: []\r\n"


def test_mode_is_kept(target):
    os.chmod(target, 0o640)
    document = write.open_document(target)
    document.data["name"] = "x"
    write.save(document)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_gets_the_umask_mode(tmp_path):
    umask = os.umask(0o022)
    try:
        write.write_atomic(tmp_path / "new.yaml", b"a: 1\n", expected=None)
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644


def test_changed_meanwhile_is_refused(target):
    document = write.open_document(target)
    document.data["name"] = "onex"
    target.write_text("name: 编辑器保存的\n", encoding="utf-8")
    with pytest.raises(FatalError) as caught:
        write.save(document)
    assert caught.value.message == "write.changed_meanwhile"
    assert target.read_text(encoding="utf-8") == "name: 编辑器保存的\n"
    assert leftovers(target.parent) == []


def test_created_meanwhile_is_refused(tmp_path):
    path = tmp_path / "new.yaml"
    document = write.open_document(path, {"year": 2027})
    path.write_text("year: 2026\n", encoding="utf-8")
    with pytest.raises(FatalError) as caught:
        write.save(document)
    assert caught.value.message == "write.changed_meanwhile" and path.read_text() == "year: 2026\n"


def test_second_writer_is_refused_by_the_lock(tmp_path):
    with write.registry_lock(tmp_path):
        with pytest.raises(FatalError) as caught:
            with write.registry_lock(tmp_path):
                pass
        assert caught.value.message == "write.locked"
    with write.registry_lock(tmp_path):  # released
        pass


@pytest.mark.parametrize(("marker", "what"), [("MERGE_HEAD", "merge"), ("rebase-merge", "rebase")])
def test_no_write_during_a_merge_or_rebase(target, marker, what):
    git = target.parent / ".git"
    git.mkdir()
    (git / marker).mkdir() if marker.startswith("rebase") else (git / marker).write_text("x")
    with pytest.raises(FatalError) as caught:
        write.write_atomic(target, b"name: new\n", expected=target.read_bytes())
    assert (caught.value.message, caught.value.params) == ("write.git_busy", {"what": what})
    assert target.read_text(encoding="utf-8") == ORIGINAL


def test_output_that_cannot_be_read_back_is_not_written(target):
    with pytest.raises(FatalError) as caught:
        write.write_atomic(target, b"a: [unclosed\n", expected=target.read_bytes())
    assert caught.value.message == "write.verify_failed"
    assert target.read_text(encoding="utf-8") == ORIGINAL and leftovers(target.parent) == []


def test_unreadable_file_is_not_edited(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes("name: 信息".encode("gb18030") + b"\n")
    with pytest.raises(FatalError) as caught:
        write.open_document(path)
    assert caught.value.message == "write.unreadable"


def test_yaml11_booleans_are_quoted(tmp_path):
    path = tmp_path / "new.yaml"
    document = write.open_document(path, {"answer": "no", "name": "张伟"})
    write.save(document)
    assert path.read_text(encoding="utf-8") == "answer: 'no'\nname: 张伟\n"
