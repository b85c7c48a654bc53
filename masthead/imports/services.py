"""What surrounds an import: narration asked for in bulk at low priority once the pages are written.

The search index needs nothing from here: every page save queues Wagtail's own
indexing task, which the worker runs (`manage.py db_worker`).
"""

from django.db import transaction
from django.utils.translation import gettext as _


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
