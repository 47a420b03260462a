"""A progress bar for commands that walk a large registry: shown on a terminal (stderr), never
when output is piped or in CI logs, and not at all for small registries."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

SHOW_FROM = 300  # files: below this a run is too quick for a bar to help


@contextlib.contextmanager
def files(total: int, description: str = "读取登记库 reading the registry") -> Iterator[Callable[[], None]]:
    """Yields `tick()`, to call once per file."""
    if total < SHOW_FROM or not sys.stderr.isatty():
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda: bar.advance(task)


def _nothing() -> None:
    return None
