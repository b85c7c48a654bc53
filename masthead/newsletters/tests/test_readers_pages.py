"""Unsubscribe (one click), preferences, data download and deletion, and the development outbox."""

import json
import re

import pytest
from django.core import mail
from django.test import override_settings

from masthead.newsletters import tokens
from masthead.newsletters.admin_views import start_edition
from masthead.newsletters.factories import create_newsletter, make_edition, make_subscriber
from masthead.newsletters.models import Consent, Newsletter, Subscriber, Subscription
from masthead.newsletters.signup import request_subscriptions
from masthead.newsletters.tests.conftest import link_to


@pytest.fixture
def reader(newsletter):
    weekly = create_newsletter("weekly", "The Weekly Explainer", "One big story, explained.")
    create_newsletter("sport", "Sport Extra", "Results and analysis.")
    subscriber = make_subscriber("reader@example.com", newsletter)
    make_subscriber("reader@example.com", weekly)
    return subscriber


def states(subscriber):
    return dict(subscriber.subscriptions.values_list("newsletter__slug", "state"))


@pytest.mark.django_db
def test_the_unsubscribe_link_asks_first_on_get_and_unsubscribes_on_post(client, newsletter, reader):
    path = tokens.unsubscribe_url(reader, newsletter).removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200
    assert "Unsubscribe from The Morning Briefing" in page.content.decode()
    assert states(reader)["morning-briefing"] == "confirmed"  # a link scanner's GET changes nothing

    done = client.post(path)
    assert "You have been unsubscribed" in done.content.decode()
    assert states(reader) == {"morning-briefing": "unsubscribed", "weekly": "confirmed"}
    assert done["Cache-Control"].startswith("max-age=0") or "no-cache" in done["Cache-Control"]
    assert "You are not subscribed" in client.get(path).content.decode()


@pytest.mark.django_db
def test_an_unsubscribe_link_to_a_deleted_newsletter_says_it_no_longer_exists(client, newsletter, reader):
    path = tokens.unsubscribe_url(reader, newsletter).removeprefix("http://testserver")
    newsletter.delete()
    for answer in (client.get(path), client.post(path)):
        html = answer.content.decode()
        assert answer.status_code == 410
        assert "This newsletter no longer exists" in html
        assert "nothing to unsubscribe from: you will receive nothing more from it" in html
        assert "cut short" not in html
        # Their other newsletters can still be left from their settings.
        assert 'action="/newsletters/preferences/"' in html and "Send me a new link" in html
    assert states(reader) == {"weekly": "confirmed"}


@pytest.mark.django_db
def test_a_confirmation_link_to_a_deleted_newsletter_says_it_no_longer_exists(client, newsletter):
    other = create_newsletter("evening", "The Evening Edition", "Every evening.")
    pending = make_subscriber("new@example.com", newsletter, state=Subscription.State.PENDING)
    path = tokens.confirm_url(pending, [newsletter.pk]).removeprefix("http://testserver")
    newsletter.delete()
    for answer in (client.get(path), client.post(path)):
        html = answer.content.decode()
        assert answer.status_code == 410
        assert "This newsletter no longer exists" in html and "nothing to confirm" in html
        assert "cut short" not in html
        assert f'value="{other.slug}"' in html  # another newsletter may be chosen instead


@pytest.mark.django_db
def test_an_altered_unsubscribe_link_changes_nothing(client, newsletter, reader):
    token = tokens.unsubscribe_token(reader, newsletter)
    response = client.post(f"/newsletters/unsubscribe/{token[:-3]}abc/")
    assert response.status_code == 400
    assert states(reader)["morning-briefing"] == "confirmed"
    # The reader wanted out: they are offered a link to their settings, where every newsletter can be left, not a
    # sign-up form.
    html = client.get(f"/newsletters/unsubscribe/{token[:-3]}abc/").content.decode()
    assert "This unsubscribe link does not work" in html and "where you can leave any of our newsletters" in html
    assert 'action="/newsletters/preferences/"' in html and "Send me a new link" in html
    assert 'name="newsletters"' not in html and "confirmation link" not in html

    asked = client.post("/newsletters/preferences/", {"email": "reader@example.com"})
    assert asked.status_code == 200
    # An authentic link to an address whose data was since deleted says so.
    reader.delete()
    gone = client.get(f"/newsletters/unsubscribe/{token}/")
    assert gone.status_code == 410 and "This address is no longer on our lists" in gone.content.decode()


