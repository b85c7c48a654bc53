"""An edition's web version: the email as subscribers got it, for readers whose mail client shows it badly."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from .emails import PreparedEdition, web_token_matches
from .models import Edition


def edition_web(request, pk, token):
    edition = get_object_or_404(Edition.objects.select_related("newsletter"), pk=pk)
    if not web_token_matches(edition, token) or edition.state == Edition.State.DROPPED:
        raise Http404
    response = HttpResponse(PreparedEdition(edition).preview_html())
    # Personal links are replaced by harmless ones in this copy; it carries no script.
    response["Content-Security-Policy"] = "script-src 'none'"
    response["X-Robots-Tag"] = "noindex"
    return response
