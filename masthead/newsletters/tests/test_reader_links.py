"""Preferences links expire, are replaced by each new one, and only a fresh one reaches the reader's data.

Unsubscribe links never expire: an edition's one-click unsubscribe works however old it is.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import signing
from wagtail.models import Locale

from masthead.newsletters import tokens
from masthead.newsletters.admin_views import start_edition
from masthead.newsletters.factories import create_newsletter, make_edition, make_subscriber
from masthead.newsletters.models import Subscriber
from masthead.newsletters.tests.conftest import link_to, path_of

pytestmark = pytest.mark.django_db

SENT = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
EXPIRED = "Links to your newsletter settings work for a limited time, and only until we email you a newer one."
NEW_ONE = "Enter your address and we'll send you a new one."


@pytest.fixture
def reader(newsletter):
    return make_subscriber("reader@example.com", newsletter)


def local(url):
    return url.removeprefix("http://testserver")


def edition_to(newsletter, mailserver, subject="Monday"):
    """Sends an edition for real and returns the reader's copy as received by the SMTP server."""
    start_edition(make_edition(newsletter, subject))
    return mailserver.messages[-1]["message"]


def link_emails(mailserver):
    return [m["message"] for m in mailserver.messages if "manage your newsletters" in m["message"]["Subject"]]


def test_a_link_older_than_a_year_opens_a_polite_page_whose_form_sends_a_new_one(
    client, newsletter, reader, mailserver
):
    with time_machine.travel(SENT):
        old = link_to(edition_to(newsletter, mailserver), "/newsletters/preferences/")
        assert client.get(old).status_code == 200

    with time_machine.travel(SENT + timedelta(days=366)):
        page = client.get(old)
        html = page.content.decode()
        assert page.status_code == 410
        assert "This link has expired" in html and EXPIRED in html and NEW_ONE in html
        assert "reader@example.com" not in html  # the page does not say whose link it was
        assert 'action="/newsletters/preferences/"' in html and 'name="email"' in html

        asked = client.post("/newsletters/preferences/", {"email": "Reader@Example.com "})
        assert asked.status_code == 200
        answer = "If this address receives any of our newsletters, a new link is on its way to it."
        assert answer in asked.content.decode()
        [message] = link_emails(mailserver)
        assert message["To"] == "reader@example.com"
        assert message["Subject"] == "Your link to manage your newsletters"
        assert message["From"] == "The Masthead <newsroom@masthead.localhost>"
        text = message.get_body(("plain",)).get_content()
        assert "This link works for 365 days." in text
        assert "For 24 hours after it was sent, it also lets you download or delete your data." in text

        fresh = link_to(message, "/newsletters/preferences/")
        assert client.get(fresh).status_code == 200
        assert "reader@example.com" in client.get(fresh).content.decode()

        # An unknown address gets the same answer, and no email.
        unknown = client.post("/newsletters/preferences/", {"email": "nobody@example.com"})
        assert unknown.status_code == 200 and answer in unknown.content.decode()
        assert len(link_emails(mailserver)) == 1

        # The form does not give in to a bad address or a bot.
        bad = client.post("/newsletters/preferences/", {"email": "not an address"})
        assert bad.status_code == 400 and "Please enter a valid email address." in bad.content.decode()
        client.post("/newsletters/preferences/", {"email": "reader@example.com", "website": "spam"})
        assert len(link_emails(mailserver)) == 1


def test_a_forged_or_altered_link_is_refused(client, reader):
    token = tokens.preferences_token(reader)
    for forged in (
        token[:-4] + ("abcd" if not token.endswith("abcd") else "wxyz"),
        signing.TimestampSigner(key="someone-elses-secret", salt=tokens.PREFERENCES_SALT).sign(f"{reader.key.hex}.0"),
        signing.TimestampSigner(salt=tokens.PREFERENCES_SALT).sign(reader.key.hex),  # no generation
    ):
        for path in (f"/newsletters/preferences/{forged}/", f"/newsletters/preferences/{forged}/data.json"):
            response = client.get(path)
            html = response.content.decode()
            assert response.status_code == 400, path
            assert "This link does not work" in html and NEW_ONE in html
            assert "reader@example.com" not in html and "Content-Disposition" not in response
    refused = client.post(f"/newsletters/preferences/{token[:-4]}abcd/delete/", {"confirm": "on"})
    assert refused.status_code == 400
    assert Subscriber.objects.filter(pk=reader.pk).exists()


