"""Bounces, complaints and mailed unsubscribes arriving as an email service's webhooks (Postmark's format here;
django-anymail normalises every ESP it supports into the same signals)."""

import base64
import json

import pytest
from django.test import override_settings

from masthead.newsletters import tokens
from masthead.newsletters.admin_views import start_edition
from masthead.newsletters.factories import make_edition, make_subscriber
from masthead.newsletters.models import Delivery, Subscriber

AUTH = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(b"esp:s3cret").decode()}
pytestmark = pytest.mark.usefixtures("webhook_secret")


@pytest.fixture
def webhook_secret():
    with override_settings(ANYMAIL={"WEBHOOK_SECRET": "esp:s3cret"}):
        yield


def post_event(client, path, event):
    return client.post(path, json.dumps(event), content_type="application/json", **AUTH)


@pytest.mark.django_db
def test_a_hard_bounce_suppresses_the_address_and_no_edition_goes_to_it_again(client, newsletter, mailserver):
    make_subscriber("gone@example.com", newsletter)
    make_subscriber("here@example.com", newsletter)
    start_edition(make_edition(newsletter, "First"))
    first = Delivery.objects.get(subscriber__email="gone@example.com")

    response = post_event(
        client,
        "/newsletters/esp/postmark/tracking/",
        {
            "RecordType": "Bounce",
            "Type": "HardBounce",
            "Email": "Gone@example.com",
            "MessageID": first.message_id,
            "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
            "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
            "BouncedAt": "2024-05-01T10:00:00Z",
            "ID": 42,
        },
    )
    assert response.status_code == 200
    gone = Subscriber.objects.get(email="gone@example.com")
    assert gone.suppressed_reason == "bounced" and gone.suppression_note.startswith("Postmark: The server was unable")
    first.refresh_from_db()
    assert first.state == "failed"

    start_edition(make_edition(newsletter, "Second"))
    second = [m["to"][0] for m in mailserver.messages if m["message"]["Subject"] == "Second"]
    assert second == ["here@example.com"]


@pytest.mark.django_db
def test_a_spam_complaint_suppresses_the_address(client, newsletter):
    make_subscriber("angry@example.com", newsletter)
    post_event(
        client,
        "/newsletters/esp/postmark/tracking/",
        {"RecordType": "SpamComplaint", "Type": "SpamComplaint", "Email": "angry@example.com", "ID": 7},
    )
    assert Subscriber.objects.get(email="angry@example.com").suppressed_reason == "complained"


@pytest.mark.django_db
def test_webhooks_without_the_secret_are_refused(client, newsletter):
    make_subscriber("safe@example.com", newsletter)
    response = client.post(
        "/newsletters/esp/postmark/tracking/",
        json.dumps({"RecordType": "Bounce", "Type": "HardBounce", "Email": "safe@example.com"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not Subscriber.objects.get(email="safe@example.com").is_suppressed


@pytest.mark.django_db
def test_the_mailto_unsubscribe_arrives_as_inbound_mail(client, newsletter):
    reader = make_subscriber("mailer@example.com", newsletter)
    token = tokens.unsubscribe_token(reader, newsletter)
    raw = (
        "From: mailer@example.com\r\nTo: unsubscribe@news.example.com\r\n"
        f"Subject: unsubscribe {token}\r\n\r\n(sent by the mail app's unsubscribe button)\r\n"
    )
    response = post_event(
        client,
        "/newsletters/esp/postmark/inbound/",
        {"FromFull": {"Email": "mailer@example.com", "Name": ""}, "RawEmail": raw, "Headers": []},
    )
    assert response.status_code == 200
    assert reader.subscriptions.get().state == "unsubscribed"
