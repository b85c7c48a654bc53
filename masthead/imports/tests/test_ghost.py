"""import_ghost on the real Ghost 6.65 export and members CSV in fixtures/ghost (see fixtures/README.md)."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.images import get_image_model

from masthead.articles.factories import make_site
from masthead.articles.models import ArticlePage, Contributor, SectionPage, StandardPage
from masthead.newsletters import sending
from masthead.newsletters.factories import make_edition
from masthead.newsletters.models import Newsletter, Subscription

from .helpers import EXPORTED_AT, GHOST_IMAGES, GHOST_JSON, GHOST_MEMBERS, block_types, blocks_of, run


def import_ghost(*extra):
    return run("import_ghost", GHOST_JSON, "--images", GHOST_IMAGES, "--members", GHOST_MEMBERS, *extra)


class GhostImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        cls.output = import_ghost()

    def article(self, title):
        return ArticlePage.objects.get(title=title)

    def test_every_post_page_author_tag_and_newsletter_arrives(self):
        self.assertIn("Imported: 11 created, 0 updated, 0 unchanged, 0 skipped", self.output)
        self.assertEqual(ArticlePage.objects.count(), 9)
        self.assertEqual(
            set(StandardPage.objects.values_list("title", flat=True)), {"About this site", "Contact the newsroom"}
        )
        self.assertEqual(
            set(Contributor.objects.values_list("name", flat=True)),
            {"Jane Writer", "Marcus O’Neill", "Олена Коваленко"},
        )
        self.assertEqual(
            set(SectionPage.objects.values_list("title", flat=True)),
            {"News", "benchmarks", "City", "Culture", "Business", "Video"},
        )
        self.assertEqual(
            set(Newsletter.objects.values_list("slug", "name")),
            {("default-newsletter", "Anchor Ghost"), ("weekend-reads", "Weekend Reads")},
        )
        self.assertEqual(get_image_model().objects.count(), 5)  # metro, sunflowers, river, two gallery rooms
        self.assertIn(
            "Coming soon”: Image https://static.ghost.org/v4.0.0/images/feature-image.jpg is missing", self.output
        )

    def test_several_authors_keep_their_order(self):
        self.assertEqual(
            [c.name for c in self.article("Kyiv’s metro after midnight").contributors],
            ["Олена Коваленко", "Marcus O’Neill"],
        )
        self.assertEqual(
            [c.name for c in self.article("What a basket costs at the Zhytnii market").contributors],
            ["Jane Writer", "Marcus O’Neill"],
        )

    def test_internal_tags_are_not_shown(self):
        page = self.article("Kyiv’s metro after midnight")
        self.assertEqual(set(page.tags.names()), {"City", "metro"})
        self.assertNotContains(self.client.get(page.url), "night-desk")

    def test_drafts_and_scheduled_posts(self):
        self.assertFalse(self.article("Budget hearing: notes so far").live)
        scheduled = self.article("The new year’s first night train")
        self.assertFalse(scheduled.live)
        self.assertEqual(scheduled.go_live_at, datetime(2027, 1, 1, 0, 30, tzinfo=UTC))

    def test_the_metro_post_field_by_field(self):
        page = self.article("Kyiv’s metro after midnight")
        self.assertEqual((page.slug, page.get_parent().title), ("kyiv-metro-after-midnight", "City"))
        self.assertEqual(page.first_published_at, datetime(2026, 11, 20, 21, 40, tzinfo=UTC))
        self.assertEqual(page.standfirst, "Who keeps the trains running while the city sleeps.")
        self.assertEqual(page.lead_image_alt, "An empty metro platform under yellow lamps")
        self.assertEqual(
            (page.lead_image_caption, page.lead_image_credit),
            ("The platform at Zoloti Vorota after closing", "Marcus O’Neill"),
        )
        self.assertEqual(
            block_types(page),
            ["paragraph", "subheading", "paragraph", "quote", "subheading", "paragraph", "image", "paragraph"],
        )
        self.assertIn("<strong>Teatralna</strong>", page.body[0].value.source)
        self.assertIn("<li>Cleaners, <strong>mostly women</strong></li>", page.body[2].value.source)
        quote = blocks_of(page, "quote")[0]
        self.assertEqual(
            (quote["quote"], quote["attribution"]), ("“We know every rail by its sound.”", "Halyna, track inspector")
        )
        self.assertEqual(blocks_of(page, "image")[0]["caption"], "The Dnipro at dawn, seen from the last train.")

    def test_the_ukrainian_post_field_by_field(self):
        page = self.article("Соняшники на Подолі")
        self.assertEqual((page.slug, page.get_parent().title), ("soniashnyky-na-podoli", "Culture"))
        self.assertEqual([c.name for c in page.contributors], ["Олена Коваленко"])
        self.assertEqual(set(page.tags.names()), {"Culture", "Київ"})
        self.assertEqual(page.lead_image_credit, "Олена Коваленко")
        self.assertEqual(block_types(page), ["paragraph", "subheading", "paragraph"])
        self.assertEqual(page.body[1].value, "Як це було")
        self.assertIn("«Я хотіла, щоб люди <em>зупинялися</em>»", page.body[2].value.source)

    def test_the_table_and_embed_posts_field_by_field(self):
        table = blocks_of(self.article("What a basket costs at the Zhytnii market"), "table")[0]
        self.assertEqual(table["data"][0], ["Item", "Price (UAH)"])
        self.assertEqual(table["data"][3], ["Eggs, 10", "52"])
        page = self.article("Watch: the Dnipro from above")
        self.assertEqual(block_types(page), ["paragraph", "embed", "paragraph"])
        embed = blocks_of(page, "embed")[0]
        self.assertEqual(
            (embed["embed"].url, embed["caption"]),
            ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "Twelve minutes over the Dnipro"),
        )
        html = self.client.get(page.url).content.decode()
        self.assertNotIn("alert(", html)
        self.assertNotIn("unknown-host.example", html)

    def test_gallery(self):
        gallery = blocks_of(self.article("Two rooms, one painter"), "gallery")[0]
        self.assertEqual([image["alt_text"] for image in gallery["images"]], ["A green wall", "A violet wall"])
        self.assertEqual(gallery["caption"], "The exhibition, room by room")

    def test_members_become_subscriptions_as_ghost_shows_them(self):
        states = {
            (s.subscriber.email, s.newsletter.slug): s.state
            for s in Subscription.objects.select_related("subscriber", "newsletter")
        }
        confirmed, unsubscribed = Subscription.State.CONFIRMED, Subscription.State.UNSUBSCRIBED
        for email in ("anna@example.com", "bohdan@example.com", "dmytro@example.com"):
            for slug in ("default-newsletter", "weekend-reads"):
                self.assertEqual(states[(email, slug)], confirmed)
        for email in ("chloe@example.com", "eve@example.com"):
            for slug in ("default-newsletter", "weekend-reads"):
                self.assertEqual(states[(email, slug)], unsubscribed)
        anna = Subscription.objects.get(subscriber__email="anna@example.com", newsletter__slug="weekend-reads")
        imported_on = timezone.localdate(EXPORTED_AT).isoformat()
        self.assertEqual(anna.consent_note, f"Imported from Ghost on {imported_on} (member since 2026-12-02)")
        self.assertEqual(anna.consent_form, "import")
        self.assertIsNotNone(anna.consent_at)
        self.assertEqual(len(mail.outbox), 0)  # the import emails nobody

    def test_old_links_redirect_permanently(self):
        metro = self.article("Kyiv’s metro after midnight")
        expectations = {
            "/kyiv-metro-after-midnight/": metro.url,
            "/soniashnyky-na-podoli/": self.article("Соняшники на Подолі").url,
            "/contact/": "/contact/",
            "/tag/metro/": "/search/?q=metro",
            "/author/olena/": metro.contributors[0].get_absolute_url(),
        }
        for old, new in expectations.items():
            with self.subTest(old=old):
                response = self.client.get(old)
                if old == new:  # the static page kept its address: no redirect needed
                    self.assertEqual(response.status_code, 200)
                    continue
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response.headers["Location"], new)
                self.assertEqual(self.client.get(new).status_code, 200)

    def test_a_second_import_creates_nothing_new(self):
        counts = (ArticlePage.objects.count(), Subscription.objects.count(), Contributor.objects.count())
        output = import_ghost()
        self.assertIn("Imported: 0 created, 0 updated, 11 unchanged, 0 skipped", output)
        self.assertIn("subscriptions unchanged: 10", output)
        self.assertEqual(
            (ArticlePage.objects.count(), Subscription.objects.count(), Contributor.objects.count()), counts
        )


@pytest.mark.django_db
def test_imported_members_receive_the_next_edition_and_unsubscribed_ones_do_not(smtp_server):
    make_site()
    import_ghost()
    assert smtp_server.messages == []  # nothing sent by the import
    edition = make_edition(Newsletter.objects.get(slug="weekend-reads"), subject="Weekend Reads, issue 1")
    edition.schedule()
    with override_settings(**smtp_server.settings(), MASTHEAD_NEWSLETTER_CONNECTIONS=1):
        edition.begin_sending()
        sending.run(edition.pk)
    received = sorted(message["to"][0] for message in smtp_server.messages)
    assert received == ["anna@example.com", "bohdan@example.com", "dmytro@example.com"]
    assert all(message["message"]["Subject"] == "Weekend Reads, issue 1" for message in smtp_server.messages)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, message",
    [
        ("<?xml version='1.0'?><rss/>", "This file is not a Ghost export: it is not valid JSON."),
        ('{"posts": []}', "This file is not a Ghost export: it has no Ghost data in it."),
        (GHOST_JSON.read_text(encoding="utf-8")[:20000], "it looks truncated"),
        (
            json.dumps({"db": [{"meta": {"version": "0.11.14"}, "data": {"posts": []}}]}),
            "This export comes from Ghost 0.11.14; this importer reads exports from Ghost 2 to Ghost 6.",
        ),
    ],
    ids=["xml", "not-ghost", "truncated", "old-version"],
)
def test_bad_files_get_a_clear_message_and_change_nothing(tmp_path, content, message):
    make_site()
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        run("import_ghost", path)
    assert message in str(raised.value)
    assert ArticlePage.objects.count() == 0


@pytest.mark.django_db
def test_a_file_that_is_not_a_members_export_is_refused_politely(tmp_path):
    make_site()
    members = tmp_path / "members.csv"
    members.write_text("name,phone\nAnna,123\n", encoding="utf-8")
    with pytest.raises(CommandError, match="This is not a Ghost members export"):
        run("import_ghost", GHOST_JSON, "--images", GHOST_IMAGES, "--members", members)
    assert ArticlePage.objects.count() == 0  # refused before any post was written


def ghost_export(tmp_path, name, posts, tagged=()):
    """A small Ghost 6 export: `posts` as (id, title, status), the ids in `tagged` under the tag "Port"."""
    data = {
        "posts": [
            {
                "id": post_id,
                "title": title,
                "slug": post_id,
                "status": status,
                "html": f"<p>{title}.</p>",
                "published_at": {"published": "2026-12-01T09:00:00.000Z", "scheduled": "2027-01-01T06:00:00.000Z"}.get(
                    status
                ),
            }
            for post_id, title, status in posts
        ],
        "tags": [{"id": "port", "name": "Port", "slug": "port"}],
        "posts_tags": [{"post_id": post_id, "tag_id": "port"} for post_id in tagged],
        "settings": [{"key": "title", "value": "Harbour Ghost"}],
    }
    path = tmp_path / name
    path.write_text(json.dumps({"db": [{"meta": {"version": "6.0.0"}, "data": data}]}), encoding="utf-8")
    return path


def section_menus(client):
    """The section names in the home page's header and footer menus."""
    html = client.get("/").content.decode()
    header = html.split('<nav class="site-nav"')[1].split("</nav>")[0]
    footer = html.split('<nav aria-labelledby="footer-sections">')[1].split("</nav>")[0]
    return re.findall(r">([^<>]+)</a>", header), re.findall(r">([^<>]+)</a>", footer)


