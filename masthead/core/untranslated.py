"""Text a translation still has in its original's words, as wagtail-localize knows it.

wagtail-localize's translation editor publishes a translation whose strings nobody has translated yet with the
original's words ("Published … with missing translations"), and so does a sync with "Publish immediately" for the
strings it changed. The Editions panel counts those strings (core.panels); reader pages mark them with the
original's language (lang="…"), so a screen reader does not read English words as Ukrainian ones.
"""

from django.apps import apps as installed_apps
from django.db import models
from django.db.models import Exists, OuterRef


def segments_with_words(source, locale_id, apps=installed_apps):
    """The StringSegments of `source` (a TranslationSource), each with `translated`: whether it has words in the
    language of `locale_id`.

    The slug is left out: an address in the original's words still works, and nobody reads it as text.
    """
    StringSegment = apps.get_model("wagtail_localize", "StringSegment")
    StringTranslation = apps.get_model("wagtail_localize", "StringTranslation")
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=locale_id,
        has_error=False,
    )
    return (
        StringSegment.objects.filter(source=source)
        .exclude(context__path="slug")
        .annotate(translated=Exists(translated))
    )


def localize_translation(translation_key, locale_id, apps=installed_apps):
    """wagtail-localize's Translation of the object `translation_key` into `locale_id` (with its source), or None
    for an object it does not translate into that language (a copy written field by field, a manual one)."""
    Translation = apps.get_model("wagtail_localize", "Translation")
    return (
        Translation.objects.filter(source__object_id=translation_key, target_locale_id=locale_id, enabled=True)
        .select_related("source__locale")
        .first()
    )


def untranslated_text(translation_key, locale_id, apps=installed_apps):
    """([place], language): the places of the translation into `locale_id` of the object `translation_key` still in
    the original's words, and the original's language; ([], "") for an object that wagtail-localize does not
    translate into it.

    A place is a path whose every string has no words in that language yet, or "<path>#<n>" for the n-th string
    (from 0) of a path whose other strings have some: a paragraph is one string per list item, per line…
    """
    translation = localize_translation(translation_key, locale_id, apps)
    if translation is None:
        return [], ""
    rows = segments_with_words(translation.source, locale_id, apps).order_by("order")
    strings = {}  # path -> whether each of its strings has words, in their order
    for path, translated in rows.values_list("context__path", "translated"):
        strings.setdefault(path, []).append(translated)
    untranslated = []
    for path, translated in strings.items():
        if not any(translated):
            untranslated.append(path)
        elif not all(translated):
            untranslated += [f"{path}#{number}" for number, done in enumerate(translated) if not done]
    return sorted(untranslated), translation.source.locale.language_code if untranslated else ""


def mark_strings(html, numbers, language):
    """Rich text `html` (as stored) with its strings `numbers` (as wagtail-localize counts them) marked lang="…": the
    element that holds nothing else (a list item, a paragraph) when there is one, else a span around the string."""
    from bs4 import BeautifulSoup, NavigableString
    from wagtail_localize.strings import extract_strings, restore_strings

    template, strings = extract_strings(html)
    soup = BeautifulSoup(template, "html.parser")
    for text in soup.find_all("text"):
        if int(text["position"]) not in numbers:
            continue
        parent = text.parent
        alone = parent is not soup and all(
            child is text or (isinstance(child, NavigableString) and not child.strip()) for child in parent.contents
        )
        if alone:
            parent["lang"] = language
        else:
            text.wrap(soup.new_tag("span", attrs={"lang": language}))
    return restore_strings(str(soup), strings)


class UntranslatedTextMixin(models.Model):
    """A page whose translation (made with wagtail-localize) may show some of its text in the original's words.

    Worked out when the translation is published (`note_untranslated_text`, from wagtail-localize's records), so a
    reader's request reads two columns of the page's own row. A page copied by hand, an original, or a translation
    switched to manual editing has none.
    """

    # The places (wagtail-localize's segment paths: "title", "standfirst", "body.<block id>",
    # "body.<block id>.quote"…) whose every string was published in the original's words, and "<path>#<n>" for a
    # string of a paragraph published partly translated (untranslated_text); and that language.
    untranslated = models.JSONField(default=list, blank=True, editable=False)
    original_language = models.CharField(max_length=20, blank=True, editable=False)

    class Meta:
        abstract = True

    def note_untranslated_text(self):
        """Sets `untranslated` and `original_language` from wagtail-localize's strings for this translation."""
        self.untranslated, self.original_language = untranslated_text(self.translation_key, self.locale_id)

    def text_language(self, path):
        """The language of the text at `path` ("standfirst", "body.<block id>"…) when it is still the original's
        words, else ""."""
        return self.original_language if path in self.untranslated else ""

    def untranslated_strings(self, path):
        """The numbers of the strings at `path` still in the original's words, when others there have words."""
        prefix = f"{path}#"
        return {int(place.removeprefix(prefix)) for place in self.untranslated if place.startswith(prefix)}
