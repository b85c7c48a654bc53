"""Old query-string links (WordPress's /?p=123, /?page_id=7) on the front page lead to the imported page.

Wagtail's RedirectMiddleware only looks for a redirect when the page is not
found, and the front page always is, so these links need this small step.
"""

from django.http import HttpResponsePermanentRedirect
from wagtail.contrib.redirects.models import Redirect

LEGACY_KEYS = ("p", "page_id", "attachment_id")


class LegacyQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.GET and any(key in request.GET for key in LEGACY_KEYS):
            path = Redirect.normalise_path(request.get_full_path())
            redirect = Redirect.objects.filter(old_path=path, site__isnull=True).select_related("redirect_page").first()
            if redirect is not None and redirect.link:
                return HttpResponsePermanentRedirect(redirect.link)
        return self.get_response(request)
