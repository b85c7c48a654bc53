"""import_wordpress on the real WordPress 6.1.9 export in fixtures/wordpress (see fixtures/README.md)."""

import shutil
from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from django.core.management.base import CommandError
from django.test import TestCase
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model

from masthead.articles.factories import make_site
from masthead.articles.models import ArticlePage, Contributor, SectionPage, StandardPage
from masthead.imports.models import ImportRecord

from .helpers import UPLOADS, WXR, block_types, blocks_of, one_post_wxr, run


class WordPressImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        cls.output = run("import_wordpress", WXR, "--uploads", UPLOADS)

    def article(self, title):
        return ArticlePage.objects.get(title=title)

    def test_every_post_page_author_and_section_arrives(self):
        self.assertIn("Imported: 13 created, 0 updated, 0 unchanged, 0 skipped", self.output)
        self.assertEqual(ArticlePage.objects.count(), 10)
        self.assertEqual(StandardPage.objects.count(), 3)
        self.assertEqual(
            set(Contributor.objects.values_list("name", flat=True)),
            {"admin", "Jane Writer", "Marcus O’Neill", "Олена Коваленко"},
        )
        self.assertEqual(
            set(SectionPage.objects.values_list("title", flat=True)),
            {"Uncategorized", "City", "Culture", "Business", "Video"},
        )
        # The six attachments, minus "The Dnipro", which no post uses.
        self.assertEqual(
            set(get_image_model().objects.values_list("title", flat=True)),
            {
                "An empty metro platform under yellow lamps",
                "Соняшники на тлі стіни",
                "A market stall with crates of vegetables",
                "A green wall",
                "A violet wall",
            },
        )
        tags = set(ArticlePage.tags.through.tag_model().objects.values_list("name", flat=True))
        self.assertEqual(
            tags,
            {"benchmarks", "exhibitions", "markets", "metro", "night shift", "prices", "river", "Київ", "мистецтво"},
        )

    def test_drafts_stay_drafts_and_scheduled_stays_scheduled(self):
        draft = self.article("Budget hearing: notes so far")
        self.assertFalse(draft.live)
        self.assertIsNone(draft.first_published_at)
        scheduled = self.article("The new year’s first night train")
        self.assertFalse(scheduled.live)
        self.assertEqual(scheduled.go_live_at, datetime(2027, 1, 1, 0, 30, tzinfo=UTC))
        self.assertEqual(scheduled.get_latest_revision().approved_go_live_at, datetime(2027, 1, 1, 0, 30, tzinfo=UTC))
        self.assertFalse(StandardPage.objects.get(title="Privacy Policy").live)
        self.assertEqual(ArticlePage.objects.live().count(), 8)

    def test_the_metro_post_field_by_field(self):
        page = self.article("Kyiv’s metro after midnight")
        self.assertEqual(page.slug, "kyiv-metro-after-midnight")
        self.assertEqual(page.get_parent().title, "City")
        self.assertEqual([c.name for c in page.contributors], ["Marcus O’Neill"])
        self.assertEqual(page.standfirst, "Who keeps the trains running while the city sleeps.")
        self.assertEqual(page.first_published_at, datetime(2026, 11, 20, 23, 40, tzinfo=UTC))
        self.assertEqual(set(page.tags.names()), {"metro", "night shift"})
        self.assertEqual(page.lead_image.title, "An empty metro platform under yellow lamps")
        self.assertEqual(page.lead_image_caption, "The platform at Zoloti Vorota after closing")
        self.assertEqual(page.lead_image_credit, "Marcus O’Neill")
        self.assertEqual(
            block_types(page),
            ["paragraph", "subheading", "paragraph", "image", "quote", "subheading", "paragraph"],
        )
        first = page.body[0].value.source
        self.assertIn("<strong>Teatralna</strong>", first)
        self.assertIn("<em>Cleaners</em>", first)
        self.assertIn('<a href="https://example.org/metro">the maintenance crews</a>', first)
        self.assertIn("“underground ballroom”", first)
        self.assertIn("🚇", first)
        self.assertEqual(blocks_of(page, "subheading"), ["Who works the night shift", "How a night goes"])
        self.assertIn("<ul><li>Track inspectors</li>", page.body[2].value.source)
        self.assertIn("<ol><li>The power is switched off at 00:30.</li>", page.body[6].value.source)
        self.assertIn("<p>By six, the first commuters don’t notice a thing.</p>", page.body[6].value.source)
        quote = blocks_of(page, "quote")[0]
        self.assertEqual(
            (quote["quote"], quote["attribution"]), ("“We know every rail by its sound.”", "Halyna, track inspector")
        )
        image = blocks_of(page, "image")[0]
        self.assertEqual(image["caption"], "The platform at Zoloti Vorota after closing")
        self.assertEqual(image["credit"], "Marcus O’Neill")
        self.assertEqual(image["alt_text"], "An empty metro platform under yellow lamps")

    def test_the_ukrainian_post_field_by_field(self):
        page = self.article("Соняшники на Подолі")
        self.assertEqual(page.slug, "соняшники-на-подолі")
        self.assertEqual(page.get_parent().title, "Culture")
        self.assertEqual([c.name for c in page.contributors], ["Олена Коваленко"])
        self.assertEqual(page.contributors[0].slug, "олена-коваленко")
        self.assertEqual(set(page.tags.names()), {"Київ", "мистецтво"})
        self.assertEqual(page.first_published_at, datetime(2026, 11, 22, 10, 15, tzinfo=UTC))
        self.assertEqual(block_types(page), ["paragraph", "subheading", "paragraph", "image"])
        self.assertIn("«Соняшники»", page.body[0].value.source)
        self.assertIn("🌻", page.body[0].value.source)
        self.assertEqual(page.body[1].value, "Як це було")
        self.assertIn("<em>зупинялися</em>", page.body[2].value.source)
        image = blocks_of(page, "image")[0]
        self.assertEqual((image["caption"], image["credit"]), ("Соняшники біля Контрактової площі", "Олена Коваленко"))
        self.assertEqual(page.lead_image_credit, "Олена Коваленко")

    def test_the_table_post_field_by_field(self):
        page = self.article("What a basket costs at the Zhytnii market")
        self.assertEqual(page.get_parent().title, "Business")  # the first of its two categories
        self.assertEqual(block_types(page), ["paragraph", "table", "paragraph"])
        table = blocks_of(page, "table")[0]
        self.assertEqual(
            table["data"],
            [["Item", "Price (UAH)"], ["Potatoes, 1 kg", "18"], ["Sunflower oil, 1 l", "74"], ["Eggs, 10", "52"]],
        )
        self.assertTrue(table["first_row_is_table_header"])
        self.assertEqual(table["table_caption"], "Prices on 23 November")

    def test_the_embed_post_field_by_field_and_cleaned(self):
        page = self.article("Watch: the Dnipro from above")
        self.assertEqual(block_types(page), ["paragraph", "embed", "paragraph"])
        embed = blocks_of(page, "embed")[0]
        self.assertEqual(embed["embed"].url, "https://www.youtube.com/watch?v=aqz-KE-bpKQ")
        self.assertEqual(embed["caption"], "Twelve minutes over the Dnipro")
        self.assertIn("youtube.com/embed/aqz-KE-bpKQ", Embed.objects.get(url=embed["embed"].url).html)
        self.assertIn("A script was removed.", self.output)
        self.assertIn("polls.unknown-host.example was removed", self.output)
        html = self.client.get(page.url).content.decode()
        self.assertNotIn("<script>alert", html)
        self.assertNotIn("unknown-host.example", html)
        self.assertIn('src="https://www.youtube.com/embed/aqz-KE-bpKQ"', html)

    def test_gallery_and_classic_posts(self):
        gallery = blocks_of(self.article("Two rooms, one painter"), "gallery")[0]
        self.assertEqual([image["caption"] for image in gallery["images"]], ["The first room", "The second room"])
        self.assertEqual(gallery["caption"], "The exhibition, room by room")
        classic = self.article("Dawn at the river market")
        self.assertEqual(block_types(classic), ["paragraph", "image", "subheading", "paragraph", "quote", "paragraph"])
        self.assertEqual(blocks_of(classic, "image")[0]["caption"], "Stall holders at dawn")
        self.assertIn("<b>families</b>", classic.body[3].value.source)
        self.assertEqual(blocks_of(classic, "quote")[0]["quote"], "Nobody haggles before seven.")
        self.assertIn(
            "“Dawn at the river market”: Image http://127.0.0.1:8081/wp-content/uploads/2026/11/not-there.jpg"
            " is missing",
            self.output,
        )

    def test_the_article_renders_with_its_formatting(self):
        html = self.client.get(self.article("Kyiv’s metro after midnight").url).content.decode()
        self.assertIn("Who works the night shift", html)
        self.assertIn("<li>Track inspectors</li>", html)
        self.assertIn("We know every rail by its sound.", html)
        self.assertIn("The platform at Zoloti Vorota after closing", html)
        self.assertIn("Marcus O’Neill", html)
        table = self.client.get(self.article("What a basket costs at the Zhytnii market").url).content.decode()
        self.assertIn('<th scope="col">Price (UAH)</th>', table)
        self.assertIn("<td>Sunflower oil, 1 l</td>", table)

    def test_the_static_page(self):
        response = self.client.get("/about/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "About this newsroom")
        self.assertContains(response, '<a href="mailto:desk@example.com">desk@example.com</a>', html=True)

    def test_old_links_redirect_permanently(self):
        metro = self.article("Kyiv’s metro after midnight")
        ukrainian = self.article("Соняшники на Подолі")
        old_ukrainian = quote("/соняшники-на-подолі/").lower()  # as WordPress wrote it
        expectations = {
            "/kyiv-metro-after-midnight/": metro.url,
            "/?p=11": metro.url,
            old_ukrainian: ukrainian.url,
            "/?page_id=19": "/about/",
            "/category/city/": "/city/",
            "/tag/metro/": "/search/?q=metro",
            "/author/marcus/": metro.contributors[0].get_absolute_url(),
        }
        for old, new in expectations.items():
            with self.subTest(old=old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response.headers["Location"], new)
                self.assertEqual(self.client.get(response.headers["Location"]).status_code, 200)

    def test_a_second_import_creates_nothing_new(self):
        pages, records = ArticlePage.objects.count(), ImportRecord.objects.count()
        output = run("import_wordpress", WXR, "--uploads", UPLOADS)
        self.assertIn("Imported: 0 created, 0 updated, 13 unchanged, 0 skipped", output)
        self.assertEqual((ArticlePage.objects.count(), ImportRecord.objects.count()), (pages, records))

    def test_a_changed_post_is_updated_in_place(self):
        changed = self.tmp_copy(
            WXR.read_text(encoding="utf-8").replace("Two rooms, one painter", "Two rooms, one painter (updated)")
        )
        page_id = self.article("Two rooms, one painter").pk
        output = run("import_wordpress", changed, "--uploads", UPLOADS)
        self.assertIn("Imported: 0 created, 1 updated, 12 unchanged", output)
        self.assertEqual(ArticlePage.objects.get(pk=page_id).title, "Two rooms, one painter (updated)")
        self.assertEqual(ArticlePage.objects.count(), 10)

    def tmp_copy(self, text):
        import tempfile

        handle = tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False, encoding="utf-8")
        handle.write(text)
        handle.close()
        self.addCleanup(lambda: __import__("os").unlink(handle.name))
        return handle.name


