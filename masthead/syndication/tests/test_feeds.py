"""RSS, Atom and JSON Feed: what feed readers and aggregators get."""

import json
from datetime import datetime
from urllib.parse import urlsplit

import feedparser
import jsonschema

from masthead.articles import factories as f
from masthead.core.testing import queries_of_a_warm_request
from masthead.syndication.models import SyndicationSettings

from .builders import NewsroomTestCase

# JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as a JSON Schema: the
# required fields, the types of every field we write, and "an item has
# content_html or content_text".
AUTHOR = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
    "anyOf": [{"required": ["name"]}, {"required": ["url"]}],
}
JSON_FEED_1_1 = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string", "format": "uri"},
        "feed_url": {"type": "string", "format": "uri"},
        "description": {"type": "string"},
        "icon": {"type": "string", "format": "uri"},
        "language": {"type": "string"},
        "authors": {"type": "array", "items": AUTHOR},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "format": "uri"},
                    "title": {"type": "string"},
                    "content_html": {"type": "string"},
                    "content_text": {"type": "string"},
                    "summary": {"type": "string"},
                    "image": {"type": "string", "format": "uri"},
                    "date_published": {"type": "string", "format": "date-time"},
                    "date_modified": {"type": "string", "format": "date-time"},
                    "authors": {"type": "array", "items": AUTHOR},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
}
FEED_PATHS = {
    "site": ["/feed/", "/feed/atom/", "/feed.json"],
    "politics": ["/politics/feed/", "/politics/feed/atom/", "/politics/feed.json"],
    "olena": [
        "/authors/olena-marchenko/feed/",
        "/authors/olena-marchenko/feed/atom/",
        "/authors/olena-marchenko/feed.json",
    ],
}


def check_formats(data):
    """The "uri" and "date-time" formats, checked here because jsonschema needs extra packages to check them."""
    urls = [data["home_page_url"], data["feed_url"], data.get("icon", "http://x/")]
    for item in data["items"]:
        urls += [item["url"], item.get("image", "http://x/")] + [author["url"] for author in item.get("authors", [])]
        for name in ("date_published", "date_modified"):
            moment = datetime.fromisoformat(item[name])
            assert moment.tzinfo is not None, name
    for url in urls:
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https") and parts.netloc, url


def parse(client, path):
    """The feed at `path` as feedparser sees it (RSS, Atom), or as JSON checked against JSON Feed 1.1."""
    response = client.get(path)
    assert response.status_code == 200, path
    if path.endswith(".json"):
        # feedparser 6 reads only XML feeds; JSON Feed is checked against its schema instead.
        assert response["Content-Type"].startswith("application/feed+json")
        data = json.loads(response.content)
        jsonschema.validate(data, JSON_FEED_1_1)
        check_formats(data)
        return response, json_as_feedparser(data)
    feed = feedparser.parse(response.content, response_headers={"content-type": response["Content-Type"]})
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return response, feed


def json_as_feedparser(data):
    """A JSON Feed in feedparser's shape, so that one set of assertions covers all three formats."""
    entries = [
        feedparser.FeedParserDict(
            id=item["id"],
            title=item["title"],
            link=item["url"],
            summary=item["summary"],
            authors=[feedparser.FeedParserDict(name=author["name"]) for author in item.get("authors", [])],
            tags=[feedparser.FeedParserDict(term=tag) for tag in item.get("tags", [])],
            published=item["date_published"],
            updated=item.get("date_modified"),
        )
        for item in data["items"]
    ]
    return feedparser.FeedParserDict(feed=feedparser.FeedParserDict(title=data["title"]), entries=entries)


def titles(feed):
    return [entry.title for entry in feed.entries]


