"""The search page at /search/: what a reader finds, and that no query can break it."""

import re
from html import unescape

from django.test import SimpleTestCase, TestCase, override_settings
from wagtail.search import index

from masthead.articles import factories as f
from masthead.articles.models import ArticlePage
from masthead.livefeed.factories import create_news_item
from masthead.search.ranking import score_direction

RESULT_TITLE = re.compile(r'<h2 class="search-result__title"><a href="([^"]+)">(.*?)</a></h2>', re.S)
QUERY_BOX = re.compile(r'<input type="search" id="search-q" name="q" value="([^"]*)"')


def result_titles(response):
    return [re.sub(r"</?mark>", "", unescape(title)) for _url, title in RESULT_TITLE.findall(response.content.decode())]


def query_in_box(response):
    return unescape(QUERY_BOX.search(response.content.decode())[1])


@override_settings(MASTHEAD_NARRATION_ENABLED=False)
class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = f.make_site()
        cls.politics = f.make_section(home, "Politics")
        cls.business = f.make_section(home, "Business")
        olena = f.make_contributor("Olena Marchenko")
        cls.budget = f.make_article(
            cls.politics,
            "Parliament passes the budget",
            [olena],
            standfirst="Lawmakers approved spending after a night of debate.",
            body=["The vote ended a long stand-off over pensions and the zucchini subsidy."],
            published_at=f.hours_ago(5),
        )
        cls.budget.tags.add("Economy")
        cls.budget.save_revision().publish()
        # Publishing indexes the page before modelcluster writes its new tags; a
        # real worker runs the index task after the commit and sees them, the
        # in-process test backend runs it at once and does not. Index again.
        index.insert_or_update_object(ArticlePage.objects.get(pk=cls.budget.pk))
        f.make_article(
            cls.business,
            "Farmers count the cost of the budget",
            [olena],
            body=["Grain growers say the new budget leaves them short."],
            published_at=f.hours_ago(3),
        )
        f.make_article(
            cls.politics,
            "Київ готується до зими",
            body=["Міська рада затвердила план опалення."],
            published_at=f.hours_ago(2),
        )
        f.make_article(cls.politics, "Draft about the budget", body=["Unpublished zucchini."], publish=False)
        cls.item = create_news_item(
            "Air raid alert lifted in Kharkiv",
            "<p>“All clear,” the regional governor said.</p>",
            published_at=f.hours_ago(1),
        )
        create_news_item("Unpublished flash about Kharkiv", "<p>Draft.</p>", publish=False)

    def search(self, **params):
        response = self.client.get("/search/", params)
        self.assertEqual(response.status_code, 200)
        return response

    def test_finds_an_article_by_a_word_only_in_its_body(self):
        response = self.search(q="zucchini")
        self.assertEqual(result_titles(response), ["Parliament passes the budget"])
        html = response.content.decode()
        self.assertIn("<mark>zucchini</mark>", html)  # the passage that matched is shown
        self.assertIn('href="/politics/parliament-passes-the-budget/"', html)
        self.assertIn("1 result for “zucchini”", unescape(html))

    def test_finds_an_article_by_its_contributor_and_by_its_tag(self):
        self.assertIn("Parliament passes the budget", result_titles(self.search(q="Marchenko")))
        self.assertEqual(result_titles(self.search(q="Economy")), ["Parliament passes the budget"])

    def test_finds_a_news_feed_item_by_its_headline(self):
        response = self.search(q="Kharkiv")
        self.assertEqual(result_titles(response), ["Air raid alert lifted in Kharkiv"])
        self.assertIn(f'href="{self.item.get_absolute_url()}"', response.content.decode())
        self.assertIn("News Feed", response.content.decode())

    def test_articles_and_feed_items_are_ranked_together(self):
        create_news_item("Budget vote delayed", "<p>The budget vote moves to Friday.</p>", published_at=f.hours_ago(4))
        titles = result_titles(self.search(q="budget"))
        self.assertEqual(
            sorted(titles),
            ["Budget vote delayed", "Farmers count the cost of the budget", "Parliament passes the budget"],
        )
        newest = result_titles(self.search(q="budget", sort="newest"))
        self.assertEqual(
            newest, ["Farmers count the cost of the budget", "Budget vote delayed", "Parliament passes the budget"]
        )

    def test_the_better_match_comes_first_whether_article_or_feed_item(self):
        filler = " ".join(["Farmers weighed the harvest and the prices at the market."] * 20)
        f.make_article(self.business, "Grain harvest report", body=[filler + " Trucks left for Kharkiv at noon."])
        self.assertEqual(
            result_titles(self.search(q="Kharkiv")), ["Air raid alert lifted in Kharkiv", "Grain harvest report"]
        )
        f.make_article(self.politics, "Kharkiv rebuilds its tram depot", body=["Kharkiv trams run again in Kharkiv."])
        create_news_item("Power cut in the east", "<p>" + filler[:600] + " Outage reported near Kharkiv.</p>")
        ranked = result_titles(self.search(q="Kharkiv"))
        # Headline matches (an article and a feed item) above mentions deep in the text (one of each).
        self.assertEqual(set(ranked[:2]), {"Kharkiv rebuilds its tram depot", "Air raid alert lifted in Kharkiv"})
        self.assertEqual(set(ranked[2:]), {"Grain harvest report", "Power cut in the east"})

    def test_a_match_in_the_headline_ranks_above_one_in_the_text(self):
        f.make_article(self.business, "Pensions rise in spring", body=["Retired workers get more."])
        self.assertEqual(
            result_titles(self.search(q="pensions")), ["Pensions rise in spring", "Parliament passes the budget"]
        )

    def test_every_word_must_match_before_any_word_will_do(self):
        self.assertEqual(result_titles(self.search(q="budget pensions")), ["Parliament passes the budget"])
        # No article has both words: the page falls back to articles with either.
        either = result_titles(self.search(q="pensions grain"))
        self.assertEqual(sorted(either), ["Farmers count the cost of the budget", "Parliament passes the budget"])

    def test_filter_by_section(self):
        response = self.search(q="budget", section="business")
        self.assertEqual(result_titles(response), ["Farmers count the cost of the budget"])
        self.assertIn('<option value="business" selected>', response.content.decode())
        # News feed items belong to no section.
        self.assertEqual(result_titles(self.search(q="Kharkiv", section="politics")), [])
        # An unknown section is ignored rather than an error.
        self.assertEqual(len(result_titles(self.search(q="budget", section="nope"))), 2)

    def test_drafts_are_never_found(self):
        self.assertNotIn("Draft about the budget", result_titles(self.search(q="budget")))
        self.assertEqual(result_titles(self.search(q="Unpublished")), [])

    def test_query_is_kept_in_the_box(self):
        response = self.search(q="  parliament   budget ")
        self.assertEqual(query_in_box(response), "parliament budget")
        self.assertEqual(query_in_box(self.search(q='"quoted" <b>bold</b>')), '"quoted" <b>bold</b>')

    def test_unicode_query_finds_cyrillic_text(self):
        self.assertEqual(result_titles(self.search(q="Київ")), ["Київ готується до зими"])
        self.assertEqual(query_in_box(self.search(q="Київ")), "Київ")

    def test_paginated_with_the_query_in_every_link(self):
        for number in range(12):
            f.make_article(self.business, f"Budget story number {number}", published_at=f.hours_ago(10 + number))
        first = self.search(q="budget", sort="newest")
        self.assertEqual(len(result_titles(first)), 10)
        self.assertIn('href="?q=budget&amp;sort=newest&amp;page=2"', first.content.decode())
        self.assertIn('href="?q=budget&amp;sort=relevance"', first.content.decode())
        second = self.search(q="budget", sort="newest", page=2)
        self.assertEqual(len(result_titles(second)), 4)
        self.assertEqual(query_in_box(second), "budget")
        self.assertEqual(result_titles(second)[-1], "Budget story number 11")
        self.assertEqual(self.search(q="budget", page="abc").status_code, 200)
        self.assertEqual(len(result_titles(self.search(q="budget", page=99))), 4)

    def test_results_are_kept_out_of_search_engines(self):
        response = self.search(q="budget")
        self.assertIn('<meta name="robots" content="noindex, follow">', response.content.decode())
        self.assertEqual(response["X-Robots-Tag"], "noindex")

    def test_the_form_has_labels_and_works_without_javascript(self):
        html = self.search().content.decode()
        self.assertIn('<form class="search-form" role="search" method="get" action="/search/"', html)
        self.assertIn('<label for="search-q">', html)
        self.assertIn('<label for="search-section">', html)
        self.assertEqual(result_titles(self.search()), [])

    def test_awkward_queries_get_a_normal_page(self):
        queries = {
            "empty": "",
            "spaces": "    ",
            "long": "budget " * 143,  # 1,001 characters
            "unicode": "Київ 🇺🇦 café naïve 東京 مرحبا",
            "sql": "'; DROP TABLE wagtailcore_page; --",
            "sql-or": '" OR 1=1 --',
            "fts-syntax": 'NEAR(budget "parliament) AND OR NOT * ^ -x +y :',
            "tsquery-syntax": "budget & !parliament | (x <-> y):*",
            "like-wildcards": "%_%\\",
            "control": "bud\x00get\x1b",
            "punctuation": "!!! ??? ...",
        }
        for name, query in queries.items():
            with self.subTest(name):
                response = self.client.get("/search/", {"q": query})
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertIn('<h1 class="search-page__title">Search</h1>', html)
                self.assertIn('id="search-q"', html)
                self.assertNotIn("Search is not available", html)
        self.assertIn(
            "Parliament passes the budget", result_titles(self.client.get("/search/", {"q": "budget " * 143}))
        )
        self.assertLessEqual(len(query_in_box(self.client.get("/search/", {"q": "budget " * 143}))), 200)
        self.assertEqual(result_titles(self.client.get("/search/", {"q": "bud\x00get"})), [])


class ScoreDirectionTests(SimpleTestCase):
    def test_direction_follows_the_backends_order(self):
        self.assertEqual(score_direction([0.9, 0.2], []), 1)  # ts_rank: bigger is better
        self.assertEqual(score_direction([-7.1, -2.0], [-3.0]), -1)  # bm25: smaller is better
        self.assertEqual(score_direction([], [4.0, 1.0]), 1)

    def test_with_too_few_results_negative_scores_mean_bm25(self):
        self.assertEqual(score_direction([-2.5], [-1.0]), -1)
        self.assertEqual(score_direction([0.3], [0.1]), 1)
        self.assertEqual(score_direction([], []), 1)