def test_a_link_made_before_links_expired_asks_for_a_new_one(client, reader):
    undated = signing.Signer(salt=tokens.UNDATED_PREFERENCES_SALT).sign(reader.key.hex)
    response = client.get(f"/newsletters/preferences/{undated}/")
    assert response.status_code == 410 and "This link has expired" in response.content.decode()


def test_a_fresh_link_downloads_the_data(client, newsletter, reader, mailserver):
    with time_machine.travel(SENT):
        path = link_to(edition_to(newsletter, mailserver), "/newsletters/preferences/")
    with time_machine.travel(SENT + timedelta(hours=23)):
        page = client.get(path).content.decode()
        assert "Download everything we hold about you (JSON)" in page and "Delete my data" in page
        download = client.get(path + "data.json")
        assert download["Content-Disposition"] == 'attachment; filename="my-newsletter-data.json"'
        assert json.loads(download.content)["email"] == "reader@example.com"


def test_a_day_old_link_sends_a_fresh_one_before_the_data_can_be_downloaded_or_deleted(
    client, newsletter, reader, mailserver
):
    with time_machine.travel(SENT):
        old = link_to(edition_to(newsletter, mailserver), "/newsletters/preferences/")

    with time_machine.travel(SENT + timedelta(hours=25)):
        page = client.get(old)
        html = page.content.decode()
        assert page.status_code == 200  # choosing newsletters still works
        assert "data.json" not in html and "Delete my data" not in html
        assert "we'll email you a link to confirm it's you." in html

        refused = client.get(old + "data.json")
        assert refused.status_code == 403 and "Content-Disposition" not in refused
        assert (
            "We&#x27;ll email you a link to confirm it&#x27;s you." in refused.content.decode()
        )  # escaped: a variable
        assert client.post(old + "delete/", {"confirm": "on"}).status_code == 403
        assert Subscriber.objects.filter(pk=reader.pk).exists()

        sent = client.post(old + "new-link/")
        assert sent.status_code == 200 and "A new link is on its way to your inbox." in sent.content.decode()
        [message] = link_emails(mailserver)
        assert message["To"] == "reader@example.com"
        fresh = link_to(message, "/newsletters/preferences/")
        assert fresh != old
        assert client.get(old).status_code == 410  # replaced by the new one

        download = client.get(fresh + "data.json")
        assert download.status_code == 200
        assert json.loads(download.content)["emails_sent"][0]["edition"] == "Monday"
        deleted = client.post(fresh + "delete/", {"confirm": "on"})
        assert "Your data has been deleted" in deleted.content.decode()
        assert not Subscriber.objects.filter(email="reader@example.com").exists()


def test_an_old_editions_unsubscribe_link_still_unsubscribes(client, newsletter, reader, mailserver):
    with time_machine.travel(SENT):
        copy = edition_to(newsletter, mailserver)
    one_click = path_of(copy["List-Unsubscribe"].split(",")[0].strip(" <>"))
    footer = link_to(copy, "/newsletters/unsubscribe/")
    preferences = link_to(copy, "/newsletters/preferences/")

    with time_machine.travel(SENT + timedelta(days=800)):
        client.post("/newsletters/preferences/", {"email": "reader@example.com"})  # replaces every link
        assert client.get(preferences).status_code == 410
        page = client.get(footer).content.decode()
        assert "Unsubscribe from The Morning Briefing" in page
        # The unsubscribe page does not hand out a preferences link: it offers to email one.
        assert 'href="/newsletters/preferences/"' in page
        assert page.count("/newsletters/preferences/") == 1

        done = client.post(one_click, {"List-Unsubscribe": "One-Click"})
        assert done.status_code == 200
    assert reader.subscriptions.get().state == "unsubscribed"


