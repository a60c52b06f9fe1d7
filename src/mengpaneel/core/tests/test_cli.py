import subprocess
import sys
from pathlib import Path

MENGPANEEL = Path(sys.executable).parent / "mengpaneel"


def test_mengpaneel_command_fronts_every_management_command():
    assert MENGPANEEL.exists(), "`make install` puts the mengpaneel command in the venv"
    result = subprocess.run(
        [str(MENGPANEEL), "help"], capture_output=True, text=True, timeout=60, check=True
    )
    for command in ["serve", "demo", "migrate", "createsuperuser", "check"]:
        assert command in result.stdout


def test_serve_explains_its_options():
    result = subprocess.run(
        [str(MENGPANEEL), "serve", "--help"], capture_output=True, text=True, timeout=60
    )
    assert "--port" in result.stdout
