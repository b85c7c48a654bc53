"""`manage.py narrate`: make the audio of one article, a section, or every published article."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from masthead.articles.models import ArticlePage, SectionPage
from masthead.core import queues
from masthead.narration import services


def find_page(model, value):
    pages = model.objects.all()
    page = pages.filter(pk=int(value)).first() if value.isdigit() else None
    return page or pages.filter(slug=value).first()


class Command(BaseCommand):
    help = (
        "Narrates published articles: one (by id or slug), a section's (--section), or all (--all). "
        "Articles whose script has not changed are skipped unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("article", nargs="?", help="an article's id or slug")
        parser.add_argument("--section", help="a section's id or slug")
        parser.add_argument("--all", action="store_true", help="every published article")
        parser.add_argument("--force", action="store_true", help="make the audio again even if the script is unchanged")
        parser.add_argument(
            "--enqueue", action="store_true", help="hand the work to the background worker instead of doing it here"
        )

    def handle(self, *args, article=None, section=None, all=False, force=False, enqueue=False, **options):
        if sum(bool(choice) for choice in (article, section, all)) != 1:
            raise CommandError("Name one article, or give --section SECTION, or --all.")
        articles = ArticlePage.objects.published().newest_first()
        if article:
            page = find_page(ArticlePage, article)
            if page is None:
                raise CommandError(f"No article with id or slug “{article}”.")
            if not page.live:
                raise CommandError(f"“{page.title}” is not published, so it cannot be narrated.")
            articles = articles.filter(pk=page.pk)
        elif section:
            page = find_page(SectionPage, section)
            if page is None:
                raise CommandError(f"No section with id or slug “{section}”.")
            articles = articles.child_of(page)
        ids = list(articles.values_list("pk", flat=True))
        outcomes = {}
        progress = tqdm(ids, desc="Narrating", unit="article", file=sys.stderr, disable=not ids)
        for article_id in progress:
            if enqueue:
                services.enqueue(article_id, force=force, priority=queues.NARRATION_BULK)
                outcome = "queued"
            else:
                outcome = services.narrate(article_id, force=force)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            progress.set_postfix(outcomes)
        summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items())) or "nothing to do"
        self.stdout.write(f"{len(ids)} article(s): {summary}.")
        if outcomes.get("failed"):
            raise CommandError("Some narrations failed; see the admin (Narration) for the reasons.")
