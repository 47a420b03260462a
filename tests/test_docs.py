"""The reference pages in docs/ match the code (regenerate with `make docs`), and every command
has help text."""

from __future__ import annotations

import pytest

from onex import reference


@pytest.mark.parametrize("name", sorted(reference.PAGES))
def test_reference_page_is_current(name):
    written = (reference.DOCS / name).read_text(encoding="utf-8")
    assert written == reference.PAGES[name](), f"docs/{name} is out of date: run `make docs`"


def test_every_command_is_documented():
    for name, command in reference._commands():
        assert (command.help or "").strip(), f"onex {name} has no help text"
        for param in command.params:
            if param.param_type_name == "option" and param.name not in ("help",):
                assert (param.help or "").strip(), f"onex {name} {param.opts} has no help text"
