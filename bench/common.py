"""What every benchmark needs: a prepared database, the site under gunicorn, a load generator.

Everything binds to and sends traffic to 127.0.0.1 only.
"""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from masthead.core.testing_nginx import serving

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def django_env(database_url=None, settings="masthead.settings.bench", **extra):
    """Environment for a subprocess running Masthead against `database_url`."""
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = settings
    env["MASTHEAD_VAR_DIR"] = str(BENCH_DIR)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(*args, env=None, check=True, quiet=True):
    """Runs `manage.py <args>` in a subprocess."""
    output = subprocess.DEVNULL if quiet else None
    return subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env or django_env(), check=check, stdout=output)


def prepared_sqlite(name):
    """A fresh, migrated SQLite file var/bench/<name>.sqlite3: returns (path, database_url)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    manage("migrate", "--noinput", env=django_env(url))
    return path, url


@contextlib.contextmanager
def gunicorn_server(env=None, workers=None, threads=1):
    """The site under gunicorn on 127.0.0.1; yields the base URL ("http://127.0.0.1:PORT")."""
    port = free_port()
    workers = workers or (os.cpu_count() or 1) * 2
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "masthead.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--log-level",
            "warning",
            "--keep-alive",
            "5",
            # gunicorn 27 otherwise opens a control socket at one path in the home folder for every instance.
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env or django_env(),
    )
    with serving(process, f"http://127.0.0.1:{port}", "gunicorn", 60) as base:
        yield base


def warm(url, times=20, headers=None):
    """Fetches `url` a few times so caches, renditions and connections are made before measuring."""
    status = None
    for _ in range(times):
        request = urllib.request.Request(url, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
    return status


_WRK_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, connections=32, seconds=10, headers=None, threads=2):
    """Load `url` with wrk (Debian's); returns rps, p50_ms, p99_ms, requests, non_2xx_3xx."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("Benchmarks only send traffic to 127.0.0.1.")
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk; make test installs it)")
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    latencies = {match[0]: _ms(match[1], match[2]) for match in _WRK_LATENCY.findall(output)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    transfer = re.search(r"([\d.]+)([KMG]?B) read", output)
    return {
        "rps": rps,
        "p50_ms": latencies.get("50"),
        "p99_ms": latencies.get("99"),
        "requests": total,
        "non_2xx_3xx": int(bad.group(1)) if bad else 0,
        # connect, read and write errors and time-outs together
        "socket_errors": sum(int(value) for value in socket.groups()) if socket else 0,
        "bytes_per_request": _bytes(*transfer.groups()) / max(total, 1) if transfer else None,
    }


def _bytes(value, unit):
    return float(value) * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[unit]


def peak_rss_mb(process_or_pid):
    """Peak resident memory (VmHWM) of a running process, in MB."""
    pid = getattr(process_or_pid, "pid", process_or_pid)
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def count_queries(path, env, requests=2, page_cache="off"):
    """SQL queries Django runs for the last of `requests` requests of `path` (a subprocess, the test client).

    With the origin page cache off (the default here) that is the cost of a render;
    with it on, the cost of a hit.
    """
    env = {**env, "MASTHEAD_PAGE_CACHE": page_cache}
    code = (
        "import django, sys; django.setup();"
        "from django.db import connection; from django.test import Client;"
        "from django.test.utils import CaptureQueriesContext;"
        'client = Client(HTTP_HOST="127.0.0.1"); [client.get(sys.argv[1]) for _ in range(int(sys.argv[2]) - 1)];'
        "ctx = CaptureQueriesContext(connection)\n"
        "with ctx: response = client.get(sys.argv[1])\n"
        "print(response.status_code, len(ctx.captured_queries))"
    )
    output = subprocess.run(
        [PYTHON, "-c", code, path, str(requests)], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    status, count = output.stdout.strip().split()[-2:]
    return int(count)
