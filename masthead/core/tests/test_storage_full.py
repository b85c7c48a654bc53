"""A full disk while saving: a 503 in words that shows what was sent, and nothing half-saved.

The end-to-end test runs the site (gunicorn, SQLite) in its own mount namespace with its database on a small
tmpfs, and fills that file system for real: SQLite then fails as it does on a full disk.
"""

import errno
import re
import sqlite3
import subprocess
from html import unescape

import psycopg.errors
import pytest
from django.db import OperationalError, connection
from django.http import QueryDict
from django.utils import translation
from wagtail.test.utils.form_data import rich_text

from masthead.core.storage_full import is_storage_full, typed_text
from masthead.core.testing import CookieClient, user_in
from masthead.newsletters.factories import create_newsletter
from masthead.newsletters.tests.processes import SharedDatabase, environment, start_gunicorn, stop

NOTHING_SAVED = "Nothing was saved: the server is out of space"


def full_sqlite_error():
    """The error SQLite itself raises when its database may not grow."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (x BLOB)")
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    try:
        for _ in range(100):
            db.execute("INSERT INTO t VALUES (zeroblob(8192))")
    except sqlite3.OperationalError as error:
        return error
    raise AssertionError("SQLite grew past its limit")


def test_a_full_disk_or_database_is_told_apart_from_other_errors():
    with pytest.raises(OSError) as no_space, open("/dev/full", "wb") as device:  # the kernel's own ENOSPC
        device.write(b"x")
        device.flush()
    assert is_storage_full(no_space.value)
    assert is_storage_full(full_sqlite_error())
    wrapped = OperationalError("database or disk is full")  # as Django raises it, from the driver's error
    wrapped.__cause__ = full_sqlite_error()
    assert is_storage_full(wrapped)
    assert is_storage_full(psycopg.errors.DiskFull("could not extend file: No space left on device"))
    assert not is_storage_full(OSError(errno.EACCES, "Permission denied"))
    assert not is_storage_full(psycopg.errors.UniqueViolation("duplicate key"))
    assert not is_storage_full(ValueError("full of surprises"))


def test_what_was_typed_is_told_from_the_forms_bookkeeping():
    post = QueryDict(mutable=True)
    post.update({"csrfmiddlewaretoken": "abc123def", "headline": "Metro reopens at seven"})
    post.update({"body": rich_text("<p>All lines run again.</p><p>Every four minutes.</p>")})
    post.update({"body-count": "1", "body-0-type": "paragraph", "body-0-id": "0f1e", "body-0-value-caption": "A map"})
    post.update({"pinned": "on", "image": "12", "password": "secret words", "action-publish": "action-publish"})
    assert list(typed_text(post)) == [
        ("Headline", "Metro reopens at seven"),
        ("Body", "All lines run again.\n\nEvery four minutes."),
        ("Body — Caption", "A map"),
    ]
    with translation.override("uk"):
        assert [label for label, _text in typed_text(post)] == [
            "Заголовок",
            "Основний текст",
            "Основний текст — Підпис",
        ]


def mount_namespaces_work(tmp_path):
    target = tmp_path / "probe"
    target.mkdir()
    try:
        command = ["unshare", "--mount", "sh", "-c", f'mount -t tmpfs -o size=64k tmpfs "{target}"']
        return subprocess.run(command, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


class SiteOnASmallDisk:
    """gunicorn serving a copy of the test database kept on a 64 MB tmpfs that only it (and `run_there`) sees."""

    def __init__(self, database, tmp_path):
        self.disk = tmp_path / "disk"
        self.disk.mkdir()
        self.log = tmp_path / "gunicorn.log"
        prepare = f'mount -t tmpfs -o size=64m tmpfs "{self.disk}" && cp "{database.path}" "{self.disk}/db.sqlite3"'
        wrapper = ["unshare", "--mount", "sh", "-c", f'{prepare} && exec "$@"', "sh"]
        env = environment(f"sqlite:///{self.disk}/db.sqlite3")
        self.process, self.base = start_gunicorn(env, self.log, workers=1, threads=2, wrapper=wrapper)

    def run_there(self, command):
        """A shell command in the site's mount namespace, where its small disk is."""
        nsenter = ["nsenter", f"--target={self.process.pid}", "--mount", "sh", "-c", command]
        return subprocess.run(nsenter, capture_output=True, text=True, timeout=60, check=True).stdout

    def fill_the_disk(self):
        self.run_there(f'dd if=/dev/zero of="{self.disk}/filler" bs=64k 2>/dev/null; df -k "{self.disk}"')
        assert re.search(r"\s0\s+100%", self.run_there(f'df -k "{self.disk}"')), "the disk is full"

    def make_room(self):
        self.run_there(f'rm "{self.disk}/filler"')


