"""Slot for newsletter sign-up forms (owned by the newsletters app; see issue 4)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def newsletter_signup(context, page=None):
    """Sign-up forms for the newsletters offered on `page`. Empty until newsletters are built."""
    return ""
