"""Defaults for the search page; override as MASTHEAD_SEARCH_<NAME> in settings."""

from django.conf import settings

DEFAULTS = {
    "PER_PAGE": 10,
    # Longer queries are cut here: no reader types more, and a search engine's
    # cost grows with every word.
    "MAX_QUERY_LENGTH": 200,
    # How many of the best matches of each kind (articles, news feed items) are
    # ranked together and paginated.
    "MAX_RESULTS": 200,
}


def __getattr__(name):
    if name not in DEFAULTS:
        raise AttributeError(name)
    return getattr(settings, f"MASTHEAD_SEARCH_{name}", DEFAULTS[name])
