"""The newsroom's editions: one Wagtail Locale per language in settings.LANGUAGES.

The edition a reader is in comes from the address (English unprefixed,
Ukrainian under /uk/; see masthead/urls.py), through Django's active language.
Pages carry Wagtail's own locale; news feed items, newsletters and contributors
carry one too, and every reader-facing listing filters on it.
"""

from dataclasses import dataclass

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


def admin_language(user):
    """The language `user` reads the admin in (their Wagtail account's choice, or the site's): for what a worker
    writes or sends to them, since a worker has no request to take it from."""
    from wagtail.users.models import UserProfile

    if user is None:
        return settings.LANGUAGE_CODE
    return UserProfile.get_for_user(user).get_preferred_language() or settings.LANGUAGE_CODE


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


def edition_prefix(language):
    """The address prefix of an edition: "" for the default one, "/uk" for Ukrainian."""
    from django.urls import reverse

    with translation.override(language):
        return reverse("wagtail_serve", args=[""]).rstrip("/")


def edition_roots(site):
    """{Locale pk: (root page path, root url_path, address prefix)} for each edition of `site`; cached."""

    def build():
        roots = site.root_page.get_translations(inclusive=True).values_list("locale_id", "path", "url_path")
        return {
            locale_id: (path, url_path, edition_prefix(language_of(locale_id))) for locale_id, path, url_path in roots
        }

    return cached(f"edition-roots:{site.pk}", build)


def page_path(site, locale_id, url_path):
    """The address (no host) of a page from its stored url_path: "/uk/politics/…" for a Ukrainian one."""
    root = edition_roots(site).get(locale_id)
    if root is None or not url_path.startswith(root[1]):
        return None
    return root[2] + url_path[len(root[1]) - 1 :]


def versions_cache_name(translation_key):
    return f"edition-versions:{translation_key}"


@dataclass(frozen=True)
class EditionVersion:
    """The page being read in one edition, for the language switcher and hreflang links."""

    language: str
    name: str  # the language's own name: "English", "Українська"
    url: str  # the same story in that language when it exists, otherwise that edition's front page
    current: bool
    same_content: bool  # the same page in that language (only these get hreflang)


def edition_versions(request, page=None, same_address=True):
    """One EditionVersion per edition, in settings order; worked out once per request.

    `page`: the Wagtail page being read (its translations are looked up, one query).
    Otherwise the same view answers in every edition at the same address with
    the prefix changed (/authors/…, /news-feed/, /search/…) unless `same_address`
    is false (a 404, a news item of one edition), where the switcher leads home.
    """
    from django.urls import translate_url

    cached_versions = getattr(request, "_masthead_edition_versions", None)
    if cached_versions is not None:
        return cached_versions
    current = language_code()
    found = {}
    if page is not None and getattr(page, "pk", None):
        from wagtail.models import Page, Site

        site = Site.find_for_request(request)
        # Cached like the navigation (masthead.core.cache); publishing or unpublishing a page forgets it.
        rows = cached(
            versions_cache_name(page.translation_key),
            lambda: list(
                Page.objects.live().filter(translation_key=page.translation_key).values_list("locale_id", "url_path")
            ),
        )
        for locale_id, url_path in rows:
            path = page_path(site, locale_id, url_path) if site else None
            if path:
                found[language_of(locale_id)] = path
        found.setdefault(current, request.path)
    elif same_address:
        query = request.GET.urlencode()
        for code, _name in settings.LANGUAGES:
            found[code] = translate_url(request.path, code) + (f"?{query}" if query else "")
    versions = [
        EditionVersion(
            language=code,
            name=name,
            url=found.get(code) or edition_prefix(code) + "/",
            current=code == current,
            same_content=code in found,
        )
        for code, name in edition_languages()
    ]
    request._masthead_edition_versions = versions
    return versions


def hreflang_links(request, versions):
    """[(hreflang, absolute url)]: the page in every edition that has it, and x-default (the default one's).

    Nothing when the page exists in one edition only.
    """
    same = [version for version in versions if version.same_content]
    if len(same) < 2:
        return []
    from wagtail.models import Site

    site = Site.find_for_request(request)
    base = site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")
    links = [(version.language, base + version.url) for version in same]
    default = language_code(settings.LANGUAGE_CODE)
    return links + [("x-default", url) for code, url in links if code == default]
