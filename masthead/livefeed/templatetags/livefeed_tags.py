"""The News Feed sidebar on reader pages, and how an item's time is shown."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from masthead.core.templatetags.newsroom import newsroom_time

from .. import conf
from ..models import NewsFeedSettings, NewsItem
from ..updates import to_cursor

register = template.Library()

DEFAULT_SIDEBAR_COUNT = NewsFeedSettings._meta.get_field("sidebar_count").default


@register.simple_tag(takes_context=True)
def news_feed_sidebar(context):
    """The latest items (pinned first) with a "More news" link; two queries however many items."""
    request = context.get("request")
    # Taken before the query: anything saved later is newer than this cursor,
    # so the page's first poll brings it.
    cursor = to_cursor(timezone.now())
    limit = sidebar_count(request)
    items = list(NewsItem.objects.published().in_edition().for_display().pinned_first()[:limit])
    return render_to_string(
        "livefeed/sidebar.html",
        {
            "items": items,
            "today": timezone.localdate(),
            "cursor": cursor,
            "limit": limit,
            "poll_interval_ms": int(conf.POLL_INTERVAL * 1000),
        },
    )


def sidebar_count(request):
    """The site's setting, read in one query (no row yet: the default)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return DEFAULT_SIDEBAR_COUNT
    count = NewsFeedSettings.objects.filter(site=site).values_list("sidebar_count", flat=True).first()
    return count or DEFAULT_SIDEBAR_COUNT


@register.simple_tag
def news_item_time(item, today=None):
    """ "12:08 PM" for today's items, "Nov. 10, 12:08 PM" for older ones, in the newsroom's zone."""
    today = today or timezone.localdate()
    style = "time" if timezone.localtime(item.published_at).date() == today else "short"
    return newsroom_time(item.published_at, style)


@register.filter
def feed_cursor(moment):
    """A time as whole microseconds since 1970: how pages compare and order items."""
    return to_cursor(moment) if moment else ""
