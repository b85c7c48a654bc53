"""The page shell's tags: the <head> from the page's PageMeta, and the reader's sidebar.

{% page_head %} renders the PageMeta the view put in the context as `meta`
(masthead.core.page). A template may add to it with {% page_meta %} in its
`page_meta` block, which base.html renders before the head.

{% sidebar %} renders the news feed, Editors' Picks and newsletter sign-up
forms itself, without any data from the view, as one fragment shared by
every page of the same kind and kept for MASTHEAD_PAGE_S_MAXAGE seconds (the
news feed's script asks for newer items as soon as the page loads). Editing
what it shows bumps the site generation (masthead.core.cache), which drops it.
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from .. import assets
from ..cache import generation
from ..i18n import hreflang_links
from ..middleware import newsroom_settings
from ..page import PageMeta, json_ld_script
from .editions import edition_versions

register = template.Library()

# The sign-up forms send readers back where they were without JavaScript;
# the shared fragment holds this marker where each page's path goes.
NEXT_MARKER = "@@masthead-next-path@@"


@register.filter
def with_newsroom_name(title, name):
    """The <title>: "Page | Newsroom", or the newsroom's name alone for a page with no title of its own.

    A front page without a tagline is such a page (Ghost and WordPress title it with the name alone too).
    """
    if not str(title).strip():
        return conditional_escape(name)
    return format_html("{} | {}", title, name)  # the block's output is already escaped; the name is escaped here


def meta_for(context):
    """The page's PageMeta: the view's, or one made from the request for views that give none."""
    meta = context.get("meta")
    if isinstance(meta, PageMeta):
        return meta
    request = context.get("request")
    if request is None:
        return PageMeta()
    meta = getattr(request, "_masthead_meta", None)
    if meta is None:
        from masthead.syndication.head import view_meta

        meta = view_meta(
            request,
            title=context.get("share_title", ""),
            description=context.get("share_description", ""),
            noindex=bool(context.get("noindex")),
        )
        request._masthead_meta = meta
    return meta


@register.simple_tag(takes_context=True)
def page_meta(context, robots=None, uses="", description=None):
    """Lets a template add to its page's PageMeta: {% page_meta robots="noindex" uses="newsletter-signup" %}."""
    meta = meta_for(context)
    if robots is not None:
        meta.robots = robots
    if description is not None:
        meta.describe(str(description))
    meta.uses(*[name for name in uses.split(",") if name])
    return ""


@register.inclusion_tag("components/page_head.html", takes_context=True)
def page_head(context):
    meta = meta_for(context)
    request = context.get("request")
    if request is not None and not meta.alternates:
        meta.alternates = hreflang_links(request, edition_versions(context))
    accent = newsroom_settings(request).accent_colour if request is not None else ""
    script = assets.script_name(meta.components)
    return {
        "meta": meta,
        "stylesheet": reverse("core:stylesheet", args=[assets.stylesheet_name(meta.components, accent)]),
        "script": reverse("core:script", args=[script]) if script else "",
    }


@register.simple_tag(takes_context=True)
def sidebar(context):
    """The reader's sidebar (news feed, Editors' Picks, newsletter sign-up) as one cached fragment."""
    from masthead.articles.models import ArticlePage, editors_pick_ids

    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request) if request is not None else None
    kind = "article" if isinstance(page, ArticlePage) else "page"
    # A page never lists itself among the picks: only the few picked articles get a fragment of their own.
    exclude = page.pk if kind == "article" and page.pk in editors_pick_ids(request) else None
    values = {"page": page if kind == "article" else None, "exclude": exclude, "next": NEXT_MARKER}
    thanked = request.GET.get("subscribed") if request is not None else None
    if thanked or getattr(request, "is_preview", False):
        html = render_to_string("components/sidebar.html", {**values, "subscribed": thanked}, request=request)
    else:
        # One per edition: the news feed, picks and newsletters are each edition's own.
        key = f"masthead:sidebar:{site.pk if site else 0}:{translation.get_language()}:{kind}:{exclude}:{generation()}"
        html = cache.get(key)
        if html is None:
            html = render_to_string("components/sidebar.html", values, request=request)
            cache.set(key, html, settings.MASTHEAD_PAGE_S_MAXAGE)
    path = escape(request.path) if request is not None else ""
    return mark_safe(html.replace(NEXT_MARKER, path))  # noqa: S308 - fragment rendered by our templates, path escaped


@register.filter
def json_ld(data):
    return json_ld_script(data)
