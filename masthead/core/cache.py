"""Short-lived caching of what every page shows but editors rarely change.

Navigation, Editors' Picks and view restrictions would otherwise cost a query
each on every page. They are kept in Django's cache for CHROME_TTL seconds and
dropped when an editor changes them. With the default per-process cache,
other web processes see a change within CHROME_TTL (pages may be cached at the
edge for longer anyway); with a shared cache (REDIS_URL) they see it at once.

The "site generation" is a number that changes whenever anything a reader page
shows changes (a publication, Editors' Picks, settings, narration). Cached
pages and the cached sidebar carry it in their keys, so one bump makes every
process stop using its old copies at once. Without a shared cache it is the
modification time of a file in var/ (one stat() per request, seen by every web
process and the worker on the machine); with REDIS_URL it lives in Redis.
"""

import os
import time

from django.conf import settings
from django.core.cache import cache

CHROME_TTL = 60
PREFIX = "masthead:chrome:"
GENERATION_KEY = "masthead:generation"


def cached(name, builder, ttl=CHROME_TTL):
    key = PREFIX + name
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, ttl)
    return value


def forget(*names):
    cache.delete_many([PREFIX + name for name in names])


def shared_cache():
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def generation_file():
    return getattr(settings, "MASTHEAD_PAGE_GENERATION_FILE", None) or os.path.join(settings.VAR_DIR, "page-generation")


def generation():
    """The current site generation (an int)."""
    if shared_cache():
        value = cache.get(GENERATION_KEY)
        if value is None:
            value = time.time_ns()
            cache.add(GENERATION_KEY, value, None)
            value = cache.get(GENERATION_KEY, value)
        return value
    try:
        return os.stat(generation_file()).st_mtime_ns
    except FileNotFoundError:
        return 0


def bump_generation():
    """Every cached page and sidebar is out of date from now on, in every process."""
    if shared_cache():
        cache.set(GENERATION_KEY, time.time_ns(), None)
        return
    path = generation_file()
    # A new, strictly later mtime even when two bumps fall in the same clock tick.
    previous = generation()
    now = max(time.time_ns(), previous + 1000)
    with open(path, "w") as handle:
        handle.write(str(now))
    os.utime(path, ns=(now, now))
