"""What happens when a reader signs up, confirms or leaves: shared by the views, the admin import and the tests."""

from django.core.exceptions import ValidationError
from django.db import transaction

from masthead.core.clients import client_address, count_hit
from masthead.core.i18n import language_code, language_of

from . import conf, emails, tokens
from .models import Consent, Newsletter, Subscriber, Subscription
from .tasks import (
    record_signup,
    send_confirmation,
    send_or_retry,
    send_preferences_link,
    send_preferences_link_again,
    send_welcome,
)


def over_client_limit(request, counter="signups"):
    """Counts a request from this client address; True once it has made too many in the current window.

    Sign-ups and "send me a new link" requests have a counter each, with the same limits. The address
    is read behind MASTHEAD_TRUSTED_PROXIES proxies, and the counter is shared by every web process
    (the database, or Redis): see core.clients.
    """
    limit, window = conf.signups_per_client()
    return count_hit(f"newsletters:{counter}", client_address(request), window) > limit


def request_later(email, newsletters, consent):
    """What the sign-up forms do: one queued task, the same work whatever the address's history."""
    record_signup.enqueue(
        email, [newsletter.pk for newsletter in newsletters], {"form": consent.form, "page": consent.page}
    )


def request_subscriptions(email, newsletters, consent):
    """Records a sign-up and sends one confirmation email if anything needs confirming.

    Whatever the address's history (new, pending, confirmed, unsubscribed), the
    caller shows the same answer; only the emails differ. Returns the number of
    subscriptions now waiting for confirmation.
    """
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=email)
        waiting = []
        for newsletter in newsletters:
            _, needs_confirmation = Subscription.objects.request(subscriber, newsletter, consent)
            if needs_confirmation:
                waiting.append(newsletter.pk)
        if not waiting or subscriber.is_suppressed:  # no mail at all to bounced, complained or blocked addresses
            return len(waiting)
        if subscriber.take_confirmation_allowance():
            # With the database task backend, the job is stored in this same
            # transaction: a sign-up is never saved without its email, or vice versa.
            send_confirmation.enqueue(subscriber.pk, waiting)
    return len(waiting)


def subscriber_for_key(key_hex):
    try:
        return Subscriber.objects.filter(key=key_hex).first()
    except (ValueError, TypeError, ValidationError):  # not a key's shape (only a forged link has that)
        return None


def pending_newsletters(subscriber, newsletter_ids):
    """The newsletters among `newsletter_ids` that still wait for this reader's confirmation."""
    return list(
        Newsletter.objects.filter(
            pk__in=newsletter_ids,
            subscriptions__subscriber=subscriber,
            subscriptions__state=Subscription.State.PENDING,
        ).order_by("sort_order", "name")
    )


def confirm(subscriber, newsletter_ids):
    """Confirms the pending subscriptions a confirmation link names.

    Returns a list of (newsletter, outcome) with outcome "confirmed" (just now),
    "already" (confirmed before) or "inactive" (unsubscribed since, or gone).
    """
    results = []
    with transaction.atomic():
        subscriptions = {
            s.newsletter_id: s
            for s in Subscription.objects.select_related("newsletter").filter(
                subscriber=subscriber, newsletter_id__in=newsletter_ids
            )
        }
        newly_confirmed = []
        for newsletter_id in newsletter_ids:
            subscription = subscriptions.get(newsletter_id)
            if subscription is None:
                continue
            if subscription.confirm():
                results.append((subscription.newsletter, "confirmed"))
                newly_confirmed.append(subscription.pk)
            elif subscription.state == Subscription.State.CONFIRMED:
                results.append((subscription.newsletter, "already"))
            else:
                results.append((subscription.newsletter, "inactive"))
        if newly_confirmed and subscriber.suppressed_reason in (
            Subscriber.Suppression.BOUNCED,
            Subscriber.Suppression.COMPLAINED,
        ):
            # A fresh, confirmed opt-in outweighs an old bounce or complaint.
            subscriber.lift_suppression()
        for subscription_id in newly_confirmed:
            send_welcome.enqueue(subscription_id)
    return results


