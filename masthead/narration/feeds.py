"""The podcast feed: every narrated article as an episode, newest first (RSS 2.0 with iTunes tags)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from masthead.articles.models import ArticleContributor, ArticlePage

from . import conf
from .models import Narration

ITUNES_NAMESPACE = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def itunes_duration(seconds):
    total = int(round(seconds or 0))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class PodcastFeedGenerator(Rss201rev2Feed):
    """RSS 2.0 plus the iTunes tags podcast apps read (author, image, category, duration)."""

    content_type = "application/rss+xml; charset=utf-8"

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES_NAMESPACE}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("itunes:author", feed["itunes_author"])
        handler.addQuickElement("itunes:summary", feed["description"])
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:category", None, {"text": feed["itunes_category"]})
        if feed.get("itunes_image"):
            handler.addQuickElement("itunes:image", None, {"href": feed["itunes_image"]})
        if feed.get("itunes_owner_email"):
            handler.startElement("itunes:owner", {})
            handler.addQuickElement("itunes:name", feed["itunes_author"])
            handler.addQuickElement("itunes:email", feed["itunes_owner_email"])
            handler.endElement("itunes:owner")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", item["itunes_duration"])
        handler.addQuickElement("itunes:episodeType", "full")
        handler.addQuickElement("itunes:explicit", "false")
        if item.get("itunes_author"):
            handler.addQuickElement("itunes:author", item["itunes_author"])
        if item.get("description"):
            handler.addQuickElement("itunes:summary", item["description"])


class PodcastFeed(Feed):
    feed_type = PodcastFeedGenerator

    def get_object(self, request, *args, **kwargs):
        # Each edition has its own podcast, of its own articles; an edition no voice reads has none.
        if not conf.edition_has_voice():
            raise Http404("This edition is not narrated.")
        self.request = request
        self.site = Site.find_for_request(request)
        return None

    def site_name(self):
        return (self.site.site_name if self.site else "") or settings.WAGTAIL_SITE_NAME

    def title(self):
        return conf.podcast_settings().get("title") or _("%(site)s: articles read aloud") % {"site": self.site_name()}

    def link(self):
        return "/"

    def feed_url(self):
        return self.request.build_absolute_uri()

    def description(self):
        return conf.podcast_settings().get("description") or _(
            "Every article from %(site)s, read aloud by an AI voice. This audio is created with AI assistance."
        ) % {"site": self.site_name()}

    def feed_extra_kwargs(self, obj):
        podcast = conf.podcast_settings()
        image = podcast.get("image", "")
        return {
            "itunes_author": podcast.get("author") or self.site_name(),
            "itunes_category": podcast.get("category", "News"),
            "itunes_image": self.request.build_absolute_uri(image) if image else "",
            "itunes_owner_email": podcast.get("email", ""),
        }

    def items(self):
        byline = ArticleContributor.objects.select_related("contributor").order_by("sort_order")
        articles = ArticlePage.objects.published().prefetch_related(Prefetch("byline", queryset=byline))
        return list(
            Narration.objects.ready()
            .filter(article__in=ArticlePage.objects.published().in_edition().values("pk"))
            .prefetch_related(Prefetch("article", queryset=articles))
            .order_by("-article__first_published_at", "-pk")[: conf.podcast_limit()]
        )

    def item_title(self, narration):
        return narration.article.title

    def item_description(self, narration):
        return narration.article.standfirst

    def item_link(self, narration):
        return narration.article.get_url(request=self.request)

    def item_guid(self, narration):
        return self.request.build_absolute_uri(narration.article.get_url(request=self.request))

    def item_pubdate(self, narration):
        return narration.article.first_published_at

    def item_author_name(self, narration):
        return ", ".join(contributor.name for contributor in narration.article.contributors) or None

    def item_enclosures(self, narration):
        return [
            Enclosure(
                url=self.request.build_absolute_uri(narration.audio_url),
                length=str(narration.size_bytes),
                mime_type=narration.mime_type,
            )
        ]

    def item_extra_kwargs(self, narration):
        return {
            "itunes_duration": itunes_duration(narration.duration_seconds),
            "itunes_author": ", ".join(contributor.name for contributor in narration.article.contributors),
        }
