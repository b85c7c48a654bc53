"""Slot for machine-readable head tags (owned by the syndication app; see issue 6)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def syndication_head(context):
    """Feed autodiscovery, Open Graph, JSON-LD for the current page. Empty until syndication is built."""
    return ""
