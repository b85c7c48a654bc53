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
    with override_settings(ANYMAIL={"WEBHOOK_SECRET": "esp:s3cret"}, MASTHEAD_NEWSLETTER_WEBHOOK_ESP="postmark"):
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


FORGED_BOUNCE = {"RecordType": "Bounce", "Type": "HardBounce", "Email": "safe@example.com", "ID": 1}
FORGED_UNSUBSCRIBE = {
    "RecordType": "SubscriptionChange",
    "Recipient": "safe@example.com",
    "SuppressSending": True,
    "SuppressionReason": "ManualSuppression",
    "MessageID": "x",
}


def forge(client, event, **headers):
    return client.post(
        "/newsletters/esp/postmark/tracking/", json.dumps(event), content_type="application/json", **headers
    )


@pytest.mark.django_db
def test_forged_bounces_and_unsubscribes_change_nothing(client, newsletter):
    make_subscriber("safe@example.com", newsletter)
    wrong = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(b"esp:guess").decode()}
    for event in (FORGED_BOUNCE, FORGED_UNSUBSCRIBE):
        assert forge(client, event).status_code == 401
        assert forge(client, event, **wrong).status_code == 401
    safe = Subscriber.objects.get(email="safe@example.com")
    assert not safe.is_suppressed
    assert safe.subscriptions.get().state == "confirmed"
    # The same unsubscribe with the secret is honoured: the refusal above was the guard.
    assert forge(client, FORGED_UNSUBSCRIBE, **AUTH).status_code == 200
    assert safe.subscriptions.get().state == "unsubscribed"


@pytest.mark.django_db
def test_without_a_configured_secret_every_webhook_is_refused(client, newsletter):
    make_subscriber("safe@example.com", newsletter)
    with override_settings(ANYMAIL={}):
        assert forge(client, FORGED_BOUNCE, **AUTH).status_code == 403
    assert not Subscriber.objects.get(email="safe@example.com").is_suppressed


@pytest.mark.django_db
def test_only_the_configured_email_services_webhooks_answer(client, newsletter):
    make_subscriber("safe@example.com", newsletter)
    assert client.post("/newsletters/esp/mailgun/tracking/", {}, **AUTH).status_code == 404
    with override_settings(
        MASTHEAD_NEWSLETTER_WEBHOOK_ESP="", EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend"
    ):
        assert forge(client, FORGED_BOUNCE, **AUTH).status_code == 404
    with override_settings(MASTHEAD_NEWSLETTER_WEBHOOK_ESP="", EMAIL_BACKEND="anymail.backends.mailgun.EmailBackend"):
        assert forge(client, FORGED_BOUNCE, **AUTH).status_code == 404
        # Mounted now, but refused: Mailgun's signing key is not configured.
        mailgun = client.post("/newsletters/esp/mailgun/tracking/", "{}", content_type="application/json", **AUTH)
        assert mailgun.status_code == 403
    assert not Subscriber.objects.get(email="safe@example.com").is_suppressed


@pytest.mark.django_db
def test_a_bad_signature_is_refused_where_the_email_service_signs(client, newsletter):
    make_subscriber("safe@example.com", newsletter)
    event = {
        "signature": {"timestamp": "1700000000", "token": "t" * 50, "signature": "0" * 64},
        "event-data": {"event": "failed", "severity": "permanent", "recipient": "safe@example.com"},
    }
    with override_settings(
        MASTHEAD_NEWSLETTER_WEBHOOK_ESP="mailgun",
        ANYMAIL={"WEBHOOK_SECRET": "esp:s3cret", "MAILGUN_WEBHOOK_SIGNING_KEY": "key-123"},
    ):
        response = client.post(
            "/newsletters/esp/mailgun/tracking/", json.dumps(event), content_type="application/json", **AUTH
        )
    assert response.status_code == 403
    assert not Subscriber.objects.get(email="safe@example.com").is_suppressed


JUNK = [b"", b"not json", b"[1, 2", b'{"RecordType": 5}', b"\xff\xfe", b"[]", b'"a string"', b"null"]
ESPS = [
    "postmark",
    "brevo",
    "resend",
    "mailgun",
    "mailjet",
    "sparkpost",
    "postal",
    "mailersend",
    "amazon_ses",
]


@pytest.mark.django_db
@pytest.mark.parametrize("esp", ESPS)
def test_malformed_bodies_get_400_not_a_server_error(client, esp):
    settings_for_esp = {
        "WEBHOOK_SECRET": "esp:s3cret",
        "MAILGUN_WEBHOOK_SIGNING_KEY": "key-123",
        "POSTAL_WEBHOOK_KEY": "bm90LWEta2V5",
        "MAILERSEND_WEBHOOK_SIGNING_SECRET": "s",
        "RESEND_SIGNING_SECRET": "whsec_c2VjcmV0",
    }
    with override_settings(MASTHEAD_NEWSLETTER_WEBHOOK_ESP=esp, ANYMAIL=settings_for_esp):
        for kind in ("tracking", "inbound"):
            for body in JUNK:
                response = client.post(f"/newsletters/esp/{esp}/{kind}/", body, content_type="application/json", **AUTH)
                # A well-formed event of an unknown kind may be accepted (200) and ignored; nothing is a 5xx.
                assert response.status_code in (200, 400, 403), (esp, kind, body, response.status_code)
                if body == b"not json" and esp == "postmark":
                    assert response.status_code == 400, (esp, kind)


def test_a_system_check_fails_with_an_email_service_and_no_webhook_secret():
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    with override_settings(DEBUG=False, EMAIL_BACKEND="anymail.backends.postmark.EmailBackend", ANYMAIL={}):
        with pytest.raises(SystemCheckError, match="ANYMAIL_WEBHOOK_SECRET"):
            call_command("check")
    with override_settings(
        DEBUG=False, EMAIL_BACKEND="anymail.backends.postmark.EmailBackend", ANYMAIL={"WEBHOOK_SECRET": "a:b"}
    ):
        call_command("check")


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