def resend_confirmation(token):
    """Sends a fresh confirmation link for an expired one (still subject to the per-address limit)."""
    key, newsletter_ids = tokens.read_confirm_token(token, check_age=False)
    subscriber = subscriber_for_key(key)
    if subscriber is None:
        return False
    pending = list(
        Subscription.objects.filter(
            subscriber=subscriber, newsletter_id__in=newsletter_ids, state=Subscription.State.PENDING
        ).values_list("newsletter_id", flat=True)
    )
    if pending and subscriber.take_confirmation_allowance():
        send_confirmation.enqueue(subscriber.pk, pending)
    return True


def request_preferences_link(email, language):
    """What "send me a new link" does: one queued task, whether or not the address is known."""
    send_preferences_link.enqueue(email, language_code(language))


def reader_language(subscriber, preferred):
    """The language to write to a reader in: `preferred` (the page they asked from) if one of their
    newsletters is written in it, else that of their newest confirmed (or any) subscription."""
    rows = subscriber.subscriptions.order_by("-created_at").values_list("state", "newsletter__locale_id")
    confirmed_first = sorted(rows, key=lambda row: row[0] != Subscription.State.CONFIRMED)  # a stable sort
    languages = [language_of(locale_id) for _state, locale_id in confirmed_first]
    preferred = language_code(preferred)
    return preferred if preferred in languages or not languages else languages[0]


def send_new_preferences_link(email, language):
    """Emails the reader at `email` a fresh preferences link, which voids every older one.

    Nothing happens for an unknown or suppressed address, within conf.repeat_gap() of the last new link
    (that one is on its way and keeps working; if the mail server could not take it, it is retried), or past
    the per-address daily allowance it shares with confirmation emails. Returns the number of emails sent.
    """
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is None or subscriber.is_suppressed or subscriber.made_a_link_just_now():
        return 0
    if not subscriber.take_confirmation_allowance() or not subscriber.replace_links():
        return 0
    language = reader_language(subscriber, language)
    message = emails.preferences_link_message(subscriber, language)
    args = (subscriber.pk, language, subscriber.link_generation)
    return send_or_retry(message, subscriber.pk, 1, send_preferences_link_again, *args)


def unsubscribe(subscriber, newsletter):
    subscription = Subscription.objects.filter(subscriber=subscriber, newsletter=newsletter).first()
    return subscription.unsubscribe() if subscription else False


def unsubscribe_by_token(token):
    """Unsubscribes the reader an unsubscribe token names; returns (subscriber, newsletter) or raises BadToken."""
    key, newsletter_id = tokens.read_unsubscribe_token(token)
    subscriber = subscriber_for_key(key)
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if subscriber is None or newsletter is None:
        raise tokens.BadToken("unknown subscriber or newsletter")
    unsubscribe(subscriber, newsletter)
    return subscriber, newsletter


def import_rows(emails, newsletter, consent_given, consent_note, send_confirmations=False):
    """Adds addresses from a CSV import. Confirmed only when the importer states that consent was given.

    Returns a dict of counts: created, confirmed, pending, unchanged, invalid.
    """
    from .models import normalise_email

    counts = {"created": 0, "confirmed": 0, "pending": 0, "unchanged": 0, "invalid": 0}
    consent = Consent("import", note=consent_note)
    for raw in emails:
        try:
            email = normalise_email(raw)
        except Exception:  # a bad row is counted, not fatal
            counts["invalid"] += 1
            continue
        with transaction.atomic():
            subscriber, created = Subscriber.objects.get_or_create(email=email)
            counts["created"] += created
            subscription, made = Subscription.objects.get_or_create(
                subscriber=subscriber, newsletter=newsletter, defaults={"state": Subscription.State.PENDING}
            )
            if subscription.state == Subscription.State.UNSUBSCRIBED and not made:
                counts["unchanged"] += 1  # an import never overrides a reader's own unsubscribe
            elif consent_given:
                if subscription.confirm_with(consent):
                    counts["confirmed"] += 1
                else:
                    counts["unchanged"] += 1
            elif made:
                subscription.record_consent(consent)
                subscription.save()
                counts["pending"] += 1
                if send_confirmations and subscriber.take_confirmation_allowance():
                    send_confirmation.enqueue(subscriber.pk, [newsletter.pk])
            else:
                counts["unchanged"] += 1
    return counts
