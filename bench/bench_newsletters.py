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

SUBSCRIBERS = int(os.environ.get("BENCH_NEWSLETTER_SUBSCRIBERS", 100_000))  # smaller for a quick try
CONNECTIONS = 8  # mail connections the worker keeps open (MASTHEAD_NEWSLETTER_CONNECTIONS; default 4)
PACED_RATE = 50
PACED_SUBSCRIBERS = int(os.environ.get("BENCH_NEWSLETTER_PACED", 1_500))  # the paced run: 30 s at 50 messages/s

# Runs in a subprocess with Django set up: the readers (in bulk) of three newsletters (clicks counted,
# clicks not counted, a paced one) and a draft edition for each, with ten links like a real briefing.
PREPARE_SCRIPT = """
import sys, django
django.setup()
from masthead.newsletters.factories import bulk_subscribers, create_newsletter, make_edition
from masthead.newsletters.models import Newsletter
count, paced = int(sys.argv[1]), int(sys.argv[2])
ids = []
editions = [("bench-tracked", True, count), ("bench-plain", False, count), ("bench-paced", True, paced)]
for slug, tracked, readers in editions:
    newsletter = create_newsletter(slug, slug, "Every day.", sender_email="daily@news.example.com")
    Newsletter.objects.filter(pk=newsletter.pk).update(track_clicks=tracked)
    bulk_subscribers(newsletter, readers, prefix="reader")
    paragraph = (
        "<p>Good morning. Here is what matters today, in a few paragraphs of text that make the message "
        "about as long as a real morning briefing: <a href=\\"https://news.example.com/story/{n}?from=briefing\\">"
        "the story</a> and <a href=\\"https://data.example.org/chart-{n}\\">its numbers</a>.</p>"
    )
    edition = make_edition(newsletter, "One hundred thousand readers", body=[paragraph.format(n=n) for n in range(5)])
    ids.append(edition.pk)
create_newsletter("bench-signups", "Sign-up Bench", "For the sign-up rate.")
print(*ids)
"""

SCHEDULE_SCRIPT = """
import sys, django
django.setup()
from masthead.newsletters.models import Edition
Edition.objects.get(pk=int(sys.argv[1])).schedule()
"""

# The real worker, after queueing due editions the way `manage.py send_scheduled_editions` does.
WORKER_SCRIPT = (
    "import django, sys; django.setup(); from django.core.management import call_command;"
    "call_command('send_scheduled_editions'); call_command('db_worker', *sys.argv[1:])"
)

# What link rewriting costs on its own: the worker's work for one copy (the personal bytes handed to
# smtplib) with and without tracked links, in one process, on the same 5,000 readers of each edition.
COPY_COST_SCRIPT = """
import sys, time, django
django.setup()
from masthead.newsletters.emails import PreparedEdition
from masthead.newsletters.models import Delivery, Edition
for edition_id, track in ((sys.argv[1], True), (sys.argv[2], False), (sys.argv[1], True), (sys.argv[2], False)):
    edition = Edition.objects.get(pk=edition_id)
    deliveries = list(Delivery.objects.filter(edition=edition).select_related("subscriber")[:5000])
    prepared = PreparedEdition(edition, track=track)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for delivery in deliveries:
            prepared.personal_bytes(delivery.subscriber, "<bench@masthead>", delivery.pk, dot_stuffed=True)
        best = min(best, (time.perf_counter() - started) / len(deliveries))
    print(track, best * 1e6)
"""

