"""Benchmark (not a test) of the rate-limit stores: what one counted event costs, and
whether counts survive many processes counting at once.

    make bench-ratelimit                 # about half a minute
    .venv/bin/python bench/ratelimit_bench.py --hits 300 --processes 4

For each store the limiter could use (Django's own database cache, ours with its
locking ``incr``, Django's file cache, Redis when REDIS_URL is set, on SQLite in a temp
file and on PostgreSQL when PG_URL answers): the median and 95th percentile of one
``Rate.hit`` in one process, and how many of ``processes × hits`` events on one key
were still counted after all processes counted at the same time. Figures and the
decision in docs/benchmarks.md and docs/decisions.md ("Rate limits").
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _setup(data_dir: str, database_url: str) -> None:
    os.environ["MENGPANEEL_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = database_url
    os.environ.pop("REDIS_URL", None)  # the project cache stays the database one
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mengpaneel.settings")
    import django

    django.setup()


def _store(kind: str, data_dir: str):
    from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
    from django.core.cache.backends.filebased import FileBasedCache
    from django.core.cache.backends.redis import RedisCache

    from mengpaneel.ratelimit.cache import DatabaseCache

    params = {"OPTIONS": {"MAX_ENTRIES": 200_000}}
    if kind == "django-db":
        return DjangoDatabaseCache("mengpaneel_cache", params)
    if kind == "ours-db":
        return DatabaseCache("mengpaneel_cache", params)
    if kind == "file":
        return FileBasedCache(str(Path(data_dir) / "filecache"), params)
    if kind == "redis":
        return RedisCache(os.environ["BENCH_REDIS_URL"], {"KEY_PREFIX": "bench"})
    raise ValueError(kind)


def _rate():
    from mengpaneel.ratelimit import Rate

    return Rate("bench", 1_000_000, timedelta(hours=1))


def _use(store) -> None:
    from mengpaneel.ratelimit import rates

    rates.caches = {"default": store}


def _count(args) -> None:
    kind, data_dir, database_url, hits, start_at = args
    _setup(data_dir, database_url)
    from django.db import connections

    _use(_store(kind, data_dir))
    rate = _rate()
    while time.time() < start_at:
        time.sleep(0.001)
    for _ in range(hits):
        rate.hit("one key")
    connections.close_all()


def measure(kind: str, data_dir: str, database_url: str, hits: int, processes: int) -> dict:
    _use(_store(kind, data_dir))
    rate = _rate()
    # One process: the cost of one counted event.
    timings = []
    for n in range(hits):
        started = time.perf_counter()
        rate.hit(f"key {n % 50}")
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    # Many processes on one key, all at once.
    rate.reset("one key")
    start_at = time.time() + 1.5
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        pool.map(_count, [(kind, data_dir, database_url, hits, start_at)] * processes)
    counted = rate.check("one key").count
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95)],
        "counted": int(counted),
        "sent": hits * processes,
    }


def _pg_ready(url: str) -> bool:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "db_ready.py"), url], capture_output=True
    )
    return result.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hits", type=int, default=300)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default=None)
    options = parser.parse_args()

    databases = {"sqlite": None, "postgresql": os.environ.get("PG_URL", "")}
    chosen = [options.database] if options.database else list(databases)
    for database in chosen:
        data_dir = tempfile.mkdtemp(prefix="mp-ratelimit-bench-")
        url = (
            databases[database] if database == "postgresql" else f"sqlite:///{data_dir}/db.sqlite3"
        )
        if database == "postgresql" and not (url and _pg_ready(url)):
            print(f"{database}: PG_URL does not answer, skipped")
            continue
        env = {**os.environ, "MENGPANEEL_DATA_DIR": data_dir, "DATABASE_URL": url}
        env.pop("REDIS_URL", None)
        subprocess.run(
            [str(REPO / ".venv" / "bin" / "mengpaneel"), "createcachetable"], env=env, check=True
        )
        # Each database in a process of its own: Django is set up once per process.
        bench_dir = str(Path(__file__).parent)
        measured = f"b.measure(k, {data_dir!r}, {url!r}, {options.hits}, {options.processes})"
        script = (
            f"import sys, json; sys.path.insert(0, {bench_dir!r}); import ratelimit_bench as b; "
            f"b._setup({data_dir!r}, {url!r}); "
            f"print(json.dumps({{k: {measured} for k in sys.argv[1:]}}))"
        )
        kinds = ["django-db", "ours-db", "file"]
        if os.environ.get("REDIS_URL") and database == "sqlite":
            kinds.append("redis")
        result = subprocess.run(
            [sys.executable, "-c", script, *kinds],
            env={**env, "BENCH_REDIS_URL": os.environ.get("REDIS_URL", "")},
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        print(f"\n{database} ({options.processes} processes × {options.hits} events on one key)")
        print(f"{'store':<10} {'median ms':>10} {'p95 ms':>8} {'counted':>14}")
        for kind, f in figures.items():
            lost = f["sent"] - f["counted"]
            print(
                f"{kind:<10} {f['median_ms']:>10.2f} {f['p95_ms']:>8.2f} "
                f"{f['counted']:>6}/{f['sent']:<6}{'  (' + str(lost) + ' lost)' if lost else ''}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
