"""Reader pages under load: a generated newsroom of 10,000 articles, gunicorn, then nginx in front.

Rows: each page cold (origin page cache off: every request renders) and warm
(served from the origin cache), at 32 connections and the article at 256;
queries per render and per hit; bytes on the wire; the four pages behind
deploy/nginx.conf on a real nginx. `bench/run.py --against NAME=URL` loads
other sites' pages in the same run, with the same wrk settings, right after
Masthead's article page, and prints each one's ratio to Masthead's.
Every client sends "Accept-Encoding: gzip, deflate, br", as browsers do.
"""

import gzip
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import brotli

from masthead.core.testing_nginx import nginx_in_front

from .common import PYTHON, ROOT, count_queries, django_env, gunicorn_server, prepared_sqlite, warm, wrk

ARTICLE = "/section-7/story-9987/"
PAGES = [
    # (row label, path)
    ("article page", ARTICLE),
    ("home page", "/"),
    ("section page", "/section-3/"),
    ("contributor page", "/authors/reporter-5/"),
]
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
# (name, url) pairs from run.py --against NAME=URL
AGAINST = []
TARGETS = {
    ("article page", "cold", 32): "≥ 2× Ghost",
    ("home page", "cold", 32): "≥ 100",
    ("article page", "warm", 32): "≥ 2,000",
}


def run(report):
    path, url = prepared_sqlite("pages")
    env = django_env(url)
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), "generate_newsroom", "--articles", "10000", "--contributors", "200"]
        + ["--sections", "20"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # SQLite plans joins well only with statistics, as PostgreSQL's autovacuum keeps them.
    subprocess.run(
        [PYTHON, "-c", f"import sqlite3; c = sqlite3.connect({str(path)!r}); c.execute('ANALYZE'); c.commit()"],
        check=True,
    )
    for label, page in PAGES:
        report("pages", f"{label}: SQL queries per render", count_queries(page, env), "queries", "≤ 12")
    hits = count_queries(ARTICLE, env, requests=3, page_cache="on")
    report("pages", "article page: SQL queries per cache hit", hits, "queries", "0")

    cold = {}
    with gunicorn_server({**env, "MASTHEAD_PAGE_CACHE": "off"}) as base:
        for label, page in PAGES:
            cold[label] = load(report, base + page, label, "cold", 32)
            if label == "article page":
                for name, other in AGAINST:
                    compare(report, name, other, cold[label], "cold")
        load(report, base + ARTICLE, "article page", "cold", 256)
        wire(report, base)

    with gunicorn_server(env) as base:
        warm_rps = {}
        for label, page in PAGES:
            warm_rps[label] = load(report, base + page, label, "warm", 32)
        load(report, base + ARTICLE, "article page", "warm", 256, p99_target="< 200", errors_target="0")
        for name, other in AGAINST:
            compare(report, name, other, warm_rps["article page"], "warm")
        if shutil.which("nginx"):
            with nginx_in_front(base) as front:
                for label, page in PAGES:
                    load(
                        report,
                        front + page,
                        f"{label} behind nginx",
                        "nginx",
                        32,
                        rps_target=("≥ 30,000" if label == "article page" else ""),
                    )
        else:
            report("pages", "article page behind nginx", "nginx not installed", "", "≥ 30,000")


def load(report, url, label, state, connections, rps_target=None, p99_target="", errors_target=""):
    warm(url, headers=BROWSER)
    result = wrk(url, connections=connections, seconds=10, headers=BROWSER)
    if rps_target is None:
        rps_target = TARGETS.get((label, state, connections), "")
    name = f"{label}, {state}, {connections} connections" if state != "nginx" else f"{label}, {connections} connections"
    errors = result["socket_errors"] + result["non_2xx_3xx"]
    note = f"p50 {result['p50_ms']:.1f} ms · {errors} errors · {result['bytes_per_request'] / 1024:.1f} KB per answer"
    report("pages", f"{name}: requests/s", result["rps"], "req/s", rps_target, note)
    report("pages", f"{name}: p99 latency", result["p99_ms"], "ms", p99_target)
    if connections > 32:
        report("pages", f"{name}: errors", errors, "responses", errors_target)
    return result["rps"]


def compare(report, name, url, masthead_rps, state):
    """Another site's page, loaded like Masthead's, with Masthead's ratio to it."""
    if not url.startswith("http://127.0.0.1:"):
        report("pages", f"{name}: skipped", url, "", "", "only 127.0.0.1 addresses are loaded")
        return
    warm(url, headers=BROWSER)
    result = wrk(url, connections=32, seconds=10, headers=BROWSER)
    ratio = masthead_rps / result["rps"] if result["rps"] else 0
    errors = result["socket_errors"] + result["non_2xx_3xx"]
    note = (
        f"Masthead {state} article = {ratio:.2f}× {name} · p50 {result['p50_ms']:.1f} ms · p99 "
        f"{result['p99_ms']:.0f} ms · {errors} errors · {result['bytes_per_request'] / 1024:.1f} KB per answer"
    )
    report(
        "pages",
        f"{name} ({url.split('/', 3)[-1] or '/'}), 32 connections: requests/s",
        result["rps"],
        "req/s",
        "",
        note,
    )


ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="(/[^"]+)"')


def fetch(url, encoding=""):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers.get("Content-Encoding", "")


def wire(report, base):
    """HTML, CSS and JS of the article page: compressed as a browser gets them, and uncompressed."""
    html, _ = fetch(base + ARTICLE)
    assets = [path for path in ASSET.findall(html.decode()) if "media=" not in path]
    plain = len(html) + sum(len(fetch(base + path)[0]) for path in assets)
    compressed = 0
    for path in [ARTICLE, *assets]:
        body, encoding = fetch(base + path, "gzip, deflate, br")
        compressed += len(body)
        if encoding == "br":
            brotli.decompress(body)
        elif encoding == "gzip":
            gzip.decompress(body)
    note = f"{len(assets)} files besides the HTML: " + ", ".join(Path(path).name for path in assets)
    report("pages", "article page HTML+CSS+JS on the wire, compressed", compressed / 1024, "KB", "≤ 25", note)
    report(
        "pages",
        "article page HTML+CSS+JS, uncompressed",
        plain / 1024,
        "KB",
        "≤ 60",
        f"HTML alone {len(html) / 1024:.1f} KB",
    )
