from django.apps import AppConfig


class LivefeedConfig(AppConfig):
    name = "masthead.livefeed"
    label = "livefeed"
    verbose_name = "News feed"
