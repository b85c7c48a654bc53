from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from masthead.core.urls import wagtail_overrides

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include("masthead.core.urls")),
]

if settings.MASTHEAD_DJANGO_ADMIN:
    urlpatterns.insert(0, path("django-admin/", admin.site.urls))

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    # Static files come from WhiteNoise, media from masthead.core.media (both with DEBUG off too).
    urlpatterns += staticfiles_urlpatterns()

# What readers see comes in two editions: English unprefixed at /, Ukrainian
# under /uk/ (settings.LANGUAGES). The language is the URL's, never the browser's.
urlpatterns += i18n_patterns(
    path("", include("masthead.articles.urls")),
    path("", include("masthead.livefeed.urls")),
    path("", include("masthead.newsletters.urls")),
    path("", include("masthead.narration.urls")),
    path("", include("masthead.syndication.urls")),
    path("", include("masthead.search.urls")),
    # Before Wagtail's own: the /uk/ page-password form posts to /uk/_util/…, which only this list answers.
    path("", include(wagtail_overrides)),
    # Documents in each edition too (/documents/…, /uk/documents/…): a document's link says in which language
    # its password form answers, and that form posts to the override above.
    path("documents/", include(wagtaildocs_urls)),
    # Everything else is a Wagtail page (home, sections, articles): last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "masthead.core.views.bad_request"
handler404 = "masthead.core.views.page_not_found"
handler500 = "masthead.core.views.server_error"
