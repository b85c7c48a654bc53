"""Generates a large newsroom for benchmarks: thousands of articles in seconds.

Adding pages one by one through the tree API takes tens of milliseconds each,
so 10,000 articles would take minutes. Here the page rows are written in bulk
with their tree paths computed up front (treebeard's materialised path: four
base-36 characters per level), which is what add_child would store.
"""

import random
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from masthead.articles import factories
from masthead.articles.models import ArticleContributor, ArticlePage, Contributor, HomePage, SectionPage

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
WORDS = (
    "council budget energy grid river port grain harvest court ruling minister border railway school hospital "
    "market prices winter shelter drone repair bridge election debate reform tax export factory workers union "
    "museum theatre festival novel archive volunteers city region village mayor governor parliament vote"
).split()


def step(number):
    """treebeard's 4-character path step for the number-th child (1-based)."""
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(Page.steplen, "0")


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


class Command(BaseCommand):
    help = "Creates a large generated newsroom (default 10,000 articles, 200 contributors, 20 sections) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--contributors", type=int, default=200)
        parser.add_argument("--sections", type=int, default=20)
        parser.add_argument("--seed", type=int, default=7)

    @transaction.atomic
    def handle(self, *args, articles, contributors, sections, seed, **options):
        rng = random.Random(seed)
        home = factories.make_site(title="Bench Daily")
        if SectionPage.objects.exists():
            self.stdout.write("The newsroom already has sections; nothing generated.")
            return
        section_pages = [
            factories.make_section(home, f"Section {number}", slug=f"section-{number}")
            for number in range(1, sections + 1)
        ]
        locale = Locale.get_default()
        people = Contributor.objects.bulk_create(
            Contributor(
                name=f"Reporter {number}",
                slug=f"reporter-{number}",
                role="Correspondent",
                bio=sentence(rng, 30),
                locale=locale,  # bulk_create skips the pre_save signal that would set it
            )
            for number in range(1, contributors + 1)
        )
        images = [factories.make_image(f"Generated picture {number}", seed=number) for number in range(12)]
        content_type = ContentType.objects.get_for_model(ArticlePage)
        now = timezone.now()
        pages, extras, credits = [], [], []
        counters = {section.pk: 0 for section in section_pages}
        first_id = (Page.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        for number in range(articles):
            section = section_pages[number % sections]
            counters[section.pk] += 1
            slug = f"story-{number + 1}"
            published = now - timedelta(minutes=17 * (articles - number))
            pk = first_id + number
            title = sentence(rng, 9).rstrip(".")
            pages.append(
                Page(
                    pk=pk,
                    path=section.path + step(counters[section.pk]),
                    depth=section.depth + 1,
                    numchild=0,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    url_path=f"{section.url_path}{slug}/",
                    content_type=content_type,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    live_revision=None,
                    locale=locale,
                    translation_key=uuid.uuid4(),
                )
            )
            paragraphs = [sentence(rng, rng.randint(20, 40)) for _ in range(rng.randint(8, 16))]
            body = [{"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())} for text in paragraphs]
            words = sum(len(text.split()) for text in paragraphs) + 30
            extras.append(
                (
                    pk,
                    sentence(rng, 24),
                    images[number % len(images)].pk,
                    "A generated picture",
                    "Bench Daily",
                    body,
                    words,
                )
            )
            for order, person in enumerate(rng.sample(people, rng.choice((1, 1, 1, 2, 3)))):
                credits.append(ArticleContributor(article_id=pk, contributor=person, sort_order=order))
        Page.objects.bulk_create(pages, batch_size=500)
        import json

        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO articles_articlepage (page_ptr_id, standfirst, lead_image_id, lead_image_caption, "
                "lead_image_credit, lead_image_alt, body, word_count, original_language, untranslated) "
                "VALUES (%s, %s, %s, %s, %s, '', %s, %s, '', '[]')",
                [
                    (pk, standfirst, image, caption, credit, json.dumps(body), words)
                    for pk, standfirst, image, caption, credit, body, words in extras
                ],
            )
        ArticleContributor.objects.bulk_create(credits, batch_size=1000)
        for section in section_pages:
            Page.objects.filter(pk=section.pk).update(numchild=counters[section.pk])
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('wagtailcore_page', 'id'), MAX(id)) FROM wagtailcore_page"
                )
        newest = ArticlePage.objects.order_by("-first_published_at")[:5]
        factories.set_editors_picks(home.get_site(), list(newest))
        HomePage.objects.filter(pk=home.pk).update(lead_article=None)
        self.stdout.write(f"Generated {articles} articles, {contributors} contributors, {sections} sections.")
