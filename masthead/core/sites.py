"""The Wagtail site's own address, which head tags, feeds, sitemaps and the podcast feed are built from."""

import copy
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def point_default_site_at(base_url=None):
    """Makes the default site answer at `base_url` (default: MASTHEAD_BASE_URL); returns its root URL.

    `make run` on another port, or a copy restored elsewhere, then links to itself
    rather than to wherever the demo or the backup was made.
    """
    parts = urlsplit(base_url or settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or not parts.hostname:
        return ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if (site.hostname, site.port) != (parts.hostname, port):
        site.hostname, site.port = parts.hostname, port
        site.save()  # Wagtail forgets its cached site paths on save
    return site.root_url


# Every reader request starts by finding its Site and that site's front page (two or three queries in
# Wagtail). They change only when an editor changes the site or publishes, which bumps the site generation
# (masthead.core.cache), so each process keeps them for the current generation. Shallow copies are handed
# out: a request may set attributes on its objects without touching another request's.
_known = {}
_translations = {}


def _kept(store, key, build):
    """`build()` for `key`, made once per site generation in this process (at most 100 keys kept)."""
    from .cache import generation

    current = generation()
    known = store.get(key)
    if known is None or known[0] != current:
        if len(store) > 100:  # a stray Host header per request must not grow this without end
            store.clear()
        store[key] = known = (current, build())
    return known[1]


def _kept_site(key, find):
    """The Site `find()` returns, with its front page as its specific type, kept for the site generation under `key`
    (see _kept); each caller gets a shallow copy of it and of its front page."""

    def build():
        site = find()
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    known = _kept(_known, key, build)
    if known is None:
        return None
    site = copy.copy(known)
    site.root_page = copy.copy(known.root_page)
    return site


def default_site():
    """The default Site with its front page (or None), for work done without a request: emails, feeds built by the
    worker. Kept per site generation, as site_for_request's are."""
    return _kept_site("default", lambda: Site.objects.filter(is_default_site=True).select_related("root_page").first())


def site_for_request(request):
    """Site.find_for_request(request), without its queries while the site generation stands.

    The Site comes with its front page loaded as its specific type (HomePage), so Wagtail's routing
    (`site.root_page.localized.specific.route(...)`) runs no query before the page's own.
    """
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    from django.http.request import split_domain_port

    key = (split_domain_port(request.get_host())[0], request.get_port())
    site = _kept_site(key, lambda: Site.find_for_request(request))
    request._wagtail_site = site
    return site


def front_page_in(home, locale_id):
    """`home`'s translation in `locale_id` (specific), or None; kept per process for the site generation."""

    def find():
        from wagtail.models import Locale

        locale = Locale.objects.filter(pk=locale_id).first()
        translation = home.get_translation_or_none(locale) if locale is not None else None
        return translation.specific if translation is not None else None

    known = _kept(_translations, (home.pk, locale_id), find)
    return copy.copy(known) if known is not None else None


def forget_known_sites():
    """Drops what this process keeps (the tests do, between test databases)."""
    _known.clear()
    _translations.clear()
