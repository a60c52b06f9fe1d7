"""Benchmark (not a test) of the trio panel page and a fader save, against a floor.

    make bench-panel                                       # about 2.5 minutes
    .venv/bin/python bench/panel_bench.py --seconds 3      # a quicker look

What it does, on loopback only and bounded in time:
1. migrates a fresh SQLite database in a temp dir (or uses DATABASE_URL when set; the
   data it adds there is left behind), collects static files, DEBUG off: production;
2. makes a trio whose panel is revealed and agreed (three members' positions and notes,
   a rationale on every fader, a full history) and a trio still placing alone;
3. starts ``mengpaneel serve`` (uvicorn, one process, as ``make run`` does) with three
   extra URLs: the floor, a view that answers "ok" through the same middleware; and two
   steps up from it that show what a page pays before it renders anything: "logged in"
   (the session and the user) and "trio access" (plus the trio lookup of every trio page);
4. in rounds, drives each request with ``--clients`` keep-alive connections for
   ``--seconds``: the floor, the two steps, the panel page (GET as a member of the agreed
   trio) and a fader save (the htmx POST the page sends when a member moves a fader alone,
   a different position each time, so every save writes);
5. reports requests per second and median latency of each, the ratio of the page and
   the save to the floor, and the bytes a browser transfers for the page (HTML and the
   CSS, JavaScript and icon it loads, compressed as served), and checks the targets:
   page at least 70 % of the floor, save at least 50 %, page under 150 KB.

Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from live_bench import HOST, Http, free_port, production_env, wait_for_port

BENCH = Path(__file__).resolve().parent
PAGE_SHARE, SAVE_SHARE, PAGE_KB = 0.70, 0.50, 150

SETUP = r"""
import json
import django
django.setup()
from django.conf import settings
from mengpaneel.panel import placing
from mengpaneel.testing.sessions import session_key_for
from mengpaneel.testing.factories import (
    EditionFactory, TrioFactory, TrioMemberFactory, municipality,
)

edition = EditionFactory()
agreed = TrioFactory(edition=edition, municipality=municipality("GM1959"))
members = [TrioMemberFactory(trio=agreed).user for _ in range(3)]
assessment = placing.current_assessment(agreed)
categories = list(assessment.panel_model.categories.all())
for number, member in enumerate(members):
    for index, category in enumerate(categories):
        position = (index + number) % 7 - 3
        note = f"Notitie {number} bij {category.key}."
        placing.place(assessment, member, category, position, note, expected_version=0)
placing.reveal(assessment, by=members[0])
for index, category in enumerate(categories):
    rationale = "Zo werken we nu: " + "een toelichting van een paar zinnen, " * 4
    placing.agree(assessment, category, index - 2, rationale, index == 1, members[0], 0)
