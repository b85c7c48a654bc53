"""Sign-up limits per client: the address comes from the right end of X-Forwarded-For (our proxies' entries),
and the count is shared by every web process without Redis."""

import json
import re
import threading
import time
import urllib.parse
import urllib.request

import pytest
from django.test import override_settings

from masthead.core.clients import client_address
from masthead.newsletters.factories import create_newsletter
from masthead.newsletters.tests.processes import SharedDatabase, environment, start_gunicorn, stop


class FakeRequest:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.2"),  # no trusted proxy: the header is the client's own words
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # nginx appended what it saw
        (2, "6.6.6.6, 198.51.100.7, 203.0.113.1", "198.51.100.7"),  # a CDN, then nginx
        (2, None, "10.0.0.2"),  # fewer entries than proxies: the nearest address we know
    ],
)
def test_the_client_address_is_read_from_the_right(proxies, forwarded, expected):
    with override_settings(MASTHEAD_TRUSTED_PROXIES=proxies):
        assert client_address(FakeRequest("10.0.0.2", forwarded)) == expected


@pytest.mark.django_db
@override_settings(MASTHEAD_NEWSLETTER_SIGNUPS_PER_CLIENT=5, MASTHEAD_TRUSTED_PROXIES=1)
def test_varying_the_first_forwarded_entry_does_not_escape_the_limit(client, newsletter):
    answers = [
        client.post(
            f"/newsletters/{newsletter.slug}/subscribe/",
            {"email": f"bot{n}@example.com"},
            HTTP_ACCEPT="application/json",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.7",
            REMOTE_ADDR="10.0.0.2",
        ).status_code
        for n in range(25)
    ]
    assert answers.count(200) == 5 and answers.count(429) == 20


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_gunicorn_workers_share_one_limit_without_redis(tmp_path):
    create_newsletter("limited", "Limited", "For the limit test.")
    database = SharedDatabase(tmp_path)
    env = environment(database.url, MASTHEAD_NEWSLETTER_SIGNUPS_PER_CLIENT=10, MASTHEAD_TRUSTED_PROXIES=1)
    env.pop("REDIS_URL", None)
    # The access log names the worker process that answered each request.
    env["GUNICORN_CMD_ARGS"] = "--access-logfile - --access-logformat 'answered-by=%(p)s path=%(U)s status=%(s)s'"
    web, base = start_gunicorn(env, tmp_path / "gunicorn.log", workers=2, threads=1)
    log = tmp_path / "gunicorn.log"
    statuses = []
    # Sequential requests may all be accepted by the same idle worker; a second client
    # keeping a worker busy with health checks sends the sign-ups to both in turn. (The
    # sign-ups themselves stay one at a time, as one client's would be.) On a loaded
    # machine the keeper may not overlap with the first thirty, so sign-ups go on, all
    # past the limit, until both workers have answered one.
    busy = threading.Event()
    keeper = threading.Thread(target=keep_busy, args=(f"{base}/healthz", busy), daemon=True)
    keeper.start()
    try:
        for n in range(150):
            if n >= 30 and len(signup_workers(log)) == 2:
                break
            body = urllib.parse.urlencode({"email": f"r{n}@example.org"}).encode()
            request = urllib.request.Request(
                f"{base}/newsletters/limited/subscribe/",
                data=body,
                headers={"Accept": "application/json", "X-Forwarded-For": f"192.0.2.{n}, 198.51.100.7"},
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    statuses.append(response.status)
                    json.loads(response.read())
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
    finally:
        busy.set()
        keeper.join(timeout=30)
        stop(web)
    assert len(signup_workers(log)) == 2, "both gunicorn workers answered"
    # Ten in all, whichever worker took them: each worker counting alone would have let up to twenty through.
    assert statuses[:10] == [200] * 10 and set(statuses[10:]) == {429}, statuses


def signup_workers(log):
    """The process ids of the gunicorn workers that have answered a sign-up so far (from the access log)."""
    return set(re.findall(r"answered-by=<(\d+)> path=/newsletters/", log.read_text() if log.exists() else ""))


def keep_busy(url, done, seconds=120):
    """GETs `url` over and over until `done` is set (or `seconds` pass): a second client of the site."""
    deadline = time.monotonic() + seconds
    while not done.is_set() and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                response.read()
        except OSError:
            time.sleep(0.05)
