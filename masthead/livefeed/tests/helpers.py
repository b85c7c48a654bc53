"""Small readers of the HTML the feed produces, so tests can say what a reader sees."""

import re
from datetime import timedelta

from django.utils import timezone

from masthead.livefeed.models import NewsItem

ITEM_ID = re.compile(r'data-news-item="(\d+)"')


def sidebar_html(html):
    start = html.index('data-news-feed="sidebar"')
    return html[start : html.index("</section>", start)]


def item_ids(html):
    """The ids of the news items in `html`, in page order."""
    return [int(value) for value in ITEM_ID.findall(html)]


def bulk_items(count, start=None, same_time_every=1, **fields):
    """`count` published items, newest last, `same_time_every` of them sharing each timestamp."""
    start = start or timezone.now() - timedelta(days=3)
    items = [
        NewsItem(
            headline=f"Item {number}",
            body=f"<p>Text of item {number}.</p>",
            body_html=f"<p>Text of item {number}.</p>",
            published_at=start + timedelta(minutes=number // same_time_every),
            live=True,
            changed_at=start,
            **fields,
        )
        for number in range(count)
    ]
    return NewsItem.objects.bulk_create(items)
