"""Builders for tests, benchmarks and the demo loader: news items made the way the admin makes them."""

from django.utils import timezone
from wagtail.actions.create import CreateAction

from masthead.core.indexing import index_once

from .models import NewsItem


@index_once()
def create_news_item(headline, body_html, published_at=None, pinned=False, article=None, publish=True, **fields):
    """A news item with a first revision, published unless publish=False (a draft).

    `published_at` defaults to now; a later time makes a scheduled item. Other
    model fields (correction, author, source_name, source_url) go in `fields`.
    The item is validated as in the admin (headline and text lengths).
    """
    item = NewsItem(
        headline=headline,
        body=body_html,
        published_at=published_at or timezone.now(),
        pinned=pinned,
        article=article,
        **fields,
    )
    item = CreateAction(item, publish=publish, clean=True).execute(skip_permission_checks=True)
    item.refresh_from_db()
    return item


@index_once()
def edit_news_item(item, publish=True, **changes):
    """Changes an item as an editor would (a new revision, published unless publish=False)."""
    from wagtail.actions.edit import EditAction

    for name, value in changes.items():
        setattr(item, name, value)
    EditAction(item, publish=publish, clean=True).execute(skip_permission_checks=True)
    item.refresh_from_db()
    return item
