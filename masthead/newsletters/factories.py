"""Builders for the demo, tests and benchmarks: newsletters, subscribers (one or in bulk) and editions."""

import random
from datetime import timedelta

from django.utils import timezone

from masthead.core.i18n import default_locale_id

from .models import Delivery, Edition, Newsletter, Subscriber, Subscription

# The demo's readers have addresses under a name reserved for examples (RFC 2606): no mail to them can be
# delivered, even from a demo newsroom that was given a real mail server.
DEMO_READERS_DOMAIN = "readers.example"


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


def create_demo_newsletter(data, sections, **fields):
    """A newsletter of the demo (`load_demo`) from its entry in the demo content: its texts, its automatic editions
    ("automatic") and the sections they take articles from ("recipe_sections", slugs into `sections`)."""
    from .models import RecipeSection

    newsletter = create_newsletter(
        data["slug"],
        data["name"],
        data["description"],
        cadence=data["cadence"],
        sender_name=data["sender_name"],
        welcome_text=data["welcome_text"],
        **data.get("automatic", {}),
        **fields,
    )
    if not newsletter.recipe_sections.exists():
        for order, slug in enumerate(data.get("recipe_sections", [])):
            RecipeSection.objects.create(newsletter=newsletter, section=sections[slug], sort_order=order)
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


def load_demo_readers(now, count=240, days=120):
    """Readers of the demo's newsletters, signed up over the last `days` days, more of them lately.

    So the subscriber counts, the growth charts and a first edition have someone to show. Most confirmed within
    the hour; a few who signed up in the last three days have not yet (pending), and some left since. One in four
    reads the other editions' newsletters, the rest one or two of the default edition's, the first most often. The
    same readers every time; a second run adds nothing. Returns how many subscribers were added.
    """
    if Subscriber.objects.filter(email__endswith="@" + DEMO_READERS_DOMAIN).exists():
        return 0
    english = list(Newsletter.objects.filter(locale_id=default_locale_id()).order_by("pk"))
    others = list(Newsletter.objects.exclude(locale_id=default_locale_id()).order_by("pk"))
    if not english:
        return 0
    rng = random.Random(2026)
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"reader{number:03}@{DEMO_READERS_DOMAIN}") for number in range(count)]
    )
    subscriptions = []
    for subscriber in subscribers:
        # A triangle leaning on today: a list that has been growing.
        signed_up = now - timedelta(days=rng.triangular(0, days, 0), minutes=rng.randrange(24 * 60))
        subscriber.created_at = signed_up
        if others and rng.random() < 0.25:
            chosen = [rng.choice(others)]
        else:
            chosen = rng.choices(english, weights=range(len(english), 0, -1))
            if len(english) > 1 and rng.random() < 0.35:
                chosen = [*chosen, rng.choice([newsletter for newsletter in english if newsletter not in chosen])]
        for newsletter in chosen:
            roll = rng.random()
            state = Subscription.State.CONFIRMED
            confirmed_at, unsubscribed_at = signed_up + timedelta(minutes=rng.randrange(1, 60)), None
            if signed_up > now - timedelta(days=3) and roll < 0.3:
                confirmed_at, state = None, Subscription.State.PENDING
            elif roll > 0.93:
                unsubscribed_at = confirmed_at + (now - confirmed_at) * rng.random()
                state = Subscription.State.UNSUBSCRIBED
            subscriptions.append(
                Subscription(
                    subscriber=subscriber,
                    newsletter=newsletter,
                    state=state,
                    created_at=signed_up,
                    consent_at=signed_up,
                    consent_form=rng.choice(["article sidebar", "newsletters page"]),
                    consent_note="Demo reader made by load_demo",
                    confirmed_at=confirmed_at,
                    unsubscribed_at=unsubscribed_at,
                )
            )
    made = Subscription.objects.bulk_create(subscriptions)
    # created_at is set on insert (auto_now_add), in the rows and on these objects too; the demo's sign-up moments
    # are written afterwards.
    for subscription in made:
        subscription.created_at = subscription.subscriber.created_at
    Subscriber.objects.bulk_update(subscribers, ["created_at"])
    Subscription.objects.bulk_update(made, ["created_at"])
    return len(subscribers)


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


def load_demo_editions(now, slots=4):
    """The demo's automatic newsletters as if they had run for their last `slots` slots before `now`: each slot
    that had something new is built by the newsletter's own recipe (digests.Draft, as the worker builds it) and
    recorded as sent to the readers confirmed at that moment, so the past editions, the send reports and the
    next edition's "since the last one" have something to show. No mail is sent; the readers' addresses could
    not receive it anyway. A newsletter that already has editions is left alone. Returns how many were made.
    """
    from .digests import Draft, previous_slot

    made = 0
    for newsletter in Newsletter.objects.exclude(schedule="").order_by("pk"):
        if newsletter.editions.exists():
            continue
        moments = [previous_slot(newsletter, now)]  # a slot earlier today included
        while len(moments) < slots:
            moments.insert(0, previous_slot(newsletter, moments[0]))
        for slot in moments:  # oldest first: each covers what was published since the one before
            draft = Draft(newsletter, slot)
            if draft.problem or draft.is_empty:
                continue
            edition = draft.edition()
            edition.note = "Demo edition made by load_demo"
            edition.save()
            readers = newsletter.subscriptions.filter(confirmed_at__lte=slot).exclude(unsubscribed_at__lte=slot)
            sent_at = slot + timedelta(minutes=1)
            Delivery.objects.bulk_create(
                Delivery(edition=edition, subscriber_id=subscriber_id, state=Delivery.State.SENT, sent_at=sent_at)
                for subscriber_id in readers.values_list("subscriber_id", flat=True)
            )
            # Made at its slot, as the worker would have (the editions list shows when each was created).
            Edition.objects.filter(pk=edition.pk).update(
                state=Edition.State.SENT,
                started_at=slot,
                finished_at=sent_at + timedelta(minutes=1),
                created_at=slot,
                updated_at=sent_at + timedelta(minutes=1),
            )
            edition.refresh_counts()
            made += 1
    return made
