"""RSS 2.0, Atom and JSON Feed 1.1 of the newest articles: for the whole site, a section, or a contributor.

Built on django.contrib.syndication. Django writes RSS and Atom but knows one
author per item and no full text; the generators below add several authors,
`content:encoded` / Atom `<content>`, and a Media RSS picture. Django has no JSON
Feed writer, so JSONFeed writes version 1.1 (https://www.jsonfeed.org/version/1.1/).
"""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from masthead.articles.models import (
    SECTION_PATH_LENGTH,
    ArticleContributor,
    ArticlePage,
    Contributor,
    SectionPage,
    all_live_sections,
    contributor_in_edition,
)
from masthead.core.i18n import current_locale_id, edition_roots, language_code
from masthead.core.middleware import newsroom_settings

from . import conf
from .content import (
    article_images,
    full_text_html,
    page_url,
    publisher_logo,
    root_url,
    site_for,
    summary,
    syndication_settings,
)

DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
MEDIA = "http://search.yahoo.com/mrss/"


@dataclass
class Author:
    name: str
    url: str


@dataclass
class Scope:
    """What one feed request is about: the request, and the section or contributor it is narrowed to."""

    request: object
    kind: str  # "site", "section" or "contributor"
    format: str  # "rss", "atom" or "json"
    section: SectionPage | None = None
    contributor: Contributor | None = None
    full_text: bool = False
    length: int = 30
    feed_urls: dict = field(default_factory=dict)


@dataclass
class Entry:
    """One article as every feed format sees it."""

    title: str
    link: str
    guid: str
    summary: str
    content_html: str | None
    published: datetime
    updated: datetime
    authors: list
    categories: list
    image: object | None


def article_guid(article):
    """A feed id that never changes: not the URL (the slug may be edited) but the page's permanent UUID."""
    return f"urn:uuid:{article.translation_key}"


def feed_url_names(kind):
    return {fmt: f"syndication:{kind}_feed_{fmt}" for fmt in ("rss", "atom", "json")}


def feed_urls(request, kind, slug=None):
    """{"rss": url, "atom": url, "json": url} for the site's, a section's or a contributor's feeds."""
    kwargs = {"slug": slug} if slug is not None else {}
    base = root_url(request)
    return {fmt: base + reverse(name, kwargs=kwargs) for fmt, name in feed_url_names(kind).items()}


class MastheadRssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with every author (dc:creator), the full text (content:encoded) and a picture (media:content)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC, "xmlns:content": CONTENT, "xmlns:media": MEDIA}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.addQuickElement("dc:creator", author.name)
        if item["content_html"]:
            handler.addQuickElement("content:encoded", item["content_html"])
        add_media_content(handler, item["image"])


