"""Feeds, sitemaps and robots.txt. Included before Wagtail's catch-all, so /<section>/feed/ lands here."""

from django.urls import path

from . import views
from .feeds import ArticleFeed

app_name = "syndication"

urlpatterns = [
    path("feed/", ArticleFeed("site", "rss"), name="site_feed_rss"),
    path("feed/atom/", ArticleFeed("site", "atom"), name="site_feed_atom"),
    path("feed.json", ArticleFeed("site", "json"), name="site_feed_json"),
    path("authors/<str:slug>/feed/", ArticleFeed("contributor", "rss"), name="contributor_feed_rss"),
    path("authors/<str:slug>/feed/atom/", ArticleFeed("contributor", "atom"), name="contributor_feed_atom"),
    path("authors/<str:slug>/feed.json", ArticleFeed("contributor", "json"), name="contributor_feed_json"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Last: any other first path segment may be a section's slug.
    path("<str:slug>/feed/", ArticleFeed("section", "rss"), name="section_feed_rss"),
    path("<str:slug>/feed/atom/", ArticleFeed("section", "atom"), name="section_feed_atom"),
    path("<str:slug>/feed.json", ArticleFeed("section", "json"), name="section_feed_json"),
]
