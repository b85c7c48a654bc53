"""Helpers for tests that run the real site and worker as separate processes on one database."""

import contextlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from django.db import connection

from masthead.core.testing import free_port

ROOT = Path(__file__).resolve().parents[3]


class SharedDatabase:
    """The test database, made reachable by other processes, and readable from the test without Django's ORM.

    On PostgreSQL it is the test database itself (tests use transactional_db,
    so their rows are committed and visible). On SQLite the test database is
    this process's own (Django makes and removes it), so it is copied to a file
    with SQLite's online backup: create the test's rows first, then make the
    SharedDatabase.
    """

    def __init__(self, tmp_path):
        settings = connection.settings_dict
        self.path = None
        if connection.vendor == "postgresql":
            user = settings.get("USER") or "postgres"
            password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
            host, port = settings.get("HOST") or "127.0.0.1", settings.get("PORT") or 5432
            self.url = f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"
            return
        connection.ensure_connection()
        self.path = tmp_path / "shared.sqlite3"
        target = sqlite3.connect(self.path)
        with target:
            connection.connection.backup(target)
        target.close()
        self.url = f"sqlite:///{self.path}"

    def copy_again(self):
        """Shows the other processes what the test changed since: on SQLite the file is copied again (while
        they run; each of their requests opens the file anew); on PostgreSQL they see it already."""
        if self.path is None:
            return
        target = sqlite3.connect(self.path, timeout=30)
        with target:
            connection.connection.backup(target)
        target.close()

    def rows(self, sql, params=()):
        """Rows of a read-only query written with %s placeholders."""
        if self.path is None:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as db:
            return db.execute(sql.replace("%s", "?"), params).fetchall()

    def edition(self, edition_id):
        """{"state": …, "sent": n, "sending": n, …} for an edition, as the worker left it."""
        sql = "SELECT state, COUNT(*) FROM newsletters_delivery WHERE edition_id = %s GROUP BY state"
        counts = dict(self.rows(sql, [edition_id]))
        [(state,)] = self.rows("SELECT state FROM newsletters_edition WHERE id = %s", [edition_id])
        return {"state": state, "total": sum(counts.values()), **counts}

    def subscription_states(self, newsletter_id):
        return dict(
            self.rows(
                "SELECT s.email, sub.state FROM newsletters_subscription sub"
                " JOIN newsletters_subscriber s ON s.id = sub.subscriber_id WHERE sub.newsletter_id = %s",
                [newsletter_id],
            )
        )


def environment(database_url, smtp_port=None, **extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.newsletters.tests.worker_settings",
        DATABASE_URL=database_url,
        MASTHEAD_TEST_SMTP_PORT=str(smtp_port or 25),
        PYTHONPATH=str(ROOT),
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update({key: str(value) for key, value in extra.items()})
    return env


WORKER_ARGS = ["--interval", "0.1", "--no-startup-delay", "--no-reload", "-v", "0"]


def start_worker(env, log_path, queues="*", first=""):
    """The real django-tasks database worker (`manage.py db_worker`) in its own process, serving `queues`.

    `first` is Python run in the same process before the worker starts (Django set up, `call_command` at
    hand), saving a start-up: `call_command('send_scheduled_editions')`, what "Send now" or cron does, or
    queueing a task as a view would.
    """
    log = open(log_path, "ab")
    if first:
        code = (
            "import django, sys; django.setup(); from django.core.management import call_command;"
            f"{first}; call_command('db_worker', *sys.argv[1:])"
        )
        command = [sys.executable, "-c", code, *WORKER_ARGS, "--queue-name", queues]
    else:
        command = [sys.executable, "manage.py", "db_worker", *WORKER_ARGS, "--queue-name", queues]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_gunicorn(env, log_path, workers=2, threads=8, wrapper=()):
    """gunicorn serving the site on a free port of 127.0.0.1, once it answers /healthz: (process, base URL).

    `wrapper` goes before the command (a shell that prepares the process's world, then `exec "$@"`).
    """
    port = free_port()
    log = open(log_path, "ab")
    process = subprocess.Popen(
        [
            *wrapper,
            sys.executable,
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
            "gthread",
            "--backlog",
            "1024",
            # gunicorn 27 otherwise opens a control socket at one path in the home folder, shared by every
            # instance (the suite's two databases run side by side).
            "--no-control-socket",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).read()
            return process, base
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(Path(log_path).read_text()[-3000:]) from None
            time.sleep(0.2)
    stop(process)
    raise RuntimeError("gunicorn did not start")


def wait_for(predicate, timeout, interval=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


class LightSMTPServer:
    """A real aiosmtpd server on 127.0.0.1 that keeps only what bulk tests check (recipient, Message-ID).

    The shared RecordingSMTPServer parses every message in full, which is more
    work than the worker under test does; for thousands of messages this keeps
    the test's own cost small.
    """

    MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.I | re.M)

    def __init__(self, port=None):
        from aiosmtpd.controller import Controller

        self.received = []  # (recipient, message id)
        self.lock = threading.Lock()
        self.on_recipient = lambda address: None
        self.port = port or free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.on_recipient(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        match = self.MESSAGE_ID.search(envelope.content[:4000])
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.received.append((recipient, match[1].decode() if match else ""))
        return "250 Message accepted"

    def count(self):
        with self.lock:
            return len(self.received)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()
