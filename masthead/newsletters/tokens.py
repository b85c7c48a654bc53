"""Signed links: confirm (expires), unsubscribe and preferences (do not expire).

Each link carries the subscriber's random key, signed with SECRET_KEY and a
salt per purpose, so a link for one purpose cannot be used for another and
an altered link is refused. Nothing is stored per link.
"""

from django.core import signing
from django.urls import reverse

from . import conf

CONFIRM_SALT = "masthead.newsletters.confirm"
UNSUBSCRIBE_SALT = "masthead.newsletters.unsubscribe"
PREFERENCES_SALT = "masthead.newsletters.preferences"

BadToken = signing.BadSignature
ExpiredToken = signing.SignatureExpired


def confirm_token(subscriber, newsletter_ids):
    payload = f"{subscriber.key.hex}.{'-'.join(str(pk) for pk in sorted(newsletter_ids))}"
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(payload)


def read_confirm_token(token, check_age=True):
    """(subscriber key hex, [newsletter ids]); ExpiredToken after the confirmation window, BadToken if altered."""
    max_age = conf.confirmation_max_age() if check_age else None
    payload = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=max_age)
    key, _, ids = payload.partition(".")
    try:
        return key, [int(pk) for pk in ids.split("-") if pk]
    except ValueError as error:
        raise BadToken("malformed") from error


def unsubscribe_token(subscriber, newsletter):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{subscriber.key.hex}.{newsletter.pk}")


def read_unsubscribe_token(token):
    key, _, newsletter_id = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token).partition(".")
    if not newsletter_id.isdigit():
        raise BadToken("malformed")
    return key, int(newsletter_id)


def preferences_token(subscriber):
    return signing.Signer(salt=PREFERENCES_SALT).sign(subscriber.key.hex)


def read_preferences_token(token):
    return signing.Signer(salt=PREFERENCES_SALT).unsign(token)


def absolute(path):
    return conf.base_url() + path


def confirm_url(subscriber, newsletter_ids):
    return absolute(reverse("newsletters:confirm", args=[confirm_token(subscriber, newsletter_ids)]))


def unsubscribe_url(subscriber, newsletter):
    return unsubscribe_url_for(unsubscribe_token(subscriber, newsletter))


def unsubscribe_url_for(token):
    return absolute(reverse("newsletters:unsubscribe", args=[token]))


def preferences_url(subscriber):
    return absolute(reverse("newsletters:preferences", args=[preferences_token(subscriber)]))


def url_filler(url_name):
    """A fast `token -> absolute URL` for one URL name: reverse() once, then string joins (for bulk sending)."""
    marker = "TOKEN-MARK"
    head, tail = absolute(reverse(url_name, args=[marker])).split(marker)
    return lambda token: f"{head}{token}{tail}"
