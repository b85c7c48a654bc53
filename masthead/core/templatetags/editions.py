"""The language switcher and the edition a page is in (see masthead/core/i18n.py)."""

from django import template
from django.utils.html import format_html
from wagtail.models import Page

from masthead.core import i18n

register = template.Library()


@register.simple_tag(takes_context=True)
def edition_versions(context):
    """[EditionVersion] of the page being rendered: the same story in each language, or that edition's home."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    return i18n.edition_versions(
        request, page if isinstance(page, Page) else None, same_address=not context.get("edition_only")
    )


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"versions": edition_versions(context)}


@register.simple_tag
def edition_home():
    """The front page of the reader's edition: "/" or "/uk/"."""
    return i18n.edition_prefix(i18n.language_code()) + "/"


@register.simple_tag
def contributor_name(contributor, within=""):
    """A byline's name as the edition being read writes it, marked with its language when the profile is another
    edition's (nobody has translated it) and the text around it is not in that language (`within`: a card from
    another edition, whose byline stays as that edition writes it)."""
    if not within:
        contributor = contributor.as_shown_in(i18n.current_locale_id())
    if contributor.other_language and contributor.other_language != within:
        return format_html('<span lang="{}">{}</span>', contributor.other_language, contributor.name)
    return contributor.name
