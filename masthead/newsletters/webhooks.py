"""The email service's webhooks (bounces, complaints, inbound unsubscribes), guarded.

django-anymail parses every ESP's webhook format and checks the ESP's own
signature where the ESP signs (Mailgun, SendGrid, Resend, Mandrill, Postal,
MailerSend, Amazon SES…). Anymail alone still answers every ESP's URL, accepts
requests when no secret is configured (with only a warning), and lets a
malformed body raise a server error. So each of its views is wrapped here:

- only the configured ESP's URLs answer (404 for the others);
- a request needs the shared secret as HTTP basic auth (401), and the ESP's
  signature where anymail checks one (403); with no secret configured every
  request is refused (403), and a system check stops production from starting;
- a body that cannot be parsed is answered 400, never 500.
"""

import logging
import re

from anymail import urls as anymail_urls
from anymail.exceptions import AnymailConfigurationError, AnymailError, AnymailWebhookValidationFailure
from anymail.utils import get_request_basic_auth
from django.conf import settings
from django.core import checks
from django.http import Http404, HttpResponse
from django.urls import URLPattern
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt

from . import conf

logger = logging.getLogger(__name__)

PATTERN_ESP = re.compile(r"^(?P<esp>.+?)_(?:(?:inbound|tracking)_)?webhook$")
BACKEND_ESP = re.compile(r"^anymail\.backends\.(?P<esp>\w+)\.EmailBackend$")
# What a garbled body makes anymail's parsers raise (JSON, form, MIME and base64 errors).
MALFORMED = (ValueError, KeyError, TypeError, AttributeError, IndexError, LookupError, UnicodeError, AnymailError)


def configured_esp():
    """The ESP whose webhooks we accept: MASTHEAD_NEWSLETTER_WEBHOOK_ESP, else the one EMAIL_BACKEND names ("")."""
    chosen = conf.webhook_esp()
    if chosen:
        return chosen
    match = BACKEND_ESP.match(getattr(settings, "EMAIL_BACKEND", ""))
    return match["esp"] if match and match["esp"] not in {"test", "console"} else ""


def webhook_secrets():
    """The accepted "user:password" strings (ANYMAIL["WEBHOOK_SECRET"], one or a list)."""
    secret = (getattr(settings, "ANYMAIL", None) or {}).get("WEBHOOK_SECRET") or []
    return [secret] if isinstance(secret, str) else [item for item in secret if item]


def _refused(status, message):
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    if status == 401:
        response["WWW-Authenticate"] = 'Basic realm="email service webhooks"'
    return response


def guard(view, esp):
    @csrf_exempt
    def guarded(request, *args, **kwargs):
        if esp != configured_esp():
            raise Http404("No email service webhook here.")
        secrets = webhook_secrets()
        if not secrets:
            return _refused(403, "Webhooks are off until ANYMAIL_WEBHOOK_SECRET is set.")
        given = get_request_basic_auth(request) or ""
        if not any(constant_time_compare(given, secret) for secret in secrets):
            return _refused(401, "Authentication required.")
        try:
            return view(request, *args, **kwargs)
        except AnymailConfigurationError as error:
            # e.g. Mailgun's signing key is missing: refuse rather than accept unsigned events.
            logger.error("The %s webhook is not fully configured: %s", esp, error)
            return _refused(403, "This webhook is not fully configured.")
        except AnymailWebhookValidationFailure:
            logger.warning("Refused a %s webhook with a bad signature", esp)
            return _refused(403, "The signature does not match.")
        except MALFORMED as error:
            logger.warning("Refused a malformed %s webhook: %r", esp, error)
            return _refused(400, "The request body could not be read.")

    return guarded


def _esp_of(pattern):
    match = PATTERN_ESP.match(pattern.name or "")
    return match["esp"] if match else None


urlpatterns = [
    URLPattern(pattern.pattern, guard(pattern.callback, _esp_of(pattern)), pattern.default_args, pattern.name)
    for pattern in anymail_urls.urlpatterns
    if _esp_of(pattern)
]


@checks.register(checks.Tags.security)
def check_webhook_secret(app_configs=None, **kwargs):
    """With an ESP configured, production must have a webhook secret: without one, bounces are never recorded."""
    if settings.DEBUG or not configured_esp() or webhook_secrets():
        return []
    return [
        checks.Error(
            f"The email service {configured_esp()!r} is configured but ANYMAIL_WEBHOOK_SECRET is not set.",
            hint="Set ANYMAIL_WEBHOOK_SECRET=user:password and put it in the webhook URLs at the email service.",
            id="masthead.newsletters.E001",
        )
    ]
