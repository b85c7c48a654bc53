"""Signed links: confirm (expires in days), preferences (expire in a year, revocable), unsubscribe (never expires).

Each link carries the subscriber's random key, signed with SECRET_KEY and a
salt per purpose, so a link for one purpose cannot be used for another and
an altered link is refused. Nothing is stored per link.

A preferences link also carries the time it was made and the subscriber's
link generation: raising `Subscriber.link_generation` voids every older
preferences link at once. Unsubscribe links carry neither, so the one-click
unsubscribe of an edition sent years ago still works (RFC 8058).
"""

from datetime import UTC, datetime
from typing import NamedTuple

from django.core import signing
from django.urls import reverse

from masthead.core.ids import parse_id

from . import conf

CONFIRM_SALT = "masthead.newsletters.confirm"
UNSUBSCRIBE_SALT = "masthead.newsletters.unsubscribe"
PREFERENCES_SALT = "masthead.newsletters.preferences.v2"
# Preferences links from before they expired: signed without a time, now answered as expired.
UNDATED_PREFERENCES_SALT = "masthead.newsletters.preferences"

BadToken = signing.BadSignature
ExpiredToken = signing.SignatureExpired


def _unsign_dated(salt, token, max_age=None):
    """TimestampSigner.unsign, with a signed but empty or unreadable date as BadToken.

    Django decodes the date only after the signature checks out, and an empty one raises IndexError:
    only a link signed with our own key can carry it, but it is still a link, not a server error.
    """
    try:
        return signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
    except (IndexError, ValueError) as error:
        raise BadToken("malformed date") from error


def confirm_token(subscriber, newsletter_ids):
    payload = f"{subscriber.key.hex}.{'-'.join(str(pk) for pk in sorted(newsletter_ids))}"
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(payload)


def read_confirm_token(token, check_age=True):
    """(subscriber key hex, [newsletter ids]); ExpiredToken after the confirmation window, BadToken if altered."""
    max_age = conf.confirmation_max_age() if check_age else None
    payload = _unsign_dated(CONFIRM_SALT, token, max_age=max_age)
    key, _, ids = payload.partition(".")
    newsletter_ids = [parse_id(pk) for pk in ids.split("-") if pk]
    if None in newsletter_ids:
        raise BadToken("malformed")
    return key, newsletter_ids


def unsubscribe_token(subscriber, newsletter):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{subscriber.key.hex}.{newsletter.pk}")


def read_unsubscribe_token(token):
    key, _, newsletter_id = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token).partition(".")
    newsletter_id = parse_id(newsletter_id)
    if newsletter_id is None:
        raise BadToken("malformed")
    return key, newsletter_id


class PreferencesLink(NamedTuple):
    key: str  # the subscriber's key, hex
    generation: int  # valid while it equals the subscriber's link_generation
    made_at: datetime


def preferences_token(subscriber):
    return signing.TimestampSigner(salt=PREFERENCES_SALT).sign(f"{subscriber.key.hex}.{subscriber.link_generation}")


def read_preferences_token(token):
    """A PreferencesLink; ExpiredToken once older than conf.preferences_max_age(), BadToken if altered."""
    signer = signing.TimestampSigner(salt=PREFERENCES_SALT)
    try:
        payload = _unsign_dated(PREFERENCES_SALT, token, max_age=conf.preferences_max_age())
    except ExpiredToken:
        raise
    except BadToken:
        try:
            signing.Signer(salt=UNDATED_PREFERENCES_SALT).unsign(token)
        except BadToken:
            raise BadToken("altered") from None
        raise ExpiredToken("made before preferences links expired") from None
    key, _, generation = payload.partition(".")
    generation = parse_id(generation)
    if generation is None:
        raise BadToken("malformed")
    try:
        made_at = datetime.fromtimestamp(signing.b62_decode(token.rsplit(signer.sep, 2)[1]), tz=UTC)
    except (OverflowError, OSError, ValueError) as error:  # a date no clock reaches: only a forged link has one
        raise BadToken("malformed") from error
    return PreferencesLink(key, generation, made_at)


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
