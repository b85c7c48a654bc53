"""Who is asking: the client's address behind our proxies, counters shared by every web process, and where a
client asked to be sent back to.

Written here rather than taken from django-ipware because the rule is one line
and must be exactly ours: a proxy appends the address it saw to
X-Forwarded-For, so only the entries our own proxies added can be believed,
counted from the right. Everything further left was written by the client.
"""

import os
import time

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.cache import caches
from django.utils.http import url_has_allowed_host_and_scheme


def trusted_proxies():
    """How many proxies of ours stand between the internet and Django (MASTHEAD_TRUSTED_PROXIES, default 0)."""
    value = getattr(settings, "MASTHEAD_TRUSTED_PROXIES", None)
    if value is None:
        value = os.environ.get("MASTHEAD_TRUSTED_PROXIES", "0") or "0"
    return max(int(value), 0)


def client_address(request):
    """The client's address: REMOTE_ADDR with no trusted proxy, else the entry our outermost proxy added."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = trusted_proxies()
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    chain = forwarded + [remote]
    # chain[-1] is the nearest proxy, chain[-proxies] the outermost; the one before it is the client.
    return chain[max(len(chain) - 1 - proxies, 0)]


def _key(scope, who, window):
    return f"{scope}:{who}:{int(time.time() // window)}"


def hits(scope, who, window):
    """How many requests `who` has made in the current window (without counting this one)."""
    return caches["ratelimit"].get(_key(scope, who, window), 0)


def count_hit(scope, who, window):
    """Counts one request by `who` in the current `window` seconds; returns the count so far.

    The counter lives in the "ratelimit" cache: Redis when REDIS_URL is set, else
    the database, so every web process (and machine) shares it.
    """
    cache = caches["ratelimit"]
    key = _key(scope, who, window)
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


class LoginProtectionBackend(AxesStandaloneBackend):
    """django-axes' lockout check, skipped for logins made in code (no request: tests, scripts), which
    django-axes would otherwise refuse with an error; every login form passes its request."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def local_path(request, value):
    """`value` (a form's "next") if it is a path on this site, else "".

    Only a path: a full address could lead off the site, and redirect() would take other text ("list") for the
    name of a view, and fail.
    """
    value = value or ""
    if value.startswith("/") and url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure()):
        return value
    return ""