def test_a_reader_can_stop_every_older_link(client, newsletter, reader, mailserver):
    first, second = tokens.preferences_url(reader), tokens.preferences_url(reader)
    page = client.get(local(first)).content.decode()
    assert "Stop the old links and email me a new one" in page
    client.post(local(first) + "new-link/")
    assert client.get(local(first)).status_code == 410
    assert client.get(local(second)).status_code == 410
    [message] = link_emails(mailserver)
    assert client.get(link_to(message, "/newsletters/preferences/")).status_code == 200


def test_the_new_link_speaks_the_readers_language(client, mailserver):
    ranok = create_newsletter(
        "ranok", "Ранок у Києві", "П’ять новин до сніданку.", locale=Locale.objects.get(language_code="uk")
    )
    make_subscriber("chytach@example.com", ranok)
    client.post("/newsletters/preferences/", {"email": "chytach@example.com"})  # asked from the English page
    [received] = mailserver.messages
    message = received["message"]
    text = message.get_body(("plain",)).get_content()
    assert "Ваші розсилки" in text and "Посилання діє 365 днів." in text
    path = link_to(message, "/uk/newsletters/preferences/")
    assert 'lang="uk"' in client.get(path).content.decode()


def test_new_link_requests_are_rate_limited(client, newsletter, reader, mailserver, settings):
    settings.MASTHEAD_NEWSLETTER_SIGNUPS_PER_CLIENT = 2
    for _ in range(2):
        assert client.post("/newsletters/preferences/", {"email": "someone@example.com"}).status_code == 200
    limited = client.post("/newsletters/preferences/", {"email": "reader@example.com"})
    assert limited.status_code == 429
    assert "Too many requests for new links from your network." in limited.content.decode()
    assert not link_emails(mailserver)


def test_at_most_a_few_link_emails_go_to_one_address_a_day(client, reader, mailserver, settings):
    settings.MASTHEAD_NEWSLETTER_CONFIRMATIONS_PER_DAY = 2
    for minutes in (0, 5, 10, 15):
        with time_machine.travel(SENT + timedelta(minutes=minutes)):
            assert client.post("/newsletters/preferences/", {"email": "reader@example.com"}).status_code == 200
    assert len(link_emails(mailserver)) == 2


def test_asking_twice_at_once_sends_one_link_and_it_works(client, reader, mailserver):
    with time_machine.travel(SENT, tick=False):
        answers = [client.post("/newsletters/preferences/", {"email": "reader@example.com"}) for _ in range(2)]
        assert [a.status_code for a in answers] == [200, 200] and answers[0].content == answers[1].content
        [first] = link_emails(mailserver)
        first_link = link_to(first, "/newsletters/preferences/")
        assert client.get(first_link).status_code == 200

    # Asked again a minute later (the email has not come yet): still the one email, and its link works.
    with time_machine.travel(SENT + timedelta(minutes=1)):
        client.post("/newsletters/preferences/", {"email": "reader@example.com"})
        assert len(link_emails(mailserver)) == 1
        assert client.get(first_link).status_code == 200
        # "Stop the old links" on the page it opens: they stopped when this one was made, and the page says so.
        stop = client.post(first_link + "new-link/")
        assert stop.status_code == 200 and "it is the only one that works." in stop.content.decode()
        assert len(link_emails(mailserver)) == 1 and client.get(first_link).status_code == 200

    # Asked later, it is a new request: a new link, which replaces the first.
    with time_machine.travel(SENT + timedelta(minutes=3)):
        client.post("/newsletters/preferences/", {"email": "reader@example.com"})
        [_, second] = link_emails(mailserver)
        assert client.get(link_to(second, "/newsletters/preferences/")).status_code == 200
        assert client.get(first_link).status_code == 410