@pytest.mark.django_db
def test_dry_run_changes_nothing():
    make_site()
    output = run("import_wordpress", WXR, "--uploads", UPLOADS, "--dry-run")
    assert "Would import: 13 created, 0 updated, 0 unchanged, 0 skipped" in output
    assert "not-there.jpg is missing" in output
    assert ArticlePage.objects.count() == 0
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, message",
    [
        ('{"db": []}', "This file is not a WordPress export (WXR): it is not valid XML"),
        ("<rss><channel><title>A feed</title></channel></rss>", "it has no WordPress export data"),
        (WXR.read_text(encoding="utf-8")[:30000], "it looks truncated"),
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><rss>&b;</rss>',
            "This file is not a WordPress export (WXR): it declares XML entities, which WordPress never writes.",
        ),
    ],
    ids=["json", "plain-rss", "truncated", "entities"],
)
def test_bad_files_get_a_clear_message_and_change_nothing(tmp_path, content, message):
    make_site()
    path = tmp_path / "export.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run("import_wordpress", path, "--uploads", UPLOADS)
    assert ArticlePage.objects.count() == 0


@pytest.mark.django_db
def test_one_failing_post_leaves_the_others_and_no_half_written_page(tmp_path):
    home = make_site()
    # The "Video" category cannot become a section: a static page already holds its address.
    home.add_child(instance=StandardPage(title="Video guide", slug="video"))
    uploads = tmp_path / "uploads"
    shutil.copytree(UPLOADS, uploads)
    (uploads / "2026" / "11" / "gallery-one.jpg").write_bytes(b"not a picture")
    output = run("import_wordpress", WXR, "--uploads", uploads)
    assert "Imported: 12 created, 0 updated, 0 unchanged, 1 skipped" in output
    assert "“Watch: the Dnipro from above”: Not imported: The slug 'video' is already in use" in output
    assert not ArticlePage.objects.filter(title="Watch: the Dnipro from above").exists()
    assert not SectionPage.objects.filter(title="Video").exists()
    assert not ImportRecord.objects.filter(kind="post", source_id="14").exists()
    # A picture that cannot be read is reported, and its post imported without it.
    assert (
        "“Two rooms, one painter”: Image http://127.0.0.1:8081/wp-content/uploads/2026/11/gallery-one.jpg could not"
        in output
    )
    gallery = blocks_of(ArticlePage.objects.get(title="Two rooms, one painter"), "gallery")[0]
    assert [image["caption"] for image in gallery["images"]] == ["The second room"]


