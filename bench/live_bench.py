"""Benchmark (not a test) of a live round: many participants moving faders at once.

    make bench-live            # 300 participants in 100 trios, 60 s of fader moves
    .venv/bin/python bench/live_bench.py --participants 30 --seconds 10   # a quick look

What it does, on this machine only (127.0.0.1), bounded in time and count:
1. migrates a fresh SQLite database in a temp dir (or uses DATABASE_URL / REDIS_URL
   when they are set), creates an edition with N/3 trios and starts a live round;
2. starts ``mengpaneel serve`` (uvicorn, one process) on a free loopback port;
3. lets N guests join with the round's code through the real forms, each opening
   the event stream, plus one projector stream for the organiser;
4. for ``--seconds`` every guest moves a random fader every ``--think`` seconds on
   average (exponential pauses; 6 s by default, about 50 saves a second for the room),
   through the same POST the page's htmx sends, while the projector fetches its view
   again as the page does (one fetch at a time, at most two a second);
5. the organiser then moves the round to the next phase;
6. reports saves per second, save latency, propagation to the projector (from
   sending the save to the projector receiving its event), phase-change delivery
   to every participant's stream, and lost placements (the last acknowledged
   position of every guest × fader compared with the database).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only, never another address

SETUP = r"""
import json, sys
import django
django.setup()
from mengpaneel.live import phases
from mengpaneel.testing.sessions import session_key_for
from mengpaneel.organisations.models import Municipality
from mengpaneel.testing.factories import (
    EditionFactory, MeetingFactory, OrganiserFactory, TrioFactory,
)

trios = int(sys.argv[1])
organiser = OrganiserFactory()
edition = EditionFactory(organisers=[organiser])
for municipality in Municipality.objects.order_by("code")[:trios]:
    TrioFactory(edition=edition, municipality=municipality)
