"""The sitemaps search engines read: every live page, and the contributors' profile pages.

The Google News sitemap is a view of its own (views.news_sitemap), because its
format is not the one django.contrib.sitemaps writes.
"""

from collections import defaultdict
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from masthead.articles.models import ArticlePage, Contributor
from masthead.core.i18n import default_locale_id, edition_roots, language_of, page_path

from .content import root_url


class PageSitemap(WagtailSitemap):
    """Every live, public page of the request's site (front page, sections, articles) with its last change.

    Wagtail's sitemap loads every page as its specific type and asks each for its
    URLs: 1.3 s for 3,000 pages, minutes for a large archive. None of our page
    types changes its sitemap entry, so the address is made from the stored URL
    path and three columns are read: 50,000 URLs in a second or two.
    """

    def items(self):
        self.site = self.get_wagtail_site()
        return (
            edition_pages(self.site)
            .order_by("path")
            .only("url_path", "locale_id", "translation_key", "last_published_at", "latest_revision_created_at")
        )

    def location(self, page):
        return page_path(self.site, page.locale_id, page.url_path)

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at

    def _urls(self, page, protocol, domain):
        # Django's own loop, with location() and lastmod() above; not Wagtail's per-page get_sitemap_urls().
        urls = Sitemap._urls(self, page, protocol, domain)
        add_edition_alternates(self.site, urls, f"{protocol}://{domain}")
        return urls

    def get_urls(self, page=1, site=None, protocol=None):
        return site_urls(self, page)

    def get_latest_lastmod(self):
        # Wagtail's default loads every page to find the newest date; the
        # database answers the same question with one aggregate.
        pages = edition_pages(self.get_wagtail_site())
        return pages.aggregate(latest=Max("last_published_at"))["latest"]


class ContributorSitemap(Sitemap):
    """The profile page of everyone with at least one published article."""

    limit = 5000

    def __init__(self, request):
        self.request = request

    def items(self):
        published = ArticlePage.objects.published()
        return (
            Contributor.objects.filter(credits__article__in=published.values("pk"))
            .annotate(latest=Max("credits__article__last_published_at"))
            .order_by("slug")
        )

    def location(self, contributor):
        with translation.override(language_of(contributor.locale_id)):
            return contributor.get_absolute_url()

    def lastmod(self, contributor):
        return contributor.latest

    def get_latest_lastmod(self):
        return self.items().aggregate(newest=Max("latest"))["newest"]

    def get_urls(self, page=1, site=None, protocol=None):
        return site_urls(self, page)


def edition_pages(site):
    """Every live, public page of every edition of `site` (the front pages and all below them)."""
    roots = Q()
    for path, _url_path, _prefix in edition_roots(site).values():
        roots |= Q(path__startswith=path)
    return Page.objects.live().public().filter(roots) if roots else Page.objects.none()


def add_edition_alternates(site, urls, base):
    """xhtml:link alternates (and x-default) on each entry whose page exists in more than one edition.

    One query for the sitemap page, whatever its length: the pages that have a
    translation, found through the translations of the non-default editions.
    """
    default_id = default_locale_id()
    translated = Page.objects.exclude(locale_id=default_id).values("translation_key")
    versions = defaultdict(list)
    rows = Page.objects.live().public().filter(translation_key__in=translated)
    for key, locale_id, url_path in rows.values_list("translation_key", "locale_id", "url_path"):
        path = page_path(site, locale_id, url_path)
        if path is not None:
            versions[key].append((locale_id, base + path))
    for url in urls:
        found = sorted(versions.get(url["item"].translation_key, ()))
        if len(found) < 2:
            continue
        url["alternates"] = [{"lang_code": language_of(locale_id), "location": href} for locale_id, href in found]
        url["alternates"] += [
            {"lang_code": "x-default", "location": href} for locale_id, href in found if locale_id == default_id
        ]


def site_urls(sitemap, page):
    """A sitemap page's entries, addressed with the Wagtail site's scheme and host, not the request's Host header."""
    parts = urlsplit(root_url(sitemap.request))
    return sitemap._urls(page, parts.scheme, parts.netloc)


def sitemaps_for(request):
    return {"pages": PageSitemap(request), "authors": ContributorSitemap(request)}