@pytest.mark.django_db
def test_preferences_change_newsletters_and_unsubscribe_from_all(client, newsletter, reader):
    path = tokens.preferences_url(reader).removeprefix("http://testserver")
    html = client.get(path).content.decode()
    assert "reader@example.com" in html
    assert html.count('type="checkbox" name="newsletters"') == 3
    assert html.count("checked") == 2
    sport = Newsletter.objects.get(slug="sport")

    client.post(path, {"newsletters": [newsletter.pk, sport.pk], "save": ""})
    assert states(reader) == {"morning-briefing": "confirmed", "weekly": "unsubscribed", "sport": "confirmed"}
    assert Subscription.objects.get(subscriber=reader, newsletter=sport).consent_form == "preferences page"

    saved = client.post(path, {"unsubscribe_all": ""}).content.decode()
    assert "You have been unsubscribed from all our newsletters." in saved
    assert set(states(reader).values()) == {"unsubscribed"}


@pytest.mark.django_db
def test_the_preferences_page_is_csrf_protected(newsletter, reader):
    from django.test import Client

    path = tokens.preferences_url(reader).removeprefix("http://testserver")
    response = Client(enforce_csrf_checks=True).post(path, {"unsubscribe_all": ""})
    assert response.status_code == 403
    assert states(reader)["morning-briefing"] == "confirmed"


@pytest.mark.django_db
def test_download_and_delete_my_data(client, newsletter, reader, mailserver):
    start_edition(make_edition(newsletter, "Monday"))
    # The link in the edition just received is fresh enough for the data (test_reader_links.py: older ones).
    path = link_to(mailserver.messages[-1]["message"], "/newsletters/preferences/")
    download = client.get(path + "data.json")
    assert download["Content-Disposition"] == 'attachment; filename="my-newsletter-data.json"'
    data = json.loads(download.content)
    assert data["email"] == "reader@example.com"
    assert {s["newsletter"]: s["state"] for s in data["subscriptions"]} == {
        "The Morning Briefing": "confirmed",
        "The Weekly Explainer": "confirmed",
    }
    assert data["subscriptions"][0]["consent"]["form"] == "test"
    assert [(e["edition"], e["state"]) for e in data["emails_sent"]] == [("Monday", "sent")]

    refused = client.post(path + "delete/")
    assert refused.status_code == 400 and "Tick the box to confirm." in refused.content.decode()
    assert Subscriber.objects.filter(pk=reader.pk).exists()

    deleted = client.post(path + "delete/", {"confirm": "on"})
    assert "Your data has been deleted" in deleted.content.decode()
    assert not Subscriber.objects.filter(email="reader@example.com").exists()
    assert not Subscription.objects.exists()
    gone = client.get(path)  # the old link leads nowhere, and says why (not "This link does not work")
    assert gone.status_code == 410 and "This address is no longer on our lists" in gone.content.decode()
    again = client.post(path + "delete/", {"confirm": "on"})  # the browser's "resend" after a reload
    assert again.status_code == 410 and "if you deleted your data, it is gone" in again.content.decode()


@pytest.mark.django_db
def test_the_outbox_shows_sent_mail_with_working_links(client, newsletter, tmp_path):
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=tmp_path):
        request_subscriptions("outbox@example.com", [newsletter], Consent("test"))
        listing = client.get("/outbox/")
        html = listing.content.decode()
        assert "Please confirm your subscription to The Morning Briefing" in html
        assert "outbox@example.com" in html
        message_path = next(
            line.split('href="')[1].split('"')[0] for line in html.splitlines() if 'href="/outbox/' in line
        )
        message = client.get(message_path).content.decode()
        assert "List-Unsubscribe" not in message  # a confirmation is not a list message
        assert "http://testserver/newsletters/confirm/" in message  # the plain text, with links made clickable
        frame = client.get(message_path + "html/")
        assert frame["X-Frame-Options"] == "SAMEORIGIN"
        assert '<base target="_top">' in frame.content.decode()
        assert "Yes, subscribe me" in frame.content.decode()

    with override_settings(MASTHEAD_SHOW_OUTBOX=False, EMAIL_FILE_PATH=tmp_path):
        assert client.get("/outbox/").status_code == 404
        assert client.get(message_path).status_code == 404
    assert not mail.outbox


@pytest.mark.django_db
def test_a_link_checkers_head_request_confirms_and_unsubscribes_nothing(client, newsletter, reader):
    pending = make_subscriber("new@example.com", newsletter, state=Subscription.State.PENDING)
    confirm = tokens.confirm_url(pending, [newsletter.pk]).removeprefix("http://testserver")
    unsubscribe = tokens.unsubscribe_url(reader, newsletter).removeprefix("http://testserver")
    for path in (confirm, unsubscribe, tokens.preferences_url(reader).removeprefix("http://testserver")):
        assert client.head(path).status_code == 200
    assert client.head(f"/newsletters/{newsletter.slug}/subscribe/").status_code == 200
    assert states(pending) == {"morning-briefing": "pending"}
    assert states(reader)["morning-briefing"] == "confirmed"


