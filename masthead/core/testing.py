"""Test helpers shared by the apps: a real SMTP server on 127.0.0.1, users in the newsroom's roles, an HTTP
client with cookies for a site running in another process, and the article editor's form."""

import email
import email.policy
import http.cookiejar
import io
import re
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from django.db import transaction


def run_django(code, env):
    """`code`, run after django.setup() in a new Python process with the environment `env`, from the project's
    folder: how a test starts the site's settings as a server would (their refusals, their defaults)."""
    root = Path(__file__).resolve().parents[2]
    command = [sys.executable, "-c", f"import django; django.setup(); {code}"]
    return subprocess.run(command, env=env, cwd=root, capture_output=True, text=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingHandler:
    """Keeps each received message; `reply_for(rcpt)` may return an SMTP error code to refuse one."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.reply_for = lambda address: None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.reply_for(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "message": message})
        return "250 Message accepted"


class RecordingSMTPServer:
    def __init__(self, port=None):
        self.handler = RecordingHandler()
        self.port = port or free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, decode_data=False)

    @property
    def messages(self):
        with self.handler.lock:
            return list(self.handler.messages)

    def refuse(self, reply_for):
        """reply_for(address) -> None to accept, or e.g. "451 4.3.0 Try later" / "550 5.1.1 No such user"."""
        self.handler.reply_for = reply_for

    def settings(self):
        """Django settings that send mail to this server."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
        }

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()


__all__ = ["RecordingSMTPServer", "SMTP", "free_port"]


def user_in(group, name):
    """A user (password "pw") in one of the groups `manage.py setup_roles` makes: Admins, Editors, Writers."""
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    call_command("setup_roles", stdout=io.StringIO())
    user = User.objects.create_user(name, f"{name}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class CookieClient:
    """An HTTP client with cookies for a site running in another process: each answer as it comes
    (status, body, headers), redirects not followed."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects()
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def form_token(self, path):
        _status, html, _headers = self.request(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def article_edit_form(article, body=None, corrections=(), **changes):
    """The article editor's form as a browser sends it on Publish: the article as it is, with `body` as its body's
    blocks (by default its paragraphs as they are), `corrections` as the notes' rows and `changes` to fields."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    if body is None:
        body = [("paragraph", rich_text(block.value.source)) for block in article.body]
    fields = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "byline": inline_formset([{"contributor": credit.contributor_id} for credit in article.byline.all()]),
        "lead_image": "",
        "lead_image_caption": "",
        "lead_image_credit": "",
        "lead_image_alt": "",
        "body": streamfield(body),
        "tags": "",
        "related_links": inline_formset([]),
        "corrections": inline_formset(list(corrections)),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "action-publish": "action-publish",
    }
    fields.update(changes)
    return nested_form_data(fields)


def run_due_tasks(at, queue="*"):
    """What `manage.py db_worker --queue-name QUEUE` does at the moment `at` (a datetime): every task due by then,
    once, in the worker's order, in this process (the settings' TASKS must be the database backend).

    Through the worker's own run_task: its loop closes the database connection between tasks, which would end a
    test's transaction on PostgreSQL.
    """
    import time_machine
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=[queue],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    with time_machine.travel(at, tick=False):
        tasks = DBTaskResult.objects.ready()
        while True:
            # Taken in a transaction of its own, as the worker does (PostgreSQL's row lock needs one, also in a
            # test that commits as it goes), and run outside it.
            with transaction.atomic():
                result = (tasks if queue == "*" else tasks.filter(queue_name=queue)).get_locked()
                if result is None:
                    break
                result.claim(worker.worker_id)
            worker.run_task(result)


def queries_of_a_warm_request(client, url):
    """How many database queries a request for `url` makes once the caches every later request shares are full.

    The warm-up and the counted request run at one frozen moment: the page chrome is cached for CHROME_TTL
    (masthead/core/cache.py), and an entry made earlier in a test that expired between the two requests cost the
    counted one a query more (seen once, on a machine slowed by other work).
    """
    import time_machine
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    with time_machine.travel(timezone.now(), tick=False):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200, url
    return len(context.captured_queries)
