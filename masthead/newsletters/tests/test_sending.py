"""Sending editions through a real SMTP server: who gets them, personal links, RFC 8058, retries and failures."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from masthead.newsletters import sending
from masthead.newsletters.admin_views import start_edition
from masthead.newsletters.factories import create_newsletter, make_edition, make_subscriber
from masthead.newsletters.models import Delivery, Edition, Subscriber, Subscription

from .conftest import html_of, link_to, links_in


@pytest.fixture
def audience(newsletter):
    """Three confirmed readers, plus people who must never get an edition."""
    other = create_newsletter("weekly", "The Weekly Explainer", "One big story, explained.")
    confirmed = [make_subscriber(f"reader{n}@example.com", newsletter) for n in range(3)]
    make_subscriber("pending@example.com", newsletter, Subscription.State.PENDING)
    make_subscriber("gone@example.com", newsletter, Subscription.State.UNSUBSCRIBED)
    make_subscriber("other@example.com", other)
    make_subscriber("bounced@example.com", newsletter).suppress(Subscriber.Suppression.BOUNCED, "550 no such user")
    return confirmed


@pytest.mark.django_db
def test_an_edition_reaches_exactly_the_confirmed_subscribers_with_their_own_unsubscribe_links(
    client, newsroom, newsletter, audience, mailserver
):
    article = newsroom["articles"][0]
    edition = make_edition(
        newsletter, "Budget night", preheader="What passed, and what it means", body=["Good morning.", article]
    )
    assert start_edition(edition)  # "Send now"; the test task backend runs the worker's job inline

    edition.refresh_from_db()
    assert edition.state == Edition.State.SENT
    assert (edition.recipients_count, edition.sent_count, edition.failed_count) == (3, 3, 0)
    received = {m["to"][0]: m["message"] for m in mailserver.messages}
    assert sorted(received) == ["reader0@example.com", "reader1@example.com", "reader2@example.com"]

    unsubscribe_links = set()
    for address, message in received.items():
        assert message["Subject"] == "Budget night"
        assert message["From"] == "Masthead Morning <morning@news.example.com>"
        assert message.get_content_type() == "multipart/alternative"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        https, mailto = [part.strip(" <>") for part in message["List-Unsubscribe"].split(",")]
        assert https.startswith("http://testserver/newsletters/unsubscribe/")
        assert mailto.startswith("mailto:unsubscribe@news.example.com?subject=unsubscribe%20")
        unsubscribe_links.add(https)
        # The same personal link is in the footer, in both parts.
        assert https in links_in(message)
        assert https in html_of(message)
        assert "Parliament passes the budget" in html_of(message)
        assert 'style="' in html_of(message)
        assert message["Message-ID"] == Delivery.objects.get(subscriber__email=address).message_id

    assert len(unsubscribe_links) == 3

    # One-click: what a mail app does, a POST with no cookie and no CSRF token.
    target = received["reader1@example.com"]
    path = link_to(target, "/newsletters/unsubscribe/")
    response = client.post(path, {"List-Unsubscribe": "One-Click"}, enforce_csrf_checks=True)
    assert response.status_code == 200
    assert "You have been unsubscribed" in response.content.decode()
    states = dict(Subscription.objects.filter(newsletter=newsletter).values_list("subscriber__email", "state"))
    assert states["reader1@example.com"] == "unsubscribed"
    assert states["reader0@example.com"] == states["reader2@example.com"] == "confirmed"


@pytest.mark.django_db
def test_a_451_defers_and_retries_a_550_fails_for_good(newsletter, audience, mailserver):
    replies = {
        "reader0@example.com": "451 4.3.0 Mailbox busy, try later",
        "reader1@example.com": "550 5.1.1 No such user",
    }
    mailserver.refuse(lambda address: replies.get(address))
    edition = make_edition(newsletter, "Tuesday")
    start_edition(edition)

    busy = Delivery.objects.get(subscriber__email="reader0@example.com")
    dead = Delivery.objects.get(subscriber__email="reader1@example.com")
    assert (busy.state, busy.attempts, busy.last_error) == ("deferred", 1, "451 4.3.0 Mailbox busy, try later")
    assert busy.next_attempt_at > timezone.now()
    assert (dead.state, dead.attempts, dead.last_error) == ("failed", 1, "550 5.1.1 No such user")
    assert Subscriber.objects.get(email="reader1@example.com").suppressed_reason == "bounced"
    assert [m["to"] for m in mailserver.messages] == [["reader2@example.com"]]
    edition.refresh_from_db()
    assert edition.state == Edition.State.SENDING
    progress = edition.progress()
    assert (progress["sent"], progress["deferred"], progress["failed"], progress["total"]) == (1, 1, 1, 3)

    # Nothing is retried before its time…
    sending.run(edition.pk)
    assert len(mailserver.messages) == 1
    # …and after it, the mailbox accepts: the deferred one is sent; the failed one is never tried again.
    del replies["reader0@example.com"]
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        sending.run(edition.pk)
    assert sorted(m["to"][0] for m in mailserver.messages) == ["reader0@example.com", "reader2@example.com"]
    busy.refresh_from_db()
    dead.refresh_from_db()
    assert (busy.state, busy.attempts, busy.last_error) == ("sent", 2, "")
    assert (dead.state, dead.attempts) == ("failed", 1)
    edition.refresh_from_db()
    assert edition.state == Edition.State.SENT
    assert (edition.sent_count, edition.failed_count) == (2, 1)


@pytest.mark.django_db
@override_settings(MASTHEAD_NEWSLETTER_RETRY_DELAYS=[60, 120])
def test_a_delivery_that_keeps_failing_temporarily_fails_after_the_last_retry(newsletter, mailserver):
    make_subscriber("busy@example.com", newsletter)
    mailserver.refuse(lambda address: "421 4.7.0 Too many connections")
    edition = make_edition(newsletter)
    start_edition(edition)
    for minutes in (2, 5):
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
            sending.run(edition.pk)
    delivery = Delivery.objects.get()
    assert delivery.state == "failed" and delivery.attempts == 3
    assert delivery.last_error.startswith("Gave up after 3 attempts")
    assert not mailserver.messages


@pytest.mark.django_db
def test_no_mail_server_pauses_instead_of_failing_everyone(newsletter, audience, smtp_server):
    edition = make_edition(newsletter)
    settings = {**smtp_server.settings(), "EMAIL_PORT": 9}  # nothing listens there
    with override_settings(**settings, EMAIL_TIMEOUT=2):
        start_edition(edition)
    counts = Edition.objects.get(pk=edition.pk).progress()
    assert counts["failed"] == 0 and counts["sent"] == 0
    assert counts["deferred"] == 3  # three tries, then it stops and waits, rather than burning through the list
    with override_settings(**smtp_server.settings()), time_machine.travel(timezone.now() + timedelta(minutes=2)):
        sending.run(edition.pk)
    assert Edition.objects.get(pk=edition.pk).state == Edition.State.SENT
    assert len(smtp_server.messages) == 3


@pytest.mark.django_db
def test_a_reader_who_leaves_mid_edition_is_skipped(newsletter, audience, mailserver):
    edition = make_edition(newsletter)
    edition.schedule()
    edition.begin_sending()
    Subscription.objects.filter(subscriber__email="reader2@example.com").get().unsubscribe()
    sending.run(edition.pk)
    assert sorted(m["to"][0] for m in mailserver.messages) == ["reader0@example.com", "reader1@example.com"]
    assert Delivery.objects.get(subscriber__email="reader2@example.com").state == "skipped"


@pytest.mark.django_db
def test_an_edition_is_sent_once_even_if_send_is_pressed_twice(newsletter, audience, mailserver):
    edition = make_edition(newsletter)
    assert start_edition(edition)
    assert not start_edition(edition)
    sending.run(edition.pk)
    assert len(mailserver.messages) == 3
    assert Delivery.objects.count() == 3


@pytest.mark.django_db
def test_a_scheduled_edition_waits_for_its_time(newsletter, audience, mailserver):
    from django.core.management import call_command

    edition = make_edition(newsletter)
    start_edition(edition, timezone.now() + timedelta(hours=2))
    call_command("send_scheduled_editions")
    assert Edition.objects.get(pk=edition.pk).state == Edition.State.SCHEDULED and not mailserver.messages
    with time_machine.travel(timezone.now() + timedelta(hours=2, minutes=1)):
        call_command("send_scheduled_editions")
    assert Edition.objects.get(pk=edition.pk).state == Edition.State.SENT
    assert len(mailserver.messages) == 3


@pytest.mark.django_db
@override_settings(MASTHEAD_NEWSLETTER_BATCH_SIZE=2, MASTHEAD_NEWSLETTER_MESSAGES_PER_CONNECTION=2)
def test_batches_and_reconnections_do_not_lose_or_repeat_anyone(newsletter, mailserver):
    for n in range(7):
        make_subscriber(f"r{n}@example.com", newsletter)
    edition = make_edition(newsletter)
    start_edition(edition)
    assert sorted(m["to"][0] for m in mailserver.messages) == sorted(f"r{n}@example.com" for n in range(7))


@pytest.mark.django_db
def test_an_interrupted_attempt_is_resent_with_the_same_message_id(newsletter, audience, mailserver):
    edition = make_edition(newsletter)
    edition.schedule()
    edition.begin_sending()
    # A worker claimed everything, recorded its intent for one delivery, then died.
    ids = edition.deliveries.claim("dead-worker", 10, timedelta(seconds=30))
    first = Delivery.objects.get(pk=ids[0])
    Delivery.objects.filter(pk=first.pk).update(attempt_started_at=timezone.now(), attempts=1, message_id="<x@y>")

    sending.run(edition.pk)  # the lease has not run out: nothing is taken from the live-looking worker
    assert not mailserver.messages
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        sending.run(edition.pk)
    assert len(mailserver.messages) == 3
    resent = next(m["message"] for m in mailserver.messages if m["to"] == [first.subscriber.email])
    assert resent["Message-ID"] == "<x@y>"


@pytest.mark.django_db
def test_test_send_goes_to_the_given_address_only(admin_client, newsletter, audience):
    edition = make_edition(newsletter, "Draft for review")
    response = admin_client.post(
        f"/admin/newsletters-tools/editions/{edition.pk}/send/", {"action": "test", "address": "editor@example.com"}
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["editor@example.com"] and message.subject == "[Test] Draft for review"
    assert Edition.objects.get(pk=edition.pk).state == Edition.State.DRAFT
    assert not Delivery.objects.exists()


def test_the_pace_spaces_messages_out(monkeypatch):
    """MASTHEAD_NEWSLETTER_RATE: at 50 messages a second, 100 messages are spread over two seconds."""
    clock = {"now": 1000.0}
    monkeypatch.setattr(sending.time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(sending.time, "sleep", lambda seconds: clock.__setitem__("now", clock["now"] + seconds))
    pace = sending.Pace(50)
    for _ in range(100):
        pace.wait()
    assert clock["now"] == pytest.approx(1000.0 + 99 / 50)
    unlimited = sending.Pace(0)
    unlimited.wait()
    assert clock["now"] == pytest.approx(1000.0 + 99 / 50)
