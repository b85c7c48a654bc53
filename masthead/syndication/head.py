"""The machine-readable part of every page's <head>: canonical address, robots, feed autodiscovery,
Open Graph and Twitter cards, and JSON-LD, as a PageMeta (masthead.core.page).

Each reader view asks for its page's PageMeta here: `page_meta` for a Wagtail
page, `contributor_meta` for a contributor's page, `view_meta` for any other
view (search, the news feed, newsletters…), and base.html renders it.
"""

import re

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from masthead.articles.models import SECTION_PATH_LENGTH, ArticlePage, HomePage, SectionPage, all_live_sections
from masthead.core.i18n import language_code
from masthead.core.middleware import newsroom_settings
from masthead.core.page import NOINDEX, PageMeta
from masthead.narration.conf import edition_has_voice

from . import structured_data as ld
from .content import absolute, article_images, default_images, page_url, renditions, root_url, summary
from .feeds import feed_urls

# Open Graph names a language with its region.
OG_LOCALES = {"en": "en_GB", "uk": "uk_UA"}
FEED_TYPES = (
    ("rss", "application/rss+xml", "RSS"),
    ("atom", "application/atom+xml", "Atom"),
    ("json", "application/feed+json", "JSON Feed"),
)
X_PROFILE = re.compile(r"^https?://(?:www\.)?(?:x|twitter)\.com/@?(?P<handle>\w{1,15})/?$")


def page_meta(request, page, credits=None):
    """The PageMeta of a Wagtail page (home, section, article or another page type).

    `credits` are the article's byline entries when the caller already has them.
    """
    page = page.specific_deferred if type(page) is Page else page
    settings = newsroom_settings(request)
    meta = base_meta(request)
    meta.canonical = page_url(request, page)
    meta.title = page.seo_title or page.title
    title = meta.title
    description = page.search_description
    images = []
    og_type = "website"
    if isinstance(page, ArticlePage):
        og_type = "article"
        description = description or summary(page)
        images = article_images(request, page)
        contributors = [credit.contributor for credit in credits] if credits is not None else page.contributors
        describe_article(request, page, meta, images, contributors)
    elif isinstance(page, SectionPage):
        description = description or page.description or section_fallback(page, settings.name)
        meta.feeds += feed_links(request, "section", page.slug, page.title)
        crumbs = [(_("Home"), root_url(request) + "/"), (page.title, meta.canonical)]
        meta.json_ld.append(ld.breadcrumbs(crumbs))
    elif isinstance(page, HomePage):
        title = settings.name
        text = settings.text_for()  # the edition's own tagline and about text, never another edition's
        meta.title = page.seo_title or text.tagline  # or none: <title> is then the newsroom's name alone
        description = description or text.tagline or text.about or home_fallback(settings.name)
        meta.json_ld += [ld.website(request), ld.organization(request)]
    return finish(request, meta, og_type, title, description, images or default_images(request))


def contributor_meta(request, contributor):
    """The PageMeta of /authors/<slug>/: a ProfilePage."""
    meta = base_meta(request)
    meta.canonical = absolute(request, contributor.get_absolute_url())
    meta.title = contributor.name
    description = contributor.bio or _("Articles by %(name)s") % {"name": contributor.name}
    images = renditions(request, contributor.photo, ["fill-600x600|format-jpeg"], contributor.name)
    meta.feeds += feed_links(request, "contributor", contributor.slug, contributor.name)
    meta.json_ld.append(ld.profile_page(request, contributor))
    crumbs = [
        (_("Home"), root_url(request) + "/"),
        (_("Our journalists"), absolute(request, reverse("articles:contributor_index"))),
        (contributor.name, meta.canonical),
    ]
    meta.json_ld.append(ld.breadcrumbs(crumbs))
    meta.open_graph.append(("profile:username", contributor.slug))
    return finish(request, meta, "profile", contributor.name, description, images or default_images(request))


def view_meta(request, title="", description="", noindex=False, canonical=None, og_type="website"):
    """The PageMeta of a view outside Wagtail's tree (search, the news feed, newsletters…).

    `title` is the page's own title (also its sharing title); `canonical` is
    the request's own address unless given ("" for none).
    """
    settings = newsroom_settings(request)
    meta = base_meta(request)
    meta.title = title
    meta.canonical = absolute(request, request.path) if canonical is None else canonical
    if noindex:
        meta.robots = NOINDEX
    description = description or settings.text_for().tagline or home_fallback(settings.name)
    return finish(request, meta, og_type, title or settings.name, description, default_images(request))


