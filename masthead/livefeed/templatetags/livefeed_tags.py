"""Slot for the News Feed sidebar (owned by the livefeed app; see issue 3)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def news_feed_sidebar(context):
    """The latest news feed items for the sidebar. Empty until the live feed is built."""
    return ""
