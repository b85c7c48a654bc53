import zoneinfo

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponseNotFound, QueryDict, UnreadablePostError
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from .admin_zone import ensure_profile
from .cache import cached
from .models import NewsroomSettings
from .sites import default_site, site_for_request


def newsroom_settings(request):
    """The NewsroomSettings of the request's site (cached on the request by Wagtail); with no request (an email, a
    feed the worker builds), the default site's. Unsaved defaults when there is no site."""
    site = site_for_request(request) if request is not None else default_site()
    if site is None:
        return NewsroomSettings()
    attr = NewsroomSettings.get_cache_attr_name()
    if hasattr(request, attr):
        return getattr(request, attr)
    # Kept across requests with every edition's texts (masthead.core.cache); saving the settings forgets it.
    instance = cached(f"newsroom-settings:{site.pk}", lambda: NewsroomSettings.for_site_with_texts(site))
    if request is not None:
        instance._request = request
        setattr(request, attr, instance)
    return instance


class PathLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without `Vary: Accept-Language`.

    The edition comes from the address alone (English unprefixed, Ukrainian
    under /uk/; masthead/urls.py), never from the browser's languages, so
    every reader gets the same copy of a page and a CDN keeps one per URL.
    """

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class NewsroomTimezoneMiddleware:
    """Shows every time in the newsroom's zone (site settings), not the server's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone_name = settings.MASTHEAD_DEFAULT_TIME_ZONE
        # The live feed's updates.json looks up the zone itself, only when it builds
        # an answer: its hot path (304 to a poll) must not query the database.
        if not request.path.startswith(("/static/", "/media/", "/healthz")) and not request.path.endswith(
            "/news-feed/updates.json"
        ):
            zone_name = newsroom_settings(request).time_zone or zone_name
        try:
            timezone.activate(zoneinfo.ZoneInfo(zone_name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.activate(zoneinfo.ZoneInfo(settings.MASTHEAD_DEFAULT_TIME_ZONE))
        # Wagtail's admin then runs in this zone too, unless the user chose another one.
        ensure_profile(request)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class CacheHeadersMiddleware:
    """Lets a CDN keep anonymous pages, and keeps staff pages out of every cache.

    Anonymous HTML pages are the same for every reader, so an edge cache may
    keep them for MASTHEAD_PAGE_S_MAXAGE seconds and serve them stale while it
    refreshes; publishing purges them (wagtail.contrib.frontend_cache).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        is_staff_view = request.path.startswith(("/admin/", "/django-admin/"))
        if is_staff_view or (user is not None and user.is_authenticated) or response.cookies:
            patch_cache_control(response, private=True, no_cache=True, no_store=True)
            return response
        if response.status_code in (200, 301, 404):
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.MASTHEAD_PAGE_S_MAXAGE,
                stale_while_revalidate=settings.MASTHEAD_PAGE_STALE_WHILE_REVALIDATE,
            )
            patch_vary_headers(response, ["Cookie"])
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's header: the strict reader policy everywhere, Wagtail's admin a looser one it can work with."""

    ADMIN_PREFIXES = ("/admin/", "/django-admin/")

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if parts.config is None and request.path_info.startswith(self.ADMIN_PREFIXES):
            if report_only == settings.MASTHEAD_CSP_REPORT_ONLY:
                return PolicyParts(dict(settings.MASTHEAD_ADMIN_CSP), parts.update, parts.replace, parts.nonce)
        return parts


def nul_characters(get_response):
    """A NUL can match no page and PostgreSQL refuses it in a query: one in the address is a 404 before any lookup;
    one in the query string (?q=, ?tag=, ?locale=…) reads as a space, as the reader's search takes it.

    Several of Wagtail's admin views filter on a query-string value as it
    comes, so a NUL there was a 500. It is invisible (pasted text can carry
    one), so the page answers for the rest.
    """

    def middleware(request):
        if "\x00" in request.path:
            return HttpResponseNotFound()
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query:
            request.GET = QueryDict(query.replace("%00", "%20"), encoding=request.encoding)
        return get_response(request)

    return middleware


# Larger than any upload the recipe lets through (nginx.conf: 2g on the Import screen); a body past it is left
# unread and its connection closed, as before.
UNREAD_BODY_LIMIT = 2 * 1024**3
DRAIN_CHUNK = 1024 * 1024


def read_unread_body(get_response):
    """Read to its end a request body the site answered without reading (a 403 for a form sent without its CSRF
    cookie, a 400 for a body too big to parse), before the answer goes out.

    gunicorn closes a connection after its answer; closed with part of the body still unread, the kernel resets
    it, and nginx, which may still be passing the body on, answers its own 502 page instead of the site's. A
    30 MB upload to the Import screen without a session got that 502 about once in twenty posts on a busy
    machine (masthead/core/tests/test_nginx_recipe.py). Neither gunicorn nor Django has a setting for this.
    """

    def middleware(request):
        response = get_response(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if 0 < length <= UNREAD_BODY_LIMIT:
            try:
                while request.read(DRAIN_CHUNK):
                    pass
            except UnreadablePostError:
                pass  # the client went away: nothing is left to read
        return response

    return middleware
