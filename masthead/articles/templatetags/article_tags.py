from django import template
from django.urls import reverse

from masthead.articles.models import SECTION_PATH_LENGTH, all_live_sections, editors_picks, live_sections

register = template.Library()


@register.simple_tag
def section_nav():
    """The live sections of the reader's edition for the navigation (cached; see masthead.core.cache)."""
    return live_sections()


@register.simple_tag
def section_for(article):
    """The section an article sits in, from the cached section list (no extra query)."""
    path = getattr(article, "section_path", None) or article.path[:SECTION_PATH_LENGTH]
    for section in all_live_sections():
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


@register.inclusion_tag("components/editors_picks.html", takes_context=True)
def editors_picks_box(context, exclude=None):
    """The Editors' Picks box of the sidebar, without the article whose pk is `exclude`."""
    return {"editors_picks": editors_picks(context.get("request"), exclude_pk=exclude)}
