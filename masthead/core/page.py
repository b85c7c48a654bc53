"""The page-shell contract: what a reader view tells base.html about its page.

Every reader view, a Wagtail page (through ReaderPageMixin.get_page_meta) or a
plain view, puts a PageMeta in its template context as `meta`. base.html only
renders it: the <title>, the description, canonical and robots, feed
autodiscovery, Open Graph and Twitter cards, JSON-LD, and the CSS and
JavaScript of the components the page shows (masthead.core.assets). No
template reads another template's text to find out what was already written.
"""

import json
from dataclasses import dataclass, field

from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

DEFAULT_ROBOTS = "max-image-preview:large"
NOINDEX = "noindex, follow"


@dataclass
class PageMeta:
    title: str = ""  # the page's own title; base.html adds the newsroom's name
    description: str = ""
    canonical: str = ""  # absolute URL, or "" for none
    robots: str = DEFAULT_ROBOTS
    open_graph: list = field(default_factory=list)  # [(property, content)]
    twitter: list = field(default_factory=list)  # [(name, content)]
    json_ld: list = field(default_factory=list)  # [dict], one <script type="application/ld+json"> each
    feeds: list = field(default_factory=list)  # alternates: [(title, mime type, url)]
    components: list = field(default_factory=list)  # names registered in masthead.core.assets
    language: str = ""  # the edition's language code ("en", "uk"): <html lang>, og:locale, inLanguage
    alternates: list = field(default_factory=list)  # hreflang: [(language or "x-default", absolute url)]

    def uses(self, *names):
        """Declares components the page shows (their CSS goes in <head>, their JS deferred)."""
        self.components += [name for name in names if name not in self.components]
        return self

    def describe(self, description):
        """Sets the description everywhere it is said (meta, Open Graph, Twitter)."""
        self.description = description
        self.open_graph = [(p, description if p == "og:description" else c) for p, c in self.open_graph]
        self.twitter = [(n, description if n == "twitter:description" else c) for n, c in self.twitter]


class ReaderPageMixin:
    """For Wagtail pages readers see: the page's PageMeta goes into the context as `meta`."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["meta"] = self.get_page_meta(request, context)
        return context

    def get_page_meta(self, request, context):
        return PageMeta(title=self.seo_title or self.title)

    def serve_password_required_response(self, request, form, action_url):
        """Wagtail's page-password form in the site's page shell (wagtailcore/password_required.html).

        Wagtail fills the form's context from get_context, whose PageMeta would put the page's own title,
        description, picture and structured data in the head: a page behind a password tells nothing of itself.
        The language switcher leads to the other edition's front page.
        """
        meta = PageMeta(title=gettext("Password required"), robots=NOINDEX)
        context = {"form": form, "action_url": action_url, "meta": meta, "edition_only": True}
        template = self.password_required_template or "wagtailcore/password_required.html"
        return TemplateResponse(request, template, context)


# "<", ">" and "&" escaped so that no text can close the <script> element early.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A <script type="application/ld+json"> element holding `data` (a data block: CSP does not run it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
