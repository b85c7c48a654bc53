"""The machine-readable head of every page: canonical, robots, feed autodiscovery, Open Graph, Twitter, JSON-LD."""

from django import template

from masthead.syndication.head import page_head

register = template.Library()


@register.inclusion_tag("syndication/head.html", takes_context=True)
def syndication_head(context):
    """Head tags for the page being rendered (see masthead/syndication/head.py)."""
    return {"head": page_head(context)}