@pytest.mark.django_db
def test_signed_links_with_impossible_contents_get_the_friendly_page(client, newsletter, reader):
    """Only someone holding the secret key can sign these; they still get a 400 page, never a server error."""
    from django.core import signing

    key = reader.key.hex
    dated = {"confirm": tokens.CONFIRM_SALT, "preferences": tokens.PREFERENCES_SALT}
    forged = [
        ("confirm", f"zzz.{newsletter.pk}"),
        ("confirm", f"{key}.{10**30}"),
        ("unsubscribe", f"{key}.²"),
        ("unsubscribe", f"{key}.{10**30}"),
        ("preferences", f"{key}.²"),
        ("preferences", "zzz.0"),
    ]
    links = []
    for route, payload in forged:
        signer = signing.TimestampSigner if route in dated else signing.Signer
        links.append(f"/newsletters/{route}/{signer(salt=dated.get(route, tokens.UNSUBSCRIBE_SALT)).sign(payload)}/")
    # Confirmation and preferences links signed with an empty date, or with none at all.
    for route, salt, payload in [
        ("confirm", tokens.CONFIRM_SALT, f"{key}.{newsletter.pk}"),
        ("preferences", tokens.PREFERENCES_SALT, f"{key}.0"),
    ]:
        links.append(f"/newsletters/{route}/{signing.Signer(salt=salt).sign(payload + ':')}/")
        links.append(f"/newsletters/{route}/{signing.Signer(salt=salt).sign('undated')}/")
    # A preferences link dated far beyond any clock.
    far = signing.TimestampSigner(salt=tokens.PREFERENCES_SALT)
    far.timestamp = lambda: signing.b62_encode(10**20)
    links.append(f"/newsletters/preferences/{far.sign(f'{key}.0')}/")
    for path in links:
        for response in (client.get(path), client.post(path)):
            assert response.status_code == 400, path
            assert "link" in response.content.decode()
    assert states(reader)["morning-briefing"] == "confirmed"


@pytest.mark.django_db
def test_a_newsletter_id_too_big_for_the_database_is_an_invalid_choice(client, newsletter, reader):
    path = tokens.preferences_url(reader).removeprefix("http://testserver")
    response = client.post(path, {"newsletters": ["9223372036854775808"]})
    assert response.status_code == 400
    assert "Your choices have been saved" not in response.content.decode()
    assert NO_LONGER_OFFERED in response.content.decode()
    assert states(reader)["morning-briefing"] == "confirmed"


NO_LONGER_OFFERED = "One of the newsletters you chose is no longer offered. Please check your choice and try again."


def ticked(html):
    """The newsletter ids whose box is ticked on a preferences page."""
    return {int(pk) for pk in re.findall(r'<input type="checkbox" name="newsletters" value="(\d+)"[^>]* checked', html)}


@pytest.mark.django_db
def test_preferences_saved_while_a_newsletter_was_retired_keep_the_readers_ticks_and_say_why(
    client, newsletter, reader
):
    path = tokens.preferences_url(reader).removeprefix("http://testserver")
    sport = Newsletter.objects.get(slug="sport")
    assert client.get(path).status_code == 200
    # The page was open when an editor switched Sport Extra off; the reader keeps the Briefing, drops the
    # Weekly and adds Sport Extra.
    Newsletter.objects.filter(pk=sport.pk).update(active=False)

    response = client.post(path, {"newsletters": [newsletter.pk, sport.pk], "save": ""})

    assert response.status_code == 400
    html = response.content.decode()
    assert NO_LONGER_OFFERED in html
    assert "Your choices have been saved" not in html
    assert ticked(html) == {newsletter.pk}  # what the reader chose, not what is stored
    assert states(reader) == {"morning-briefing": "confirmed", "weekly": "confirmed"}  # nothing half-saved
    again = client.post(path, {"newsletters": [newsletter.pk], "save": ""})
    assert "Your choices have been saved" in again.content.decode()
    assert states(reader) == {"morning-briefing": "confirmed", "weekly": "unsubscribed"}


@pytest.mark.django_db
def test_the_addresses_of_the_preferences_forms_answers_lead_back_to_the_page(client, newsletter, reader):
    path = tokens.preferences_url(reader).removeprefix("http://testserver")
    # "Delete my data" without the tick: the answer's language switcher keeps the address of the form's answer.
    unticked = client.post(path + "delete/", {})
    assert unticked.status_code == 400
    assert "Tick the box to confirm." in unticked.content.decode()
    assert f'href="/uk{path}delete/"' in unticked.content.decode()

    for answer in (path + "delete/", path + "new-link/", f"/uk{path}delete/"):
        opened = client.get(answer)  # the switcher, a reload from the address bar, a bookmark
        assert opened.status_code == 302
        assert opened["Location"] == answer.removesuffix("delete/").removesuffix("new-link/")
        assert client.head(answer).status_code == 302
        assert client.put(answer).status_code == 405
    assert "Your newsletters" in client.get(path + "delete/", follow=True).content.decode()
    assert Subscriber.objects.filter(pk=reader.pk).exists() and len(mail.outbox) == 0  # nothing done by a GET
