"""JSON-LD: what search engines read about articles, the site and contributors."""

import json
import re

from masthead.articles import factories as f

from .builders import NewsroomTestCase

LD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# Every property Google lists as recommended for Article / NewsArticle (it requires none):
# https://developers.google.com/search/docs/appearance/structured-data/article#structured-data-type-definitions
GOOGLE_RECOMMENDED = ["author", "dateModified", "datePublished", "headline", "image"]
GOOGLE_RECOMMENDED_AUTHOR = ["name", "url"]


def of_type(blocks, kind):
    found = [block for block in blocks if block["@type"] == kind]
    assert len(found) == 1, f"expected one {kind} in {[b['@type'] for b in blocks]}"
    return found[0]


class StructuredDataTests(NewsroomTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        budget = cls.newsroom["articles"][0]
        budget.lead_image = f.make_image("Parliament at night")
        budget.lead_image_alt = "The parliament building lit up at night"
        budget.tags.add("budget", "parliament")
        budget.save_revision().publish()
        olena = cls.newsroom["contributors"]["olena"]
        olena.bio = "Covers politics from Kyiv </script><script>alert(1)</script>"
        olena.x_handle = "olena_m"
        olena.save()

    def json_ld(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return [json.loads(block) for block in LD_SCRIPT.findall(response.content.decode())]

    def test_news_article_has_every_property_google_recommends(self):
        article = of_type(self.json_ld(self.newsroom["articles"][0].url), "NewsArticle")
        self.assertEqual(article["@context"], "https://schema.org")
        for name in GOOGLE_RECOMMENDED:
            self.assertTrue(article.get(name), name)
        for author in article["author"]:
            for name in GOOGLE_RECOMMENDED_AUTHOR:
                self.assertTrue(author.get(name), name)
        self.assertEqual(article["headline"], "Parliament passes the budget")
        self.assertEqual(article["description"], "Lawmakers approved spending after a night of debate.")
        self.assertEqual(len(article["image"]), 3)  # 16:9, 4:3 and 1:1, as Google asks
        for url in article["image"]:
            self.assertRegex(url, r"^http://localhost/.+\.jpg$")
        self.assertLessEqual(article["datePublished"], article["dateModified"])
        self.assertEqual(
            article["author"],
            [
                {"@type": "Person", "name": "Olena Marchenko", "url": "http://localhost/authors/olena-marchenko/"},
                {"@type": "Person", "name": "Mark Ellison", "url": "http://localhost/authors/mark-ellison/"},
            ],
        )
        publisher = article["publisher"]
        self.assertEqual((publisher["@type"], publisher["name"]), ("NewsMediaOrganization", "The Masthead"))
        self.assertTrue(publisher["logo"]["url"].startswith("http://localhost/"))
        self.assertGreater(publisher["logo"]["width"], 0)
        self.assertEqual(
            article["mainEntityOfPage"],
            {"@type": "WebPage", "@id": "http://localhost/politics/parliament-passes-the-budget/"},
        )
        self.assertIs(article["isAccessibleForFree"], True)
        self.assertEqual(article["articleSection"], "Politics")
        self.assertEqual(sorted(article["keywords"]), ["budget", "parliament"])
        self.assertNotIn("audio", article)  # no narration for this one

    def test_the_publisher_logo_is_served(self):
        article = of_type(self.json_ld(self.newsroom["articles"][0].url), "NewsArticle")
        response = self.client.get(article["publisher"]["logo"]["url"].removeprefix("http://localhost"))
        self.assertEqual(response.status_code, 200)

    def test_a_desk_is_an_organization_not_a_person(self):
        article = of_type(self.json_ld(self.newsroom["articles"][1].url), "NewsArticle")
        self.assertEqual(
            article["author"],
            [
                {
                    "@type": "Organization",
                    "name": "The Masthead news desk",
                    "url": "http://localhost/authors/the-masthead-news-desk/",
                }
            ],
        )

    def test_narration_is_an_audio_object(self):
        from masthead.narration.models import Narration

        article = self.newsroom["articles"][2]
        Narration.objects.create(
            article=article,
            state=Narration.State.READY,
            audio="narration/grain.mp3",
            duration_seconds=125.4,
            size_bytes=752_000,
        )
        audio = of_type(self.json_ld(article.url), "NewsArticle")["audio"]
        self.assertEqual(audio["@type"], "AudioObject")
        self.assertRegex(audio["contentUrl"], r"^http://localhost/.+grain\.mp3$")
        self.assertEqual(audio["encodingFormat"], "audio/mpeg")
        self.assertEqual(audio["duration"], "PT2M5S")
        self.assertIn("AI", audio["description"])

    def test_article_breadcrumbs_go_home_section_article(self):
        crumbs = of_type(self.json_ld(self.newsroom["articles"][0].url), "BreadcrumbList")["itemListElement"]
        self.assertEqual(
            [(crumb["position"], crumb["name"], crumb["item"]) for crumb in crumbs],
            [
                (1, "Home", "http://localhost/"),
                (2, "Politics", "http://localhost/politics/"),
                (3, "Parliament passes the budget", "http://localhost/politics/parliament-passes-the-budget/"),
            ],
        )

    def test_home_page_has_website_with_search_action(self):
        blocks = self.json_ld("/")
        site = of_type(blocks, "WebSite")
        self.assertEqual(site["url"], "http://localhost/")
        action = site["potentialAction"]
        self.assertEqual(action["@type"], "SearchAction")
        self.assertEqual(action["target"]["urlTemplate"], "http://localhost/search/?q={search_term_string}")
        self.assertEqual(action["query-input"], "required name=search_term_string")
        self.assertEqual(of_type(blocks, "NewsMediaOrganization")["name"], "The Masthead")

    def test_section_page_has_breadcrumbs(self):
        crumbs = of_type(self.json_ld("/business/"), "BreadcrumbList")["itemListElement"]
        self.assertEqual([crumb["name"] for crumb in crumbs], ["Home", "Business"])

    def test_contributor_page_is_a_profile_page(self):
        person = of_type(self.json_ld("/authors/olena-marchenko/"), "ProfilePage")["mainEntity"]
        self.assertEqual(person["@type"], "Person")
        self.assertEqual(person["name"], "Olena Marchenko")
        self.assertEqual(person["url"], "http://localhost/authors/olena-marchenko/")
        self.assertEqual(person["jobTitle"], "Kyiv correspondent")
        self.assertTrue(person["description"].startswith("Covers politics from Kyiv </script>"))  # escaped, yet intact
        self.assertEqual(person["sameAs"], ["https://x.com/olena_m"])

        desk = of_type(self.json_ld("/authors/the-masthead-news-desk/"), "ProfilePage")["mainEntity"]
        self.assertEqual(desk["@type"], "Organization")

    def test_text_cannot_break_out_of_the_script_element(self):
        article = self.newsroom["articles"][1]
        article.title = "Bridge </script><script>alert('x')</script> opens"
        article.save_revision().publish()
        html = self.client.get(article.url).content.decode()
        self.assertNotIn("<script>alert", html)
        data = of_type([json.loads(block) for block in LD_SCRIPT.findall(html)], "NewsArticle")
        self.assertEqual(data["headline"], "Bridge </script><script>alert('x')</script> opens")
