from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivefeedConfig(AppConfig):
    name = "masthead.livefeed"
    label = "livefeed"
    verbose_name = _("News feed")
    # Writers draft items; editors publish, unpublish and delete them.
    role_permissions = {
        "Writers": ["livefeed.add_newsitem", "livefeed.change_newsitem", "livefeed.view_newsitem"],
        "Editors": [
            "livefeed.add_newsitem",
            "livefeed.change_newsitem",
            "livefeed.view_newsitem",
            "livefeed.delete_newsitem",
            "livefeed.publish_newsitem",
        ],
        "Admins": ["livefeed.change_newsfeedsettings"],
    }

    def ready(self):
        from masthead.core import assets

        from . import signals  # noqa: F401

        assets.register("news-feed", css=["livefeed/livefeed.css"], js=["livefeed/livefeed.js"])
