"""Template helpers every app uses: times in the newsroom's zone."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

register = template.Library()

FORMATS = {
    # "November 11, 2022 1:39 PM"
    "full": "F j, Y g:i A",
    # "November 11, 2022"
    "date": "F j, Y",
    # "12:08 PM"
    "time": "g:i A",
    # "Nov. 11, 12:08 PM"
    "short": "N j, g:i A",
}


@register.simple_tag
def newsroom_time(value, style="full", prefix=""):
    """A <time> element: readable text in the newsroom's zone, ISO 8601 with offset in datetime."""
    if not value:
        return ""
    local = timezone.localtime(value)
    text = format_date(local, FORMATS.get(style, style))
    return format_html('<time datetime="{}">{}{}</time>', local.isoformat(timespec="seconds"), prefix, text)


@register.filter
def newsroom_format(value, style="full"):
    if not value:
        return ""
    return format_date(timezone.localtime(value), FORMATS.get(style, style))
