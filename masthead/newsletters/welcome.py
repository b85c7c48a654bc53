"""The welcome series: a newsletter's ordered emails, each sent a number of days after a reader confirms.

One task per newsletter (not per reader) sends every step that is due, then
queues itself for the next moment a step falls due (Newsletter.welcome_next_at
keeps it to one queued run). A WelcomeSend row, unique per (subscription,
step), is written before each email goes out, so a step is never sent twice:
not by two workers at once, and not when the series is edited, reordered or
has steps added. A reader who leaves (or bounces) drops out of the query that
finds who is due. A step added later goes only to readers who had not yet
reached its delay when it was added; nobody is sent a backlog.
"""

import logging
from datetime import timedelta

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Min, Q
from django.utils import timezone

from . import emails
from .models import Newsletter, Subscription, WelcomeSend

logger = logging.getLogger(__name__)

RETRY_AFTER = timedelta(minutes=5)
BATCH = 500


def pending(step):
    """Confirmed, reachable subscriptions this step has not been sent to and whose delay ran out after it existed."""
    return (
        Subscription.objects.confirmed()
        .filter(newsletter_id=step.newsletter_id, subscriber__suppressed_reason="")
        .filter(confirmed_at__gte=step.created_at - step.delay)
        .exclude(welcome_sends__step=step)
    )


def send_due(newsletter, now=None):
    """Sends every welcome step that is due now; returns how many emails went out."""
    now = now or timezone.now()
    sent, failed = 0, False
    connection = None
    try:
        for step in newsletter.welcome_steps.order_by("delay_days", "sort_order"):
            due = pending(step).filter(confirmed_at__lte=now - step.delay).select_related("subscriber")
            for subscription in due.order_by("confirmed_at")[:BATCH]:
                try:
                    with transaction.atomic():
                        claim = WelcomeSend.objects.create(subscription=subscription, step=step)
                except IntegrityError:
                    continue  # another worker has it
                subscription.newsletter = newsletter
                try:
                    connection = connection or get_connection(fail_silently=False)
                    emails.welcome_step_message(subscription, step, connection=connection).send()
                except OSError:  # includes SMTP errors: give the step back, try again in a few minutes
                    logger.warning("Welcome step %s to %s failed", step.pk, subscription.pk, exc_info=True)
                    claim.delete()
                    failed = True
                    continue
                WelcomeSend.objects.filter(pk=claim.pk).update(sent_at=timezone.now())
                sent += 1
    finally:
        if connection is not None:
            connection.close()
    plan(newsletter, retry=failed)
    return sent


def next_due_time(newsletter):
    """The earliest moment a welcome step falls due for someone, or None."""
    times = []
    for step in newsletter.welcome_steps.all():
        first = pending(step).aggregate(at=Min("confirmed_at"))["at"]
        if first is not None:
            times.append(first + step.delay)
    return min(times) if times else None


def plan(newsletter, retry=False):
    """Makes sure one run of the series is queued for the next due moment (without piling up runs)."""
    from .tasks import send_welcome_series

    if not send_welcome_series.get_backend().supports_defer:
        return None  # the immediate backend (tests) runs everything inline; tests move the clock themselves
    now = timezone.now()
    at = next_due_time(newsletter)
    if at is None:
        return None
    at = max(at, now + RETRY_AFTER) if retry or at <= now else at
    stale = now - timedelta(hours=1)
    free = Q(welcome_next_at__isnull=True) | Q(welcome_next_at__gt=at) | Q(welcome_next_at__lt=stale)
    if Newsletter.objects.filter(pk=newsletter.pk).filter(free).update(welcome_next_at=at):
        transaction.on_commit(lambda: send_welcome_series.using(run_after=at).enqueue(newsletter.pk))
        return at
    return None


def run(newsletter_id):
    """One run of the send_welcome_series task."""
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if newsletter is None:
        return 0
    Newsletter.objects.filter(pk=newsletter_id, welcome_next_at__lte=timezone.now()).update(welcome_next_at=None)
    newsletter.refresh_from_db(fields=["welcome_next_at"])
    return send_due(newsletter)
