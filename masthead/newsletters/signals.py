"""Bounces, complaints and mailed unsubscribes reported by an email service, through django-anymail.

Any ESP anymail supports (Amazon SES, Mailgun, Postmark, SendGrid, Brevo…)
posts its webhooks to /newsletters/esp/<esp>/tracking/ and anymail turns them
into one normalised `tracking` signal; the same for inbound mail.
"""

import logging
import re

from anymail.signals import EventType, inbound, tracking
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from . import signup, tokens
from .models import Delivery, Subscriber

logger = logging.getLogger(__name__)

SUPPRESSING = {
    EventType.BOUNCED: Subscriber.Suppression.BOUNCED,
    EventType.REJECTED: Subscriber.Suppression.BOUNCED,
    EventType.COMPLAINED: Subscriber.Suppression.COMPLAINED,
}


@receiver(tracking, dispatch_uid="masthead.newsletters.tracking")
def handle_tracking(sender, event, esp_name, **kwargs):
    """A bounce or complaint stops all mail to the address; an ESP-level unsubscribe ends its subscriptions."""
    if not event.recipient:
        return
    subscriber = Subscriber.objects.filter(email__iexact=event.recipient.strip()).first()
    if subscriber is None:
        return
    if event.event_type in SUPPRESSING:
        note = f"{esp_name}: {event.description or event.mta_response or event.event_type}"
        if not subscriber.is_suppressed:
            subscriber.suppress(SUPPRESSING[event.event_type], note)
        if event.message_id:
            Delivery.objects.filter(subscriber=subscriber).filter(
                Q(esp_message_id=event.message_id) | Q(message_id=event.message_id)
            ).update(state=Delivery.State.FAILED, last_error=note[:2000])
        logger.info("Suppressed %s after %s", subscriber.pk, event.event_type)
    elif event.event_type == EventType.UNSUBSCRIBED:
        for subscription in subscriber.subscriptions.all():
            subscription.unsubscribe()


UNSUBSCRIBE_SUBJECT = re.compile(r"unsubscribe\s+(\S+)", re.I)


@receiver(inbound, dispatch_uid="masthead.newsletters.inbound")
def handle_inbound(sender, event, esp_name, **kwargs):
    """The mailto: in List-Unsubscribe: a message whose subject is "unsubscribe <token>" unsubscribes at once."""
    message = event.message
    match = UNSUBSCRIBE_SUBJECT.search((message and message.get("Subject")) or "")
    if not match:
        return
    try:
        subscriber, newsletter = signup.unsubscribe_by_token(match[1])
    except tokens.BadToken:
        logger.info("Ignored an unsubscribe email with an invalid token at %s", timezone.now())
        return
    logger.info("Unsubscribed %s from %s by email", subscriber.pk, newsletter.pk)
