"""“Did you mean …?”: a query that finds nothing offers a spelling that finds something."""

import re
from html import unescape

from django.test import TestCase, override_settings

from masthead.articles import factories as f
from masthead.livefeed.factories import create_news_item

from .test_search import result_titles

SUGGESTION = re.compile(r'<p class="search-suggestion">(.*?)</p>', re.S)
LINK = re.compile(r'<a href="([^"]+)">([^<]+)</a>')


@override_settings(MASTHEAD_NARRATION_ENABLED=False)
class DidYouMeanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = f.make_site()
        cls.politics = f.make_section(home, "Politics")
        f.make_section(home, "Business")
        f.make_article(
            cls.politics,
            "Parliament passes the budget",
            body=["The vote ended a long stand-off over pensions."],
            published_at=f.hours_ago(5),
        )
        f.make_article(cls.politics, "Київ готується до зими", body=["Міська рада затвердила план."])
        create_news_item("Air raid alert lifted in Kharkiv", "<p>All clear.</p>", published_at=f.hours_ago(1))

    def search(self, **params):
        response = self.client.get("/search/", params)
        self.assertEqual(response.status_code, 200)
        return response

    def suggestion(self, response):
        """What the reader reads ("Did you mean Kharkiv?") and where its link goes, or None."""
        found = SUGGESTION.search(response.content.decode())
        if found is None:
            return None
        text = unescape(re.sub(r"<[^>]+>", "", found[1]))
        links = LINK.findall(found[1])
        self.assertEqual(len(links), 1)
        href, label = links[0]
        return text, unescape(href), unescape(label)

    def test_a_russian_spelling_of_a_ukrainian_city_suggests_the_ukrainian_one(self):
        response = self.search(q="Kharkov")
        self.assertEqual(result_titles(response), [])
        self.assertIn("0 results for “Kharkov”", unescape(response.content.decode()))
        text, href, label = self.suggestion(response)
        self.assertEqual(text, "Did you mean Kharkiv?")
        self.assertEqual((href, label), ("?q=Kharkiv", "Kharkiv"))
        self.assertNotIn("Check the spelling", response.content.decode())

        followed = self.client.get("/search/" + href)
        self.assertEqual(result_titles(followed), ["Air raid alert lifted in Kharkiv"])
        self.assertIsNone(self.suggestion(followed))

    def test_in_cyrillic_too(self):
        text, href, _label = self.suggestion(self.search(q="Киев"))
        self.assertEqual(text, "Did you mean Київ?")
        self.assertEqual(result_titles(self.client.get("/search/" + href)), ["Київ готується до зими"])

    def test_a_misspelt_word_suggests_the_nearest_word_from_the_headlines(self):
        text, href, _label = self.suggestion(self.search(q="parliment budgte"))
        self.assertEqual(text, "Did you mean parliament budget?")
        self.assertEqual(result_titles(self.client.get("/search/" + href)), ["Parliament passes the budget"])
        self.assertEqual(self.suggestion(self.search(q="Budgte"))[0], "Did you mean Budget?")

    def test_the_section_and_order_are_kept_in_the_link(self):
        _text, href, _label = self.suggestion(self.search(q="budgte", section="politics", sort="newest"))
        self.assertEqual(href, "?q=budget&section=politics&sort=newest")

    def test_nothing_is_suggested_that_would_find_nothing(self):
        # Kyiv is the right spelling, but no English headline has it.
        response = self.search(q="Kiev")
        self.assertIsNone(self.suggestion(response))
        self.assertIn("Check the spelling", response.content.decode())
        # News feed items belong to no section: Kharkiv finds nothing in Business.
        self.assertIsNone(self.suggestion(self.search(q="Kharkov", section="business")))
        self.assertIsNone(self.suggestion(self.search(q="xylophone")))

    def test_a_query_that_finds_something_gets_no_suggestion(self):
        response = self.search(q="pensions")
        self.assertEqual(result_titles(response), ["Parliament passes the budget"])
        self.assertIsNone(self.suggestion(response))
