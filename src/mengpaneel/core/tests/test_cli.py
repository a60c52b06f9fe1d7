import subprocess
import sys
from pathlib import Path

import pytest

MENGPANEEL = Path(sys.executable).parent / "mengpaneel"


@pytest.mark.skipif(not MENGPANEEL.exists(), reason="the package is not installed in this venv")
def test_mengpaneel_command_fronts_every_management_command():
    result = subprocess.run(
        [str(MENGPANEEL), "help"], capture_output=True, text=True, timeout=60, check=True
    )
    for command in ["serve", "demo", "migrate", "createsuperuser", "check"]:
        assert command in result.stdout


@pytest.mark.skipif(not MENGPANEEL.exists(), reason="the package is not installed in this venv")
def test_serve_explains_its_options():
    result = subprocess.run(
        [str(MENGPANEEL), "serve", "--help"], capture_output=True, text=True, timeout=60
    )
    assert "--port" in result.stdout
