"""The language switcher and the edition a page is in (see masthead/core/i18n.py)."""

from django import template
from django.utils.html import format_html
from wagtail.models import Page
from wagtail.templatetags.wagtailcore_tags import richtext

from masthead.core import i18n
from masthead.core.untranslated import mark_strings

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
def contributor_name(contributor, article):
    """A name on `article`'s byline as the edition being read writes it: the profile's translation when the byline
    still names another edition's, marked with its language while nobody has translated it. A card from the other
    edition (`article.language`, its whole card marked) keeps its byline as that edition writes it."""
    if contributor.locale_id == article.locale_id and not contributor.untranslated:
        return contributor.name  # the usual byline: nothing to look up
    within = getattr(article, "language", "")
    if not within and contributor.locale_id != article.locale_id:
        contributor = contributor.as_shown_in(article.locale_id)
    language = contributor.text_language("name")
    if language and language != within:
        return format_html('<span lang="{}">{}</span>', language, contributor.name)
    return contributor.name


@register.simple_tag
def contributor_text(contributor, field):
    """A contributor's name, role or bio for running text (a heading's "Latest from …"): in a span marked with its
    language when that is not the page's."""
    language = contributor.text_language(field)
    text = getattr(contributor, field)
    return format_html('<span lang="{}">{}</span>', language, text) if language else text


@register.simple_tag
def text_lang(contributor, field, page=None):
    """' lang="…"' for a contributor's name, role or bio (`field`) in another language than the page's: a profile
    of the other edition, or a translation whose `field` is still the original's words; else "". On `page` (an
    article) a name of its own edition, translated, is answered without a lookup."""
    if page is not None and contributor.locale_id == page.locale_id and not contributor.untranslated:
        return ""
    language = contributor.text_language(field)
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag
def untranslated_lang(page, *path):
    """' lang="…"' for the text of `page` at `path` (a field, or "body", a block's id and a part of the block) when
    the translation was published with it still in the original's words (core.untranslated); else ""."""
    language = page.text_language(".".join(str(part) for part in path)) if hasattr(page, "text_language") else ""
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag
def untranslated_richtext(value, page, *path):
    """Rich text `value` as |richtext renders it, with the strings of it that the translation `page` was published
    with still in the original's words marked lang="…", when others in it have words (core.untranslated); a
    paragraph none of whose strings has words is marked whole, by its block's untranslated_lang."""
    numbers = (
        page.untranslated_strings(".".join(str(part) for part in path))
        if page and hasattr(page, "untranslated_strings")
        else ()
    )
    if numbers:
        value = mark_strings(value.source, numbers, page.original_language)
    return richtext(value)
