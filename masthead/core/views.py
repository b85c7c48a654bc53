from django.contrib.staticfiles import finders
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import assets
from .middleware import newsroom_settings
from .page import PageMeta

YEAR = 365 * 24 * 3600


@never_cache
def healthz(request):
    """200 when the database answers, 503 otherwise: for load balancers and uptime checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": str(error)[:200]}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request, exception=None):
    meta = PageMeta(title=_("Page not found"), robots="noindex")
    return render(request, "404.html", {"meta": meta}, status=404)


@require_safe
def stylesheet(request, name):
    """/styles/<components>.<digest>.css: the page's one stylesheet (see masthead.core.assets).

    The digest changes with the content, so an answer under the current digest
    may be kept for a year; an old digest still gets the current CSS, briefly.
    """
    key, _dot, digest = name.rpartition(".")
    if not key or not assets.known(key):
        raise Http404
    current, text = assets.bundle(key, newsroom_settings(request).accent_colour)
    response = HttpResponse(text, content_type="text/css; charset=utf-8")
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

    return HttpResponseServerError(loader.get_template("500.html").render())
