"""RSS 2.0 of the news feed, at /news-feed/rss/."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from masthead.core.middleware import newsroom_settings

from . import conf
from .models import NewsItem


class NewsFeedRSS(Feed):
    """The latest published items, newest first (pinning is a page layout, not news order)."""

    def get_object(self, request, *args, **kwargs):
        return newsroom_settings(request)

    def title(self, newsroom):
        return _("%(newsroom)s: News Feed") % {"newsroom": newsroom.name}

    def description(self, newsroom):
        return _("The latest news from %(newsroom)s, as it happens.") % {"newsroom": newsroom.name}

    def link(self):
        return reverse("livefeed:feed")

    def feed_url(self):
        return reverse("livefeed:rss")

    def items(self):
        return NewsItem.objects.published().in_edition().for_display().newest_first()[: conf.RSS_ITEMS]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        html = item.body_html
        if item.correction:
            html += f"<p><strong>{escape(_('Correction:'))}</strong> {escape(item.correction)}</p>"
        return html

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.author.name if item.author_id else None