@pytest.mark.django_db
def test_the_section_for_untagged_posts_opens_with_its_first_published_story(tmp_path, client):
    make_site()
    run(
        "import_ghost",
        ghost_export(
            tmp_path, "one.json", [("p1", "Port reopens", "published"), ("d1", "Notes", "draft")], tagged=["p1"]
        ),
    )
    assert section_menus(client) == (["Home", "Port"], ["Port"])
    assert client.get("/news/").status_code == 404
    news = SectionPage.objects.get(slug="news")
    assert ArticlePage.objects.child_of(news).get().title == "Notes"
    assert client.get("/port/").status_code == 200

    run("import_ghost", ghost_export(tmp_path, "two.json", [("p2", "Cranes are back", "published")]))
    assert section_menus(client) == (["Home", "Port", "News"], ["Port", "News"])
    page = client.get("/news/")
    assert page.status_code == 200
    assert "Cranes are back" in page.content.decode()


@pytest.mark.django_db
def test_a_section_made_for_a_scheduled_story_opens_with_it(tmp_path, client):
    make_site()
    run("import_ghost", ghost_export(tmp_path, "one.json", [("s1", "New year at the port", "scheduled")]))
    assert section_menus(client) == (["Home"], [])
    news = SectionPage.objects.get(slug="news")
    assert not news.live
    assert news.go_live_at == datetime(2027, 1, 1, 6, 0, tzinfo=UTC)


