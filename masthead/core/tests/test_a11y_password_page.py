"""A password-protected page (Wagtail's page privacy "password") as a reader meets it, in both editions: the form
in the site's page shell (skip link, landmarks, the edition's language, a way home), a head that tells nothing of
the page behind the password, the error tied to the field and focused, and the limit on guesses in each edition."""

import re

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from masthead.articles import factories as f


def protect(page, password="letmein"):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )


@pytest.fixture
def protected(newsroom):
    """The budget story behind a password in each edition (a restriction belongs to one page, not its translations)."""
    english = newsroom["articles"][0]
    ukrainian = f.make_ukrainian_edition(newsroom)["articles"][0]
    english.standfirst = "A secret standfirst nobody may read without the password."
    english.save_revision().publish()
    protect(english)
    protect(ukrainian)
    return {"en": english, "uk": ukrainian}


def form_action(html):
    return re.search(r'<form[^>]* action="([^"]+)"', html).group(1)


@pytest.mark.django_db
@override_settings(MASTHEAD_PAGE_PASSWORD_ATTEMPTS=3)
def test_guesses_are_limited_in_the_ukrainian_edition_too_and_answered_in_ukrainian(client, protected):
    page = protected["uk"]
    action = form_action(client.get(page.url).content.decode())
    wrong = client.post(action, {"password": "guess", "return_url": page.url})
    assert wrong.status_code == 200
    assert 'lang="uk"' in wrong.content.decode()
    answers = [client.post(action, {"password": "guess", "return_url": page.url}).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    # Wagtail's own view, which the /uk/ form had reached, let a form with a return address that is not a path
    # end in a server error; the site's view leads back to the page.
    other_reader = {"REMOTE_ADDR": "203.0.113.9"}
    right = client.post(action, {"password": "letmein", "return_url": "list"}, **other_reader)
    assert right.status_code == 302 and right["Location"] == page.url
