"""A progress bar for commands that walk a large registry: shown on a terminal (stderr), never
when output is piped or in CI logs, and not at all for small registries."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from onex.messages import register, render, run_lang

SHOW_FROM = 300  # files: below this a run is too quick for a bar to help


MESSAGES = {"progress.reading": {"zh": "读取登记库", "en": "reading the registry"}}
register(MESSAGES)


@contextlib.contextmanager
def files(total: int) -> Iterator[Callable[[], None]]:
    """Yields `tick()`, to call once per file. The label is in the run's language."""
    if total < SHOW_FROM or not sys.stderr.isatty():
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(render("progress.reading", {}, run_lang()), total=total)
        yield lambda: bar.advance(task)


def _nothing() -> None:
    return None
