"""What follows an import: narration for the imported published articles, the search index."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def after_import(importer):
    """Brings the search index up to date for every page the import wrote.

    Narration is asked for by publishing itself (the narration app listens to
    every publish), after each item's transaction commits.
    """
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    if not importer.imported_pages:
        return
    backend = get_search_backend()
    for page in Page.objects.filter(pk__in=importer.imported_pages).specific().iterator():
        try:
            with transaction.atomic():
                backend.add(page)
        except Exception:
            logger.exception("Could not index page %s", page.pk)
