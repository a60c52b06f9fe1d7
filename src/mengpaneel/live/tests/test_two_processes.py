"""Two app server processes on one database and one Redis: a room served by both.

A placement saved through process 1 must reach a stream opened on process 2
within a second. Each process is a real ``mengpaneel serve`` (uvicorn, ASGI)
on a free loopback port; the database is a migrated SQLite file in a temp dir.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mengpaneel.live.tests.conftest import redis_url

pytestmark = pytest.mark.redis

SETUP = r"""
import json
import django
django.setup()
from mengpaneel.live import phases
from mengpaneel.testing.sessions import session_key_for
from mengpaneel.testing.factories import (
    EditionFactory, MeetingFactory, OrganiserFactory, TrioFactory, TrioMemberFactory, municipality,
)

organiser = OrganiserFactory()
edition = EditionFactory(organisers=[organiser])
trio = TrioFactory(edition=edition, municipality=municipality("GM1959"))
member = TrioMemberFactory(trio=trio).user
live_round = phases.start(MeetingFactory(edition=edition), by=organiser)


print(json.dumps({
    "round": live_round.pk,
    "trio": trio.pk,
    "category": live_round.panel_model.categories.first().key,
    "member": session_key_for(member),
    "organiser": session_key_for(organiser),
}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server on {port} stopped: {log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"server on {port} did not start: {log.read_text()[-2000:]}")


@pytest.fixture
def two_servers(tmp_path):
    url = redis_url()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mengpaneel.settings",
        "MENGPANEEL_DATA_DIR": str(tmp_path),
        "REDIS_URL": url,
        "DEBUG": "true",
        "DATABASE_URL": "",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    command = [sys.executable, "-m", "mengpaneel.cli"]
    subprocess.run([*command, "migrate", "-v", "0"], env=env, check=True, timeout=120)
    setup = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, check=True, capture_output=True, text=True
    )
    world = json.loads(setup.stdout.strip().splitlines()[-1])
    servers = []
    for number in (1, 2):
        port = _free_port()
        log = tmp_path / f"server{number}.log"
        process = subprocess.Popen(
            [*command, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        servers.append((port, process, log))
    try:
        for port, process, log in servers:
            _wait_until_up(port, process, log)
        yield world, [port for port, _, _ in servers]
    finally:
        for _, process, _ in servers:
            process.terminate()
        for _, process, _ in servers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _listen(conn: http.client.HTTPConnection, path: str, session: str, events: queue.Queue):
    """An EventSource, reduced: read the stream line by line and time each event."""
    try:
        conn.request("GET", path, headers={"Cookie": f"sessionid={session}"})
        response = conn.getresponse()
        events.put(("status", response.status, time.monotonic()))
        while line := response.fp.readline():
            if line.startswith(b"data: "):
                events.put(("event", json.loads(line[6:]), time.monotonic()))
    except (OSError, ValueError, AttributeError):  # closed by the test when it is done
        pass


def test_a_placement_saved_on_one_process_reaches_a_stream_on_the_other(two_servers):
    world, (port1, port2) = two_servers
    round_id, key = world["round"], world["category"]
    events: queue.Queue = queue.Queue()
    stream = http.client.HTTPConnection("127.0.0.1", port2, timeout=10)
    listener = threading.Thread(
        target=_listen,
        args=(stream, f"/live/{round_id}/stroom/", world["organiser"], events),
        daemon=True,
    )
    listener.start()
    assert events.get(timeout=10)[:2] == ("status", 200)
    kind, state, _ = events.get(timeout=10)
    assert kind == "event" and state["kind"] == "state"

    # The member's browser, on process 1: fetch the page (CSRF token), then save a fader.
    member_cookie = f"sessionid={world['member']}"
    conn = http.client.HTTPConnection("127.0.0.1", port1, timeout=10)
    conn.request("GET", f"/live/{round_id}/", headers={"Cookie": member_cookie})
    page = conn.getresponse()
    html = page.read().decode()
    assert page.status == 200, html[:500]
    csrf_cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie") or "").group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = (
        f"csrfmiddlewaretoken={token}&category={key}&{key}-position=2&{key}-note=&{key}-version=0"
    )
    saved_at = time.monotonic()
    conn.request(
        "POST",
        f"/live/{round_id}/plaatsen/",
        body=body,
        headers={
            "Cookie": f"{member_cookie}; csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
            "HX-Request": "true",
            "Referer": f"http://127.0.0.1:{port1}/live/{round_id}/",
        },
    )
    response = conn.getresponse()
    response.read()
    assert response.status == 200
    conn.close()

    deadline = saved_at + 5
    try:
        while True:
            kind, message, at = events.get(timeout=max(deadline - time.monotonic(), 0.01))
            if kind == "event" and message["kind"] == "placement":
                break
    finally:
        # Close the stream, or the server's graceful shutdown would wait for it.
        if stream.sock is not None:
            stream.sock.shutdown(socket.SHUT_RDWR)
        stream.close()
        listener.join(timeout=5)
    assert message["trio"] == world["trio"] and message["v"] > state["v"]
    assert at - saved_at < 1.0, f"the event took {at - saved_at:.3f} s to cross processes"
