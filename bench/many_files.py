"""Peak memory of `onex check` on many tiny files that each have problems (issue 11, scale).

    python -m bench.many_files [--files 100000] [--keep DIR]

A copy of the test baseline plus N one-line session files (`certificate: web-frontend`), each
missing its required fields: four REG-002 problems per file, 400,000 for the default 100,000
files. Each output format runs as a fresh process with the result cache off; peak memory is the
process's ``ru_maxrss`` (``os.wait4``). Optional and slow (about a minute per format on two
cores): not part of ``make test`` or ``make bench``. The target is under 1 GiB for every
format the CI runs (text, json, github); docs/performance.md records the figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from bench.run import run_once

BASELINE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "baseline"
TARGET_MB = 1024
FORMATS = ("text", "json", "github", "sarif", "junit")


def generate(folder: Path, files: int) -> Path:
    root = folder / f"many-{files}"
    marker = root / ".complete"
    if marker.exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(BASELINE, root)
    sessions = root / "colleges" / "info" / "sessions" / "2026"
    for i in range(files):
        (sessions / f"s{i}.yaml").write_text("certificate: web-frontend\n", encoding="utf-8")
    marker.touch()
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.many_files", description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, default=Path(__file__).resolve().parent / "out")
    args = parser.parse_args(argv)
    root = generate(args.keep, args.files)
    onex = str(Path(sys.executable).parent / "onex")
    env = {**os.environ, "ONEX_NO_CACHE": "1"}
    worst = 0.0
    print(f"{args.files:,} one-line files with problems in {root}")
    for fmt in FORMATS:
        argv_ = [onex, "check", "--registry", str(root), "--as-of", "2026-12-31", "--format", fmt]
        wall, peak, code, out, _ = run_once(argv_, env=env)
        worst = max(worst, peak)
        mark = "✓" if peak < TARGET_MB else "✗"
        print(
            f"check --format {fmt:7s} peak RSS {peak:7.0f} MB {mark}  wall {wall:5.1f} s  exit {code}  {len(out) / 1e6:.0f} MB out"
        )
    return 0 if worst < TARGET_MB else 1


if __name__ == "__main__":
    raise SystemExit(main())
