"""The progress bar shows on a terminal only, and never breaks a run."""

from __future__ import annotations

import io

from onex import progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_on_a_terminal_for_a_large_registry(monkeypatch):
    screen = FakeTerminal()
    monkeypatch.setattr("sys.stderr", screen)
    with progress.files(progress.SHOW_FROM) as tick:
        for _ in range(progress.SHOW_FROM):
            tick()
    assert screen.getvalue()  # something was drawn


def test_nothing_when_piped_or_small(monkeypatch):
    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    with progress.files(10_000) as tick:
        tick()
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with progress.files(progress.SHOW_FROM - 1) as tick:
        tick()
    assert piped.getvalue() == "" and terminal.getvalue() == ""


def test_the_label_is_in_the_runs_language(monkeypatch):
    from onex.app import resolve_lang

    for lang, label, other in (("en", "reading the registry", "读取登记库"), ("zh", "读取登记库", "reading")):
        screen = FakeTerminal()
        monkeypatch.setattr("sys.stderr", screen)
        resolve_lang(lang)  # what every command does with --lang
        with progress.files(progress.SHOW_FROM) as tick:
            tick()
        assert label in screen.getvalue() and other not in screen.getvalue()
