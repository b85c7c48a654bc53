"""Settings for `make bench`: production-like (DEBUG off, no toolbar, real templates
cache) but plain HTTP on 127.0.0.1 and no secrets needed."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
WHITENOISE_USE_FINDERS = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
