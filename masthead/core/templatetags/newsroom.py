"""Template helpers every app uses: times in the newsroom's zone, its name."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

from masthead.core.i18n import language_code
from masthead.core.middleware import newsroom_settings

register = template.Library()

# How each edition writes times (Django format strings); "E" is the month as
# a date needs it in Ukrainian ("листопада"), "l" the day of the week.
FORMATS_BY_LANGUAGE = {
    "en": {
        # "November 11, 2022 1:39 PM"
        "full": "F j, Y g:i A",
        # "November 11, 2022"
        "date": "F j, Y",
        # "12:08 PM"
        "time": "g:i A",
        # "Nov. 11, 12:08 PM"
        "short": "N j, g:i A",
        # "Friday, November 11, 2022"
        "day": "l, F j, Y",
        # "Friday, November 11"
        "weekday": "l, F j",
    },
    "uk": {
        # "11 листопада 2022, 13:39"
        "full": "j E Y, H:i",
        "date": "j E Y",
        "time": "H:i",
        # "11 листопада, 13:39"
        "short": "j E, H:i",
        # "п’ятниця, 11 листопада 2022"
        "day": "l, j E Y",
        # "п’ятниця, 11 листопада"
        "weekday": "l, j E",
    },
}
FORMATS = FORMATS_BY_LANGUAGE["en"]


def format_for(style):
    """The format string of `style` ("full", "date", "time", "short", "day", "weekday") in the reader's edition."""
    formats = FORMATS_BY_LANGUAGE.get(language_code(), FORMATS)
    return formats.get(style) or FORMATS.get(style, style)


def format_moment(value, style="full", zone=None):
    """A date or time as the reader's edition writes it (aware times in the active zone, which is the newsroom's
    for a request; a worker, which has none, passes `zone`)."""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value, zone)
    return format_date(value, format_for(style))


@register.simple_tag
def newsroom_time(value, style="full", prefix=""):
    """A <time> element: readable text in the newsroom's zone, ISO 8601 with offset in datetime."""
    if not value:
        return ""
    local = timezone.localtime(value)
    text = format_date(local, format_for(style))
    return format_html('<time datetime="{}">{}{}</time>', local.isoformat(timespec="seconds"), prefix, text)


@register.filter
def newsroom_format(value, style="full"):
    if not value:
        return ""
    return format_moment(value, style)


@register.simple_tag
def newsroom_today(style="day"):
    """Today's date in the newsroom's zone, as the reader's edition writes it."""
    return format_moment(timezone.localtime(), style)


@register.simple_tag
def newsroom_name():
    """The newsroom's name, for templates rendered without a request (the admin's password-reset email)."""
    return newsroom_settings(None).name or "Masthead"
