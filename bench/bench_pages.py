"""Reader pages under load: a generated newsroom of 10,000 articles, gunicorn, 32 connections."""

import subprocess

from .common import PYTHON, ROOT, count_queries, django_env, gunicorn_server, prepared_sqlite, warm, wrk

PAGES = [
    # (row label, path, target for requests/s, target for p99 ms)
    ("article page", "/section-7/story-9987/", 250, 400),
    ("home page", "/", None, None),
    ("section page", "/section-3/", None, None),
    ("contributor page", "/authors/reporter-5/", None, None),
]


def run(report):
    path, url = prepared_sqlite("pages")
    env = django_env(url)
    subprocess.run(
        [
            PYTHON,
            str(ROOT / "manage.py"),
            "generate_newsroom",
            "--articles",
            "10000",
            "--contributors",
            "200",
            "--sections",
            "20",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # SQLite plans joins well only with statistics, as PostgreSQL's autovacuum keeps them.
    subprocess.run(
        [PYTHON, "-c", f"import sqlite3; c = sqlite3.connect({str(path)!r}); c.execute('ANALYZE'); c.commit()"],
        check=True,
    )
    queries = {page: count_queries(page, django_env(url, settings="masthead.settings.dev")) for _, page, _, _ in PAGES}
    with gunicorn_server(env) as base:
        for label, page, rps_target, p99_target in PAGES:
            warm(base + page)
            result = wrk(base + page, connections=32, seconds=10)
            report("pages", f"{label}: requests/s", result["rps"], "req/s", f"≥ {rps_target}" if rps_target else "")
            report("pages", f"{label}: p50 latency", result["p50_ms"], "ms")
            report("pages", f"{label}: p99 latency", result["p99_ms"], "ms", f"< {p99_target}" if p99_target else "")
            report("pages", f"{label}: SQL queries", queries[page], "queries", "≤ 12")
            if result["non_2xx_3xx"]:
                report("pages", f"{label}: error responses", result["non_2xx_3xx"], "responses", "0")