ESCAPED_WXR = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Harbour Gazette</title>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_blog_url>https://harbour.example</wp:base_blog_url>
  <wp:author><wp:author_login><![CDATA[ok]]></wp:author_login>
    <wp:author_display_name><![CDATA[Oksana &amp; Petro]]></wp:author_display_name></wp:author>
  <wp:tag><wp:tag_slug><![CDATA[q-a]]></wp:tag_slug><wp:tag_name><![CDATA[Q&amp;A]]></wp:tag_name></wp:tag>
  <item>
    <title><![CDATA[Port&#8217;s new Q&amp;A desk]]></title>
    <dc:creator><![CDATA[ok]]></dc:creator>
    <content:encoded><![CDATA[<p>Fish &amp; chips, and a tag shown as text: &lt;b&gt;.</p>
<p><img src="https://harbour.example/wp-content/uploads/gone.jpg" alt=""></p>]]></content:encoded>
    <excerpt:encoded><![CDATA[Readers&#8217; questions &amp; answers.]]></excerpt:encoded>
    <wp:post_id>1</wp:post_id>
    <wp:post_date_gmt><![CDATA[2026-12-01 09:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[port-q-a]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="port-harbour"><![CDATA[Port &amp; Harbour]]></category>
    <category domain="post_tag" nicename="q-a"><![CDATA[Q&amp;A]]></category>
  </item>
  <item>
    <title>Grain ships return to Odesa &amp; Pivdennyi</title>
    <dc:creator><![CDATA[ok]]></dc:creator>
    <content:encoded><![CDATA[<p>Three ships.</p>]]></content:encoded>
    <wp:post_id>2</wp:post_id>
    <wp:post_date_gmt><![CDATA[2026-12-01 10:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[grain-ships]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="port-harbour"><![CDATA[Port &amp; Harbour]]></category>
  </item>
  <item>
    <title><![CDATA[Why we write &amp;amp; in our style guide]]></title>
    <dc:creator><![CDATA[ok]]></dc:creator>
    <content:encoded><![CDATA[<p>Never twice.</p>]]></content:encoded>
    <wp:post_id>3</wp:post_id>
    <wp:post_date_gmt><![CDATA[2026-12-01 11:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[style-guide]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="port-harbour"><![CDATA[Port &amp; Harbour]]></category>
  </item>
</channel>
</rss>
"""


@pytest.mark.django_db
def test_titles_excerpts_and_names_wordpress_wrote_escaped_read_as_plain_text(tmp_path, client):
    make_site()
    path = tmp_path / "export.xml"
    path.write_text(ESCAPED_WXR, encoding="utf-8")
    output = run("import_wordpress", path)
    assert "Imported: 3 created" in output
    # The summary names the story as readers see it.
    assert "“Port’s new Q&A desk”: Image https://harbour.example/wp-content/uploads/gone.jpg is missing" in output

    page = client.get(ArticlePage.objects.get(slug="port-q-a").url).content.decode()
    # The template escapes "&" once: "&amp;" in the HTML is the "&" a reader sees.
    assert '<h1 id="headline" class="article__headline">Port’s new Q&amp;A desk</h1>' in page
    assert "<title>Port’s new Q&amp;A desk |" in page
    assert '<p class="article__standfirst">Readers’ questions &amp; answers.</p>' in page
    assert "&amp;#8217;" not in page and "&amp;amp;" not in page
    # The body is HTML and stays so: its "&lt;b&gt;" is text, not a tag.
    assert "Fish &amp; chips, and a tag shown as text: &lt;b&gt;." in page
    assert ">Oksana &amp; Petro<" in page
    assert ArticlePage.objects.get(slug="port-q-a").tags.get().name == "Q&A"
    assert SectionPage.objects.get().title == "Port & Harbour"
    assert "Port &amp; Harbour</a>" in page

    grain = client.get(ArticlePage.objects.get(slug="grain-ships").url).content.decode()
    assert '<h1 id="headline" class="article__headline">Grain ships return to Odesa &amp; Pivdennyi</h1>' in grain

    # Decoded once: what the writer typed as "&amp;" stays "&amp;".
    assert ArticlePage.objects.get(slug="style-guide").title == "Why we write &amp; in our style guide"

    tag_archive = client.get("/tag/q-a/")
    assert tag_archive.headers["Location"] == "/search/?q=Q%26A"


QUOTED_FRAME = """<p>Watch.</p>
<iframe src="https://www.youtube.com/embed/abc&quot; onload=&quot;alert(1)&quot; x=&quot;"></iframe>
<iframe src="https://youtu.be/def%22%20onload%3D%22alert(2)"></iframe>"""


@pytest.mark.django_db
def test_a_frame_address_cannot_add_attributes_to_the_stored_player(tmp_path, client):
    make_site()
    path = one_post_wxr(tmp_path / "export.xml", "A video with a quote in its address", "quoted-frame", QUOTED_FRAME)
    run("import_wordpress", path)

    page = client.get(ArticlePage.objects.get(slug="quoted-frame").url).content.decode()
    assert "Watch." in page
    assert "onload" not in page
    assert not any("onload" in html for html in Embed.objects.values_list("html", flat=True))
