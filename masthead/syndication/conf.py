"""Defaults for the syndication app; a deployment may override each one as MASTHEAD_<NAME> in its settings.

Read as `conf.NAME`: the value is looked up on every access, so override_settings works in tests.
"""

from django.conf import settings

DEFAULTS = {
    # Google News reads only the articles of the last two days from a news
    # sitemap, and at most 1,000 of them.
    "NEWS_SITEMAP_HOURS": 48,
    "NEWS_SITEMAP_LIMIT": 1000,
    # A staging copy of the site sets this to False so that robots.txt says
    # "Disallow: /" and the copy is never indexed in place of the real site.
    "ROBOTS_ALLOW_INDEXING": True,
    # The picture sizes shared with search engines and social networks. Google
    # asks for 16:9, 4:3 and 1:1 versions at least 1,200 px wide; JPEG is the
    # format every crawler reads. The first one is also the Open Graph image.
    "SHARE_IMAGE_FILTERS": ("fill-1200x675|format-jpeg", "fill-1200x900|format-jpeg", "fill-1200x1200|format-jpeg"),
    "LOGO_FILTER": "max-600x600|format-png",
    "FEED_IMAGE_FILTER": "fill-1200x675|format-jpeg",
}


def __getattr__(name):
    if name not in DEFAULTS:
        raise AttributeError(name)
    return getattr(settings, f"MASTHEAD_{name}", DEFAULTS[name])
