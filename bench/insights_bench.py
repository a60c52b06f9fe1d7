"""Benchmark (not a test) of the insights pages: coherence, peers and movement at full size.

    make bench-insights                                   # 342 municipalities × 3 moments
    .venv/bin/python bench/insights_bench.py --runs 5     # a quicker look

What it does, in this process only, bounded in time and count:
1. migrates a fresh SQLite database in a temp dir (or uses DATABASE_URL when set;
   the data it adds there is left behind), with DEBUG off and collected static
   files, as in production;
2. generates a synthetic edition (``bench/insights_data.py``): 342 municipalities,
   each with a revealed, agreed panel at each of 3 meetings; plus a small edition of
   34 municipalities to check that query counts do not grow with size;
3. requests each page through Django's full stack (middleware, view, template) with
   the test client: warm-up, then ``--runs`` timed requests per page;
4. reports median and 95th percentile server time, the number of database queries
   (also for the small edition, column "@34") and the bytes of HTML, and checks the
   targets: the comparison with coherence and peers under 200 ms (median), and the
   same number of queries for 34 and for 342 municipalities on the pages that show
   many municipalities (a trio's own pages vary with what its own panel holds).

Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 200.0


def _configure(data_dir: str) -> None:
    """Production-like settings: DEBUG off, compressed manifest static files, no HTTPS redirect."""
    os.environ["MENGPANEEL_DATA_DIR"] = data_dir
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["HTTPS"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mengpaneel.settings")
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _measure(client, url: str, runs: int, warmup: int) -> dict:
    from django.db import connection

    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    # Count through an execute wrapper: the request_started signal empties
    # connection.queries, so CaptureQueriesContext would see nothing.
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        response = client.get(url)
    size = len(response.content)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {
        "median": statistics.median(timings),
        "p95": p95,
        "queries": len(queries),
        "bytes": size,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--municipalities", type=int, default=342)
    parser.add_argument("--moments", type=int, default=3)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    if not 34 < args.municipalities <= 342:
        parser.error("--municipalities must be from 35 to 342 (the small edition has 34).")

    with tempfile.TemporaryDirectory(prefix="mengpaneel-bench-") as data_dir:
        _configure(data_dir)
        from bench.insights_data import generate
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        started = time.perf_counter()
        stamp = int(time.time())  # a shared DATABASE_URL may hold an earlier run's editions
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        big, member, organiser = generate(f"bench-groot-{stamp}", args.municipalities, args.moments)
        small, small_member, small_organiser = generate(
            f"bench-klein-{stamp}", 34, args.moments, seed=5
        )
        setup = time.perf_counter() - started

        meetings = list(big.meetings.order_by("number"))
        small_meetings = list(small.meetings.order_by("number"))
        own = big.trios.get(members__user=member)
        small_own = small.trios.get(members__user=small_member)

        def pages(edition, own_trio, first, last):
            comparison = reverse("insights:edition_insights", args=[edition.slug])
            return {
                "comparison, latest moment (member)": comparison,
                "comparison, movement 1 → last (member)": (
                    f"{comparison}?moment={last.pk}&since={first.pk}"
                ),
                "learning from peers (member)": reverse("insights:trio_peers", args=[own_trio.pk]),
                "coherence of own panel (member)": reverse(
                    "insights:trio_coherence", args=[own_trio.pk]
                ),
                "moments of own trio (member)": reverse(
                    "insights:trio_moments", args=[own_trio.pk]
                ),
            }

        results = {}
        client, small_client = Client(), Client()
        client.force_login(member)
        small_client.force_login(small_member)
        big_pages = pages(big, own, meetings[0], meetings[-1])
        small_pages = pages(small, small_own, small_meetings[0], small_meetings[-1])
        for name, url in big_pages.items():
            result = _measure(client, url, args.runs, args.warmup)
            result["queries_small"] = _measure(small_client, small_pages[name], 1, 1)["queries"]
            results[name] = result
        organiser_client, small_organiser_client = Client(), Client()
        organiser_client.force_login(organiser)
        small_organiser_client.force_login(small_organiser)
        url = reverse("insights:edition_insights", args=[big.slug])
        result = _measure(organiser_client, url, args.runs, args.warmup)
        result["queries_small"] = _measure(
            small_organiser_client,
            reverse("insights:edition_insights", args=[small.slug]),
            1,
            1,
        )["queries"]
        results["comparison, latest moment (organiser)"] = result

        vendor = connection.vendor
        cores = os.cpu_count()

    print(
        f"\nInsights benchmark: {args.municipalities} municipalities × {args.moments} moments, "
        f"{vendor}, {cores} cores, {args.runs} runs per page (set-up {setup:.1f} s)\n"
    )
    header = f"{'page':<42} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'@34':>5} {'KB':>7}"
    print(header)
    print("-" * len(header))
    failed = []
    for name, r in results.items():
        print(
            f"{name:<42} {r['median']:>10.1f} {r['p95']:>8.1f} {r['queries']:>8} "
            f"{r['queries_small']:>5} {r['bytes'] / 1024:>7.0f}"
        )
        # Pages about one trio differ by what its own panel holds, not by the edition's size.
        if "(member)" in name and not name.startswith(("comparison", "learning")):
            continue
        if r["queries"] != r["queries_small"]:
            failed.append(
                f"{name}: {r['queries_small']} queries at 34, {r['queries']} at full size"
            )
    for name in ("comparison, latest moment (member)", "comparison, movement 1 → last (member)"):
        if results[name]["median"] >= TARGET_MS:
            failed.append(f"{name}: median {results[name]['median']:.0f} ms ≥ {TARGET_MS:.0f} ms")
    print()
    if failed:
        print("Targets missed:\n- " + "\n- ".join(failed))
        return 1
    print(
        f"Targets met: the comparison with coherence and peers under {TARGET_MS:.0f} ms; "
        "query counts the same for 34 and for the full number of municipalities."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
