"""A document in a password-protected collection (Wagtail's collection privacy "password") as a reader meets it:
its form answers in the edition the document's link belongs to, and wrong guesses are limited as on pages."""

import re

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction


@pytest.fixture
def minutes(db, newsroom, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    private = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="letmein"
    )
    return Document.objects.create(
        title="Minutes", collection=private, file=ContentFile(b"Minutes of the board.", name="minutes.txt")
    )


def form_action(html):
    return re.search(r'<form[^>]* action="([^"]+)"', html).group(1)


def in_ukrainian(text):
    with translation.override("uk"):
        return gettext(text)


@override_settings(MASTHEAD_PAGE_PASSWORD_ATTEMPTS=3)
def test_a_documents_password_form_in_the_ukrainian_edition_answers_in_ukrainian_with_the_limit(client, minutes):
    with translation.override("uk"):
        address = minutes.url  # as a Ukrainian page links to it
    assert address.startswith("/uk/documents/")
    html = client.get(address).content.decode()
    assert '<html lang="uk">' in html and in_ukrainian("Password required") in html
    action = form_action(html)
    assert action.startswith("/uk/")

    wrong = client.post(action, {"password": "guess", "return_url": address})
    assert wrong.status_code == 200
    assert '<html lang="uk">' in wrong.content.decode()
    assert in_ukrainian("The password you have entered is not correct. Please try again.") in wrong.content.decode()
    # Wagtail's own Ukrainian read «Пароль. який ви ввели…» (masthead/locale_apps corrects it).
    assert "Пароль, який ви ввели, не є коректним." in wrong.content.decode()
    answers = [client.post(action, {"password": "guess", "return_url": address}) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    refused = answers[-1].content.decode()
    assert in_ukrainian("Too many wrong passwords from your network. Please try again later.") in refused
    assert '<html lang="uk">' in refused and 'class="skip-link"' in refused
    # Even the right password waits, from that address; another reader gets the document.
    assert client.post(action, {"password": "letmein", "return_url": address}).status_code == 429
    other = {"REMOTE_ADDR": "203.0.113.9"}
    right = client.post(action, {"password": "letmein", "return_url": address}, **other)
    assert right.status_code == 302 and right["Location"] == address
    assert b"".join(client.get(address, **other).streaming_content) == b"Minutes of the board."


@override_settings(MASTHEAD_PAGE_PASSWORD_ATTEMPTS=2)
def test_guesses_at_an_english_documents_password_are_limited_and_the_form_leads_back_to_the_site(client, minutes):
    address = minutes.url
    assert address.startswith("/documents/")
    html = client.get(address).content.decode()
    assert '<html lang="en">' in html and "You need a password to access this document." in html
    action = form_action(html)
    answers = [client.post(action, {"password": "guess", "return_url": address}).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    # Wagtail's own view took a return address that is not a path for the name of a view: a server error.
    right = client.post(action, {"password": "letmein", "return_url": "list"}, REMOTE_ADDR="203.0.113.9")
    assert right.status_code == 302 and right["Location"] == "/"
