"""The page editor's "Editions" panel: the same story in the other languages, and whether each is up to date.

Wagtail links the versions of a page (one translation key) and its header switches between them, but it
does not say whether a translation still matches its original. A translation is out of date when the
original was published again after the translation last was (or the translation was never published), or when
wagtail-localize still has strings of the original with no words in the translation's language: its translation
editor publishes those in the original's words ("Published … with missing translations").
"""

from django.conf import settings
from wagtail.admin import panels as wagtail_panels
from wagtail.admin.panels import Panel

from .untranslated import localize_translation, segments_with_words


def editions_of(page):
    """[{language, name, page, live, last_published_at, out_of_date, untranslated, is_original}] for the page's
    other versions."""
    if page is None or not page.pk:
        return []
    names = dict(settings.LANGUAGES)
    versions = list(page.get_translations(inclusive=True).select_related("locale").order_by("locale__language_code"))
    default = settings.LANGUAGE_CODE
    original = next((version for version in versions if version.locale.language_code == default), None)
    rows = []
    for version in versions:
        if version.pk == page.pk:
            continue
        is_original = original is not None and version.pk == original.pk
        untranslated = 0 if original is None or is_original else untranslated_strings(original, version)
        rows.append(
            {
                "language": version.locale.language_code,
                "name": names.get(version.locale.language_code, version.locale.language_code),
                "page": version,
                "live": version.live,
                "last_published_at": version.last_published_at,
                "is_original": is_original,
                "untranslated": untranslated,
                "out_of_date": original is not None
                and not is_original
                and (untranslated > 0 or is_behind(version, original)),
            }
        )
    return rows


def untranslated_strings(original, translation):
    """How many of the original's strings wagtail-localize has no words for in the translation's language.

    0 for a translation wagtail-localize does not know (a copy written field by field). The slug is left out: an
    address in the original's words still works, and nobody reads it as text.
    """
    localized = localize_translation(original.translation_key, translation.locale_id)
    if localized is None:
        return 0
    return segments_with_words(localized.source, translation.locale_id).filter(translated=False).count()


def is_behind(translation, original):
    if original.last_published_at is None:
        return False
    return translation.last_published_at is None or translation.last_published_at < original.last_published_at


class EditionsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/editions_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            default = settings.LANGUAGE_CODE
            context["editions"] = editions_of(page)
            original = None
            if page is not None and page.pk and page.locale.language_code != default:
                original = next((row for row in context["editions"] if row["is_original"]), None)
            context["original"] = original
            context["behind_original"] = original is not None and is_behind(page, original["page"])
            return context


class InlinePanel(wagtail_panels.InlinePanel):
    """Wagtail's InlinePanel whose add button says a whole phrase ("Add an author").

    Wagtail builds the button from "Add %(label)s" and the panel's label, which a language with cases cannot
    follow: Ukrainian needs «Додати автора», not «Додати Автор» (the label is also each row's heading, «Автор 1»).
    """

    def __init__(self, *args, add_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(wagtail_panels.InlinePanel.BoundPanel):
        template_name = "core/panels/inline_panel.html"
