"""The article page's audio player (the slot under the date line), and the podcast link of a narrated edition."""

from django import template
from django.template.loader import render_to_string

from .. import conf
from ..api import narration_for

register = template.Library()


def spoken_duration(seconds):
    """(machine-readable ISO 8601 duration, "4:12") for a number of seconds."""
    total = int(round(seconds or 0))
    minutes, secs = divmod(total, 60)
    return f"PT{minutes}M{secs}S", f"{minutes}:{secs:02d}"


@register.simple_tag(takes_context=True)
def narration_player(context, page):
    """The "Listen to this article" player once audio is ready; nothing before."""
    narration = narration_for(page)
    if narration is None:
        return ""
    iso, clock = spoken_duration(narration.duration_seconds)
    return render_to_string(
        "narration/player.html",
        {
            "narration": narration,
            "page": page,
            "duration_iso": iso,
            "duration_clock": clock,
            "duration_minutes": max(1, round((narration.duration_seconds or 0) / 60)),
            "timings": narration.timings,
        },
        request=context.get("request"),
    )


@register.simple_tag
def edition_has_podcast():
    """Whether the reader's edition has a podcast to link to (a voice reads its language)."""
    return conf.edition_has_voice()
