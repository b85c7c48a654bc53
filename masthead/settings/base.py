"""Settings shared by every environment.

Anything that differs between machines comes from the environment; see
dev.py, test.py and production.py for what each one changes.
"""

import os
import sys
from datetime import datetime, timedelta
from pathlib import Path

import dj_database_url

from masthead.core.queues import QUEUES as TASK_QUEUES

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("MASTHEAD_VAR_DIR", BASE_DIR / "var"))


def refuse(message):
    """Stop with one line that says what to set, not a traceback through Django's settings loader.

    Exit status 3 is gunicorn's "worker failed to boot": its master stops too, instead of starting
    worker after worker that each stop at the same line.
    """
    print(f"Masthead cannot start: {message}", file=sys.stderr)
    raise SystemExit(3)


def env_int(name, default, unit=""):
    """A whole number (0 or more) from the environment, `default` when it is unset or empty."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        what = f"a whole number of {unit}" if unit else "a whole number"
        refuse(f"{name} is {value!r}; it must be {what}, such as {name}={default}.")
    return number


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    "masthead.core",
    "masthead.articles",
    "masthead.livefeed",
    "masthead.newsletters",
    "masthead.narration",
    "masthead.syndication",
    "masthead.search",
    "masthead.imports",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales: the admin's Locales screen
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # Outermost: an upload answered before it was read is read to its end, so nginx gets the site's answer.
    "masthead.core.middleware.read_unread_body",
    "masthead.core.middleware.nul_characters",
    # A full database or disk while saving: a 503 that shows what was sent, not the 500 page.
    "masthead.core.storage_full.StorageFullMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "masthead.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, auth and URL routing: a hit costs no query (masthead/core/pagecache.py).
    "masthead.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "masthead.core.middleware.PathLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "masthead.core.middleware.NewsroomTimezoneMiddleware",
    "masthead.core.middleware.CacheHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "masthead.imports.middleware.LegacyQueryRedirectMiddleware",
    # Last: turns a locked-out login into django-axes' "too many attempts" answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "masthead.urls"
# A form refused for want of its CSRF cookie gets a page of the site that says what to do (not Django's own).
CSRF_FAILURE_VIEW = "masthead.core.views.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "masthead.wsgi.application"

# SQLite (a file in var/, WAL journal) unless DATABASE_URL says otherwise.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, "seconds"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web process read while the worker writes; IMMEDIATE
        # transactions take the write lock up front instead of failing late.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Password guessing: after AXES_FAILURE_LIMIT wrong passwords for one user name, or from one client address,
# logins are refused for AXES_COOLOFF_TIME (django-axes; `manage.py axes_reset_username NAME` unlocks).
AUTHENTICATION_BACKENDS = [
    "masthead.core.clients.LoginProtectionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("MASTHEAD_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("MASTHEAD_LOGIN_COOLOFF_MINUTES", 15, "minutes"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "masthead.core.clients.client_address"
AXES_LOCKOUT_TEMPLATE = "core/login_locked.html"
# django-axes keeps a row for every sign-in (address, browser, user name) and every wrong password for ever; the
# daily housekeeping run forgets those older than this many days, and wrong passwords whose lock has passed
# (background.forget_old_login_records). 0 keeps them all.
MASTHEAD_LOGIN_RECORDS_DAYS = env_int("MASTHEAD_LOGIN_RECORDS_DAYS", 90, "days")
# Wrong guesses at a page's password allowed per client address per window (seconds).
MASTHEAD_PAGE_PASSWORD_ATTEMPTS = env_int("MASTHEAD_PAGE_PASSWORD_ATTEMPTS", 10)
MASTHEAD_PAGE_PASSWORD_WINDOW = env_int("MASTHEAD_PAGE_PASSWORD_WINDOW", 900, "seconds")
# How many proxies of ours add to X-Forwarded-For (nginx alone: 1; a CDN then nginx: 2).
MASTHEAD_TRUSTED_PROXIES = env_int("MASTHEAD_TRUSTED_PROXIES", 0)

# Content-Security-Policy (django-csp): reader pages run only our own scripts (no inline script, no eval),
# are framed by nobody, post forms only to us, and embed only from the providers listed here. Styles may be
# inline (responsive embeds size themselves with a style attribute). MASTHEAD_CSP_REPORT_ONLY=1 reports
# violations (to MASTHEAD_CSP_REPORT_URI, if set) instead of blocking. Wagtail's admin, which uses inline
# scripts, gets MASTHEAD_ADMIN_CSP.
MASTHEAD_EMBED_PROVIDERS = env_list(
    "MASTHEAD_EMBED_PROVIDERS",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com,https://w.soundcloud.com,"
    "https://open.spotify.com,https://platform.twitter.com,https://www.instagram.com,https://www.google.com",
)
_CSP_REPORT = {"report-uri": os.environ["MASTHEAD_CSP_REPORT_URI"]} if os.environ.get("MASTHEAD_CSP_REPORT_URI") else {}
_CSP_READER = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "https:"],
    "media-src": ["'self'", "https:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": MASTHEAD_EMBED_PROVIDERS,
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
    **_CSP_REPORT,
}
MASTHEAD_ADMIN_CSP = {
    **_CSP_READER,
    "script-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "media-src": ["'self'", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "frame-src": ["'self'", *MASTHEAD_EMBED_PROVIDERS],
    "frame-ancestors": ["'self'"],  # the page preview is the site framed inside the admin
}
MASTHEAD_CSP_REPORT_ONLY = env_bool("MASTHEAD_CSP_REPORT_ONLY")
if MASTHEAD_CSP_REPORT_ONLY:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_READER}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_READER}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Two editions of one newsroom: English at /, Ukrainian at /uk/ (masthead/urls.py).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("uk", "Українська")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Our own strings; then Ukrainian for the strings Wagtail and the other apps ship untranslated (locale_apps).
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale_apps"]
# A page sent for translation starts as a draft, published from the translation editor once it is translated.
# wagtail-localize's default publishes the untranslated copy at once when the original is live: the English text
# went out in the Ukrainian edition, on its front page and section, until someone translated it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation of pages is optional: a LibreTranslate server you run (nothing by default).
if os.environ.get("LIBRETRANSLATE_URL"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": os.environ["LIBRETRANSLATE_URL"],
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
        },
    }
# The server stores UTC; pages show the newsroom's zone (site settings).
TIME_ZONE = "UTC"
MASTHEAD_DEFAULT_TIME_ZONE = "Europe/Kyiv"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

# Public media folders the site serves itself, with byte ranges (masthead/core/media.py):
# pictures and narration audio; never documents or uploaded import files.
MASTHEAD_SERVE_MEDIA = env_bool("MASTHEAD_SERVE_MEDIA", True)
# True in masthead.settings.production: `load_demo`, which makes an Admin whose password the README prints, refuses.
MASTHEAD_PRODUCTION = False
MASTHEAD_PUBLIC_MEDIA_FOLDERS = ["original_images", "images", "narration"]
MASTHEAD_MEDIA_MAX_AGE = env_int("MASTHEAD_MEDIA_MAX_AGE", 3600, "seconds")

# Django's own admin (/django-admin/) only when switched on: Wagtail's admin is the newsroom's.
MASTHEAD_DJANGO_ADMIN = env_bool("MASTHEAD_DJANGO_ADMIN", False)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "masthead",
        # Article fragments (body, byline, footer) for a busy archive, the sidebar, settings.
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    # The origin page cache (masthead/core/pagecache.py): compressed anonymous pages.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "masthead-pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# Rate-limit counters must be shared by every web process: the database unless Redis is there.
CACHES["ratelimit"] = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "masthead_ratelimit"}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
    CACHES["ratelimit"] = {**CACHES["default"], "KEY_PREFIX": "ratelimit"}
else:
    # Wagtail caches rendition rows; unpickling them from the local-memory cache
    # costs more than the indexed query it saves, so without a shared cache
    # renditions come from the database (listings prefetch them in one query).
    CACHES["renditions"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        # default (quick jobs), mail, narration: see masthead/core/queues.py.
        "QUEUES": list(TASK_QUEUES),
    }
}

# Email: a local outbox folder unless an SMTP server or an ESP is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "outbox"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, "seconds")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Masthead <newsroom@masthead.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "Masthead"
# No Gravatar look-ups: the demo runs offline, and a newsroom's staff need not be tracked by a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor the admin's check for a new Wagtail release: the browser would ask releases.wagtail.org from every admin page,
# which the admin's Content-Security-Policy (connect-src 'self') refuses anyway, with an error in the console.
# Upgrades come with Masthead's own releases.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = os.environ.get("MASTHEAD_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "masthead.core.admin_forms.PasswordResetInTheirLanguageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "masthead.search.backend"}}  # Wagtail's, see there
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# The audio and video files a story's media block plays (articles.blocks.MEDIA_KINDS) are documents too.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"] + [
    "mp3", "m4a", "aac", "oga", "ogg", "wav", "mp4", "m4v", "webm",
]  # fmt: skip
# Their types said outright: Python guesses them from the machine's /etc/mime.types, which a slim server may lack, and
# the documents are served with "nosniff".
WAGTAILDOCS_CONTENT_TYPES = {
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "aac": "audio/aac",
    "oga": "audio/ogg",
    "ogg": "audio/ogg",
    "wav": "audio/wav",
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "webm": "video/webm",
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILIMAGES_IMAGE_FORM_BASE = "masthead.core.image_forms.ImageForm"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"webp": "webp", "png": "webp", "jpeg": "webp"}

# Frontend cache purging (a CDN or Varnish) is configured in production.py.
WAGTAILFRONTENDCACHE = {}
# Masthead names each edition's own addresses when it purges (core.purge). Left to itself, Wagtail would also
# purge every /uk/… address under /en/…, which does not exist (English has no prefix): a 404 and an error
# logged for each Ukrainian address purged.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# How long a CDN may keep an anonymous page, and serve it stale while it
# fetches a fresh copy (seconds).
MASTHEAD_PAGE_S_MAXAGE = env_int("MASTHEAD_PAGE_S_MAXAGE", 60, "seconds")
MASTHEAD_PAGE_STALE_WHILE_REVALIDATE = env_int("MASTHEAD_PAGE_SWR", 300, "seconds")
# The origin page cache of anonymous pages: "on" (default) or "off" (the bench's cold runs).
MASTHEAD_PAGE_CACHE = os.environ.get("MASTHEAD_PAGE_CACHE", "on")
# An import that has waited for a worker, or made no progress, this long is said to have stalled, and an Admin
# may start it again (masthead/imports).
MASTHEAD_IMPORT_STALLED_SECONDS = env_int("MASTHEAD_IMPORT_STALLED_SECONDS", 600, "seconds")
# A task that has waited this long while no worker took any task of its queue: Settings → Background work and
# the Admins' dashboard say that queue's worker seems to be stopped (masthead/core/background.py).
MASTHEAD_QUEUE_STALLED_SECONDS = env_int("MASTHEAD_QUEUE_STALLED_SECONDS", 300, "seconds")
# An email task (a confirmation, a welcome, a test copy) "running" for this long lost its worker (killed, or its
# machine restarted): the next task a worker finishes queues it again (masthead/core/background.py).
MASTHEAD_LOST_MAIL_SECONDS = env_int("MASTHEAD_LOST_MAIL_SECONDS", 600, "seconds")
# Finished background tasks are forgotten once a day after this many days (failed ones after twice as many).
MASTHEAD_TASK_RESULTS_DAYS = env_int("MASTHEAD_TASK_RESULTS_DAYS", 14, "days")
# Revisions of pages and snippets older than this many days are forgotten by the daily housekeeping run, except
# each one's latest, live, scheduled and in-moderation revisions (background.forget_old_revisions). 0 (the default)
# keeps the whole editorial history, as Wagtail does.
MASTHEAD_REVISIONS_KEEP_DAYS = env_int("MASTHEAD_REVISIONS_KEEP_DAYS", 0, "days")
# Nightly backups by the workers (masthead/core/nightly_backup.py): a folder to write one archive to every night at
# MASTHEAD_BACKUP_TIME (the newsroom's time zone), keeping those of the last MASTHEAD_BACKUP_KEEP_DAYS days (0: all).
# Empty: the workers make none (`manage.py backup` from cron still can).
MASTHEAD_BACKUP_DIR = os.environ.get("MASTHEAD_BACKUP_DIR", "")
MASTHEAD_BACKUP_TIME = os.environ.get("MASTHEAD_BACKUP_TIME", "03:15")
try:
    datetime.strptime(MASTHEAD_BACKUP_TIME, "%H:%M")
except ValueError:
    refuse(
        f"MASTHEAD_BACKUP_TIME is {MASTHEAD_BACKUP_TIME!r}; it must be a time of day, hours and minutes on the "
        "24-hour clock, such as MASTHEAD_BACKUP_TIME=03:15."
    )
MASTHEAD_BACKUP_KEEP_DAYS = env_int("MASTHEAD_BACKUP_KEEP_DAYS", 14, "days")
# A nightly backup that would leave less than this free where it is written is not made (and shows as failed).
MASTHEAD_BACKUP_LEAVE_FREE_MB = env_int("MASTHEAD_BACKUP_LEAVE_FREE_MB", 1024, "megabytes")
# How long ?page=N tails and search results are kept (seconds).
MASTHEAD_PAGE_CACHE_SHORT_TTL = env_int("MASTHEAD_PAGE_CACHE_SHORT_TTL", 10, "seconds")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
    },
}
