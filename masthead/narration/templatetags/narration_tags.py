"""Slot for the audio player (owned by the narration app; see issue 5)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def narration_player(context, page):
    """The "Listen to this article" player once audio is ready. Empty until narration is built."""
    return ""
