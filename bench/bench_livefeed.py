"""Live news feed under load: updates.json (304 and 200 answers) and /news-feed/ with 5,000 items.

Every open page polls updates.json; readers who are up to date all ask for the
same URL, and browsers send back the ETag they hold, so the 304 answer is the
hot path at the origin when no CDN is in front.
"""

import json
import os
import re
import subprocess
import urllib.request

from .common import PYTHON, ROOT, count_queries, django_env, gunicorn_server, prepared_sqlite, warm, wrk

ITEMS = 5000
# A page that polls a few changes behind gets this many items in its 200 answer.
CHANGES_BEHIND = 5


def populate(count=ITEMS):
    """Runs in a subprocess against the prepared SQLite file: a site and `count` published items."""
    import django

    django.setup()
    from datetime import timedelta

    from django.utils import timezone

    from masthead.articles.factories import make_site
    from masthead.livefeed.factories import create_news_item
    from masthead.livefeed.models import NewsItem
    from masthead.livefeed.updates import to_cursor

    make_site()
    now = timezone.now()
    body = (
        "<p>Officials said the repairs would take <b>at least two days</b>. “We are working around the clock,” "
        "the regional administration said in a statement, adding that detours were signposted.</p>"
    )
    # In bulk, as an archive import would: revisions are not needed to read them.
    items = []
    for number in range(count - CHANGES_BEHIND):
        moment = now - timedelta(minutes=3 * (count - number))
        items.append(
            NewsItem(
                headline=f"Update {number}: road bridge on the northern bypass closed for repairs",
                body=body,
                body_html=body,
                published_at=moment,
                changed_at=moment,
                first_published_at=moment,
                last_published_at=moment,
                live=True,
                pinned=number in (count - 40, count - 400),
            )
        )
    NewsItem.objects.bulk_create(items, batch_size=500)
    before = to_cursor(NewsItem.objects.latest("changed_at").changed_at)
    # The newest few through the editor's path (revisions, publish), as they happen.
    for number in range(CHANGES_BEHIND):
        create_news_item(f"Breaking {number}: power restored in the east", body, now - timedelta(seconds=number))
    print(json.dumps({"behind": str(before)}))


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def run(report):
    path, url = prepared_sqlite("livefeed")
    env = django_env(url)
    output = subprocess.run(
        [PYTHON, "-c", "from bench.bench_livefeed import populate; populate()"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    behind = json.loads(output.strip().splitlines()[-1])["behind"]
    subprocess.run(
        [PYTHON, "-c", f"import sqlite3; c = sqlite3.connect({str(path)!r}); c.execute('ANALYZE'); c.commit()"],
        check=True,
    )
    feed_queries = count_queries("/news-feed/", env)

    # One worker per core: every request here is pure CPU (SQLite in the same
    # process, answers from memory), so more workers only take turns on the cores.
    with gunicorn_server(env, workers=os.cpu_count() or 1) as base:
        updates = base + "/news-feed/updates.json"
        _, _, body = _get(updates)
        current = json.loads(body)["cursor"]
        up_to_date = f"{updates}?after={current}"
        _, headers, _ = _get(up_to_date)
        etag = headers["ETag"]
        status_304 = warm(up_to_date, headers={"If-None-Match": etag})
        if status_304 != 304:
            raise RuntimeError(f"updates.json answered {status_304} to its own ETag")

        # Let every worker load its code paths and caches before measuring.
        wrk(up_to_date, connections=32, seconds=3, headers={"If-None-Match": etag})
        result = wrk(up_to_date, connections=32, seconds=10, headers={"If-None-Match": etag})
        report("livefeed", "updates.json 304 (own ETag): requests/s", result["rps"], "req/s", "≥ 1,500")
        report("livefeed", "updates.json 304: p99 latency", result["p99_ms"], "ms")
        _errors(report, "updates.json 304", result)

        behind_url = f"{updates}?after={behind}"
        _, _, body = _get(behind_url)
        sent = len(json.loads(body)["items"])
        warm(behind_url)
        result = wrk(behind_url, connections=32, seconds=10)
        report(
            "livefeed",
            "updates.json 200: requests/s",
            result["rps"],
            "req/s",
            "≥ 500",
            f"{sent} changed items in each answer ({len(body):,} bytes)",
        )
        report("livefeed", "updates.json 200: p99 latency", result["p99_ms"], "ms")
        _errors(report, "updates.json 200", result)

        warm(up_to_date)
        result = wrk(up_to_date, connections=32, seconds=10)
        report("livefeed", "updates.json 200, nothing new: requests/s", result["rps"], "req/s")

        feed = base + "/news-feed/"
        warm(feed)
        result = wrk(feed, connections=32, seconds=10)
        note = f"{ITEMS:,} items in the database, 30 shown"
        report("livefeed", "/news-feed/: requests/s", result["rps"], "req/s", "", note)
        report("livefeed", "/news-feed/: p50 latency", result["p50_ms"], "ms")
        report("livefeed", "/news-feed/: p99 latency", result["p99_ms"], "ms")
        report("livefeed", "/news-feed/: SQL queries", feed_queries, "queries")
        _errors(report, "/news-feed/", result)

        oldest = base + "/news-feed/?before=" + _deep_cursor(base)
        warm(oldest)
        result = wrk(oldest, connections=32, seconds=10)
        report(
            "livefeed", "/news-feed/ 100 pages deep: requests/s", result["rps"], "req/s", "", "keyset cursor, no OFFSET"
        )


def _deep_cursor(base, pages=100):
    """The "Load more" cursor `pages` steps down the feed, followed link by link."""
    url = base + "/news-feed/"
    cursor = ""
    for _ in range(pages):
        _, _, body = _get(url)
        match = re.search(rb'href="/news-feed/\?before=([0-9_]+)" rel="next"', body)
        if not match:
            break
        cursor = match[1].decode()
        url = f"{base}/news-feed/?before={cursor}"
    return cursor


def _errors(report, label, result):
    if result["non_2xx_3xx"]:
        report("livefeed", f"{label}: error responses", result["non_2xx_3xx"], "responses", "0")
