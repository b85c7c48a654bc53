"""Fixtures every app's tests share: a small newsroom, a browser, and a real SMTP server."""

import os
from pathlib import Path

import pytest

from masthead.core.snapshots import SNAPSHOTS, WriteWatch

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def pytest_sessionstart(session):
    """Removes the SQLite test databases (masthead/settings/test.py) that killed runs left in memory."""
    import re

    from django.conf import settings

    name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if not name:  # PostgreSQL: the server drops its own
        return
    for path in Path(name).parent.glob("masthead-test-*.sqlite3*"):
        pid = int(re.search(r"masthead-test-(\d+)\.", path.name)[1])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            path.unlink(missing_ok=True)
        except PermissionError:
            pass  # another user's run, still going


# What a test that touches the database asks for (pytest's fixture names include the fixtures' own).
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}


def uses_database(item):
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    return (
        bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))
        or item.get_closest_marker("django_db") is not None
        or (cls is not None and issubclass(cls, TransactionTestCase))
    )


def pytest_collection_modifyitems(config, items):
    """The tests that use no database run in one of `make test`'s two passes, not both: nothing in them can differ
    between SQLite and PostgreSQL, and they include the narration's listener tests, about a minute of speech
    synthesis and transcription. MASTHEAD_TEST_WITHOUT_DATABASE=skip leaves them out of a pass, =run keeps them;
    by default a PostgreSQL run leaves them out and a SQLite run keeps them. `make test` gives them to the
    PostgreSQL pass, the shorter of the two (the SQLite one has the browser tests)."""
    from django.conf import settings

    default = "run" if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else "skip"
    if os.environ.get("MASTHEAD_TEST_WITHOUT_DATABASE", default) == "run":
        return
    kept = [item for item in items if uses_database(item)]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if not uses_database(item)])
        items[:] = kept


@pytest.fixture(scope="session", autouse=True)
def ukrainian_catalogue_compiled():
    """The Ukrainian edition's strings come from django.mo, compiled from the committed django.po.

    `make test` compiles it first; this covers a plain `pytest` run in a fresh checkout.
    """
    from django.conf import settings
    from django.core.management import call_command

    for folder in settings.LOCALE_PATHS:
        po = Path(folder) / "uk" / "LC_MESSAGES" / "django.po"
        mo = po.with_suffix(".mo")
        if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
            # From inside the project: compilemessages walks the folder it runs in (not the virtualenv).
            here = os.getcwd()
            os.chdir(settings.PROJECT_DIR)
            try:
                call_command("compilemessages", locale=["uk"], verbosity=0)
            finally:
                os.chdir(here)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default edition's language.

    The locale middleware activates a request's language and nothing resets it, so a
    request to /uk/ would otherwise leave Ukrainian on for code a later test runs
    outside a request (a task, an email): in the worker that code runs in the default language.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached navigation, picks and pages must not leak from one test's database to the next."""
    from django.core.cache import caches

    from masthead.core.sites import forget_known_sites

    # A database cache is emptied with the test's database.
    memory = [cache for cache in caches.all() if cache.__class__.__name__ != "DatabaseCache"]
    for cache in memory:
        cache.clear()
    forget_known_sites()
    yield
    for cache in memory:
        cache.clear()
    forget_known_sites()


@pytest.fixture(autouse=True)
def write_watch():
    """Notes whether a test has written to the database yet, for `SNAPSHOTS` (masthead/core/snapshots.py)."""
    from django.db import connection

    SNAPSHOTS.watch = WriteWatch()
    with connection.execute_wrapper(SNAPSHOTS.watch):
        yield
    SNAPSHOTS.watch = None


@pytest.fixture
def newsroom(db):
    """A site with two sections, three contributors (one a desk) and four published articles."""
    from masthead.articles.factories import make_small_newsroom

    return make_small_newsroom()


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    # Playwright's sync API runs an event loop in this thread; the Django ORM
    # calls the tests make around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # Playwright's wait_for_function evaluates strings, which the site's Content-Security-Policy forbids;
    # the policy itself is tested with its own context (masthead/core/tests/test_csp.py).
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps every message it receives."""
    from masthead.core.testing import RecordingSMTPServer

    server = RecordingSMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site_server(transactional_db):
    """The site as `make run` and gunicorn serve it: masthead.wsgi's application (public media with
    byte ranges in front of Django) in Django's threaded WSGI server, the one `runserver` uses."""
    from pytest_django.live_server_helper import LiveServer

    from masthead.wsgi import build_application

    server = LiveServer("127.0.0.1:0", start=False)
    # LiveServerThread would wrap Django in its own static and media handlers; serve ours instead.
    server.thread.static_handler = lambda _test_handlers: build_application()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def django_admin_on(settings):
    """Django's own admin at /django-admin/, as MASTHEAD_DJANGO_ADMIN=1 gives it (the URLs are re-read)."""
    import importlib

    from django.urls import clear_url_caches

    import masthead.urls

    settings.MASTHEAD_DJANGO_ADMIN = True
    importlib.reload(masthead.urls)
    clear_url_caches()
    yield
    settings.MASTHEAD_DJANGO_ADMIN = False
    importlib.reload(masthead.urls)
    clear_url_caches()
