"""Builders for the demo, tests and benchmarks: newsletters, subscribers (one or in bulk) and editions."""

from django.utils import timezone

from .models import Edition, Newsletter, Subscriber, Subscription


def create_newsletter(
    slug,
    name,
    description,
    host=None,
    cadence="Weekly",
    sender_name="",
    welcome_text="",
    **fields,
):
    """The newsletter with this slug, created if missing (idempotent: the demo loader may run twice).

    `host` is a Contributor or None; pass host_name="…" for a host who is not a contributor.
    """
    defaults = {
        "name": name,
        "description": description,
        "host": host,
        "cadence": cadence,
        "sender_name": sender_name,
        "welcome_text": welcome_text,
        **fields,
    }
    newsletter, _ = Newsletter.objects.get_or_create(slug=slug, defaults=defaults)
    return newsletter


def make_subscriber(email, newsletter=None, state=Subscription.State.CONFIRMED, form="test"):
    """A subscriber, and (with `newsletter`) a subscription in `state` with a consent record."""
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    if newsletter is not None:
        now = timezone.now()
        Subscription.objects.update_or_create(
            subscriber=subscriber,
            newsletter=newsletter,
            defaults={
                "state": state,
                "consent_at": now,
                "consent_form": form,
                "confirmed_at": now if state == Subscription.State.CONFIRMED else None,
                "unsubscribed_at": now if state == Subscription.State.UNSUBSCRIBED else None,
            },
        )
    return subscriber


def bulk_subscribers(newsletter, count, state=Subscription.State.CONFIRMED, prefix="reader", domain="example.com"):
    """`count` subscribers of `newsletter` in `state`, inserted in chunks (for big tests and benchmarks).

    Addresses are <prefix><n>@<domain>, n from 0. Returns the addresses.
    """
    now = timezone.now()
    addresses = [f"{prefix}{n}@{domain}" for n in range(count)]
    for start in range(0, count, 5000):
        chunk = addresses[start : start + 5000]
        Subscriber.objects.bulk_create([Subscriber(email=address) for address in chunk], ignore_conflicts=True)
        ids = Subscriber.objects.filter(email__in=chunk).values_list("pk", flat=True)
        Subscription.objects.bulk_create(
            [
                Subscription(
                    subscriber_id=pk,
                    newsletter=newsletter,
                    state=state,
                    consent_at=now,
                    consent_form="bulk",
                    confirmed_at=now if state == Subscription.State.CONFIRMED else None,
                )
                for pk in ids
            ],
            ignore_conflicts=True,
        )
    return addresses


def make_edition(newsletter, subject="This week in brief", preheader="", body=None):
    """A draft edition. `body` is a list of (block_type, value); plain strings become text blocks.

    An ArticlePage in the list becomes an article block.
    """
    blocks = []
    for item in body if body is not None else ["<p>Good morning. Here is what matters today.</p>"]:
        if isinstance(item, str):
            blocks.append(("text", item if item.startswith("<") else f"<p>{item}</p>"))
        elif hasattr(item, "specific_class"):
            blocks.append(("article", {"article": item, "note": ""}))
        else:
            blocks.append(item)
    return Edition.objects.create(newsletter=newsletter, subject=subject, preheader=preheader, body=blocks)
