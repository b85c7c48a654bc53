"""The newsroom's editions: one Wagtail Locale per language in settings.LANGUAGES.

The edition a reader is in comes from the address (English unprefixed,
Ukrainian under /uk/; see masthead/urls.py), through Django's active language.
Pages carry Wagtail's own locale; news feed items, newsletters and contributors
carry one too, and every reader-facing listing filters on it.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from wagtail.coreutils import get_supported_content_language_variant

from .cache import cached


def locale_ids():
    """{language code: Locale pk} for every edition; cached (Locale rows hardly ever change)."""
    from wagtail.models import Locale

    def build():
        ids = dict(Locale.objects.values_list("language_code", "pk"))
        # Migrations make the rows (core 0002); a test database flushed between
        # tests loses them, and every row with a locale needs the default one.
        default = language_code(settings.LANGUAGE_CODE)
        if default not in ids:
            ids[default] = Locale.objects.get_or_create(language_code=default)[0].pk
        return ids

    return cached("locales", build)


def language_code(language=None):
    """The content language (a code in settings.LANGUAGES) for `language`, default the active one."""
    try:
        return get_supported_content_language_variant(language or translation.get_language() or "")
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def locale_id_for(language=None):
    """The Locale pk of the active edition (or of `language`); the default edition's if it has no row."""
    ids = locale_ids()
    return ids.get(language_code(language)) or ids.get(language_code(settings.LANGUAGE_CODE))


def current_locale_id():
    return locale_id_for()


def default_locale_id():
    """Default for the `locale` of rows made without one (the newsroom's first edition)."""
    return locale_id_for(settings.LANGUAGE_CODE)


def language_of(locale_id):
    """The language code of a Locale pk, without a query."""
    for code, pk in locale_ids().items():
        if pk == locale_id:
            return code
    return language_code(settings.LANGUAGE_CODE)


def edition_languages():
    """[(code, name in its own language)] for the switcher, in settings order."""
    return [
        (code, translation.get_language_info(get_supported_language_variant(code))["name_local"])
        for code, _name in settings.LANGUAGES
    ]
