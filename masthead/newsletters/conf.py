"""Newsletter settings, with their defaults.

Each value can be set in Django settings (MASTHEAD_NEWSLETTER_…) or, because
it differs between machines, in the environment variable of the same name.
Read them through these functions, not at import time, so tests can override them.
"""

import os
from datetime import timedelta

from django.conf import settings


def _value(name, default, cast=str):
    if hasattr(settings, name):
        return getattr(settings, name)
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return cast(raw)


def _int_list(raw):
    return [int(item) for item in str(raw).split(",") if item.strip()]


def base_url():
    """Where links in emails point: the public site (no trailing slash)."""
    return str(_value("MASTHEAD_NEWSLETTER_BASE_URL", settings.WAGTAILADMIN_BASE_URL)).rstrip("/")


def confirmation_max_age():
    """How long a confirmation link works."""
    return timedelta(days=_value("MASTHEAD_NEWSLETTER_CONFIRM_DAYS", 7, int))


def preferences_max_age():
    """How long a preferences link works (each email carries a new one); an older link asks for a fresh one."""
    return timedelta(days=_value("MASTHEAD_NEWSLETTER_PREFERENCES_DAYS", 365, int))


def data_link_max_age():
    """Downloading or deleting a reader's data needs a preferences link emailed at most this long ago."""
    return timedelta(hours=_value("MASTHEAD_NEWSLETTER_DATA_LINK_HOURS", 24, int))


def repeat_gap():
    """A sign-up or a "send me a new link" repeated within this long (a second click on a form without
    JavaScript, or an impatient reader) sends no second email: the first is on its way, and its link works."""
    return timedelta(seconds=_value("MASTHEAD_NEWSLETTER_REPEAT_SECONDS", 120, int))


def confirmations_per_address_per_day():
    """At most this many confirmation (and new-link) emails go to one address in 24 hours, whoever asks."""
    return _value("MASTHEAD_NEWSLETTER_CONFIRMATIONS_PER_DAY", 3, int)


def signups_per_client():
    """(requests, seconds): sign-ups one client address may make in a window."""
    return (
        _value("MASTHEAD_NEWSLETTER_SIGNUPS_PER_CLIENT", 20, int),
        _value("MASTHEAD_NEWSLETTER_SIGNUP_WINDOW_SECONDS", 3600, int),
    )


def webhook_esp():
    """The email service whose webhooks are accepted (anymail's name: "postmark", "amazon_ses"…).

    "" means the one EMAIL_BACKEND names; set it when mail goes out by SMTP through an ESP that reports bounces.
    """
    return _value("MASTHEAD_NEWSLETTER_WEBHOOK_ESP", "")


def send_rate():
    """Messages per second one sending worker may send (0: as fast as the mail server accepts)."""
    return _value("MASTHEAD_NEWSLETTER_RATE", 0.0, float)


def connections():
    """Mail connections one worker keeps open at once for an edition (a server's round trips overlap)."""
    return _value("MASTHEAD_NEWSLETTER_CONNECTIONS", 4, int)


def batch_size():
    """Deliveries a worker claims at a time."""
    return _value("MASTHEAD_NEWSLETTER_BATCH_SIZE", 200, int)


def messages_per_connection():
    """Reconnect to the mail server after this many messages (many servers cap a session)."""
    return _value("MASTHEAD_NEWSLETTER_MESSAGES_PER_CONNECTION", 1000, int)


def lease_seconds():
    """How long claimed deliveries stay reserved for a worker that stops renewing them (crash recovery time)."""
    return _value("MASTHEAD_NEWSLETTER_LEASE_SECONDS", 120, float)


def retry_delays():
    """Seconds to wait before each retry of a temporary failure; after the last one the delivery fails."""
    return _value("MASTHEAD_NEWSLETTER_RETRY_DELAYS", [60, 300, 1800, 7200], _int_list)


def senders_per_edition():
    """How many sending tasks start in parallel for one edition (one per worker you run)."""
    return _value("MASTHEAD_NEWSLETTER_SENDERS", 1, int)


def task_seconds():
    """A sending task hands over to a fresh task after this long, so other jobs get a turn."""
    return _value("MASTHEAD_NEWSLETTER_TASK_SECONDS", 600, float)


def unsubscribe_mailto():
    """Address for mailto: unsubscribes (List-Unsubscribe); "" derives unsubscribe@<sender's domain>."""
    return _value("MASTHEAD_NEWSLETTER_UNSUBSCRIBE_MAILTO", "")


def outbox_enabled():
    return bool(getattr(settings, "MASTHEAD_SHOW_OUTBOX", False))


def outbox_path():
    return getattr(settings, "EMAIL_FILE_PATH", None)


def require_postal_address():
    """Refuse to send an edition until the newsroom's postal address is set (bulk-mail law in several countries)."""
    return _value("MASTHEAD_NEWSLETTER_REQUIRE_POSTAL_ADDRESS", True, lambda raw: raw.lower() in {"1", "true", "yes"})
