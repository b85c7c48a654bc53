"""Filters for emails: their plain-text versions, and the newsroom's accent made readable in them."""

from django import template

from masthead.core import assets

from ..emails import html_to_text

register = template.Library()


@register.filter
def email_text(html):
    """Rich text as plain text, links written out in brackets."""
    return html_to_text(str(html))


@register.filter
def email_accent(colour):
    """The newsroom's accent as emails use it, for links on the white sheet and under the buttons' white text:
    tinted towards black until it reads at 4.5:1 on white, as the site's stylesheet does (assets.accent_rules)."""
    return assets.readable(assets.accent(colour), ("#ffffff",), "#000000")
