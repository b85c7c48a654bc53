"""Filters for the plain-text versions of emails."""

from django import template

from ..emails import html_to_text

register = template.Library()


@register.filter
def email_text(html):
    """Rich text as plain text, links written out in brackets."""
    return html_to_text(str(html))
