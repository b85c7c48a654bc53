"""The newsroom's time zone, for reading times typed by editors and showing them back.

Wagtail's admin runs in each user's own zone (UTC by default), but a newsroom
plans in its own: "send at 09:09" means 09:09 in Kyiv whoever types it.
"""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone


def newsroom_zone(request=None):
    """The zone in the newsroom's settings (for the request's site), else MASTHEAD_DEFAULT_TIME_ZONE."""
    from .middleware import newsroom_settings
    from .models import NewsroomSettings

    name = ""
    if request is not None:
        name = newsroom_settings(request).time_zone
    else:
        first = NewsroomSettings.objects.order_by("pk").only("time_zone").first()
        name = first.time_zone if first else ""
    try:
        return zoneinfo.ZoneInfo(name or settings.MASTHEAD_DEFAULT_TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.MASTHEAD_DEFAULT_TIME_ZONE)


class NewsroomDateTimeField(forms.DateTimeField):
    """A date and time typed in the newsroom's zone, whatever zone the admin runs in; shown back in it.

    A wall-clock time that does not exist or happens twice there (the hour a
    clock change skips or repeats) is refused with Django's own message.
    """

    def __init__(self, *, zone=None, **kwargs):
        self.zone = zone or zoneinfo.ZoneInfo(settings.MASTHEAD_DEFAULT_TIME_ZONE)
        super().__init__(**kwargs)

    def to_python(self, value):
        with timezone.override(self.zone):
            return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, timezone.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value, self.zone)
        return super().prepare_value(value)