class FeedTests(NewsroomTestCase):
    def test_site_feeds_parse_and_list_every_article_newest_first(self):
        for path in FEED_PATHS["site"]:
            with self.subTest(path):
                _, feed = parse(self.client, path)
                self.assertEqual(
                    titles(feed),
                    [
                        "Startups find new investors",
                        "Grain exports rise again",
                        "Mayor opens new bridge",
                        "Parliament passes the budget",
                    ],
                )
                budget = feed.entries[3]
                self.assertEqual(budget.link, "http://localhost/politics/parliament-passes-the-budget/")
                self.assertEqual(budget.id, f"urn:uuid:{self.newsroom['articles'][0].translation_key}")
                self.assertEqual([author.name for author in budget.authors], ["Olena Marchenko", "Mark Ellison"])
                self.assertIn("Politics", [tag.term for tag in budget.tags])
                self.assertEqual(budget.summary, "Lawmakers approved spending after a night of debate.")
                self.assertTrue(budget.published)
                self.assertEqual(feed.feed.title, "The Masthead")

    def test_section_feeds_list_only_that_section(self):
        for path in FEED_PATHS["politics"]:
            with self.subTest(path):
                _, feed = parse(self.client, path)
                self.assertEqual(titles(feed), ["Mayor opens new bridge", "Parliament passes the budget"])
                self.assertEqual(feed.feed.title, "Politics | The Masthead")

    def test_contributor_feeds_list_only_their_articles(self):
        for path in FEED_PATHS["olena"]:
            with self.subTest(path):
                _, feed = parse(self.client, path)
                self.assertEqual(titles(feed), ["Startups find new investors", "Parliament passes the budget"])

    def test_unknown_section_or_contributor_is_a_404(self):
        for path in ["/no-such-section/feed/", "/no-such-section/feed.json", "/authors/nobody/feed/atom/"]:
            with self.subTest(path):
                self.assertEqual(self.client.get(path).status_code, 404)

    def test_json_feed_is_valid_json_feed_1_1(self):
        response = self.client.get("/feed.json")
        data = json.loads(response.content)
        jsonschema.validate(data, JSON_FEED_1_1)
        check_formats(data)
        self.assertEqual(data["version"], "https://jsonfeed.org/version/1.1")
        self.assertEqual(data["feed_url"], "http://localhost/feed.json")
        self.assertEqual(data["items"][0]["content_text"], "A short paragraph of text for this article.")

    def test_json_feed_schema_catches_a_broken_feed(self):
        """The schema check can fail: an item without content, or a number for an id, is refused."""
        broken = {"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": 7, "title": "No text"}]}
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate(broken, JSON_FEED_1_1)

    def test_drafts_never_appear(self):
        f.make_article(self.newsroom["sections"]["politics"], "Secret draft", publish=False)
        for path in FEED_PATHS["site"]:
            _, feed = parse(self.client, path)
            self.assertNotIn("Secret draft", titles(feed))

    def test_guid_survives_edits_to_headline_slug_and_text(self):
        article = self.newsroom["articles"][0]
        _, before = parse(self.client, "/feed/")
        guid = next(entry.id for entry in before.entries if entry.title == "Parliament passes the budget")

        article.title = "Parliament passes the budget after all-night session"
        article.slug = "budget-passed"
        article.standfirst = "The vote came at dawn."
        article.save_revision().publish()

        for path in FEED_PATHS["site"]:
            with self.subTest(path):
                _, after = parse(self.client, path)
                entry = next(entry for entry in after.entries if entry.id == guid)
                self.assertEqual(entry.title, "Parliament passes the budget after all-night session")
                self.assertTrue(entry.link.endswith("/politics/budget-passed/"))
                self.assertEqual(entry.summary, "The vote came at dawn.")
                if not path.endswith("/feed/"):  # RSS 2.0 has no update date; Atom and JSON Feed announce the edit
                    self.assertNotEqual(entry.updated, entry.published)

    def test_summary_by_default_full_text_when_the_newsroom_chooses_it(self):
        picture = f.make_image("Harbour at dawn")
        f.make_article(
            self.newsroom["sections"]["business"],
            "Port reopens",
            standfirst="Ships are moving again.",
            body=[
                "First paragraph about the <a href='/business/'>port</a>.",
                ("subheading", "What happens next"),
                ("quote", {"quote": "We are open for business.", "attribution": "Harbour master"}),
            ],
            lead_image=picture,
            lead_image_caption="The harbour at dawn",
        )
        _, summary_feed = parse(self.client, "/feed/")
        entry = summary_feed.entries[0]
        self.assertEqual(entry.title, "Port reopens")
        self.assertEqual(entry.summary, "Ships are moving again.")
        self.assertNotIn("First paragraph", str(entry.get("content", "")))  # no full text by default
        self.assertTrue(entry.media_content[0]["url"].endswith(".jpg"))
        self.assertEqual(entry.media_content[0]["width"], "1200")

        setting = SyndicationSettings.for_site(self.site)
        setting.full_text_feeds = True
        setting.save()
        for path in FEED_PATHS["site"][:2]:
            with self.subTest(path):
                _, full_feed = parse(self.client, path)
                html = next(c.value for c in full_feed.entries[0].content if c.type == "text/html")
                self.assertIn("First paragraph about the", html)
                self.assertIn('href="http://localhost/business/"', html)  # links made absolute for feed readers
                self.assertIn("<h2>What happens next</h2>", html)
                self.assertIn("We are open for business.", html)
                self.assertIn('src="http://localhost/', html)
                self.assertIn("The harbour at dawn", html)
                self.assertNotIn("<script", html)
        data = json.loads(self.client.get("/feed.json").content)
        self.assertIn("First paragraph about the", data["items"][0]["content_html"])
        self.assertTrue(data["items"][0]["image"].startswith("http://localhost/"))
        jsonschema.validate(data, JSON_FEED_1_1)

    def test_feed_length_is_a_site_setting(self):
        setting = SyndicationSettings.for_site(self.site)
        setting.feed_length = 2
        setting.save()
        _, feed = parse(self.client, "/feed/")
        self.assertEqual(titles(feed), ["Startups find new investors", "Grain exports rise again"])

    def test_query_count_does_not_grow_with_the_number_of_articles(self):
        few = queries_of_a_warm_request(self.client, "/feed/")
        for number in range(6):
            f.make_article(
                self.newsroom["sections"]["business"], f"Extra story {number}", [self.newsroom["contributors"]["mark"]]
            )
        many = queries_of_a_warm_request(self.client, "/feed/")
        self.assertIn(b"Extra story 5", self.client.get("/feed/").content)
        self.assertEqual(many, few)
