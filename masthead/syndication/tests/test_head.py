"""The machine-readable <head>: canonical, robots, feed autodiscovery, Open Graph and Twitter cards."""

from html.parser import HTMLParser
from unittest import mock

from masthead.articles import factories as f
from masthead.articles.models import ArticlePage, SectionPage
from masthead.core.models import NewsroomSettings
from masthead.syndication.models import SyndicationSettings

from .builders import NewsroomTestCase


class HeadTags(HTMLParser):
    """Collects the <link> and <meta> elements of a page's <head>."""

    def __init__(self, html):
        super().__init__()
        self.links, self.metas, self.in_head = [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif self.in_head and tag == "link":
            self.links.append(attrs)
        elif self.in_head and tag == "meta":
            self.metas.append(attrs)

    def feeds(self):
        """The article feeds advertised (other alternates, such as the podcast, are another app's)."""
        alternates = [
            (link["type"], link["href"])
            for link in self.links
            if link.get("rel") == "alternate" and "hreflang" not in link  # not the page's other editions
        ]
        return [(kind, url) for kind, url in alternates if "/feed" in url]

    def canonical(self):
        found = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        assert len(found) <= 1, found
        return found[0] if found else None

    def og(self, name):
        return [meta["content"] for meta in self.metas if meta.get("property") == name]

    def named(self, name):
        return [meta["content"] for meta in self.metas if meta.get("name") == name]


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return HeadTags(response.content.decode())


SITE_FEEDS = [
    ("application/rss+xml", "http://localhost/feed/"),
    ("application/atom+xml", "http://localhost/feed/atom/"),
    ("application/feed+json", "http://localhost/feed.json"),
]


class HeadTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        budget = cls.newsroom["articles"][0]
        budget.lead_image = f.make_image("Parliament at night")
        budget.lead_image_alt = "The parliament building at night"
        budget.save_revision().publish()
        olena = cls.newsroom["contributors"]["olena"]
        olena.x_handle = "@olena_m"
        olena.photo = f.make_image("Olena portrait", width=800, height=800)
        olena.save()
        settings = NewsroomSettings.for_site(cls.site)
        settings.x_url = "https://x.com/themasthead"
        settings.save()

    def head(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return HeadTags(response.content.decode())

    def test_article_page_has_autodiscovery_open_graph_and_twitter_card(self):
        article = self.newsroom["articles"][0]
        tags = self.head(article.url)
        url = "http://localhost/politics/parliament-passes-the-budget/"
        self.assertEqual(
            tags.feeds(),
            SITE_FEEDS
            + [
                ("application/rss+xml", "http://localhost/politics/feed/"),
                ("application/atom+xml", "http://localhost/politics/feed/atom/"),
                ("application/feed+json", "http://localhost/politics/feed.json"),
            ],
        )
        self.assertEqual(tags.canonical(), url)
        self.assertEqual(tags.og("og:type"), ["article"])
        self.assertEqual(tags.og("og:title"), ["Parliament passes the budget"])
        self.assertEqual(tags.og("og:description"), ["Lawmakers approved spending after a night of debate."])
        self.assertEqual(tags.og("og:url"), [url])
        self.assertEqual(tags.og("og:site_name"), ["The Masthead"])
        [image] = tags.og("og:image")
        self.assertRegex(image, r"^http://localhost/.+\.jpg$")
        self.assertEqual((tags.og("og:image:width"), tags.og("og:image:height")), (["1200"], ["675"]))
        self.assertEqual(tags.og("og:image:alt"), ["The parliament building at night"])
        self.assertEqual(tags.og("article:published_time"), [article.first_published_at.isoformat()])
        self.assertEqual(
            tags.og("article:author"),
            ["http://localhost/authors/olena-marchenko/", "http://localhost/authors/mark-ellison/"],
        )
        self.assertEqual(tags.og("article:section"), ["Politics"])
        self.assertEqual(tags.named("twitter:card"), ["summary_large_image"])
        self.assertEqual(tags.named("twitter:site"), ["@themasthead"])
        self.assertEqual(tags.named("twitter:creator"), ["@olena_m"])
        self.assertEqual(tags.named("twitter:image"), [image])
        self.assertEqual(tags.named("description"), ["Lawmakers approved spending after a night of debate."])
        self.assertEqual(tags.named("robots"), ["max-image-preview:large"])

    def test_the_advertised_feeds_answer(self):
        for _type, url in self.head(self.newsroom["articles"][0].url).feeds():
            with self.subTest(url):
                self.assertEqual(self.client.get(url.removeprefix("http://localhost")).status_code, 200)

    def test_section_page_has_its_own_feeds_and_open_graph(self):
        tags = self.head("/business/")
        self.assertEqual(
            tags.feeds(),
            SITE_FEEDS
            + [
                ("application/rss+xml", "http://localhost/business/feed/"),
                ("application/atom+xml", "http://localhost/business/feed/atom/"),
                ("application/feed+json", "http://localhost/business/feed.json"),
            ],
        )
        self.assertEqual(tags.canonical(), "http://localhost/business/")
        self.assertEqual(tags.og("og:type"), ["website"])
        self.assertEqual(tags.og("og:title"), ["Business"])
        self.assertEqual(tags.og("og:url"), ["http://localhost/business/"])
        self.assertEqual(tags.named("description"), ["The latest Business news from The Masthead."])
        self.assertEqual(tags.og("og:description"), tags.named("description"))

    def test_contributor_page_has_their_feeds_and_a_profile_card(self):
        tags = self.head("/authors/olena-marchenko/")
        self.assertEqual(
            tags.feeds(),
            SITE_FEEDS
            + [
                ("application/rss+xml", "http://localhost/authors/olena-marchenko/feed/"),
                ("application/atom+xml", "http://localhost/authors/olena-marchenko/feed/atom/"),
                ("application/feed+json", "http://localhost/authors/olena-marchenko/feed.json"),
            ],
        )
        self.assertEqual(tags.canonical(), "http://localhost/authors/olena-marchenko/")
        self.assertEqual(tags.og("og:type"), ["profile"])
        self.assertEqual(tags.og("og:title"), ["Olena Marchenko"])
        self.assertEqual(tags.og("og:image:width"), ["600"])
        self.assertEqual(tags.named("twitter:card"), ["summary"])
        self.assertEqual(len(tags.named("description")), 1)  # the contributor template writes it; we add no second

    def test_every_page_has_exactly_one_meta_description(self):
        urls = ["/", "/politics/", self.newsroom["articles"][1].url, self.newsroom["articles"][0].url]
        for url in urls + ["/authors/mark-ellison/", "/search/?q=budget"]:
            with self.subTest(url):
                descriptions = self.head(url).named("description")
                self.assertEqual(len(descriptions), 1)
                self.assertTrue(descriptions[0])

    def test_home_description_comes_from_the_tagline(self):
        settings = NewsroomSettings.for_site(self.site)
        settings.tagline = "Independent news from Kyiv"
        settings.save()
        tags = self.head("/")
        self.assertEqual(tags.named("description"), ["Independent news from Kyiv"])
        self.assertEqual(tags.feeds(), SITE_FEEDS)
        self.assertEqual(tags.og("og:type"), ["website"])

    def test_default_sharing_image_for_pages_without_a_picture(self):
        for url in ["/", "/politics/", self.newsroom["articles"][1].url]:
            self.assertEqual(self.head(url).og("og:image"), [], url)
        setting = SyndicationSettings.for_site(self.site)
        setting.share_image = f.make_image("Newsroom card")
        setting.save()
        for url in ["/", "/politics/", self.newsroom["articles"][1].url]:
            with self.subTest(url):
                tags = self.head(url)
                self.assertEqual(len(tags.og("og:image")), 1)
                self.assertEqual(tags.named("twitter:card"), ["summary_large_image"])

    def test_paginated_tails_are_noindex_with_their_own_canonical(self):
        with mock.patch.object(SectionPage, "per_page", 1):
            first = self.head("/politics/")
            tail = self.head("/politics/?page=2")
            nonsense = self.head("/politics/?page=abc")
        self.assertEqual(first.named("robots"), ["max-image-preview:large"])
        self.assertEqual(tail.named("robots"), ["noindex, follow"])
        self.assertEqual(tail.canonical(), "http://localhost/politics/?page=2")
        self.assertEqual(nonsense.named("robots"), ["max-image-preview:large"])
        self.assertEqual(nonsense.canonical(), "http://localhost/politics/")

    def test_search_results_are_noindex(self):
        response = self.client.get("/search/?q=budget")
        self.assertEqual(HeadTags(response.content.decode()).named("robots"), ["noindex, follow"])
        self.assertEqual(response["X-Robots-Tag"], "noindex")

    def test_not_found_page_claims_no_canonical_address(self):
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)
        self.assertIsNone(HeadTags(response.content.decode()).canonical())

    def test_pages_that_write_their_own_cards_get_no_second_set(self):
        from masthead.livefeed.factories import create_news_item

        item = create_news_item("Air raid alert lifted", "<p>All clear in the capital.</p>")
        for url in [item.get_absolute_url(), "/news-feed/"]:
            with self.subTest(url):
                tags = self.head(url)
                canonical = [link["href"] for link in tags.links if link.get("rel") == "canonical"]
                self.assertEqual(len(canonical), 1)
                self.assertLessEqual(len(tags.og("og:title")), 1)
                self.assertLessEqual(len(tags.og("og:url")), 1)
                self.assertEqual(len(tags.named("description")), 1)
                self.assertIn(("application/rss+xml", "http://localhost/feed/"), tags.feeds())

    def test_the_preview_of_a_new_article_renders(self):
        section = self.newsroom["sections"]["politics"]
        draft = ArticlePage(title="Not yet published", slug="not-yet-published", standfirst="Coming soon.")
        draft.set_url_path(section)
        draft.path = section.path + "ZZZZ"  # where add_child would put it
        draft.depth = section.depth + 1
        response = draft.make_preview_request()
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Not yet published", html)
        self.assertIn('"@type":"NewsArticle"', html)