placing_trio = TrioFactory(edition=edition, municipality=municipality("GM0983"))
placer = TrioMemberFactory(trio=placing_trio).user
placing.current_assessment(placing_trio)
print(json.dumps({
    "agreed_trio": agreed.pk,
    "placing_trio": placing_trio.pk,
    "key": categories[0].key,
    "member": session_key_for(members[0]),
    "placer": session_key_for(placer),
    "session_cookie": settings.SESSION_COOKIE_NAME,
}))
"""

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
ASSET = re.compile(rb'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="(/static/[^"]+)"')


async def drive(port: int, clients: int, seconds: float, make_request) -> list[float]:
    """Keep ``clients`` connections busy for ``seconds``; the latency of each answer."""
    latencies: list[float] = []
    stop = time.perf_counter() + seconds

    async def client(number: int) -> None:
        http, sent = await make_request.connect(port), 0
        while time.perf_counter() < stop:
            start = time.perf_counter()
            status = await make_request(http, number, sent)
            if status != 200:
                raise RuntimeError(f"{make_request.name}: HTTP {status}")
            latencies.append(time.perf_counter() - start)
            sent += 1
        http.close()

    await asyncio.gather(*(client(n) for n in range(clients)))
    return latencies


class Floor:
    name = "floor"

    def __init__(self, world: dict) -> None:
        self.world = world

    async def connect(self, port: int) -> Http:
        http = Http(port)
        http.cookies[self.world["session_cookie"]] = self.world["member"]
        return http

    async def __call__(self, http: Http, client: int, sent: int) -> int:
        status, _, _ = await http.request("GET", "/bench/floor/")
        return status


class LoggedIn(Floor):
    """The floor plus the session and the user: what any page behind the login pays."""

    name = "logged in"

    async def __call__(self, http: Http, client: int, sent: int) -> int:
        status, _, _ = await http.request("GET", "/bench/logged-in/")
        return status


class TrioAccess(Floor):
    """Logged in plus the check every trio page starts with: is this trio yours?"""

    name = "trio access"

    async def __call__(self, http: Http, client: int, sent: int) -> int:
        status, _, _ = await http.request("GET", f"/bench/trio/{self.world['agreed_trio']}/")
        return status


class Page(Floor):
    name = "panel page"

    async def __call__(self, http: Http, client: int, sent: int) -> int:
        path = f"/trios/{self.world['agreed_trio']}/mengpaneel/"
        status, _, _ = await http.request("GET", path)
        return status


class Save(Floor):
    """What panel.js sends when a member moves a fader while placing alone."""

    name = "fader save"

    async def connect(self, port: int) -> Http:
        http = Http(port)
        http.cookies[self.world["session_cookie"]] = self.world["placer"]
        page = f"/trios/{self.world['placing_trio']}/mengpaneel/"
        _, _, body = await http.request("GET", page)
        http.token = CSRF.search(body).group(1).decode()
        return http

    async def __call__(self, http: Http, client: int, sent: int) -> int:
        key, trio = self.world["key"], self.world["placing_trio"]
        form = {
            "csrfmiddlewaretoken": http.token,
            f"{key}-position": str((client + sent) % 7 - 3),
            f"{key}-note": f"Notitie {sent}",
            # The version this client last saw: clients that save the same fader at once
            # get a conflict answer now and then, which carries the version to build on.
            f"{key}-version": str(getattr(http, "version", 0)),
        }
        headers = {
            "HX-Request": "true",
            "HX-Target": f"fader-{key}",
            "HX-Current-URL": f"http://{HOST}:{http.port}/trios/{trio}/mengpaneel/",
        }
        path = f"/trios/{trio}/mengpaneel/{key}/plaatsen/"
        status, _, body = await http.request("POST", path, form, headers)
        if found := re.search(rf'name="{key}-version" value="(\d+)"'.encode(), body):
            http.version = int(found.group(1))
        return status


async def transferred(port: int, world: dict) -> dict[str, int]:
    """Bytes a browser receives for the page: the HTML, then each static file it loads."""
    http = Http(port)
    http.cookies[world["session_cookie"]] = world["member"]
    accept = {"Accept-Encoding": "br, gzip"}
    _, _, html = await http.request(
        "GET", f"/trios/{world['agreed_trio']}/mengpaneel/", None, accept
    )
    sizes = {"HTML": len(html)}
    for path in dict.fromkeys(ASSET.findall(html)):
        status, head, body = await http.request("GET", path.decode(), None, accept)
        if status != 200:
            raise RuntimeError(f"{path.decode()}: HTTP {status}")
        name = path.decode().rsplit("/", 1)[-1]
        encoding = head.get("content-encoding", "")
        sizes[f"{name}{f' ({encoding})' if encoding else ''}"] = len(body)
    http.close()
    return sizes


async def measure(port: int, world: dict, args: argparse.Namespace) -> dict:
    scenarios = [Floor(world), LoggedIn(world), TrioAccess(world), Page(world), Save(world)]
    for scenario in scenarios:  # warm up: imports, templates, connections
        await drive(port, args.clients, 1.0, scenario)
    results = {s.name: {"latencies": [], "seconds": 0.0} for s in scenarios}
    # Rounds, so that a slow moment of the machine falls on every scenario alike.
    for _ in range(args.rounds):
        for scenario in scenarios:
            start = time.perf_counter()
            latencies = await drive(port, args.clients, args.seconds, scenario)
            results[scenario.name]["seconds"] += time.perf_counter() - start
            results[scenario.name]["latencies"] += latencies
    return results


def report(results: dict, sizes: dict, args: argparse.Namespace, database: str) -> int:
    rate = {name: len(r["latencies"]) / r["seconds"] for name, r in results.items()}
    print(
        f"\nMixing panel against the floor — {database}, 1 uvicorn process, "
        f"{args.clients} clients, {args.rounds} × {args.seconds:g} s each, {os.cpu_count()} cores"
    )
    print(f"{'request':<12} {'req/s':>8} {'median ms':>10} {'p95 ms':>8} {'of floor':>9}")
    for name, r in results.items():
        latencies = sorted(r["latencies"])
        p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
        share = rate[name] / rate["floor"]
        print(
            f"{name:<12} {rate[name]:>8.0f} {statistics.median(latencies) * 1000:>10.1f} "
            f"{p95:>8.1f} {share:>8.0%}"
        )
    total = sum(sizes.values())
    print("\nTransferred for the panel page:")
    for name, size in sizes.items():
        print(f"  {name:<48} {size / 1024:>7.1f} KB")
    print(f"  {'total':<48} {total / 1024:>7.1f} KB")
    missed = []
    if rate["panel page"] < PAGE_SHARE * rate["floor"]:
        missed.append(f"panel page below {PAGE_SHARE:.0%} of the floor")
    if rate["fader save"] < SAVE_SHARE * rate["floor"]:
        missed.append(f"fader save below {SAVE_SHARE:.0%} of the floor")
    if total >= PAGE_KB * 1024:
        missed.append(f"panel page {total / 1024:.0f} KB, not under {PAGE_KB} KB")
    print("\nTargets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if missed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=4, help="keep-alive connections at once")
    parser.add_argument("--seconds", type=float, default=8.0, help="per scenario per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    args.clients = max(1, min(args.clients, 32))
    args.seconds = max(1.0, min(args.seconds, 30.0))
    args.rounds = max(1, min(args.rounds, 5))

    with tempfile.TemporaryDirectory(prefix="mengpaneel-panel-bench-") as tmp:
        env = production_env(tmp)
        env["PYTHONPATH"] = os.pathsep.join([str(BENCH), os.environ.get("PYTHONPATH", "")])
        command = [sys.executable, "-m", "mengpaneel.cli"]
        setup_env = {**env, "DJANGO_SETTINGS_MODULE": "mengpaneel.settings"}
        subprocess.run([*command, "migrate", "-v", "0"], env=setup_env, check=True, timeout=300)
        subprocess.run(
            [*command, "collectstatic", "--noinput", "-v", "0"], env=setup_env, check=True
        )
        setup = subprocess.run(
            [sys.executable, "-c", SETUP],
            env=setup_env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        world = json.loads(setup.stdout.strip().splitlines()[-1])
        port = free_port()
        server_env = {**env, "DJANGO_SETTINGS_MODULE": "floor_settings"}
        with (Path(tmp) / "server.log").open("w") as log:
            server = subprocess.Popen(
                [*command, "serve", "--host", HOST, "--port", str(port)],
                env=server_env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_for_port(port)
                results = asyncio.run(measure(port, world, args))
                sizes = asyncio.run(transferred(port, world))
            finally:
                server.terminate()
                server.wait(timeout=30)
    database = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite (WAL)"
    return report(results, sizes, args, database)


if __name__ == "__main__":
    sys.exit(main())
