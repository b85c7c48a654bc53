"""A newsletter belongs to one edition: offered on its pages, its emails and pages in its language."""

import pytest
from wagtail.models import Locale

from masthead.newsletters.factories import create_newsletter, make_subscriber
from masthead.newsletters.models import Subscription
from masthead.newsletters.tests.conftest import html_of, link_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranok(db):
    return create_newsletter(
        "ranok",
        "Ранок у Києві",
        "П’ять новин, які варто знати до сніданку, щобудня.",
        cadence="Щобудня",
        sender_name="Ранок у Києві",
        sender_email="ranok@news.example.com",
        welcome_text="Перший випуск надійде завтра о 7:00.",
        locale=Locale.objects.get(language_code="uk"),
    )


def test_each_edition_offers_its_own_newsletters(client, newsletter, ranok):
    ukrainian = client.get("/uk/newsletters/").content.decode()
    english = client.get("/newsletters/").content.decode()
    assert "Ранок у Києві" in ukrainian and "The Morning Briefing" not in ukrainian
    assert "Виберіть розсилки" in ukrainian and 'lang="uk"' in ukrainian
    assert "The Morning Briefing" in english and "Ранок у Києві" not in english


def test_a_ukrainian_sign_up_is_confirmed_and_welcomed_in_ukrainian(client, ranok, mailserver):
    response = client.post(
        "/uk/newsletters/ranok/subscribe/",
        {"email": "chytach@example.com", "next": "/uk/", "source": "home page"},
        headers={"Accept": "application/json"},
    )
    assert response.json() == {
        "ok": True,
        "message": "Дякуємо, що підписалися на цю розсилку. Ми надіслали вам лист для підтвердження.",
    }

    [received] = mailserver.messages
    confirmation = received["message"]
    assert confirmation["Subject"].strip() == "Підтвердьте підписку на розсилку «Ранок у Києві»"
    text = confirmation.get_body(("plain",)).get_content()
    assert "Хтось — сподіваємося, ви — попросив надсилати цю розсилку на адресу chytach@example.com" in text
    assert "Посилання діє 7 днів." in text
    assert "Так, підпишіть мене" in html_of(confirmation)
    assert "Please confirm" not in text and "subscribe me" not in html_of(confirmation)
    confirm_path = link_to(confirmation, "/uk/newsletters/confirm/")

    asked = client.get(confirm_path).content.decode()
    assert 'lang="uk"' in asked and "<strong>Ранок у Києві</strong>" in asked
    page = client.post(confirm_path).content.decode()
    assert "Вашу підписку на <strong>Ранок у Києві</strong> підтверджено" in page and 'lang="uk"' in page

    welcome = mailserver.messages[1]["message"]
    assert welcome["Subject"].strip() == "Вітаємо в розсилці «Ранок у Києві»"
    body = welcome.get_body(("plain",)).get_content()
    assert "Перший випуск надійде завтра о 7:00." in body and "Відписатися:" in body
    assert "/uk/newsletters/preferences/" in body


def test_the_preferences_page_lists_a_readers_newsletters_in_both_languages(client, newsletter, ranok, mailserver):
    reader = make_subscriber("both@example.com", newsletter)
    make_subscriber("both@example.com", ranok)
    from masthead.newsletters import tokens

    page = client.get(tokens.preferences_url(reader).removeprefix("http://testserver")).content.decode()
    assert "The Morning Briefing" in page and "Ранок у Києві" in page
    assert Subscription.objects.filter(subscriber=reader, state=Subscription.State.CONFIRMED).count() == 2
