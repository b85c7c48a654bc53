"""Short-lived caching of what every page shows but editors rarely change.

Navigation, Editors' Picks and view restrictions would otherwise cost a query
each on every page. They are kept in Django's cache for CHROME_TTL seconds and
dropped when an editor changes them. With the default per-process cache,
other web processes see a change within CHROME_TTL (pages may be cached at the
edge for longer anyway); with a shared cache (REDIS_URL) they see it at once.
"""

from django.core.cache import cache

CHROME_TTL = 60
PREFIX = "masthead:chrome:"


def cached(name, builder, ttl=CHROME_TTL):
    key = PREFIX + name
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, ttl)
    return value


def forget(*names):
    cache.delete_many([PREFIX + name for name in names])
