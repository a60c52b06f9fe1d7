"""A real read-only disk under a real server (needs a mount namespace; skipped elsewhere).

The review reproduced it so: the data directory remounted read-only, and
`mengpaneel serve` stopped with a traceback. Now it starts, says why saving will not
work, serves pages, and /gezond/ reports the database as read-only.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.test_settings import _manage


def _can_remount(tmp_path) -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        [
            "unshare",
            "-m",
            "sh",
            "-c",
            f"mount --bind {tmp_path} {tmp_path} && mount -o remount,ro,bind {tmp_path} {tmp_path}",
        ],
        capture_output=True,
    )
    return probe.returncode == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_serve_starts_on_a_read_only_disk_and_says_so(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    if not _can_remount(data):
        pytest.skip("needs `unshare -m` and mount (root in a namespace) to remount read-only")
    assert _manage("migrate", "-v", "0", MENGPANEEL_DATA_DIR=str(data)).returncode == 0
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(MENGPANEEL_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="mengpaneel.settings")
    serve = f"{sys.executable} -m mengpaneel.cli serve --port {port}"
    server = subprocess.Popen(
        [
            "unshare",
            "-m",
            "sh",
            "-c",
            f"mount --bind {data} {data} && mount -o remount,ro,bind {data} {data} && exec {serve}",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert "runs on" in server.stdout.readline()
        status, body = 0, ""
        for _attempt in range(50):
            try:
                status, body = _get(f"http://127.0.0.1:{port}/gezond/")
                break
            except OSError:
                time.sleep(0.2)
        assert status == 503
        assert json.loads(body)["database"] == "read-only"
        assert _get(f"http://127.0.0.1:{port}/inloggen/")[0] == 200
    finally:
        server.terminate()
        _out, errors = server.communicate(timeout=30)
    assert "read-only disk" in errors
    assert "Traceback" not in errors
