"""*Translate with machine* (wagtail-localize, with the LibreTranslate server `LIBRETRANSLATE_URL` names), answering in
words when the server cannot translate: wagtail-localize's own view lets the error through, a server error page."""

import logging

import requests
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.views import edit_translation

logger = logging.getLogger(__name__)


@require_POST
def machine_translate(request, translation_id):
    try:
        return edit_translation.machine_translate(request, translation_id)
    except requests.RequestException as error:
        # Nothing was written: wagtail-localize stores the strings only once the server has answered for all.
        logger.warning("Machine translation of translation %s failed: %s", translation_id, error)
        if isinstance(error, requests.HTTPError) and error.response is not None:
            reason = _("it answered with an error (%(status)s)") % {"status": error.response.status_code}
        elif isinstance(error, requests.Timeout):
            reason = _("it did not answer in time")
        else:
            reason = _("it could not be reached")
        messages.error(
            request,
            _(
                "The machine translation server could not translate this page: %(reason)s. Nothing was changed; "
                "try again later, or translate it by hand."
            )
            % {"reason": reason},
        )
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
