"""Background jobs for newsletters, run by the django-tasks worker (`manage.py db_worker`)."""

import logging
from datetime import timedelta

from django.core.mail import get_connection
from django.utils import timezone
from django_tasks import task

from masthead.core import queues

from . import conf, digests, emails, sending, welcome
from .models import Consent, Delivery, Edition, Newsletter, Subscriber, Subscription, WelcomeStep

logger = logging.getLogger(__name__)


def send_or_retry(message, subscriber_id, attempt, again, *args):
    """Sends an email a reader is waiting for; if the mail server cannot take it now, `again(*args)` runs later.

    The mail server may be down for a minute or answer "4xx, try later" (greylisting, a rate limit).
    django-tasks has no retries of its own, and a failed task would leave the reader without the email they
    asked for, so the task is queued again after conf.retry_delays(), as an edition's deliveries are. A
    refusal of the address itself (5xx for the recipient) stops mail to it, as a bounce during an edition
    does. Anything else (the last retry, a refused login, a template's error) is raised: the task fails, and
    Settings → Background work lists it with Run again. Returns the number of emails sent.
    """
    try:
        return message.send()
    except Exception as error:
        outcome = sending.classify(error)  # an error that is not about sending is raised from here
        delays = conf.retry_delays()
        if outcome.state == Delivery.State.DEFERRED and attempt <= len(delays) and again.get_backend().supports_defer:
            run_after = timezone.now() + timedelta(seconds=delays[attempt - 1])
            again.using(run_after=run_after).enqueue(*args, attempt=attempt + 1)
            logger.warning(
                "%s for subscriber %s not sent (attempt %d: %s); trying again at %s",
                again.name,
                subscriber_id,
                attempt,
                outcome.error,
                run_after.isoformat(timespec="seconds"),
            )
            return 0
        if outcome.hard_bounce:
            Subscriber.objects.filter(pk=subscriber_id).mark_bounced(outcome.error)
            logger.warning("%s for subscriber %s refused for good: %s", again.name, subscriber_id, outcome.error)
            return 0
        raise


@task(queue_name=queues.MAIL, priority=queues.TRANSACTIONAL_MAIL)
def record_signup(email, newsletter_ids, consent):
    """Stores a sign-up from the form and sends its confirmation email.

    The form only queues this: its answer then costs the same for a new, a
    pending and a confirmed address, so its timing tells nobody which it was.
    """
    from . import signup  # signup queues tasks from this module

    newsletters = list(Newsletter.objects.active().filter(pk__in=newsletter_ids))
    if not newsletters:
        return 0
    return signup.request_subscriptions(email, newsletters, Consent(**consent))


@task(queue_name=queues.MAIL, priority=queues.TRANSACTIONAL_MAIL)
def send_confirmation(subscriber_id, newsletter_ids, attempt=1):
    """Sends the double opt-in email: one signed link confirming every newsletter asked for; retried later if
    the mail server cannot take it now (nothing is sent once the reader has confirmed another way)."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.is_suppressed:
        return 0
    pending = list(
        Newsletter.objects.filter(
            pk__in=newsletter_ids,
            subscriptions__subscriber=subscriber,
            subscriptions__state=Subscription.State.PENDING,
        ).order_by("sort_order", "name")
    )
    if not pending:
        return 0
    message = emails.confirmation_message(subscriber, pending)
    return send_or_retry(message, subscriber.pk, attempt, send_confirmation, subscriber.pk, newsletter_ids)


@task(queue_name=queues.MAIL, priority=queues.TRANSACTIONAL_MAIL)
def send_preferences_link(email, language):
    """ "Send me a new link": emails a fresh preferences link to the address, if it is a reader's.

    The form only queues this: its answer, and its timing, are then the same
    for an address we know and one we do not.
    """
    from . import signup  # signup queues tasks from this module

    return signup.send_new_preferences_link(email, language)


@task(queue_name=queues.MAIL, priority=queues.TRANSACTIONAL_MAIL)
def send_preferences_link_again(subscriber_id, language, generation, attempt):
    """A preferences link the mail server could not take: sent again, unless a newer link was made since."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, link_generation=generation).first()
    if subscriber is None or subscriber.is_suppressed:
        return 0
    message = emails.preferences_link_message(subscriber, language)
    return send_or_retry(
        message, subscriber.pk, attempt, send_preferences_link_again, subscriber.pk, language, generation
    )


@task(queue_name=queues.MAIL, priority=queues.TRANSACTIONAL_MAIL)
def send_welcome(subscription_id, attempt=1):
    """Once a reader has confirmed: the newsletter's welcome series if it has one (retried by welcome.py),
    else its single welcome email, retried later if the mail server cannot take it now."""
    subscription = (
        Subscription.objects.select_related("subscriber", "newsletter")
        .filter(pk=subscription_id, state=Subscription.State.CONFIRMED, subscriber__suppressed_reason="")
        .first()
    )
    if subscription is None:
        return 0
    if subscription.newsletter.welcome_steps.exists():
        return welcome.send_due(subscription.newsletter)
    message = emails.welcome_message(subscription)
    return send_or_retry(message, subscription.subscriber_id, attempt, send_welcome, subscription.pk)


@task(queue_name=queues.MAIL, priority=queues.EDITION_MAIL)
def send_welcome_series(newsletter_id):
    """Sends the welcome-series emails that are due, then queues itself for the next (see welcome.py)."""
    return welcome.run(newsletter_id)


@task(queue_name=queues.MAIL, priority=queues.TRANSACTIONAL_MAIL)
def send_welcome_test(step_id, address):
    """Sends one welcome step, marked [Test], to an editor's address."""
    step = WelcomeStep.objects.select_related("newsletter").get(pk=step_id)
    return emails.welcome_step_test_message(step, address).send()


@task(queue_name=queues.MAIL, priority=queues.EDITION_MAIL)
def send_edition(edition_id):
    """Sends an edition to its confirmed subscribers: begins it when due, resumes after a crash, retries deferrals.

    Safe to run several times and on several workers at once (see sending.py).
    """
    return sending.run(edition_id)


@task(queue_name=queues.MAIL, priority=queues.TRANSACTIONAL_MAIL)
def send_test_edition(edition_id, address):
    """Sends one copy of an edition, marked [Test], to an editor's address."""
    edition = Edition.objects.select_related("newsletter").get(pk=edition_id)
    connection = get_connection(fail_silently=False)
    return emails.PreparedEdition(edition, test=True).test_message(address, connection).send()


@task(queue_name=queues.MAIL, priority=queues.EDITION_MAIL)
def build_automatic_edition(newsletter_id, slot):
    """At a newsletter's scheduled slot: builds the edition from its recipe, sends or holds it, plans the next one.

    Queued with run_after = the slot; safe when duplicated or run on several workers (see digests.py).
    """
    return digests.run_slot(newsletter_id, slot)


@task(queue_name=queues.MAIL, priority=queues.EDITION_MAIL)
def drop_unapproved_edition(edition_id):
    """At a held edition's approval deadline: drops it if nobody approved it."""
    edition = Edition.objects.filter(pk=edition_id).first()
    return bool(edition and edition.drop_if_unapproved())


@task(queue_name=queues.MAIL, priority=queues.TRANSACTIONAL_MAIL)
def ask_for_approval(edition_id, user_id=None):
    """Tells one who may send editions that an automatic edition waits for their approval (digests.py)."""
    return digests.ask_for_approval(edition_id, user_id)
