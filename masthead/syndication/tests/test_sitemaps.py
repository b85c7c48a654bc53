"""Sitemaps and robots.txt: what search engines and Google News crawl."""

import datetime as dt
import xml.etree.ElementTree as ET

import time_machine
from django.test import TestCase, override_settings

from masthead.articles import factories as f

from .builders import NewsroomTestCase

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}
NOW = dt.datetime(2025, 3, 14, 12, 0, tzinfo=dt.UTC)


def xml(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert "xml" in response["Content-Type"]
    return ET.fromstring(response.content)


class SitemapTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        f.make_article(cls.newsroom["sections"]["politics"], "Unpublished draft", publish=False)
        f.make_contributor("Idle Freelancer")

    def test_index_names_the_pages_and_authors_sitemaps(self):
        index = xml(self.client, "/sitemap.xml")
        locations = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
        self.assertEqual(locations, ["http://localhost/sitemap-pages.xml", "http://localhost/sitemap-authors.xml"])
        for location in locations:
            self.assertEqual(xml(self.client, location.removeprefix("http://localhost")).tag, f"{{{NS['sm']}}}urlset")

    def test_pages_sitemap_lists_every_live_page_with_its_last_change(self):
        urlset = xml(self.client, "/sitemap-pages.xml")
        entries = {url.find("sm:loc", NS).text: url.find("sm:lastmod", NS) for url in urlset.findall("sm:url", NS)}
        article = "http://localhost/politics/parliament-passes-the-budget/"
        self.assertLessEqual(
            {"http://localhost/", "http://localhost/politics/", "http://localhost/business/", article}, set(entries)
        )
        self.assertEqual(len([url for url in entries if url.count("/") == 5]), 4)  # the four published articles
        self.assertIsNotNone(entries[article])
        self.assertFalse(any("unpublished-draft" in location for location in entries))

    def test_authors_sitemap_lists_contributors_with_published_work(self):
        urlset = xml(self.client, "/sitemap-authors.xml")
        locations = [loc.text for loc in urlset.findall("sm:url/sm:loc", NS)]
        self.assertEqual(
            locations,
            [
                "http://localhost/authors/mark-ellison/",
                "http://localhost/authors/olena-marchenko/",
                "http://localhost/authors/the-masthead-news-desk/",
            ],
        )

    def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out_of_the_admin(self):
        response = self.client.get("/robots.txt")
        self.assertTrue(response["Content-Type"].startswith("text/plain"))
        lines = response.content.decode().splitlines()
        for line in [
            "User-agent: *",
            "Disallow: /admin/",
            "Sitemap: http://localhost/sitemap.xml",
            "Sitemap: http://localhost/news-sitemap.xml",
        ]:
            self.assertIn(line, lines)
        self.assertNotIn("Disallow: /", lines)

    @override_settings(MASTHEAD_ROBOTS_ALLOW_INDEXING=False)
    def test_robots_txt_of_a_staging_copy_disallows_everything(self):
        lines = self.client.get("/robots.txt").content.decode().splitlines()
        self.assertIn("Disallow: /", lines)
        self.assertFalse(any(line.startswith("Sitemap:") for line in lines))


@override_settings(MASTHEAD_NARRATION_ENABLED=False)
class NewsSitemapTests(TestCase):
    def test_news_sitemap_holds_exactly_the_articles_of_the_last_48_hours(self):
        with time_machine.travel(NOW, tick=False):
            home = f.make_site()
            section = f.make_section(home, "World")
            desk = f.make_contributor("World desk", kind="desk")
            ages = {
                "Just in": 0.5,
                "This morning": 6,
                "Yesterday's story": 30,
                "Almost two days": 47.9,
                "Too old": 48.1,
            }
            for title, hours in ages.items():
                f.make_article(section, title, [desk], published_at=NOW - dt.timedelta(hours=hours))
            f.make_article(section, "A draft", [desk], publish=False)
            f.make_article(section, "Tom & Jerry <b>return</b>", [desk], published_at=NOW - dt.timedelta(hours=1))

            urlset = xml(self.client, "/news-sitemap.xml")

        urls = urlset.findall("sm:url", NS)
        news_titles = [url.find("news:news/news:title", NS).text for url in urls]
        self.assertEqual(
            news_titles,
            ["Just in", "Tom & Jerry <b>return</b>", "This morning", "Yesterday's story", "Almost two days"],
        )
        first = urls[0]
        self.assertEqual(first.find("sm:loc", NS).text, "http://localhost/world/just-in/")
        self.assertEqual(first.find("news:news/news:publication/news:name", NS).text, "The Masthead")
        self.assertEqual(first.find("news:news/news:publication/news:language", NS).text, "en")
        published = dt.datetime.fromisoformat(first.find("news:news/news:publication_date", NS).text)
        self.assertEqual(published, NOW - dt.timedelta(minutes=30))

        with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
            later = xml(self.client, "/news-sitemap.xml")
        later_titles = [title.text for title in later.findall("sm:url/news:news/news:title", NS)]
        self.assertNotIn("Almost two days", later_titles)  # an hour on, it has aged out
        self.assertIn("Yesterday's story", later_titles)
