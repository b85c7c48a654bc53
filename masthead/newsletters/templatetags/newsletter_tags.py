"""The newsletter sign-up slot in the sidebar: one form per newsletter offered on the page.

The forms carry no CSRF token and set no cookie, so the page around them stays
cacheable by a CDN (see views.subscribe for why that is safe).
"""

from django import template
from django.template.loader import render_to_string

from masthead.articles.models import ArticlePage, HomePage, SectionPage

from ..forms import THANKS, SignupForm, thanked_slugs
from ..models import Newsletter

register = template.Library()


def _offered(page):
    """Which newsletters a page offers: article pages and the rest each have their own switch."""
    newsletters = Newsletter.objects.active().in_edition().select_related("host")
    if isinstance(page, ArticlePage):
        return newsletters.filter(show_on_articles=True), "article page"
    if isinstance(page, HomePage):
        return newsletters.filter(show_in_sidebar=True), "home page"
    if isinstance(page, SectionPage):
        return newsletters.filter(show_in_sidebar=True), "section page"
    return newsletters.filter(show_in_sidebar=True), "sidebar"


@register.simple_tag(takes_context=True)
def newsletter_signup(context, page=None):
    """Sign-up forms for the newsletters offered on `page` (None on pages outside Wagtail)."""
    request = context.get("request")
    newsletters, source = _offered(page)
    newsletters = list(newsletters)
    if not newsletters:
        return ""
    subscribed = set(thanked_slugs(request))
    return render_to_string(
        "newsletters/components/signup_sidebar.html",
        {
            "newsletters": newsletters,
            "subscribed": subscribed,
            # The shared sidebar fragment passes a marker that each page replaces with its own path.
            "next": context.get("next") or (request.path if request else ""),
            "source": source,
            "form": SignupForm(),
            "thanks": THANKS,
        },
    )
