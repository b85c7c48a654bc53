"""Defaults for the live news feed; a deployment may override each one as MASTHEAD_LIVEFEED_<NAME> in its settings.

Read as `conf.NAME`: the value is looked up on every access, so override_settings works in tests.
"""

from django.conf import settings

DEFAULTS = {
    # How often open pages ask for updates (seconds). Tests lower it. The worst
    # case from publishing to an open page is POLL_INTERVAL + UPDATES_MAX_AGE
    # (a CDN's copy) + STATE_CACHE_SECONDS: 6 + 3 + 1 = 10 s.
    "POLL_INTERVAL": 6,
    # How long browsers and a CDN may keep an updates.json answer (seconds).
    # Every reader asks for the same URL, so the edge answers nearly all polls.
    "UPDATES_MAX_AGE": 3,
    # How long one web process reuses the feed's "last change" time before
    # asking the database again (seconds). Saving an item resets it at once in
    # the saving process; other processes catch up within this time.
    "STATE_CACHE_SECONDS": 1,
    # At most this many changed items in one updates.json answer (the newest).
    "UPDATES_LIMIT": 50,
    # Items per "Load more" step on /news-feed/.
    "FEED_PAGE_SIZE": 30,
    # Items in the RSS feed.
    "RSS_ITEMS": 50,
    # A cursor may be this far ahead of the server's clock (seconds), for
    # several web servers whose clocks differ slightly; further is refused.
    "CURSOR_CLOCK_SKEW": 60,
}


def __getattr__(name):
    if name not in DEFAULTS:
        raise AttributeError(name)
    return getattr(settings, f"MASTHEAD_LIVEFEED_{name}", DEFAULTS[name])
