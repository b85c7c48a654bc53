"""Background jobs for newsletters, run by the django-tasks worker (`manage.py db_worker`)."""

from django.core.mail import get_connection
from django_tasks import task

from masthead.core import queues

from . import digests, emails, sending, welcome
from .models import Consent, Edition, Newsletter, Subscriber, Subscription, WelcomeStep


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
def send_confirmation(subscriber_id, newsletter_ids):
    """Sends the double opt-in email: one signed link confirming every newsletter asked for."""
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
    return emails.confirmation_message(subscriber, pending).send()


@task(queue_name=queues.MAIL, priority=queues.TRANSACTIONAL_MAIL)
def send_preferences_link(email, language):
    """ "Send me a new link": emails a fresh preferences link to the address, if it is a reader's.

    The form only queues this: its answer, and its timing, are then the same
    for an address we know and one we do not.
    """
    from . import signup  # signup queues tasks from this module

    return signup.send_new_preferences_link(email, language)


@task(queue_name=queues.MAIL, priority=queues.TRANSACTIONAL_MAIL)
def send_welcome(subscription_id):
    """Once a reader has confirmed: the newsletter's welcome series if it has one, else its single welcome email."""
    subscription = (
        Subscription.objects.select_related("subscriber", "newsletter")
        .filter(pk=subscription_id, state=Subscription.State.CONFIRMED, subscriber__suppressed_reason="")
        .first()
    )
    if subscription is None:
        return 0
    if subscription.newsletter.welcome_steps.exists():
        return welcome.send_due(subscription.newsletter)
    return emails.welcome_message(subscription).send()


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
