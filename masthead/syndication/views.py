from datetime import timedelta

from django.contrib.sitemaps import views as django_sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from masthead.articles.models import ArticlePage
from masthead.core.i18n import language_of
from masthead.core.middleware import newsroom_settings

from . import conf
from .content import page_url, root_url
from .sitemaps import sitemaps_for

# Google News names these two languages with their region; every other one by its ISO 639 code.
NEWS_LANGUAGES_WITH_REGION = {"zh-cn", "zh-tw"}


@django_sitemap_views.x_robots_tag
def sitemap_index(request):
    """/sitemap.xml: the index of the section sitemaps (pages, authors), each split in pages of 50,000 URLs.

    Django's index view names the sitemaps with the request's Host header; this
    one uses the Wagtail site's address, as every URL inside the sitemaps does.
    """
    base = root_url(request)
    entries = []
    for section, sitemap in sitemaps_for(request).items():
        location = base + reverse("syndication:sitemap_section", kwargs={"section": section})
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        entries += [SitemapIndexItem(f"{location}?p={number}", lastmod) for number in sitemap.paginator.page_range[1:]]
    return render(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")


def sitemap_section(request, section):
    return django_sitemap_views.sitemap(request, sitemaps_for(request), section=section)


def news_sitemap(request):
    """/news-sitemap.xml: the articles of the last 48 hours in Google News' sitemap format, newest first."""
    since = timezone.now() - timedelta(hours=conf.NEWS_SITEMAP_HOURS)
    # Both editions, each article with its own language.
    articles = ArticlePage.objects.published().filter(first_published_at__gte=since)
    articles = articles.defer_streamfields().newest_first()[: conf.NEWS_SITEMAP_LIMIT]
    settings = newsroom_settings(request)
    return render(
        request,
        "syndication/news_sitemap.xml",
        {
            "entries": [
                (page_url(request, article), article, news_language(language_of(article.locale_id)))
                for article in articles
            ],
            "publication_name": settings.name,
        },
        content_type="application/xml; charset=utf-8",
    )


def news_language(code):
    code = (code or "en").lower().replace("_", "-")
    return code if code in NEWS_LANGUAGES_WITH_REGION else code.split("-")[0]


def robots_txt(request):
    """/robots.txt: keep crawlers out of the admin and point them at the sitemaps."""
    base = root_url(request)
    return render(
        request,
        "syndication/robots.txt",
        {
            "allow_indexing": conf.ROBOTS_ALLOW_INDEXING,
            "sitemaps": [base + reverse("syndication:sitemap_index"), base + reverse("syndication:news_sitemap")],
        },
        content_type="text/plain; charset=utf-8",
    )