live_round = phases.start(MeetingFactory(edition=edition), by=organiser)
print(json.dumps({
    "round": live_round.pk,
    "code": live_round.code,
    "trios": list(edition.trios.values_list("pk", flat=True)),
    "categories": list(live_round.panel_model.categories.values_list("key", flat=True)),
    "scale": [live_round.panel_model.scale_min, live_round.panel_model.scale_max],
    "organiser": session_key_for(organiser),
}))
"""

FINAL_STATE = r"""
import json
import django
django.setup()
from mengpaneel.live.models import GuestPlacement
print(json.dumps([
    [p.guest.name, p.category.key, p.position]
    for p in GuestPlacement.objects.select_related("category", "guest")
]))
"""


# --- A small HTTP/1.1 client: keep-alive, cookies, chunked bodies ------------------------


class Http:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(HOST, self.port)

    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    async def send_head(self, method: str, path: str, body: bytes, headers: dict) -> None:
        if self.writer is None or self.writer.is_closing():
            await self._connect()
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{self.port}"]
        if self.cookies:
            lines.append(f"Cookie: {self._cookie_header()}")
        for name, value in headers.items():
            lines.append(f"{name}: {value}")
        lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()

    async def read_head(self) -> tuple[int, dict[str, str]]:
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("connection closed")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, val = cookie.partition("=")
                self.cookies[key] = val
            else:
                headers[name] = value
        return status, headers

    async def read_body(self, headers: dict[str, str]) -> bytes:
        if headers.get("transfer-encoding") == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readline()).strip(), 16)
                if size == 0:
                    await self.reader.readline()
                    return b"".join(chunks)
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readline()
        length = int(headers.get("content-length", "0"))
        return await self.reader.readexactly(length) if length else b""

    async def request(
        self, method: str, path: str, form: dict | None = None, headers: dict | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        body = urlencode(form).encode() if form is not None else b""
        extra = dict(headers or {})
        if form is not None:
            extra["Content-Type"] = "application/x-www-form-urlencoded"
            extra["Referer"] = f"http://{HOST}:{self.port}{path}"
        for attempt in (1, 2):
            try:
                await self.send_head(method, path, body, extra)
                status, head = await self.read_head()
                content = await self.read_body(head)
                if head.get("connection", "").lower() == "close":
                    self.close()
                return status, head, content
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


async def csrf_token(http: Http, path: str) -> str:
    status, _, body = await http.request("GET", path)
    match = CSRF.search(body)
    if status != 200 or match is None:
        raise RuntimeError(f"no form on {path}: {status}")
    return match.group(1).decode()


# --- Streams ----------------------------------------------------------------------------


@dataclass
class Stream:
    """An EventSource, reduced: reads events and notes when each arrived."""

    name: str
    http: Http
    path: str
    phase_arrivals: dict[str, float] = field(default_factory=dict)
    placement_arrivals: dict[int, float] = field(default_factory=dict)
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    reconnects: int = 0
    # The projector also fetches its room view again, as live.js does: one fetch at a time,
    # changes that arrive meanwhile folded into the next one, at most one per MIN_REFRESH s.
    refresh_path: str | None = None
    refresh_http: Http | None = None
    refresh_times: list[float] = field(default_factory=list)
    _refresh_task: asyncio.Task | None = None
    _dirty: bool = False

    MIN_REFRESH = 0.5

    def changed(self) -> None:
        if self.refresh_path is None:
            return
        self._dirty = True
        if self._refresh_task is None or self._refresh_task.done():
            self._refresh_task = asyncio.create_task(self._refresh())

    async def _refresh(self) -> None:
        while self._dirty:
            self._dirty = False
            started = time.monotonic()
            try:
                status, _, _ = await self.refresh_http.request(
                    "GET", self.refresh_path, headers={"HX-Request": "true"}
                )
                if status == 200:
                    self.refresh_times.append(time.monotonic() - started)
            except (ConnectionError, asyncio.IncompleteReadError):
                self.refresh_http.close()
            await asyncio.sleep(max(0.0, self.MIN_REFRESH - (time.monotonic() - started)))

    async def run(self, until: float) -> None:
        while time.monotonic() < until:
            try:
                await self.http.send_head("GET", self.path, b"", {"Accept": "text/event-stream"})
                status, headers = await self.http.read_head()
                if status != 200:
                    raise RuntimeError(f"stream {self.name}: HTTP {status}")
                await self._read_events(until)
            except (ConnectionError, asyncio.IncompleteReadError, ValueError):
                pass
            self.http.close()
            self.reconnects += 1
            await asyncio.sleep(0.2)

    async def _read_events(self, until: float) -> None:
        buffer = b""
        reader = self.http.reader
        while time.monotonic() < until:
            size_line = await asyncio.wait_for(reader.readline(), timeout=until - time.monotonic())
            size = int(size_line.strip() or b"0", 16)
            if size == 0:
                return  # the server ended the stream; reconnect like a browser
            buffer += await reader.readexactly(size)
            await reader.readline()
            while b"\n\n" in buffer:
                raw, buffer = buffer.split(b"\n\n", 1)
                now = time.monotonic()
                for line in raw.split(b"\n"):
                    if line.startswith(b"data: "):
                        message = json.loads(line[6:])
                        self.ready.set()
                        if message["kind"] == "placement":
                            self.placement_arrivals[message["v"]] = now
                            self.changed()
                        elif message["kind"] in ("phase", "state"):
                            self.phase_arrivals.setdefault(message["phase"], now)


# --- Participants ---------------------------------------------------------------------


@dataclass
class Guest:
    number: int
    trio: int
    http: Http
    token: str = ""
    guest_id: int | None = None
    last_ok: dict[str, int | None] = field(default_factory=dict)
    # Positions sent after the last acknowledged one whose answer never came (timeouts):
    # the server may have stored one of them, which is newer, not lost.
    unanswered: dict[str, set] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    sent_at: dict[int, float] = field(default_factory=dict)  # version -> when the save was sent
    errors: int = 0


async def join(guest: Guest, code: str, round_id: int) -> None:
    http = guest.http
    token = await csrf_token(http, "/live/")
    status, _, _ = await http.request(
        "POST", "/live/", {"csrfmiddlewaretoken": token, "code": code}
    )
    assert status == 302, f"code refused ({status})"
    token = await csrf_token(http, "/live/meedoen/")
    status, _, body = await http.request(
        "POST",
        "/live/meedoen/",
        {"csrfmiddlewaretoken": token, "trio": guest.trio, "name": f"Deelnemer {guest.number}"},
    )
    assert status == 302, f"join refused ({status}): {body[:300]!r}"
    guest.token = await csrf_token(http, f"/live/{round_id}/")


async def move_faders(
    guest: Guest,
    round_id: int,
    categories: list[str],
    scale: tuple[int, int],
    until: float,
    think: float,
    rng: random.Random,
) -> None:
    path = f"/live/{round_id}/plaatsen/"
    await asyncio.sleep(rng.uniform(0, think))  # don't all start in the same millisecond
    while time.monotonic() < until:
        key = rng.choice(categories)
        position = rng.randint(*scale)
        form = {
            "csrfmiddlewaretoken": guest.token,
            "category": key,
            f"{key}-position": position,
            f"{key}-note": "",
            f"{key}-version": 0,  # a guest's placement has no version
        }
        sent = time.monotonic()
        guest.unanswered.setdefault(key, set()).add(position)
        try:
            status, headers, _ = await asyncio.wait_for(
                guest.http.request("POST", path, form, {"HX-Request": "true"}), timeout=10
            )
        except (TimeoutError, ConnectionError, asyncio.IncompleteReadError):
            guest.errors += 1
            guest.http.close()
            continue
        done = time.monotonic()
        if status == 200 and "x-live-version" in headers:
            guest.latencies.append(done - sent)
            guest.last_ok[key] = position
            guest.unanswered[key] = set()
            guest.sent_at[int(headers["x-live-version"])] = sent
        else:
            guest.errors += 1
        pause = min(rng.expovariate(1 / think), 4 * think)
        await asyncio.sleep(max(0.0, min(pause, until - time.monotonic())))


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (uvicorn workers), from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(child) for child in children]
    except OSError:
        return float("nan")
    for one in pids:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def production_env(data_dir: str) -> dict[str, str]:
    """The environment of a server as in production (DEBUG off), its data in ``data_dir``."""
    return {
        **os.environ,
        "MENGPANEEL_DATA_DIR": data_dir,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": HOST,
        "HTTPS": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def wait_for_port(port: int, seconds: float = 20.0) -> None:
    """Until the server just started accepts connections (or give up after ``seconds``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on {HOST}:{port}")


async def run(args: argparse.Namespace, env: dict, port: int, world: dict) -> dict:
    rng = random.Random(args.seed)
    round_id = world["round"]
    trios = world["trios"]
    guests = [
        Guest(number, trios[number % len(trios)], Http(port)) for number in range(args.participants)
    ]
    # Join in small batches, as people do when the code goes up.
    for start in range(0, len(guests), 25):
        await asyncio.gather(
            *(join(g, world["code"], round_id) for g in guests[start : start + 25])
        )
    print(f"{len(guests)} participants joined", flush=True)

    end_of_all = time.monotonic() + args.seconds + 60  # hard stop for every loop below
    projector_http = Http(port)
    projector_http.cookies["sessionid"] = world["organiser"]
    projector = Stream("projector", projector_http, f"/live/{round_id}/stroom/")
    projector.refresh_path = f"/live/{round_id}/beamer/zaal/"
    projector.refresh_http = Http(port)
    projector.refresh_http.cookies["sessionid"] = world["organiser"]
    streams = [projector] + [
        Stream(f"guest{g.number}", Http(port), f"/live/{round_id}/stroom/") for g in guests
    ]
    for stream, guest in zip(streams[1:], guests, strict=True):
        stream.http.cookies = dict(guest.http.cookies)
    stream_tasks = [asyncio.create_task(s.run(end_of_all)) for s in streams]
    await asyncio.wait_for(asyncio.gather(*(s.ready.wait() for s in streams)), timeout=60)
    print(f"{len(streams)} event streams open; moving faders for {args.seconds} s", flush=True)

    began = time.monotonic()
    server_cpu_before = cpu_seconds(args.server_pid)
    until = began + args.seconds
    await asyncio.gather(
        *(
            move_faders(g, round_id, world["categories"], world["scale"], until, args.think, rng)
            for g in guests
        )
    )
    elapsed = time.monotonic() - began
    server_cpu = cpu_seconds(args.server_pid) - server_cpu_before

    # The organiser moves the round on: how long until every participant knows?
    organiser = Http(port)
    organiser.cookies["sessionid"] = world["organiser"]
    token = await csrf_token(organiser, f"/live/{round_id}/regie/")
    moved_at = time.monotonic()
    status, _, _ = await organiser.request(
        "POST",
        f"/live/{round_id}/fase/",
        {"csrfmiddlewaretoken": token, "expected": "alone", "to": "reveal"},
    )
    assert status == 302, f"phase move refused ({status})"
    deadline = moved_at + 10
    while time.monotonic() < deadline and not all(
        "reveal" in s.phase_arrivals for s in streams[1:]
    ):
        await asyncio.sleep(0.02)
    phase_delays = [
        s.phase_arrivals["reveal"] - moved_at for s in streams[1:] if "reveal" in s.phase_arrivals
    ]
    for task in stream_tasks:
        task.cancel()
    await asyncio.gather(*stream_tasks, return_exceptions=True)

    latencies = [value for g in guests for value in g.latencies]
    propagation = []
    missing_events = 0
    for guest in guests:
        for version, sent in guest.sent_at.items():
            arrived = projector.placement_arrivals.get(version)
            if arrived is None:
                missing_events += 1
            else:
                propagation.append(arrived - sent)
    return {
        "guests": guests,
        "elapsed": elapsed,
        "saves": len(latencies),
        "errors": sum(g.errors for g in guests),
        "latencies": latencies,
        "propagation": propagation,
        "missing_events": missing_events,
        "phase_delays": phase_delays,
        "phase_missing": len(streams) - 1 - len(phase_delays),
        "reconnects": sum(s.reconnects for s in streams),
        "server_cpu": server_cpu,
        "refresh_times": projector.refresh_times,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--trios", type=int, default=None, help="default: participants / 3")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=6.0, help="mean pause between moves (s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--workers", type=int, default=1, help="app processes (more than 1 needs REDIS_URL)"
    )
    args = parser.parse_args()
    # Bounded, whatever is asked: this is a benchmark on a laptop, not a load test.
    args.participants = max(3, min(args.participants, 400))
    args.seconds = max(5.0, min(args.seconds, 300.0))
    args.trios = max(1, min(args.trios or args.participants // 3, 342))
    args.workers = max(1, min(args.workers, 4))
    if args.workers > 1 and not os.environ.get("REDIS_URL"):
        parser.error("--workers above 1 needs REDIS_URL: events must cross processes")

    with tempfile.TemporaryDirectory(prefix="mengpaneel-live-bench-") as tmp:
        env = {**production_env(tmp), "DJANGO_SETTINGS_MODULE": "mengpaneel.settings"}
        python = sys.executable
        command = [python, "-m", "mengpaneel.cli"]
        database = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite (WAL)"
        fanout = "Redis" if env.get("REDIS_URL") else "in-process"
        subprocess.run([*command, "migrate", "-v", "0"], env=env, check=True, timeout=300)
        subprocess.run([*command, "collectstatic", "--noinput", "-v", "0"], env=env, check=True)
        setup = subprocess.run(
            [python, "-c", SETUP, str(args.trios)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        world = json.loads(setup.stdout.strip().splitlines()[-1])
        port = free_port()
        log = Path(tmp) / "server.log"
        server = subprocess.Popen(
            [
                *command,
                "serve",
                "--host",
                HOST,
                "--port",
                str(port),
                "--workers",
                str(args.workers),
            ],
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        args.server_pid = server.pid
        try:
            wait_for_port(port)
            result = asyncio.run(asyncio.wait_for(run(args, env, port, world), args.seconds + 240))
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        final = subprocess.run(
            [python, "-c", FINAL_STATE], env=env, check=True, capture_output=True, text=True
        )
        stored = {(g, key): position for g, key, position in json.loads(final.stdout)}

    # Each client joined as "Deelnemer <number>": compare its last acknowledged positions.
    lost = 0
    acknowledged = 0
    for guest in result["guests"]:
        for key, position in guest.last_ok.items():
            acknowledged += 1
            found = stored.get((f"Deelnemer {guest.number}", key), "missing")
            if found != position and found not in guest.unanswered.get(key, set()):
                lost += 1

    client_cpu = resource.getrusage(resource.RUSAGE_SELF)
    ms = 1000
    lat, prop, phase = result["latencies"], result["propagation"], result["phase_delays"]
    print()
    print(
        f"Live round benchmark — {args.participants} participants in {args.trios} trios, "
        f"{args.seconds:.0f} s, think {args.think} s; {database}, fan-out {fanout}, "
        f"{args.workers} uvicorn process(es), {os.cpu_count()} cores"
    )
    print(
        f"  saves:               {result['saves']} ({result['saves'] / result['elapsed']:.1f}/s), "
        f"errors {result['errors']}"
    )
    print(
        f"  save latency:        p50 {statistics.median(lat) * ms:.1f} ms, "
        f"p95 {percentile(lat, 0.95) * ms:.1f} ms (target < 50 ms)"
    )
    print(
        f"  to the projector:    p50 {statistics.median(prop) * ms:.1f} ms, "
        f"p95 {percentile(prop, 0.95) * ms:.1f} ms (target < 300 ms); "
        f"events not seen {result['missing_events']}"
    )
    print(
        f"  phase change to all: p95 {percentile(phase, 0.95) * ms:.1f} ms, "
        f"max {max(phase) * ms:.1f} ms (target < 1 s); not reached {result['phase_missing']}"
    )
    refresh = result["refresh_times"]
    print(
        f"  projector view:      fetched {len(refresh)} times, "
        f"p50 {statistics.median(refresh) * ms if refresh else float('nan'):.1f} ms, "
        f"p95 {percentile(refresh, 0.95) * ms:.1f} ms"
    )
    print(f"  lost placements:     {lost} of {acknowledged} last positions (target 0)")
    print(f"  stream reconnects:   {result['reconnects']}")
    print(
        f"  CPU:                 server {result['server_cpu']:.1f} s during the "
        f"{result['elapsed']:.0f} s of fader moves "
        f"({result['server_cpu'] / max(result['saves'], 1) * ms:.1f} ms per save, streams "
        f"included); load generator {client_cpu.ru_utime + client_cpu.ru_stime:.1f} s in all, "
        "on the same cores"
    )
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
