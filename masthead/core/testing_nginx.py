"""Debian's nginx running deploy/nginx.conf on 127.0.0.1: used by the bench (bench/bench_pages.py) and by
masthead/core/tests/test_nginx_recipe.py, so both run the recipe the same way.

No Django import here: the bench loads this module outside Django.
"""

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECIPE = ROOT / "deploy" / "nginx.conf"
# Debian installs nginx in /usr/sbin, which is not on every user's PATH.
NGINX = "/usr/sbin/nginx"
# The recipe's cache folder, which the tests and the bench move into a folder of their own.
CACHE_FOLDER = "/var/lib/nginx/masthead"


def nginx_binary():
    """The nginx executable (PATH first, then Debian's /usr/sbin/nginx), or None."""
    found = shutil.which("nginx")
    if found:
        return found
    return NGINX if Path(NGINX).is_file() else None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def nginx_in_front(upstream):
    """Debian's nginx on 127.0.0.1 running deploy/nginx.conf, in front of `upstream`; yields its base URL.

    Only the listen port, the upstream address and the cache folder of the recipe are replaced.
    """
    recipe = RECIPE.read_text()
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="masthead-nginx-"))
    folder.chmod(0o777)  # nginx's workers drop root and write the cache here
    upstream_address = upstream.removeprefix("http://")
    recipe = (
        recipe.replace("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;")
        .replace("server 127.0.0.1:8000;", f"server {upstream_address};")
        .replace(f"proxy_cache_path {CACHE_FOLDER} ", f"proxy_cache_path {folder / 'cache'} ")
    )
    (folder / "masthead.conf").write_text(recipe)
    (folder / "nginx.conf").write_text(
        f"""worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/masthead.conf;
}}
"""
    )
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx; make test installs it)")
    process = subprocess.Popen([binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"])
    try:
        with serving(process, f"http://127.0.0.1:{port}", "nginx", 20, log=folder / "error.log") as base:
            yield base
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def serving(process, base, name, seconds, log=None):
    """Yields `base` once `process` answers its health check there; stops the process afterwards."""
    try:
        wait_until_healthy(base, process, name, seconds, log=log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_until_healthy(base, process, name, seconds, log=None):
    """Waits until `base`/healthz answers; raises if `process` exits first or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).read()
            return
        except OSError:
            if process.poll() is not None:
                told = log.read_text() if log is not None and log.exists() else ""
                raise RuntimeError(f"{name} exited during start-up: {told}".rstrip(": ")) from None
            time.sleep(0.2)
    raise RuntimeError(f"{name} did not answer within {seconds} s")