def gated(params, text):
    """A paragraph in a gated block, as Ghost renders a card shown on the web to some readers only."""
    return f"<!--kg-gated-block:begin {params} --><p>{text}</p><!--kg-gated-block:end-->"


@pytest.mark.django_db
def test_the_report_names_which_readers_ghost_let_read_a_post_or_a_card(tmp_path):
    make_site()
    posts = [
        ("paid", "Paid story", "paid", "<p>Only for paying readers.</p>"),
        ("tiers", "Tier story", "tiers", "<p>A preview.</p><!--members-only--><p>The rest is for the tier.</p>"),
        (
            "cards",
            "Card story",
            "public",
            "<p>For everyone.</p>"
            + gated('nonMember:false memberSegment:"status:free"', "Free members read this")
            + gated('nonMember:false memberSegment:"status:-free"', "Paying members read this")
            + gated('nonMember:true memberSegment:""', "Visitors read this"),
        ),
    ]
    data = {
        "posts": [
            {
                "id": post_id,
                "title": title,
                "slug": post_id,
                "status": "published",
                "visibility": visibility,
                "html": html,
            }
            for post_id, title, visibility, html in posts
        ],
        "products": [{"id": "t1", "name": "Harbour Pass"}, {"id": "t2", "name": "Dock Pass"}],
        "posts_products": [{"post_id": "tiers", "product_id": "t1"}],
        "settings": [{"key": "title", "value": "Harbour Ghost"}],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"db": [{"meta": {"version": "6.0.0"}, "data": data}]}), encoding="utf-8")
    output = run("import_ghost", path, "--dry-run")
    for sentence in (
        "“Paid story”: On Ghost it was for paying members only; Masthead has no paywall, so it is public now.",
        "“Tier story”: From “The rest is for the tier” on it was for members of the tier “Harbour Pass” only; "
        "Masthead has no paywall, so all of it is public now.",
        "“Card story”: A part Ghost showed to free members only is public now: “Free members read this”.",
        "“Card story”: A part Ghost showed to paying members only is public now: “Paying members read this”.",
        "“Card story”: A part Ghost showed to visitors who are not members only is public now: “Visitors read this”.",
    ):
        assert sentence in output
