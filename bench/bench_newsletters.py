"""Newsletters: an edition to 100,000 confirmed subscribers through a real SMTP server, and sign-ups under load.

Everything runs on 127.0.0.1: a prepared SQLite file with the subscribers
created in bulk, the real worker (`manage.py db_worker`) sending to an aiosmtpd
server in this process, and the site under gunicorn for the sign-up rate.
`python -m bench.bench_newsletters` prints the rows alone.
"""

import os
import re
import subprocess
import sys
import tempfile
import threading
import time

from bench.common import PYTHON, ROOT, django_env, free_port, gunicorn_server, peak_rss_mb, prepared_sqlite

SUBSCRIBERS = 100_000
CONNECTIONS = 8  # mail connections the worker keeps open (MASTHEAD_NEWSLETTER_CONNECTIONS; default 4)

# Runs in a subprocess with Django set up: the newsletter, its readers (in bulk) and an edition due now.
PREPARE_SCRIPT = """
import sys, django
django.setup()
from masthead.newsletters.factories import bulk_subscribers, create_newsletter, make_edition
newsletter = create_newsletter("bench-daily", "The Bench Daily", "Every day.", sender_email="daily@news.example.com")
bulk_subscribers(newsletter, int(sys.argv[1]), prefix="reader")
create_newsletter("bench-signups", "Sign-up Bench", "For the sign-up rate.")
edition = make_edition(newsletter, "One hundred thousand readers", body=[
    "<p>Good morning. Here is what matters today, in a few paragraphs of text that make the message "
    "about as long as a real morning briefing.</p>"] * 8)
edition.schedule()
print(edition.pk)
"""

# The real worker, after queueing due editions the way `manage.py send_scheduled_editions` does.
WORKER_SCRIPT = (
    "import django, sys; django.setup(); from django.core.management import call_command;"
    "call_command('send_scheduled_editions'); call_command('db_worker', *sys.argv[1:])"
)

STATE_SCRIPT = """
import sys, django
django.setup()
from masthead.newsletters.models import Edition
edition = Edition.objects.get(pk=int(sys.argv[1]))
progress = edition.progress()
print(edition.state, progress["sent"], progress["failed"], progress["deferred"])
"""

SIGNUP_LUA = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, "next=%2F&email=bench-" .. id .. "-" .. n .. "%40example.org")
end
"""


class CountingHandler:
    """An SMTP server that only counts what it accepts, and when (the worker, not the server, is measured)."""

    def __init__(self):
        self.count, self.first, self.last = 0, None, None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        now = time.monotonic()
        with self.lock:
            self.count += len(envelope.rcpt_tos)
            self.first = self.first or now
            self.last = now
        return "250 OK"


def send_edition(report):
    from aiosmtpd.controller import Controller

    _, database_url = prepared_sqlite("newsletters")
    handler, port = CountingHandler(), free_port()
    server = Controller(handler, hostname="127.0.0.1", port=port)
    env = django_env(
        database_url,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        MASTHEAD_NEWSLETTER_CONNECTIONS=CONNECTIONS,
    )
    created = time.monotonic()
    prepared = subprocess.run(
        [PYTHON, "-c", PREPARE_SCRIPT, str(SUBSCRIBERS)], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    edition_id = prepared.stdout.strip().splitlines()[-1]
    report("newsletters", "create 100,000 confirmed subscribers (bulk)", time.monotonic() - created, "s")

    server.start()
    worker = subprocess.Popen(
        [PYTHON, "-c", WORKER_SCRIPT, "--interval", "0.2", "--no-startup-delay", "--no-reload", "-v", "0"],
        env=env,
        cwd=ROOT,
    )
    peak = 0.0
    started = time.monotonic()
    try:
        while handler.count < SUBSCRIBERS and time.monotonic() - started < 1800:
            if worker.poll() is not None:
                raise RuntimeError("the worker stopped before the edition was sent")
            peak = max(peak, peak_rss_mb(worker) or 0)
            time.sleep(0.5)
        peak = max(peak, peak_rss_mb(worker) or 0)
        state = subprocess.run(
            [PYTHON, "-c", STATE_SCRIPT, edition_id], env=env, cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        server.stop()

    sending = max(handler.last - handler.first, 1e-9) if handler.first else float("inf")
    note = f"{handler.count:,} accepted over {CONNECTIONS} connections; edition {state[0]}, {state[2]} failed"
    report("newsletters", "edition to 100,000 subscribers: messages/s", handler.count / sending, "msg/s", "≥ 500", note)
    report(
        "newsletters",
        "edition to 100,000: press Send → last message",
        handler.last - started if handler.last else float("nan"),
        "s",
        "",
        "worker start, 100,000 deliveries created in bulk, all sent",
    )
    report("newsletters", "sending worker peak memory (VmHWM)", peak, "MB", "< 300")
    return env


def signups(report, env):
    env = {**env, "MASTHEAD_NEWSLETTER_SIGNUPS_PER_CLIENT": str(10**9)}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(SIGNUP_LUA)
    try:
        with gunicorn_server(env=env) as base:
            url = f"{base}/newsletters/bench-signups/subscribe/"
            command = ["wrk", "-t", "2", "-c", "16", "-d", "10s", "--timeout", "10s", "-s", script.name, url]
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    note = "distinct addresses, SQLite, each queues one task that stores the pending subscription and its email"
    if bad:
        note += f"; {bad.group(1)} non-2xx"
    report("newsletters", "sign-up requests/s (gunicorn, 16 connections)", rps, "req/s", "", note)


def run(report):
    env = send_edition(report)
    signups(report, env)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))

    def show(area, measure, value, unit, target="", note=""):
        print(f"{area} · {measure}: {value:,.2f} {unit} {target} {note}")

    run(show)
