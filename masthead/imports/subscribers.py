"""Subscribers from another platform's list: confirmed when it shows them subscribed, kept unsubscribed otherwise.

Uses the newsletters app's own models and transitions; nothing here sends mail.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.newsletters.models import Consent, Subscriber, Subscription, normalise_email

from .importer import parse_datetime_utc


def import_list(importer, rows, newsletters, is_subscribed, note):
    """Rows of another platform's list (each with an "email") → subscriptions to each of `newsletters`.

    `is_subscribed(row)` says whether the source shows the row subscribed; `note` is the consent note kept with it,
    a sentence with %(today)s and %(since)s (the row's "created_at" date). The reader's sign-up is dated by that
    "created_at" where it can be read. A bad address is a warning in the import's summary; a dry run counts and
    writes nothing. The counts go into the summary, and are returned.
    """
    counts = new_counts()
    today = timezone.localdate().isoformat()
    for row in rows:
        try:
            email = normalise_email(row["email"])
        except Exception:
            counts["invalid"] += 1
            importer.summary.warn(row.get("email") or "?", _("Not a valid email address; skipped."))
            continue
        subscribed = is_subscribed(row)
        if importer.dry_run:
            counts["confirmed" if subscribed else "unsubscribed"] += len(newsletters)
            continue
        consent_note = note % {"today": today, "since": (row.get("created_at") or "")[:10]}
        since = parse_datetime_utc(row.get("created_at"))
        if since:  # never later than now, so never after the confirmation the import is about to record
            since = min(since, timezone.now())
        with transaction.atomic():
            subscriber, _created = Subscriber.objects.get_or_create(email=email)
            for newsletter in newsletters:
                counts[apply(subscriber, newsletter, subscribed, consent_note)] += 1
            if since:
                date_back(subscriber, newsletters, since)
    report(importer.summary, counts)
    return counts


def apply(subscriber, newsletter, subscribed, note):
    """One subscriber's state in one newsletter, as the source shows it. Returns the count it belongs to."""
    consent = Consent("import", note=note)
    subscription, made = Subscription.objects.get_or_create(
        subscriber=subscriber,
        newsletter=newsletter,
        defaults={"state": Subscription.State.PENDING if subscribed else Subscription.State.UNSUBSCRIBED},
    )
    if not subscribed:
        if made:
            subscription.unsubscribed_at = timezone.now()
            subscription.record_consent(consent)
            subscription.save()
            return "unsubscribed"
        return "unsubscribed" if subscription.unsubscribe() else "unchanged"
    if subscription.state == Subscription.State.UNSUBSCRIBED:
        return "unchanged"  # an import never overrides a reader's own unsubscribe
    return "confirmed" if subscription.confirm_with(consent) else "unchanged"


def date_back(subscriber, newsletters, since):
    """Dates the reader's sign-up to `since`, when they joined the other platform. Both dates are stamped "now" on
    insert (auto_now_add), hence the update; it only ever moves them earlier, so a reader who signed up here
    before keeps their own date."""
    Subscriber.objects.filter(pk=subscriber.pk, created_at__gt=since).update(created_at=since)
    Subscription.objects.filter(subscriber=subscriber, newsletter__in=newsletters, created_at__gt=since).update(
        created_at=since
    )


def new_counts():
    return {"confirmed": 0, "unsubscribed": 0, "unchanged": 0, "invalid": 0}


def report(summary, counts):
    labels = {
        "confirmed": _("subscriptions confirmed"),
        "unsubscribed": _("subscriptions kept unsubscribed"),
        "unchanged": _("subscriptions unchanged"),
        "invalid": _("invalid addresses"),
    }
    for key, label in labels.items():
        summary.extra[label] = counts[key]