class MastheadAtomFeed(feedgenerator.Atom1Feed):
    """Atom with every author (name and profile URL), the full text and a picture (media:content)."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            handler.addQuickElement("uri", author.url)
            handler.endElement("author")
        if item["content_html"]:
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        add_media_content(handler, item["image"])


def add_media_content(handler, image):
    if image is None:
        return
    attributes = {"url": image.url, "medium": "image", "type": image.mime_type}
    attributes.update(width=str(image.width), height=str(image.height))
    handler.startElement("media:content", attributes)
    if image.alt:
        handler.addQuickElement("media:description", image.alt)
    handler.endElement("media:content")


class JSONFeed(feedgenerator.SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.as_dict(), ensure_ascii=False, indent=1))

    def as_dict(self):
        feed = self.feed
        data = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
        }
        if feed.get("icon"):
            data["icon"] = feed["icon"]
        if feed["language"]:
            data["language"] = feed["language"]
        if feed["author_name"]:
            data["authors"] = [{"name": feed["author_name"], "url": feed["author_link"]}]
        data["items"] = [self.item_dict(item) for item in self.items]
        return data

    def item_dict(self, item):
        data = {"id": item["unique_id"], "url": item["link"], "title": item["title"]}
        if item["content_html"]:
            data["content_html"] = item["content_html"]
        else:
            data["content_text"] = item["description"]
        data["summary"] = item["description"]
        if item["image"] is not None:
            data["image"] = item["image"].url
        data["date_published"] = feedgenerator.rfc3339_date(item["pubdate"])
        if item["updateddate"]:
            data["date_modified"] = feedgenerator.rfc3339_date(item["updateddate"])
        if item["authors"]:
            data["authors"] = [{"name": author.name, "url": author.url} for author in item["authors"]]
        if item["categories"]:
            data["tags"] = list(item["categories"])
        if item.get("language"):
            data["language"] = item["language"]
        return data


FORMATS = {"rss": MastheadRssFeed, "atom": MastheadAtomFeed, "json": JSONFeed}


class ArticleFeed(Feed):
    """The newest published articles of the site, a section or a contributor, in one format.

    One instance serves every request for its URL, so nothing about a request is
    kept on it: get_object() returns a Scope, and items() returns Entries.
    """

    def __init__(self, kind, format):
        super().__init__()
        self.kind = kind
        self.format = format
        self.feed_type = FORMATS[format]

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        if self.format == "json":
            response["Access-Control-Allow-Origin"] = "*"
        return response

    def get_object(self, request, slug=None):
        scope = Scope(request=request, kind=self.kind, format=self.format)
        site = site_for(request)
        if self.kind == "section":
            sections = SectionPage.objects.live().public().filter(slug=slug, locale_id=current_locale_id())
            root = edition_roots(site).get(current_locale_id()) if site is not None else None
            if root is not None:
                sections = sections.filter(path__startswith=root[0])
            scope.section = sections.first()
            if scope.section is None:
                raise Http404(_("There is no section at this address."))
        elif self.kind == "contributor":
            scope.contributor = contributor_in_edition(slug)
            if scope.contributor is None:
                raise Http404(_("There is no contributor at this address."))
        setting = syndication_settings(request)
        scope.full_text = setting.full_text_feeds
        scope.length = setting.feed_length
        scope.feed_urls = feed_urls(request, self.kind, slug)
        return scope

    # The feed as a whole

    def title(self, scope):
        name = newsroom_settings(scope.request).name
        if scope.section:
            return f"{scope.section.title} | {name}"
        if scope.contributor:
            return f"{scope.contributor.name} | {name}"
        return name

    def description(self, scope):
        settings = newsroom_settings(scope.request)
        if scope.section:
            return scope.section.description or _("The latest %(section)s stories from %(name)s.") % {
                "section": scope.section.title,
                "name": settings.name,
            }
        if scope.contributor:
            return _("Articles by %(contributor)s for %(name)s.") % {
                "contributor": scope.contributor.name,
                "name": settings.name,
            }
        tagline = settings.text_for().tagline  # the feed's edition's (the active language)
        return tagline or _("The latest stories from %(name)s.") % {"name": settings.name}

    def link(self, scope):
        if scope.section:
            return page_url(scope.request, scope.section)
        if scope.contributor:
            return root_url(scope.request) + scope.contributor.get_absolute_url()
        return root_url(scope.request) + "/"

    def feed_url(self, scope):
        return scope.feed_urls[self.format]

    def feed_guid(self, scope):
        return scope.feed_urls["atom"]

    def author_name(self, scope):
        return newsroom_settings(scope.request).name

    def author_link(self, scope):
        return root_url(scope.request) + "/"

    def feed_extra_kwargs(self, scope):
        return {"icon": publisher_logo(scope.request).url}

    def get_feed(self, scope, request):
        feed = super().get_feed(scope, request)
        # Django's Feed takes the language from a class attribute; ours is the edition's.
        feed.feed["language"] = language_code()
        return feed

    def feed_copyright(self, scope):
        return f"© {newsroom_settings(scope.request).name}"

    # The items

    def items(self, scope):
        articles = ArticlePage.objects.published().in_edition()
        if scope.section:
            articles = articles.child_of(scope.section)
        if scope.contributor:
            same_person = Contributor.objects.filter(translation_key=scope.contributor.translation_key)
            articles = articles.filter(
                pk__in=ArticleContributor.objects.filter(contributor__in=same_person).values("article_id")
            )
        byline = ArticleContributor.objects.select_related("contributor").order_by("sort_order")
        pictures = get_image_model().get_rendition_model().objects.filter(filter_spec=conf.FEED_IMAGE_FILTER)
        articles = (
            articles.select_related("lead_image")
            .prefetch_related(
                Prefetch("byline", queryset=byline), Prefetch("lead_image__renditions", queryset=pictures), "tags"
            )
            .newest_first()[: scope.length]
        )
        sections = {section.path: section for section in all_live_sections()}
        return [self.entry(scope, article, sections) for article in articles]

    def entry(self, scope, article, sections):
        request = scope.request
        section = sections.get(article.path[:SECTION_PATH_LENGTH])
        images = article_images(request, article, [conf.FEED_IMAGE_FILTER])
        base = root_url(request)
        return Entry(
            title=article.title,
            link=page_url(request, article),
            guid=article_guid(article),
            summary=summary(article),
            content_html=full_text_html(request, article) if scope.full_text else None,
            published=article.first_published_at,
            updated=article.last_published_at or article.first_published_at,
            authors=[
                Author(credit.contributor.name, base + credit.contributor.get_absolute_url())
                for credit in article.byline.all()
            ],
            categories=([section.title] if section else []) + [tag.name for tag in article.tags.all()],
            image=images[0] if images else None,
        )

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        return entry.guid

    def item_guid_is_permalink(self, entry):
        return False

    def item_description(self, entry):
        return entry.summary

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry):
        return entry.categories

    def item_extra_kwargs(self, entry):
        return {"authors": entry.authors, "content_html": entry.content_html, "image": entry.image}
