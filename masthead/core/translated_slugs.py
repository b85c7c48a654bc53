"""A translated page's address, spelt from its translated title.

wagtail-localize counts a page's slug among the strings to translate: a new translation read "Waiting for
translations" until a translator noticed the slug and typed one, and otherwise went out at the original's address
(/uk/politics/parliament-passes-the-budget/). Ukrainian news sites write their addresses in Latin letters, the
headline transliterated by the official table (KMU 2010, as on passports and road signs): so when the title of a
translation gets its words, its slug gets them too (/uk/politics/parlament-ukhvalyv-biudzhet/), unless the
translator wrote a slug themselves. As in Wagtail's own editor, the slug follows the title only until the page is
first published: after that its address stays, and a slug a translator changes by hand leaves a redirect behind
(Wagtail's redirects app).
"""

import translitua
from django.apps import apps as installed_apps
from django.utils.text import slugify

# The tool_name of a slug written here (a machine translation, to wagtail-localize): the title may still change it.
TRANSLITERATION = "Transliteration of the title"
STEPLEN = 4  # of Wagtail's page paths (treebeard's MP_Node.steplen), which historical models do not carry


def slug_from_title(title, language_code):
    """The address a newsroom in `language_code` gives a page called `title`: "parlament-ukhvalyv-biudzhet"."""
    if language_code == "uk":
        title = translitua.translit(title, translitua.UkrainianKMU)
    return slugify(title)[:200].strip("-")


def available_slug(page, slug, apps=installed_apps):
    """`slug`, or `slug-1`, `slug-2`… as Wagtail's find_available_slug numbers them: one no sibling of `page` has."""
    Page = apps.get_model("wagtailcore", "Page")
    taken = set(
        Page.objects.filter(depth=page.depth, path__startswith=page.path[:-STEPLEN], slug__startswith=slug)
        .exclude(pk=page.pk)
        .values_list("slug", flat=True)
    )
    available, number = slug, 1
    while available in taken:
        available, number = f"{slug}-{number}", number + 1
    return available


def fill_slug(translation_key, locale_id, apps=installed_apps):
    """Gives the slug of the page `translation_key` in `locale_id`, translated with wagtail-localize, its words when
    it has none (or only ones written here or by a machine translator) and the title has some: for a page never
    published, the title's transliteration; for one published, its own slug, the address readers already have."""
    Page = apps.get_model("wagtailcore", "Page")
    StringSegment = apps.get_model("wagtail_localize", "StringSegment")
    StringTranslation = apps.get_model("wagtail_localize", "StringTranslation")
    segments = StringSegment.objects.filter(
        context__object_id=translation_key,
        source__translations__target_locale_id=locale_id,
        source__translations__enabled=True,
    )
    slug = segments.filter(context__path="slug").first()
    page = Page.objects.filter(translation_key=translation_key, locale_id=locale_id).select_related("locale").first()
    if slug is None or page is None:
        return
    words = StringTranslation.objects.filter(locale_id=locale_id, has_error=False)
    written = words.filter(translation_of_id=slug.string_id, context_id=slug.context_id).first()
    published = page.first_published_at is not None
    if written is not None and (published or written.translation_type != "machine"):
        return
    if published:
        value = page.slug
    else:
        title = segments.filter(context__path="title").first()
        title_words = title and words.filter(translation_of_id=title.string_id, context_id=title.context_id).first()
        value = title_words and slug_from_title(title_words.data, page.locale.language_code)
        if not value:
            return
        value = available_slug(page, value, apps)
    StringTranslation.objects.update_or_create(
        translation_of_id=slug.string_id,
        context_id=slug.context_id,
        locale_id=locale_id,
        defaults={"data": value, "translation_type": "machine", "tool_name": TRANSLITERATION, "field_error": ""},
    )


def title_translated(instance, raw=False, **kwargs):
    """post_save of a StringTranslation: a page translation's title got words (in the translation editor, by a
    machine translator, from a PO file)."""
    if raw or instance.has_error or instance.tool_name == TRANSLITERATION:
        return
    from wagtail_localize.models import TranslationContext

    key = TranslationContext.objects.filter(pk=instance.context_id, path="title").values_list("object_id", flat=True)
    if key:
        fill_slug(key[0], instance.locale_id)


def translation_published(instance, **kwargs):
    """page_published: a translation published before its title had words (or before this was done) keeps the
    address it was published at, and wagtail-localize counts its slug as translated."""
    fill_slug(instance.translation_key, instance.locale_id)


def connect():
    from django.db.models.signals import post_save
    from wagtail.signals import page_published
    from wagtail_localize.models import StringTranslation

    post_save.connect(title_translated, sender=StringTranslation, dispatch_uid="masthead-slug-from-title")
    page_published.connect(translation_published, dispatch_uid="masthead-slug-when-published")
