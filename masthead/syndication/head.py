"""The machine-readable part of every page's <head>: canonical address, robots, feed autodiscovery,
Open Graph and Twitter cards, and JSON-LD.

`page_head(context)` looks at what the template is showing (a Wagtail page in
`page`, a contributor in `contributor`, or any other view) and returns a Head
for templates/syndication/head.html.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings as django_settings
from django.template.base import TextNode
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.translation import gettext as _
from wagtail.models import Page

from masthead.articles.models import (
    SECTION_PATH_LENGTH,
    ArticlePage,
    Contributor,
    HomePage,
    SectionPage,
    all_live_sections,
)
from masthead.core.i18n import edition_versions, language_code

from . import structured_data as ld
from .content import absolute, article_images, default_images, newsroom, page_url, renditions, root_url, summary
from .feeds import feed_urls

ERROR_TEMPLATES = {"404.html", "500.html"}
# Open Graph names a language with its region.
OG_LOCALES = {"en": "en_GB", "uk": "uk_UA"}
FEED_TYPES = (
    ("rss", "application/rss+xml", "RSS"),
    ("atom", "application/atom+xml", "Atom"),
    ("json", "application/feed+json", "JSON Feed"),
)
X_PROFILE = re.compile(r"^https?://(?:www\.)?(?:x|twitter)\.com/@?(?P<handle>\w{1,15})/?$")


@dataclass
class Head:
    canonical: str = ""
    description: str = ""  # emitted only when base.html did not write one
    robots: str = "max-image-preview:large"
    open_graph: list = field(default_factory=list)  # [(property, content)]
    twitter: list = field(default_factory=list)  # [(name, content)]
    feeds: list = field(default_factory=list)  # [(title, mime type, url)]
    json_ld: list = field(default_factory=list)  # [safe <script> strings]
    alternates: list = field(default_factory=list)  # [(hreflang, absolute url)]: this page in each edition


def edition_alternates(context, request):
    """hreflang links: this page in every edition that has it, and x-default (the default edition's)."""
    page = context.get("page")
    versions = [
        version
        for version in edition_versions(request, page if isinstance(page, Page) else None)
        if version.same_content
    ]
    if len(versions) < 2:
        return []
    links = [(version.language, absolute(request, version.url)) for version in versions]
    default = language_code(django_settings.LANGUAGE_CODE)
    links += [("x-default", url) for code, url in links if code == default]
    return links


def page_head(context):
    request = context.get("request")
    if request is None or template_name(context) in ERROR_TEMPLATES:
        return None
    page = context.get("page")
    contributor = context.get("contributor")
    settings = newsroom(request)
    head = Head()
    page_number = requested_page_number(request)
    if context.get("noindex") or page_number > 1:
        head.robots = "noindex, follow"
    site_name = settings.name
    head.feeds = feed_links(request, "site", None, site_name)

    if isinstance(page, Page):
        page = page.specific_deferred if type(page) is Page else page
        head.canonical = page_url(request, page)
        title = page.seo_title or page.title
        description = page.search_description
        images = []
        og_type = "website"
        if isinstance(page, ArticlePage):
            og_type = "article"
            description = description or summary(page)
            images = article_images(request, page)
            describe_article(context, request, page, head, images)
        elif isinstance(page, SectionPage):
            description = description or page.description or section_fallback(page, site_name)
            head.feeds += feed_links(request, "section", page.slug, page.title)
            crumbs = [(_("Home"), root_url(request) + "/"), (page.title, head.canonical)]
            head.json_ld.append(ld.script_tag(ld.breadcrumbs(crumbs)))
        elif isinstance(page, HomePage):
            title = site_name
            description = description or settings.tagline or settings.about or home_fallback(site_name)
            head.json_ld += [ld.script_tag(ld.website(request)), ld.script_tag(ld.organization(request))]
        images = images or default_images(request)
    elif isinstance(contributor, Contributor):
        og_type = "profile"
        head.canonical = absolute(request, contributor.get_absolute_url())
        title = contributor.name
        description = contributor.bio or _("Articles by %(name)s") % {"name": contributor.name}
        images = renditions(request, contributor.photo, ["fill-600x600|format-jpeg"], contributor.name)
        images = images or default_images(request)
        head.feeds += feed_links(request, "contributor", contributor.slug, contributor.name)
        head.json_ld.append(ld.script_tag(ld.profile_page(request, contributor)))
        crumbs = [
            (_("Home"), root_url(request) + "/"),
            (_("Our journalists"), absolute(request, "/authors/")),
            (contributor.name, head.canonical),
        ]
        head.json_ld.append(ld.script_tag(ld.breadcrumbs(crumbs)))
        head.open_graph.append(("profile:username", contributor.slug))
    else:
        # A view of another app (search, newsletters…): it may name its title
        # and description for sharing in `share_title` / `share_description`.
        og_type = "website"
        head.canonical = absolute(request, request.path)
        title = context.get("share_title") or site_name
        description = context.get("share_description") or settings.tagline or home_fallback(site_name)
        images = default_images(request)

    head.alternates = edition_alternates(context, request)
    if page_number > 1:
        head.canonical += f"?page={page_number}"
    if not base_wrote_description(context):
        head.description = description
    own = tags_in_extra_head(context)
    if own["robots"]:
        head.robots = ""
    if own["canonical"]:
        head.canonical = ""
    head.open_graph[:0] = [
        ("og:site_name", site_name),
        ("og:type", og_type),
        ("og:title", title),
        ("og:description", description),
        ("og:url", head.canonical),
    ]
    head.open_graph.append(("og:locale", OG_LOCALES.get(language_code(), language_code())))
    head.twitter[:0] = [
        ("twitter:card", "summary_large_image" if images and images[0].width > images[0].height else "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
    ]
    handle = x_handle(settings.x_url)
    if handle:
        head.twitter.append(("twitter:site", "@" + handle))
    if own["open_graph"]:
        # The template describes its page for sharing itself; a second set of cards would contradict it.
        head.open_graph, head.twitter = [], []
    elif images:
        image = images[0]
        head.open_graph += [
            ("og:image", image.url),
            ("og:image:type", image.mime_type),
            ("og:image:width", image.width),
            ("og:image:height", image.height),
            ("og:image:alt", image.alt),
        ]
        head.twitter += [("twitter:image", image.url), ("twitter:image:alt", image.alt)]
    return head


def describe_article(context, request, article, head, images):
    """Article-only parts: times, authors, section, tags, narration, NewsArticle and breadcrumbs."""
    section = section_of(article)
    credits = context.get("byline_credits")
    contributors = [credit.contributor for credit in credits] if credits is not None else article.contributors
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
    head.json_ld.append(ld.script_tag(ld.news_article(request, article, images, contributors, section)))
    crumbs = [(_("Home"), root_url(request) + "/")]
    if section is not None:
        crumbs.append((section.title, absolute(request, section.url)))
    crumbs.append((article.title, head.canonical))
    head.json_ld.append(ld.script_tag(ld.breadcrumbs(crumbs)))


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


def template_name(context):
    template = getattr(context, "template", None)
    origin = getattr(template, "origin", None)
    return getattr(origin, "template_name", None)


def tags_in_extra_head(context):
    """Which head tags the page's own template writes in its extra_head block (so that we write none).

    A few views of other apps (the news feed and its items) write their own
    canonical, robots or Open Graph tags; two canonical addresses, or two sets
    of cards, would leave crawlers to guess.
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    blocks = block_context.blocks.get("extra_head", []) if block_context is not None else []
    text = "".join(node.s for block in blocks for node in block.get_nodes_by_type(TextNode))
    return {
        "canonical": 'rel="canonical"' in text,
        "robots": 'name="robots"' in text,
        "open_graph": 'property="og:' in text,
    }


def base_wrote_description(context):
    """Whether base.html's meta_description block already wrote a <meta name="description">.

    base.html writes one from the page's search description or standfirst; a
    template that overrides the block (the contributor page does) writes its own.
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    if block_context is not None and len(block_context.blocks.get("meta_description", [])) > 1:
        return True
    page = context.get("page")
    return bool(getattr(page, "search_description", "") or getattr(page, "standfirst", ""))
