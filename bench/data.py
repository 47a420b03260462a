"""Measure `onex query`, `onex export --format parquet` and DuckDB over a generated
multi-institution collection, and print one table.

    python -m bench.data [--registries 20] [--candidates 100000] [--keep DIR]

:mod:`bench.generate` writes REGISTRIES registries of CANDIDATES candidates each (seeds 1…N, each
with its own institution name and code) into ``DIR/multi-<N>x<C>/`` (default ``bench/out/``,
git-ignored), reused while the generator and the arguments are unchanged. Then, each as a fresh
process (wall time and peak ``ru_maxrss``):

1. `onex query` of the province-wide SQL of docs/data.md with ``--registry`` given N times: every
   registry loaded, flattened and inserted into DuckDB, one at a time;
2. `onex export --format parquet` of each registry; the files are collected as
   ``collection/<table>/<institution code>.parquet``, as a commission would collect them;

and in this process, best of 3, DuckDB over the collected Parquet files: the same SQL, a compliance
count over `problems`, and a join of `adoption_majors` with `candidates`. The `onex query` answer
must equal DuckDB's answer over the Parquet files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import sys
import time
from pathlib import Path

from bench import generate
from bench.run import AS_OF, render, run_once, stderr_tail

GENERATOR_ARGS = {"colleges": 12, "years": 3, "last_year": 2026}
PROVINCE_SQL = """
SELECT institution, certificate, level,
       count(*)                                         AS candidates,
       count(*) FILTER (WHERE result = 'pass')           AS passed,
       round(100.0 * count(*) FILTER (WHERE result = 'pass')
             / nullif(count(*) FILTER (WHERE result <> 'absent'), 0), 1) AS pass_rate,
       sum(fee) FILTER (WHERE school_funded)             AS school_funded_fees
FROM candidates
WHERE year(date) = 2026
GROUP BY institution, certificate, level
ORDER BY institution, certificate, level
"""
PROBLEMS_SQL = "SELECT institution, rule, count(*) AS n FROM problems GROUP BY 1, 2 ORDER BY 1, 2"
JOIN_SQL = """
SELECT m.institution, m.major, count(*) AS candidates, any_value(m.certified_teachers) AS teachers
FROM adoption_majors m JOIN candidates c
  ON c.institution = m.institution AND c.certificate = m.certificate AND c.major = m.major
GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 10
"""


def ensure_registries(keep: Path, count: int, candidates: int) -> tuple[list[Path], float | None]:
    """The registries, generated again when the generator or the arguments changed."""
    folder = keep / f"multi-{count}x{candidates}"
    stamp_file = folder / "stamp.json"
    wanted = {
        "generator": hashlib.sha256(Path(generate.__file__).read_bytes()).hexdigest(),
        "args": {**GENERATOR_ARGS, "candidates": candidates, "registries": count},
    }
    roots = [folder / f"r{i:02d}" for i in range(1, count + 1)]
    try:
        if json.loads(stamp_file.read_text("utf-8")) == wanted and all(
            (r / "onex.yaml").is_file() for r in roots
        ):
            return roots, None
    except (OSError, ValueError):
        pass
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    for i, root in enumerate(roots, 1):
        generate.generate(root, candidates=candidates, seed=i, **GENERATOR_ARGS)
        onex_yaml = root / "onex.yaml"
        text = re.sub(
            r"institution: \{name: [^,]+, code: \"\d+\"\}",
            f'institution: {{name: 基准职业技术学院{i:02d}, code: "41110100{i:02d}"}}',
            onex_yaml.read_text("utf-8"),
            count=1,
        )
        onex_yaml.write_text(text, "utf-8")
    took = time.perf_counter() - started
    stamp_file.write_text(json.dumps(wanted, indent=2) + "\n", "utf-8")
    return roots, took


def best_of(con, sql: str, repeat: int = 3) -> tuple[float, list[tuple]]:
    walls, rows = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        rows = con.execute(sql).fetchall()
        walls.append(time.perf_counter() - started)
    return min(walls), rows


def main(argv: list[str] | None = None) -> int:
    import duckdb

    parser = argparse.ArgumentParser(prog="python -m bench.data", description=__doc__.split("\n\n")[0])
    parser.add_argument("--registries", type=int, default=20)
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, metavar="DIR", default=Path(__file__).resolve().parent / "out")
    args = parser.parse_args(argv)
    onex = str(Path(sys.executable).parent / "onex")
    env = {key: value for key, value in os.environ.items() if key != "ONEX_NO_CACHE"}

    roots, generated = ensure_registries(args.keep, args.registries, args.candidates)
    how = "reused" if generated is None else f"generated in {generated:.1f} s"
    print(
        f"{len(roots)} registries × {args.candidates:,} candidates in {roots[0].parent} ({how})",
        file=sys.stderr,
    )
    size = sum(f.stat().st_size for r in roots for f in r.rglob("*.yaml"))

    query_argv = [onex, "query", PROVINCE_SQL, "--format", "json", "--as-of", AS_OF]
    for root in roots:
        query_argv += ["--registry", str(root)]
    q_wall, q_peak, q_code, q_out, q_err = run_once(query_argv, env)
    if q_code != 0:
        print(f"onex query failed (exit {q_code}): {stderr_tail(q_err)}", file=sys.stderr)
        return 1
    answer = json.loads(q_out)

    collection = roots[0].parent / "collection"
    shutil.rmtree(collection, ignore_errors=True)
    export_walls, export_peak = [], 0.0
    for i, root in enumerate(roots, 1):
        out = roots[0].parent / "export" / root.name
        shutil.rmtree(out, ignore_errors=True)
        wall, peak, code, _, err = run_once(
            [
                onex,
                "export",
                "--format",
                "parquet",
                "--as-of",
                AS_OF,
                "--registry",
                str(root),
                "--output",
                str(out),
            ],
            env,
        )
        if code != 0:
            print(f"onex export failed (exit {code}): {stderr_tail(err)}", file=sys.stderr)
            return 1
        export_walls.append(wall)
        export_peak = max(export_peak, peak)
        for parquet in out.glob("*.parquet"):
            target = collection / parquet.stem / f"41110100{i:02d}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(parquet, target)
    parquet_mb = sum(f.stat().st_size for f in collection.rglob("*.parquet")) / 1e6

    con = duckdb.connect()
    for table in sorted(p.name for p in collection.iterdir()):
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{collection / table}/*.parquet')")
    rows = con.execute("SELECT count(*) FROM candidates").fetchone()[0]
    p_wall, p_rows = best_of(con, PROVINCE_SQL)
    problems_wall, _ = best_of(con, PROBLEMS_SQL)
    join_wall, _ = best_of(con, JOIN_SQL)
    same = [tuple(r.values()) for r in answer] == [tuple(r) for r in p_rows]

    table = [
        ["registries × candidates", f"{len(roots)} × {args.candidates:,} = {rows:,} candidate rows"],
        ["YAML", f"{size / 1e6:.0f} MB"],
        [
            f"onex query --registry ×{len(roots)} (load, flatten, insert, SQL)",
            f"{q_wall:.1f} s, peak RSS {q_peak:.0f} MB ({q_wall / len(roots):.2f} s per registry)",
        ],
        [
            "onex export --format parquet, per registry",
            f"mean {sum(export_walls) / len(export_walls):.2f} s, max {max(export_walls):.2f} s, "
            f"peak RSS {export_peak:.0f} MB",
        ],
        ["Parquet collected (11 tables × registries)", f"{parquet_mb:.1f} MB"],
        [
            "DuckDB on the Parquet: province-wide SQL, best of 3",
            f"{p_wall * 1000:.0f} ms ({len(p_rows)} rows)",
        ],
        ["DuckDB on the Parquet: problems by rule, best of 3", f"{problems_wall * 1000:.0f} ms"],
        ["DuckDB on the Parquet: adoption_majors ⋈ candidates, best of 3", f"{join_wall * 1000:.0f} ms"],
        ["onex query answer = DuckDB-on-Parquet answer", "yes ✓" if same else "NO ✗"],
    ]
    print(
        f"onex data benchmark · as of {AS_OF} · Python {platform.python_version()} · "
        f"DuckDB {duckdb.__version__} · {os.cpu_count()} CPUs"
    )
    print(render(["", "figure"], table))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
