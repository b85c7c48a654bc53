"""Sign-up and double opt-in, end to end against a real SMTP server."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from masthead.newsletters import tokens
from masthead.newsletters.factories import create_newsletter, make_subscriber
from masthead.newsletters.models import Subscriber, Subscription

from .conftest import html_of, link_to

THANKS = "Thank you for signing up for this newsletter. We&#x27;ve sent you a confirmation email."
THANKS_JSON = "Thank you for signing up for this newsletter. We've sent you a confirmation email."
INVALID = "Please enter a valid email address."


def sign_up(client, newsletter, email, json=True, **extra):
    headers = {"Accept": "application/json"} if json else {}
    data = {"email": email, "next": "/politics/budget/", "source": "article page", **extra}
    return client.post(f"/newsletters/{newsletter.slug}/subscribe/", data, headers=headers)


@pytest.mark.django_db
def test_the_whole_opt_in_flow_form_email_link_confirmed_welcome(client, newsletter, mailserver):
    response = sign_up(client, newsletter, "  Reader.One@Example.COM ", json=False)

    # Without JavaScript: post/redirect/get back to the page, where the answer shows in place.
    assert response.status_code == 303
    assert response["Location"] == "/politics/budget/?subscribed=morning-briefing#signup-morning-briefing"
    subscription = Subscription.objects.get()
    assert subscription.subscriber.email == "reader.one@example.com"
    assert subscription.state == Subscription.State.PENDING
    assert (subscription.consent_form, subscription.consent_page) == ("article page", "/politics/budget/")
    assert subscription.consent_at is not None

    [received] = mailserver.messages
    assert received["to"] == ["reader.one@example.com"]
    confirmation = received["message"]
    assert confirmation["Subject"] == "Please confirm your subscription to The Morning Briefing"
    assert confirmation["From"] == "Masthead Morning <morning@news.example.com>"
    assert confirmation.get_content_type() == "multipart/alternative"
    confirm_path = link_to(confirmation, "/newsletters/confirm/")
    assert confirm_path in html_of(confirmation).replace("&amp;", "&")
    assert 'style="' in html_of(confirmation)  # the CSS is inlined for mail apps

    # Opening the link (as a mail scanner does) only asks; the button confirms.
    asked = client.get(confirm_path)
    assert asked.status_code == 200 and "Confirm my subscription" in asked.content.decode()
    assert "<strong>The Morning Briefing</strong>" in asked.content.decode()
    subscription.refresh_from_db()
    assert subscription.state == Subscription.State.PENDING and len(mailserver.messages) == 1
    page = client.post(confirm_path)
    assert page.status_code == 200
    assert "Your subscription to <strong>The Morning Briefing</strong> is confirmed" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.state == Subscription.State.CONFIRMED and subscription.confirmed_at

    assert len(mailserver.messages) == 2
    welcome = mailserver.messages[1]["message"]
    assert welcome["Subject"] == "Welcome to The Morning Briefing"
    assert "Your first briefing arrives tomorrow at 7 a.m." in welcome.get_body(("plain",)).get_content()
    assert welcome["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # A second click is harmless and says so; no second welcome.
    again = client.post(confirm_path)
    assert "is already confirmed" in again.content.decode()
    assert "is already confirmed" in client.get(confirm_path).content.decode()
    assert len(mailserver.messages) == 2


@pytest.mark.django_db
def test_the_answer_is_the_same_for_new_pending_and_confirmed_addresses(client, newsletter, mailserver):
    make_subscriber("known@example.com", newsletter, Subscription.State.CONFIRMED)

    new = sign_up(client, newsletter, "new@example.com")
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        pending = sign_up(client, newsletter, "new@example.com")
        confirmed = sign_up(client, newsletter, "known@example.com")

    assert new.status_code == pending.status_code == confirmed.status_code == 200
    assert new.content == pending.content == confirmed.content
    assert new.json() == {"ok": True, "message": THANKS_JSON}
    # Behind the same answer: a new or pending address gets a (fresh) confirmation, a confirmed one gets nothing.
    assert [m["to"] for m in mailserver.messages] == [["new@example.com"], ["new@example.com"]]
    assert Subscription.objects.get(subscriber__email="known@example.com").state == Subscription.State.CONFIRMED

    # Without JavaScript the redirect is the same too.
    redirects = {
        sign_up(client, newsletter, email, json=False)["Location"] for email in ("a@example.com", "known@example.com")
    }
    assert len(redirects) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["", "not-an-email", "reader@", "reader@example", "a b@example.com", "x@localhost"])
def test_a_bad_address_gets_the_error_next_to_the_field(client, newsletter, mailserver, bad):
    response = sign_up(client, newsletter, bad)
    assert response.status_code == 400
    said = "Please enter your email address." if not bad else INVALID  # an empty field is asked for, not judged
    assert response.json() == {"ok": False, "errors": {"email": said}}

    page = sign_up(client, newsletter, bad, json=False)
    html = page.content.decode()
    assert page.status_code == 400
    assert 'aria-invalid="true"' in html
    assert f'id="signup-morning-briefing-email-error" data-error-for="email" aria-live="polite">{said}</p>' in html
    assert not Subscriber.objects.exists() and not mailserver.messages


@pytest.mark.django_db
def test_the_honeypot_gets_the_same_answer_and_nothing_happens(client, newsletter, mailserver):
    response = sign_up(client, newsletter, "victim@example.com", website="http://spam.example")
    assert response.json() == {"ok": True, "message": THANKS_JSON}
    assert not Subscriber.objects.exists() and not mailserver.messages


@pytest.mark.django_db
def test_at_most_three_confirmation_emails_per_address_per_day(client, newsletter, mailserver):
    start = timezone.now()
    for n in range(5):
        with time_machine.travel(start + timedelta(minutes=5 * n)):
            assert sign_up(client, newsletter, "target@example.com").json()["ok"]
    assert len(mailserver.messages) == 3
    with time_machine.travel(start + timedelta(days=1, minutes=1)):
        sign_up(client, newsletter, "target@example.com")
    assert len(mailserver.messages) == 4


@pytest.mark.django_db
def test_a_form_sent_twice_at_once_sends_one_confirmation(client, newsletter, mailserver):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        answers = [sign_up(client, newsletter, "twice@example.com", json=False) for _ in range(2)]
    assert [a.status_code for a in answers] == [303, 303] and answers[0]["Location"] == answers[1]["Location"]
    [message] = mailserver.messages
    assert client.post(link_to(message["message"], "/newsletters/confirm/")).status_code == 200
    assert Subscription.objects.get(subscriber__email="twice@example.com").state == Subscription.State.CONFIRMED

    # Another newsletter a moment later is a new request, with its own email.
    other = create_newsletter("evening", "The Evening Edition", "The day, wrapped up.")
    with time_machine.travel(start + timedelta(seconds=30)):
        sign_up(client, other, "twice@example.com")
    subjects = [m["message"]["Subject"] for m in mailserver.messages if "confirm" in m["message"]["Subject"]]
    assert subjects == [
        "Please confirm your subscription to The Morning Briefing",
        "Please confirm your subscription to The Evening Edition",
    ]


@pytest.mark.django_db
@override_settings(MASTHEAD_NEWSLETTER_SIGNUPS_PER_CLIENT=3)
def test_one_client_address_is_limited(client, newsletter, mailserver):
    answers = [sign_up(client, newsletter, f"r{n}@example.com").status_code for n in range(5)]
    assert answers == [200, 200, 200, 429, 429]
    limited = sign_up(client, newsletter, "r9@example.com", REMOTE_ADDR="127.0.0.1")
    assert "Too many sign-ups" in limited.json()["message"]
    # A reader of the Ukrainian edition is told in Ukrainian (the message was translated once, at import, in English).
    ukrainian = client.post(
        "/uk/newsletters/subscribe/", {"email": "r10@example.com", "newsletters": [newsletter.slug]}
    )
    assert ukrainian.status_code == 429
    assert "Забагато підписок із вашої мережі. Спробуйте пізніше." in ukrainian.content.decode()
    # Another reader elsewhere is not affected.
    other = client.post(
        f"/newsletters/{newsletter.slug}/subscribe/", {"email": "far@example.com"}, REMOTE_ADDR="203.0.113.9"
    )
    assert other.status_code == 303
    assert len(mailserver.messages) == 4


@pytest.mark.django_db
def test_an_expired_link_offers_a_fresh_one(client, newsletter, mailserver):
    sign_up(client, newsletter, "late@example.com")
    confirm_path = link_to(mailserver.messages[0]["message"], "/newsletters/confirm/")

    with time_machine.travel(timezone.now() + timedelta(days=7, hours=1)):
        page = client.get(confirm_path)
        assert page.status_code == 410
        html = page.content.decode()
        assert "This link has expired" in html
        assert Subscription.objects.get().state == Subscription.State.PENDING

        token = confirm_path.split("/")[-2]
        fresh = client.post("/newsletters/confirm/resend/", {"token": token})
        assert "a new link is on its way" in fresh.content.decode()
        assert len(mailserver.messages) == 2
        new_path = link_to(mailserver.messages[1]["message"], "/newsletters/confirm/")
        assert new_path != confirm_path
        assert "is confirmed" in client.post(new_path).content.decode()
    assert Subscription.objects.get().state == Subscription.State.CONFIRMED


@pytest.mark.django_db
def test_a_tampered_link_shows_a_friendly_page_and_confirms_nothing(client, newsletter, mailserver):
    other = create_newsletter("weekly", "The Weekly Explainer", "One big story, explained.")
    sign_up(client, newsletter, "reader@example.com")
    confirm_path = link_to(mailserver.messages[0]["message"], "/newsletters/confirm/")
    token = confirm_path.split("/")[-2]
    key, ids = token.split(":")[0].split(".")
    tampered = token.replace(f"{key}.{ids}", f"{key}.{other.pk}")

    for path in (f"/newsletters/confirm/{tampered}/", confirm_path[:-8] + "/", "/newsletters/confirm/garbage/"):
        page = client.get(path)
        assert page.status_code == 400
        html = page.content.decode()
        assert "This link does not work" in html
        assert 'name="email"' in html  # the page can send a fresh link
    assert Subscription.objects.get().state == Subscription.State.PENDING
    assert not Subscription.objects.filter(newsletter=other).exists()


@pytest.mark.django_db
def test_the_newsletters_page_signs_up_for_several_at_once_with_one_email(client, newsletter, mailserver):
    weekly = create_newsletter("weekly", "The Weekly Explainer", "One big story, explained.", host_name="Ann Reyes")
    create_newsletter("closed", "Closed Letter", "No longer offered.", active=False)

    page = client.get("/newsletters/")
    html = page.content.decode()
    assert "The Morning Briefing" in html and "The Weekly Explainer" in html and "Ann Reyes" in html
    assert "Closed Letter" not in html
    assert "* </span>" not in html and "indicates required" in html

    response = client.post(
        "/newsletters/subscribe/",
        {"email": "both@example.com", "newsletters": [newsletter.slug, weekly.slug], "next": "/newsletters/"},
    )
    assert response.status_code == 303
    assert response["Location"] == "/newsletters/?subscribed=morning-briefing%2Cweekly#signup-answer"
    assert "We&#x27;ve sent you a confirmation email." in client.get(response["Location"]).content.decode()
    [received] = mailserver.messages
    assert received["message"]["Subject"] == "Please confirm your newsletter subscriptions"
    # From the newsroom, by its name (it was the software's, "Masthead", from DEFAULT_FROM_EMAIL).
    assert received["message"]["From"] == "The Masthead <newsroom@masthead.localhost>"
    client.post(link_to(received["message"], "/newsletters/confirm/"))
    assert set(Subscription.objects.confirmed().values_list("newsletter__slug", flat=True)) == {
        "morning-briefing",
        "weekly",
    }
    assert len(mailserver.messages) == 3  # a welcome from each newsletter

    nothing_ticked = client.post(
        "/newsletters/subscribe/", {"email": "x@example.com"}, headers={"Accept": "application/json"}
    )
    assert nothing_ticked.json()["errors"] == {"newsletters": "Please choose at least one newsletter."}


@pytest.mark.django_db
def test_article_pages_offer_the_configured_newsletters_and_stay_cacheable(client, newroom_with_newsletters):
    article = newroom_with_newsletters["articles"][0]
    response = client.get(article.url)
    html = response.content.decode()

    assert "The Morning Briefing" in html  # show_on_articles
    assert "Home Only" not in html  # not offered on articles
    assert 'action="/newsletters/morning-briefing/subscribe/"' in html
    label = '<label for="signup-morning-briefing-email">Email address <span class="required-mark" aria-hidden="true">*'
    assert label in html
    assert "indicates required" in html and ">Subscribe</button>" in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]

    home = client.get("/").content.decode()
    assert "Home Only" in home and "The Morning Briefing" in home

    thanked = client.get(article.url + "?subscribed=morning-briefing").content.decode()
    assert 'id="signup-morning-briefing-answer" role="status" tabindex="-1">' + THANKS in thanked


@pytest.fixture
def newroom_with_newsletters(newsroom, newsletter):
    create_newsletter("home-only", "Home Only", "Offered on the front page.", show_on_articles=False)
    return newsroom


@pytest.mark.django_db
def test_a_manually_suppressed_address_gets_no_confirmation(client, newsletter, mailserver):
    make_subscriber("stop@example.com").suppress(Subscriber.Suppression.MANUAL, "asked us by phone")
    assert sign_up(client, newsletter, "stop@example.com").json()["ok"]
    assert not mailserver.messages


@pytest.mark.django_db
def test_confirm_token_round_trip(newsletter):
    subscriber = make_subscriber("t@example.com")
    key, ids = tokens.read_confirm_token(tokens.confirm_token(subscriber, [newsletter.pk]))
    assert (key, ids) == (subscriber.key.hex, [newsletter.pk])
    with pytest.raises(tokens.BadToken):
        tokens.read_unsubscribe_token(tokens.confirm_token(subscriber, [newsletter.pk]))


@pytest.mark.django_db
def test_an_invisible_nul_pasted_with_the_address_is_a_bad_address_in_words(client, newsletter):
    answer = sign_up(client, newsletter, "reader@example.com\x00")
    assert answer.status_code == 400
    assert answer.json()["errors"] == {"email": INVALID}

    page = sign_up(client, newsletter, "reader@example.com\x00", json=False)
    assert page.status_code == 400
    html = page.content.decode()
    assert INVALID in html and "Null characters" not in html
    assert 'value="reader@example.com' in html  # what the reader typed stays in the field
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_a_newsletter_retired_while_the_page_was_open_is_said_in_words_and_the_form_kept(client, newsletter):
    weekly = create_newsletter("weekly", "The Weekly Explainer", "One big story, explained.")
    chosen = {"email": "both@example.com", "newsletters": [newsletter.slug, weekly.slug], "next": "/newsletters/"}
    weekly.active = False  # an editor switched it off after the reader opened /newsletters/
    weekly.save()
    retired = "One of the newsletters you chose is no longer offered. Please check your choice and try again."

    answer = client.post("/newsletters/subscribe/", chosen, headers={"Accept": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["errors"] == {"newsletters": retired}

    page = client.post("/newsletters/subscribe/", chosen)
    assert page.status_code == 400
    html = page.content.decode()
    assert retired in html and "is not one of the available choices" not in html
    assert 'value="both@example.com"' in html
    assert re.search(r'value="morning-briefing" id="choose-morning-briefing"\s+aria-describedby="[^"]+" checked', html)
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_signing_up_from_a_page_whose_newsletter_was_retired_offers_the_others_and_keeps_the_address(
    client, newsletter
):
    weekly = create_newsletter("weekly", "The Weekly Explainer", "One big story, explained.")
    weekly.active = False  # switched off after the reader's page (with its sidebar form) was made
    weekly.save()
    retired = "This newsletter is no longer offered. You can sign up for our other newsletters here."

    page = client.post(f"/newsletters/{weekly.slug}/subscribe/", {"email": "reader@example.com"})
    assert page.status_code == 410
    html = page.content.decode()
    assert retired in html and "The Morning Briefing" in html and "The Weekly Explainer" not in html
    assert 'value="reader@example.com"' in html  # what the reader typed is not lost
    as_json = {"Accept": "application/json"}
    answer = client.post(f"/newsletters/{weekly.slug}/subscribe/", {"email": "reader@example.com"}, headers=as_json)
    assert answer.status_code == 410 and answer.json() == {
        "ok": False,
        "message": "This newsletter is no longer offered. Our other newsletters are on the Newsletters page.",
    }
    assert client.get(f"/newsletters/{weekly.slug}/subscribe/").status_code == 410
    assert client.post("/newsletters/never-existed/subscribe/", {"email": "reader@example.com"}).status_code == 404
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_the_addresses_of_the_sign_up_answers_lead_back_to_the_form(client, newsletter):
    # A mistyped address on /newsletters/ answers at /newsletters/subscribe/; the language switcher keeps that
    # address, and a reload from the address bar asks for it again: both used to get a blank 405.
    mistyped = client.post("/newsletters/subscribe/", {"email": "reader@", "newsletters": [newsletter.slug]})
    assert mistyped.status_code == 400
    assert 'href="/uk/newsletters/subscribe/"' in mistyped.content.decode()

    for answer, form_page in [
        ("/newsletters/subscribe/", "/newsletters/"),
        ("/uk/newsletters/subscribe/", "/uk/newsletters/"),
        ("/newsletters/confirm/resend/", "/newsletters/"),
        ("/uk/newsletters/confirm/resend/", "/uk/newsletters/"),
    ]:
        opened = client.get(answer)
        assert (opened.status_code, opened["Location"]) == (302, form_page)
        assert client.head(answer).status_code == 302
        assert client.delete(answer).status_code == 405
    assert "reader@" in mistyped.content.decode()  # the error page itself kept what was typed
    assert "Choose your newsletters" in client.get("/newsletters/subscribe/", follow=True).content.decode()
    assert not Subscriber.objects.exists()