def shown_back(html):
    """{label: text} of the page's "What you sent" boxes."""
    boxes = re.findall(r'<label for="(sent-\d+)">([^<]*)</label>\s*<textarea id="\1"[^>]*>([^<]*)</textarea>', html)
    return {unescape(label): unescape(text) for _id, label, text in boxes}


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the site's SQLite database is what fills the disk")
@pytest.mark.django_db(transaction=True)
def test_on_a_full_disk_a_reader_and_an_editor_are_told_and_get_what_they_sent(tmp_path, newsroom):
    if not mount_namespaces_work(tmp_path):
        pytest.skip("this machine lets no process mount a small tmpfs of its own (unshare --mount)")
    create_newsletter("morning-briefing", "The Morning Briefing", "Five stories before breakfast.")
    user_in("Editors", "ed")
    site = SiteOnASmallDisk(SharedDatabase(tmp_path), tmp_path)
    try:
        editor = CookieClient(site.base)
        login = {"username": "ed", "password": "pw", "csrfmiddlewaretoken": editor.form_token("/admin/login/")}
        assert editor.request("/admin/login/", login)[0] == 302
        item = {
            "csrfmiddlewaretoken": editor.form_token("/admin/snippets/livefeed/newsitem/add/"),
            "headline": "Metro reopens at seven",
            "body": rich_text("<p>All lines run again.</p><p>Trains every four minutes.</p>"),
            "published_at": "",
            "correction": "",
            "source_name": "",
            "source_url": "",
            "action-publish": "action-publish",
        }
        reader = CookieClient(site.base)
        signup = {"email": "reader@example.com", "next": "/", "source": "article page"}

        site.fill_the_disk()

        # SQLite cannot open its database on a full disk (WAL mode needs room for its shared-memory file), so
        # even a page a reader only reads cannot be shown: said in words, not the 500 page.
        status, html, headers = reader.request("/")
        assert status == 503 and "<h1>This page cannot be shown just now</h1>" in html
        assert "What you sent" not in html

        status, html, headers = reader.request("/newsletters/morning-briefing/subscribe/", signup)
        assert status == 503 and headers["Retry-After"] == "600"
        assert f"<h1>{NOTHING_SAVED}</h1>" in html and "Please send it again in a few minutes." in html
        assert shown_back(html) == {"Email address": "reader@example.com"}

        status, html, _headers = editor.request("/admin/snippets/livefeed/newsitem/add/", item)
        assert status == 503 and NOTHING_SAVED in html
        # The rich text as the editor wrote it, paragraph by paragraph, not the editor's JSON.
        assert shown_back(html) == {
            "Headline": "Metro reopens at seven",
            "Body": "All lines run again.\n\nTrains every four minutes.",
        }
        _status, listing, _headers = editor.request("/admin/snippets/livefeed/newsitem/")
        assert "Metro reopens at seven" not in listing  # nothing half-saved

        # In the Ukrainian edition, the page speaks Ukrainian.
        status, html, _headers = reader.request("/uk/newsletters/morning-briefing/subscribe/", signup)
        assert status == 503 and '<html lang="uk">' in html and "Нічого не збережено" in html
        assert shown_back(html) == {"Адреса електронної пошти": "reader@example.com"}

        site.make_room()

        assert reader.request("/newsletters/morning-briefing/subscribe/", signup)[0] == 303
        assert editor.request("/admin/snippets/livefeed/newsitem/add/", item)[0] == 302
        _status, listing, _headers = editor.request("/admin/snippets/livefeed/newsitem/")
        assert "Metro reopens at seven" in listing
        assert "No room left to save POST /admin/snippets/livefeed/newsitem/add/" in site.log.read_text()
    finally:
        stop(site.process)
