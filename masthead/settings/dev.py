"""Settings for `make run` on a developer's or a newsroom's own machine."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool, env_list

# Off by default so the demo shows what readers would see (the designed 404 and
# 500 pages); errors still go to the console. MASTHEAD_DEBUG=1 for Django's debug pages.
DEBUG = env_bool("MASTHEAD_DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-masthead-local-key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The browser-viewable outbox at /outbox/ exists only in development.
MASTHEAD_SHOW_OUTBOX = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# `make run`'s newsroom is backed up by its own workers every night into var/backups (two weeks kept);
# MASTHEAD_BACKUP_DIR= (empty) turns it off.
MASTHEAD_BACKUP_DIR = os.environ.get("MASTHEAD_BACKUP_DIR", str(VAR_DIR / "backups"))
