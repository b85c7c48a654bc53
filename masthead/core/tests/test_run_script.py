"""`make run` (scripts/run.sh) when the port it would serve on is taken."""

import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_a_taken_port_is_said_before_anything_starts():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            ["bash", "scripts/run.sh"],
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", "PORT": str(port)},
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    assert run.returncode == 1
    assert run.stderr.strip() == (
        f"Port {port} on 127.0.0.1 is already in use (another make run?). "
        "Stop that, or choose another port: PORT=8001 make run"
    )
    assert "Masthead is running" not in run.stdout