def base_meta(request):
    """What every page has: the site's feeds and podcast, and noindex on ?page=N tails."""
    settings = newsroom_settings(request)
    meta = PageMeta(language=language_code())
    meta.feeds = feed_links(request, "site", None, settings.name)
    if edition_has_voice():
        meta.feeds.append(
            (
                _("%(name)s: audio articles (podcast)") % {"name": settings.name},
                "application/rss+xml",
                root_url(request) + reverse("narration:podcast"),
            )
        )
    if requested_page_number(request) > 1:
        meta.robots = NOINDEX
    return meta


def finish(request, meta, og_type, title, description, images):
    """Open Graph and Twitter cards, and the ?page=N canonical address."""
    settings = newsroom_settings(request)
    page_number = requested_page_number(request)
    if page_number > 1 and meta.canonical:
        meta.canonical += f"?page={page_number}"
    meta.description = description
    meta.open_graph[:0] = [
        ("og:site_name", settings.name),
        ("og:type", og_type),
        ("og:title", title),
        ("og:description", description),
        ("og:url", meta.canonical),
    ]
    meta.open_graph.append(("og:locale", OG_LOCALES.get(meta.language, meta.language)))
    meta.twitter[:0] = [
        ("twitter:card", "summary_large_image" if images and images[0].width > images[0].height else "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
    ]
    handle = x_handle(settings.x_url)
    if handle:
        meta.twitter.append(("twitter:site", "@" + handle))
    if images:
        image = images[0]
        meta.open_graph += [
            ("og:image", image.url),
            ("og:image:type", image.mime_type),
            ("og:image:width", image.width),
            ("og:image:height", image.height),
            ("og:image:alt", image.alt),
        ]
        meta.twitter += [("twitter:image", image.url), ("twitter:image:alt", image.alt)]
    return meta


def describe_article(request, article, head, images, contributors):
    """Article-only parts: times, authors, section, tags, narration, NewsArticle and breadcrumbs."""
    section = section_of(article)
    tags = [tag.name for tag in article.tags.all()]
    og = head.open_graph
    if article.first_published_at:
        og.append(("article:published_time", article.first_published_at.isoformat()))
    if article.last_published_at:
        og.append(("article:modified_time", article.last_published_at.isoformat()))
    og += [("article:author", absolute(request, contributor.get_absolute_url())) for contributor in contributors]
    if section is not None:
        og.append(("article:section", section.title))
        head.feeds += feed_links(request, "section", section.url_path.strip("/").split("/")[-1], section.title)
    og += [("article:tag", tag) for tag in tags]
    creator = next((x_handle("https://x.com/" + c.x_handle.lstrip("@")) for c in contributors if c.x_handle), None)
    if creator:
        head.twitter.append(("twitter:creator", "@" + creator))
    head.json_ld.append(ld.news_article(request, article, images, contributors, section))
    crumbs = [(_("Home"), root_url(request) + "/")]
    if section is not None:
        crumbs.append((section.title, absolute(request, section.url)))
    crumbs.append((article.title, head.canonical))
    head.json_ld.append(ld.breadcrumbs(crumbs))


def section_of(article):
    """The article's section as a cached SectionLink (title, url, url_path), or None."""
    path = article.path[:SECTION_PATH_LENGTH]
    return next((section for section in all_live_sections() if section.path == path), None)


def feed_links(request, kind, slug, title):
    urls = feed_urls(request, kind, slug)
    return [(f"{title} ({label})", mime_type, urls[fmt]) for fmt, mime_type, label in FEED_TYPES]


def section_fallback(section, site_name):
    return _("The latest %(section)s news from %(name)s.") % {"section": section.title, "name": site_name}


def home_fallback(site_name):
    return _("The latest news from %(name)s.") % {"name": site_name}


def x_handle(url):
    match = X_PROFILE.match(url or "")
    return match["handle"] if match else ""


def requested_page_number(request):
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1