STATE_SCRIPT = """
import sys, django
django.setup()
from masthead.newsletters.models import Edition
edition = Edition.objects.get(pk=int(sys.argv[1]))
progress = edition.progress()
print(edition.state, progress["sent"], progress["failed"], progress["deferred"], edition.links.count())
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


def cpu_seconds(process):
    """User + system CPU time a running process has used so far."""
    with open(f"/proc/{process.pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_edition(env, edition_id, expected, port):
    """Schedules one edition, runs the real worker until the SMTP server has accepted `expected` copies.

    Returns {"rate", "elapsed", "peak", "cpu_per_message", "state"}.
    """
    from aiosmtpd.controller import Controller

    handler = CountingHandler()
    server = Controller(handler, hostname="127.0.0.1", port=port)
    subprocess.run([PYTHON, "-c", SCHEDULE_SCRIPT, str(edition_id)], env=env, cwd=ROOT, check=True)
    server.start()
    worker = subprocess.Popen(
        [
            PYTHON,
            "-c",
            WORKER_SCRIPT,
            "--queue-name",
            "*",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--no-reload",
            "-v",
            "0",
        ],
        env=env,
        cwd=ROOT,
    )
    peak, cpu_at_first = 0.0, None
    started = time.monotonic()
    try:
        while handler.count < expected and time.monotonic() - started < 1800:
            if worker.poll() is not None:
                raise RuntimeError("the worker stopped before the edition was sent")
            peak = max(peak, peak_rss_mb(worker) or 0)
            if cpu_at_first is None and handler.count:
                cpu_at_first, count_at_first = cpu_seconds(worker), handler.count
            time.sleep(0.25)
        peak = max(peak, peak_rss_mb(worker) or 0)
        cpu_used = cpu_seconds(worker) - (cpu_at_first or 0)
        state = subprocess.run(
            [PYTHON, "-c", STATE_SCRIPT, str(edition_id)], env=env, cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        server.stop()
    sending = max(handler.last - handler.first, 1e-9) if handler.first else float("inf")
    counted = max(handler.count - (count_at_first if cpu_at_first is not None else 0), 1)
    return {
        "count": handler.count,
        "rate": handler.count / sending,
        "elapsed": handler.last - started if handler.last else float("nan"),
        "peak": peak,
        "cpu_per_message": 1000 * cpu_used / counted,
        "state": state,
    }


def send_edition(report):
    _, database_url = prepared_sqlite("newsletters")
    port = free_port()
    env = django_env(
        database_url,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        MASTHEAD_NEWSLETTER_CONNECTIONS=CONNECTIONS,
    )
    created = time.monotonic()
    prepared = subprocess.run(
        [PYTHON, "-c", PREPARE_SCRIPT, str(SUBSCRIBERS), str(PACED_SUBSCRIBERS)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    tracked_id, plain_id, paced_id = prepared.stdout.strip().splitlines()[-1].split()
    report("newsletters", "create 2 × 100,000 confirmed subscriptions (bulk)", time.monotonic() - created, "s")

    runs = {}
    for name, edition_id in (("tracked", tracked_id), ("plain", plain_id)):
        runs[name] = result = run_edition(env, edition_id, SUBSCRIBERS, port)
        state = result["state"]
        clicks = "clicks counted, 10 links rewritten" if name == "tracked" else "click tracking off"
        note = f"{clicks}; {result['count']:,} accepted over {CONNECTIONS} connections"
        note += f"; edition {state[0]}, {state[2]} failed, {state[4]} links"
        report(
            "newsletters",
            f"edition to 100,000 ({clicks.split(',')[0]}): messages/s",
            result["rate"],
            "msg/s",
            "≥ 540",
            note,
        )
        report(
            "newsletters",
            f"edition to 100,000 ({clicks.split(',')[0]}): worker CPU per message",
            result["cpu_per_message"],
            "ms",
        )
    tracked, plain = runs["tracked"], runs["plain"]
    report(
        "newsletters",
        "worker CPU per message, tracked vs not (whole process)",
        100 * (tracked["cpu_per_message"] - plain["cpu_per_message"]) / plain["cpu_per_message"],
        "%",
        "",
        f"throughput {tracked['rate']:,.0f} vs {plain['rate']:,.0f} msg/s; the edition sent first costs more "
        "(on 2026-12-05: +12.7 % with the tracked one first, -3.9 % with it second)",
    )
    costs = subprocess.run(
        [PYTHON, "-c", COPY_COST_SCRIPT, tracked_id, plain_id], env=env, cwd=ROOT, capture_output=True, text=True
    )
    per_copy = {True: [], False: []}
    for line in costs.stdout.split("\n"):
        if line.startswith(("True ", "False ")):
            track, micros = line.split()
            per_copy[track == "True"].append(float(micros))
    if per_copy[True] and per_copy[False]:
        extra = min(per_copy[True]) - min(per_copy[False])
        report(
            "newsletters",
            "cost of link rewriting (worker CPU per message)",
            100 * extra / 1000 / plain["cpu_per_message"],
            "%",
            "≤ 5 %",
            f"+{extra:.1f} µs to make a copy with 10 tracked links ({min(per_copy[True]):.1f} vs "
            f"{min(per_copy[False]):.1f} µs, in-process) of {plain['cpu_per_message'] * 1000:.0f} µs per message",
        )
    else:
        failed = costs.stderr[-80:]
        report("newsletters", "cost of link rewriting (worker CPU per message)", "failed", "", "≤ 5 %", failed)
    report(
        "newsletters",
        "edition to 100,000: press Send → last message",
        tracked["elapsed"],
        "s",
        "",
        "worker start, 100,000 deliveries created in bulk, all sent (clicks counted)",
    )
    report("newsletters", "sending worker peak memory (VmHWM)", max(tracked["peak"], plain["peak"]), "MB", "< 300")

    paced = run_edition({**env, "MASTHEAD_NEWSLETTER_RATE": str(PACED_RATE)}, paced_id, PACED_SUBSCRIBERS, port)
    off_by = 100 * (paced["rate"] - PACED_RATE) / PACED_RATE
    report(
        "newsletters",
        f"paced edition (MASTHEAD_NEWSLETTER_RATE={PACED_RATE}): achieved messages/s",
        paced["rate"],
        "msg/s",
        f"{PACED_RATE} ± 5 %",
        f"{paced['count']:,} messages; {off_by:+.1f} % from the limit",
    )
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
