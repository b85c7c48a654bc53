from django import template
from django.urls import reverse

from masthead.articles.models import SECTION_PATH_LENGTH, SectionPage

register = template.Library()


@register.simple_tag(takes_context=True)
def section_nav(context):
    """The live sections for the navigation, fetched once per request."""
    request = context.get("request")
    cached = getattr(request, "_masthead_sections", None)
    if cached is None:
        cached = list(SectionPage.objects.live().public().order_by("path"))
        if request is not None:
            request._masthead_sections = cached
    return cached


@register.simple_tag(takes_context=True)
def section_for(context, article):
    """The section an article sits in, from the cached navigation list (no extra query)."""
    path = getattr(article, "section_path", None) or article.path[:SECTION_PATH_LENGTH]
    for section in section_nav(context):
        if section.path == path:
            return section
    return None


@register.simple_tag(takes_context=True)
def edit_post_url(context, page):
    """The editor's URL for `page` when the logged-in user may edit it, else ""."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    if not page.permissions_for_user(user).can_edit():
        return ""
    return reverse("wagtailadmin_pages:edit", args=[page.pk])
