"""What feeds, sitemaps, social cards and structured data say about a page: absolute addresses,
summaries, full text, sharing pictures and the narration.

Every machine-readable surface uses these helpers, so that a feed reader, a search engine and a
social network see the same address, the same summary and the same picture for an article.
"""

import logging
from dataclasses import dataclass
from urllib.parse import urljoin

import nh3
from django.templatetags.static import static
from django.utils.text import Truncator
from wagtail.models import Site

from masthead.core.middleware import newsroom_settings
from masthead.core.sites import default_site

from . import conf
from .models import SyndicationSettings

logger = logging.getLogger(__name__)

SUMMARY_WORDS = 60
DEFAULT_LOGO = "syndication/publisher-logo.png"
DEFAULT_LOGO_SIZE = (512, 512)

# Tags and attributes kept in full-text feeds: the article's prose, figures and
# links. Scripts, iframes and styles go, because feed readers strip or refuse them.
FEED_TAGS = {
    "a", "b", "blockquote", "br", "code", "em", "figcaption", "figure", "h2", "h3", "i",
    "img", "li", "ol", "p", "pre", "strong", "ul",
}  # fmt: skip
FEED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "width", "height"}}


def site_for(request):
    """The Wagtail site answering `request` (the default site when no hostname matches)."""
    if request is None:
        return default_site()
    return Site.find_for_request(request)


def root_url(request):
    """ "https://news.example" for the request's site, with no trailing slash.

    The Wagtail site's hostname and port are the canonical address; the request's
    Host header is only a fallback, because a CDN or a proxy may present another.
    """
    site = site_for(request)
    if site is not None:
        return site.root_url
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return ""


def absolute(request, url):
    """`url` made absolute against the site root (URLs from S3 storage are absolute already)."""
    if not url:
        return url
    return urljoin(root_url(request) + "/", url)


def page_url(request, page):
    """The page's full URL; "" for a page with none yet (a new page in the editor's preview)."""
    return page.get_full_url(request) or absolute(request, page.url) or ""


def syndication_settings(request):
    site = site_for(request)
    if site is None:
        return SyndicationSettings()
    if request is not None:
        return SyndicationSettings.for_request(request)
    return SyndicationSettings.for_site(site)


def summary(article):
    """A plain-text summary: the standfirst, else the search description, else the body's first words."""
    text = article.standfirst or article.search_description
    if not text:
        text = Truncator(" ".join(article.body_text.split())).words(SUMMARY_WORDS)
    return text


@dataclass(frozen=True)
class SharedImage:
    """A picture as other sites show it: an absolute URL, its size and a description."""

    url: str
    width: int
    height: int
    alt: str = ""
    mime_type: str = "image/jpeg"


def renditions(request, image, filters, alt=""):
    """SharedImages of `image` for each filter spec (one query for those already made)."""
    if image is None:
        return []
    try:
        made = image.get_renditions(*filters)
    except (OSError, ValueError):
        # A missing or unreadable original must not take the page down with it.
        logger.warning("No rendition for image %s", image.pk, exc_info=True)
        return []
    shared = []
    for spec in filters:
        rendition = made[spec]
        mime_type = "image/png" if rendition.file.name.endswith(".png") else "image/jpeg"
        if rendition.file.name.endswith(".webp"):
            mime_type = "image/webp"
        shared.append(
            SharedImage(
                absolute(request, rendition.url), rendition.width, rendition.height, alt or image.title, mime_type
            )
        )
    return shared


def article_images(request, article, filters=None):
    """The lead image in the sharing sizes, or the site's default sharing picture, or []."""
    filters = filters or conf.SHARE_IMAGE_FILTERS
    if article is not None and article.lead_image_id:
        return renditions(request, article.lead_image, filters, article.lead_image_alt)
    return default_images(request, filters)


def default_images(request, filters=None):
    filters = filters or conf.SHARE_IMAGE_FILTERS
    setting = syndication_settings(request)
    if setting.share_image_id:
        return renditions(request, setting.share_image, filters)
    return []


def publisher_logo(request):
    """The newsroom's logo as a SharedImage; a plain default when the newsroom has not uploaded one."""
    settings = newsroom_settings(request)
    if settings.logo_id:
        found = renditions(request, settings.logo, [conf.LOGO_FILTER], settings.name)
        if found:
            return found[0]
    width, height = DEFAULT_LOGO_SIZE
    return SharedImage(absolute(request, static(DEFAULT_LOGO)), width, height, settings.name, "image/png")


def full_text_html(request, article):
    """The article as clean HTML for feed readers: lead image, body, absolute links."""
    from django.template.loader import render_to_string

    html = render_to_string("syndication/feed_full_text.html", {"article": article, "request": request})
    base = root_url(request) + "/"

    def make_absolute(tag, attribute, value):
        if (tag, attribute) in {("a", "href"), ("img", "src")}:
            return urljoin(base, value)
        return value

    return nh3.clean(html, tags=FEED_TAGS, attributes=FEED_ATTRIBUTES, attribute_filter=make_absolute).strip()


def narration_for(page):
    """The article's narration (audio_url, duration_seconds, size_bytes, mime_type), or None.

    The narration app provides it; until that app is installed there is simply no audio.
    """
    try:
        from masthead.narration.api import narration_for as lookup
    except ImportError:
        return None
    try:
        return lookup(page)
    except Exception:  # a broken narration must not take the article's metadata down with it
        logger.exception("narration_for failed for page %s", page.pk)
        return None


def iso_duration(seconds):
    """ISO 8601 duration ("PT4M5S") for schema.org."""
    seconds = max(0, round(seconds or 0))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{seconds}S"
