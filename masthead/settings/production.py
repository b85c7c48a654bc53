"""Production settings. Every secret and host name comes from the environment;
the process refuses to start without them rather than inventing them."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import MIDDLEWARE, env_bool, env_int, env_list, refuse


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        refuse(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
MASTHEAD_PRODUCTION = True
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or required("ALLOWED_HOSTS").split(",")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public address: links in emails (confirm, unsubscribe: RFC 8058 wants HTTPS), feeds and the admin.
MASTHEAD_BASE_URL = required("MASTHEAD_BASE_URL").rstrip("/")
if not MASTHEAD_BASE_URL.startswith("https://") or not urlsplit(MASTHEAD_BASE_URL).hostname:
    refuse(
        f"MASTHEAD_BASE_URL is {os.environ['MASTHEAD_BASE_URL']!r}; it must be the site's https:// address in "
        "production, such as MASTHEAD_BASE_URL=https://news.example.org (to try the site without TLS on a private "
        "machine, keep https:// and set SECURE_SSL_REDIRECT=0)."
    )
WAGTAILADMIN_BASE_URL = MASTHEAD_BASE_URL

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible object storage when a bucket is named (django-storages).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
# Media on the local disk are served by the site itself (byte ranges, masthead/core/media.py)
# unless a bucket or a file server (MASTHEAD_SERVE_MEDIA=0) does it.
MASTHEAD_SERVE_MEDIA = env_bool("MASTHEAD_SERVE_MEDIA", not os.environ.get("AWS_STORAGE_BUCKET_NAME"))

# Behind a TLS-terminating proxy or CDN.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, "seconds")
# includeSubDomains and preload bind every subdomain, and preload lists take months to leave: opt in only.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [
    check
    for check, enabled in (("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS), ("security.W021", SECURE_HSTS_PRELOAD))
    if not enabled
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Email through SMTP (EMAIL_HOST etc. in base.py) or an ESP via django-anymail:
# set EMAIL_BACKEND=anymail.backends.<esp>.EmailBackend and ANYMAIL_* values.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
ANYMAIL = {key[len("ANYMAIL_") :]: value for key, value in os.environ.items() if key.startswith("ANYMAIL_")}

# CDN purging on publish: Cloudflare, CloudFront or any HTTP purger (Varnish).
# Purging a front-end cache on publish (masthead/core/purge.py): an HTTP purger
# (nginx with deploy/nginx.conf, Varnish), Cloudflare and/or CloudFront, each
# configured only when its variables are set.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        # Wagtail's, with non-ASCII addresses (the Ukrainian edition's) percent-encoded as browsers send them.
        "BACKEND": "masthead.core.purge.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        # An API token (preferred), or the account's email and global API key.
        **(
            {"BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"]}
            if os.environ.get("CLOUDFLARE_API_TOKEN")
            else {"EMAIL": required("CLOUDFLARE_EMAIL"), "API_KEY": required("CLOUDFLARE_API_KEY")}
        ),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    # Credentials come from the usual AWS_* variables or the machine's role (boto3).
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }

MIDDLEWARE = list(MIDDLEWARE)
