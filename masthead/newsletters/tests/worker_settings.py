"""Settings for subprocesses the tests start (a db_worker, gunicorn) against a file-backed database.

The test settings plus: the database task queue (so a real worker runs the
jobs), real SMTP to the test's server, and a short lease so a killed worker's
deliveries are picked up again within seconds.
"""

import os

from masthead.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("MASTHEAD_TEST_SMTP_PORT", "25"))
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
MASTHEAD_NEWSLETTER_LEASE_SECONDS = float(os.environ.get("MASTHEAD_NEWSLETTER_LEASE_SECONDS", "3"))
MASTHEAD_NEWSLETTER_CONNECTIONS = int(os.environ.get("MASTHEAD_NEWSLETTER_CONNECTIONS", "1"))
MASTHEAD_NEWSLETTER_SIGNUPS_PER_CLIENT = int(os.environ.get("MASTHEAD_NEWSLETTER_SIGNUPS_PER_CLIENT", "100000"))
MASTHEAD_TRUSTED_PROXIES = int(os.environ.get("MASTHEAD_TRUSTED_PROXIES", "0"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": CACHES["ratelimit"],  # noqa: F405  (shared by every process: the database table)
}
