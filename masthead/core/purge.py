"""Keeping cached pages true: the origin page cache and a front-end cache (CDN, Varnish, nginx).

When something a reader page shows changes, `site_changed()` bumps the site
generation, which retires every page in the origin cache and the cached
sidebar at once (a publication can change the home page, its section, its
authors' pages, the feeds and every sidebar's picks). A front-end cache is
told about the URLs that show the change (wagtail.contrib.frontend_cache,
configured in production.py): for an article, the article, the home page,
its section pages, its contributors' pages and the feeds.

Connected in CoreConfig.ready(). Wagtail's own handlers still purge the
published page's own URL from the front-end cache as well (so that URL is
purged twice on publish; a second PURGE of the same URL costs the CDN nothing).
"""

import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.backends import HTTPBackend as WagtailHTTPBackend
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import bump_generation
from .pagecache import drop_urls

logger = logging.getLogger(__name__)

# (app label, model): a save or delete of any of these changes what reader pages show.
WATCHED_MODELS = [
    ("articles", "EditorsPick"),
    ("articles", "Contributor"),
    ("newsletters", "Newsletter"),
    ("core", "NewsroomEditionText"),  # the tagline and about text of an edition (site settings)
    ("wagtailcore", "Site"),  # its address and front page (kept per generation: masthead.core.sites)
]
# Site settings rows are also made the first time a page reads them; one made
# with nothing but its defaults changes nothing a reader sees.
WATCHED_SETTINGS = [
    ("articles", "EditorsPicks"),
    ("core", "NewsroomSettings"),
    ("syndication", "SyndicationSettings"),
    ("livefeed", "NewsFeedSettings"),
]


def site_changed(**kwargs):
    """Every cached page is out of date: now, and again once the change is committed.

    The second bump covers a reader's request that rendered the old content
    between the first bump and the commit.
    """
    bump_generation()
    transaction.on_commit(bump_generation)


def settings_changed(instance, created=False, **kwargs):
    if created and all(
        getattr(instance, field.attname) == field.get_default()
        for field in instance._meta.concrete_fields
        if not field.primary_key and not field.is_relation
    ):
        return
    site_changed()


class HTTPBackend(WagtailHTTPBackend):
    """Wagtail's HTTP purger (nginx, Varnish) for addresses that are not plain ASCII.

    A Ukrainian news item's address has its Cyrillic headline in it (/uk/news-feed/25-рада-…/), and Wagtail's
    backend hands it to urllib as it is: the worker's task failed with UnicodeEncodeError and the rest of its
    batch was never purged. Browsers ask for such a page percent-encoded, which is what nginx keeps in its
    cache key ($request_uri), so the purge asks for it the same way.
    """

    def purge(self, url):
        super().purge(iri_to_uri(url))


def purge_urls(urls):
    """Drops these absolute URLs from the origin cache and from the front-end cache, if one is configured."""
    urls = list(dict.fromkeys(urls))
    drop_urls(urls)
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or not urls:
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(urls)
    except Exception:  # a CDN that does not answer must not fail the editor's publication
        logger.exception("Could not purge %d URLs from the front-end cache", len(urls))


def urls_showing(page):
    """Absolute URLs of the pages that show `page`: itself, home, its section, its authors, the feeds (and, for a
    story, the corrections page, which lists its notes).

    All in the page's own edition: a Ukrainian article shows on /uk/, /uk/<section>/ and the Ukrainian feeds,
    not on the English ones (which it purged before, leaving the Ukrainian pages to expire in the cache).
    """
    from masthead.articles.models import ArticlePage, HomePage, SectionPage
    from masthead.syndication.feeds import feed_urls

    page = page.specific
    site = page.get_site()
    if site is None:
        return []
    root = site.root_url.rstrip("/")

    def full_url(other):
        url = other.get_full_url()
        return url if url.startswith("http") else root + url

    with translation.override(page.locale.language_code):
        urls = []
        if page.get_full_url():
            urls.append(full_url(page))
        home = HomePage.objects.ancestor_of(page, inclusive=True).first()
        urls.append(full_url(home) if home else root + "/")
        urls += list(feed_urls(None, "site").values())
        section = page if isinstance(page, SectionPage) else None
        if isinstance(page, ArticlePage):
            section = page.get_parent().specific
            urls.append(root + reverse("articles:corrections"))
            for contributor in page.contributors:
                urls.append(root + contributor.get_absolute_url())
                urls += list(feed_urls(None, "contributor", contributor.slug).values())
        if isinstance(section, SectionPage):
            urls.append(full_url(section))
            urls += list(feed_urls(None, "section", section.slug).values())
    return urls


def page_changed(instance, **kwargs):
    """A page was published, unpublished or moved (or its audio changed): retire cached pages, purge the CDN."""
    site_changed()
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return  # the generation bump has retired the origin's copies already
    try:
        urls = urls_showing(instance)
    except Exception:
        logger.exception("Could not list the URLs showing page %s", instance.pk)
        return
    transaction.on_commit(lambda: purge_urls(urls), robust=True)


def connect():
    from wagtail.models import Page

    page_published.connect(page_changed, dispatch_uid="masthead-purge-published")
    page_unpublished.connect(page_changed, dispatch_uid="masthead-purge-unpublished")
    post_page_move.connect(page_changed, dispatch_uid="masthead-purge-moved")
    post_delete.connect(site_changed, sender=Page, dispatch_uid="masthead-purge-page-deleted")
    for label, name in WATCHED_MODELS + WATCHED_SETTINGS:
        try:
            model = apps.get_model(label, name)
        except LookupError:
            continue
        on_save = settings_changed if (label, name) in WATCHED_SETTINGS else site_changed
        post_save.connect(on_save, sender=model, dispatch_uid=f"masthead-purge-{label}-{name}-saved")
        post_delete.connect(site_changed, sender=model, dispatch_uid=f"masthead-purge-{label}-{name}-deleted")
