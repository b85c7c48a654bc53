"""`manage.py load_demo`: the demo newsroom, The Kyiv Ledger. Safe to run again: nothing is duplicated."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Site

from masthead.articles import demo_content as demo
from masthead.articles import demo_content_uk as demo_uk
from masthead.articles import factories
from masthead.articles.models import (
    ArticleContributor,
    ArticleCorrection,
    ArticlePage,
    Contributor,
    HomePage,
    RelatedArticle,
    SectionPage,
)
from masthead.core.i18n import default_locale_id
from masthead.core.indexing import index_once
from masthead.core.models import NewsroomEditionText, NewsroomSettings
from masthead.core.sites import point_default_site_at
from masthead.narration.api import narration_held_back, queue_narration
from masthead.narration.models import Narration

DEMO_USERS = [
    # username, password, group, is_superuser
    ("admin", "masthead-admin", "Admins", True),
    ("editor", "masthead-editor", "Editors", False),
    ("writer", "masthead-writer", "Writers", False),
]


class Command(BaseCommand):
    help = "Loads the demo newsroom (sections, contributors, articles, picks, news feed, newsletters, users)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-if-loaded", action="store_true", help="Print only the logins when the demo is already there."
        )
        parser.add_argument(
            "--in-production",
            action="store_true",
            help="Load it with the production settings all the same (a staging copy nobody outside can reach).",
        )

    def handle(self, *args, quiet_if_loaded=False, in_production=False, **options):
        if settings.MASTHEAD_PRODUCTION and not in_production:
            raise CommandError(
                "load_demo makes the demo's Admin, “admin”, whose password is printed in the README: not on a "
                "production install. Start the newsroom with `manage.py start_newsroom` instead (see README.md, "
                "“Running it in production”); for a staging copy nobody outside can reach, add --in-production."
            )
        loaded = HomePage.objects.filter(title=demo.NEWSROOM["name"]).exists()
        if not (loaded and quiet_if_loaded):
            call_command("setup_roles", stdout=self.stdout if options["verbosity"] > 1 else None)
            # The demo's articles are narrated behind anything an editor publishes meanwhile, as an import's are.
            with transaction.atomic(), narration_held_back(), index_once():
                self.load()
            queue_narration(
                ArticlePage.objects.published().exclude(pk__in=Narration.objects.values("article_id")).newest_first()
            )
        # Head tags, feeds and sitemaps link to the site's own address: make it the one we run at.
        point_default_site_at()
        self.print_logins()

    def load(self):
        now = timezone.now()
        home = factories.make_site(title=demo.NEWSROOM["name"])
        site = Site.objects.get(root_page=home)
        newsroom = NewsroomSettings.for_site(site)
        for field in ("name", "tagline", "about", "contact_email", "accent_colour", "postal_address"):
            setattr(newsroom, field, demo.NEWSROOM[field])
        newsroom.save()
        site.site_name = demo.NEWSROOM["name"]
        site.save()

        sections = {}
        for data in demo.SECTIONS:
            section = SectionPage.objects.child_of(home).filter(slug=data["slug"]).first()
            sections[data["slug"]] = section or factories.make_section(
                home, data["title"], slug=data["slug"], description=data["description"]
            )

        contributors = {}
        for number, data in enumerate(demo.CONTRIBUTORS):
            contributor = Contributor.objects.filter(slug=data["slug"], locale_id=default_locale_id()).first()
            if contributor is None:
                contributor = Contributor.objects.create(
                    slug=data["slug"],
                    kind=data["kind"],
                    name=data["name"],
                    role=data["role"],
                    bio=data["bio"],
                    x_handle=data.get("x_handle", ""),
                    website=data.get("website", ""),
                )
                # Every other person gets a generated portrait; the rest show their initials.
                if data["kind"] == "person" and number % 2 == 1:
                    contributor.photo = factories.make_image(
                        f"Portrait: {data['name']}", seed=data["slug"], width=400, height=400
                    )
                    contributor.save()
            contributors[data["slug"]] = contributor

        articles = {}
        for data in sorted(demo.ARTICLES, key=lambda item: -item["hours_ago"]):
            article = ArticlePage.objects.filter(slug=data["slug"], locale_id=default_locale_id()).first()
            if article is None:
                article = self.create_article(data, sections[data["section"]], contributors, now)
            articles[data["slug"]] = article
        for data in demo.ARTICLES:
            for order, slug in enumerate(data.get("related", [])):
                RelatedArticle.objects.get_or_create(
                    page=articles[data["slug"]], article=articles[slug], defaults={"sort_order": order}
                )
        factories.set_editors_picks(site, [articles[slug] for slug in demo.EDITORS_PICKS])
        HomePage.objects.filter(pk=home.pk).update(lead_article=articles[demo.LEAD_ARTICLE])

        self.load_other_apps(articles, contributors, sections, now)
        self.load_ukrainian_edition(site, home, sections, contributors, articles, now)
        from masthead.newsletters.factories import DEMO_READERS_DOMAIN, load_demo_editions, load_demo_readers

        if readers := load_demo_readers(now):
            self.stdout.write(
                f"Demo readers: {readers} newsletter subscribers at @{DEMO_READERS_DOMAIN}, where no mail can go."
            )
        if editions := load_demo_editions(now):
            self.stdout.write(f"Demo editions: {editions} past editions of the automatic newsletters, as if sent.")
        self.create_users()
        self.stdout.write(
            f"Demo newsroom “{demo.NEWSROOM['name']}”: {len(sections)} sections, {len(contributors)} contributors, "
            f"{len(articles)} articles."
        )

    def create_article(self, data, section, contributors, now):
        published_at = now - timedelta(hours=data["hours_ago"])
        image_data = data.get("lead_image")
        image = None
        if image_data:
            image = Image.objects.filter(title=image_data["title"]).first() or factories.make_image(
                image_data["title"], seed=data["slug"]
            )
        body = []
        for block_type, value in data["body"]:
            if block_type == "paragraph":
                value = f"<p>{value}</p>"
            body.append((block_type, value))
        article = factories.make_article(
            section,
            data["title"],
            [contributors[slug] for slug in data["contributors"]],
            body=body,
            standfirst=data["standfirst"],
            published_at=published_at,
            lead_image=image,
            slug=data["slug"],
            lead_image_caption=(image_data or {}).get("caption", ""),
            lead_image_credit=(image_data or {}).get("credit", ""),
            lead_image_alt=(image_data or {}).get("alt", ""),
            corrections=[
                ArticleCorrection(
                    kind=note["kind"], text=note["text"], noted_at=published_at + timedelta(hours=note["hours_after"])
                )
                for note in data.get("corrections", [])
            ],
        )
        for tag in data.get("tags", []):
            article.tags.add(tag)
        article.save()
        updated_after = data.get("updated_hours_after")
        last_published = published_at + timedelta(hours=updated_after) if updated_after else published_at
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=published_at, last_published_at=last_published
        )
        ArticleContributor.objects.filter(article=article)  # byline saved by make_article
        return article

    def load_other_apps(self, articles, contributors, sections, now):
        """News feed items, newsletters and the pronunciation lexicon, when those apps provide loaders."""
        try:
            from masthead.livefeed.factories import create_news_item
            from masthead.livefeed.models import NewsItem
        except ImportError:
            create_news_item = None
        if create_news_item and not NewsItem.objects.exists():
            for item in sorted(demo.NEWS_FEED_ITEMS, key=lambda entry: -entry["minutes_ago"]):
                create_news_item(
                    item["headline"],
                    f"<p>{item['body']}</p>",
                    now - timedelta(minutes=item["minutes_ago"]),
                    pinned=item["pinned"],
                    article=articles.get(item["article"]) if item.get("article") else None,
                )
        try:
            from masthead.newsletters.factories import create_demo_newsletter
        except ImportError:
            create_demo_newsletter = None
        if create_demo_newsletter:
            for data in demo.NEWSLETTERS:
                create_demo_newsletter(
                    data, sections, host=contributors.get(data["host"]) if data.get("host") else None
                )
        try:
            from masthead.narration.factories import load_demo_lexicon
        except ImportError:
            load_demo_lexicon = None
        if load_demo_lexicon:
            load_demo_lexicon(demo.LEXICON)

    def load_ukrainian_edition(self, site, home, sections, contributors, articles, now):
        """The Ukrainian edition at /uk/: the front page, sections, contributors, six articles, news, a newsletter.

        Each piece is a translation of its English original, recorded with wagtail-localize as if a translator had
        written it in the translation editor (factories.register_translation): editors see it there, every string
        translated, and a sync of the original keeps it. What is already there is left alone, so a second run adds
        nothing.
        """
        locale = factories.edition_locale("uk")
        NewsroomEditionText.objects.update_or_create(
            settings=NewsroomSettings.for_site(site), language="uk", defaults=demo_uk.NEWSROOM
        )
        new_home = home.get_translation_or_none(locale) is None
        if new_home:
            factories.translate_page(home, title=demo_uk.HOME_TITLE)
        for slug, data in demo_uk.SECTIONS.items():
            if sections[slug].get_translation_or_none(locale) is None:
                section = factories.translate_page(sections[slug], title=data["title"], description=data["description"])
                factories.register_translation(sections[slug], section)
        for slug, data in demo_uk.CONTRIBUTORS.items():
            if slug in contributors and contributors[slug].get_translation_or_none(locale) is None:
                profile = factories.translate_contributor(contributors[slug], **data)
                factories.register_translation(contributors[slug], profile)
        english_tags = {data["slug"]: data.get("tags", []) for data in demo.ARTICLES}
        translated = {}
        for slug, data in demo_uk.ARTICLES.items():
            original = articles[slug]
            existing = original.get_translation_or_none(locale)
            if existing is not None:
                translated[slug] = existing.specific
                continue
            body = [(kind, f"<p>{value}</p>" if kind == "paragraph" else value) for kind, value in data["body"]]
            translated[slug] = factories.translate_page(
                original,
                title=data["title"],
                standfirst=data["standfirst"],
                body=body,
                lead_image_caption=data["lead_image_caption"],
                lead_image_alt=data["lead_image_alt"],
                tags=data["tags"],
                **({"corrections": data["corrections"]} if "corrections" in data else {}),
            )
            topics = dict(zip(english_tags[slug], data["tags"], strict=True))
            factories.register_translation(original, translated[slug], topics=topics)
        # One list of picks serves both editions; each shows those in its own language.
        picks = [articles[slug] for slug in demo.EDITORS_PICKS] + [translated[slug] for slug in demo_uk.EDITORS_PICKS]
        factories.set_editors_picks(site, picks)
        ukrainian_home = home.get_translation(locale)
        HomePage.objects.filter(pk=ukrainian_home.pk).update(lead_article=translated[demo_uk.LEAD_ARTICLE])
        if new_home:
            factories.register_translation(home, ukrainian_home)  # its lead article is an override

        from masthead.livefeed.factories import create_news_item
        from masthead.livefeed.models import NewsItem
        from masthead.newsletters.factories import create_demo_newsletter

        if not NewsItem.objects.filter(locale=locale).exists():
            for item in sorted(demo_uk.NEWS_FEED_ITEMS, key=lambda entry: -entry["minutes_ago"]):
                create_news_item(
                    item["headline"],
                    f"<p>{item['body']}</p>",
                    now - timedelta(minutes=item["minutes_ago"]),
                    pinned=item["pinned"],
                    article=translated.get(item["article"]) if item.get("article") else None,
                    locale=locale,
                )
        create_demo_newsletter(demo_uk.NEWSLETTER, sections, locale=locale)
        self.stdout.write(f"Ukrainian edition at /uk/: {len(translated)} articles translated.")

    def create_users(self):
        User = get_user_model()
        for username, password, group_name, is_superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@kyivledger.example",
                    "first_name": username.capitalize(),
                    "last_name": "Demo",
                    "is_staff": is_superuser,
                    "is_superuser": is_superuser,
                },
            )
            if created:
                user.set_password(password)
                user.save()
            user.groups.add(Group.objects.get(name=group_name))

    def print_logins(self):
        self.stdout.write("Demo logins (user / password) at /admin/:")
        for username, password, group_name, _ in DEMO_USERS:
            self.stdout.write(f"  {username} / {password}  ({group_name})")
