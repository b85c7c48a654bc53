"""What surrounds an import: narration asked for in bulk at low priority, and the search index brought up to date."""

import logging
from contextlib import contextmanager

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.signals import page_published

logger = logging.getLogger(__name__)


@contextmanager
def narration_held_back():
    """While importing, publishing does not queue narration at the editors' priority.

    An import publishes hundreds of articles at once; their audio is asked for
    afterwards, in bulk and behind what editors publish (`after_import`).
    """
    from masthead.articles.models import ArticlePage
    from masthead.narration.signals import narrate_on_publish

    page_published.disconnect(narrate_on_publish, sender=ArticlePage)
    try:
        yield
    finally:
        page_published.connect(narrate_on_publish, sender=ArticlePage)


def after_import(importer):
    """Queues narration for the imported published articles (low priority) and indexes every imported page."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from masthead.articles.models import ArticlePage
    from masthead.narration.api import queue_narration

    if not importer.imported_pages:
        return
    backend = get_search_backend()
    for page in Page.objects.filter(pk__in=importer.imported_pages).specific().iterator():
        try:
            with transaction.atomic():
                backend.add(page)
        except Exception:
            logger.exception("Could not index page %s", page.pk)
    articles = ArticlePage.objects.published().filter(pk__in=importer.imported_pages)
    with transaction.atomic():
        queued = queue_narration(list(articles))
    importer.summary.extra[_("narrations queued")] = queued
