"""Syndication and search at the origin: feeds, sitemaps and the search page under load.

A generated newsroom of 3,000 articles in a fresh SQLite file, indexed for
search, served by gunicorn on 127.0.0.1. Feeds and sitemaps are normally kept
by a CDN, so these are the numbers for a cache miss. `python -m bench.bench_syndication`
prints the rows alone.
"""

import subprocess
import time

from bench.common import PYTHON, ROOT, django_env, gunicorn_server, manage, prepared_sqlite, warm, wrk

ARTICLES = 3000
SECONDS = 8

# (measure, path, target) — targets are for one 2-core machine, cache misses only.
URLS = [
    ("RSS feed /feed/ (30 items)", "/feed/", 20),
    ("JSON Feed /feed.json", "/feed.json", 20),
    ("section RSS feed", "/section-3/feed/", 20),
    ("pages sitemap (3,000+ URLs)", "/sitemap-pages.xml", 2),
    ("Google News sitemap", "/news-sitemap.xml", 20),
    ("search, common word", "/search/?q=budget", 10),
    ("search, two words in a section", "/search/?q=harvest+winter&section=section-2", 10),
]


# Runs in a subprocess with Django set up: the SQL queries one request for each path runs (second request).
QUERIES_SCRIPT = """
import sys, django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="localhost")
for path in sys.argv[1:]:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    print(status, len(queries.captured_queries))
"""


def query_counts(paths, env):
    output = subprocess.run(
        [PYTHON, "-c", QUERIES_SCRIPT, *paths], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [tuple(int(word) for word in line.split()) for line in output.strip().splitlines()]


def run(report):
    _path, url = prepared_sqlite("syndication")
    env = django_env(url)
    started = time.monotonic()
    manage("generate_newsroom", "--articles", str(ARTICLES), "--contributors", "100", "--sections", "10", env=env)
    # generate_newsroom writes rows in bulk, past the search index; index them as a worker would.
    manage("update_index", env=env)
    report("syndication", f"build and index a {ARTICLES:,}-article newsroom", time.monotonic() - started, "s")

    for (measure, _path, _target), (status, count) in zip(
        URLS, query_counts([path for _m, path, _t in URLS], env), strict=True
    ):
        report("syndication", f"SQL queries: {measure}", count, "queries", note=f"HTTP {status}")

    with gunicorn_server(env=env) as base:
        for measure, path, target in URLS:
            status = warm(base + path, times=5)
            result = wrk(base + path, connections=8, seconds=SECONDS)
            note = f"HTTP {status}; p50 {result['p50_ms']:.0f} ms" if result["p50_ms"] is not None else f"HTTP {status}"
            if result["non_2xx_3xx"]:
                note += f"; {result['non_2xx_3xx']} errors"
            report("syndication", measure, result["rps"], "req/s", f"≥ {target}", note)
            report("syndication", f"{measure} p99", result["p99_ms"], "ms")


if __name__ == "__main__":

    def print_row(area, measure, value, unit, target="", note=""):
        print(f"{area} · {measure}: {value} {unit} {target} {note}".rstrip())

    run(print_row)
