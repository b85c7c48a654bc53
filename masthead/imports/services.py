"""What surrounds an import: narration asked for in bulk at low priority once the pages are written.

The search index needs nothing from here: every page save queues Wagtail's own
indexing task, which the worker runs (`manage.py db_worker`).
"""

from contextlib import contextmanager

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.signals import page_published


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
    """Queues narration for the imported published articles, at the narration app's bulk (low) priority."""
    from masthead.articles.models import ArticlePage
    from masthead.narration.api import queue_narration

    if not importer.imported_pages:
        return
    articles = ArticlePage.objects.published().filter(pk__in=importer.imported_pages)
    with transaction.atomic():
        queued = queue_narration(list(articles.iterator()))
    importer.summary.extra[_("narrations queued")] = queued
