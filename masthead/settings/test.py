"""Settings for the test suite: SQLite by default, PostgreSQL when DATABASE_URL says so."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import DATABASES, TASK_QUEUES, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = VAR_DIR / "test-media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run in the test process unless a test starts a real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}
MASTHEAD_SHOW_OUTBOX = True
WAGTAILADMIN_BASE_URL = os.environ.get("MASTHEAD_BASE_URL", "http://testserver")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "CRITICAL"}, "django_tasks": {"level": "WARNING"}},
}
# Publishing in tests does not synthesise speech unless a narration test asks for it.
MASTHEAD_NARRATION_ENABLED = False
# Most tests look at how a page renders (its HTML, its queries): they get a fresh
# render each time. masthead/core/tests/test_page_cache.py turns the cache on.
MASTHEAD_PAGE_CACHE = "off"
# Each test process keeps its own site generation (masthead/core/cache.py), so
# two test runs on one machine never retire each other's cached pages.
MASTHEAD_PAGE_GENERATION_FILE = os.path.join(tempfile.gettempdir(), f"masthead-test-generation-{os.getpid()}")
# On SQLite the test database is a file in memory-backed /dev/shm, not Django's default shared-cache
# in-memory database. In shared-cache mode a write that meets another thread's read of the same table
# fails at once ("database table is locked"), where a file database waits as the site's own does; the
# browser tests' live server and the page's beacons and polls are such threads. It costs no time.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _folder = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(_folder, f"masthead-test-{os.getpid()}.sqlite3")}
