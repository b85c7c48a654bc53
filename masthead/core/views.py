import logging

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware import csrf
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as wagtaildocs_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from . import assets, background
from .clients import client_address, count_hit, hits, local_path
from .middleware import newsroom_settings
from .page import PageMeta

logger = logging.getLogger(__name__)
YEAR = 365 * 24 * 3600


@never_cache
def healthz(request):
    """200 when the database answers, 503 otherwise: for load balancers and uptime checks.

    Anyone can call it, so it says only ok or not; the reason goes to the log.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "error"}, status=503)
    return JsonResponse({"status": "ok"})


@never_cache
def healthz_workers(request):
    """200 while every background queue's tasks are being taken, 503 once one has stalled (core/background.py).

    For an uptime check that watches the workers; a load balancer keeps using /healthz, which a stopped worker
    must not fail. Anyone can call it, so it says only ok or stalled (Settings → Background work has the rest),
    and the answer is kept for 30 s in the shared cache, so calling it often costs one look at the task table.
    """
    try:
        stalled = cache.get_or_set("healthz-workers", lambda: any(s.stalled for s in background.queue_states()), 30)
    except Exception:  # the database or the cache did not answer
        logger.exception("Worker health check failed")
        return JsonResponse({"status": "error"}, status=503)
    return JsonResponse({"status": "stalled"}, status=503) if stalled else JsonResponse({"status": "ok"})


def page_not_found(request, exception=None):
    meta = PageMeta(title=_("Page not found"), robots="noindex")
    # The switcher leads to the other edition's front page: this address exists in neither.
    return render(request, "404.html", {"meta": meta, "edition_only": True}, status=404)


def bad_request(request, exception=None):
    """handler400: a request Django refuses as malformed or suspicious, such as a form with more fields than
    DATA_UPLOAD_MAX_NUMBER_FIELDS or a SuspiciousOperation raised by a view; Django's own answer is a bare
    "Bad Request (400)" in English. The reason goes to Django's django.security log only.
    """
    if isinstance(exception, DisallowedHost):
        # Not this site's address: the shell would look up the site by the very host that was refused.
        return HttpResponseBadRequest("Bad Request (400)", content_type="text/plain; charset=utf-8")
    meta = PageMeta(title=_("We couldn’t handle that request"), robots="noindex")
    return render(request, "400.html", {"meta": meta, "edition_only": True}, status=400)


# Django's reasons for a form whose Origin or Referer is not this site's address (the first two name it).
ADDRESS_REASONS = tuple(
    reason.partition("%s")[0]
    for reason in (
        csrf.REASON_BAD_ORIGIN,
        csrf.REASON_BAD_REFERER,
        csrf.REASON_INSECURE_REFERER,
        csrf.REASON_NO_REFERER,
        csrf.REASON_MALFORMED_REFERER,
    )
)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: a form Django's CSRF check refused (the preferences forms, the page password).

    A reader meets it when the browser blocks cookies, or cleared them while the
    form was open; or when the page was opened at another address than the site's
    (another name or port), which the browser names in the form's Origin.
    Django's own answer is a technical page in English. The reason goes to the log only.
    """
    meta = PageMeta(title=_("We couldn’t send your form"), robots="noindex")
    context = {
        "meta": meta,
        "edition_only": True,
        "wrong_address": reason.startswith(ADDRESS_REASONS),
        "site_address": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
    }
    return render(request, "403_csrf.html", context, status=403)


@require_safe
def stylesheet(request, name):
    """/styles/<components>.<digest>.css: the page's one stylesheet (see masthead.core.assets)."""
    return bundle_response(request, name, "css", "text/css; charset=utf-8")


@require_safe
def script(request, name):
    """/scripts/<components>.<digest>.js: the page's one deferred script."""
    return bundle_response(request, name, "js", "text/javascript; charset=utf-8")


def bundle_response(request, name, kind, content_type):
    """The digest changes with the content, so an answer under the current digest
    may be kept for a year; an old digest still gets the current bundle, briefly.
    """
    key, _dot, digest = name.rpartition(".")
    if not key or not assets.known(key):
        raise Http404
    accent = newsroom_settings(request).accent_colour if kind == "css" else ""
    current, text = assets.bundle(key, kind, accent)
    response = HttpResponse(text, content_type=content_type)
    if digest == current:
        response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:
        response["Cache-Control"] = "public, max-age=60"
    return response


@require_safe
def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the page says."""
    with open(finders.find("img/favicon.ico"), "rb") as handle:
        response = HttpResponse(handle.read(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def server_error(request):
    # No context processors that touch the database: the database may be the problem.
    from django.http import HttpResponseServerError
    from django.template import loader

    # The edition's language and home come from the address (LocaleMiddleware), not the database.
    language = translation.get_language() or settings.LANGUAGE_CODE
    home = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
    return HttpResponseServerError(loader.get_template("500.html").render({"language": language, "home": home}))


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's form for a password-protected page, with a limit on wrong guesses per client address.

    A correct password always leads back to a page of this site, whatever the form's return_url says.
    """
    if request.method == "POST" and too_many_passwords(request):
        restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
        page = get_object_or_404(Page, id=page_id).specific
        response = page.serve_password_required_response(request, refused_password_form(restriction), request.path)
        response.status_code = 429
        return response
    keep_return_on_site(request, lambda: get_object_or_404(Page, id=page_id).get_url(request) or "/")
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    count_wrong_password(request, response)
    return response


def authenticate_document_with_password(request, restriction_id):
    """Wagtail's form for a document in a password-protected collection, with the page form's limit on guesses.

    Wrong guesses at pages and documents count together. A correct password leads to a path on this site: Wagtail
    would take a return_url that is not a path ("list") for the name of a view, a 500.
    """
    if request.method == "POST" and too_many_passwords(request):
        restriction = get_object_or_404(CollectionViewRestriction, id=restriction_id)
        context = {"form": refused_password_form(restriction), "action_url": request.path}
        template = getattr(settings, "WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE", "wagtaildocs/password_required.html")
        return TemplateResponse(request, template, context, status=429)
    keep_return_on_site(request, lambda: reverse("wagtail_serve", args=[""]))
    response = wagtaildocs_views.authenticate_with_password(request, restriction_id)
    count_wrong_password(request, response)
    return response


def keep_return_on_site(request, fallback):
    """A password form's return_url made a path on this site, `fallback()` when it is not one.

    Wagtail redirects to it as it comes: text that is not a path ("list") is taken for the name of a view, a 500;
    an address elsewhere for LOGIN_REDIRECT_URL, a 404.
    """
    if request.method == "POST" and not local_path(request, request.POST.get("return_url")):
        request.POST = request.POST.copy()
        request.POST["return_url"] = fallback()


def too_many_passwords(request):
    """True once the client's address has made MASTHEAD_PAGE_PASSWORD_ATTEMPTS wrong guesses in the window."""
    window = settings.MASTHEAD_PAGE_PASSWORD_WINDOW
    return hits("page-password", client_address(request), window) >= settings.MASTHEAD_PAGE_PASSWORD_ATTEMPTS


def count_wrong_password(request, response):
    if request.method == "POST" and response.status_code == 200:  # the form again: a wrong password
        count_hit("page-password", client_address(request), settings.MASTHEAD_PAGE_PASSWORD_WINDOW)


def refused_password_form(restriction):
    form = PasswordViewRestrictionForm(instance=restriction)
    form.cleaned_data = {}  # an error on an unchecked form: the guess itself is never tested
    form.add_error(None, _("Too many wrong passwords from your network. Please try again later."))
    return form
